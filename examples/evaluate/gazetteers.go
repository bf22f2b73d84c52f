package main

import (
	"errors"
	"io"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// gazetteers says which gazetteers the extractor matches names from: the
// embedded default unless noDefault, and files, later files winning over
// earlier ones and over the default.
type gazetteers struct {
	files     []string
	noDefault bool
	// report, if not nil, receives what each file's loader read and
	// skipped.
	report io.Writer
}

var errNoGazetteer = errors.New("-no-default-gazetteer needs at least one -gazetteer FILE")

// open returns the index of the gazetteers plus extra files (loaded
// last), with the statistics of each file. It returns a nil index when
// only the default is wanted, so that the extractor uses its own default.
func (g gazetteers) open(extra []string) (*gazetteer.Index, []gazetteer.LoadStats, error) {
	files := append(append([]string(nil), g.files...), extra...)
	if len(files) == 0 && !g.noDefault {
		return nil, nil, nil
	}
	x, stats, err := cli.OpenGazetteer(files, g.noDefault)
	if err == cli.ErrNoGazetteer {
		err = errNoGazetteer
	}
	return x, stats, err
}

// reportStats writes what the loaders read from files, so that no
// skipped line goes unnoticed.
func (g gazetteers) reportStats(files []string, stats []gazetteer.LoadStats) {
	if g.report == nil {
		return
	}
	for i, st := range stats {
		cli.ReportStats(g.report, "evaluate: ", files[i], st, 5)
	}
}
