package main

import (
	"flag"
	"io"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// sourceFlags are the flags that choose the gazetteers to load.
type sourceFlags struct {
	files     cli.Files
	noDefault bool
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	fs.Var(&s.files, "gazetteer", "add a gazetteer `FILE` (any supported format or compiled; repeatable; later files win)")
	fs.BoolVar(&s.noDefault, "no-default", false, "leave the embedded default gazetteer out")
}

// open loads the chosen gazetteers, reporting what each file held on
// stderr.
func (s *sourceFlags) open(stderr io.Writer) (*gazetteer.Index, error) {
	x, stats, err := cli.OpenGazetteer(s.files, s.noDefault)
	for i, st := range stats {
		cli.ReportStats(stderr, "", s.files[i], st, 10)
	}
	if err == cli.ErrNoGazetteer {
		err = errNoDefault
	}
	return x, err
}
