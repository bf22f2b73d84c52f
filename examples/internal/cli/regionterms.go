package cli

import (
	"fmt"
	"strings"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/topics"
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

// AddRegionTerms sets the Extra terms of every document to its region
// terms, replacing any it had.
func AddRegionTerms(docs []topics.LabeledDoc) error {
	t, err := NewRegionTerms()
	if err != nil {
		return err
	}
	for i := range docs {
		docs[i].Extra = t.Terms(docs[i].Title, docs[i].Text)
	}
	return nil
}

// TrainClassifier learns a TF-IDF space from docs (their Extra terms
// included; terms in at least two documents, sublinear tf, the title
// counted topics.DefaultTitleWeight times) and a classifier of kind
// "linear" or "centroid" in it: the recipe the evaluate and topics
// programs share, so that evaluate's scores apply to the models topics
// train writes.
func TrainClassifier(docs []topics.LabeledDoc, kind string) (*topics.Classifier, error) {
	space, err := topics.NewSpaceLabeled(docs, topics.DefaultTitleWeight, []topics.VectorizerOption{topics.WithMinDF(2)}, topics.WithSublinearTF())
	if err != nil {
		return nil, err
	}
	if kind == "centroid" {
		return topics.TrainCentroid(space, docs)
	}
	return topics.TrainLinear(space, docs)
}
