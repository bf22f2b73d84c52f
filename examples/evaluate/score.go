package main

import (
	"math"
	"strconv"
)

// counts are the span counts of one type.
type counts struct {
	Gold, Predicted, Correct int
}

func (c *counts) add(o counts) {
	c.Gold += o.Gold
	c.Predicted += o.Predicted
	c.Correct += o.Correct
}

// metrics are the scores of one type, or micro over several. Precision,
// Recall and F1 are fractions in [0, 1]; a ratio whose denominator is 0
// is 0.
type metrics struct {
	Precision fraction `json:"precision"`
	Recall    fraction `json:"recall"`
	F1        fraction `json:"f1"`
	Gold      int      `json:"gold"`
	Predicted int      `json:"predicted"`
	Correct   int      `json:"correct"`
}

func (c counts) metrics() metrics {
	p := ratio(c.Correct, c.Predicted)
	r := ratio(c.Correct, c.Gold)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return metrics{Precision: fraction(p), Recall: fraction(r), F1: fraction(f), Gold: c.Gold, Predicted: c.Predicted, Correct: c.Correct}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// fraction is a score in [0, 1], written in JSON with 4 decimals.
type fraction float64

func (f fraction) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	return strconv.AppendFloat(nil, v, 'f', 4, 64), nil
}

// scores are the metrics of the -json output, in its field order. MISC
// is scored apart, outside micro, when an extractor predicts MISC names.
type scores struct {
	PER   metrics  `json:"PER"`
	LOC   metrics  `json:"LOC"`
	ORG   metrics  `json:"ORG"`
	Micro metrics  `json:"micro"`
	MISC  *metrics `json:"MISC,omitempty"`
}

// tally holds the counts of each type: the scored ones and MISC.
type tally [MISC + 1]counts // indexed by label; [none] unused

func (t *tally) add(o tally) {
	for _, l := range scored {
		t[l].add(o[l])
	}
	t[MISC].add(o[MISC])
}

func (t *tally) micro() counts {
	var c counts
	for _, l := range scored {
		c.add(t[l])
	}
	return c
}

func (t *tally) scores() scores {
	s := scores{PER: t[PER].metrics(), LOC: t[LOC].metrics(), ORG: t[ORG].metrics(), Micro: t.micro().metrics()}
	if t[MISC].Predicted > 0 {
		m := t[MISC].metrics()
		s.MISC = &m
	}
	return s
}

// errorClass says how a false positive or false negative relates to the
// spans of the other side.
type errorClass uint8

const (
	// spurious: a false positive overlapping no gold span.
	spurious errorClass = iota
	// missed: a false negative overlapping no predicted span.
	missed
	// wrongType: the same tokens as a span of the other side, another type.
	wrongType
	// boundary: overlaps a span of the same type on the other side,
	// with other boundaries.
	boundary
	// overlapMISC: a false positive overlapping a gold MISC span (and
	// no gold span of a scored type that ranks before it).
	overlapMISC
	// overlapOther: overlaps a span of another type, with other
	// boundaries.
	overlapOther
	numClasses
)

var classNames = [numClasses]string{
	spurious:     "spurious (no gold name there)",
	missed:       "missed (nothing predicted there)",
	wrongType:    "wrong type (same tokens)",
	boundary:     "boundary (same type, other tokens)",
	overlapMISC:  "on a MISC name",
	overlapOther: "overlaps another type, other tokens",
}

func (c errorClass) String() string { return classNames[c] }

// errorItem is a false positive (Pred set) or a false negative.
type errorItem struct {
	Span  span
	FP    bool
	Class errorClass
	// Pred is the prediction of a false positive; Other, when set, is the
	// overlapping span of the other side that decided Class, and
	// OtherPred its prediction when the other side is predicted.
	Pred      *prediction
	Other     *span
	OtherPred *prediction
	Doc       *document
}

// outcome is the result of scoring one document.
type outcome struct {
	Tally   tally
	FP, FN  []errorItem
	Dropped int // mentions mapped to no token or of no scored type
	// Kinds counts the predicted and correct spans of each match kind.
	Kinds map[string]counts
}

// score compares the predictions of d with its gold spans: a prediction
// is correct when a gold span has the same tokens and type. MISC is
// counted apart (its own row, outside micro); MISC gold spans classify
// false positives, and MISC predictions are listed in no error list.
func score(d *document, preds []prediction) outcome {
	var o outcome
	gold := make(map[span]bool)
	for _, g := range d.Gold {
		gold[g] = true
		o.Tally[g.Type].Gold++
	}
	pred := make(map[span]bool, len(preds))
	o.Kinds = make(map[string]counts)
	for _, p := range preds {
		pred[p.span] = true
		o.Tally[p.Type].Predicted++
		if p.Type == MISC {
			if gold[p.span] {
				o.Tally[MISC].Correct++
			}
			continue
		}
		k := o.Kinds[p.Mention.Kind]
		k.Predicted++
		if gold[p.span] {
			o.Tally[p.Type].Correct++
			k.Correct++
		}
		o.Kinds[p.Mention.Kind] = k
	}
	// Overlap lookups by token: gold and predicted spans covering each
	// token (both sides are short lists per token).
	goldAt := make(map[int][]int) // token → indexes in d.Gold
	for i, g := range d.Gold {
		for t := g.Start; t < g.End; t++ {
			goldAt[t] = append(goldAt[t], i)
		}
	}
	predAt := make(map[int][]int) // token → indexes in preds
	for i, p := range preds {
		for t := p.Start; t < p.End; t++ {
			predAt[t] = append(predAt[t], i)
		}
	}
	for i := range preds {
		p := &preds[i]
		if gold[p.span] || p.Type == MISC {
			continue
		}
		item := errorItem{Span: p.span, FP: true, Pred: p, Class: spurious, Doc: d}
		best := -1
		for t := p.Start; t < p.End; t++ {
			for _, gi := range goldAt[t] {
				if best < 0 || rank(p.span, d.Gold[gi]) < rank(p.span, d.Gold[best]) {
					best = gi
				}
			}
		}
		if best >= 0 {
			g := d.Gold[best]
			item.Other, item.Class = &g, classify(p.span, g, true)
		}
		o.FP = append(o.FP, item)
	}
	for _, g := range d.Gold {
		if g.Type == MISC || pred[g] {
			continue
		}
		item := errorItem{Span: g, Class: missed, Doc: d}
		best := -1
		for t := g.Start; t < g.End; t++ {
			for _, pi := range predAt[t] {
				if preds[pi].Type == MISC {
					continue
				}
				if best < 0 || rank(g, preds[pi].span) < rank(g, preds[best].span) {
					best = pi
				}
			}
		}
		if best >= 0 {
			p := preds[best]
			item.Other, item.OtherPred, item.Class = &p.span, &p, classify(g, p.span, false)
		}
		o.FN = append(o.FN, item)
	}
	return o
}

// classify returns the class of an error span s overlapping other, a span
// of the other side (gold when fp).
func classify(s, other span, fp bool) errorClass {
	switch {
	case fp && other.Type == MISC:
		return overlapMISC
	case s.Start == other.Start && s.End == other.End:
		return wrongType
	case s.Type == other.Type:
		return boundary
	}
	return overlapOther
}

// rank orders the spans overlapping s, most telling first: same tokens,
// then same type, then others.
func rank(s, other span) int {
	switch {
	case s.Start == other.Start && s.End == other.End:
		return 0
	case s.Type == other.Type:
		return 1
	}
	return 2
}
