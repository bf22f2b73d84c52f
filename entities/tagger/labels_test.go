package tagger

import (
	"math"
	"slices"
	"testing"
)

func nan() float64 { return math.NaN() }

func TestSpansAndF1(t *testing.T) {
	// Labels: O, B-A, I-A, B-B, I-B.
	labels := []int{1, 2, 0, 3, 1, 2, 2, 4}
	got := appendSpans(nil, labels)
	want := []span{{0, 2, 0}, {3, 4, 1}, {4, 7, 0}, {7, 8, 1}}
	if !slices.Equal(got, want) {
		t.Fatalf("spans = %v, want %v", got, want)
	}
	var c spanCounts
	c.add(want, []span{{0, 2, 0}, {3, 4, 0}, {5, 7, 0}}, nil)
	if c != (spanCounts{gold: 4, pred: 3, correct: 1}) {
		t.Fatalf("counts = %+v", c)
	}
	if f := c.f1(); math.Abs(f-2.0/7) > 1e-12 {
		t.Errorf("F1 = %v", f)
	}
	var only spanCounts
	only.add(want, []span{{3, 4, 1}}, []bool{false, true})
	if only != (spanCounts{gold: 2, pred: 1, correct: 1}) {
		t.Errorf("counts of type 1 = %+v", only)
	}
	if (spanCounts{}).f1() != 0 {
		t.Error("F1 of nothing is not 0")
	}
}

func TestCanFollow(t *testing.T) {
	// O=0, B-A=1, I-A=2, B-B=3, I-B=4
	for a := -1; a < 5; a++ {
		for b := range 5 {
			want := b == 0 || b == 1 || b == 3 || (b == 2 && (a == 1 || a == 2)) || (b == 4 && (a == 3 || a == 4))
			if canFollow(a, b) != want {
				t.Errorf("canFollow(%d, %d) = %v", a, b, !want)
			}
		}
	}
}
