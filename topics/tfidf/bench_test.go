package tfidf

import (
	"testing"

	"github.com/khabar-nlp/khabar/internal/devdata"
)

func readDev(b *testing.B) []string { return devdata.Texts(b) }

var sinkCSR *CSR

func benchCorpus(b *testing.B, texts []string) {
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.Run("fit", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(size))
		for b.Loop() {
			s, err := NewSpace(texts, nil)
			if err != nil {
				b.Fatal(err)
			}
			sinkCSR = s.Transform(texts)
		}
	})
	s, err := NewSpace(texts, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("transform", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(size))
		for b.Loop() {
			sinkCSR = s.Transform(texts)
		}
	})
	b.Run("keywords", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, t := range texts {
				s.Keywords(t, 10)
			}
		}
	})
}

func BenchmarkTFIDF(b *testing.B) {
	b.Run("articles", func(b *testing.B) {
		_, texts := readArticles(b)
		benchCorpus(b, texts)
	})
	b.Run("ant-dev", func(b *testing.B) {
		benchCorpus(b, readDev(b))
	})
}

// fitTermsPath is the bench's former fit+transform: terms once, then
// NewVectorizerTerms, TransformTerms, NewWeights and Transform.
func fitTermsPath(texts []string) (*Space, *CSR, error) {
	docs := make([][]Term, len(texts))
	for i, t := range texts {
		docs[i] = Terms(t, TermOptions{})
	}
	v, err := NewVectorizerTerms(docs)
	if err != nil {
		return nil, nil, err
	}
	counts := v.TransformTerms(docs)
	w, err := NewWeights(counts)
	if err != nil {
		return nil, nil, err
	}
	return NewSpaceFrom(v, w), w.Transform(counts), nil
}

func BenchmarkFitTransform(b *testing.B) {
	texts := readDev(b)
	if len(texts) > 1000 {
		texts = texts[:1000]
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.Run("terms", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(size))
		for b.Loop() {
			_, m, err := fitTermsPath(texts)
			if err != nil {
				b.Fatal(err)
			}
			sinkCSR = m
		}
	})
	b.Run("one-pass", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(size))
		for b.Loop() {
			_, m, err := NewSpaceTransform(texts, nil)
			if err != nil {
				b.Fatal(err)
			}
			sinkCSR = m
		}
	})
}
