package tagger

import "strings"

// BIO reads the labels of a model trained on BIO tags ("B-PER", "I-PER",
// "O"): for each label index, its type ("" for O) and whether it begins a
// name. The entity extractors of every language decode their models'
// labels with it. It is safe for concurrent use.
type BIO struct {
	types []string
	begin []bool
}

// NewBIO reads labels, in the model's label order ([Model.Labels]).
func NewBIO(labels []string) BIO {
	b := BIO{types: make([]string, len(labels)), begin: make([]bool, len(labels))}
	for i, l := range labels {
		if rest, ok := strings.CutPrefix(l, "B-"); ok {
			b.types[i], b.begin[i] = rest, true
		} else if rest, ok := strings.CutPrefix(l, "I-"); ok {
			b.types[i] = rest
		}
	}
	return b
}

// Spans appends to dst[:0] the names of a label sequence from
// [Model.Tag] or a lattice's Best: a B- label and the I- labels of its
// type after it (a constrained decoding never gives an I- without its
// B-). Prob is left 0.
func (b BIO) Spans(labels []int, dst []Span) []Span {
	dst = dst[:0]
	for i := 0; i < len(labels); {
		typ := b.types[labels[i]]
		if typ == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(labels) && !b.begin[labels[j]] && b.types[labels[j]] == typ {
			j++
		}
		dst = append(dst, Span{Start: i, End: j, Type: typ})
		i = j
	}
	return dst
}

// SpanProb returns the least of the marginal probabilities (marg, from a
// lattice: the labels of each token in turn) of the label B-typ at token
// s and I-typ at the tokens after it up to e.
func (b BIO) SpanProb(marg []float64, s, e int, typ string) float64 {
	n := len(b.types)
	p := 1.0
	for i := s; i < e; i++ {
		best := 0.0
		for y := range n {
			if b.types[y] == typ && b.begin[y] == (i == s) {
				best = marg[i*n+y]
			}
		}
		p = min(p, best)
	}
	return p
}
