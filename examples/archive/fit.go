package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"unicode"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// Fitting a keyword space.
//
// Every worker turns its articles into term statistics (documents holding
// each term, occurrences of each surface) and adds them up per bundle;
// the sums are added up per term across workers, and one step builds the
// space from them and the number of articles and writes it.

// termSums are the statistics of one term over some articles.
type termSums struct {
	DF       int
	Surfaces map[string]int
}

// termRow is a term with its statistics over the whole archive.
type termRow struct {
	Key      string
	DF       int
	Surfaces map[string]int
}

var (
	articlesUsed  = beam.NewCounter(metricsNamespace, "articles")
	spaceTerms    = beam.NewCounter(metricsNamespace, "space-terms")
	spaceArticles = beam.NewCounter(metricsNamespace, "space-articles")
)

func init() {
	beam.RegisterType(reflect.TypeOf((*termSums)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*termRow)(nil)).Elem())
	register.DoFn5x0[context.Context, inputLine, func(string, termSums), func(int), func(deadLetter)](&termStatsFn{})
	register.Emitter2[string, termSums]()
	register.Emitter1[int]()
	register.Combiner1[termSums](&addTermsFn{})
	register.Function2x1(toTermRow)
	register.DoFn4x1[context.Context, []byte, func(*termRow) bool, func(*int) bool, error](&writeSpaceFn{})
	register.Iter1[termRow]()
	register.Iter1[int]()
}

// fitSpace learns the keyword space of lines and writes it to output; it
// returns the dead letters of the lines that are not articles or that hold
// no text.
func fitSpace(s beam.Scope, lines beam.PCollection, output string, o spaceOptions, workers int) (dead beam.PCollection) {
	s = s.Scope("fit")
	outs := beam.ParDoN(s, &termStatsFn{Workers: workers, MaxTerms: 1 << 20}, lines)
	sums, docs, dead := outs[0], outs[1], outs[2]
	rows := beam.ParDo(s, toTermRow, beam.CombinePerKey(s, &addTermsFn{}, sums))
	beam.ParDo0(s, &writeSpaceFn{Output: output, Options: o}, beam.Impulse(s), beam.SideInput{Input: rows}, beam.SideInput{Input: docs})
	return dead
}

// termStatsFn adds up the term statistics of the articles of a bundle,
// which Workers goroutines count (0: GOMAXPROCS). Each goroutine adds the
// articles it counts to sums of its own, so that adding up runs on every
// core; the sums are emitted when the bundle ends (a term's sums from
// several goroutines are added up by the combine that follows), or as soon
// as one goroutine holds more than MaxTerms/Workers terms, with the number
// of articles counted.
type termStatsFn struct {
	Workers  int
	MaxTerms int

	sums chan termMap // one map per goroutine, taken while it adds
	max  int          // terms a map may hold before it is emitted
	docs int
	pool *pool[inputLine, counted]
}

// termMap is the sums of some articles, by term.
type termMap map[string]*termSums

// counted says what became of one article: nothing to emit, sums to emit
// (a goroutine's full map), or its dead letter.
type counted struct {
	full termMap
	dead *deadLetter
}

// StartBundle starts the goroutines of the bundle.
func (f *termStatsFn) StartBundle(_ context.Context, _ func(string, termSums), _ func(int), _ func(deadLetter)) {
	n := f.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	f.sums, f.max, f.docs = make(chan termMap, n), max(1, f.MaxTerms/n), 0
	for range n {
		f.sums <- termMap{}
	}
	f.pool = newPool(n, f.count, func(l inputLine, r any) counted {
		return counted{dead: &deadLetter{File: l.File, Line: l.Line, Error: panicError(r)}}
	})
}

// ProcessElement hands a line to the goroutines and emits what they
// return.
func (f *termStatsFn) ProcessElement(ctx context.Context, l inputLine, emit func(string, termSums), _ func(int), dead func(deadLetter)) {
	f.pool.put(l, func(c counted) { f.emit(ctx, c, emit, dead) })
}

// FinishBundle waits for the bundle's last articles and emits the sums.
func (f *termStatsFn) FinishBundle(ctx context.Context, emit func(string, termSums), docs func(int), dead func(deadLetter)) {
	f.pool.finish(func(c counted) { f.emit(ctx, c, emit, dead) })
	for range cap(f.sums) {
		emitSums(<-f.sums, emit)
	}
	if f.docs > 0 {
		docs(f.docs)
	}
}

// count counts the terms of the article on line l into the sums of the
// goroutine, and returns them when they are full.
func (f *termStatsFn) count(l inputLine) counted {
	stats, dead := countTerms(l)
	if dead != nil {
		return counted{dead: dead}
	}
	sums := <-f.sums
	for _, st := range stats {
		sum, ok := sums[st.Key]
		if !ok {
			sum = &termSums{Surfaces: make(map[string]int, len(st.Surfaces))}
			sums[st.Key] = sum
		}
		sum.DF += st.DF
		for surface, n := range st.Surfaces {
			sum.Surfaces[surface] += n
		}
	}
	var c counted
	if len(sums) > f.max {
		c.full, sums = sums, termMap{}
	}
	f.sums <- sums
	return c
}

// emit passes on what became of one article: its dead letter, or the
// sums a goroutine filled while counting it.
func (f *termStatsFn) emit(ctx context.Context, c counted, emit func(string, termSums), dead func(deadLetter)) {
	if c.dead != nil {
		dead(*c.dead)
		return
	}
	articlesUsed.Inc(ctx, 1)
	f.docs++
	emitSums(c.full, emit)
}

// emitSums emits the sums of every term of sums.
func emitSums(sums termMap, emit func(string, termSums)) {
	for key, sum := range sums {
		emit(key, *sum)
	}
}

// countTerms returns the term statistics of the article on line l: those
// of the text the Analyzer scores keywords on. Articles the Analyzer would
// reject (no text, too large) are dead letters, as in analyze.
func countTerms(l inputLine) ([]tfidf.TermStats, *deadLetter) {
	art, err := jsonl.Parse(l.Data)
	if err != nil {
		return nil, &deadLetter{File: l.File, Line: l.Line, Error: err.Error()}
	}
	text := articleText(art.Article)
	if err := checkText(text); err != nil {
		return nil, &deadLetter{File: l.File, Line: l.Line, ID: art.ID, Error: cli.ArticleError(err).Error()}
	}
	return textStats(keywordText(text)), nil
}

// checkText returns the Analyzer's error for a text it would not analyse.
func checkText(text string) error {
	if len(text) > khabar.DefaultMaxBytes {
		return fmt.Errorf("%w: %d bytes, the limit is %d", khabar.ErrTooLarge, len(text), khabar.DefaultMaxBytes)
	}
	if strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return khabar.ErrEmptyText
	}
	return nil
}

// addTermsFn adds up the statistics of a term.
type addTermsFn struct{}

// MergeAccumulators adds b to a.
func (*addTermsFn) MergeAccumulators(a, b termSums) termSums {
	if a.Surfaces == nil {
		a.Surfaces = make(map[string]int, len(b.Surfaces))
	}
	a.DF += b.DF
	for surface, n := range b.Surfaces {
		a.Surfaces[surface] += n
	}
	return a
}

func toTermRow(key string, sums termSums) termRow {
	return termRow{Key: key, DF: sums.DF, Surfaces: sums.Surfaces}
}

// writeSpaceFn builds the keyword space from every term's sums and the
// numbers of articles, and writes it to Output.
type writeSpaceFn struct {
	Output  string
	Options spaceOptions
}

// ProcessElement runs once, when every article is counted.
func (f *writeSpaceFn) ProcessElement(ctx context.Context, _ []byte, rows func(*termRow) bool, docs func(*int) bool) error {
	n := 0
	var d int
	for docs(&d) {
		n += d
	}
	var stats []tfidf.TermStats
	var r termRow
	for rows(&r) {
		stats = append(stats, tfidf.TermStats{Key: r.Key, DF: r.DF, Surfaces: r.Surfaces})
	}
	space, err := buildSpace(n, stats, f.Options)
	if errors.Is(err, tfidf.ErrStats) {
		return err
	}
	if err != nil {
		// No article, or no term left within the limits (checked when
		// the job started): nothing to write, and the summary says why.
		spaceArticles.Inc(ctx, int64(n))
		return nil
	}
	if err := writeFile(ctx, f.Output, func(w io.Writer) error {
		_, err := space.WriteTo(w)
		return err
	}); err != nil {
		return err
	}
	spaceArticles.Inc(ctx, int64(n))
	spaceTerms.Inc(ctx, int64(space.Vectorizer().Len()))
	return nil
}
