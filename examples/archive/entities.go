package main

import (
	"cmp"
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// Entity statistics.
//
// Every worker analyses its articles (structure and entities only) and
// adds up, per entity ID, the articles and mentions, the first and last
// dates, the entities met in the same articles and, for names the
// gazetteer lacks, how they are written and where; the sums are added up
// per ID across workers. Each entity becomes a JSONL line, and the new
// names found in enough articles a draft gazetteer (suggestions.tsv).

// entityStats are the statistics of one entity over some articles.
type entityStats struct {
	Type   string
	Name   string
	NameEN string
	// Known is true for an entity of the gazetteer, false for a name
	// found by context rules (its ID is generated).
	Known    bool
	Articles int
	Mentions int
	// First and Last are the earliest and latest dates of the articles
	// that carry one, RFC 3339; FirstUnix and LastUnix order them.
	First, Last         string
	FirstUnix, LastUnix int64
	// With counts the articles shared with each other entity.
	With map[string]int
	// Forms counts how a new name is written (proclitics left out).
	Forms map[string]int
	// Examples are a few places a new name is mentioned: those first in
	// file and line order, so that the choice does not depend on how the
	// work was spread.
	Examples []example
}

// example is a mention of a new name with its context.
type example struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	ID      string `json:"id,omitempty"`
	Context string `json:"context"`
}

// entityRow is an entity with its statistics over the whole archive.
type entityRow struct {
	ID    string
	Stats entityStats
}

// unreadableDates counts the articles whose date none of dateLayouts
// reads.
var unreadableDates = beam.NewCounter(metricsNamespace, "unreadable-dates")

// suggestionsWritten counts the entries of the suggestions file.
var suggestionsWritten = beam.NewCounter(metricsNamespace, "suggestions")

func init() {
	beam.RegisterType(reflect.TypeOf((*entityStats)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*example)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*entityRow)(nil)).Elem())
	register.DoFn4x1[context.Context, inputLine, func(string, entityStats), func(deadLetter), error](&entityStatsFn{})
	register.Emitter2[string, entityStats]()
	register.Combiner1[entityStats](&addEntitiesFn{})
	register.DoFn4x1[string, entityStats, func(string), func(entityRow), error](&entityLineFn{})
	register.Emitter1[entityRow]()
	register.DoFn3x1[context.Context, []byte, func(*entityRow) bool, error](&writeSuggestionsFn{})
	register.Iter1[entityRow]()
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
	sums map[string]*entityStats
	pool *pool[inputLine, found]
}

// found is the entity statistics of one article, or its dead letter.
type found struct {
	stats      map[string]*entityStats
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
func (f *entityStatsFn) StartBundle(ctx context.Context, _ func(string, entityStats), _ func(deadLetter)) {
	f.ctx, f.sums = ctx, map[string]*entityStats{}
	f.pool = newPool(f.Workers, f.article, func(l inputLine, r any) found {
		return found{dead: &deadLetter{File: l.File, Line: l.Line, Error: panicError(r)}}
	})
}

// ProcessElement hands a line to the goroutines and adds up what they
// have found.
func (f *entityStatsFn) ProcessElement(ctx context.Context, l inputLine, emit func(string, entityStats), dead func(deadLetter)) error {
	f.pool.put(l, func(r found) { f.add(ctx, r, emit, dead) })
	return nil
}

// FinishBundle adds up the bundle's last articles and emits the sums.
func (f *entityStatsFn) FinishBundle(ctx context.Context, emit func(string, entityStats), dead func(deadLetter)) error {
	f.pool.finish(func(r found) { f.add(ctx, r, emit, dead) })
	f.flush(emit)
	return nil
}

func (f *entityStatsFn) add(ctx context.Context, r found, emit func(string, entityStats), dead func(deadLetter)) {
	if r.dead != nil {
		dead(*r.dead)
		return
	}
	articlesUsed.Inc(ctx, 1)
	if r.unreadDate {
		unreadableDates.Inc(ctx, 1)
	}
	for id, st := range r.stats {
		if sum, ok := f.sums[id]; ok {
			*sum = addEntities(*sum, *st, f.Examples)
		} else {
			f.sums[id] = st
		}
	}
	if len(f.sums) > f.MaxEntities {
		f.flush(emit)
	}
}

func (f *entityStatsFn) flush(emit func(string, entityStats)) {
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
	date, present, ok := articleDate(art.Meta)
	r := found{stats: articleEntities(a, l, art.ID, f.an.gazetteer, f.Examples), unreadDate: present && !ok}
	if ok {
		for _, st := range r.stats {
			st.First = date.Format(time.RFC3339)
			st.Last, st.FirstUnix, st.LastUnix = st.First, date.Unix(), date.Unix()
		}
	}
	return r
}

// articleEntities returns the statistics of the entities of one analysed
// article, found on line l.
func articleEntities(a *khabar.Analysis, l inputLine, id string, x *gazetteer.Index, examples int) map[string]*entityStats {
	out := make(map[string]*entityStats, len(a.Entities))
	for _, e := range a.Entities {
		st := &entityStats{Type: e.Type.String(), Name: e.Name, NameEN: e.NameEN, Articles: 1, Mentions: e.Count}
		_, st.Known = x.Entry(e.ID)
		st.With = make(map[string]int, len(a.Entities)-1)
		for _, o := range a.Entities {
			if o.ID != e.ID {
				st.With[o.ID] = 1
			}
		}
		if !st.Known {
			st.Forms = map[string]int{}
			for _, m := range e.Mentions {
				st.Forms[strings.TrimPrefix(m.Text, m.Clitic)]++
			}
			if examples > 0 && len(e.Mentions) > 0 {
				m := e.Mentions[0]
				st.Examples = []example{{File: l.File, Line: l.Line, ID: id, Context: mentionContext(a.Text, a.Sentences, m.Start, m.End)}}
			}
		}
		if prev, ok := out[e.ID]; ok {
			// The same ID twice in one article: still one article.
			st.Articles = 0
			*prev = addEntities(*prev, *st, examples)
			continue
		}
		out[e.ID] = st
	}
	return out
}

// addEntitiesFn adds up the statistics of an entity.
type addEntitiesFn struct {
	Examples int
}

// MergeAccumulators adds b to a.
func (f *addEntitiesFn) MergeAccumulators(a, b entityStats) entityStats {
	return addEntities(a, b, f.Examples)
}

// addEntities adds b to a, keeping the first examples in file and line
// order. Every choice is by a total order, so that the sums do not depend
// on the order they are made in.
func addEntities(a, b entityStats, examples int) entityStats {
	if a.Name == "" || b.Name != "" && b.Name < a.Name {
		a.Type, a.Name, a.NameEN = b.Type, b.Name, b.NameEN
	}
	a.Known = a.Known || b.Known
	a.Articles += b.Articles
	a.Mentions += b.Mentions
	if b.First != "" && (a.First == "" || b.FirstUnix < a.FirstUnix || b.FirstUnix == a.FirstUnix && b.First < a.First) {
		a.First, a.FirstUnix = b.First, b.FirstUnix
	}
	if b.Last != "" && (a.Last == "" || b.LastUnix > a.LastUnix || b.LastUnix == a.LastUnix && b.Last > a.Last) {
		a.Last, a.LastUnix = b.Last, b.LastUnix
	}
	a.With = addCounts(a.With, b.With)
	a.Forms = addCounts(a.Forms, b.Forms)
	if len(b.Examples) > 0 {
		a.Examples = append(a.Examples, b.Examples...)
		slices.SortFunc(a.Examples, func(x, y example) int {
			return cmp.Or(strings.Compare(x.File, y.File), cmp.Compare(x.Line, y.Line))
		})
		a.Examples = slices.CompactFunc(a.Examples, func(x, y example) bool { return x.File == y.File && x.Line == y.Line })
		a.Examples = a.Examples[:min(len(a.Examples), examples)]
	}
	return a
}

func addCounts(a, b map[string]int) map[string]int {
	if len(b) == 0 {
		return a
	}
	if a == nil {
		a = make(map[string]int, len(b))
	}
	for k, n := range b {
		a[k] += n
	}
	return a
}

// entityLine is the JSON object of one entity in the entities files.
// Field names are a contract: extend, never rename.
type entityLine struct {
	ID          string        `json:"id"`
	Type        string        `json:"type"`
	Name        string        `json:"name"`
	NameEN      string        `json:"name_en,omitempty"`
	InGazetteer bool          `json:"in_gazetteer"`
	Articles    int           `json:"articles"`
	Mentions    int           `json:"mentions"`
	FirstDate   string        `json:"first_date,omitempty"`
	LastDate    string        `json:"last_date,omitempty"`
	With        []countedID   `json:"with"`
	Forms       []countedForm `json:"forms,omitempty"`
	Examples    []example     `json:"examples,omitempty"`
}

type countedID struct {
	ID       string `json:"id"`
	Articles int    `json:"articles"`
}

type countedForm struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// entityLineFn turns an entity's statistics into its JSONL line, and
// passes on the new names found in at least MinArticles articles.
type entityLineFn struct {
	MinArticles int
	With        int
}

// ProcessElement writes the line of one entity.
func (f *entityLineFn) ProcessElement(id string, st entityStats, emit func(string), suggest func(entityRow)) error {
	l := entityLine{ID: id, Type: st.Type, Name: st.Name, NameEN: st.NameEN, InGazetteer: st.Known,
		Articles: st.Articles, Mentions: st.Mentions, FirstDate: st.First, LastDate: st.Last,
		With:  topCounts(st.With, f.With, func(k string, n int) countedID { return countedID{k, n} }),
		Forms: topCounts(st.Forms, 0, func(k string, n int) countedForm { return countedForm{k, n} }), Examples: st.Examples}
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	emit(string(b))
	if !st.Known && st.Articles >= f.MinArticles {
		suggest(entityRow{ID: id, Stats: st})
	}
	return nil
}

// topCounts returns the n largest counts of m (n ≤ 0: all), largest first,
// ties in byte order of the keys.
func topCounts[T any](m map[string]int, n int, mk func(string, int) T) []T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), strings.Compare(a, b)) })
	if n > 0 && len(keys) > n {
		keys = keys[:n]
	}
	out := make([]T, len(keys))
	for i, k := range keys {
		out[i] = mk(k, m[k])
	}
	return out
}
