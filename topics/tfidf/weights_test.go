package tfidf

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// toyDocs is the 3-document corpus of the hand-computed tests:
//
//	d0: a a b   → counts a=2 b=1 c=0
//	d1: a c     → counts a=1 b=0 c=1
//	d2: a       → counts a=1 b=0 c=0
//
// so n = 3, df(a) = 3, df(b) = 1, df(c) = 1.
func toyDocs() [][]Term {
	w := func(keys ...string) []Term {
		var ts []Term
		for _, k := range keys {
			ts = append(ts, Term{Key: k, Surface: k, Kind: Word})
		}
		return ts
	}
	return [][]Term{w("a", "a", "b"), w("a", "c"), w("a")}
}

func toyCounts(t *testing.T) (*Vectorizer, *CSR) {
	t.Helper()
	v, err := NewVectorizerTerms(toyDocs())
	if err != nil {
		t.Fatal(err)
	}
	return v, v.TransformTerms(toyDocs())
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func checkMatrix(t *testing.T, got mat.Matrix, want [][]float64) {
	t.Helper()
	r, c := got.Dims()
	if r != len(want) || c != len(want[0]) {
		t.Fatalf("dims %d×%d, want %d×%d", r, c, len(want), len(want[0]))
	}
	for i := range want {
		for j := range want[i] {
			if g := got.At(i, j); !near(g, want[i][j]) {
				t.Errorf("At(%d,%d) = %.16g, want %.16g", i, j, g, want[i][j])
			}
		}
	}
}

func TestTFIDFHandComputed(t *testing.T) {
	v, counts := toyCounts(t)
	if got := v.Vocabulary(); len(got) != 3 || got[0] != "a" || got[1] != "b" || got[2] != "c" {
		t.Fatalf("vocabulary %q, want [a b c]", got)
	}
	checkMatrix(t, counts, [][]float64{{2, 1, 0}, {1, 0, 1}, {1, 0, 0}})

	// Smooth idf = ln((1+n)/(1+df)) + 1 with n = 3:
	//   a: ln(4/4) + 1 = 1
	//   b, c: ln(4/2) + 1 = 1 + ln 2 = 1.6931471805599454
	const idfB = 1.6931471805599454
	// Rows tf × idf, then divided by their Euclidean norm:
	//   d0: (2, idfB, 0) / sqrt(4 + idfB²)  = (2, 1.6931…) / 2.6204… = (0.7632282916276542, 0.6461289150464732, 0)
	//   d1: (1, 0, idfB) / sqrt(1 + idfB²)  = (0.5085423203783267, 0, 0.8610369959439764)
	//   d2: (1, 0, 0) / 1                   = (1, 0, 0)
	t.Run("smooth", func(t *testing.T) {
		tf, err := NewWeights(counts)
		if err != nil {
			t.Fatal(err)
		}
		for j, want := range []float64{1, idfB, idfB} {
			if !near(tf.IDF(j), want) {
				t.Errorf("IDF(%d) = %v, want %v", j, tf.IDF(j), want)
			}
		}
		checkMatrix(t, tf.Transform(counts), [][]float64{
			{0.7632282916276542, 0.6461289150464732, 0},
			{0.5085423203783267, 0, 0.8610369959439764},
			{1, 0, 0},
		})
	})
	// Without normalisation the rows are tf × idf: (2, idfB, 0), (1, 0, idfB), (1, 0, 0).
	t.Run("smooth-raw", func(t *testing.T) {
		tf, _ := NewWeights(counts, WithoutNormalization())
		checkMatrix(t, tf.Transform(counts), [][]float64{{2, idfB, 0}, {1, 0, idfB}, {1, 0, 0}})
	})
	// Plain idf = ln(n/df) + 1: a = ln(3/3) + 1 = 1; b, c = ln 3 + 1 = 2.09861228866811.
	//   d0: (2, 2.0986…, 0) / sqrt(4 + 2.0986…²) = (0.6898941937363924, 0.7239102164279855, 0)
	//   d1: (1, 0, 2.0986…) / sqrt(1 + 2.0986…²) = (0.430165282498796, 0, 0.9027501480103622)
	t.Run("plain", func(t *testing.T) {
		tf, _ := NewWeights(counts, WithPlainIDF())
		if !near(tf.IDF(1), 2.09861228866811) {
			t.Errorf("plain IDF(b) = %v", tf.IDF(1))
		}
		got := tf.Transform(counts)
		checkMatrix(t, got, [][]float64{
			{0.6898941937363924, 0.7239102164279855, 0},
			{0.430165282498796, 0, 0.9027501480103622},
			{1, 0, 0},
		})
	})
	// Sublinear tf: d0's a has tf = 1 + ln 2 = idfB, times idf(a) = 1, and b
	// has tf 1 × idfB, so d0 = (idfB, idfB, 0)/norm = (1/√2, 1/√2, 0).
	t.Run("sublinear", func(t *testing.T) {
		tf, _ := NewWeights(counts, WithSublinearTF())
		r := math.Sqrt2 / 2
		checkMatrix(t, tf.Transform(counts), [][]float64{
			{r, r, 0},
			{0.5085423203783267, 0, 0.8610369959439764},
			{1, 0, 0},
		})
	})
	t.Run("unseen", func(t *testing.T) {
		tf, _ := NewWeights(counts)
		if want := math.Log(4) + 1; !near(tf.UnseenIDF(), want) {
			t.Errorf("UnseenIDF = %v, want %v", tf.UnseenIDF(), want)
		}
	})
}

func TestTFIDFEmpty(t *testing.T) {
	empty, _ := NewCSR(0, 3, []int{0}, nil, nil)
	if _, err := NewWeights(empty); !errors.Is(err, ErrEmptyCorpus) {
		t.Errorf("no rows: err %v, want ErrEmptyCorpus", err)
	}
	noCols, _ := NewCSR(2, 0, []int{0, 0, 0}, nil, nil)
	if _, err := NewWeights(noCols); !errors.Is(err, ErrEmptyVocabulary) {
		t.Errorf("no columns: err %v, want ErrEmptyVocabulary", err)
	}
}

func TestTFIDFShapePanics(t *testing.T) {
	_, counts := toyCounts(t)
	tf, _ := NewWeights(counts)
	other, _ := NewCSR(1, 2, []int{0, 0}, nil, nil)
	defer func() {
		if recover() == nil {
			t.Error("Transform with wrong column count did not panic")
		}
	}()
	tf.Transform(other)
}
