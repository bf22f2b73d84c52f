package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/topics"
)

// errNoDefault says how to leave the default gazetteer out.
var errNoDefault = errors.New("-no-default-gazetteer needs at least one -gazetteer FILE")

// analyzer is the Analyzer with the gazetteer it uses, which ninjs output
// reads Wikidata IDs from.
type analyzer struct {
	*khabar.Analyzer
	gazetteer *gazetteer.Index
}

// newAnalyzer builds the Analyzer the flags ask for, reporting the lines
// the gazetteer loaders skipped on stderr.
func newAnalyzer(cfg config, stderr io.Writer) (*analyzer, error) {
	x, stats, err := cli.OpenGazetteer(cfg.gazetteers, cfg.noDefault)
	for i, st := range stats {
		if st.Skipped > 0 {
			cli.ReportStats(stderr, "analyze: ", cfg.gazetteers[i], st, 5)
		}
	}
	if errors.Is(err, cli.ErrNoGazetteer) {
		return nil, errNoDefault
	}
	if err != nil {
		return nil, err
	}
	opts := []khabar.Option{
		khabar.WithGazetteer(x),
		khabar.WithEntityOptions(entities.WithDemonyms(cfg.demonyms)),
		khabar.WithKeywords(cfg.keywords),
		khabar.WithMaxTopics(cfg.topics),
	}
	if cfg.model != "" {
		m, err := readModel(cfg.model)
		if err != nil {
			return nil, err
		}
		opts = append(opts, khabar.WithTopicModel(m))
	}
	if cfg.sources {
		opts = append(opts, khabar.WithSources())
	}
	nerOpts, err := cli.EntityModel(cfg.nerModel)
	if err != nil {
		return nil, err
	}
	opts = append(opts, nerOpts...)
	a, err := khabar.New(opts...)
	if err != nil {
		return nil, err
	}
	return &analyzer{Analyzer: a, gazetteer: x}, nil
}

// readModel reads a topic classifier saved by topics.Classifier.WriteTo.
func readModel(name string) (*topics.Classifier, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("-model: %w", err)
	}
	defer f.Close()
	c, err := topics.ReadClassifier(f)
	if err != nil {
		return nil, fmt.Errorf("-model %s: %w", name, err)
	}
	return c, nil
}
