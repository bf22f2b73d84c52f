package tagger

import (
	"fmt"
	"math"
	"slices"
)

// dataset is the training data turned into integers. Each kept
// observation value (a key: template and value hash) has an ID, in
// increasing key order; value v has the groups gBase[v]..gBase[v+1]−1,
// one per offset of its template's window, and group g holds the
// parameters gLo[g]..gLo[g+1]−1, one per label the value was seen with
// at offset gOff[g], in increasing label order (pLabel). The parameter
// vector θ holds these emission weights, then the L×L transitions, the
// L start scores and the L end scores.
type dataset struct {
	L      int
	keys   []uint64
	index  map[uint64]int32
	gBase  []int32
	gOff   []int8
	gLo    []int32
	pLabel []uint8
	nFeat  int
	train  corpus
}

// corpus is a set of sequences over a dataset's parameters: sequence s
// has the tokens seqs[s]..seqs[s+1]−1, and token i the gold label
// labels[i] and the firings fires[at[i]:at[i+1]]: the parameter groups
// of the observations (made at i or at a neighbour) that score its
// label. Indexing firings by the token they score, not the token that
// observed them, lets scoring and the gradient stream through memory.
type corpus struct {
	seqs   []int32
	at     []int32
	fires  []fire
	labels []uint8
	// pairs is scratch space of add.
	pairs []firing
}

// fire is a parameter group: the parameters lo..lo+n−1. Until resolve,
// lo holds the group's index.
type fire struct {
	lo, n uint32
}

type firing struct {
	i int
	g int32
}

func newCorpus() corpus {
	return corpus{seqs: []int32{0}, at: []int32{0}}
}

func (c *corpus) tokens() int { return len(c.at) - 1 }

func (c *corpus) len() int { return len(c.seqs) - 1 }

// add appends one sequence, mapping its observations through d's value
// index (unknown values are dropped) and its labels through li; its
// firings hold group indexes until resolve.
func (c *corpus) add(s Sequence, d *dataset, li *labelIndex, grow bool, buf []int) ([]int, error) {
	labels, err := li.encode(s.Labels, buf, grow)
	if err != nil {
		return buf, err
	}
	n := len(s.Obs)
	c.pairs = c.pairs[:0]
	for j, tok := range s.Obs {
		for _, o := range tok {
			v, ok := d.index[key(o.Template, o.Value)]
			if !ok {
				continue
			}
			for g := d.gBase[v]; g < d.gBase[v+1]; g++ {
				if i := j - int(d.gOff[g]); i >= 0 && i < n {
					c.pairs = append(c.pairs, firing{i: i, g: g})
				}
			}
		}
	}
	// A stable counting sort by the token scored.
	base := len(c.fires)
	c.fires = slices.Grow(c.fires, len(c.pairs))[:base+len(c.pairs)]
	first := len(c.at) - 1
	for range n {
		c.at = append(c.at, 0)
	}
	counts := c.at[first+1:]
	for _, p := range c.pairs {
		counts[p.i]++
	}
	sum := int32(base)
	for i, k := range counts {
		counts[i] = sum
		sum += k
	}
	for _, p := range c.pairs {
		c.fires[counts[p.i]] = fire{lo: uint32(p.g)}
		counts[p.i]++
	}
	for _, y := range labels {
		c.labels = append(c.labels, uint8(min(y, math.MaxUint8)))
	}
	c.seqs = append(c.seqs, int32(len(c.at)-1))
	return labels, nil
}

// resolve turns group indexes into parameter ranges and drops the
// groups without parameters.
func (c *corpus) resolve(d *dataset) {
	out := c.fires[:0]
	lo := int32(0)
	for i := range c.tokens() {
		hi := c.at[i+1]
		for _, f := range c.fires[lo:hi] {
			g := f.lo
			if n := d.gLo[g+1] - d.gLo[g]; n > 0 {
				out = append(out, fire{lo: uint32(d.gLo[g]), n: uint32(n)})
			}
		}
		lo = hi
		c.at[i+1] = int32(len(out))
	}
	c.fires = out
	c.pairs = nil
}

// keyStat counts a key's training tokens and remembers its template.
type keyStat struct {
	count int32
	tmpl  uint16
}

func newDataset(tmpls []Template, li *labelIndex, train []Sequence, minCount int) (*dataset, error) {
	L := 1 + 2*len(li.names)
	stats := make(map[uint64]keyStat)
	for i, s := range train {
		if err := checkSequence(s, len(tmpls)); err != nil {
			return nil, fmt.Errorf("%w: sequence %d: %w", ErrData, i, err)
		}
		for _, tok := range s.Obs {
			for _, o := range tok {
				k := key(o.Template, o.Value)
				st, ok := stats[k]
				if !ok {
					st.tmpl = o.Template
				}
				st.count++
				stats[k] = st
			}
		}
	}
	d := &dataset{L: L, index: make(map[uint64]int32), train: newCorpus()}
	for k, st := range stats {
		if int(st.count) >= minCount {
			d.keys = append(d.keys, k)
		}
	}
	slices.Sort(d.keys)
	d.gBase = make([]int32, len(d.keys)+1)
	for v, k := range d.keys {
		d.index[k] = int32(v)
		w := tmpls[stats[k].tmpl].Window
		d.gBase[v+1] = d.gBase[v] + int32(len(w))
		d.gOff = append(d.gOff, make([]int8, len(w))...)
		for i, o := range w {
			d.gOff[int(d.gBase[v])+i] = int8(o)
		}
	}
	var buf []int
	for i, s := range train {
		var err error
		if buf, err = d.train.add(s, d, li, false, buf); err != nil {
			return nil, fmt.Errorf("%w: sequence %d: %w", ErrData, i, err)
		}
	}
	d.features()
	d.train.resolve(d)
	return d, nil
}

// features finds the (group, label) pairs of the training data and lays
// out the parameters.
func (d *dataset) features() {
	L := d.L
	words := (L + 63) / 64
	nGroups := len(d.gOff)
	seen := make([]uint64, nGroups*words)
	c := &d.train
	for i := range c.tokens() {
		y := int(c.labels[i])
		for _, f := range c.fires[c.at[i]:c.at[i+1]] {
			seen[int(f.lo)*words+y/64] |= 1 << (y % 64)
		}
	}
	d.gLo = make([]int32, nGroups+1)
	for g := range nGroups {
		for y := range L {
			if seen[g*words+y/64]&(1<<(y%64)) != 0 {
				d.pLabel = append(d.pLabel, uint8(y))
			}
		}
		d.gLo[g+1] = int32(len(d.pLabel))
	}
	d.nFeat = len(d.pLabel)
}

// nParams returns the length of the parameter vector.
func (d *dataset) nParams() int { return d.nFeat + d.L*d.L + 2*d.L }

// transitions returns the transition, start and end parts of θ.
func (d *dataset) transitions(theta []float64) (trans, start, end []float64) {
	L, f := d.L, d.nFeat
	return theta[f : f+L*L], theta[f+L*L : f+L*L+L], theta[f+L*L+L : f+L*L+2*L]
}

// scores writes the emission scores of sequence s of c under θ into sc
// (n rows of L, cleared first) and returns it.
func (d *dataset) scores(c *corpus, s int, theta, sc []float64) []float64 {
	L := d.L
	lo, hi := int(c.seqs[s]), int(c.seqs[s+1])
	n := hi - lo
	sc = grow(sc, n*L)
	clear(sc)
	for i := range n {
		row := sc[i*L : i*L+L]
		for _, f := range c.fires[c.at[lo+i]:c.at[lo+i+1]] {
			for p := f.lo; p < f.lo+f.n; p++ {
				row[d.pLabel[p]] += theta[p]
			}
		}
	}
	return sc
}

// decoder decodes sequences under a parameter vector (the perceptron's
// training passes and the development set).
type decoder struct {
	transT, start []float64
	sc, delta     []float64
	path          []int
}

// setWeights derives the constrained transition scores from θ.
func (dc *decoder) setWeights(d *dataset, theta []float64) {
	L := d.L
	trans, start, _ := d.transitions(theta)
	dc.transT = grow(dc.transT, L*L)
	dc.start = grow(dc.start, L)
	inf := math.Inf(-1)
	for a := range L {
		for b := range L {
			v := trans[a*L+b]
			if !canFollow(a, b) {
				v = inf
			}
			dc.transT[b*L+a] = v
		}
	}
	for y := range L {
		dc.start[y] = start[y]
		if !canFollow(-1, y) {
			dc.start[y] = inf
		}
	}
}

// decode returns the best path of sequence s of c (setWeights first).
func (dc *decoder) decode(d *dataset, c *corpus, s int, theta []float64) []int {
	_, _, end := d.transitions(theta)
	dc.sc = d.scores(c, s, theta, dc.sc)
	dc.delta = grow(dc.delta, len(dc.sc))
	dc.path = viterbi(dc.sc, d.L, dc.transT, dc.start, end, dc.delta, dc.path)
	return dc.path
}

// evaluator scores parameter vectors on a development set.
type evaluator struct {
	d      *dataset
	dev    corpus
	gold   [][]span
	scored []bool // nil: every type
	dc     decoder
	pred   []span
}

func newEvaluator(d *dataset, li *labelIndex, dev []Sequence, types []string, nTemplates int) (*evaluator, error) {
	ev := &evaluator{d: d, dev: newCorpus(), gold: make([][]span, len(dev))}
	nTypes := len(li.names)
	if types != nil {
		ev.scored = make([]bool, nTypes)
		for _, t := range types {
			i, ok := li.types[t]
			if !ok {
				return nil, fmt.Errorf("%w: WithDevTypes: type %q not in the training data", ErrOption, t)
			}
			ev.scored[i] = true
		}
	}
	var buf []int
	for i, s := range dev {
		if err := checkSequence(s, nTemplates); err != nil {
			return nil, fmt.Errorf("%w: development sequence %d: %w", ErrData, i, err)
		}
		var err error
		if buf, err = ev.dev.add(s, d, li, true, buf); err != nil {
			return nil, fmt.Errorf("%w: development sequence %d: %w", ErrData, i, err)
		}
		ev.gold[i] = appendSpans(nil, buf)
	}
	ev.dev.resolve(d)
	// The development set may have added types; the model's labels stop
	// at its own.
	li.names = li.names[:nTypes]
	return ev, nil
}

// f1 returns the development set's span-level micro F1 under θ.
func (ev *evaluator) f1(theta []float64) float64 {
	var counts spanCounts
	ev.dc.setWeights(ev.d, theta)
	for s := range ev.dev.len() {
		path := ev.dc.decode(ev.d, &ev.dev, s, theta)
		ev.pred = appendSpans(ev.pred[:0], path)
		counts.add(ev.gold[s], ev.pred, ev.scored)
	}
	return counts.f1()
}
