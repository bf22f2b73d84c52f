package tagger

import (
	"context"
	"math"
)

// Settings of the minimizer.
const (
	lbfgsMemory   = 6    // correction pairs kept (CRFsuite's default)
	lbfgsPeriod   = 10   // iterations over which the tolerance is measured
	lbfgsEpsilon  = 1e-5 // stop when ‖g‖ ≤ ε·max(1, ‖x‖)
	armijo        = 1e-4 // sufficient decrease of the line search
	maxBacktracks = 40
)

// minimizer minimises f(x) + c1·‖x‖₁ for a smooth f by L-BFGS, or by
// OWL-QN (Andrew and Gao, 2007) when c1 > 0: the search direction is
// built from the pseudo-gradient, kept in its orthant, and every trial
// point is projected back onto the orthant of the current one, so
// coordinates that would change sign stop at exactly zero. The line
// search backtracks from a unit step (1/‖g‖ at the first iteration and
// after a reset) until the Armijo condition holds. Everything runs in
// a fixed order, so the result is deterministic.
type minimizer struct {
	c1        float64
	maxIter   int
	tolerance float64
	eval      func(x, grad []float64) (float64, error)
	// done is called after every iteration with the new point; last
	// tells that the minimizer stops after it. It returns true to stop
	// earlier.
	done func(iter int, x []float64, f float64, last bool) bool
}

// run minimises from x and leaves the final point in x.
func (o *minimizer) run(ctx context.Context, x []float64) error {
	n := len(x)
	g := make([]float64, n)
	xn := make([]float64, n)
	gn := make([]float64, n)
	dir := make([]float64, n)
	pg := g
	if o.c1 > 0 {
		pg = make([]float64, n)
	}
	var hist history
	orig := x
	defer func() {
		if &x[0] != &orig[0] {
			copy(orig, x)
		}
	}()

	f, err := o.eval(x, g)
	if err != nil {
		return err
	}
	f += o.c1 * norm1(x)
	past := []float64{f}
	for iter := 1; ; iter++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if o.c1 > 0 {
			pseudoGradient(pg, x, g, o.c1)
		}
		hist.direction(dir, pg)
		if o.c1 > 0 {
			for i, d := range dir {
				if d*pg[i] >= 0 {
					dir[i] = 0
				}
			}
		}
		slope := dot(dir, pg)
		if !(slope < 0) {
			// Not a descent direction: start again from steepest descent.
			hist.reset()
			for i, v := range pg {
				dir[i] = -v
			}
			slope = dot(dir, pg)
		}
		step := 1.0
		if hist.len() == 0 {
			step = 1 / math.Sqrt(-slope)
		}
		var fn float64
		accepted := false
		for range maxBacktracks {
			for i := range xn {
				xn[i] = x[i] + step*dir[i]
			}
			if o.c1 > 0 {
				project(xn, x, pg)
			}
			if fn, err = o.eval(xn, gn); err != nil {
				return err
			}
			fn += o.c1 * norm1(xn)
			decrease := 0.0
			for i := range xn {
				decrease += pg[i] * (xn[i] - x[i])
			}
			if fn <= f+armijo*decrease {
				accepted = true
				break
			}
			step /= 2
		}
		if !accepted || slope == 0 {
			// No progress is possible along any direction found.
			o.done(iter, x, f, true)
			return nil
		}
		hist.push(xn, x, gn, g)
		x, xn = xn, x
		g, gn = gn, g
		if o.c1 == 0 {
			pg = g
		}
		f = fn
		past = append(past, f)

		converged := false
		if o.c1 > 0 {
			pseudoGradient(pg, x, g, o.c1)
		}
		if math.Sqrt(dot(pg, pg)) <= lbfgsEpsilon*max(1, math.Sqrt(dot(x, x))) {
			converged = true
		}
		if o.tolerance > 0 && iter >= lbfgsPeriod {
			old := past[iter-lbfgsPeriod]
			if (old-f)/math.Abs(f) < o.tolerance {
				converged = true
			}
		}
		last := converged || iter >= o.maxIter
		if o.done(iter, x, f, last) || last {
			return nil
		}
	}
}

// history holds the last correction pairs s = x' − x, y = g' − g.
type history struct {
	s, y  [][]float64 // oldest first
	rho   []float64
	alpha []float64
}

func (h *history) len() int { return len(h.s) }

func (h *history) reset() {
	h.s, h.y, h.rho = h.s[:0], h.y[:0], h.rho[:0]
}

// push adds the pair of a step from x to xn, unless its curvature is not
// positive; the oldest pair's vectors are reused once the memory is full.
func (h *history) push(xn, x, gn, g []float64) {
	var s, y []float64
	if len(h.s) == lbfgsMemory {
		s, y = h.s[0], h.y[0]
		h.s, h.y, h.rho = h.s[1:], h.y[1:], h.rho[1:]
	} else if cap(h.s) > len(h.s) {
		s, y = h.s[:len(h.s)+1][len(h.s)], h.y[:len(h.y)+1][len(h.y)]
	}
	if s == nil {
		s, y = make([]float64, len(x)), make([]float64, len(x))
	}
	for i := range s {
		s[i] = xn[i] - x[i]
		y[i] = gn[i] - g[i]
	}
	sy := dot(s, y)
	if !(sy > 1e-10*math.Sqrt(dot(s, s)*dot(y, y))) {
		return
	}
	h.s = append(h.s, s)
	h.y = append(h.y, y)
	h.rho = append(h.rho, 1/sy)
}

// direction sets dir to −H·g by the two-loop recursion.
func (h *history) direction(dir, g []float64) {
	for i, v := range g {
		dir[i] = -v
	}
	k := len(h.s)
	if k == 0 {
		return
	}
	h.alpha = grow(h.alpha, k)
	for i := k - 1; i >= 0; i-- {
		a := h.rho[i] * dot(h.s[i], dir)
		h.alpha[i] = a
		axpy(dir, -a, h.y[i])
	}
	yk := h.y[k-1]
	gamma := 1 / (h.rho[k-1] * dot(yk, yk))
	for i := range dir {
		dir[i] *= gamma
	}
	for i := range k {
		b := h.rho[i] * dot(h.y[i], dir)
		axpy(dir, h.alpha[i]-b, h.s[i])
	}
}

// pseudoGradient sets pg to the pseudo-gradient of f + c1·‖x‖₁ at x
// (the derivative of least norm in the orthant of descent).
func pseudoGradient(pg, x, g []float64, c1 float64) {
	for i, xi := range x {
		switch {
		case xi > 0:
			pg[i] = g[i] + c1
		case xi < 0:
			pg[i] = g[i] - c1
		case g[i]+c1 < 0:
			pg[i] = g[i] + c1
		case g[i]-c1 > 0:
			pg[i] = g[i] - c1
		default:
			pg[i] = 0
		}
	}
}

// project zeroes the coordinates of xn that left the orthant of x (for a
// zero coordinate of x, the orthant of −pg).
func project(xn, x, pg []float64) {
	for i, v := range xn {
		o := x[i]
		if o == 0 {
			o = -pg[i]
		}
		if v*o <= 0 {
			xn[i] = 0
		}
	}
}

func dot(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

func axpy(dst []float64, a float64, x []float64) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] += a * x[i]
	}
}

func norm1(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += math.Abs(v)
	}
	return s
}
