package main

import (
	"bytes"
	"context"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// keywordTexts returns the texts fit counts for the articles of a JSONL
// file, read here without Beam: the keyword text of every line that is an
// article with text.
func keywordTexts(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var texts []string
	jsonl.ReadLines(name, f, func(l jsonl.Line) bool {
		art, err := jsonl.Parse(l.Data)
		if err != nil {
			return true
		}
		if text := articleText(art.Article); checkText(text) == nil {
			texts = append(texts, keywordText(text))
		}
		return true
	})
	return texts
}

// checkFit runs archive fit over input with flags and checks that the
// space it writes is, byte for byte, the one tfidf.NewSpace learns from
// the same texts with the same options.
func checkFit(t *testing.T, input string, articles int, vopts []tfidf.VectorizerOption, flags ...string) *tfidf.Space {
	t.Helper()
	out := filepath.Join(t.TempDir(), "space.bin")
	stdout, stderr, code := runArchive(t, append([]string{"fit", "-input", input, "-output", out}, flags...)...)
	if code != 0 && code != 3 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := tfidf.ReadSpace(f)
	if err != nil {
		t.Fatal(err)
	}
	texts := keywordTexts(t, input)
	if len(texts) != articles {
		t.Fatalf("%d texts, want %d", len(texts), articles)
	}
	want, err := tfidf.NewSpace(texts, vopts)
	if err != nil {
		t.Fatal(err)
	}
	gv, wv := got.Vectorizer(), want.Vectorizer()
	if gv.Docs() != articles || !slices.Equal(gv.Vocabulary(), wv.Vocabulary()) {
		t.Fatalf("%d documents, %d terms; want %d, %d", gv.Docs(), gv.Len(), articles, wv.Len())
	}
	for j := range wv.Len() {
		if gv.DF(j) != wv.DF(j) || gv.Surface(j) != wv.Surface(j) {
			t.Fatalf("%s: df %d %q, want %d %q", wv.Term(j), gv.DF(j), gv.Surface(j), wv.DF(j), wv.Surface(j))
		}
	}
	var gb, wb bytes.Buffer
	if _, err := got.WriteTo(&gb); err != nil {
		t.Fatal(err)
	}
	if _, err := want.WriteTo(&wb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gb.Bytes(), wb.Bytes()) {
		t.Errorf("the saved spaces differ (%d and %d bytes)", gb.Len(), wb.Len())
	}
	return got
}

func TestFitFixture(t *testing.T) {
	checkFit(t, fixture, 7, nil)
	checkFit(t, fixture, 7, []tfidf.VectorizerOption{tfidf.WithMinDF(2), tfidf.WithMaxDF(0.5)}, "-min-df", "2", "-max-df", "0.5")

	out := filepath.Join(t.TempDir(), "space.bin")
	stdout, stderr, code := runArchive(t, "fit", "-input", fixture, "-output", out)
	if code != 3 || !strings.Contains(stdout, "9 inputs: 7 articles counted") || !strings.Contains(stdout, "2 dead letters") {
		t.Errorf("exit %d: %s%s", code, stdout, stderr)
	}
	if n := len(deadLetters(t, out+".dead-letters-*-of-*.jsonl")); n != 2 {
		t.Errorf("%d dead letters beside the space, want 2", n)
	}
	// analyze -keyword-space and archive analyze -keyword-space load the
	// space as fit wrote it, and score with it: the same lines, and
	// keywords other than those of the embedded background.
	withSpace, stderr := runAnalyze(t, "-format", "jsonl", "-keyword-space", out, fixture)
	if strings.Contains(stderr, "keyword-space") {
		t.Fatalf("analyze -keyword-space: %s", stderr)
	}
	background, _ := runAnalyze(t, "-format", "jsonl", fixture)
	want, plain := byID(t, strings.Split(strings.TrimSpace(withSpace), "\n")), byID(t, strings.Split(strings.TrimSpace(background), "\n"))
	changed := 0
	for id, l := range want {
		if l != plain[id] {
			changed++
		}
	}
	if changed == 0 {
		t.Error("analyze -keyword-space: the same analyses as with the embedded background")
	}
	an := t.TempDir()
	if stdout, stderr, code := runArchive(t, "analyze", "-input", fixture, "-output", an, "-keyword-space", out); code != 3 {
		t.Fatalf("archive analyze -keyword-space: exit %d\n%s%s", code, stdout, stderr)
	}
	sameLines(t, byID(t, readLines(t, filepath.Join(an, "analyses-*-of-*.jsonl"))), want)

	// Nothing left once the limits are applied: no file, and a reason.
	out = filepath.Join(t.TempDir(), "space.bin")
	stdout, _, code = runArchive(t, "fit", "-input", fixture, "-output", out, "-min-df", "50")
	if _, err := os.Stat(out); code != 1 || err == nil || !strings.Contains(stdout, "no term is left from 7 articles") {
		t.Errorf("-min-df 50: exit %d, file %v: %s", code, err, stdout)
	}
}

// TestFitDev checks fit on the 1,800 dev articles against tfidf.NewSpace,
// and that analyze's keywords change when it uses the space.
func TestFitDev(t *testing.T) {
	dev := devArticles(t)
	if testing.Short() {
		t.Skip("-short: 1,800 articles")
	}
	space := checkFit(t, dev, 1800, nil)
	a, _, err := cli.NewAnalyzer(cli.AnalyzerConfig{Keywords: 10}, "", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	b, err := khabar.New(khabar.WithKeywordSpace(space), khabar.WithKeywords(10))
	if err != nil {
		t.Fatal(err)
	}
	texts := keywordTexts(t, dev)
	changed := 0
	for _, text := range texts[:50] {
		ra, err := a.Analyze(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		rb, err := b.Analyze(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		if len(rb.Keywords) == 0 {
			t.Fatal("no keywords with the archive's space")
		}
		if !slices.EqualFunc(ra.Keywords, rb.Keywords, func(x, y tfidf.Keyword) bool { return x.Term == y.Term }) {
			changed++
		}
	}
	if changed < 25 {
		t.Errorf("the archive's space changed the keywords of %d of 50 articles only", changed)
	}
}

// TestTermStatsFlush runs the counting step alone, with a limit that
// makes its goroutines emit their sums many times over: the sums added up
// are those of one emission at the end.
func TestTermStatsFlush(t *testing.T) {
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []inputLine
	jsonl.ReadLines(fixture, f, func(l jsonl.Line) bool {
		lines = append(lines, inputLine{File: fixture, Line: l.Loc.Line, Data: bytes.Clone(l.Data)})
		return true
	})
	sums := func(maxTerms, workers int) (map[string]int, int, int) {
		fn := &termStatsFn{Workers: workers, MaxTerms: maxTerms}
		df, emits, docs, dead := map[string]int{}, 0, 0, 0
		emit := func(key string, s termSums) { df[key] += s.DF; emits++ }
		ctx := context.Background()
		fn.StartBundle(ctx, emit, nil, nil)
		for _, l := range lines {
			fn.ProcessElement(ctx, l, emit, nil, func(deadLetter) { dead++ })
		}
		fn.FinishBundle(ctx, emit, func(n int) { docs += n }, func(deadLetter) { dead++ })
		if docs != 7 || dead != 2 {
			t.Errorf("limit %d: %d articles, %d dead letters; want 7, 2", maxTerms, docs, dead)
		}
		return df, emits, docs
	}
	want, once, _ := sums(1<<20, 1)
	got, many, _ := sums(10, 2)
	if !maps.Equal(got, want) || many <= once {
		t.Errorf("%d terms in %d emissions; want the %d terms of %d emissions, in more", len(got), many, len(want), once)
	}
}
