// Package jsonl is the JSON Lines the example programs share: articles
// read one per line, {"id","title","text"} with any other fields kept
// verbatim, and the JSON object of an analysis. The analyze program and
// the archive pipeline (examples/archive) read and write through it, so
// that an archive analysed on one machine or on a cluster gives the same
// lines.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar"
)

// Limits on what one article may be, so that a wrong input (a disk image,
// /dev/zero) fails clearly instead of exhausting memory.
const (
	// MaxText is the longest plain-text article: the analyzer's limit.
	MaxText = khabar.DefaultMaxBytes
	// MaxLine is the longest JSONL line; JSON escapes make a line longer
	// than the text it holds.
	MaxLine = 4 * khabar.DefaultMaxBytes
)

// Location says where an article came from.
type Location struct {
	// File is the path as given or found, "-" for standard input.
	File string
	// Line is the 1-based line of a JSONL article; 0 for a whole file (a
	// plain-text article, or a file that could not be read).
	Line int
}

// String returns "file:line", or the file alone when Line is 0.
func (l Location) String() string {
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return l.File
}

// Line is one non-blank line of a JSONL input, or why a line could not be
// read.
type Line struct {
	Loc Location
	// Data is the line without its line break (and without a byte-order
	// mark on line 1). It is only valid until the next line is read.
	Data []byte
	// Err says why the line could not be read: too long, or a read error
	// (after which the input is not read further).
	Err error
}

// ReadLines calls yield with every non-blank line of r, a JSONL input
// named name, in order, and with a failed Line for a line longer than
// [MaxLine] (which is skipped) or a read error (which ends the input). It
// returns false as soon as yield does, true otherwise.
func ReadLines(name string, r io.Reader, yield func(Line) bool) bool {
	return readLines(name, bufio.NewReaderSize(r, 64<<10), MaxLine, yield)
}

func readLines(name string, br *bufio.Reader, max int, yield func(Line) bool) bool {
	lr := lineReader{r: br, max: max}
	for {
		data, tooLong, err := lr.next()
		loc := Location{File: name, Line: lr.line}
		if err == io.EOF {
			return true
		}
		if err != nil {
			// The line being read when it failed.
			loc.Line++
			return yield(Line{Loc: loc, Err: err})
		}
		if lr.line == 1 {
			data = bytes.TrimPrefix(data, []byte("\ufeff"))
		}
		if tooLong {
			if !yield(Line{Loc: loc, Err: fmt.Errorf("line longer than %d MiB", max>>20)}) {
				return false
			}
			continue
		}
		if len(bytes.TrimSpace(data)) == 0 {
			continue
		}
		if !yield(Line{Loc: loc, Data: data}) {
			return false
		}
	}
}

// lineReader reads lines of any length up to max bytes, counting them.
type lineReader struct {
	r    *bufio.Reader
	max  int
	line int // the number of the line last returned
}

// next returns the next line without its line break (\n or \r\n), and
// whether it was longer than max, in which case the line is dropped and
// nil is returned. At the end it returns io.EOF.
func (lr *lineReader) next() ([]byte, bool, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > lr.max+2 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && (err != io.EOF || len(buf) == 0 && !tooLong) {
			return nil, false, err
		}
		lr.line++
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if len(buf) > lr.max {
			tooLong, buf = true, nil
		}
		return buf, tooLong, nil
	}
}

// Article is one JSONL article: what the Analyzer reads, the line's other
// fields and what was odd about the line.
type Article struct {
	khabar.Article
	// Meta holds the line's other fields, verbatim ("source" is both
	// here and in Article.Source); nil when there are none.
	Meta map[string]json.RawMessage
	// Warnings say what was odd about the line without making it fail.
	Warnings []string
}

// Parse decodes one JSONL line: {"id","title","text"} ("body" is accepted
// for "text"; a numeric id is kept as written), the other fields kept in
// Meta; "source", the article's feed, is both. A line with invalid UTF-8
// is decoded with a warning (the JSON decoder replaces those bytes by
// U+FFFD). The error says what is wrong with a line that is not an
// article.
func Parse(line []byte) (Article, error) {
	var a Article
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return a, fmt.Errorf("malformed JSONL: want a JSON object, got %s", typeErr.Value)
		}
		return a, fmt.Errorf("malformed JSONL: %w", err)
	}
	if fields == nil {
		return a, errors.New("malformed JSONL: want a JSON object, got null")
	}
	if raw, ok := fields["id"]; ok {
		delete(fields, "id")
		if err := json.Unmarshal(raw, &a.ID); err != nil {
			var n json.Number
			if json.Unmarshal(raw, &n) != nil {
				return a, fmt.Errorf(`"id" is %s, want a string or a number`, raw)
			}
			a.ID = n.String()
		}
	}
	if raw, ok := fields["title"]; ok {
		delete(fields, "title")
		if err := json.Unmarshal(raw, &a.Title); err != nil {
			return a, fmt.Errorf(`"title" is %s, want a string`, truncate(raw))
		}
	}
	key := "text"
	raw, ok := fields[key]
	if !ok {
		key = "body"
		raw, ok = fields[key]
	}
	if !ok {
		return a, errors.New(`no "text" field`)
	}
	delete(fields, key)
	if err := json.Unmarshal(raw, &a.Body); err != nil {
		return a, fmt.Errorf("%q is %s, want a string", key, truncate(raw))
	}
	if raw, ok := fields["source"]; ok {
		// Kept in meta as well: it was there before the Analyzer read it.
		if err := json.Unmarshal(raw, &a.Source); err != nil {
			return a, fmt.Errorf(`"source" is %s, want a string`, truncate(raw))
		}
	}
	if len(fields) > 0 {
		a.Meta = fields
	}
	if !utf8.Valid(line) {
		a.Warnings = append(a.Warnings, "the JSONL line has invalid UTF-8, which the JSON decoder replaced by U+FFFD before analysis")
	}
	return a, nil
}

func truncate(raw []byte) string {
	if len(raw) > 40 {
		return string(raw[:40]) + "…"
	}
	return string(raw)
}
