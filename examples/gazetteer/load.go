package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/khabar-nlp/khabar/gazetteer"
)

// fileList is a repeatable -gazetteer flag.
type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

// sourceFlags are the flags that choose the gazetteers to load.
type sourceFlags struct {
	files     fileList
	noDefault bool
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	fs.Var(&s.files, "gazetteer", "add a gazetteer `FILE` (any supported format or compiled; repeatable; later files win)")
	fs.BoolVar(&s.noDefault, "no-default", false, "leave the embedded default gazetteer out")
}

// open loads the chosen gazetteers, reporting skipped lines on stderr.
func (s *sourceFlags) open(stderr io.Writer) (*gazetteer.Index, error) {
	var base *gazetteer.Index
	if !s.noDefault {
		def, err := gazetteer.Default()
		if err != nil {
			return nil, err
		}
		if len(s.files) == 0 {
			return def, nil
		}
		base = def
	}
	if len(s.files) == 0 {
		return nil, fmt.Errorf("-no-default needs at least one -gazetteer FILE")
	}
	x, stats, err := gazetteer.Open(base, s.files, gazetteer.LoadOptions{})
	for i, st := range stats {
		reportStats(stderr, s.files[i], st)
	}
	return x, err
}

// reportStats prints what a loader skipped, so that nothing is lost
// silently.
func reportStats(w io.Writer, name string, st gazetteer.LoadStats) {
	fmt.Fprintf(w, "%s: %d entries", name, st.Entries)
	if st.Skipped > 0 {
		fmt.Fprintf(w, ", %d malformed lines skipped", st.Skipped)
	}
	if st.Filtered > 0 {
		fmt.Fprintf(w, ", %d records filtered %v", st.Filtered, st.FilteredBy)
	}
	if st.Duplicates > 0 {
		fmt.Fprintf(w, ", %d duplicate names merged", st.Duplicates)
	}
	if st.DroppedNames > 0 {
		fmt.Fprintf(w, ", %d unusable names dropped", st.DroppedNames)
	}
	fmt.Fprintln(w)
	for i, e := range st.SkippedLines {
		if i == 10 {
			fmt.Fprintf(w, "  … and %d more\n", st.Skipped-10)
			break
		}
		fmt.Fprintf(w, "  skipped %v\n", e)
	}
}
