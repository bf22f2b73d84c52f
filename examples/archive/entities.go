package main

import (
	"context"
	"encoding/json"
	"io"
	"reflect"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/khabar-nlp/khabar/examples/archive/internal/stats"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
)

// Entity statistics.
//
// Every worker analyses its articles (structure and entities only) and
// adds up, per entity ID, the articles and mentions, the first and last
// dates, the entities met in the same articles and, for names the
// gazetteer lacks, how they are written and where; the sums are added up
// per ID across workers. Each entity becomes a JSONL line, and the new
// names found in enough articles a draft gazetteer (suggestions.tsv).

// unreadableDates counts the articles whose date none of dateLayouts
// reads.
var unreadableDates = beam.NewCounter(metricsNamespace, "unreadable-dates")

// suggestionsWritten counts the entries of the suggestions file.
var suggestionsWritten = beam.NewCounter(metricsNamespace, "suggestions")

func init() {
	beam.RegisterType(reflect.TypeOf((*stats.Entity)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*stats.Example)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*stats.Row)(nil)).Elem())
	register.DoFn4x1[context.Context, inputLine, func(string, stats.Entity), func(deadLetter), error](&entityStatsFn{})
	register.Emitter2[string, stats.Entity]()
	register.Combiner1[stats.Entity](&addEntitiesFn{})
	register.DoFn4x1[string, stats.Entity, func(string), func(stats.Row), error](&entityLineFn{})
	register.Emitter1[stats.Row]()
	register.DoFn3x1[context.Context, []byte, func(*stats.Row) bool, error](&writeSuggestionsFn{})
	register.Iter1[stats.Row]()
}

// entityOptions are the entities subcommand's limits.
type entityOptions struct {
	// Examples is the number of example contexts kept for a new name.
	Examples int
	// MinArticles is the number of articles a new name needs to be
	// suggested.
	MinArticles int
	// With is the number of co-occurring entities listed.
	With int
}

// entityStatistics computes the statistics of the entities of lines. It
// returns them as JSONL lines, with the dead letters of the lines that are
// not articles or that the Analyzer rejects, and writes the suggestions to
// suggestions.
func entityStatistics(s beam.Scope, lines beam.PCollection, spec analyzerSpec, workers int, o entityOptions, suggestions string) (out, dead beam.PCollection) {
	s = s.Scope("entities")
	sums, dead := beam.ParDo2(s, &entityStatsFn{Spec: spec, Workers: workers, Examples: o.Examples, MaxEntities: 1 << 18}, lines)
	merged := beam.CombinePerKey(s, &addEntitiesFn{Examples: o.Examples}, sums)
	out, rows := beam.ParDo2(s, &entityLineFn{MinArticles: o.MinArticles, With: o.With}, merged)
	beam.ParDo0(s, &writeSuggestionsFn{Output: suggestions, MinArticles: o.MinArticles}, beam.Impulse(s), beam.SideInput{Input: rows})
	return out, dead
}

// entityStatsFn adds up the entity statistics of the articles of a
// bundle, analysed by Workers goroutines (0: GOMAXPROCS), and emits them
// when the bundle ends, or when more than MaxEntities entities are held.
type entityStatsFn struct {
	Spec        analyzerSpec
	Workers     int
	Examples    int
	MaxEntities int

	ctx  context.Context
	an   built
	sums map[string]*stats.Entity
	pool *pool[inputLine, found]
}

// found is the entity statistics of one article, or its dead letter.
type found struct {
	entities   map[string]*stats.Entity
	unreadDate bool
	dead       *deadLetter
}

// Setup gets the worker's Analyzer, built once per process.
func (f *entityStatsFn) Setup(ctx context.Context) error {
	var err error
	f.an, err = f.Spec.get(ctx)
	return err
}

// StartBundle starts the goroutines of the bundle.
func (f *entityStatsFn) StartBundle(ctx context.Context, _ func(string, stats.Entity), _ func(deadLetter)) {
	f.ctx, f.sums = ctx, map[string]*stats.Entity{}
	f.pool = newPool(f.Workers, f.article, func(l inputLine, r any) found {
		return found{dead: &deadLetter{File: l.File, Line: l.Line, Error: panicError(r)}}
	})
}

// ProcessElement hands a line to the goroutines and adds up what they
// have found.
func (f *entityStatsFn) ProcessElement(ctx context.Context, l inputLine, emit func(string, stats.Entity), dead func(deadLetter)) error {
	f.pool.put(l, func(r found) { f.add(ctx, r, emit, dead) })
	return nil
}

// FinishBundle adds up the bundle's last articles and emits the sums.
func (f *entityStatsFn) FinishBundle(ctx context.Context, emit func(string, stats.Entity), dead func(deadLetter)) error {
	f.pool.finish(func(r found) { f.add(ctx, r, emit, dead) })
	f.flush(emit)
	return nil
}

func (f *entityStatsFn) add(ctx context.Context, r found, emit func(string, stats.Entity), dead func(deadLetter)) {
	if r.dead != nil {
		dead(*r.dead)
		return
	}
	articlesUsed.Inc(ctx, 1)
	if r.unreadDate {
		unreadableDates.Inc(ctx, 1)
	}
	for id, st := range r.entities {
		if sum, ok := f.sums[id]; ok {
			*sum = stats.Add(*sum, *st, f.Examples)
		} else {
			f.sums[id] = st
		}
	}
	if len(f.sums) > f.MaxEntities {
		f.flush(emit)
	}
}

func (f *entityStatsFn) flush(emit func(string, stats.Entity)) {
	for id, st := range f.sums {
		emit(id, *st)
	}
	clear(f.sums)
}

// article returns the entity statistics of the article on line l.
func (f *entityStatsFn) article(l inputLine) found {
	art, err := jsonl.Parse(l.Data)
	if err != nil {
		return found{dead: &deadLetter{File: l.File, Line: l.Line, Error: err.Error()}}
	}
	a, err := f.an.analyzer.AnalyzeArticle(f.ctx, art.Article)
	if err != nil {
		return found{dead: &deadLetter{File: l.File, Line: l.Line, ID: art.ID, Error: cli.ArticleError(err).Error()}}
	}
	date, present, ok := stats.ArticleDate(art.Meta)
	var day string
	var unix int64
	if ok {
		day, unix = date.Format(time.RFC3339), date.Unix()
	}
	return found{
		entities:   stats.Article(a, l.File, l.Line, art.ID, day, unix, f.an.gazetteer, f.Examples),
		unreadDate: present && !ok,
	}
}

// addEntitiesFn adds up the statistics of an entity.
type addEntitiesFn struct {
	Examples int
}

// MergeAccumulators adds b to a.
func (f *addEntitiesFn) MergeAccumulators(a, b stats.Entity) stats.Entity {
	return stats.Add(a, b, f.Examples)
}

// entityLineFn turns an entity's statistics into its JSONL line, and
// passes on the new names found in at least MinArticles articles.
type entityLineFn struct {
	MinArticles int
	With        int
}

// ProcessElement writes the line of one entity.
func (f *entityLineFn) ProcessElement(id string, st stats.Entity, emit func(string), suggest func(stats.Row)) error {
	b, err := json.Marshal(stats.NewLine(id, st, f.With))
	if err != nil {
		return err
	}
	emit(string(b))
	if !st.Known && st.Articles >= f.MinArticles {
		suggest(stats.Row{ID: id, Stats: st})
	}
	return nil
}

// writeSuggestionsFn writes the new names to Output, a draft gazetteer.
type writeSuggestionsFn struct {
	Output      string
	MinArticles int
}

// ProcessElement runs once, when every entity is counted.
func (f *writeSuggestionsFn) ProcessElement(ctx context.Context, _ []byte, rows func(*stats.Row) bool) error {
	var all []stats.Row
	var r stats.Row
	for rows(&r) {
		all = append(all, r)
	}
	var n int
	err := writeFile(ctx, f.Output, func(w io.Writer) error {
		var err error
		n, err = stats.WriteSuggestions(w, all, f.MinArticles)
		return err
	})
	if err != nil {
		return err
	}
	suggestionsWritten.Inc(ctx, int64(n))
	return nil
}
