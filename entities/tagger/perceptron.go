package tagger

import (
	"context"
	"math/rand/v2"
)

// perceptron trains an averaged structured perceptron and returns the
// averaged parameter vector. Each epoch visits the training sequences in
// an order shuffled by a PCG generator seeded with the seed option,
// decodes each with constrained Viterbi under the current weights, and
// where the path differs from the gold one adds 1 to the gold features
// and subtracts 1 from the predicted ones (emission features only where
// the labels differ; predicted (value, offset, label) triples that never
// occur in the gold data have no parameter and are skipped).
//
// Averaging is lazy: besides the weights w it keeps u, the sum of c·δ
// over the updates δ made while c examples had been seen; the average
// of w over all examples so far is then w − u/c, computed only when
// needed, so an update costs O(1) per feature touched.
func (t *trainer) perceptron(ctx context.Context) ([]float64, error) {
	d, c := t.d, &t.d.train
	np := d.nParams()
	w := make([]float64, np)
	u := make([]float64, np)
	avg := make([]float64, np)
	count := 1.0
	update := func(p int, delta float64) {
		w[p] += delta
		u[p] += count * delta
	}
	order := make([]int, c.len())
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(t.cfg.seed, 0x6b68616261727470))
	var dc decoder
	L, f := d.L, d.nFeat
	for epoch := 1; epoch <= t.cfg.maxIter; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong := 0
		for k, s := range order {
			if k%64 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			dc.setWeights(d, w)
			pred := dc.decode(d, c, s, w)
			lo, hi := int(c.seqs[s]), int(c.seqs[s+1])
			gold := c.labels[lo:hi]
			diff := false
			for i, y := range pred {
				if int(gold[i]) != y {
					diff = true
					wrong++
				}
			}
			if diff {
				for i, y := range pred {
					g := int(gold[i])
					if g == y {
						continue
					}
					for _, fr := range c.fires[c.at[lo+i]:c.at[lo+i+1]] {
						for p := fr.lo; p < fr.lo+fr.n; p++ {
							switch int(d.pLabel[p]) {
							case g:
								update(int(p), 1)
							case y:
								update(int(p), -1)
							}
						}
					}
				}
				n := len(pred)
				for i := 1; i < n; i++ {
					ga, gb, pa, pb := int(gold[i-1]), int(gold[i]), pred[i-1], pred[i]
					if ga != pa || gb != pb {
						update(f+ga*L+gb, 1)
						update(f+pa*L+pb, -1)
					}
				}
				if int(gold[0]) != pred[0] {
					update(f+L*L+int(gold[0]), 1)
					update(f+L*L+pred[0], -1)
				}
				if int(gold[n-1]) != pred[n-1] {
					update(f+L*L+L+int(gold[n-1]), 1)
					update(f+L*L+L+pred[n-1], -1)
				}
			}
			count++
		}
		for p := range avg {
			avg[p] = w[p] - u[p]/count
		}
		loss := float64(wrong) / float64(max(1, c.tokens()))
		// An epoch without a mistake has converged: nothing would change.
		last := epoch == t.cfg.maxIter || wrong == 0
		if t.report(epoch, loss, avg, last) || last {
			break
		}
	}
	return t.result(avg), nil
}
