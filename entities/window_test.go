package entities

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabar-nlp/khabar/tokenize"
)

// longText returns the test articles one after the other, and the first
// articles of the topic development set when it is there: a text of
// several windows.
func longText(t *testing.T) string {
	t.Helper()
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteString("\n\n")
	}
	if f, err := os.Open("../../shared/data/news-topics-dev/ant-v2.1-dev.jsonl"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for n := 0; n < 150 && sc.Scan(); n++ {
			var a struct{ Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatal(err)
			}
			b.WriteString(a.Title + "\n" + a.Text + "\n\n")
		}
	}
	return b.String()
}

// windowed returns an extractor reading at most size tokens at once.
func windowed(t *testing.T, size int, opts ...Option) *Extractor {
	t.Helper()
	x, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	x.window = size
	return x
}

// longestSentence returns the number of tokens of the longest sentence.
func longestSentence(toks []tokenize.Token) int {
	n := 0
	for _, s := range tokenize.Sentences(toks) {
		n = max(n, s.To-s.From)
	}
	return n
}

// TestWindowsChangeNothing checks that reading a text a window of whole
// sentences at a time finds what reading it at once finds: the same
// mentions, other names and entities, with or without a model, with
// demonyms, from a slice of tokens and from a List.
func TestWindowsChangeNothing(t *testing.T) {
	text := longText(t)
	toks := tokenize.Tokenize(text)
	l, err := tokenize.Default().List(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	sizes := []int{longestSentence(toks), 3 * longestSentence(toks), windowTokens}
	t.Logf("%d bytes, %d tokens, windows of %v tokens", len(text), len(toks), sizes)
	for name, opts := range map[string][]Option{
		"default":  nil,
		"no-model": {WithoutModel()},
		"demonyms": {WithDemonyms(true), WithCandidates(true)},
	} {
		t.Run(name, func(t *testing.T) {
			whole := windowed(t, len(toks)+1, opts...).ExtractTokens(text, toks)
			if len(whole.Entities) < 100 {
				t.Fatalf("only %d entities in the long text", len(whole.Entities))
			}
			for _, size := range sizes {
				x := windowed(t, size, opts...)
				check := func(how string, got *Result) {
					t.Helper()
					if !reflect.DeepEqual(got.Mentions, whole.Mentions) {
						for i := range min(len(got.Mentions), len(whole.Mentions)) {
							if !reflect.DeepEqual(got.Mentions[i], whole.Mentions[i]) {
								t.Fatalf("%s, windows of %d: mention %d is %+v, want %+v", how, size, i, got.Mentions[i], whole.Mentions[i])
							}
						}
						t.Fatalf("%s, windows of %d: %d mentions, want %d", how, size, len(got.Mentions), len(whole.Mentions))
					}
					if !reflect.DeepEqual(got.Entities, whole.Entities) || !reflect.DeepEqual(got.Other, whole.Other) {
						t.Fatalf("%s, windows of %d: entities or other names differ", how, size)
					}
					byStart := func(c []Mention) []Mention {
						c = slices.Clone(c)
						slices.SortStableFunc(c, func(a, b Mention) int { return a.Start - b.Start })
						return c
					}
					if !reflect.DeepEqual(byStart(got.Candidates), byStart(whole.Candidates)) {
						t.Fatalf("%s, windows of %d: candidates differ", how, size)
					}
				}
				check("ExtractTokens", x.ExtractTokens(text, toks))
				res, err := x.ExtractList(context.Background(), l)
				if err != nil {
					t.Fatal(err)
				}
				check("ExtractList", res)
			}
		})
	}
}

// TestWindowsCutSentences reads text whose sentences are longer than a
// window: mentions stay whole, in order, never overlapping, with exact
// offsets, and most of them are found as in one reading.
func TestWindowsCutSentences(t *testing.T) {
	text := strings.NewReplacer(".", "،", "؟", "،", "\n", " ").Replace(longText(t))
	toks := tokenize.Tokenize(text)
	whole := windowed(t, len(toks)+1).ExtractTokens(text, toks)
	for _, size := range []int{50, 333, 2000} {
		res := windowed(t, size).ExtractTokens(text, toks)
		checkOffsets(t, text, res)
		for i, m := range res.Mentions {
			if m.Start != toks[m.TokenStart].Start && m.Kind != Hashtag || m.End > toks[m.TokenEnd-1].End {
				t.Fatalf("windows of %d: mention %+v does not cover its tokens", size, m)
			}
			if i > 0 && m.Kind != Hashtag && res.Mentions[i-1].TokenEnd > m.TokenStart {
				t.Fatalf("windows of %d: mentions %+v and %+v overlap", size, res.Mentions[i-1], m)
			}
		}
		same := 0
		for _, m := range res.Mentions {
			if slices.ContainsFunc(whole.Mentions, func(w Mention) bool { return w.Start == m.Start && w.End == m.End && w.ID == m.ID }) {
				same++
			}
		}
		if same < len(whole.Mentions)*9/10 {
			t.Errorf("windows of %d: %d mentions of %d as in one reading", size, same, len(whole.Mentions))
		}
	}
}

// TestExtractContextCancelled checks that a cancelled or expired context
// stops extraction with its error, and that ExtractContext finds what
// Extract finds.
func TestExtractContextCancelled(t *testing.T) {
	x := extractor(t)
	text := longText(t)
	res, err := x.ExtractContext(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if want := x.Extract(text); !reflect.DeepEqual(res.Entities, want.Entities) {
		t.Error("ExtractContext and Extract differ")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.ExtractContext(ctx, text); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	big := strings.Repeat(text, 1+(2<<20)/len(text))
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = x.ExtractContext(ctx, big)
	if d := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || d > 500*time.Millisecond {
		t.Errorf("deadline of 50ms on %d bytes: err = %v after %v", len(big), err, d)
	}
}

// TestCallerCandidatesOutOfRange checks that a caller's recogniser that
// proposes candidates outside the document's tokens cannot break
// extraction: they are dropped.
func TestCallerCandidatesOutOfRange(t *testing.T) {
	bad := RecognizerFunc(func(doc *Document, dst []Mention) []Mention {
		n := len(doc.Tokens)
		return append(dst,
			Mention{Start: 0, End: 1, TokenStart: -1, TokenEnd: 1, Type: 1, Kind: Exact, ID: "x"},
			Mention{Start: 0, End: len(doc.Text) + 5, TokenStart: 0, TokenEnd: n + 3, Type: 1, Kind: Exact, ID: "y"},
			Mention{Start: 0, End: 0, TokenStart: 1, TokenEnd: 1, Type: 1, Kind: Exact, ID: "z"},
		)
	})
	for _, opts := range [][]Option{{WithRecognizer(bad)}, {WithRecognizer(bad), WithoutModel()}} {
		x, err := New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		text := "قال الرئيس العراقي برهم صالح في بغداد."
		res := x.Extract(text)
		checkOffsets(t, text, res)
		if _, ok := entityOf(res, "بغداد"); !ok {
			t.Errorf("Baghdad lost: %+v", res.Entities)
		}
	}
}
