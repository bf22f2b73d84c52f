package cli

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// TopicFeatures says what the topic documents of labelled articles hold
// beyond their words: the terms of package topics/features.
type TopicFeatures struct {
	// Entities adds the IDs of each article's entities and their country
	// and region terms (on in the programs by default, as in the
	// Analyzer).
	Entities bool
	// Sources adds the source of each article that has one, alone and
	// paired with each region term (khabar.WithSources).
	Sources bool
}

// TopicAnalyzer returns the Analyzer whose topic documents
// (khabar.Analyzer.TopicDocument) a classifier is trained and evaluated
// on: structure recognition (boilerplate left out), and with f the
// entities and the sources, as analyze and serve give a model with the
// same flags.
func TopicAnalyzer(f TopicFeatures) (*khabar.Analyzer, error) {
	layers := khabar.Structure | khabar.Topics
	var opts []khabar.Option
	if f.Entities {
		layers |= khabar.Entities
	}
	if f.Sources {
		opts = append(opts, khabar.WithSources())
	}
	return khabar.New(append(opts, khabar.WithLayers(layers))...)
}

// TopicDocuments replaces the Title, Text and Extra of every document by
// those of its topic document: the Analyzer's TopicDocument of the
// article with the document's title, text and source. The work is spread
// over GOMAXPROCS goroutines. A document without text is an error naming
// it.
func TopicDocuments(ctx context.Context, a *khabar.Analyzer, docs []topics.LabeledDoc) error {
	var wg sync.WaitGroup
	errs := make([]error, len(docs))
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				d := &docs[i]
				td, err := a.TopicDocument(ctx, khabar.Article{ID: d.ID, Title: d.Title, Body: d.Text, Source: d.Source})
				if err != nil {
					errs[i] = fmt.Errorf("article %q: %w", d.ID, err)
					continue
				}
				d.Title, d.Text, d.Extra = td.Title, td.Text, td.Extra
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
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

// EntityModel returns the Analyzer options of a -ner-model flag: the
// tagging model in the file at path (examples/entities train), or none
// when path is empty.
func EntityModel(path string) ([]khabar.Option, error) {
	if path == "" {
		return nil, nil
	}
	m, err := entities.LoadModel(path)
	if err != nil {
		return nil, fmt.Errorf("-ner-model: %w", err)
	}
	return []khabar.Option{khabar.WithEntityModel(m)}, nil
}
