// Package features turns an analysed article into the input of a topic
// model, a [topics.Document]: the words of its title and body, the IDs of
// its entities, their countries and regions and, when asked, its source.
//
// The Analyzer of package khabar builds the topic document of every
// article it analyses with [Document] (khabar.Analyzer.TopicDocument
// returns it), and so do the programs that train and evaluate topic
// classifiers (examples/topics train, examples/evaluate topics), so that
// a model sees in training exactly what it sees in service.
//
// # Why these terms
//
// Package topics sees words. Whether an article's places and people
// belong to the Arab world or elsewhere is what separates a "Middle East"
// section from an "international" one, and words carry it only through
// thousands of separate names. So a topic document carries, as extra
// terms, the ID of every entity mention and the [Regions] of the
// entities: a classifier trained with the same terms uses them, and a
// model that does not know them ignores them.
//
// Where a story is filed also depends on who files it: one publication
// files every Arab-world story under "international", another keeps Iran
// and Turkey in its "Middle East" section. [Sources] tells a model where
// an article came from. It is off by default ([Options.Sources]): a
// newsroom training on its own archive has one source, and on a sample
// drawn from several outlets the source can stand in for the text (an
// outlet with no articles in a section is never predicted there), which
// flatters figures measured on that sample.
//
// Package features sits above entities and gazetteer (it reads their
// results) and below the root package.
package features

import (
	"strings"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/topics"
)

// Options says which optional terms a topic document gets.
type Options struct {
	// Sources adds the [Sources] terms of an article that names its
	// source.
	Sources bool
}

// Document returns the topic document of an article: its title, its body
// (the text without the title and without boilerplate, as the caller
// prepared it) and, as extra terms, the ID of each entity once per
// mention, then the [Regions] of the entities, then, with opts.Sources,
// the [Sources] of source. g is the gazetteer the entities were found
// with; entities it does not hold (names found by rules) give their IDs
// but no region terms. It allocates the extra terms.
func Document(title, body string, ents []entities.Entity, g *gazetteer.Index, source string, opts Options) topics.Document {
	var extra []string
	for _, e := range ents {
		for range e.Count {
			extra = append(extra, e.ID)
		}
	}
	regions := Regions(ents, g)
	extra = append(extra, regions...)
	if opts.Sources {
		extra = append(extra, Sources(source, regions)...)
	}
	return topics.Document{Title: title, Text: body, Extra: extra}
}

// Regions returns two terms per mention of each entity whose entry in g
// has a country (a place, or a person or organisation attached to a
// country): "country:XX", its ISO 3166-1 alpha-2 code, and "region:arab"
// for a member of the Arab League ([gazetteer.ArabLeague]) or
// "region:other" otherwise. Entities that g does not hold give none, as
// does a nil g. Terms follow the order of ents.
func Regions(ents []entities.Entity, g *gazetteer.Index) []string {
	if g == nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		s, ok := g.Summary(e.ID)
		if !ok || s.Country == "" {
			continue
		}
		region := "region:other"
		if gazetteer.ArabLeague(s.Country) {
			region = "region:arab"
		}
		for range e.Count {
			out = append(out, "country:"+s.Country, region)
		}
	}
	return out
}

// Sources returns the terms that tell a topic model where an article came
// from: "source:NAME" for the article, then "source:NAME|T" for each term
// T of regions (the article's [Regions]), so that a linear model can
// learn how each source files each region. NAME is source with
// surrounding spaces removed and letters lower-cased; an empty source
// gives no terms.
func Sources(source string, regions []string) []string {
	name := strings.ToLower(strings.TrimSpace(source))
	if name == "" {
		return nil
	}
	prefix := "source:" + name
	out := make([]string, 0, 1+len(regions))
	out = append(out, prefix)
	for _, t := range regions {
		out = append(out, prefix+"|"+t)
	}
	return out
}
