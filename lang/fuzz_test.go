package lang

import (
	"testing"

	"github.com/khabar-nlp/khabar/tokenize"
)

// FuzzLang checks that no text makes the package panic, that Paragraphs
// covers the text exactly with known languages, and that every Latin run
// lies on its tokens and holds a Latin word.
func FuzzLang(f *testing.F) {
	for _, s := range []string{
		"وافقت واشنطن على سحب قواتها من العراق.\nThe talks will resume.\n",
		"Pixel 3 XL\n\n", "J.P. Morgan و AT&T وOPEC+", "Министр\xff\xfe", "’s'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		switch Detect(text) {
		case Arabic, English, Undetermined:
		default:
			t.Fatalf("Detect(%q) = %q", text, Detect(text))
		}
		spans := Paragraphs(text)
		if text == "" && spans != nil {
			t.Fatalf("Paragraphs(\"\") = %v", spans)
		}
		if text != "" {
			checkCover(t, text, spans)
		}
		for i, s := range spans {
			if s.Language != Arabic && s.Language != English && s.Language != Undetermined || i > 0 && spans[i-1].Language == s.Language {
				t.Fatalf("span %d: %+v in %+v", i, s, spans)
			}
		}
		toks := tokenize.Tokenize(text)
		prev := 0
		for _, r := range LatinRuns(toks) {
			if r.TokenStart < prev || r.TokenEnd <= r.TokenStart || r.TokenEnd > len(toks) ||
				r.Start != toks[r.TokenStart].Start || r.End != toks[r.TokenEnd-1].End || toks[r.TokenStart].Kind != tokenize.LatinWord {
				t.Fatalf("run %+v of %d tokens", r, len(toks))
			}
			prev = r.TokenEnd
		}
	})
}
