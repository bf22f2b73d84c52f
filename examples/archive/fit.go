package main

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
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
// which Workers goroutines count (0: GOMAXPROCS). It emits the sums of a
// term when the bundle ends, or all of them when more than MaxTerms terms
// are held, and the number of articles counted.
type termStatsFn struct {
	Workers  int
	MaxTerms int

	sums map[string]*termSums
	docs int
	pool *pool[inputLine, counted]
}

// counted is the term statistics of one article, or its dead letter.
type counted struct {
	stats []tfidf.TermStats
	dead  *deadLetter
}

// StartBundle starts the goroutines of the bundle.
func (f *termStatsFn) StartBundle(_ context.Context, _ func(string, termSums), _ func(int), _ func(deadLetter)) {
	f.sums, f.docs = map[string]*termSums{}, 0
	f.pool = newPool(f.Workers, countTerms, func(l inputLine, r any) counted {
		return counted{dead: &deadLetter{File: l.File, Line: l.Line, Error: panicError(r)}}
	})
}

// ProcessElement hands a line to the goroutines and adds up what they
// have counted.
func (f *termStatsFn) ProcessElement(ctx context.Context, l inputLine, emit func(string, termSums), _ func(int), dead func(deadLetter)) {
	f.pool.put(l, func(c counted) { f.add(ctx, c, emit, dead) })
}

// FinishBundle adds up the bundle's last articles and emits the sums.
func (f *termStatsFn) FinishBundle(ctx context.Context, emit func(string, termSums), docs func(int), dead func(deadLetter)) {
	f.pool.finish(func(c counted) { f.add(ctx, c, emit, dead) })
	f.flush(emit)
	if f.docs > 0 {
		docs(f.docs)
	}
}

func (f *termStatsFn) add(ctx context.Context, c counted, emit func(string, termSums), dead func(deadLetter)) {
	if c.dead != nil {
		dead(*c.dead)
		return
	}
	articlesUsed.Inc(ctx, 1)
	f.docs++
	for _, st := range c.stats {
		sum, ok := f.sums[st.Key]
		if !ok {
			sum = &termSums{Surfaces: make(map[string]int, len(st.Surfaces))}
			f.sums[st.Key] = sum
		}
		sum.DF += st.DF
		for surface, n := range st.Surfaces {
			sum.Surfaces[surface] += n
		}
	}
	if len(f.sums) > f.MaxTerms {
		f.flush(emit)
	}
}

func (f *termStatsFn) flush(emit func(string, termSums)) {
	for key, sum := range f.sums {
		emit(key, *sum)
	}
	clear(f.sums)
}

// countTerms returns the term statistics of the article on line l: those
// of the text the Analyzer scores keywords on. Articles the Analyzer would
// reject (no text, too large) are dead letters, as in analyze.
func countTerms(l inputLine) counted {
	art, err := jsonl.Parse(l.Data)
	if err != nil {
		return counted{dead: &deadLetter{File: l.File, Line: l.Line, Error: err.Error()}}
	}
	text := articleText(art.Article)
	if err := checkText(text); err != nil {
		return counted{dead: &deadLetter{File: l.File, Line: l.Line, ID: art.ID, Error: cli.ArticleError(err).Error()}}
	}
	return counted{stats: textStats(keywordText(text))}
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
	fs, err := filesystem.New(ctx, f.Output)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, f.Output)
	if err != nil {
		return err
	}
	if _, err := space.WriteTo(w); err != nil {
		w.Close()
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	spaceArticles.Inc(ctx, int64(n))
	spaceTerms.Inc(ctx, int64(space.Vectorizer().Len()))
	return nil
}
