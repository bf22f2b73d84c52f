// Package cli holds what the example programs share: a repeatable file
// flag, and loading the gazetteers a user names beside the default.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/khabar-nlp/khabar/gazetteer"
)

// Files is a repeatable flag of file paths.
type Files []string

// String joins the paths with commas.
func (f *Files) String() string { return strings.Join(*f, ",") }

// Set adds a path.
func (f *Files) Set(v string) error { *f = append(*f, v); return nil }

// ErrNoGazetteer is returned when the default gazetteer is left out and no
// file is given instead.
var ErrNoGazetteer = errors.New("leaving out the default gazetteer needs at least one gazetteer file")

// OpenGazetteer returns the embedded default gazetteer (unless noDefault)
// with files added, later files winning, and the statistics of each file.
func OpenGazetteer(files []string, noDefault bool) (*gazetteer.Index, []gazetteer.LoadStats, error) {
	var base *gazetteer.Index
	if !noDefault {
		def, err := gazetteer.Default()
		if err != nil {
			return nil, nil, err
		}
		if len(files) == 0 {
			return def, nil, nil
		}
		base = def
	}
	if len(files) == 0 {
		return nil, nil, ErrNoGazetteer
	}
	x, stats, err := gazetteer.Open(base, files, gazetteer.LoadOptions{})
	if errors.Is(err, gazetteer.ErrListType) && len(stats) < len(files) {
		// Open stops at the failing file: the one after those it read.
		name := files[len(stats)]
		err = fmt.Errorf("%w\n  %s holds one name per line and no type: convert it, naming the type, with\n"+
			"  go run ./examples/gazetteer import -format list -type PER|LOC|ORG -o names.tsv %s", err, name, name)
	}
	return x, stats, err
}

// ReportStats writes what a loader read from a file and everything it
// passed over, so that no skipped line goes unnoticed: up to maxLines of
// the skipped lines themselves.
func ReportStats(w io.Writer, prefix, name string, st gazetteer.LoadStats, maxLines int) {
	fmt.Fprintf(w, "%s%s: %d entries", prefix, name, st.Entries)
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
		if i == maxLines {
			fmt.Fprintf(w, "  … and %d more\n", st.Skipped-maxLines)
			break
		}
		fmt.Fprintf(w, "  skipped %v\n", e)
	}
}
