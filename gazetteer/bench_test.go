package gazetteer

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabar-nlp/khabar/tokenize"
)

var benchSink int

// Arabic letters weighted roughly as in running text.
const benchLetters = "اااالللممميييووونننررربببتتتههدسعقفكحجشصطزخذثضظغءئؤة"

// syntheticEntries makes entries with four aliases each, totalling about
// n aliases of one to three Arabic-looking words, from a seeded source.
func syntheticEntries(n int) []Entry {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	letters := []rune(benchLetters)
	word := func() string {
		k := 4 + rng.IntN(6)
		w := make([]rune, k)
		for i := range w {
			w[i] = letters[rng.IntN(len(letters))]
		}
		return string(w)
	}
	name := func() string {
		words := make([]string, 1+rng.IntN(3))
		for i := range words {
			words[i] = word()
		}
		return strings.Join(words, " ")
	}
	types := []Type{PER, LOC, ORG}
	entries := make([]Entry, 0, n/4+1)
	for i := 0; i*4 < n; i++ {
		entries = append(entries, Entry{
			ID:      fmt.Sprintf("per:synthetic-%d", i),
			Type:    types[i%3],
			Name:    name(),
			Aliases: []string{name(), name(), name()},
			Prior:   float64(rng.IntN(100)) / 100,
		})
	}
	return entries
}

var syntheticIndexes sync.Map // n → *Index

func syntheticIndex(b *testing.B, n int) *Index {
	if x, ok := syntheticIndexes.Load(n); ok {
		return x.(*Index)
	}
	bl := NewBuilder()
	for _, e := range syntheticEntries(n) {
		if err := bl.Add(e); err != nil {
			b.Fatal(err)
		}
	}
	x, err := bl.Build()
	if err != nil {
		b.Fatal(err)
	}
	syntheticIndexes.Store(n, x)
	return x
}

var benchSizes = []struct {
	name string
	n    int
}{{"aliases=1e3", 1_000}, {"aliases=1e5", 100_000}, {"aliases=1e6", 1_000_000}}

// BenchmarkBuild measures building an index and reports the heap it
// keeps per alias.
func BenchmarkBuild(b *testing.B) {
	for _, size := range benchSizes {
		entries := syntheticEntries(size.n)
		b.Run(size.name, func(b *testing.B) {
			var heap uint64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				bl := NewBuilder()
				for _, e := range entries {
					if err := bl.Add(e); err != nil {
						b.Fatal(err)
					}
				}
				x, err := bl.Build()
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				heap = after.HeapAlloc - before.HeapAlloc
				benchSink += x.Len()
				runtime.KeepAlive(x)
			}
			b.ReportMetric(float64(heap)/float64(size.n), "heapB/alias")
		})
	}
}

// BenchmarkLoadCompiled measures reading the compiled form.
func BenchmarkLoadCompiled(b *testing.B) {
	for _, size := range benchSizes {
		x := syntheticIndex(b, size.n)
		var buf bytes.Buffer
		if _, err := x.WriteTo(&buf); err != nil {
			b.Fatal(err)
		}
		data := buf.Bytes()
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				y, err := ReadCompiled(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				benchSink += y.Len()
			}
			b.ReportMetric(float64(len(data))/float64(size.n), "fileB/alias")
		})
	}
}

// BenchmarkExactLookup looks up surface keys, half of them present.
func BenchmarkExactLookup(b *testing.B) {
	for _, size := range benchSizes {
		x := syntheticIndex(b, size.n)
		queries := make([]string, 0, 1024)
		for i := 0; len(queries) < cap(queries); i++ {
			k := x.keys.strs[(i*7919)%len(x.keys.strs)]
			if i%2 == 1 {
				k += "ن" // absent
			}
			queries = append(queries, k)
		}
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				benchSink += len(x.postings(queries[i%len(queries)]))
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
		})
	}
}

// BenchmarkFuzzyLookup looks up keys with one letter changed and reports
// the latency distribution.
func BenchmarkFuzzyLookup(b *testing.B) {
	for _, size := range benchSizes {
		x := syntheticIndex(b, size.n)
		rng := rand.New(rand.NewPCG(7, 7))
		letters := []rune(benchLetters)
		var queries []string
		for len(queries) < 2000 {
			r := []rune(x.keys.strs[rng.IntN(len(x.keys.strs))])
			if len(r) < 6 {
				continue
			}
			r[1+rng.IntN(len(r)-2)] = letters[rng.IntN(len(letters))]
			queries = append(queries, string(r))
		}
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			lat := make([]time.Duration, 0, b.N)
			i := 0
			for b.Loop() {
				start := time.Now()
				benchSink += len(x.fuzzyLookup(queries[i%len(queries)], fuzzyMinLetters))
				lat = append(lat, time.Since(start))
				i++
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
		})
	}
}

// BenchmarkFind matches the testdata articles against the default
// gazetteer and a 1M-alias synthetic one.
func BenchmarkFind(b *testing.B) {
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	if len(files) == 0 {
		b.Fatal("no testdata articles")
	}
	var texts []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	toks := make([][]tokenize.Token, len(texts))
	for i, t := range texts {
		toks[i] = tokenize.Tokenize(t)
	}
	def, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		x    *Index
	}{{"default", def}, {"aliases=1e6", syntheticIndex(b, 1_000_000)}} {
		for _, fuzzy := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/fuzzy=%v", c.name, fuzzy), func(b *testing.B) {
				b.SetBytes(int64(size))
				b.ReportAllocs()
				for b.Loop() {
					for i, t := range texts {
						benchSink += len(c.x.Find(t, toks[i], FindOptions{Fuzzy: fuzzy}))
					}
				}
				b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "articles/s")
			})
		}
	}
}
