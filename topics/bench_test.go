package topics

import (
	"testing"

	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// BenchmarkClassifier trains each kind of classifier on the dev set (its
// TF-IDF space fitted once, outside the timing) and scores one article.
func BenchmarkClassifier(b *testing.B) {
	docs, err := ReadLabeledJSONL(devdata.Open(b, devdata.NewsTopicsDev))
	if err != nil {
		b.Fatal(err)
	}
	space, err := NewSpaceLabeled(docs, DefaultTitleWeight, tfidf.TermOptions{}, []tfidf.VectorizerOption{tfidf.WithMinDF(2)}, tfidf.WithSublinearTF())
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		train func(*tfidf.Space, []LabeledDoc) (*Classifier, error)
	}{
		{"linear", func(s *tfidf.Space, d []LabeledDoc) (*Classifier, error) { return TrainLinear(s, d) }},
		{"centroid", func(s *tfidf.Space, d []LabeledDoc) (*Classifier, error) { return TrainCentroid(s, d) }},
		{"bayes", func(s *tfidf.Space, d []LabeledDoc) (*Classifier, error) { return TrainBayes(s, d) }},
	} {
		var c *Classifier
		b.Run(tc.name+"/train", func(b *testing.B) {
			for b.Loop() {
				if c, err = tc.train(space, docs); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/score", func(b *testing.B) {
			if c == nil {
				b.Skip("not trained")
			}
			d := Document{Title: docs[0].Title, Text: docs[0].Text}
			b.ReportAllocs()
			b.SetBytes(int64(len(d.Title) + len(d.Text)))
			for b.Loop() {
				c.Score(d)
			}
		})
	}
}
