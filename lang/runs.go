package lang

import "github.com/khabar-nlp/khabar/tokenize"

// Run is a run of Latin-script words inside a text: bytes [Start, End)
// and tokens [TokenStart, TokenEnd) of the tokens it was found in.
type Run struct {
	Start, End           int
	TokenStart, TokenEnd int
}

// LatinRuns returns the runs of Latin-script words among the tokens of a
// text (from package tokenize), in text order: within one sentence, a
// Latin word, then any Latin words, numbers and joining marks (. & - ' ’ /
// +) up to the last Latin word or number. Pixel 3 XL, J.P. Morgan, John
// W. Henry, AT&T and G20 are runs, and so is OPEC+ (a + written against
// the word before it ends it). A run never starts with a number (2024 in
// an Arabic sentence is not one), and other punctuation, an Arabic word,
// a hashtag, a URL or an e-mail address ends it. LatinRuns allocates the
// result only.
func LatinRuns(toks []tokenize.Token) []Run {
	var out []Run
	for i := 0; i < len(toks); i++ {
		if toks[i].Kind != tokenize.LatinWord {
			continue
		}
		last := i // the last word or number of the run
		for j := i + 1; j < len(toks) && toks[j].Sentence == toks[i].Sentence; j++ {
			t := &toks[j]
			if t.Kind == tokenize.LatinWord || t.Kind == tokenize.Number {
				last = j
				continue
			}
			if !joiner(t) {
				break
			}
		}
		end := last + 1
		if end < len(toks) && toks[end].Text == "+" && toks[end].Start == toks[last].End && toks[end].Sentence == toks[i].Sentence {
			end++
		}
		out = append(out, Run{Start: toks[i].Start, End: toks[end-1].End, TokenStart: i, TokenEnd: end})
		i = end - 1
	}
	return out
}

// joiner reports whether a token may stand between two words of a run.
func joiner(t *tokenize.Token) bool {
	if t.Kind != tokenize.Punct && t.Kind != tokenize.Symbol {
		return false
	}
	switch t.Text {
	case ".", "&", "-", "'", "’", "/", "+":
		return true
	}
	return false
}
