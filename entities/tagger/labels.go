package tagger

import (
	"fmt"
	"slices"
)

// Label indexes follow one layout for every model: "O" is 0, and the
// entity type t (0-based, types in increasing order) has B-t at 1+2t and
// I-t at 2+2t. The BIO constraint is then arithmetic: label y is an
// inside label when y is even and positive, and it may only follow y-1
// (its B-) or y itself.

// MaxTypes is the largest number of entity types a model has (labels
// are 2·types+1, at most 255).
const MaxTypes = 127

// outside is the label of tokens outside every span.
const outside = "O"

// isInside reports whether label y is an I- label.
func isInside(y int) bool { return y > 0 && y&1 == 0 }

// canFollow reports whether label b may follow label a; a < 0 stands for
// the start of the sequence.
func canFollow(a, b int) bool { return !isInside(b) || a == b || a == b-1 }

// labelNames returns the labels of the given types, in index order.
func labelNames(types []string) []string {
	names := make([]string, 1, 1+2*len(types))
	names[0] = outside
	for _, t := range types {
		names = append(names, "B-"+t, "I-"+t)
	}
	return names
}

// splitLabel splits a BIO label into its prefix ('O', 'B' or 'I') and
// type; ok is false for anything else.
func splitLabel(s string) (prefix byte, typ string, ok bool) {
	if s == outside {
		return 'O', "", true
	}
	if len(s) > 2 && (s[0] == 'B' || s[0] == 'I') && s[1] == '-' {
		return s[0], s[2:], true
	}
	return 0, "", false
}

// labelIndex maps label strings to indexes for a set of types. Types it
// does not know get indexes past the model's labels (used for the gold
// spans of a development set), so spans of those types are never
// predicted but still counted.
type labelIndex struct {
	types map[string]int
	names []string
}

func newLabelIndex(types []string) *labelIndex {
	li := &labelIndex{types: make(map[string]int, len(types)), names: slices.Clip(types)}
	for i, t := range types {
		li.types[t] = i
	}
	return li
}

// encode converts the labels of one sequence to indexes, checking that
// they are BIO labels and that every I-X follows a B-X or an I-X. With
// grow set, unknown types are added; otherwise they are an error.
func (li *labelIndex) encode(labels []string, dst []int, grow bool) ([]int, error) {
	dst = dst[:0]
	prev := -1
	for i, s := range labels {
		p, typ, ok := splitLabel(s)
		if !ok {
			return nil, fmt.Errorf("token %d: label %q is not O, B-TYPE or I-TYPE", i, s)
		}
		y := 0
		if p != 'O' {
			t, known := li.types[typ]
			if !known {
				if !grow {
					return nil, fmt.Errorf("token %d: type %q not in the training data", i, typ)
				}
				t = len(li.names)
				li.types[typ] = t
				li.names = append(li.names, typ)
			}
			y = 1 + 2*t
			if p == 'I' {
				y++
			}
		}
		if !canFollow(prev, y) {
			return nil, fmt.Errorf("token %d: %s after %s (convert IOB1 to BIO first)", i, s, labelOr(labels, i-1))
		}
		dst = append(dst, y)
		prev = y
	}
	return dst, nil
}

func labelOr(labels []string, i int) string {
	if i < 0 {
		return "the start"
	}
	return labels[i]
}

// checkTypes checks a list of entity type names.
func checkTypes(types []string) error {
	if len(types) > MaxTypes {
		return fmt.Errorf("%d entity types, at most %d", len(types), MaxTypes)
	}
	for i, t := range types {
		if t == "" {
			return fmt.Errorf("empty type name")
		}
		if i > 0 && t <= types[i-1] {
			return fmt.Errorf("types not in increasing order at %q", t)
		}
	}
	return nil
}

// span is a labelled span of token indexes [start, end) of type typ.
type span struct {
	start, end, typ int
}

// appendSpans appends the spans of a label sequence. A stray I- label
// (never produced by the decoders) starts a span of its own.
func appendSpans(dst []span, labels []int) []span {
	open := -1
	for i, y := range labels {
		if open >= 0 && (y == 0 || !isInside(y) || dst[open].typ != (y-1)/2) {
			dst[open].end = i
			open = -1
		}
		if y != 0 && open < 0 {
			dst = append(dst, span{start: i, typ: (y - 1) / 2})
			open = len(dst) - 1
		}
	}
	if open >= 0 {
		dst[open].end = len(labels)
	}
	return dst
}

// spanCounts accumulates the counts of span-level micro F1.
type spanCounts struct {
	gold, pred, correct int
}

// add counts the spans of one sequence whose type is scored (scored[t];
// nil scores every type). Both lists are in increasing order of start.
func (c *spanCounts) add(gold, pred []span, scored []bool) {
	use := func(s span) bool { return scored == nil || s.typ < len(scored) && scored[s.typ] }
	i, j := 0, 0
	for i < len(gold) || j < len(pred) {
		switch {
		case j == len(pred) || i < len(gold) && gold[i].start < pred[j].start:
			if use(gold[i]) {
				c.gold++
			}
			i++
		case i == len(gold) || pred[j].start < gold[i].start:
			if use(pred[j]) {
				c.pred++
			}
			j++
		default:
			g, p := gold[i], pred[j]
			if use(g) {
				c.gold++
			}
			if use(p) {
				c.pred++
			}
			if g == p && use(g) {
				c.correct++
			}
			i++
			j++
		}
	}
}

// f1 returns the micro F1 of the counts, 0 when there is nothing.
func (c spanCounts) f1() float64 {
	if c.gold+c.pred == 0 {
		return 0
	}
	return 2 * float64(c.correct) / float64(c.gold+c.pred)
}
