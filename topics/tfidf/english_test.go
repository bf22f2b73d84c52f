package tfidf

import (
	"strings"
	"testing"
)

func TestEnglishStem(t *testing.T) {
	for _, tc := range []struct{ word, want string }{
		{"elections", "elect"},
		{"Elected", "elect"},
		{"electing", "elect"},
		{"policies", "polici"},
		{"policy", "polici"},
		{"troops", "troop"},
		{"running", "run"},
		{"US", "us"},
		{"al", "al"},
	} {
		if got := EnglishStem(tc.word); got != tc.want {
			t.Errorf("EnglishStem(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// TestTermsEnglish checks that English text gives English terms: stop
// words and reporting verbs out, words stemmed, offsets on the words.
func TestTermsEnglish(t *testing.T) {
	text := "The elections were held, officials said. Elected MPs will meet the troops."
	var keys []string
	for _, term := range Terms(text, TermOptions{Bigrams: true}) {
		keys = append(keys, term.Key)
		if term.Kind == Word && !strings.EqualFold(text[term.Start:term.End], term.Surface) {
			t.Errorf("term %q at %d:%d reads %q", term.Surface, term.Start, term.End, text[term.Start:term.End])
		}
	}
	// A stop word between two words breaks their bigram (were, will, the).
	want := "elect|held|offici|elect|mps|elect mps|meet|troop"
	if got := strings.Join(keys, "|"); got != want {
		t.Errorf("keys %s\nwant %s", got, want)
	}
}
