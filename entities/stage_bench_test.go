package entities

import (
	"testing"
)

// BenchmarkStages measures each stage of extraction with a model over
// the test articles: tokenizing, the document analysis, the recognisers,
// the features and the tagger.
func BenchmarkStages(b *testing.B) {
	x := extractor(b)
	articles := benchArticles(b)
	size := 0
	for _, a := range articles {
		size += len(a)
	}
	b.Run("tokenize", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range articles {
				benchSink += len(x.cfg.tz.Tokenize(a))
			}
		}
	})
	b.Run("document", func(b *testing.B) {
		toks := make([][]any, 0)
		_ = toks
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range articles {
				benchSink += len(newDocument(a, x.cfg.tz.Tokenize(a), x.lex).Words)
			}
		}
	})
	b.Run("recognize", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range articles {
				benchSink += len(x.recognize(a, x.cfg.tz.Tokenize(a)).Candidates)
			}
		}
	})
	b.Run("features", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		f := &featurizer{parts: x.parts}
		for b.Loop() {
			for _, a := range articles {
				doc := x.recognize(a, x.cfg.tz.Tokenize(a))
				f.prepare(doc, doc.Candidates)
				sentenceBounds(doc.Tokens, func(s, e int) { benchSink += len(f.sentence(s, e)) })
			}
		}
	})
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range articles {
				benchSink += len(x.Extract(a).Mentions)
			}
		}
	})
}
