package tokenize

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokenize feeds arbitrary bytes, invalid UTF-8 included, to the
// tokenizer and checks its invariants: text[t.Start:t.End] == t.Text,
// increasing offsets on rune boundaries, only whitespace between tokens,
// hashtag parts inside their hashtag, offset conversion in range, and the
// same tokens from Tokenizer.List.
func FuzzTokenize(f *testing.F) {
	seeds := []string{
		"واشنطن توافق على سحب قواتها من العراق.",
		"#كوريا_الشمالية @MoFA_Iraq https://example.com/a?b=1. news@example.com",
		"قَالَ بـغـداد ٢٠٢١ ١٫٥ 3.5% ﻻ ﷲ",
		"J. P. Morgan. د. فؤاد؟! «نعم.» \"لا.\"",
		"a\xffb\xfe\xfd ب\x80",
		"\u200fبغداد\u200c\u2029\r\n\r",
		"",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		checkInvariants(t, text, toks)
		l, err := Default().List(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		checkListMatches(t, text, l, toks)
		// Blank spans drawn from the text's length read as the mask.
		checkBlanked(t, Default(), text, randomSpans(rand.New(rand.NewPCG(uint64(len(text)), 7)), text, 2))
		for _, tk := range toks {
			for _, p := range tk.Parts {
				if p.Start < tk.Start || p.End > tk.End || text[p.Start:p.End] != p.Text {
					t.Fatalf("part %q of %q has bad offsets %d:%d", p.Text, tk.Text, p.Start, p.End)
				}
			}
		}
		// Tokens plus gaps rebuild the input exactly.
		var b strings.Builder
		prev := 0
		for _, tk := range toks {
			b.WriteString(text[prev:tk.Start])
			b.WriteString(tk.Text)
			prev = tk.End
		}
		b.WriteString(text[prev:])
		if b.String() != text {
			t.Fatal("tokens and gaps do not rebuild the input")
		}
		for _, s := range Sentences(toks) {
			if s.Start > s.End || s.End > len(text) || s.From >= s.To {
				t.Fatalf("bad sentence %+v", s)
			}
		}
		o := NewOffsets(text)
		if got, want := o.Runes(len(text)), utf8.RuneCountInString(text); got != want {
			t.Fatalf("Runes(len) = %d, want %d", got, want)
		}
		if len(toks) > 0 {
			last := toks[len(toks)-1]
			if got, want := o.Runes(last.Start), utf8.RuneCountInString(text[:last.Start]); got != want {
				t.Fatalf("Runes(%d) = %d, want %d", last.Start, got, want)
			}
		}
	})
}

// TestTokenizeProperties checks the invariants of FuzzTokenize on random
// texts built from the pieces Arabic news is made of, invalid bytes
// included, from a seeded source.
func TestTokenizeProperties(t *testing.T) {
	pieces := []string{
		"واشنطن", "الـعِراق", "وبالعراق", "Google", "G20", "٢٠٢١", "3.5", "١٫٥", "9:34", "#كوريا_الشمالية", "@UN",
		"https://example.com/a.b", "news@example.com", ".", "،", "؟", "!", "…", "...", "«", "»", "\"", "(", ")", "-",
		" ", " ", " ", "\n", "\n\n", "\u00a0", "\u200c", "\u200f", "\ufeff", "ﻻ", "😀", "\xff", "\xe2\x80", "د.", "J.", "\t",
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	for i := range 2000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		toks := Tokenize(text)
		checkInvariants(t, text, toks)
		if t.Failed() {
			t.Fatalf("case %d: %q", i, text)
		}
	}
}
