package main

// What fit asks of package topics, in one place: the text of an article
// whose terms are counted, a text's term statistics, and the keyword
// space built from their sums. The space is the one tfidf.NewSpace builds
// from the same texts; analyze and serve load it with -keyword-space.

import (
	"strings"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/article"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// spaceOptions are fit's limits on the vocabulary (the vectorizer options
// of tfidf.NewSpace; the zero value keeps every term).
type spaceOptions struct {
	MinDF       int
	MaxDF       float64
	MaxFeatures int
}

func (o spaceOptions) vectorizer() []tfidf.VectorizerOption {
	var v []tfidf.VectorizerOption
	if o.MinDF > 0 {
		v = append(v, tfidf.WithMinDF(o.MinDF))
	}
	if o.MaxDF > 0 {
		v = append(v, tfidf.WithMaxDF(o.MaxDF))
	}
	if o.MaxFeatures > 0 {
		v = append(v, tfidf.WithMaxFeatures(o.MaxFeatures))
	}
	return v
}

// articleText is the text the Analyzer analyses for art: the title and
// the body as AnalyzeArticle joins them.
func articleText(art khabar.Article) string {
	if art.Title != "" && !startsWithTitle(art.Body, art.Title) {
		return art.Title + "\n\n" + art.Body
	}
	return art.Body
}

// keywordText is the part of an article's text the Analyzer scores
// keywords on: boilerplate (follow us, read also…) blanked out.
func keywordText(text string) string { return article.Parse(text).Mask(text) }

// startsWithTitle reports whether the first line of text, as the
// structure recogniser finds it, is title.
func startsWithTitle(text, title string) bool {
	b, ok := article.Parse(text).Title()
	return ok && text[b.Start:b.End] == strings.TrimSpace(title)
}

// textStats returns the term statistics of one text.
func textStats(text string) []tfidf.TermStats { return tfidf.TextStats(text, tfidf.TermOptions{}) }

// buildSpace builds the keyword space of n texts from the sums of their
// term statistics.
func buildSpace(n int, stats []tfidf.TermStats, o spaceOptions) (*tfidf.Space, error) {
	return tfidf.NewSpaceFromStats(n, stats, o.vectorizer())
}
