package topics

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

const devData = "../../shared/data/news-topics-dev/ant-v2.1-dev.jsonl"

func readDev(b *testing.B) []string { return readDevTexts(b) }

// readDevTexts returns "title\ntext" of each article of the dev set, or
// skips tb if it is absent.
func readDevTexts(b testing.TB) []string {
	b.Helper()
	f, err := os.Open(devData)
	if err != nil {
		b.Skipf("dev data absent (%v): skipping", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, rec.Title+"\n"+rec.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return texts
}

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
// NewVectorizerTerms, TransformTerms, NewTFIDF and Transform.
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
	w, err := NewTFIDF(counts)
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

// BenchmarkClassifier trains each kind of classifier on the dev set (its
// TF-IDF space fitted once, outside the timing) and scores one article.
func BenchmarkClassifier(b *testing.B) {
	f, err := os.Open(devData)
	if err != nil {
		b.Skipf("dev data absent (%v): skipping", err)
	}
	docs, err := ReadLabeledJSONL(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	space, err := NewSpaceLabeled(docs, DefaultTitleWeight, []VectorizerOption{WithMinDF(2)}, WithSublinearTF())
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		train func(*Space, []LabeledDoc, ...ClassifierOption) (*Classifier, error)
	}{{"linear", TrainLinear}, {"centroid", TrainCentroid}, {"bayes", TrainBayes}} {
		var c *Classifier
		b.Run(tc.name+"/train", func(b *testing.B) {
			for b.Loop() {
				if c, err = tc.train(space, docs); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/score", func(b *testing.B) {
			if c == nil {
				b.Skip("not trained")
			}
			d := Document{Title: docs[0].Title, Text: docs[0].Text}
			b.ReportAllocs()
			b.SetBytes(int64(len(d.Title) + len(d.Text)))
			for b.Loop() {
				c.Score(d)
			}
		})
	}
}
