package topics

import (
	"cmp"
	"slices"

	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// Topic is one topic a [Model] scores.
type Topic struct {
	// ID identifies the topic: an IPTC Media Topics code such as
	// "medtop:11000000" for the default model, or the label itself for a
	// trained [Classifier].
	ID string `json:"id"`
	// Label is the topic's English label ("politics"), or the trained
	// label.
	Label string `json:"label"`
	// LabelAR is the topic's Arabic label ("سياسة"), empty when the model
	// has none.
	LabelAR string `json:"label_ar,omitempty"`
}

// TopicScore is the score of one topic for a document.
type TopicScore struct {
	Topic
	// Score is the model's score for the topic, in [0, 1]: a probability
	// for a linear classifier, a cosine for a centroid classifier, a
	// share of the evidence for the default model.
	Score float64 `json:"score"`
}

// Document is an article as a [Model] sees it.
type Document struct {
	// Title is the headline, weighted more than the body by models that
	// use it; it may be empty.
	Title string
	// Text is the body, or the whole article when Title is empty.
	Text string
	// Extra holds terms added as given, neither stemmed nor filtered:
	// entity IDs such as "loc:iraq", section names, tags.
	Extra []string
}

// Model scores every topic it knows for a document. Implementations are
// safe for concurrent use.
type Model interface {
	// Topics lists the topics the model scores, in a fixed order.
	Topics() []Topic
	// Score returns a score for every topic of the model for d, best
	// first, ties in the order of Topics.
	Score(d Document) []TopicScore
}

// Topics returns the classifier's labels as topics whose ID and Label are
// the label, in label order.
func (c *Classifier) Topics() []Topic {
	out := make([]Topic, len(c.labels))
	for i, l := range c.labels {
		out[i] = Topic{ID: l, Label: l}
	}
	return out
}

// Score returns a score for every label for d, best first, ties in
// label order, as documents were seen in training: the terms of
// [LabeledDoc.Terms] with the classifier's title weight, d.Extra included
// (extra terms outside the space's vocabulary are ignored). Scores are
// cosines for [Centroid] and probabilities for [Linear] and [Bayes]. It
// allocates the result and the document's TF-IDF row.
func (c *Classifier) Score(d Document) []TopicScore {
	sp := c.space
	terms := LabeledDoc{Title: d.Title, Text: d.Text, Extra: d.Extra}.Terms(c.titleWeight, sp.Vectorizer().TermOptions())
	cols, vals := sp.Weights().Transform(sp.Vectorizer().TransformTerms([][]tfidf.Term{terms})).Row(0)
	s := c.rawScores(cols, vals)
	out := make([]TopicScore, len(s))
	for k, v := range s {
		out[k] = TopicScore{Topic: Topic{ID: c.labels[k], Label: c.labels[k]}, Score: v}
	}
	slices.SortStableFunc(out, func(a, b TopicScore) int { return cmp.Compare(b.Score, a.Score) })
	return out
}
