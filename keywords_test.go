package khabar

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// TestKeywordsAreTheArticlesText checks, on the project's test articles
// and the seed article, that every keyword is the article's own text at
// its offsets, and a keyword by the rules: no verb of the lexicon, no word
// of one or two letters, no proclitic left on a word unknown to the
// lexicon, and the canonical name, when it differs, in Name.
func TestKeywordsAreTheArticlesText(t *testing.T) {
	files, err := filepath.Glob("testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	if seed := devdata.Path("seed-article/000_354d3392e6522b73.txt"); fileExists(seed) {
		files = append(files, seed)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	a := defaultAnalyzer(t)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := a.Analyze(context.Background(), string(b))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Keywords) == 0 {
			t.Errorf("%s: no keywords", f)
		}
		for _, k := range res.Keywords {
			if k.Start < 0 || k.End > len(res.Text) || res.Text[k.Start:k.End] != k.Term {
				t.Errorf("%s: keyword %q at %d:%d, the text there is %q", f, k.Term, k.Start, k.End, res.Text[max(0, k.Start):min(len(res.Text), k.End)])
				continue
			}
			if k.Name == "" && k.Entity != "" || k.Name != "" && k.Entity == "" {
				t.Errorf("%s: keyword %q: name %q, entity %q", f, k.Term, k.Name, k.Entity)
			}
			for _, w := range strings.FieldsFunc(k.Term, func(r rune) bool { return unicode.IsSpace(r) || r == '_' }) {
				key := tokenize.Key(w)
				letters := 0
				for _, r := range key {
					if unicode.IsLetter(r) {
						letters++
					}
				}
				switch cls := lex.Analyze(key).Class; {
				case k.Entity == "" && cls&lexicon.Verb != 0 && cls&lexicon.Noun == 0 && letters != 3:
					t.Errorf("%s: keyword %q holds the verb %q", f, k.Term, w)
				case k.Entity == "" && letters < 3:
					t.Errorf("%s: keyword %q holds the fragment %q", f, k.Term, w)
				case k.Entity == "" && !strings.HasPrefix(key, "ال") && cls == 0 && lex.Analyze(key).Split.Stem != "" && strings.HasPrefix(k.Term, w):
					t.Errorf("%s: keyword %q begins with a proclitic (%v)", f, k.Term, lex.Analyze(key).Split)
				}
			}
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
