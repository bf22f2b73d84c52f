package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseArticle checks that a JSONL line gives an article or an error,
// never a panic, and that an error says what is wrong with the line.
func FuzzParseArticle(f *testing.F) {
	f.Add(`{"id":"1","title":"عنوان","text":"نص الخبر","category":"sport"}`)
	f.Add(`{"id":42,"body":"نص"}`)
	f.Add(`{"id":[1],"text":"x"}`)
	f.Add(`null`)
	f.Add(`[1,2`)
	f.Add("{\"text\":\"\xff\"}")
	f.Fuzz(func(t *testing.T, line string) {
		art, meta, err := parseArticle([]byte(line))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		for k := range meta {
			if k == "id" || k == "title" || (k == "text" && !strings.Contains(line, `"body"`)) {
				t.Fatalf("field %q kept in meta as well as in %+v", k, art)
			}
		}
	})
}

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
