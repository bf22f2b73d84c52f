package tagger

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
)

// fixScale is the fixed-point scale of the expected counts: workers add
// probabilities rounded to multiples of 2⁻³² into int64 sums, and
// integer sums do not depend on the order of addition, so the gradient
// — hence the model — is the same for any number of workers. The error
// is at most 2⁻³³ per term; a count overflows only past 2³¹ tokens.
const fixScale = 1 << 32

func fix(p float64) int64 { return int64(p*fixScale + 0.5) }

// crfObjective evaluates the CRF's objective
//
//	f(θ) = Σ_s (log Z_s(θ) − θ·Φ(x_s, y_s)) + c2·‖θ‖²
//
// and its gradient E[Φ] − Φ + 2·c2·θ over the training corpus. The
// partition functions sum over label sequences the BIO constraint
// allows, as Viterbi decodes: the model is a distribution over valid
// sequences only, and forbidden transitions have no parameter.
type crfObjective struct {
	ctx     context.Context
	d       *dataset
	c2      float64
	workers []*crfWorker
	emp     []float64 // the gold feature counts Φ summed over the corpus
	logZ    []float64 // per sequence, summed in order
	pot     potentials
	trans   []float64 // constrained transitions and starts
	start   []float64
}

// crfWorker holds one goroutine's scratch space and its sums.
type crfWorker struct {
	acc   []int64
	sc, e []float64
	fw    forward
}

func newCRFObjective(ctx context.Context, d *dataset, c2 float64, workers int) *crfObjective {
	o := &crfObjective{ctx: ctx, d: d, c2: c2, logZ: make([]float64, d.train.len())}
	workers = max(1, min(workers, d.train.len()))
	for range workers {
		o.workers = append(o.workers, &crfWorker{acc: make([]int64, d.nParams())})
	}
	o.emp = make([]float64, d.nParams())
	c, L, f := &d.train, d.L, d.nFeat
	for s := range c.len() {
		lo, hi := int(c.seqs[s]), int(c.seqs[s+1])
		for i := lo; i < hi; i++ {
			y := c.labels[i]
			for _, fr := range c.fires[c.at[i]:c.at[i+1]] {
				for p := fr.lo; p < fr.lo+fr.n; p++ {
					if d.pLabel[p] == y {
						o.emp[p]++
					}
				}
			}
			if i > lo {
				o.emp[f+int(c.labels[i-1])*L+int(y)]++
			}
		}
		if hi > lo {
			o.emp[f+L*L+int(c.labels[lo])]++
			o.emp[f+L*L+L+int(c.labels[hi-1])]++
		}
	}
	return o
}

// eval returns f(θ) and writes its gradient to grad. It returns the
// context's error if it is cancelled.
func (o *crfObjective) eval(theta, grad []float64) (float64, error) {
	d, L := o.d, o.d.L
	trans, start, end := d.transitions(theta)
	o.trans = grow(o.trans, L*L)
	o.start = grow(o.start, L)
	inf := math.Inf(-1)
	for a := range L {
		for b := range L {
			o.trans[a*L+b] = trans[a*L+b]
			if !canFollow(a, b) {
				o.trans[a*L+b] = inf
			}
		}
	}
	for y := range L {
		o.start[y] = start[y]
		if !canFollow(-1, y) {
			o.start[y] = inf
		}
	}
	setPotentials(&o.pot, L, o.trans, o.start, end)

	// Sequences are handed out in chunks; which worker takes which does
	// not change the result.
	const chunk = 8
	n := d.train.len()
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range o.workers {
		wg.Go(func() {
			clear(w.acc)
			for o.ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for s := lo; s < min(lo+chunk, n); s++ {
					o.logZ[s] = w.sequence(o, s, theta)
				}
			}
		})
	}
	wg.Wait()
	if err := o.ctx.Err(); err != nil {
		return 0, err
	}
	f := 0.0
	for _, z := range o.logZ {
		f += z
	}
	for p := range grad {
		var sum int64
		for _, w := range o.workers {
			sum += w.acc[p]
		}
		th := theta[p]
		f += o.c2*th*th - th*o.emp[p]
		grad[p] = float64(sum)/fixScale - o.emp[p] + 2*o.c2*th
	}
	return f, nil
}

// sequence adds the expected feature counts of sequence s to w.acc and
// returns its log partition function.
func (w *crfWorker) sequence(o *crfObjective, s int, theta []float64) float64 {
	d, c, L := o.d, &o.d.train, o.d.L
	lo, hi := int(c.seqs[s]), int(c.seqs[s+1])
	n := hi - lo
	if n == 0 {
		return 0
	}
	w.sc = d.scores(c, s, theta, w.sc)
	sc := w.sc
	w.e = grow(w.e, n*L)
	shift := 0.0
	for i := 0; i < n*L; i += L {
		shift += expShifted(w.e[i:i+L], sc[i:i+L])
	}
	logZ := w.fw.run(&o.pot, w.e, L) + shift
	alpha, beta, z := w.fw.alpha, w.fw.beta, w.fw.z
	// The marginals replace the scores.
	for k := range sc {
		sc[k] = alpha[k] * beta[k] / z
	}
	acc := w.acc
	for i := range n {
		row := sc[i*L : i*L+L]
		for _, fr := range c.fires[c.at[lo+i]:c.at[lo+i+1]] {
			for p := fr.lo; p < fr.lo+fr.n; p++ {
				acc[p] += fix(row[d.pLabel[p]])
			}
		}
	}
	f := d.nFeat
	for i := 1; i < n; i++ {
		inv := 1 / (w.fw.c[i] * z)
		next := w.e[i*L : i*L+L]
		nb := beta[i*L : i*L+L]
		for a := range L {
			pa := alpha[(i-1)*L+a] * inv
			if pa == 0 {
				continue
			}
			psi := o.pot.psi[a*L : a*L+L]
			out := acc[f+a*L : f+a*L+L]
			for b := range L {
				if psi[b] != 0 {
					out[b] += fix(pa * psi[b] * next[b] * nb[b])
				}
			}
		}
	}
	for y := range L {
		acc[f+L*L+y] += fix(sc[y])
		acc[f+L*L+L+y] += fix(sc[(n-1)*L+y])
	}
	return logZ
}

// crf trains the CRF and returns its parameter vector.
func (t *trainer) crf(ctx context.Context) ([]float64, error) {
	obj := newCRFObjective(ctx, t.d, t.cfg.l2, t.cfg.workers)
	theta := make([]float64, t.d.nParams())
	opt := minimizer{
		c1:        t.cfg.l1,
		maxIter:   t.cfg.maxIter,
		tolerance: t.cfg.tolerance,
		eval:      obj.eval,
		done: func(iter int, x []float64, f float64, last bool) bool {
			return t.report(iter, f, x, last)
		},
	}
	if err := opt.run(ctx, theta); err != nil {
		return nil, err
	}
	return t.result(theta), nil
}
