package lsa

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/topics/tfidf"
	"gonum.org/v1/gonum/mat"
)

// randomCSR returns a rows × cols matrix with about density × rows × cols
// non-zero entries, uniform in (0, 1], from a seeded generator.
func randomCSR(t testing.TB, rows, cols int, density float64, seed uint64) *tfidf.CSR {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	indptr := []int{0}
	var indices []int
	var data []float64
	for range rows {
		for j := range cols {
			if rng.Float64() < density {
				indices = append(indices, j)
				data = append(data, 1-rng.Float64())
			}
		}
		indptr = append(indptr, len(indices))
	}
	m, err := tfidf.NewCSR(rows, cols, indptr, indices, data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// lowRankCSR returns a sparse rows × cols matrix whose singular values
// decay fast: rows fall into groups, each group using its own block of
// columns with a shared pattern scaled per row, plus sparse noise.
func lowRankCSR(t testing.TB, rows, cols, groups int, seed uint64) *tfidf.CSR {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	width := cols / groups
	pattern := make([][]float64, groups)
	for g := range groups {
		pattern[g] = make([]float64, width)
		for j := range width {
			if rng.Float64() < 0.4 {
				pattern[g][j] = 1 + rng.Float64()
			}
		}
	}
	indptr := []int{0}
	var indices []int
	var data []float64
	for i := range rows {
		g := i % groups
		scale := float64(groups-g) * (0.5 + rng.Float64())
		for j := range cols {
			v := 0.0
			if j/width == g && j%width < width {
				v = scale * pattern[g][j%width]
			}
			if rng.Float64() < 0.02 {
				v += 0.05 * rng.Float64()
			}
			if v != 0 {
				indices = append(indices, j)
				data = append(data, v)
			}
		}
		indptr = append(indptr, len(indices))
	}
	m, err := tfidf.NewCSR(rows, cols, indptr, indices, data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// fullSVDValues returns every singular value of m by gonum's dense SVD.
func fullSVDValues(t testing.TB, m *tfidf.CSR) []float64 {
	t.Helper()
	var svd mat.SVD
	if !svd.Factorize(m.Dense(), mat.SVDNone) {
		t.Fatal("gonum SVD failed")
	}
	return svd.Values(nil)
}

func mustLSA(t testing.TB, x *tfidf.CSR, k int, opts ...Option) *Model {
	t.Helper()
	a, err := Fit(context.Background(), x, k, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestLSAExactAgainstGonum(t *testing.T) {
	x := randomCSR(t, 30, 50, 0.15, 7)
	want := fullSVDValues(t, x)
	// l = k + p reaches min(rows, cols) = 30: the decomposition is exact.
	a := mustLSA(t, x, 12, WithOversampling(100), WithPowerIterations(1))
	got := a.Values()
	if len(got) != 12 {
		t.Fatalf("%d values, want 12", len(got))
	}
	for i, v := range got {
		if math.Abs(v-want[i]) > 1e-9*want[0] {
			t.Errorf("σ%d = %.12g, gonum %.12g", i, v, want[i])
		}
	}
}

func TestLSARandomizedAgainstGonum(t *testing.T) {
	x := lowRankCSR(t, 120, 200, 6, 3)
	want := fullSVDValues(t, x)
	a := mustLSA(t, x, 6) // default oversampling and power iterations
	for i, v := range a.Values() {
		if rel := math.Abs(v-want[i]) / want[i]; rel > 1e-6 {
			t.Errorf("σ%d = %.9g, gonum %.9g (relative error %.2g)", i, v, want[i], rel)
		}
	}
	// On a matrix with a flat spectrum the leading values are still close.
	r := randomCSR(t, 80, 120, 0.1, 11)
	want = fullSVDValues(t, r)
	a = mustLSA(t, r, 5)
	for i, v := range a.Values() {
		if rel := math.Abs(v-want[i]) / want[i]; rel > 0.03 {
			t.Errorf("random matrix: σ%d = %.6g, gonum %.6g (relative error %.2g)", i, v, want[i], rel)
		}
	}
}

// TestLSATall checks a matrix with more documents than terms, which the
// algorithm handles through its transpose.
func TestLSATall(t *testing.T) {
	x := lowRankCSR(t, 200, 60, 4, 8)
	want := fullSVDValues(t, x)
	a := mustLSA(t, x, 4)
	for i, v := range a.Values() {
		if rel := math.Abs(v-want[i]) / want[i]; rel > 1e-6 {
			t.Errorf("σ%d = %.9g, gonum %.9g", i, v, want[i])
		}
	}
	c := a.Components()
	var g mat.Dense
	g.Mul(c, c.T())
	if !mat.EqualApprox(&g, eye(4), 1e-10) {
		t.Errorf("components not orthonormal: %v", mat.Formatted(&g))
	}
	if !mat.EqualApprox(a.Documents(), a.Transform(x), 1e-12) {
		t.Error("Documents differs from Transform of the same matrix")
	}
	exact := mustLSA(t, x, 60, WithPowerIterations(0))
	for i, v := range exact.Values() {
		if math.Abs(v-want[i]) > 1e-9*want[0] {
			t.Errorf("full rank: σ%d = %.12g, gonum %.12g", i, v, want[i])
		}
	}
}

func TestLSAReconstruction(t *testing.T) {
	x := lowRankCSR(t, 60, 90, 4, 5)
	want := fullSVDValues(t, x)
	for _, k := range []int{2, 4, 10} {
		a := mustLSA(t, x, k)
		var rec mat.Dense
		rec.Mul(a.Documents(), a.Components()) // X V Vᵀ
		var diff mat.Dense
		diff.Sub(x.Dense(), &rec)
		got := mat.Norm(&diff, 2) // Frobenius norm
		// Eckart–Young: the best rank-k error is the norm of the
		// discarded singular values.
		var tail float64
		for _, s := range want[k:] {
			tail += s * s
		}
		tail = math.Sqrt(tail)
		if got > tail*(1+1e-4)+1e-9 {
			t.Errorf("k=%d: reconstruction error %.6g, optimum %.6g", k, got, tail)
		}
	}

	// Components are orthonormal; Documents is Transform of the matrix.
	a := mustLSA(t, x, 4)
	c := a.Components()
	var g mat.Dense
	g.Mul(c, c.T())
	if !mat.EqualApprox(&g, eye(4), 1e-10) {
		t.Errorf("components not orthonormal: %v", mat.Formatted(&g))
	}
	if !mat.EqualApprox(a.Documents(), a.Transform(x), 1e-12) {
		t.Error("Documents differs from Transform of the same matrix")
	}
	// Each column of the projection has its singular value as length.
	d := a.Documents()
	for j, s := range a.Values() {
		if n := mat.Norm(d.ColView(j), 2); math.Abs(n-s) > 1e-6*s {
			t.Errorf("column %d: length %.9g, σ %.9g", j, n, s)
		}
	}
	if !slices.IsSortedFunc(a.Values(), func(p, q float64) int { return -cmpFloat(p, q) }) {
		t.Errorf("values not decreasing: %v", a.Values())
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func eye(n int) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i := range n {
		m.Set(i, i, 1)
	}
	return m
}

func TestLSADeterministic(t *testing.T) {
	x := randomCSR(t, 50, 70, 0.1, 9)
	a := mustLSA(t, x, 8, WithSeed(42))
	b := mustLSA(t, x, 8, WithSeed(42))
	if !mat.Equal(a.Documents(), b.Documents()) || !mat.Equal(a.Components(), b.Components()) || !slices.Equal(a.Values(), b.Values()) {
		t.Error("same seed, different results")
	}
	c := mustLSA(t, x, 8, WithSeed(43))
	if mat.Equal(a.Components(), c.Components()) {
		t.Error("another seed gave bit-identical components: is the seed used?")
	}
	for i, v := range c.Values()[:3] {
		if math.Abs(v-a.Values()[i]) > 0.05*v {
			t.Errorf("σ%d: %v with one seed, %v with another", i, a.Values()[i], v)
		}
	}
}

func TestLSATransformNewRows(t *testing.T) {
	x := lowRankCSR(t, 40, 60, 3, 2)
	a := mustLSA(t, x, 3)
	// A new row equal to row 5 projects as row 5 did.
	cols, vals := x.Row(5)
	row, err := tfidf.NewCSR(1, 60, []int{0, len(cols)}, slices.Clone(cols), slices.Clone(vals))
	if err != nil {
		t.Fatal(err)
	}
	got := a.Transform(row)
	want := a.Documents().RowView(5)
	if !mat.EqualApprox(got.RowView(0), want, 1e-12) {
		t.Errorf("transform %v, want %v", mat.Formatted(got), mat.Formatted(want.T()))
	}
	empty, _ := tfidf.NewCSR(0, 60, []int{0}, nil, nil)
	if a.Transform(empty) != nil {
		t.Error("Transform of no rows: want nil")
	}
	defer func() {
		if recover() == nil {
			t.Error("Transform with the wrong number of columns did not panic")
		}
	}()
	wrong, _ := tfidf.NewCSR(1, 59, []int{0, 0}, nil, nil)
	a.Transform(wrong)
}

func TestLSAErrors(t *testing.T) {
	ctx := context.Background()
	x := randomCSR(t, 10, 20, 0.3, 1)
	noRows, _ := tfidf.NewCSR(0, 20, []int{0}, nil, nil)
	noCols, _ := tfidf.NewCSR(3, 0, []int{0, 0, 0, 0}, nil, nil)
	if _, err := Fit(ctx, noRows, 2); !errors.Is(err, tfidf.ErrEmptyCorpus) {
		t.Errorf("no rows: %v", err)
	}
	if _, err := Fit(ctx, noCols, 2); !errors.Is(err, tfidf.ErrEmptyVocabulary) {
		t.Errorf("no columns: %v", err)
	}
	if _, err := Fit(ctx, x, 0); !errors.Is(err, ErrBadRank) {
		t.Errorf("k = 0: %v", err)
	}
	for _, o := range []Option{WithOversampling(-1), WithPowerIterations(-1), WithPowerIterations(101)} {
		if _, err := Fit(ctx, x, 2, o); err == nil {
			t.Error("invalid option accepted")
		}
	}
	// k beyond min(rows, cols) is reduced.
	a := mustLSA(t, x, 50)
	if a.K() != 10 {
		t.Errorf("K = %d, want 10", a.K())
	}
	if d, terms := a.Dims(); d != 10 || terms != 20 {
		t.Errorf("Dims = %d, %d", d, terms)
	}
	// An all-zero matrix has zero singular values and no NaN.
	zero, _ := tfidf.NewCSR(4, 6, make([]int, 5), nil, nil)
	z := mustLSA(t, zero, 2)
	for _, v := range z.Values() {
		if v != 0 {
			t.Errorf("zero matrix: σ = %v", v)
		}
	}
	for _, v := range z.Documents().RawMatrix().Data {
		if v != 0 || math.IsNaN(v) {
			t.Fatalf("zero matrix: projection %v", v)
		}
	}
}

func TestLSAContext(t *testing.T) {
	x := randomCSR(t, 30, 40, 0.2, 4)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Fit(ctx, x, 3); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

var sinkLSA *Model

func BenchmarkFit(b *testing.B) {
	for _, size := range []struct {
		name       string
		docs, cols int
		k          int
	}{
		{"docs=1000/terms=20000/k=100", 1000, 20000, 100},
		{"docs=5000/terms=40000/k=100", 5000, 40000, 100},
	} {
		b.Run(size.name, func(b *testing.B) {
			// About 150 distinct terms per document, as in news articles.
			x := randomCSR(b, size.docs, size.cols, 150/float64(size.cols), 1)
			b.ReportAllocs()
			for b.Loop() {
				a, err := Fit(context.Background(), x, size.k)
				if err != nil {
					b.Fatal(err)
				}
				sinkLSA = a
			}
		})
	}
	b.Run("ant-dev/k=100", func(b *testing.B) {
		texts := devdata.Texts(b)
		s, err := tfidf.NewSpace(texts, nil, tfidf.WithSublinearTF())
		if err != nil {
			b.Fatal(err)
		}
		x := s.Transform(texts)
		b.ReportAllocs()
		for b.Loop() {
			a, err := Fit(context.Background(), x, 100)
			if err != nil {
				b.Fatal(err)
			}
			sinkLSA = a
		}
	})
}

// TestLSAConcurrent uses one LSA from parallel subtests (run with -race).
func TestLSAConcurrent(t *testing.T) {
	x := lowRankCSR(t, 40, 60, 3, 6)
	a := mustLSA(t, x, 3)
	want := a.Documents()
	for i := range 4 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			if !mat.Equal(a.Transform(x), want) || len(a.Values()) != 3 {
				t.Error("concurrent Transform differs")
			}
			a.Components()
		})
	}
}
