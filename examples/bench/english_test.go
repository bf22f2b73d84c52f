package main

import (
	"strings"
	"testing"
)

// TestEnglishSample checks the labelled sample: four articles, every name
// where its markup was, of a known type, and no markup left.
func TestEnglishSample(t *testing.T) {
	arts, err := parseSample(englishSample)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 4 {
		t.Fatalf("%d articles, want 4", len(arts))
	}
	n := 0
	for _, a := range arts {
		for _, nm := range a.names {
			s := a.text[nm.start:nm.end]
			if s == "" || strings.TrimSpace(s) != s || nm.typ != "PER" && nm.typ != "LOC" && nm.typ != "ORG" {
				t.Errorf("name %q of type %s", s, nm.typ)
			}
		}
		n += len(a.names)
	}
	if n != 53 {
		t.Errorf("%d names, want 53", n)
	}
	if _, err := parseSample("# only a comment\n"); err == nil {
		t.Error("a sample without articles: no error")
	}
	if _, err := parseSample("[PER Antony Blinken met"); err == nil {
		t.Error("unbalanced markup: no error")
	}
}

// TestScoreNames checks exact-span scoring: a name counts once, with its
// span and type.
func TestScoreNames(t *testing.T) {
	gold := []labelledName{{0, 5, "PER"}, {10, 15, "LOC"}}
	var sc prf
	scoreNames(&sc, gold, []labelledName{{0, 5, "PER"}, {0, 5, "PER"}, {10, 15, "ORG"}, {-1, -1, "LOC"}})
	if sc != (prf{gold: 2, pred: 4, correct: 1}) {
		t.Errorf("scores %+v", sc)
	}
	if got := sc.String(); !strings.Contains(got, "P 25.0% R 50.0% F1 33.3%") {
		t.Errorf("String() = %q", got)
	}
}
