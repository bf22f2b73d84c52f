package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/entities/english"
	"github.com/khabar-nlp/khabar/gazetteer"
)

const englishGold = "testdata/english.conll"

// textRecorder is an extractor that keeps the texts it is given.
type textRecorder struct{ texts *[]string }

func (r textRecorder) Mentions(text string) []mention {
	*r.texts = append(*r.texts, text)
	return nil
}

// TestDocStart checks that -DOCSTART- lines give the extractor one
// document at a time, and -chunk one part of N sentences at a time.
func TestDocStart(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		texts []string
	}{
		{"documents", nil, []string{
			"Secretary of State Antony Blinken met Fuad Hussein in Baghdad .\nHussein thanked the State Department .",
			"The World Bank lent Jordan money , officials in Amman said ."}},
		{"-chunk 1", []string{"-chunk", "1"}, []string{
			"Secretary of State Antony Blinken met Fuad Hussein in Baghdad .",
			"Hussein thanked the State Department .",
			"The World Bank lent Jordan money , officials in Amman said ."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var texts []string
			var out, errOut strings.Builder
			e := env{stdout: &out, stderr: &errOut,
				newEnglish: func(*gazetteer.Index, ...english.Option) (extractor, error) { return textRecorder{&texts}, nil }}
			args := append([]string{"ner", "-gold", englishGold, "-lang", "en"}, tc.args...)
			if code := run(args, e); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			for i := range texts {
				texts[i] = strings.TrimSuffix(texts[i], "\n")
			}
			if strings.Join(texts, "|") != strings.Join(tc.texts, "|") {
				t.Errorf("texts %q\nwant %q", texts, tc.texts)
			}
		})
	}
}

// TestEnglish runs the English extractor and prose alone on a small gold
// file written for the tests, and checks the usage errors of -lang.
func TestEnglish(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		msg   string
		micro float64 // the least micro-F1 expected
	}{
		{"khabar", nil, 0, "", 0.9},
		{"without model", []string{"-no-model"}, 0, "", 0.5},
		{"prose alone", []string{"-prose-only"}, 0, "", 0},
		{"unknown language", []string{"-lang", "fr"}, 2, `-lang "fr"`, 0},
		{"-prose-only with -model", []string{"-prose-only", "-model", "m"}, 2, "no gazetteer and no model", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"ner", "-gold", englishGold, "-lang", "en", "-json"}, tc.args...)
			out, errOut, code := runEvaluate(t, newKhabarExtractor, args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tc.code, errOut, tc.msg)
			}
			if code != 0 {
				return
			}
			var s scores
			if err := json.Unmarshal([]byte(out), &s); err != nil {
				t.Fatal(err)
			}
			if float64(s.Micro.F1) < tc.micro {
				t.Errorf("micro-F1 %.4f, want %.2f or more", s.Micro.F1, tc.micro)
			}
		})
	}
	if _, errOut, code := runEvaluate(t, newKhabarExtractor, "ner", "-gold", englishGold, "-prose-only"); code != 2 || !strings.Contains(errOut, "goes with -lang en") {
		t.Errorf("-prose-only without -lang en: exit %d, %q", code, errOut)
	}
}

// wikiannTest is the test part of WikiANN's English data, outside the
// repository.
const wikiannTest = "../../../shared/data/wikiann-en/wikiann-en.test.tsv"

// TestWikiANNTest scores the English extractor (embedded model, one
// sentence at a time) and prose alone on WikiANN's English test part, and
// asserts floors a little below the figures entities/english/model/
// README.md reports, so that a change that loses quality fails here. No
// choice is made on the test part.
func TestWikiANNTest(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the WikiANN test-part figures")
	}
	if _, err := os.Stat(wikiannTest); err != nil {
		t.Skipf("WikiANN not available (%v); it lives in ../shared/data, outside the repository", err)
	}
	for _, tc := range []struct {
		name  string
		flags []string
		micro float64
	}{
		{"model", nil, 0.575},
		{"prose alone", []string{"-prose-only"}, 0.28},
	} {
		args := append([]string{"ner", "-gold", wikiannTest, "-lang", "en", "-chunk", "1", "-json"}, tc.flags...)
		out, errOut, code := runEvaluate(t, newKhabarExtractor, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errOut)
		}
		var s scores
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		if float64(s.Micro.F1) < tc.micro {
			t.Errorf("%s: micro-F1 %.4f (floor %.3f)", tc.name, s.Micro.F1, tc.micro)
		}
		t.Logf("%s: micro P %.4f R %.4f F1 %.4f", tc.name, s.Micro.Precision, s.Micro.Recall, s.Micro.F1)
	}
}
