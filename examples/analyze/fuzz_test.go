package main

import (
	"testing"
	"unicode/utf8"
)

// FuzzEscape checks that escape leaves no character a terminal acts on
// and changes nothing in text that has none.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"بغداد", "a\x1b]0;t\x07", "\u202eمقلوب", "\xff\xfe", "\u0085\t\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := escape(s)
		clean := true
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			clean = clean && !needsEscape(r, size)
			i += size
		}
		if clean != (got == s) {
			t.Fatalf("escape(%q) = %q", s, got)
		}
		for i := 0; i < len(got); {
			r, size := utf8.DecodeRuneInString(got[i:])
			if needsEscape(r, size) {
				t.Fatalf("escape(%q) = %q still holds %U", s, got, r)
			}
			i += size
		}
	})
}
