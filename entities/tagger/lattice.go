package tagger

import "math"

// This file holds the two computations over a lattice of n tokens × L
// labels that training and tagging share: Viterbi decoding and the
// scaled forward–backward algorithm.

// viterbi writes to dst the best label sequence for the emission scores
// sc (n rows of L) under the transition scores transT (transT[b*L+a] is
// the score of a→b) and the start and end scores (start is -Inf for I-
// labels). The BIO constraint is structural: an I- label b is reached
// only from b−1 (its B-) or b, so the transitions it forbids are never
// read. delta holds n·L scratch values: the best score of a path ending
// in each label at each token. Backpointers are not stored; the
// backward pass recomputes the argmax of the one label chosen at each
// token (L additions instead of L² comparisons). Ties go to the lower
// label index.
func viterbi[F float32 | float64](sc []F, L int, transT, start, end, delta []F, dst []int) []int {
	n := len(sc) / L
	dst = dst[:0]
	if n == 0 {
		return dst
	}
	delta = delta[:n*L]
	for y := range L {
		delta[y] = start[y] + sc[y]
	}
	for i := 1; i < n; i++ {
		prev := delta[(i-1)*L : i*L]
		cur := delta[i*L : (i+1)*L]
		row := sc[i*L : (i+1)*L]
		for b := range cur {
			col := transT[b*L : (b+1)*L]
			var best F
			if isInside(b) {
				best = max(prev[b-1]+col[b-1], prev[b]+col[b])
			} else {
				best = prev[0] + col[0]
				for a := 1; a < L; a++ {
					best = max(best, prev[a]+col[a])
				}
			}
			cur[b] = best + row[b]
		}
	}
	last := delta[(n-1)*L:]
	y := 0
	for k := 1; k < L; k++ {
		if last[k]+end[k] > last[y]+end[y] {
			y = k
		}
	}
	for range n {
		dst = append(dst, 0)
	}
	for i := n - 1; i > 0; i-- {
		dst[i] = y
		prev := delta[(i-1)*L : i*L]
		col := transT[y*L : (y+1)*L]
		if isInside(y) {
			if !(prev[y]+col[y] > prev[y-1]+col[y-1]) {
				y--
			}
			continue
		}
		a := 0
		for k := 1; k < L; k++ {
			if prev[k]+col[k] > prev[a]+col[a] {
				a = k
			}
		}
		y = a
	}
	dst[0] = y
	return dst
}

// potentials are the exponentiated transition scores of a model:
// psi[a*L+b] = exp(trans(a→b) − tmax), and the start and end scores
// likewise; forbidden transitions have potential 0. The shifts come
// back in the log partition function.
type potentials struct {
	psi, start, end  []float64
	tmax, smax, emax float64
}

// setPotentials fills p from the transition, start and end scores (of
// any float type), with forbidden ones at -Inf.
func setPotentials[F float32 | float64](p *potentials, L int, trans, start, end []F) {
	p.psi = grow(p.psi, L*L)
	p.start = grow(p.start, L)
	p.end = grow(p.end, L)
	p.tmax = expShifted(p.psi, trans)
	p.smax = expShifted(p.start, start)
	p.emax = expShifted(p.end, end)
}

// expShifted sets dst[i] = exp(src[i] − max src) and returns the max
// (0 if every value is -Inf).
func expShifted[F float32 | float64](dst []float64, src []F) float64 {
	m := math.Inf(-1)
	for _, v := range src {
		m = max(m, float64(v))
	}
	if math.IsInf(m, -1) {
		m = 0
	}
	for i, v := range src {
		dst[i] = math.Exp(float64(v) - m)
	}
	return m
}

// forward runs the scaled forward–backward algorithm over the
// exponentiated emissions e (n rows of L, row i scaled by exp(−m_i))
// and returns log Z − Σ m_i, the log partition function without the
// emission shifts. Afterwards alpha[i*L+y]·beta[i*L+y]/z is the marginal
// probability of label y at token i, and
// alpha[(i-1)*L+a]·psi[a*L+b]·e[i*L+b]·beta[i*L+b]/(c[i]·z) that of the
// pair (a, b) at tokens i−1, i.
type forward struct {
	alpha, beta, c []float64
	z              float64
}

func (f *forward) run(p *potentials, e []float64, L int) float64 {
	n := len(e) / L
	f.alpha = grow(f.alpha, n*L)
	f.beta = grow(f.beta, n*L)
	f.c = grow(f.c, n)
	alpha, beta, c := f.alpha, f.beta, f.c
	logZ := 0.0
	for i := range n {
		row := alpha[i*L : i*L+L]
		ei := e[i*L : i*L+L]
		if i == 0 {
			for y := range L {
				row[y] = p.start[y] * ei[y]
			}
		} else {
			prev := alpha[(i-1)*L : i*L]
			for b := range L {
				s := 0.0
				for a := range L {
					s += prev[a] * p.psi[a*L+b]
				}
				row[b] = s * ei[b]
			}
		}
		sum := 0.0
		for _, v := range row {
			sum += v
		}
		c[i] = sum
		inv := 1 / sum
		for y := range row {
			row[y] *= inv
		}
		logZ += math.Log(sum)
	}
	last := beta[(n-1)*L : n*L]
	copy(last, p.end)
	for i := n - 2; i >= 0; i-- {
		row := beta[i*L : i*L+L]
		next := beta[(i+1)*L : (i+2)*L]
		en := e[(i+1)*L : (i+2)*L]
		inv := 1 / c[i+1]
		for a := range L {
			s := 0.0
			psi := p.psi[a*L : a*L+L]
			for b := range L {
				s += psi[b] * en[b] * next[b]
			}
			row[a] = s * inv
		}
	}
	z := 0.0
	for y := range L {
		z += alpha[(n-1)*L+y] * p.end[y]
	}
	f.z = z
	return logZ + math.Log(z) + float64(n-1)*p.tmax + p.smax + p.emax
}

// grow returns s resized to n, reallocated only when too small. The
// contents are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}
