package main

import (
	"fmt"
	"strings"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/topics"
)

// Entity terms for the topic classifiers (evaluate topics -entities, the
// default).
//
// Package topics sees words; whether an article's places and people belong
// to the Arab world or elsewhere is what separates a "Middle East" section
// from an "international" one, and the words alone carry it only through
// thousands of separate names. So each article's entities (package
// entities, default gazetteer) are turned into extra terms, added to
// topics.LabeledDoc.Extra for training and scoring alike. For every
// mention of an entity whose gazetteer entry has a country (a place, or a
// person or organisation attached to a country):
//
//	country:XX      its ISO 3166-1 alpha-2 code ("country:IQ")
//	region:arab     if XX is a member of the Arab League, else
//	region:other
//
// The entity IDs themselves add nothing measurable over the words (the
// words already name the entity) and are left out; see topicEntityTerms.

// arabLeague holds the ISO 3166-1 alpha-2 codes of the 22 members of the
// Arab League.
var arabLeague = map[string]bool{
	"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true,
	"JO": true, "KW": true, "LB": true, "LY": true, "MR": true, "MA": true,
	"OM": true, "PS": true, "QA": true, "SA": true, "SO": true, "SD": true,
	"SY": true, "TN": true, "AE": true, "YE": true,
}

// topicEntityTerms derives the extra terms of articles from their
// entities. It is safe for concurrent use.
type topicEntityTerms struct {
	x *entities.Extractor
	g *gazetteer.Index
}

func newTopicEntityTerms() (*topicEntityTerms, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, fmt.Errorf("entity terms: %w", err)
	}
	x, err := entities.New(entities.WithGazetteer(g))
	if err != nil {
		return nil, fmt.Errorf("entity terms: %w", err)
	}
	return &topicEntityTerms{x: x, g: g}, nil
}

// terms returns the extra terms of an article: two per mention of an
// entity with a country (see the overview above), in the order of the
// extractor's entities.
func (t *topicEntityTerms) terms(title, text string) []string {
	full := text
	if strings.TrimSpace(title) != "" {
		full = title + "\n" + text
	}
	var out []string
	for _, e := range t.x.Extract(full).Entities {
		entry, ok := t.g.Entry(e.ID)
		if !ok || entry.Country == "" {
			continue
		}
		region := "region:other"
		if arabLeague[entry.Country] {
			region = "region:arab"
		}
		for range e.Count {
			out = append(out, "country:"+entry.Country, region)
		}
	}
	return out
}

// addTopicEntityTerms sets the Extra terms of every document from its
// entities, replacing any it had.
func addTopicEntityTerms(docs []topics.LabeledDoc) error {
	t, err := newTopicEntityTerms()
	if err != nil {
		return err
	}
	for i := range docs {
		docs[i].Extra = t.terms(docs[i].Title, docs[i].Text)
	}
	return nil
}
