package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/khabar-nlp/khabar/internal/linetable"
	"github.com/khabar-nlp/khabar/topics"
)

// The parts of a frozen split.
const (
	Tune  = "tune"
	Check = "check"
)

// errSplit is wrapped by the errors about a split file's content.
var errSplit = errors.New("cli: bad split file")

// Split is a frozen split of labelled articles into a tuning part and a
// check part by date (testdata/splits/news-topics-dev.tsv): rows of
// part, first and last date (yyyymmdd, inclusive) and article count,
// after '#' comments and a header line. An article's date is the
// yyyymmdd at the end of its ID.
type Split struct {
	rows []splitRow
}

type splitRow struct{ part, first, last string }

// ReadSplit reads the split file at path.
func ReadSplit(path string) (*Split, error) {
	s := &Split{}
	err := eachSplitRow(path, func(sc *linetable.Scanner, cols []string) error {
		if (cols[0] != Tune && cols[0] != Check) || !isDate(cols[1]) || !isDate(cols[2]) || cols[2] < cols[1] {
			return sc.Errorf("%w: want tune|check<TAB>yyyymmdd<TAB>yyyymmdd, got %q", errSplit, sc.Text())
		}
		if n := len(s.rows); n > 0 && cols[1] <= s.rows[n-1].last {
			return sc.Errorf("%w: dates overlap the previous row", errSplit)
		}
		s.rows = append(s.rows, splitRow{cols[0], cols[1], cols[2]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(s.rows) == 0 {
		return nil, fmt.Errorf("%s: %w: no rows", path, errSplit)
	}
	return s, nil
}

// eachSplitRow reads a split file — '#' comments, a header line whose
// first columns are part, first and last, then rows of at least three
// columns — and calls row for each row.
func eachSplitRow(path string, row func(sc *linetable.Scanner, cols []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := linetable.NewScanner(f, linetable.Options{Source: path, MaxLineBytes: 1 << 10})
	header := false
	for sc.Next() {
		if sc.TooLong() {
			return sc.Errorf("%w: line too long", errSplit)
		}
		if linetable.IsComment(sc.Bytes()) {
			continue
		}
		cols := linetable.Columns(sc.Text())
		if !header {
			if len(cols) < 3 || cols[0] != "part" || cols[1] != "first" || cols[2] != "last" {
				return sc.Errorf("%w: header %q, want part<TAB>first<TAB>last…", errSplit, sc.Text())
			}
			header = true
			continue
		}
		if len(cols) < 3 {
			return sc.Errorf("%w: %d columns, want part, first, last", errSplit, len(cols))
		}
		if err := row(sc, cols); err != nil {
			return err
		}
	}
	return sc.Err()
}

func isDate(s string) bool {
	if len(s) != 8 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Part returns the part ("tune" or "check") of the article with the given
// ID, and false if its ID ends in no date the split covers.
func (s *Split) Part(id string) (string, bool) {
	i := strings.LastIndexByte(id, '-')
	date := id[i+1:]
	if !isDate(date) {
		return "", false
	}
	for _, r := range s.rows {
		if r.first <= date && date <= r.last {
			return r.part, true
		}
	}
	return "", false
}

// Select returns the documents of the given part, in order. A document
// the split does not place is an error naming it.
func (s *Split) Select(docs []topics.LabeledDoc, part string) ([]topics.LabeledDoc, error) {
	var out []topics.LabeledDoc
	for _, d := range docs {
		p, ok := s.Part(d.ID)
		if !ok {
			return nil, fmt.Errorf("article %q: its ID ends in no date of the split", d.ID)
		}
		if p == part {
			out = append(out, d)
		}
	}
	return out, nil
}
