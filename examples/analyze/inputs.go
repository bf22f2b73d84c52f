package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
)

// location says where an article came from; it prints escaped for a
// terminal (see escape).
type location jsonl.Location

// String returns "file:line", or "file" for a plain-text article, the
// file name escaped for a terminal (see escape).
func (l location) String() string {
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d", escape(l.File), l.Line)
	}
	return escape(l.File)
}

// job is one article to analyse, or an input that could not be read.
type job struct {
	seq   int
	loc   location
	plain bool // text is a plain-text article, for Analyzer.Analyze
	text  string
	art   jsonl.Article // a JSONL article, for Analyzer.AnalyzeArticle
	err   error         // reading or parsing failed; nothing to analyse
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
			return send(job{loc: location{File: s.name}, err: s.err})
		}
		var r io.Reader
		if s.stdin {
			br := bufio.NewReaderSize(stdin, 64<<10)
			s.jsonl = s.jsonl || looksLikeJSONL(br)
			r = br
		} else {
			f, err := os.Open(s.name)
			if err != nil {
				return send(job{loc: location{File: s.name}, err: err})
			}
			defer f.Close()
			r = f
		}
		if s.jsonl {
			return readJSONL(s.name, r, send)
		}
		text, err := readText(r)
		if err != nil {
			return send(job{loc: location{File: s.name}, err: err})
		}
		return send(job{loc: location{File: s.name}, plain: true, text: text})
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

// readText reads a whole plain-text article of at most jsonl.MaxText bytes,
// sized for it when r is a file, into the string it returns (no copy).
func readText(r io.Reader) (string, error) {
	var b strings.Builder
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= jsonl.MaxText {
			b.Grow(int(fi.Size()))
		}
	}
	if _, err := io.Copy(&b, io.LimitReader(r, jsonl.MaxText+1)); err != nil {
		return "", err
	}
	if b.Len() > jsonl.MaxText {
		return "", fmt.Errorf("larger than %d MiB, the analyzer's limit", jsonl.MaxText>>20)
	}
	return b.String(), nil
}

// readJSONL sends one job per non-blank line of r, a failed one for a line
// that is not an article. It returns false when send does.
func readJSONL(name string, r io.Reader, send func(job) bool) bool {
	return jsonl.ReadLines(name, r, func(l jsonl.Line) bool {
		j := job{loc: location(l.Loc), err: l.Err}
		if j.err == nil {
			j.art, j.err = jsonl.Parse(l.Data)
		}
		return send(j)
	})
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
