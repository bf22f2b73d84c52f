// Package stats holds what the archive program computes about the
// entities of an archive, apart from the pipeline that spreads the work:
// the statistics of an entity in one article, their sums over many, the
// JSON line of an entity, publication dates, and the draft gazetteer of
// new names. Everything here is a plain function of its arguments; the
// sums do not depend on the order they are made in, so that a runner may
// add them up in any order on any number of machines.
package stats

import (
	"cmp"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// Entity is the statistics of one entity over some articles. Its fields
// are exported so that a runner can encode it between machines.
type Entity struct {
	// Type is PER, LOC or ORG.
	Type string
	// Name and NameEN are the entity's names (the gazetteer's, or for a
	// new name the extractor's normalised form).
	Name   string
	NameEN string
	// Known is true for an entity of the gazetteer, false for a name
	// found by context rules (with a generated ID).
	Known    bool
	Articles int
	Mentions int
	// First and Last are the earliest and latest dates of the articles
	// that carry one, RFC 3339, empty when none does; FirstUnix and
	// LastUnix order them.
	First, Last         string
	FirstUnix, LastUnix int64
	// With counts the articles shared with each other entity, by ID.
	With map[string]int
	// Forms counts how a new name is written, proclitics left out.
	Forms map[string]int
	// Examples are a few mentions of a new name in context: the first in
	// file and line order.
	Examples []Example
}

// Example is a mention of a new name in its context.
type Example struct {
	File string `json:"file"`
	// Line is the article's 1-based line in File.
	Line int `json:"line"`
	// ID is the article's ID, if it has one.
	ID string `json:"id,omitempty"`
	// Context is the mention's sentence, cut to about 120 bytes on each
	// side, the mention between « and ».
	Context string `json:"context"`
}

// Article returns the statistics of the entities of a, the analysis of
// the article with ID id on line line of file, dated date (RFC 3339 and
// Unix seconds; "" for none): one article each, the entity's mentions,
// the other entities of the article, and for the names that x, the
// gazetteer of the analysis, lacks, their forms and up to examples
// examples.
func Article(a *khabar.Analysis, file string, line int, id string, date string, unix int64, x *gazetteer.Index, examples int) map[string]*Entity {
	out := make(map[string]*Entity, len(a.Entities))
	for _, e := range a.Entities {
		st := &Entity{Type: e.Type.String(), Name: e.Name, NameEN: e.NameEN, Articles: 1, Mentions: e.Count,
			First: date, Last: date, FirstUnix: unix, LastUnix: unix}
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
				st.Examples = []Example{{File: file, Line: line, ID: id, Context: MentionContext(a.Text, a.Sentences, m.Start, m.End)}}
			}
		}
		if prev, ok := out[e.ID]; ok {
			// One ID for two groups of mentions: still one article.
			st.Articles = 0
			*prev = Add(*prev, *st, examples)
			continue
		}
		out[e.ID] = st
	}
	return out
}

// Add returns the sums of a and b, the statistics of one entity in other
// articles, keeping the first examples examples in file and line order.
// Every choice (name, dates, examples) is by a total order, so that the
// result does not depend on the order of the additions. It may reuse the
// maps and slices of a.
func Add(a, b Entity, examples int) Entity {
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
		slices.SortFunc(a.Examples, func(x, y Example) int {
			return cmp.Or(strings.Compare(x.File, y.File), cmp.Compare(x.Line, y.Line), strings.Compare(x.Context, y.Context))
		})
		a.Examples = slices.CompactFunc(a.Examples, func(x, y Example) bool { return x.File == y.File && x.Line == y.Line })
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

// Line is the JSON object of one entity in the archive program's entities
// files. Field names are a contract: extend, never rename.
type Line struct {
	ID          string        `json:"id"`
	Type        string        `json:"type"`
	Name        string        `json:"name"`
	NameEN      string        `json:"name_en,omitempty"`
	InGazetteer bool          `json:"in_gazetteer"`
	Articles    int           `json:"articles"`
	Mentions    int           `json:"mentions"`
	FirstDate   string        `json:"first_date,omitempty"`
	LastDate    string        `json:"last_date,omitempty"`
	With        []CountedID   `json:"with"`
	Forms       []CountedForm `json:"forms,omitempty"`
	Examples    []Example     `json:"examples,omitempty"`
}

// CountedID is an entity met in the same articles, and how many.
type CountedID struct {
	ID       string `json:"id"`
	Articles int    `json:"articles"`
}

// CountedForm is a way a new name is written, and how often.
type CountedForm struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// NewLine returns the line of the entity id with the sums e, listing the
// with entities met in most articles.
func NewLine(id string, e Entity, with int) Line {
	return Line{ID: id, Type: e.Type, Name: e.Name, NameEN: e.NameEN, InGazetteer: e.Known,
		Articles: e.Articles, Mentions: e.Mentions, FirstDate: e.First, LastDate: e.Last,
		With:     top(e.With, with, func(k string, n int) CountedID { return CountedID{k, n} }),
		Forms:    forms(e.Forms, 0),
		Examples: e.Examples}
}

// forms returns the n most frequent forms (n ≤ 0: all), most frequent
// first.
func forms(m map[string]int, n int) []CountedForm {
	return top(m, n, func(k string, n int) CountedForm { return CountedForm{k, n} })
}

// top returns the n largest counts of m (n ≤ 0: all), largest first, ties
// in byte order of the keys; an empty slice, not nil, for none.
func top[T any](m map[string]int, n int, mk func(string, int) T) []T {
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
