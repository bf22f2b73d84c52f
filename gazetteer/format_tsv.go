package gazetteer

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/khabar-nlp/khabar/internal/linetable"
)

// tsvHeader is the header line of Khabar TSV, version 1.
const tsvHeader = "id\ttype\tsubtype\tname\tname_en\taliases\tdemonyms\tcountry\tparent\twikidata\tprior"

// tsvColumns are the column names of Khabar TSV, in their required order.
var tsvColumns = strings.Split(tsvHeader, "\t")

// tsvComment is the comment line WriteTSV writes first.
const tsvComment = "# Khabar gazetteer TSV, version 1"

// ReadTSV reads Khabar TSV, the format of the embedded gazetteer
// (data/*.tsv), and calls emit for each entry in file order.
//
// The format: UTF-8, one entry per line, columns separated by one TAB.
// Lines whose first non-blank character is '#' are comments; blank lines
// are ignored. The first other line must be the header, exactly
//
//	id	type	subtype	name	name_en	aliases	demonyms	country	parent	wikidata	prior
//
// (a missing or different header is always an error, even when not
// Strict, since no line could then be read safely). Every following line
// has exactly these 11 columns. Values are trimmed of surrounding spaces.
// type is PER, LOC or ORG in capitals. aliases and demonyms hold several
// values separated by '|': each is trimmed and empty ones are dropped.
// wikidata is empty or a QID such as Q796. prior is empty (0) or a decimal
// in [0, 1]. A "\r" before the line break and a byte order mark at the
// start are ignored.
//
// Malformed lines — a wrong number of columns, an unknown type, a bad
// prior or QID, invalid UTF-8, a line longer than MaxLineBytes, an entry
// that fails [Entry.Validate] — are skipped and counted in the stats, or
// returned as a *ParseError when opts.Strict is set. Duplicate IDs are
// not detected here: the [Builder] reports them. emit may be nil, to check
// a file only; an error from emit stops reading and is returned inside a
// *ParseError giving the line.
func ReadTSV(r io.Reader, opts LoadOptions, emit func(Entry) error) (LoadStats, error) {
	run := newLoadRun(opts)
	sc := newScanner(r, &opts, opts.Source)
	src := opts.Source
	header := false
	for sc.Next() {
		line, tooLong := sc.Bytes(), sc.TooLong()
		run.stats.Lines++
		if tooLong {
			if !header {
				return run.stats, &ParseError{Source: src, Line: sc.Line(), Err: fmt.Errorf("%w: %w", ErrBadHeader, tooLongError(sc))}
			}
			if err := run.malformed(src, sc.Line(), tooLongError(sc)); err != nil {
				return run.stats, err
			}
			continue
		}
		if linetable.IsComment(line) {
			run.stats.Comments++
			continue
		}
		if !header {
			if err := checkTSVHeader(string(line)); err != nil {
				return run.stats, &ParseError{Source: src, Line: sc.Line(), Err: err}
			}
			header = true
			run.stats.Comments++
			continue
		}
		e, err := parseTSVLine(line)
		if err == nil {
			err = e.Validate()
		}
		if err != nil {
			if err := run.malformed(src, sc.Line(), err); err != nil {
				return run.stats, err
			}
			continue
		}
		if err := run.emit(emit, src, sc.Line(), e); err != nil {
			return run.stats, err
		}
	}
	if err := sc.Err(); err != nil {
		return run.stats, err
	}
	if !header {
		return run.stats, &ParseError{Source: src, Err: fmt.Errorf("%w: no header line (want %q)", ErrBadHeader, tsvHeader)}
	}
	return run.stats, nil
}

// checkTSVHeader says how a header line differs from the required one.
func checkTSVHeader(line string) error {
	if line == tsvHeader {
		return nil
	}
	if err := checkUTF8([]byte(line)); err != nil {
		return fmt.Errorf("%w: %w", ErrBadHeader, err)
	}
	cols := strings.Split(line, "\t")
	for i, c := range cols {
		if i >= len(tsvColumns) {
			break
		}
		if c != tsvColumns[i] {
			return fmt.Errorf("%w: column %d is %q, want %q (the header must be exactly %q)", ErrBadHeader, i+1, c, tsvColumns[i], tsvHeader)
		}
	}
	return fmt.Errorf("%w: %d columns, want the %d of %q", ErrBadHeader, len(cols), len(tsvColumns), tsvHeader)
}

// parseTSVLine parses a data line; the caller validates the entry.
func parseTSVLine(line []byte) (Entry, error) {
	if err := checkUTF8(line); err != nil {
		return Entry{}, err
	}
	f := strings.Split(string(line), "\t")
	if len(f) != len(tsvColumns) {
		return Entry{}, fmt.Errorf("%w: %d, want %d", ErrColumns, len(f), len(tsvColumns))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	e := Entry{
		ID:       f[0],
		Subtype:  f[2],
		Name:     f[3],
		NameEN:   f[4],
		Aliases:  splitMulti(f[5]),
		Demonyms: splitMulti(f[6]),
		Country:  f[7],
		Parent:   f[8],
		Wikidata: f[9],
	}
	switch f[1] {
	case "PER":
		e.Type = PER
	case "LOC":
		e.Type = LOC
	case "ORG":
		e.Type = ORG
	default:
		return Entry{}, fmt.Errorf("%w %q (want PER, LOC or ORG)", ErrUnknownType, f[1])
	}
	if err := checkQID(e.Wikidata); err != nil {
		return Entry{}, err
	}
	if f[10] != "" {
		p, err := strconv.ParseFloat(f[10], 64)
		if err != nil || math.IsNaN(p) || p < 0 || p > 1 {
			return Entry{}, fmt.Errorf("%w: %q", ErrBadPrior, f[10])
		}
		e.Prior = p
	}
	return e, nil
}

// splitMulti splits a '|'-separated value, trimming each part and dropping
// empty ones; it returns nil when nothing is left.
func splitMulti(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for part := range strings.SplitSeq(s, "|") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// checkQID accepts "" and Q followed by a number without leading zeros.
func checkQID(q string) error {
	if q == "" || isQID(q) {
		return nil
	}
	return fmt.Errorf("%w %q: want Q followed by digits, like Q796", ErrBadQID, q)
}

func isQID(q string) bool {
	if len(q) < 2 || len(q) > 20 || q[0] != 'Q' || q[1] == '0' {
		return false
	}
	for i := 1; i < len(q); i++ {
		if q[i] < '0' || q[i] > '9' {
			return false
		}
	}
	return true
}

// WriteTSV writes entries as Khabar TSV (see [ReadTSV]): a comment line,
// the header, and one line per entry in the order given. The prior is
// written with strconv.FormatFloat(p, 'f', -1, 64). It returns an error,
// and stops, at the first entry that fails [Entry.Validate] or would not
// read back unchanged: a value with surrounding spaces, an empty alias or
// demonym, a TAB or line break in any column, or a malformed Wikidata QID.
// Reading what WriteTSV wrote gives the same entries (with nil for empty
// alias and demonym lists), and writing them again gives the same bytes.
func WriteTSV(w io.Writer, entries iter.Seq[Entry]) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(tsvComment + "\n" + tsvHeader + "\n")
	var buf []byte
	n := 0
	for e := range entries {
		n++
		if err := checkWritable(&e, true); err != nil {
			return fmt.Errorf("%w (writing TSV, entry %d)", err, n)
		}
		buf = appendTSVLine(buf[:0], &e)
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("gazetteer: write TSV: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gazetteer: write TSV: %w", err)
	}
	return nil
}

func appendTSVLine(b []byte, e *Entry) []byte {
	b = append(b, e.ID...)
	b = append(b, '\t')
	b = append(b, e.Type.String()...)
	for _, s := range []string{e.Subtype, e.Name, e.NameEN} {
		b = append(b, '\t')
		b = append(b, s...)
	}
	for _, list := range [][]string{e.Aliases, e.Demonyms} {
		b = append(b, '\t')
		for i, s := range list {
			if i > 0 {
				b = append(b, '|')
			}
			b = append(b, s...)
		}
	}
	for _, s := range []string{e.Country, e.Parent, e.Wikidata} {
		b = append(b, '\t')
		b = append(b, s...)
	}
	b = append(b, '\t')
	b = strconv.AppendFloat(b, e.Prior, 'f', -1, 64)
	return append(b, '\n')
}

// checkWritable validates an entry for writing. For TSV (tsv true) it also
// refuses what would not survive a round trip.
func checkWritable(e *Entry, tsv bool) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := checkQID(e.Wikidata); err != nil {
		return fmt.Errorf("%w (entry %s)", err, e.ID)
	}
	if !tsv {
		return nil
	}
	for _, s := range []string{e.Subtype, e.Name, e.NameEN, e.Country, e.Parent, e.Wikidata} {
		if err := checkTSVValue(s); err != nil {
			return fmt.Errorf("%w (entry %s)", err, e.ID)
		}
	}
	for _, list := range [][]string{e.Aliases, e.Demonyms} {
		for _, s := range list {
			if s == "" {
				return fmt.Errorf("gazetteer: empty alias or demonym (entry %s)", e.ID)
			}
			if err := checkTSVValue(s); err != nil {
				return fmt.Errorf("%w (entry %s)", err, e.ID)
			}
		}
	}
	return nil
}

func checkTSVValue(s string) error {
	if strings.TrimSpace(s) != s {
		return fmt.Errorf("gazetteer: value %q has leading or trailing space", s)
	}
	if strings.ContainsAny(s, "\t\n\r") {
		return fmt.Errorf("gazetteer: value %q holds a TAB or line break", s)
	}
	return nil
}
