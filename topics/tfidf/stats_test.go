package tfidf

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sumStats adds up the TextStats of texts the way a distributed job
// does: texts in a shuffled order, split into parts summed apart, then
// the parts merged, the terms listed in no particular order.
func sumStats(texts []string, opts TermOptions, parts int, seed uint64) []TermStats {
	order := rand.New(rand.NewPCG(seed, 1)).Perm(len(texts))
	partial := make([]map[string]*TermStats, parts)
	for i, doc := range order {
		p := i % parts
		if partial[p] == nil {
			partial[p] = map[string]*TermStats{}
		}
		for _, s := range TextStats(texts[doc], opts) {
			if acc, ok := partial[p][s.Key]; ok {
				acc.Add(s)
			} else {
				partial[p][s.Key] = &s
			}
		}
	}
	total := map[string]*TermStats{}
	for _, m := range partial {
		for k, s := range m {
			if acc, ok := total[k]; ok {
				acc.Add(*s)
			} else {
				c := TermStats{Key: k}
				c.Add(*s)
				total[k] = &c
			}
		}
	}
	var out []TermStats
	for _, s := range total {
		out = append(out, *s)
	}
	return out
}

func TestNewSpaceFromStats(t *testing.T) {
	_, articles := readArticles(t)
	var texts []string
	for _, a := range articles {
		for p := range strings.SplitSeq(a, "\n") {
			if strings.TrimSpace(p) != "" {
				texts = append(texts, p)
			}
		}
	}
	texts = append(texts, "#كوريا_الشمالية تطلق صاروخا، والولايات المتحدة تدين #كوريا_الشمالية", "", "123 456 !!")
	cases := []struct {
		name  string
		opts  TermOptions
		vopts []VectorizerOption
		topts []WeightOption
	}{
		{"defaults", TermOptions{}, nil, nil},
		{"bigrams", TermOptions{Bigrams: true}, nil, nil},
		{"min df", TermOptions{}, []VectorizerOption{WithMinDF(2)}, nil},
		{"max df and features", TermOptions{}, []VectorizerOption{WithMaxDF(0.05), WithMaxFeatures(300)}, []WeightOption{WithSublinearTF()}},
		{"bigrams, limits, plain idf", TermOptions{Bigrams: true}, []VectorizerOption{WithMinDF(2), WithMaxFeatures(500)}, []WeightOption{WithPlainIDF(), WithoutNormalization()}},
	}
	for _, tc := range cases {
		vopts := append([]VectorizerOption{WithTermOptions(tc.opts)}, tc.vopts...)
		want, err := NewSpace(texts, vopts, tc.topts...)
		if err != nil {
			t.Fatal(err)
		}
		var wantFile bytes.Buffer
		if _, err := want.WriteTo(&wantFile); err != nil {
			t.Fatal(err)
		}
		for _, parts := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/parts=%d", tc.name, parts), func(t *testing.T) {
				got, err := NewSpaceFromStats(len(texts), sumStats(texts, tc.opts, parts, uint64(parts)), vopts, tc.topts...)
				if err != nil {
					t.Fatal(err)
				}
				gv, wv := got.Vectorizer(), want.Vectorizer()
				if !slices.Equal(gv.Vocabulary(), wv.Vocabulary()) {
					t.Fatalf("vocabulary: %d terms, want %d", gv.Len(), wv.Len())
				}
				for j := range wv.Len() {
					if gv.DF(j) != wv.DF(j) || gv.Surface(j) != wv.Surface(j) {
						t.Fatalf("%q: df %d, surface %q; want %d, %q", wv.Term(j), gv.DF(j), gv.Surface(j), wv.DF(j), wv.Surface(j))
					}
				}
				if !slices.Equal(got.Weights().IDFs(), want.Weights().IDFs()) || got.Weights().String() != want.Weights().String() {
					t.Errorf("idf differs: %v, want %v", got.Weights(), want.Weights())
				}
				// The saved files are byte for byte the same: common
				// terms, limits and weighting included.
				var gotFile bytes.Buffer
				if _, err := got.WriteTo(&gotFile); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(gotFile.Bytes(), wantFile.Bytes()) {
					t.Errorf("saved space differs from NewSpace's (%d and %d bytes)", gotFile.Len(), wantFile.Len())
				}
				if gv.TermOptions().Bigrams != tc.opts.Bigrams {
					t.Error("term options not kept")
				}
			})
		}
	}
}

func TestTextStats(t *testing.T) {
	got := TextStats("الانتخابات، انتخابات والانتخابات في بغداد. #بغداد", TermOptions{})
	want := []TermStats{
		{Key: "انتخاب", DF: 1, Surfaces: map[string]int{"الانتخابات": 1, "انتخابات": 1, "والانتخابات": 1}},
		{Key: "بغداد", DF: 1, Surfaces: map[string]int{"بغداد": 2}},
	}
	if len(got) != len(want) {
		t.Fatalf("%+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Key != want[i].Key || got[i].DF != 1 || fmt.Sprint(got[i].Surfaces) != fmt.Sprint(want[i].Surfaces) {
			t.Errorf("%+v, want %+v", got[i], want[i])
		}
	}
	if s := TextStats("في من 123", TermOptions{}); len(s) != 0 {
		t.Errorf("no terms: %+v", s)
	}
}

func TestTermStatsAdd(t *testing.T) {
	var s TermStats
	s.Key = "نفط"
	s.Add(TermStats{Key: "نفط", DF: 1, Surfaces: map[string]int{"النفط": 2}})
	s.Add(TermStats{Key: "نفط", DF: 2, Surfaces: map[string]int{"النفط": 1, "نفط": 3}})
	if s.DF != 3 || s.Surfaces["النفط"] != 3 || s.Surfaces["نفط"] != 3 {
		t.Errorf("%+v", s)
	}
	defer func() {
		if recover() == nil {
			t.Error("adding another term did not panic")
		}
	}()
	s.Add(TermStats{Key: "غاز", DF: 1})
}

func TestNewSpaceFromStatsErrors(t *testing.T) {
	one := map[string]int{"النفط": 1}
	tests := []struct {
		name  string
		n     int
		stats []TermStats
		want  error
	}{
		{"no documents", 0, []TermStats{{Key: "نفط", DF: 1, Surfaces: one}}, ErrEmptyCorpus},
		{"no terms", 3, nil, ErrEmptyVocabulary},
		{"listed twice", 3, []TermStats{{Key: "نفط", DF: 1, Surfaces: one}, {Key: "غاز", DF: 1, Surfaces: one}, {Key: "نفط", DF: 2, Surfaces: one}}, ErrStats},
		{"df above n", 3, []TermStats{{Key: "نفط", DF: 4, Surfaces: one}}, ErrStats},
		{"df zero", 3, []TermStats{{Key: "نفط", DF: 0, Surfaces: one}}, ErrStats},
		{"no key", 3, []TermStats{{DF: 1, Surfaces: one}}, ErrStats},
		{"no surface", 3, []TermStats{{Key: "نفط", DF: 1}}, ErrStats},
		{"surface counted zero times", 3, []TermStats{{Key: "نفط", DF: 1, Surfaces: map[string]int{"النفط": 0}}}, ErrStats},
	}
	for _, tt := range tests {
		if _, err := NewSpaceFromStats(tt.n, tt.stats, nil); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := NewSpaceFromStats(3, []TermStats{{Key: "نفط", DF: 1, Surfaces: one}}, []VectorizerOption{WithMinDF(0)}); err == nil {
		t.Error("an invalid option accepted")
	}
}

func ExampleNewSpaceFromStats() {
	texts := []string{"ارتفعت أسعار النفط", "النفط والغاز", "أسعار الذهب"}
	// Each machine adds up the statistics of its own texts; here, one.
	sums := map[string]*TermStats{}
	for _, text := range texts {
		for _, s := range TextStats(text, TermOptions{}) {
			if acc, ok := sums[s.Key]; ok {
				acc.Add(s)
			} else {
				sums[s.Key] = &s
			}
		}
	}
	var stats []TermStats
	for _, s := range sums {
		stats = append(stats, *s)
	}
	space, err := NewSpaceFromStats(len(texts), stats, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	v := space.Vectorizer()
	for j := range v.Len() {
		fmt.Println(v.Surface(j), v.DF(j))
	}
	// Output:
	// ارتفعت 1
	// أسعار 2
	// الذهب 1
	// والغاز 1
	// النفط 2
}
