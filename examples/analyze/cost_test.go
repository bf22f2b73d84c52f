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
	"github.com/khabar-nlp/khabar/internal/costinput"
	"github.com/khabar-nlp/khabar/internal/heapwatch"
	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// costInput returns about size bytes of input of the given kind (never
// more than size), built from the project's test articles (issue 15:
// memory and time linear in the input).
func costInput(tb testing.TB, kind costinput.Kind, size int) string {
	tb.Helper()
	text, err := costinput.Text("../../testdata/articles", kind, size)
	if err != nil {
		tb.Fatal(err)
	}
	return text
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
		l, err := tokenize.Default().List(context.Background(), text)
		if err != nil {
			tb.Fatal(err)
		}
		return func() {
			res, err := x.ExtractList(context.Background(), l)
			if err != nil {
				tb.Fatal(err)
			}
			costSink = res
		}
	}},
	{"topics", func(tb testing.TB, text string) func() {
		m, err := topics.DefaultModel()
		if err != nil {
			tb.Fatal(err)
		}
		l, err := m.Tokenizer().List(context.Background(), text)
		if err != nil {
			tb.Fatal(err)
		}
		return func() {
			s, err := m.ScoreList(context.Background(), topics.ListDocument{Tokens: l, To: l.Len()})
			if err != nil {
				tb.Fatal(err)
			}
			costSink = s
		}
	}},
	{"keywords", func(tb testing.TB, text string) func() {
		s, err := tfidf.DefaultSpace()
		if err != nil {
			tb.Fatal(err)
		}
		l, err := tokenize.Default().List(context.Background(), text)
		if err != nil {
			tb.Fatal(err)
		}
		return func() {
			kws, err := s.KeywordsList(context.Background(), l, 20)
			if err != nil {
				tb.Fatal(err)
			}
			costSink = kws
		}
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
	for _, kind := range costinput.Kinds {
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

// TestProgramCost checks that the analyze program, reading 8 MB of
// one-word sentences from a file and writing the analysis as JSON with
// every token (-tokens), keeps its peak heap under 25 bytes per input
// byte (issue 15); the input's own bytes, read from the file, count. The
// root package's TestAnalyzeCost checks the analysis alone, of article
// text too.
func TestProgramCost(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("analyses 8 MB: skipped with -short and -race")
	}
	for _, kind := range []costinput.Kind{costinput.Sentences} {
		text := costInput(t, kind, 8_000_000)
		name := filepath.Join(t.TempDir(), "input.txt")
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var out countingWriter
		code := -1
		r := heapwatch.Measure(func() {
			code = run([]string{"-format", "json", "-tokens", "-progress", "off", name}, strings.NewReader(""), &out, io.Discard)
		})
		if code != 0 {
			t.Fatalf("%s: analyze exited %d", kind, code)
		}
		t.Logf("%s: %d bytes of output, peak heap %.1f bytes per input byte (live %.1f), %v", kind, out, r.PerByte(len(text)), r.LivePerByte(len(text)), r.Duration)
		if got := r.PerByte(len(text)); got > 25 {
			t.Errorf("%s: peak heap %.1f bytes per input byte, want ≤ 25", kind, got)
		}
	}
}
