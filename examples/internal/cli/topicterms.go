package cli

import (
	"fmt"
	"strings"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// RegionTerms derives topic terms of articles from their entities: the
// khabar.RegionTerms ("country:IQ", "region:arab", one pair per mention)
// of the entities the default extractor finds. The evaluate and topics
// programs add them to the documents they train and score with, as
// khabar.Analyzer gives them to a model; the entity IDs themselves add
// nothing measurable over the words and are left out. It is safe for
// concurrent use.
type RegionTerms struct {
	x *entities.Extractor
	g *gazetteer.Index
}

// NewRegionTerms builds the extractor on the default gazetteer.
func NewRegionTerms() (*RegionTerms, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, fmt.Errorf("entity terms: %w", err)
	}
	x, err := entities.New(entities.WithGazetteer(g))
	if err != nil {
		return nil, fmt.Errorf("entity terms: %w", err)
	}
	return &RegionTerms{x: x, g: g}, nil
}

// Terms returns the region terms of an article with the given title and
// text.
func (t *RegionTerms) Terms(title, text string) []string {
	full := text
	if strings.TrimSpace(title) != "" {
		full = title + "\n" + text
	}
	return khabar.RegionTerms(t.x.Extract(full).Entities, t.g)
}

// TopicTerms says which extra terms [AddTopicTerms] gives documents.
type TopicTerms struct {
	// Regions adds the region terms of the documents' entities.
	Regions bool
	// Sources adds khabar.SourceTerms for documents with a Source: the
	// source, and the source paired with each region term when Regions is
	// set.
	Sources bool
}

// AddTopicTerms sets the Extra terms of every document to the terms which
// sets, replacing any it had: what khabar.Analyzer gives a topic model for
// an article with the same title, text and source.
func AddTopicTerms(docs []topics.LabeledDoc, which TopicTerms) error {
	var t *RegionTerms
	if which.Regions {
		var err error
		if t, err = NewRegionTerms(); err != nil {
			return err
		}
	}
	for i := range docs {
		var extra []string
		if t != nil {
			extra = t.Terms(docs[i].Title, docs[i].Text)
		}
		if which.Sources {
			extra = append(extra, khabar.SourceTerms(docs[i].Source, extra)...)
		}
		docs[i].Extra = extra
	}
	return nil
}

// TrainClassifier learns a TF-IDF space from docs (their Extra terms
// included; terms in at least two documents, sublinear tf, the title
// counted topics.DefaultTitleWeight times) and a classifier of kind
// "linear", "centroid" or "bayes" in it: the recipe the evaluate and topics
// programs share, so that evaluate's scores apply to the models topics
// train writes.
func TrainClassifier(docs []topics.LabeledDoc, kind string) (*topics.Classifier, error) {
	space, err := topics.NewSpaceLabeled(docs, topics.DefaultTitleWeight, tfidf.TermOptions{}, []tfidf.VectorizerOption{tfidf.WithMinDF(2)}, tfidf.WithSublinearTF())
	if err != nil {
		return nil, err
	}
	switch kind {
	case "centroid":
		return topics.TrainCentroid(space, docs)
	case "bayes":
		return topics.TrainBayes(space, docs)
	}
	return topics.TrainLinear(space, docs)
}
