package main

import (
	"io"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
)

// newExtractor builds the extractor from the chosen gazetteers, reporting
// lines the loaders skipped on stderr.
func newExtractor(files []string, noDefault, demonyms bool, stderr io.Writer) (*entities.Extractor, error) {
	x, stats, err := cli.OpenGazetteer(files, noDefault)
	for i, st := range stats {
		if st.Skipped > 0 {
			cli.ReportStats(stderr, "analyze: ", files[i], st, 5)
		}
	}
	if err == cli.ErrNoGazetteer {
		return nil, errNoDefault
	}
	if err != nil {
		return nil, err
	}
	return entities.New(entities.WithGazetteer(x), entities.WithDemonyms(demonyms))
}
