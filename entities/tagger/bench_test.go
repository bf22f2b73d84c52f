package tagger

import (
	"bytes"
	"context"
	"sync"
	"testing"
)

// benchModels trains, once per test binary, the models of the
// benchmarks on the synthetic corpus of about 110k tokens, dropping the
// values seen once (about 200k values are left for the CRF).
var benchModels = sync.OnceValues(func() (map[Method]*Model, error) {
	train := synthCorpus(1, 4400)
	out := make(map[Method]*Model)
	for _, m := range []Method{CRF, Perceptron} {
		model, err := Train(context.Background(), synthTemplates(), train, WithMethod(m), WithMinCount(2))
		if err != nil {
			return nil, err
		}
		out[m] = model
	}
	return out, nil
})

var (
	sinkLabels []int
	sinkProbs  []float64
	sinkSpans  []Span
)

func benchSetup(b *testing.B, m Method) (*Model, [][][]Obs, int) {
	b.Helper()
	models, err := benchModels()
	if err != nil {
		b.Fatal(err)
	}
	test := synthCorpus(9, 400)
	sents := make([][][]Obs, len(test))
	tokens := 0
	for i, s := range test {
		sents[i] = s.Obs
		tokens += len(s.Obs)
	}
	return models[m], sents, tokens
}

// perToken runs f over the sentences b.N times and reports the wall and
// CPU time per token.
func perToken(b *testing.B, sents [][][]Obs, tokens int, f func([][]Obs)) {
	b.ReportAllocs()
	lockThread()
	defer unlockThread()
	cpu := threadCPU()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			f(s)
		}
	}
	b.StopTimer()
	n := float64(b.N) * float64(tokens)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/token")
	b.ReportMetric(float64((threadCPU()-cpu).Nanoseconds())/n, "cpu-ns/token")
}

func BenchmarkTag(b *testing.B) {
	for _, m := range []Method{CRF, Perceptron} {
		b.Run(m.String(), func(b *testing.B) {
			model, sents, tokens := benchSetup(b, m)
			perToken(b, sents, tokens, func(s [][]Obs) { sinkLabels = model.Tag(s, sinkLabels) })
			lookups, fetched := weightsFetched(model, sents)
			b.ReportMetric(float64(model.Len()), "values")
			b.ReportMetric(float64(lookups)/float64(tokens), "obs/token")
			b.ReportMetric(float64(fetched)/float64(tokens), "weights/token")
		})
	}
}

// weightsFetched counts the observations of the sentences and the
// weights the model adds for them: with the Viterbi steps, what tagging
// costs.
func weightsFetched(m *Model, sents [][][]Obs) (lookups, weights int) {
	mask := len(m.slots) - 1
	for _, s := range sents {
		for _, tok := range s {
			for _, o := range tok {
				lookups++
				k := key(o.Template, o.Value)
				for i := int(k>>m.shift) & mask; m.slots[i].b != 0; i = (i + 1) & mask {
					if sl := m.slots[i]; sl.key == k {
						if sl.b&inlineFlag != 0 {
							weights++
						} else {
							weights += int(sl.b - sl.a)
						}
						break
					}
				}
			}
		}
	}
	return lookups, weights
}

func BenchmarkMarginals(b *testing.B) {
	model, sents, tokens := benchSetup(b, CRF)
	perToken(b, sents, tokens, func(s [][]Obs) { sinkProbs = model.Marginals(s, sinkProbs) })
}

func BenchmarkTagSpans(b *testing.B) {
	model, sents, tokens := benchSetup(b, CRF)
	perToken(b, sents, tokens, func(s [][]Obs) { sinkSpans = model.TagSpans(s, sinkSpans) })
}

func BenchmarkReadModel(b *testing.B) {
	models, err := benchModels()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := models[CRF].WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadModel(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "file-bytes")
	b.ReportMetric(float64(len(data))/float64(models[CRF].Parameters()), "bytes/weight")
	b.ReportMetric(float64(models[CRF].MemoryUsage())/float64(models[CRF].Parameters()), "mem-bytes/weight")
}

// BenchmarkLookup compares the model's open-addressing table with a Go
// map holding the same slots: lookups of a synthetic text's
// observations, and building from the model's values.
func BenchmarkLookup(b *testing.B) {
	model, sents, tokens := benchSetup(b, CRF)
	var keys []uint64
	var vals []slot
	for _, s := range model.slots {
		if s.b != 0 {
			keys = append(keys, s.key)
			vals = append(vals, s)
		}
	}
	mp := make(map[uint64]slot, len(keys))
	for i, k := range keys {
		mp[k] = vals[i]
	}
	var sink uint32
	b.Run("table", func(b *testing.B) {
		slots, shift := model.slots, model.shift
		mask := len(slots) - 1
		perToken(b, sents, tokens, func(s [][]Obs) {
			for _, tok := range s {
				for _, o := range tok {
					k := key(o.Template, o.Value)
					for i := int(k>>shift) & mask; ; i = (i + 1) & mask {
						if sl := &slots[i]; sl.key == k && sl.b != 0 {
							sink += sl.a
							break
						} else if sl.b == 0 {
							break
						}
					}
				}
			}
		})
	})
	b.Run("map", func(b *testing.B) {
		perToken(b, sents, tokens, func(s [][]Obs) {
			for _, tok := range s {
				for _, o := range tok {
					if sl, ok := mp[key(o.Template, o.Value)]; ok {
						sink += sl.a
					}
				}
			}
		})
	})
	b.Run("build-table", func(b *testing.B) {
		b.ReportAllocs()
		var m Model
		for b.Loop() {
			m.newTable(len(keys))
			for i, k := range keys {
				mask := len(m.slots) - 1
				j := int(k>>m.shift) & mask
				for m.slots[j].b != 0 {
					j = (j + 1) & mask
				}
				m.slots[j] = vals[i]
			}
		}
	})
	b.Run("build-map", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			mp := make(map[uint64]slot, len(keys))
			for i, k := range keys {
				mp[k] = vals[i]
			}
		}
	})
	_ = sink
}

// BenchmarkTrain trains on a small synthetic corpus (300 sentences,
// about 7,500 tokens): a fixed number of iterations, so that the
// figure is the cost of an iteration rather than of convergence.
func BenchmarkTrain(b *testing.B) {
	train := synthCorpus(5, 300)
	tokens := 0
	for _, s := range train {
		tokens += len(s.Obs)
	}
	for _, m := range []Method{CRF, Perceptron} {
		b.Run(m.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Train(context.Background(), synthTemplates(), train, WithMethod(m),
					WithMaxIterations(10), WithTolerance(0)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(10*tokens), "ns/token-iteration")
		})
	}
}
