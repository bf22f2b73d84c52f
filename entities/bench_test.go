package entities

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/gazetteer"
)

var benchSink int

// benchArticles cuts the text of the testdata articles, one after the
// other, into pieces of 4 KB or a little more, at line breaks: the size
// of a typical news article.
func benchArticles(b *testing.B) []string {
	b.Helper()
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	var out []string
	var cur strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for line := range strings.Lines(string(data)) {
			cur.WriteString(line)
			if cur.Len() >= 4096 {
				out = append(out, cur.String())
				cur.Reset()
			}
		}
	}
	if len(out) == 0 {
		b.Fatal("no testdata articles")
	}
	return out
}

// countedGazetteer builds a gazetteer of n aliases whose names are spelled
// from their number in base 28 over the Arabic letters: deterministic,
// distinct, and Arabic-looking, with the default gazetteer beside them.
func countedGazetteer(b *testing.B, n int) *gazetteer.Index {
	b.Helper()
	letters := []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
	word := func(i int) string {
		var r []rune
		for k := 0; k < 5 || i > 0; k++ {
			r = append(r, letters[i%len(letters)])
			i /= len(letters)
		}
		return string(r)
	}
	def, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	bl := gazetteer.NewBuilder()
	if err := bl.AddIndex(def); err != nil {
		b.Fatal(err)
	}
	bl.SetPriority(1)
	for i := 0; i*4 < n; i++ {
		e := gazetteer.Entry{ID: fmt.Sprintf("per:counted-%d", i), Type: gazetteer.PER, Name: word(4*i) + " " + word(4*i+1),
			Aliases: []string{word(4*i + 1), word(4*i+2) + " " + word(4*i+3) + " " + word(4*i), word(4*i + 3)}}
		if err := bl.Add(e); err != nil {
			b.Fatal(err)
		}
	}
	x, err := bl.Build()
	if err != nil {
		b.Fatal(err)
	}
	return x
}

// BenchmarkExtract measures articles per second on one core (run with
// -cpu 1) with the default gazetteer and with a 1M-alias one.
func BenchmarkExtract(b *testing.B) {
	articles := benchArticles(b)
	size := 0
	for _, a := range articles {
		size += len(a)
	}
	for _, c := range []struct {
		name string
		x    func() *Extractor
	}{
		{"default", func() *Extractor { return extractor(b) }},
		{"no-model", func() *Extractor {
			x, err := New(WithoutModel())
			if err != nil {
				b.Fatal(err)
			}
			return x
		}},
		{"aliases=1e6", func() *Extractor {
			x, err := New(WithGazetteer(countedGazetteer(b, 1_000_000)))
			if err != nil {
				b.Fatal(err)
			}
			return x
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			x := c.x()
			b.SetBytes(int64(size / len(articles)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				benchSink += len(x.Extract(articles[i%len(articles)]).Entities)
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
