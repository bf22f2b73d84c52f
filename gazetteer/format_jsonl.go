package gazetteer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strings"
)

// ReadJSONL reads JSON Lines: one JSON object per line with the field
// names of [Entry] (id, type, subtype, name, name_en, aliases, demonyms,
// country, parent, wikidata, prior), and calls emit for each entry in file
// order. type is "PER", "LOC" or "ORG" (or another name [ParseType]
// accepts, in any case); absent fields are empty.
//
// Blank lines are ignored; there are no comments (JSON Lines has none, so
// a '#' line is malformed). Malformed lines are skipped and counted, or
// returned as a *ParseError when opts.Strict is set: invalid JSON
// (including a truncated object), a value that is not an object, a field
// not listed above (matched as encoding/json does, ignoring case), data
// after the object, invalid UTF-8 anywhere in the line (encoding/json
// would silently turn it into U+FFFD), a malformed Wikidata QID, an entry
// that fails [Entry.Validate], and a line longer than opts.MaxLineBytes.
// Empty alias and demonym lists are read as nil. emit may be nil; an error
// from emit stops reading and is returned inside a *ParseError giving the
// line.
func ReadJSONL(r io.Reader, opts LoadOptions, emit func(Entry) error) (LoadStats, error) {
	run := newLoadRun(opts)
	sc := newScanner(r, &opts, opts.Source)
	src := opts.Source
	for sc.Next() {
		line, tooLong := sc.Bytes(), sc.TooLong()
		run.stats.Lines++
		var err error
		var e Entry
		switch {
		case tooLong:
			err = tooLongError(sc)
		case len(bytes.TrimSpace(line)) == 0:
			run.stats.Comments++
			continue
		default:
			e, err = parseJSONLine(line)
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
	return run.stats, sc.Err()
}

// jsonlEntry reads the type as a string, to report a bad one as the
// other readers do.
type jsonlEntry struct {
	Entry
	Type string `json:"type"`
}

func parseJSONLine(line []byte) (Entry, error) {
	if err := checkUTF8(line); err != nil {
		return Entry{}, err
	}
	t := bytes.TrimSpace(line)
	if t[0] != '{' {
		return Entry{}, fmt.Errorf("%w: want an object, got %q", ErrBadJSON, abbreviate(t, 20))
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.DisallowUnknownFields()
	var je jsonlEntry
	if err := dec.Decode(&je); err != nil {
		return Entry{}, jsonError(err)
	}
	if off := int(dec.InputOffset()); off != len(t) {
		rest := bytes.TrimLeft(t[off:], " \t")
		return Entry{}, fmt.Errorf("%w: data after the object at byte %d", ErrBadJSON, len(t)-len(rest)+1)
	}
	e := je.Entry
	var err error
	if e.Type, err = ParseType(je.Type); err != nil {
		return Entry{}, fmt.Errorf("%w %q (want PER, LOC or ORG)", ErrUnknownType, abbreviate([]byte(je.Type), 40))
	}
	if len(e.Aliases) == 0 {
		e.Aliases = nil
	}
	if len(e.Demonyms) == 0 {
		e.Demonyms = nil
	}
	if err := checkQID(e.Wikidata); err != nil {
		return Entry{}, err
	}
	return e, e.Validate()
}

// jsonError describes an encoding/json error in JSON's terms, wrapping
// ErrBadJSON and the original error.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	switch {
	case err == io.ErrUnexpectedEOF:
		return fmt.Errorf("%w: truncated object: %w", ErrBadJSON, err)
	case errors.As(err, &te):
		field := te.Field
		if i := strings.LastIndexByte(field, '.'); i >= 0 {
			field = field[i+1:]
		}
		want := "a string"
		switch te.Type.Kind() {
		case reflect.Slice, reflect.Array:
			want = "an array"
		case reflect.Struct, reflect.Map:
			want = "an object"
		case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			want = "a number"
		case reflect.Bool:
			want = "true or false"
		}
		if field == "" {
			return fmt.Errorf("%w: want %s, got %s: %w", ErrBadJSON, want, te.Value, err)
		}
		return &jsonFieldError{msg: fmt.Sprintf("%s: %s: want %s, got %s", ErrBadJSON, field, want, te.Value), err: err}
	}
	return fmt.Errorf("%w: %w", ErrBadJSON, err)
}

// jsonFieldError gives a short message for a JSON value of the wrong type
// and unwraps to both ErrBadJSON and the encoding/json error.
type jsonFieldError struct {
	msg string
	err error
}

func (e *jsonFieldError) Error() string   { return e.msg }
func (e *jsonFieldError) Unwrap() []error { return []error{ErrBadJSON, e.err} }

// abbreviate returns the first n bytes of b, cut at a rune boundary, with
// "…" when it cut something.
func abbreviate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	for n > 0 && b[n]&0xC0 == 0x80 {
		n--
	}
	return string(b[:n]) + "…"
}

// WriteJSONL writes entries as JSON Lines (see [ReadJSONL]), one compact
// object per line in the order given, with HTML characters unescaped and
// empty fields omitted. It returns an error, and stops, at the first entry
// that fails [Entry.Validate] or has a malformed Wikidata QID. Reading what
// WriteJSONL wrote gives the same entries, and writing them again gives
// the same bytes.
func WriteJSONL(w io.Writer, entries iter.Seq[Entry]) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	for e := range entries {
		n++
		if err := checkWritable(&e, false); err != nil {
			return fmt.Errorf("%w (writing JSONL, entry %d)", err, n)
		}
		if err := enc.Encode(&e); err != nil {
			return fmt.Errorf("%w (writing JSONL, entry %d)", err, n)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gazetteer: write JSONL: %w", err)
	}
	return nil
}
