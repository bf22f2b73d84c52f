package main

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
)

func init() {
	register.DoFn4x1[context.Context, inputLine, func(string), func(deadLetter), error](&analyzeFn{})
	register.Emitter1[string]()
	register.Function1x2(encodeDeadLetter)
}

// analyzeArticles returns the analyses of lines, one JSONL line each, as
// analyze -format jsonl prints them, and the dead letters of the lines
// that are not articles or that the Analyzer rejects.
func analyzeArticles(s beam.Scope, lines beam.PCollection, spec analyzerSpec, workers int) (analyses, dead beam.PCollection) {
	return beam.ParDo2(s.Scope("analyze"), &analyzeFn{Spec: spec, Workers: workers}, lines)
}

// analyzeFn analyses articles with the worker's Analyzer, Workers at a
// time (0: GOMAXPROCS).
type analyzeFn struct {
	Spec    analyzerSpec
	Workers int

	ctx  context.Context
	an   *khabar.Analyzer
	pool *pool[inputLine, analyzed]
}

// analyzed is the analysis of one line, as a JSONL line, or its dead
// letter.
type analyzed struct {
	line string
	dead *deadLetter
}

// Setup gets the worker's Analyzer, built once per process.
func (f *analyzeFn) Setup(ctx context.Context) error {
	b, err := f.Spec.get(ctx)
	f.an = b.analyzer
	return err
}

// StartBundle starts the goroutines of the bundle.
func (f *analyzeFn) StartBundle(ctx context.Context, _ func(string), _ func(deadLetter)) {
	f.ctx = ctx
	f.pool = newPool(f.Workers, f.analyze, func(l inputLine, r any) analyzed {
		return analyzed{dead: &deadLetter{File: l.File, Line: l.Line, Error: panicError(r)}}
	})
}

// ProcessElement hands a line to the goroutines and emits what they have
// done.
func (f *analyzeFn) ProcessElement(ctx context.Context, l inputLine, emit func(string), dead func(deadLetter)) error {
	f.pool.put(l, func(a analyzed) { a.emit(emit, dead) })
	return nil
}

// FinishBundle waits for the bundle's last analyses.
func (f *analyzeFn) FinishBundle(ctx context.Context, emit func(string), dead func(deadLetter)) error {
	f.pool.finish(func(a analyzed) { a.emit(emit, dead) })
	f.pool = nil
	return nil
}

func (a analyzed) emit(emit func(string), dead func(deadLetter)) {
	if a.dead != nil {
		dead(*a.dead)
		return
	}
	emit(a.line)
}

// analyze is what analyze -format jsonl does with one line.
func (f *analyzeFn) analyze(l inputLine) analyzed {
	art, err := jsonl.Parse(l.Data)
	if err != nil {
		return analyzed{dead: &deadLetter{File: l.File, Line: l.Line, Error: err.Error()}}
	}
	a, err := f.an.AnalyzeArticle(f.ctx, art.Article)
	if err != nil {
		return analyzed{dead: &deadLetter{File: l.File, Line: l.Line, ID: art.ID, Error: cli.ArticleError(err).Error()}}
	}
	a.Warnings = append(a.Warnings, art.Warnings...)
	var buf bytes.Buffer
	if err := jsonl.Encode(&buf, jsonl.NewDocument(a, l.loc(), &art), false); err != nil {
		return analyzed{dead: &deadLetter{File: l.File, Line: l.Line, ID: art.ID, Error: err.Error()}}
	}
	return analyzed{line: string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))}
}

// encodeDeadLetter is a dead letter as a JSONL line.
func encodeDeadLetter(d deadLetter) (string, error) {
	b, err := json.Marshal(d)
	return string(b), err
}
