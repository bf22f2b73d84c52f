package main

import (
	"io"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// analyzer is the Analyzer with the gazetteer it uses, which ninjs output
// reads Wikidata IDs from.
type analyzer struct {
	*khabar.Analyzer
	gazetteer *gazetteer.Index
}

// newAnalyzer builds the Analyzer the flags ask for, reporting the lines
// the gazetteer loaders skipped on stderr.
func newAnalyzer(cfg config, stderr io.Writer) (*analyzer, error) {
	a, x, err := cli.NewAnalyzer(cfg.analyzer, "analyze: ", stderr)
	if err != nil {
		return nil, err
	}
	return &analyzer{Analyzer: a, gazetteer: x}, nil
}
