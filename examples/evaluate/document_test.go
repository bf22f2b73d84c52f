package main

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/gazetteer"
)

func mustCorpus(t *testing.T, in string) *corpus.CoNLL {
	t.Helper()
	c, _, err := corpus.ReadCoNLL(strings.NewReader(in), "test", false)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fixture(t *testing.T) *corpus.CoNLL {
	t.Helper()
	data, err := os.ReadFile("testdata/gold.conll")
	if err != nil {
		t.Fatal(err)
	}
	return mustCorpus(t, string(data))
}

func TestNewDocument(t *testing.T) {
	c := mustCorpus(t, "زار O\nبلينكن B-PERS\nبغداد B-LOC\n\nوقال O\nالتحالف I-ORG\nالدولي I-ORG\n")
	d := newDocument(c.Sentences)
	if want := "زار بلينكن بغداد\nوقال التحالف الدولي"; d.Text != want {
		t.Fatalf("text = %q, want %q", d.Text, want)
	}
	for i, tok := range []string{"زار", "بلينكن", "بغداد", "وقال", "التحالف", "الدولي"} {
		if got := d.Text[d.Start[i]:d.End[i]]; got != tok {
			t.Errorf("token %d = %q, want %q", i, got, tok)
		}
	}
	if !slices.Equal(d.Sent, []int{0, 0, 0, 1, 1, 1}) || !slices.Equal(d.First, []int{0, 3}) {
		t.Errorf("Sent = %v, First = %v", d.Sent, d.First)
	}
	want := []span{{1, 2, PER}, {2, 3, LOC}, {4, 6, ORG}}
	if len(d.Gold) != len(want) {
		t.Fatalf("gold = %v, want %v", d.Gold, want)
	}
	for i := range want {
		if d.Gold[i] != want[i] {
			t.Fatalf("gold = %v, want %v", d.Gold, want)
		}
	}
}

func TestTokenRange(t *testing.T) {
	c := mustCorpus(t, "وصل O\nبلينكن B-PER\nبواشنطن B-LOC\n\nأمس O\n")
	d := newDocument(c.Sentences)
	// Text: "وصل بلينكن بواشنطن\nأمس"
	at := func(s string) int { return strings.Index(d.Text, s) }
	w := at("واشنطن")
	tests := []struct {
		name        string
		start, end  int
		first, end2 int
		ok          bool
	}{
		{"one whole token", at("بلينكن"), at("بلينكن") + len("بلينكن"), 1, 2, true},
		{"part of a token (clitic stripped)", w, w + len("واشنطن"), 2, 3, true},
		{"part of a token (a prefix)", at("بلي"), at("بلي") + len("بلي"), 1, 2, true},
		{"two tokens", at("بلينكن"), at("بواشنطن") + len("بواشنطن"), 1, 3, true},
		{"two tokens, partly each", at("ينكن"), w, 1, 3, true},
		{"token and the space after it", at("بلينكن"), at("بواشنطن"), 1, 2, true},
		{"the space before a token", at("بلينكن") - 1, at("بلينكن") + 2, 1, 2, true},
		{"only a space", at("بلينكن") - 1, at("بلينكن"), 0, 0, false},
		{"only the newline", at("\n"), at("\n") + 1, 0, 0, false},
		{"across sentences", w, len(d.Text), 2, 4, true},
		{"empty", at("بلينكن"), at("بلينكن"), 0, 0, false},
		{"whole text", 0, len(d.Text), 0, 4, true},
		{"past the end", len(d.Text), len(d.Text) + 5, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, end, ok := d.tokenRange(tc.start, tc.end)
			if ok != tc.ok || (ok && (first != tc.first || end != tc.end2)) {
				t.Errorf("tokenRange(%d, %d) = %d, %d, %v; want %d, %d, %v", tc.start, tc.end, first, end, ok, tc.first, tc.end2, tc.ok)
			}
		})
	}
}

func TestPredictions(t *testing.T) {
	c := mustCorpus(t, "وصل O\nبلينكن B-PER\nبواشنطن B-LOC\n")
	d := newDocument(c.Sentences)
	w := strings.Index(d.Text, "واشنطن")
	b := strings.Index(d.Text, "بلينكن")
	ms := []mention{
		{Start: w, End: w + len("واشنطن"), Type: gazetteer.LOC, Kind: "clitic", ID: "first"},
		{Start: w - 2, End: w + len("واشنطن"), Type: gazetteer.LOC, Kind: "exact", ID: "same span"},
		{Start: w, End: w + len("واشنطن"), Type: gazetteer.ORG, Kind: "rule"},
		{Start: b, End: b + len("بلينكن"), Type: gazetteer.PER},
		{Start: b, End: b + len("بلينكن"), Type: 0}, // no scored type
		{Start: b - 1, End: b, Type: gazetteer.LOC}, // no token
	}
	preds, dropped := d.predictions(ms)
	if dropped != 2 {
		t.Errorf("dropped = %d, want 2", dropped)
	}
	want := []span{{1, 2, PER}, {2, 3, LOC}, {2, 3, ORG}}
	if len(preds) != len(want) {
		t.Fatalf("preds = %v, want %v", preds, want)
	}
	for i := range want {
		if preds[i].span != want[i] {
			t.Errorf("pred %d = %v, want %v", i, preds[i].span, want[i])
		}
	}
	if preds[1].Mention.ID != "first" {
		t.Errorf("the span keeps mention %q, want the first in text order", preds[1].Mention.ID)
	}
}
