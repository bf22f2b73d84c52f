package main

import (
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/entities/corpus"
)

// FuzzReadCoNLL reads arbitrary input: no panic; the rebuilt text gives
// back every token at its offsets; gold spans are in bounds; and
// tokenRange agrees with a naive scan of the tokens.
func FuzzReadCoNLL(f *testing.F) {
	for _, s := range []string{
		"زار\tO\nبلينكن\tB-PERS\nبغداد\tB-LOC\n\nوقال\tO\n",
		"\uFEFFزار\tO  \r\nبغداد\tB-LOC \t\r\n\r\n",
		"O I-ORG\nx I-LOC\n-DOCSTART- O\n",
		"\tO\nبغداد\n\xff\tB-LOC",
	} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, in string, start, end int) {
		c, _, err := corpus.ReadCoNLL(strings.NewReader(in), "fuzz", true)
		if err != nil {
			t.Fatal(err) // lenient reading fails only on I/O errors
		}
		d := newDocument(c.Sentences)
		for i := range d.Start {
			s := c.Sentences[d.Sent[i]]
			if d.Text[d.Start[i]:d.End[i]] != s.Tokens[i-d.First[d.Sent[i]]] {
				t.Fatalf("token %d misplaced", i)
			}
		}
		for _, g := range d.Gold {
			if g.Start < 0 || g.End > len(d.Start) || g.Start >= g.End || d.Sent[g.Start] != d.Sent[g.End-1] {
				t.Fatalf("bad gold span %v", g)
			}
		}
		first, last, ok := d.tokenRange(start, end)
		wantOK := false
		wantFirst, wantLast := 0, 0
		for i := range d.Start {
			if d.Start[i] < end && start < d.End[i] && start < end {
				if !wantOK {
					wantFirst = i
				}
				wantOK, wantLast = true, i+1
			}
		}
		if ok != wantOK || (ok && (first != wantFirst || last != wantLast)) {
			t.Fatalf("tokenRange(%d, %d) = %d, %d, %v; want %d, %d, %v", start, end, first, last, ok, wantFirst, wantLast, wantOK)
		}
	})
}
