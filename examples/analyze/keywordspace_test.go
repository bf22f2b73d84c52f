package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// TestKeywordSpace checks -keyword-space: the keywords are those of an
// Analyzer given the saved space, and differ from the default background's.
func TestKeywordSpace(t *testing.T) {
	var texts []string
	for _, file := range testArticles(t) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	space, err := tfidf.NewSpace(texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "space.bin")
	var buf bytes.Buffer
	if _, err := space.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	writeFile(t, file, buf.String())

	keywords := func(out string) []string {
		var terms []string
		for _, k := range field[[]struct{ Term string }](t, decodeOne(t, out), "keywords") {
			terms = append(terms, k.Term)
		}
		return terms
	}
	article := "../../testdata/articles/economy.txt"
	out, errOut, code := runAnalyze(t, "", "-format", "json", "-keyword-space", file, article)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := keywords(out)
	a, err := khabar.New(khabar.WithKeywordSpace(space), khabar.WithKeywords(10))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Analyze(context.Background(), string(text))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, k := range res.Keywords {
		want = append(want, k.Term)
	}
	if len(got) == 0 || !slices.Equal(got, want) {
		t.Errorf("keywords %q, want the Analyzer's with the space: %q", got, want)
	}
	out, _, _ = runAnalyze(t, "", "-format", "json", article)
	if def := keywords(out); slices.Equal(def, got) {
		t.Errorf("the same keywords with and without -keyword-space: %q", got)
	}

	writeFile(t, filepath.Join(filepath.Dir(file), "bad.bin"), "not a space")
	for arg, msg := range map[string]string{
		filepath.Join(filepath.Dir(file), "bad.bin"):     "not a saved TF-IDF space",
		filepath.Join(filepath.Dir(file), "missing.bin"): "-keyword-space: open",
	} {
		if _, errOut, code := runAnalyze(t, "بغداد", "-keyword-space", arg, "-"); code != 1 || !strings.Contains(errOut, msg) {
			t.Errorf("-keyword-space %s: exit %d, %q; want 1 and %q", filepath.Base(arg), code, errOut, msg)
		}
	}
}
