package tagger

import "math"

// This file holds the two computations over a lattice of n tokens × L
// labels that training and tagging share: Viterbi decoding and the
// scaled forward–backward algorithm.

// viterbi writes to dst the best label sequence for the emission scores
// sc (n rows of L) under the transition scores transT (transT[b*L+a] is
// the score of a→b; forbidden transitions are -Inf) and the start and
// end scores (start is -Inf for I- labels). delta holds 2·L scratch
// values and back n·L backpointers.
func viterbi[F float32 | float64](sc []F, L int, transT, start, end, delta []F, back []uint8, dst []int) []int {
	n := len(sc) / L
	dst = dst[:0]
	if n == 0 {
		return dst
	}
	prev, cur := delta[:L], delta[L:2*L]
	for y := range L {
		prev[y] = start[y] + sc[y]
	}
	for i := 1; i < n; i++ {
		row := sc[i*L : i*L+L]
		bk := back[i*L : i*L+L]
		for b := range L {
			col := transT[b*L : b*L+L]
			best, arg := prev[0]+col[0], 0
			for a := 1; a < L; a++ {
				if v := prev[a] + col[a]; v > best {
					best, arg = v, a
				}
			}
			cur[b] = best + row[b]
			bk[b] = uint8(arg)
		}
		prev, cur = cur, prev
	}
	best, arg := prev[0]+end[0], 0
	for y := 1; y < L; y++ {
		if v := prev[y] + end[y]; v > best {
			best, arg = v, y
		}
	}
	for range n {
		dst = append(dst, 0)
	}
	for i := n - 1; i >= 0; i-- {
		dst[i] = arg
		arg = int(back[i*L+arg])
	}
	return dst
}

// potentials are the exponentiated transition scores of a model:
// psi[a*L+b] = exp(trans(a→b) − tmax), and the start and end scores
// likewise; forbidden transitions have potential 0. The shifts come
// back in the log partition function.
type potentials struct {
	psi, start, end    []float64
	tmax, smax, emaxTr float64
}

// setPotentials fills p from the transition, start and end scores (of
// any float type), with forbidden ones at -Inf.
func setPotentials[F float32 | float64](p *potentials, L int, trans, start, end []F) {
	p.psi = grow(p.psi, L*L)
	p.start = grow(p.start, L)
	p.end = grow(p.end, L)
	p.tmax = expShifted(p.psi, trans)
	p.smax = expShifted(p.start, start)
	p.emaxTr = expShifted(p.end, end)
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
	return logZ + math.Log(z) + float64(n-1)*p.tmax + p.smax + p.emaxTr
}

// grow returns s resized to n, reallocated only when too small. The
// contents are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}
