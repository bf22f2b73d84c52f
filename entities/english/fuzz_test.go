package english

import (
	"os"
	"strings"
	"testing"
)

// FuzzExtract checks the English path on any input: no panic, and every
// token, sentence and mention where its offsets say, in text order.
func FuzzExtract(f *testing.F) {
	f.Add("Secretary of State Antony Blinken met Iraqi Foreign Minister Fuad Hussein in Washington.")
	f.Add("ISIS's remnants\nthe State Department's spokesman\n\n\"Kadhimi,\" he said.")
	f.Add("U.S. troops left Baghdad on Wednesday; al-Kadhimi's office said so.")
	f.Add("بلينكن met Kadhimi in بغداد.")
	f.Add("bad \xff\xfe bytes in Iraq\xc3")
	f.Add("")
	f.Add("   \n\n\t")
	if b, err := os.ReadFile("../../testdata/english/strategic-dialogue.txt"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			f.Add(line)
		}
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res := x.Extract(text)
		last := 0
		for i, tok := range res.Tokens {
			if tok.Start < last || tok.End < tok.Start || tok.End > len(text) || text[tok.Start:tok.End] != tok.Text {
				t.Fatalf("token %d %q at %d:%d (after %d) does not match the text", i, tok.Text, tok.Start, tok.End, last)
			}
			if tok.Sentence < 0 || tok.Sentence >= len(res.Sentences) {
				t.Fatalf("token %d: sentence %d of %d", i, tok.Sentence, len(res.Sentences))
			}
			last = tok.End
		}
		for i, s := range res.Sentences {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End || s.TokenStart > s.TokenEnd || s.TokenEnd > len(res.Tokens) {
				t.Fatalf("sentence %d: bad span %+v", i, s)
			}
		}
		check := func(kind string, start, end int, surface string, ts, te int) {
			if start < 0 || end > len(text) || start >= end || text[start:end] != surface {
				t.Fatalf("%s %q at %d:%d does not match the text", kind, surface, start, end)
			}
			if ts < 0 || te > len(res.Tokens) || ts >= te || res.Tokens[ts].Start != start || res.Tokens[te-1].End != end {
				t.Fatalf("%s %q: tokens %d:%d do not span %d:%d", kind, surface, ts, te, start, end)
			}
		}
		for _, m := range res.Mentions {
			check("mention", m.Start, m.End, m.Text, m.TokenStart, m.TokenEnd)
		}
		for _, m := range res.Other {
			check("other name", m.Start, m.End, m.Text, m.TokenStart, m.TokenEnd)
		}
		for _, e := range res.Entities {
			for _, m := range e.Mentions {
				check("entity mention", m.Start, m.End, m.Text, m.TokenStart, m.TokenEnd)
			}
		}
	})
}
