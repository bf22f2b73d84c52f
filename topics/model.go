package topics

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/khabar-nlp/khabar/tokenize"
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

// ListModel is a [Model] that also scores an article whose body is given
// as tokens already read, as the Analyzer of package khabar reads the
// tokens of an article once for all its layers, and that checks a
// context as it reads. [Lexicon] is one.
type ListModel interface {
	Model
	// Tokenizer returns the tokenizer with which Score reads text: the
	// one whose tokens ScoreList expects.
	Tokenizer() *tokenize.Tokenizer
	// ScoreList returns what Score returns for the Document with d's
	// Title and Extra and, as Text, a body whose tokens are d's. It
	// checks ctx every few thousand tokens and returns ctx's error when
	// it is done, and an error for tokens that are missing, out of range
	// or not from Tokenizer().
	ScoreList(ctx context.Context, d ListDocument) ([]TopicScore, error)
}

// ListDocument is an article as [ListModel.ScoreList] reads it: a
// [Document] whose body is given as tokens, Tokens' tokens From to To-1
// (what comes before them, such as the title, is not read). They stand
// for a body whose first sentence is theirs: sentences count from the
// sentence of token From.
type ListDocument struct {
	// Title is the headline, as Document.Title.
	Title string
	// Tokens holds the body's tokens, from the tokenizer the model reads
	// text with (ListModel.Tokenizer).
	Tokens *tokenize.List
	// From and To delimit the body's tokens: 0 <= From <= To <=
	// Tokens.Len().
	From, To int
	// Extra holds terms added as given, as Document.Extra.
	Extra []string
}

// body returns the body's tokens, which stop when ctx is done, and the
// sentence of the first (the lead's), or an error for a document whose
// tokens are missing, out of range or not from tz.
func (d ListDocument) body(ctx context.Context, tz *tokenize.Tokenizer) (iter.Seq[tokenize.Token], int, error) {
	l := d.Tokens
	switch {
	case l == nil:
		return nil, 0, errors.New("topics: ListDocument without tokens")
	case d.From < 0 || d.From > d.To || d.To > l.Len():
		return nil, 0, fmt.Errorf("topics: ListDocument: tokens [%d:%d] of a list of %d", d.From, d.To, l.Len())
	case l.Tokenizer() != tz:
		return nil, 0, errors.New("topics: ListDocument: tokens from another tokenizer than the model's")
	}
	lead := 0
	if d.From < d.To {
		lead = l.Sentence(d.From)
	}
	return func(yield func(tokenize.Token) bool) {
		for i := d.From; i < d.To; i++ {
			if (i-d.From)%checkEvery == 0 && ctx.Err() != nil {
				return
			}
			if !yield(l.Token(i)) {
				return
			}
		}
	}, lead, nil
}

// checkEvery is how many tokens are read between two looks at a context.
const checkEvery = 4096

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
	v := sp.Vectorizer()
	opts := v.TermOptions()
	tz := opts.Tokenizer
	if tz == nil {
		tz = tokenize.Default()
	}
	// The document's terms counted as TransformTerms counts those of
	// LabeledDoc.Terms, without the list of terms.
	content := LabeledDoc{Title: d.Title, Text: d.Text}.Content(c.titleWeight)
	extra := d.Extra
	if opts.Extra != nil {
		extra = append(opts.Extra(content), d.Extra...)
	}
	counts := v.TransformTokens(tz.Tokens(content), extra)
	cols, vals := sp.Weights().Transform(counts).Row(0)
	s := c.rawScores(cols, vals)
	out := make([]TopicScore, len(s))
	for k, v := range s {
		out[k] = TopicScore{Topic: Topic{ID: c.labels[k], Label: c.labels[k]}, Score: v}
	}
	slices.SortStableFunc(out, func(a, b TopicScore) int { return cmp.Compare(b.Score, a.Score) })
	return out
}
