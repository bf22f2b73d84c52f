package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// fakeName is a name the fake extractor finds wherever its text occurs,
// inside words too (so that a mention can cover part of a token).
type fakeName struct {
	text string
	typ  gazetteer.Type
	kind string
}

// fakeExtractor finds fixed names by substring search.
type fakeExtractor []fakeName

func (f fakeExtractor) Mentions(text string) []mention {
	var out []mention
	for _, n := range f {
		for off := 0; ; {
			i := strings.Index(text[off:], n.text)
			if i < 0 {
				break
			}
			start := off + i
			out = append(out, mention{Text: n.text, Start: start, End: start + len(n.text), Kind: n.kind, Type: n.typ, ID: "fake:" + n.text})
			off = start + len(n.text)
		}
	}
	return out
}

// fixtureNames are the fake extractor's names for testdata/gold.conll;
// the expected scores are worked out in TestScoreFixture.
var fixtureNames = fakeExtractor{
	{"أنتوني بلينكن", gazetteer.PER, "exact"},           // correct
	{"بغداد", gazetteer.LOC, "exact"},                   // correct
	{"بغداد", gazetteer.LOC, "fuzzy"},                   // same span again: counted once
	{"الكاظمي", gazetteer.PER, "partial"},               // boundary (gold مصطفى الكاظمي)
	{"العراقية", gazetteer.LOC, "demonym"},              // spurious
	{"وزارة الخارجية الأميركية", gazetteer.ORG, "rule"}, // correct
	{"واشنطن", gazetteer.LOC, "clitic"},                 // part of بواشنطن: correct
	{"داعش", gazetteer.ORG, "exact"},                    // correct
	{"تايتانيك", gazetteer.PER, "rule"},                 // on a MISC name
	{"الموصل", gazetteer.ORG, "exact"},                  // wrong type (gold LOC)
	{"الأمم المتحدة نيويورك", gazetteer.ORG, "rule"},    // boundary; gold ORG + LOC
}

func fixedExtractor(ex extractor) newExtractorFunc {
	return func(*gazetteer.Index, ...entities.Option) (extractor, error) { return ex, nil }
}

// gazExtractor matches the names of a gazetteer (exact and clitic,
// leftmost-longest), standing in for the entities extractor in fold tests.
type gazExtractor struct{ x *gazetteer.Index }

func (g gazExtractor) Mentions(text string) []mention {
	var out []mention
	for _, m := range g.x.Find(text, tokenize.Tokenize(text), gazetteer.FindOptions{NoDemonyms: true}) {
		e, _ := g.x.Entry(m.IDs[0])
		out = append(out, mention{Text: text[m.Start:m.End], Start: m.Start, End: m.End, Kind: m.Method.String(), ID: e.ID, Type: e.Type})
	}
	return out
}

func newGazExtractor(x *gazetteer.Index, _ ...entities.Option) (extractor, error) {
	if x == nil {
		var err error
		if x, err = gazetteer.Default(); err != nil {
			return nil, err
		}
	}
	return gazExtractor{x}, nil
}

// runEvaluate runs the program with newEx and returns stdout, stderr and
// the exit status.
func runEvaluate(t *testing.T, newEx newExtractorFunc, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, env{stdout: &out, stderr: &errOut, newExtractor: newEx})
	return out.String(), errOut.String(), code
}
