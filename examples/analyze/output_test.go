package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/article"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
	"github.com/khabar-nlp/khabar/internal/costinput"
	"github.com/khabar-nlp/khabar/internal/heapwatch"
	"github.com/khabar-nlp/khabar/tokenize"
)

// TestStreamedJSONEqualsEncoder compares the streamed JSON with
// encoding/json's for analyses of every shape: none, one and many
// sentences, entities and blocks; nil and empty arrays; meta and
// body_start; with and without tokens and Unicode offsets.
func TestStreamedJSONEqualsEncoder(t *testing.T) {
	a := costAnalyzer(t)
	var analyses []*khabar.Analysis
	for _, file := range testArticles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		res, err := a.Analyze(context.Background(), string(data))
		if err != nil {
			t.Fatal(err)
		}
		analyses = append(analyses, res)
	}
	one, err := a.Analyze(context.Background(), "بغداد")
	if err != nil {
		t.Fatal(err)
	}
	analyses = append(analyses, one,
		&khabar.Analysis{Title: "<&> \u2028", Text: "نص"}, // nil arrays: null, omitted
		&khabar.Analysis{Text: "نص قصير.", Sentences: []khabar.Sentence{}, Entities: []entities.Entity{}, Structure: []article.Block{}},
	)
	jobs := []job{
		{loc: location{File: "a.txt"}, plain: true},
		{loc: location{File: "b.jsonl", Line: 3}, art: jsonl.Article{Article: khabar.Article{Body: "x"},
			Meta: map[string]json.RawMessage{"url": json.RawMessage(`"https://e.example/?a=1&b=<2>"`), "tags": json.RawMessage(`["a",{"b":[]}]`)}}},
	}
	for _, format := range []string{"json", "jsonl"} {
		for _, tokens := range []bool{false, true} {
			for _, uni := range []bool{false, true} {
				cfg := config{format: format, tokens: tokens, unicodeOffsets: uni}
				for i, res := range analyses {
					for _, j := range jobs {
						var got, want bytes.Buffer
						if err := streamDocument(&got, res, j, cfg); err != nil {
							t.Fatal(err)
						}
						if err := jsonl.Encode(&want, wholeDocument(res, j, cfg), format == "json"); err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(got.Bytes(), want.Bytes()) {
							t.Fatalf("%+v, analysis %d, %s: streamed output differs:\n%s\nwant:\n%s", cfg, i, j.loc, head(got.Bytes()), head(want.Bytes()))
						}
					}
				}
			}
		}
	}
}

func head(b []byte) []byte { return b[:min(len(b), 2000)] }

// syntheticAnalysis returns an analysis of text with its sentences (and no
// entities), built without the analyzer: enough for measuring output.
func syntheticAnalysis(t testing.TB, text string) *khabar.Analysis {
	l, err := tokenize.Default().List(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	a := &khabar.Analysis{Text: text, Title: "عنوان", Language: "ar", Sentences: []khabar.Sentence{}}
	for s := range l.Sentences() {
		a.Sentences = append(a.Sentences, khabar.Sentence{Start: s.Start, End: s.End, Paragraph: s.Paragraph})
	}
	a.SentenceCount = len(a.Sentences)
	return a
}

// TestEmitCost checks that writing the analysis of 8 MB of one-word
// sentences with -tokens in any format takes little memory beyond the
// analysis: hundreds of megabytes of output go out as they are made.
func TestEmitCost(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes hundreds of megabytes: skipped with -short and -race")
	}
	text := costInput(t, costinput.Sentences, 8_000_000)
	a := syntheticAnalysis(t, text)
	j := job{loc: location{File: "big.txt"}, plain: true}
	for _, flags := range []config{
		{format: "json", tokens: true},
		{format: "text", tokens: true},
	} {
		b := &batch{cfg: flags}
		var n countingWriter
		r := heapwatch.Measure(func() {
			if err := b.emit(&n, a, j); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: %d bytes of output for %d of text, peak heap %.2f bytes per input byte, %v", flags.format, n, len(text), r.PerByte(len(text)), r.Duration)
		if got := r.PerByte(len(text)); got > 8 {
			t.Errorf("%s: peak heap %.1f bytes per input byte, want ≤ 8", flags.format, got)
		}
		if int(n) < 5*len(text) {
			t.Errorf("%s: only %d bytes of output", flags.format, n)
		}
	}
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// TestLongArticleStreams runs analyze on an article longer than what
// workers render ahead, with several others, and checks that the output
// is in input order and the same as rendered ahead.
func TestLongArticleStreams(t *testing.T) {
	dir := t.TempDir()
	long := costInput(t, costinput.Article, 3*renderAhead)
	writeFile(t, dir+"/b-long.txt", long)
	for _, file := range testArticles(t)[:2] {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir+"/a-"+strings.TrimPrefix(file, "../../testdata/articles/"), string(data))
		writeFile(t, dir+"/c-"+strings.TrimPrefix(file, "../../testdata/articles/"), string(data))
	}
	out, errOut, code := runAnalyze(t, "", "-format", "jsonl", "-tokens", "-j", "2", "-progress", "off", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var files []string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var d struct {
			File   string
			Tokens []json.RawMessage
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Tokens) == 0 {
			t.Errorf("%s: no tokens", d.File)
		}
		files = append(files, strings.TrimPrefix(d.File, dir+"/"))
	}
	if !slices.IsSorted(files) || len(files) != 5 {
		t.Errorf("results out of order: %q", files)
	}
	// The long article alone, written by the writer, equals its
	// rendering ahead.
	a := costAnalyzer(t)
	res, err := a.Analyze(context.Background(), long)
	if err != nil {
		t.Fatal(err)
	}
	b := &batch{cfg: config{format: "jsonl", tokens: true}, analyzer: a}
	j := job{loc: location{File: dir + "/b-long.txt"}, plain: true}
	ahead, err := b.render(res, j)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, string(ahead)) {
		t.Error("the streamed long article differs from its rendering")
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"بغداد واشنطن", "بغداد واشنطن"},
		{"a\tb\nc\rd", `a\tb\nc\rd`},
		{"title \x1b]0;owned\x07 end", `title \x1b]0;owned\x07 end`},
		{"\x00\x7f", `\x00\x7f`},
		{"c1 \u0085 \u009b", `c1 \u0085 \u009b`},
		{"bidi \u202ereversed\u202c \u2066iso\u2069", `bidi \u202ereversed\u202c \u2066iso\u2069`},
		{"marks \u200f\u200e\u061c kept", "marks \u200f\u200e\u061c kept"},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{"real \ufffd kept", "real \ufffd kept"},
		{`back\slash`, `back\slash`},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	s := "بغداد"
	if got := escape(s); got != s {
		t.Error("escape changed clean text")
	}
}

// TestTextEscapesControls checks that -format text writes no control or
// bidirectional override character taken from an article, in any field
// (issue 15: an article could set the terminal's title).
func TestTextEscapesControls(t *testing.T) {
	hostile := "بيان \x1b]0;owned\x07 حول \u202eبغداد\u202c\n\nقال الوزير في بغداد\x1b[2J إن \x9b الاتفاق تم.\n"
	line := `{"id":"x\u001b[31m","title":"عنوان \u202e مقلوب","text":"قال الوزير في بغداد \u001b]0;t\u0007 إن الاتفاق تم."}` + "\n"
	for _, tc := range []struct {
		stdin string
		args  []string
	}{
		{hostile, []string{"-format", "text", "-tokens", "-unicode-offsets", "-"}},
		{hostile, []string{"-format", "text", "-"}},
		{line, []string{"-format", "text", "-tokens", "-"}},
	} {
		out, errOut, code := runAnalyze(t, tc.stdin, tc.args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for i := 0; i < len(out); {
			r, size := utf8.DecodeRuneInString(out[i:])
			if r != '\n' && needsEscape(r, size) {
				t.Fatalf("%v: output holds %U at %d:\n%s", tc.args, r, i, out)
			}
			i += size
		}
		if !strings.Contains(out, `\x1b`) {
			t.Errorf("%v: no escape in\n%s", tc.args, out)
		}
	}
}

// TestEmitWriteError checks that a failed write is returned.
func TestEmitWriteError(t *testing.T) {
	a := syntheticAnalysis(t, "بغداد. واشنطن. الرياض.")
	for _, format := range []string{"json", "jsonl", "text"} {
		b := &batch{cfg: config{format: format, tokens: true}}
		if err := b.emit(&failingWriter{}, a, job{}); err == nil {
			t.Errorf("%s: no error from a failing writer", format)
		}
	}
}
