package tokenize

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchSink keeps benchmark results alive.
var benchSink int

// benchTexts returns the testdata articles and a 1 MB text made of them.
func benchTexts(b *testing.B) map[string]string {
	b.Helper()
	files, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no testdata articles: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		all.Write(data)
		all.WriteByte('\n')
	}
	articles := all.String()
	big := strings.Repeat(articles, 1<<20/len(articles)+1)[:1<<20]
	for len(big) > 0 && big[len(big)-1]&0xC0 == 0x80 { // cut on a rune boundary
		big = big[:len(big)-1]
	}
	return map[string]string{"articles": articles, "1MB": big}
}

func BenchmarkNormalize(b *testing.B) {
	for _, name := range []string{"articles", "1MB"} {
		text := benchTexts(b)[name]
		for _, steps := range []struct {
			name  string
			steps Step
		}{{"default", DefaultSteps}, {"key", KeySteps}} {
			n := NewNormalizer(steps.steps)
			b.Run(name+"/"+steps.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					benchSink += len(n.String(text))
				}
			})
		}
	}
}

// BenchmarkNormalizeTokens normalises word by word, as the tokenizer does.
func BenchmarkNormalizeTokens(b *testing.B) {
	text := benchTexts(b)["articles"]
	words := strings.Fields(text)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		for _, w := range words {
			benchSink += len(Key(w))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkTokenize(b *testing.B) {
	for _, name := range []string{"articles", "1MB"} {
		text := benchTexts(b)[name]
		ntok := len(Tokenize(text))
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				benchSink += len(Tokenize(text))
			}
			b.ReportMetric(float64(testing.AllocsPerRun(1, func() { Tokenize(text) }))/float64(ntok), "allocs/token")
		})
	}
}

// BenchmarkList builds the compact form of the same texts (compare
// BenchmarkTokenize's B/op).
func BenchmarkList(b *testing.B) {
	for _, name := range []string{"articles", "1MB"} {
		text := benchTexts(b)[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			var l *List
			for b.Loop() {
				l, _ = Default().List(context.Background(), text)
			}
			benchSink += l.Len()
			b.ReportMetric(float64(l.MemoryUsage())/float64(l.Len()), "B/token")
		})
	}
}

// BenchmarkScanner reads tokens without collecting them.
func BenchmarkScanner(b *testing.B) {
	text := benchTexts(b)["1MB"]
	s := Default().Scanner(text)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Reset(text)
		for s.Next() {
			benchSink++
		}
	}
}
