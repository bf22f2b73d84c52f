package entities

import (
	"bytes"
	"testing"
)

// BenchmarkStages measures each stage of extraction with the default
// model over the test articles, one article per operation: tokenizing,
// the document analysis and the recognisers, the tagger's features, the
// features and the tagger, and the whole extraction. The stages before
// the one measured run outside the timer.
func BenchmarkStages(b *testing.B) {
	x := extractor(b)
	articles := benchArticles(b)
	docs := make([]*Document, len(articles))
	tokens := 0
	for i, a := range articles {
		docs[i] = x.recognize(a, x.cfg.tz.Tokenize(a))
		tokens += len(docs[i].Tokens)
	}
	perToken := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(tokens)*float64(len(articles)), "ns/token")
	}
	b.Run("recognize", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			a := articles[i%len(articles)]
			benchSink += len(x.recognize(a, x.cfg.tz.Tokenize(a)).Candidates)
			i++
		}
		perToken(b)
	})
	b.Run("features", func(b *testing.B) {
		b.ReportAllocs()
		f := &featurizer{parts: x.parts}
		i := 0
		for b.Loop() {
			doc := docs[i%len(docs)]
			f.prepare(doc, doc.Candidates)
			sentenceBounds(doc.Tokens, func(s, e int) { benchSink += len(f.sentence(s, e)) })
			i++
		}
		perToken(b)
	})
	b.Run("tag", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			doc := docs[i%len(docs)]
			m, _ := x.tag(doc, doc.Candidates)
			benchSink += len(m)
			i++
		}
		perToken(b)
	})
}

// BenchmarkReadDefaultModel measures reading the embedded model, which
// DefaultModel does once per process.
func BenchmarkReadDefaultModel(b *testing.B) {
	b.SetBytes(int64(len(defaultModelFile)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := ReadModel(bytes.NewReader(defaultModelFile))
		if err != nil {
			b.Fatal(err)
		}
		benchSink += m.Size()
	}
}
