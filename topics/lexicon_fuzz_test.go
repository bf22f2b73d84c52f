package topics

import (
	"errors"
	"strings"
	"testing"
)

// FuzzReadLexicon checks that any input gives a lexicon or a *ParseError,
// never a panic, and that a lexicon read scores documents within bounds.
func FuzzReadLexicon(f *testing.F) {
	f.Add("@topic a | A | أ\nالنفط 2\nكأس العالم 3\n=org:x 1\n")
	f.Add("\uFEFF@topic a | A\r\nهدف\r\n@topic b | B\r\nهدف 0.5\r\n")
	f.Add("# only a comment\n")
	f.Add("@topic a | A\nعلى\n")
	f.Add("@topic a\n")
	f.Add("النفط 2\n")
	f.Add("@topic a | A\nالانتخابات 3\nالانتخابي 1e-300\n")
	f.Add("@topic a | A\n\xff\xfe\n")
	for _, tc := range defaultCases[:3] {
		f.Add("@topic t | T\n" + strings.Join(strings.Fields(tc.text)[:6], "\n"))
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ReadLexicon(strings.NewReader(s))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error %v is not a *ParseError with a line", err)
			}
			return
		}
		for _, d := range []Document{{Text: s}, {Title: s, Text: s, Extra: strings.Fields(s)}} {
			sc := l.Score(d)
			if len(sc) != len(l.Topics()) {
				t.Fatalf("%d scores for %d topics", len(sc), len(l.Topics()))
			}
			checkScores(t, sc)
		}
	})
}
