package tagger

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// tinyDataset returns the dataset of a few tiny sentences.
func tinyDataset(t *testing.T, n int) *dataset {
	t.Helper()
	train := tinyCorpus(31, n)
	types, err := collectTypes(train)
	if err != nil {
		t.Fatal(err)
	}
	tmpls, err := checkTemplates(tinyTemplates)
	if err != nil {
		t.Fatal(err)
	}
	d, err := newDataset(tmpls, newLabelIndex(types), train, 1)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCRFGradient(t *testing.T) {
	d := tinyDataset(t, 6)
	obj := newCRFObjective(context.Background(), d, 0.1, 2)
	rng := rand.New(rand.NewPCG(5, 5))
	theta := make([]float64, d.nParams())
	for i := range theta {
		theta[i] = rng.NormFloat64() * 0.5
	}
	grad := make([]float64, len(theta))
	if _, err := obj.eval(theta, grad); err != nil {
		t.Fatal(err)
	}
	scratch := make([]float64, len(theta))
	const h = 1e-5
	L, f := d.L, d.nFeat
	checked := 0
	for i := range theta {
		if i >= f && i < f+L*L && !canFollow((i-f)/L, (i-f)%L) {
			// A forbidden transition has no effect on the objective
			// but its L2 term.
			if want := 2 * 0.1 * theta[i]; math.Abs(grad[i]-want) > 1e-12 {
				t.Errorf("forbidden transition %d: gradient %v, want %v", i-f, grad[i], want)
			}
			continue
		}
		x := slices.Clone(theta)
		x[i] = theta[i] + h
		fp, _ := obj.eval(x, scratch)
		x[i] = theta[i] - h
		fm, _ := obj.eval(x, scratch)
		num := (fp - fm) / (2 * h)
		if math.Abs(num-grad[i]) > 1e-5*max(1, math.Abs(num)) {
			t.Errorf("parameter %d: gradient %v, finite difference %v", i, grad[i], num)
		}
		checked++
	}
	if checked < 50 {
		t.Fatalf("only %d parameters checked", checked)
	}
}

func TestCRFGradientIndependentOfWorkers(t *testing.T) {
	d := tinyDataset(t, 40)
	theta := make([]float64, d.nParams())
	rng := rand.New(rand.NewPCG(6, 6))
	for i := range theta {
		theta[i] = rng.NormFloat64()
	}
	var first []float64
	var firstF float64
	for _, w := range []int{1, 2, 5} {
		grad := make([]float64, len(theta))
		f, err := newCRFObjective(context.Background(), d, 1, w).eval(theta, grad)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first, firstF = grad, f
		} else if !slices.Equal(grad, first) || f != firstF {
			t.Fatalf("workers=%d: objective or gradient differs from one worker", w)
		}
	}
}

func TestMinimizerQuadratic(t *testing.T) {
	// f(x) = Σ (i+1)(x_i − 1)², with and without an L1 term: the L1
	// minimum of (i+1)(x−1)² + c|x| is max(0, 1 − c/(2(i+1))).
	eval := func(x, g []float64) (float64, error) {
		f := 0.0
		for i, v := range x {
			a := float64(i + 1)
			f += a * (v - 1) * (v - 1)
			g[i] = 2 * a * (v - 1)
		}
		return f, nil
	}
	for _, c1 := range []float64{0, 3} {
		x := make([]float64, 5)
		o := minimizer{c1: c1, maxIter: 200, tolerance: 1e-12, eval: eval,
			done: func(int, []float64, float64, bool) bool { return false }}
		if err := o.run(context.Background(), x); err != nil {
			t.Fatal(err)
		}
		for i, v := range x {
			want := max(0, 1-c1/(2*float64(i+1)))
			if math.Abs(v-want) > 1e-5 {
				t.Errorf("c1=%v: x[%d] = %v, want %v", c1, i, v, want)
			}
		}
		if c1 > 0 && x[0] != 0 {
			t.Errorf("c1=%v: x[0] = %v, want exactly 0", c1, x[0])
		}
	}
}
