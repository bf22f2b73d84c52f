package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar"
)

// Limits on what one article may be, so that a wrong argument (a disk
// image, /dev/zero) fails clearly instead of exhausting memory.
const (
	// maxText is the longest plain-text article: the analyzer's limit.
	maxText = khabar.DefaultMaxBytes
	// maxLine is the longest JSONL line; JSON escapes make a line longer
	// than the text it holds.
	maxLine = 4 * khabar.DefaultMaxBytes
)

// location says where an article came from.
type location struct {
	file string // the path as given or found, "-" for standard input
	line int    // 1-based line of a JSONL article; 0 for a plain-text one
}

// String returns "file:line", or "file" for a plain-text article, the
// file name escaped for a terminal (see escape).
func (l location) String() string {
	if l.line > 0 {
		return fmt.Sprintf("%s:%d", escape(l.file), l.line)
	}
	return escape(l.file)
}

// job is one article to analyse, or an input that could not be read.
type job struct {
	seq      int
	loc      location
	plain    bool // text is a plain-text article, for Analyzer.Analyze
	text     string
	art      khabar.Article // a JSONL article, for Analyzer.AnalyzeArticle
	meta     map[string]json.RawMessage
	warnings []string
	err      error // reading or parsing failed; nothing to analyse
}

// source is one file to read, found on the command line or in a
// directory.
type source struct {
	name  string
	jsonl bool
	stdin bool
	err   error // the file or directory could not be listed
}

// sources calls yield for every file the inputs name, in order: files as
// given, directories walked in lexical order for *.txt and *.jsonl. It
// stops when yield returns false.
func sources(inputs []string, forceJSONL bool, yield func(source) bool) {
	for _, in := range inputs {
		if in == "-" {
			if !yield(source{name: "-", stdin: true, jsonl: forceJSONL}) {
				return
			}
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			if !yield(source{name: in, err: err}) {
				return
			}
			continue
		}
		if !fi.IsDir() {
			if !yield(source{name: in, jsonl: forceJSONL || isJSONL(in)}) {
				return
			}
			continue
		}
		stopped := false
		filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if !yield(source{name: path, err: err}) {
					stopped = true
					return filepath.SkipAll
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(path))
			if ext != ".txt" && ext != ".jsonl" {
				return nil
			}
			regular, err := isRegular(path, d)
			if err != nil {
				if !yield(source{name: path, err: err}) {
					stopped = true
					return filepath.SkipAll
				}
				return nil
			}
			if !regular {
				return nil
			}
			if !yield(source{name: path, jsonl: ext == ".jsonl"}) {
				stopped = true
				return filepath.SkipAll
			}
			return nil
		})
		if stopped {
			return
		}
	}
}

// isRegular reports whether the directory entry d at path is a regular
// file, following a symbolic link: a FIFO, a device or a socket, or a link
// to one of them or to a directory, is not (opening a FIFO waits for a
// writer, forever). A link that leads nowhere is an error.
func isRegular(path string, d fs.DirEntry) (bool, error) {
	if d.Type().IsRegular() {
		return true, nil
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false, nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	return fi.Mode().IsRegular(), nil
}

func isJSONL(name string) bool { return strings.EqualFold(filepath.Ext(name), ".jsonl") }

// produce reads the inputs and calls emit with one job per article or
// failure, in input order, until emit returns false.
func produce(ctx context.Context, inputs []string, forceJSONL bool, stdin io.Reader, emit func(job) bool) {
	seq := 0
	send := func(j job) bool {
		j.seq = seq
		seq++
		return emit(j)
	}
	sources(inputs, forceJSONL, func(s source) bool {
		if ctx.Err() != nil {
			return false
		}
		if s.err != nil {
			return send(job{loc: location{file: s.name}, err: s.err})
		}
		var r io.Reader
		if s.stdin {
			br := bufio.NewReaderSize(stdin, 64<<10)
			s.jsonl = s.jsonl || looksLikeJSONL(br)
			r = br
		} else {
			f, err := os.Open(s.name)
			if err != nil {
				return send(job{loc: location{file: s.name}, err: err})
			}
			defer f.Close()
			r = f
		}
		if s.jsonl {
			return readJSONL(s.name, r, send)
		}
		text, err := readText(r)
		if err != nil {
			return send(job{loc: location{file: s.name}, err: err})
		}
		return send(job{loc: location{file: s.name}, plain: true, text: text})
	})
}

// looksLikeJSONL reports whether the first byte of br that is not white
// space (or a byte-order mark) is "{". It only peeks.
func looksLikeJSONL(br *bufio.Reader) bool {
	for n := 1; n <= br.Size(); n *= 2 {
		head, err := br.Peek(n)
		if len(head) < 3 && err == nil && bytes.HasPrefix([]byte("\ufeff"), head) {
			continue // maybe a byte-order mark: look further
		}
		rest := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
		if len(rest) > 0 {
			return rest[0] == '{'
		}
		if err != nil {
			return false
		}
	}
	return false
}

// readText reads a whole plain-text article of at most maxText bytes,
// sized for it when r is a file, into the string it returns (no copy).
func readText(r io.Reader) (string, error) {
	var b strings.Builder
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= maxText {
			b.Grow(int(fi.Size()))
		}
	}
	if _, err := io.Copy(&b, io.LimitReader(r, maxText+1)); err != nil {
		return "", err
	}
	if b.Len() > maxText {
		return "", fmt.Errorf("larger than %d MiB, the analyzer's limit", maxText>>20)
	}
	return b.String(), nil
}

// readJSONL sends one job per non-blank line of r, a failed one for a line
// that is not an article. It returns false when send does.
func readJSONL(name string, r io.Reader, send func(job) bool) bool {
	lr := lineReader{r: bufio.NewReaderSize(r, 64<<10), max: maxLine}
	for {
		line, tooLong, err := lr.next()
		loc := location{file: name, line: lr.line}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return send(job{loc: loc, err: err})
		}
		if lr.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if tooLong {
			if !send(job{loc: loc, err: fmt.Errorf("line longer than %d MiB", maxLine>>20)}) {
				return false
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		j := job{loc: loc}
		j.art, j.meta, j.err = parseArticle(line)
		if j.err == nil && !utf8.Valid(line) {
			j.warnings = append(j.warnings, "the JSONL line has invalid UTF-8, which the JSON decoder replaced by U+FFFD before analysis")
		}
		if !send(j) {
			return false
		}
	}
}

// parseArticle decodes one JSONL line: {"id","title","text"} ("body" is
// accepted for "text"; a numeric id is kept as written), the other fields
// returned as meta; "source", the article's feed, is both.
func parseArticle(line []byte) (khabar.Article, map[string]json.RawMessage, error) {
	var art khabar.Article
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return art, nil, fmt.Errorf("malformed JSONL: want a JSON object, got %s", typeErr.Value)
		}
		return art, nil, fmt.Errorf("malformed JSONL: %w", err)
	}
	if fields == nil {
		return art, nil, errors.New("malformed JSONL: want a JSON object, got null")
	}
	if raw, ok := fields["id"]; ok {
		delete(fields, "id")
		if err := json.Unmarshal(raw, &art.ID); err != nil {
			var n json.Number
			if json.Unmarshal(raw, &n) != nil {
				return art, nil, fmt.Errorf(`"id" is %s, want a string or a number`, raw)
			}
			art.ID = n.String()
		}
	}
	if raw, ok := fields["title"]; ok {
		delete(fields, "title")
		if err := json.Unmarshal(raw, &art.Title); err != nil {
			return art, nil, fmt.Errorf(`"title" is %s, want a string`, truncate(raw))
		}
	}
	key := "text"
	raw, ok := fields[key]
	if !ok {
		key = "body"
		raw, ok = fields[key]
	}
	if !ok {
		return art, nil, errors.New(`no "text" field`)
	}
	delete(fields, key)
	if err := json.Unmarshal(raw, &art.Body); err != nil {
		return art, nil, fmt.Errorf("%q is %s, want a string", key, truncate(raw))
	}
	if raw, ok := fields["source"]; ok {
		// Kept in meta as well: it was there before the Analyzer read it.
		if err := json.Unmarshal(raw, &art.Source); err != nil {
			return art, nil, fmt.Errorf(`"source" is %s, want a string`, truncate(raw))
		}
	}
	if len(fields) == 0 {
		fields = nil
	}
	return art, fields, nil
}

func truncate(raw []byte) string {
	if len(raw) > 40 {
		return string(raw[:40]) + "…"
	}
	return string(raw)
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

// count returns how many jobs the inputs make: one per plain-text file
// or failure, one per non-blank JSONL line. known is false when standard
// input is among them (it cannot be read twice).
func count(ctx context.Context, inputs []string, forceJSONL bool) (n int, known bool) {
	known = true
	sources(inputs, forceJSONL, func(s source) bool {
		switch {
		case ctx.Err() != nil:
			known = false
			return false
		case s.stdin:
			known = false
		case s.err != nil || !s.jsonl:
			n++
		default:
			n += countLines(s.name)
		}
		return true
	})
	return n, known
}

// countLines counts the non-blank lines of a file (1 if it cannot be
// read: one failure).
func countLines(name string) int {
	f, err := os.Open(name)
	if err != nil {
		return 1
	}
	defer f.Close()
	n := 0
	blank := true
	buf := make([]byte, 256<<10)
	for {
		m, err := f.Read(buf)
		for _, c := range buf[:m] {
			switch c {
			case '\n':
				if !blank {
					n++
				}
				blank = true
			case ' ', '\t', '\r':
			default:
				blank = false
			}
		}
		if err != nil {
			break
		}
	}
	if !blank {
		n++
	}
	return n
}
