package tfidf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/tokenize"
)

// refSpace is a plain reference for NewSpaceTransform: Terms of each
// text, then maps keyed by strings, as the vectorizer did before the
// one-pass fit.
type refSpace struct {
	vocab, surfaces []string
	df              []int
	common          []string
	counts          [][]float64 // document → column → count
}

func newRefSpace(texts []string, opts TermOptions, minDF int, maxDF float64, maxFeat int) refSpace {
	type stat struct {
		df, count int
		surf      map[string]int
	}
	stats := map[string]*stat{}
	docs := make([][]Term, len(texts))
	for i, text := range texts {
		docs[i] = Terms(text, opts)
		seen := map[string]bool{}
		for _, t := range docs[i] {
			st := stats[t.Key]
			if st == nil {
				st = &stat{surf: map[string]int{}}
				stats[t.Key] = st
			}
			st.count++
			st.surf[t.Surface]++
			if !seen[t.Key] {
				seen[t.Key] = true
				st.df++
			}
		}
	}
	maxDocs := int(math.Floor(maxDF*float64(len(texts)) + 1e-9))
	var r refSpace
	var cands []string
	for k, st := range stats {
		switch {
		case st.df > maxDocs:
			r.common = append(r.common, k)
		case st.df >= minDF:
			cands = append(cands, k)
		}
	}
	if maxFeat > 0 && len(cands) > maxFeat {
		slices.SortFunc(cands, func(a, b string) int {
			if d := stats[b].count - stats[a].count; d != 0 {
				return d
			}
			return strings.Compare(a, b)
		})
		cands = cands[:maxFeat]
	}
	slices.Sort(cands)
	col := map[string]int{}
	for j, k := range cands {
		col[k] = j
		var sc []surfaceCount
		for s, n := range stats[k].surf {
			sc = append(sc, surfaceCount{s, n})
		}
		r.vocab = append(r.vocab, k)
		r.surfaces = append(r.surfaces, bestSurface(sc))
		r.df = append(r.df, stats[k].df)
	}
	for _, d := range docs {
		row := make([]float64, len(cands))
		for _, t := range d {
			if j, ok := col[t.Key]; ok {
				row[j]++
			}
		}
		r.counts = append(r.counts, row)
	}
	return r
}

func TestNewSpaceTransformAgainstReference(t *testing.T) {
	_, articles := readArticles(t)
	// Paragraphs make a corpus of many small documents, with hashtags,
	// numbers and repeated word forms.
	var texts []string
	for _, a := range articles {
		for p := range strings.SplitSeq(a, "\n") {
			if strings.TrimSpace(p) != "" {
				texts = append(texts, p)
			}
		}
	}
	texts = append(texts, "#كوريا_الشمالية تطلق صاروخا، والولايات المتحدة تدين #كوريا_الشمالية", "", "123 456 !!")
	extra := func(text string) []string {
		if strings.Contains(text, "العراق") {
			return []string{"Q796", "", "Q796"}
		}
		return nil
	}
	cases := []struct {
		name           string
		opts           TermOptions
		minDF, maxFeat int
		maxDF          float64
	}{
		{"words", TermOptions{}, 1, 0, 1},
		{"bigrams", TermOptions{Bigrams: true}, 1, 0, 1},
		{"extra", TermOptions{Extra: extra}, 1, 0, 1},
		{"limits", TermOptions{}, 2, 300, 0.05},
		{"bigrams-limits", TermOptions{Bigrams: true, Extra: extra}, 2, 500, 0.1},
	}
	for _, tc := range cases {
		ref := newRefSpace(texts, tc.opts, tc.minDF, tc.maxDF, tc.maxFeat)
		vopts := []VectorizerOption{WithTermOptions(tc.opts), WithMinDF(tc.minDF), WithMaxDF(tc.maxDF), WithMaxFeatures(tc.maxFeat)}
		c, err := newVectorizerConfig(vopts)
		if err != nil {
			t.Fatal(err)
		}
		for _, workers := range []int{1, 2, 3, 7} {
			t.Run(fmt.Sprintf("%s/workers=%d", tc.name, workers), func(t *testing.T) {
				f, err := fitTexts(c, texts, workers)
				if err != nil {
					t.Fatal(err)
				}
				v := f.vec
				if !slices.Equal(v.vocab, ref.vocab) {
					t.Fatalf("vocabulary: %d terms, want %d", len(v.vocab), len(ref.vocab))
				}
				if !slices.Equal(v.surfaces, ref.surfaces) {
					t.Errorf("surfaces differ")
				}
				if !slices.Equal(v.df, ref.df) {
					t.Errorf("document frequencies differ")
				}
				for _, k := range ref.common {
					if !v.IsCommon(k) {
						t.Errorf("%q not common", k)
					}
				}
				if len(v.common) != len(ref.common) {
					t.Errorf("%d common terms, want %d", len(v.common), len(ref.common))
				}
				counts := buildCSR(f.cs, len(texts), v.Len(), f.colOf, nil)
				checkCSR(t, counts)
				for i, row := range ref.counts {
					for j, want := range row {
						if got := counts.At(i, j); got != want {
							t.Fatalf("count (%d, %d) = %v, want %v", i, j, got, want)
						}
					}
				}
				// TF-IDF: bit for bit what NewWeights and Transform give.
				for _, topts := range [][]WeightOption{nil, {WithSublinearTF(), WithPlainIDF()}, {WithoutNormalization()}} {
					w, err := NewWeights(counts, topts...)
					if err != nil {
						t.Fatal(err)
					}
					want := w.Transform(counts)
					got := buildCSR(f.cs, len(texts), v.Len(), f.colOf, newWeights(len(texts), v.df, topts))
					if !slices.Equal(got.indptr, want.indptr) || !slices.Equal(got.indices, want.indices) || !slices.Equal(got.data, want.data) {
						t.Fatalf("TF-IDF %v differs", w)
					}
				}
			})
		}
	}
}

// checkCSR checks the invariants NewCSR checks.
func checkCSR(t *testing.T, m *CSR) {
	t.Helper()
	if _, err := NewCSR(m.rows, m.cols, m.indptr, m.indices, m.data); err != nil {
		t.Fatal(err)
	}
}

func TestNewSpaceTransformMatchesNewSpace(t *testing.T) {
	_, texts := readArticles(t)
	for _, o := range []TermOptions{{}, {Bigrams: true}} {
		vopts := []VectorizerOption{WithTermOptions(o)}
		s1, err := NewSpace(texts, vopts, WithSublinearTF())
		if err != nil {
			t.Fatal(err)
		}
		s2, m2, err := NewSpaceTransform(texts, vopts, WithSublinearTF())
		if err != nil {
			t.Fatal(err)
		}
		m1 := s1.Transform(texts)
		if !slices.Equal(s1.vec.vocab, s2.vec.vocab) || !slices.Equal(s1.vec.surfaces, s2.vec.surfaces) || !slices.Equal(s1.tfidf.idf, s2.tfidf.idf) {
			t.Fatal("spaces differ")
		}
		if !slices.Equal(m1.indptr, m2.indptr) || !slices.Equal(m1.indices, m2.indices) || !slices.Equal(m1.data, m2.data) {
			t.Fatal("matrices differ")
		}
		// The path through Terms gives the same too.
		docs := make([][]Term, len(texts))
		for i, text := range texts {
			docs[i] = Terms(text, o)
		}
		v, err := NewVectorizerTerms(docs, vopts...)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(v.vocab, s2.vec.vocab) || !slices.Equal(v.surfaces, s2.vec.surfaces) {
			t.Fatal("NewVectorizerTerms differs")
		}
		c := v.TransformTerms(docs)
		w, err := NewWeights(c, WithSublinearTF())
		if err != nil {
			t.Fatal(err)
		}
		if m3 := w.Transform(c); !slices.Equal(m3.data, m2.data) || !slices.Equal(m3.indices, m2.indices) {
			t.Fatal("path through Terms differs")
		}
	}
}

func TestNewSpaceTransformErrors(t *testing.T) {
	if _, _, err := NewSpaceTransform(nil, nil); err != ErrEmptyCorpus {
		t.Errorf("no texts: %v", err)
	}
	if _, _, err := NewSpaceTransform([]string{"في على 12"}, nil); err != ErrEmptyVocabulary {
		t.Errorf("no terms: %v", err)
	}
	if _, _, err := NewSpaceTransform([]string{"نص"}, []VectorizerOption{WithMinDF(0)}); err == nil {
		t.Error("bad option accepted")
	}
}

// TestNewSpaceTransformDev checks the one-pass fit against the path
// through Terms on the dev set, when present: vocabulary, surfaces and
// the TF-IDF matrix, bit for bit.
func TestNewSpaceTransformDev(t *testing.T) {
	if testing.Short() {
		t.Skip("short: skipping the dev set")
	}
	texts := devdata.Texts(t)
	want, wantM, err := fitTermsPath(texts)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := newVectorizerConfig(nil)
	for _, workers := range []int{1, 2} {
		f, err := fitTexts(c, texts, workers)
		if err != nil {
			t.Fatal(err)
		}
		got := f.vec
		if !slices.Equal(got.vocab, want.vec.vocab) || !slices.Equal(got.surfaces, want.vec.surfaces) || !slices.Equal(got.df, want.vec.df) {
			t.Fatalf("workers=%d: vocabularies differ", workers)
		}
		m := buildCSR(f.cs, len(texts), got.Len(), f.colOf, newWeights(len(texts), got.df, nil))
		if !slices.Equal(m.indptr, wantM.indptr) || !slices.Equal(m.indices, wantM.indices) || !slices.Equal(m.data, wantM.data) {
			t.Fatalf("workers=%d: matrices differ", workers)
		}
	}
}

func TestTransformWorkers(t *testing.T) {
	_, articles := readArticles(t)
	var texts []string
	for _, a := range articles {
		texts = append(texts, strings.Split(a, "\n")...)
	}
	for _, o := range []TermOptions{{}, {Bigrams: true}} {
		v, err := NewVectorizer(texts[:len(texts)/2], WithTermOptions(o))
		if err != nil {
			t.Fatal(err)
		}
		docs := make([][]Term, len(texts))
		for i, text := range texts {
			docs[i] = Terms(text, o)
		}
		want := v.TransformTerms(docs)
		for _, workers := range []int{1, 2, 5} {
			got := v.transformTexts(texts, workers)
			if !slices.Equal(got.indptr, want.indptr) || !slices.Equal(got.indices, want.indices) || !slices.Equal(got.data, want.data) {
				t.Errorf("bigrams %v, workers %d: Transform differs from TransformTerms", o.Bigrams, workers)
			}
		}
	}
}

func TestAppendStem(t *testing.T) {
	_, articles := readArticles(t)
	buf := []byte("x")
	for _, a := range articles {
		for _, w := range strings.Fields(a + " والمعلمون الانتخابات كتابها Ab\xff") {
			buf = tokenize.AppendStem(buf[:1], w)
			if got, want := string(buf[1:]), tokenize.Stem(w); got != want || buf[0] != 'x' {
				t.Fatalf("AppendStem(%q) = %q, want %q", w, got, want)
			}
		}
	}
}
