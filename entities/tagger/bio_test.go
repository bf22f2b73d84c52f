package tagger

import (
	"math"
	"reflect"
	"testing"
)

// TestBIO reads labels and decodes a label sequence into names, and
// scores a name from marginals.
func TestBIO(t *testing.T) {
	b := NewBIO([]string{"O", "B-PER", "I-PER", "B-LOC", "I-LOC"})
	// O B-PER I-PER B-PER B-LOC I-LOC O I-LOC (a stray I- is no name start).
	got := b.Spans([]int{0, 1, 2, 1, 3, 4, 0, 4}, nil)
	want := []Span{{Start: 1, End: 3, Type: "PER"}, {Start: 3, End: 4, Type: "PER"}, {Start: 4, End: 6, Type: "LOC"}, {Start: 7, End: 8, Type: "LOC"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Spans = %+v, want %+v", got, want)
	}
	// Two tokens, five labels each: B-LOC 0.9 at the first, I-LOC 0.6 at
	// the second.
	marg := []float64{0.05, 0, 0, 0.9, 0.05, 0.3, 0, 0, 0.1, 0.6}
	if p := b.SpanProb(marg, 0, 2, "LOC"); math.Abs(p-0.6) > 1e-12 {
		t.Errorf("SpanProb = %v, want 0.6", p)
	}
	if p := b.SpanProb(marg, 0, 1, "PER"); p != 0 {
		t.Errorf("SpanProb of PER = %v, want 0", p)
	}
}
