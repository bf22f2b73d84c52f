package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/article"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/internal/heapwatch"
	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// Large inputs for the cost benchmarks and tests, built from the project's
// test articles (issue 15: memory and time linear in the input).
const (
	// articleInput is one long article: the test articles' paragraphs
	// repeated under one title.
	articleInput = "article"
	// sentencesInput is one-word sentences ("word. "), sixteen to a line.
	sentencesInput = "sentences"
	// dotsInput is a title line, then ". " repeated: a token, and a
	// sentence, every two bytes.
	dotsInput = "dots"
)

// costInput returns about size bytes of input of the given kind (never
// more than size).
func costInput(tb testing.TB, kind string, size int) string {
	tb.Helper()
	files, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no test articles: %v", err)
	}
	var paras, words []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for _, l := range lines[1:] {
			if l = strings.TrimSpace(l); l != "" {
				paras = append(paras, l)
			}
		}
		for _, w := range strings.Fields(string(data)) {
			if w = strings.Trim(w, ".,،؛:؟!«»()\"'"); len(w) > 4 {
				words = append(words, w)
			}
		}
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString("بلينكن يزور بغداد والرياض لبحث أمن المنطقة\n\n")
	add := func(s string) bool {
		if b.Len()+len(s) > size {
			return false
		}
		b.WriteString(s)
		return true
	}
	switch kind {
	case articleInput:
		for i := 0; add(paras[i%len(paras)] + "\n\n"); i++ {
		}
	case sentencesInput:
		for i := 0; ; i++ {
			sep := " "
			if i%16 == 15 {
				sep = "\n"
			}
			if !add(words[(i*7)%len(words)] + "." + sep) {
				break
			}
		}
	case dotsInput:
		for add(". ") {
		}
	default:
		tb.Fatalf("unknown input %q", kind)
	}
	return b.String()
}

// costStage is one stage of the analysis, measured alone: prepare runs
// the stages before it, outside the measurement, and returns the work.
type costStage struct {
	name    string
	prepare func(tb testing.TB, text string) func()
}

var costStages = []costStage{
	{"tokenize", func(tb testing.TB, text string) func() {
		return func() { costSink = tokenize.Tokenize(text) }
	}},
	{"tokenize-list", func(tb testing.TB, text string) func() {
		return func() {
			l, err := tokenize.Default().List(context.Background(), text)
			if err != nil {
				tb.Fatal(err)
			}
			costSink = l
		}
	}},
	{"structure", func(tb testing.TB, text string) func() {
		return func() {
			s := article.Parse(text)
			costSink = s.Mask(text)
		}
	}},
	{"entities", func(tb testing.TB, text string) func() {
		x, err := entities.New()
		if err != nil {
			tb.Fatal(err)
		}
		toks := tokenize.Tokenize(text)
		return func() { costSink = x.ExtractTokens(text, toks) }
	}},
	{"topics", func(tb testing.TB, text string) func() {
		m, err := topics.DefaultModel()
		if err != nil {
			tb.Fatal(err)
		}
		return func() { costSink = m.Score(topics.Document{Text: text}) }
	}},
	{"keywords", func(tb testing.TB, text string) func() {
		s, err := tfidf.DefaultSpace()
		if err != nil {
			tb.Fatal(err)
		}
		return func() { costSink = s.Keywords(text, 20) }
	}},
	{"analyze", func(tb testing.TB, text string) func() {
		a := costAnalyzer(tb)
		return func() {
			res, err := a.Analyze(context.Background(), text)
			if err != nil {
				tb.Fatal(err)
			}
			costSink = res
		}
	}},
	{"render-json", func(tb testing.TB, text string) func() {
		return costRender(tb, text, "-format", "json")
	}},
	{"render-json-tokens", func(tb testing.TB, text string) func() {
		return costRender(tb, text, "-format", "json", "-tokens")
	}},
	{"program-json-tokens", func(tb testing.TB, text string) func() {
		name := filepath.Join(tb.TempDir(), "input.txt")
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
		return func() {
			if code := run([]string{"-format", "json", "-tokens", "-progress", "off", name}, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
				tb.Fatalf("analyze exited %d", code)
			}
		}
	}},
}

var costSink any

func costAnalyzer(tb testing.TB) *analyzer {
	tb.Helper()
	a, err := newAnalyzer(config{analyzer: cli.AnalyzerConfig{Keywords: 10, Topics: 3}}, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// costRender analyses text once, then returns the work of rendering the
// analysis as the flags ask and writing it out.
func costRender(tb testing.TB, text string, flags ...string) func() {
	tb.Helper()
	a := costAnalyzer(tb)
	res, err := a.Analyze(context.Background(), text)
	if err != nil {
		tb.Fatal(err)
	}
	cfg := config{format: "json", tokens: strings.Contains(strings.Join(flags, " "), "-tokens")}
	b := &batch{cfg: cfg, analyzer: a, stdout: io.Discard, stderr: io.Discard}
	j := job{loc: location{File: "input.txt"}, plain: true, text: text}
	return func() {
		if err := b.emit(io.Discard, res, j); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkCost measures each stage of the analysis, alone, on large
// inputs: time, allocations, and the peak heap per input byte (peak-B/byte:
// objects live or not yet swept; live-B/byte: the live heap at the end of
// each collection). Compare size=0.8MB with size=8MB for linearity.
//
//	go test ./examples/analyze -run '^$' -bench Cost -benchtime 1x
//	go test ./examples/analyze -run '^$' -bench 'Cost/input=article/size=8MB/stage=analyze' -benchtime 1x -memprofile mem.out
func BenchmarkCost(b *testing.B) {
	for _, kind := range []string{articleInput, sentencesInput, dotsInput} {
		for _, size := range []int{800_000, 8_000_000} {
			text := costInput(b, kind, size)
			for _, st := range costStages {
				name := fmt.Sprintf("input=%s/size=%gMB/stage=%s", kind, float64(size)/1e6, st.name)
				b.Run(name, func(b *testing.B) {
					work := st.prepare(b, text)
					b.SetBytes(int64(len(text)))
					b.ReportAllocs()
					r := heapwatch.Measure(func() {
						for b.Loop() {
							work()
						}
					})
					costSink = nil
					b.ReportMetric(r.PerByte(len(text)), "peak-B/byte")
					b.ReportMetric(r.LivePerByte(len(text)), "live-B/byte")
				})
			}
		}
	}
}
