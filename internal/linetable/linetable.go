// Package linetable reads the line-based tables of Khabar: the gazetteer's
// TSV and lists, the topic lexicons and keyword background, the article
// rules and the stop lists.
//
// # Lines
//
// A [Scanner] reads lines of any length up to a limit with memory that
// grows only with the longest line kept. It removes the "\n" or "\r\n"
// line ending and, on the first line, a UTF-8 byte order mark. Unlike
// bufio.Scanner it survives an over-long line: the line is reported as
// too long ([Scanner.TooLong]) and reading goes on at the next one, so a
// loader can skip it and say where it was.
//
// # Comments and columns
//
// A table's blank lines and comments (a line whose first character after
// spaces is '#') are found by [IsComment]; columns are separated by one
// TAB ([Columns]). A '#' after a TAB is data: a TAB-indented line is a row
// whose first column is empty.
//
// # Errors
//
// Every error about a line is a [*ParseError] naming the input and the
// 1-based line, printed "source:line: what". The packages that read tables
// export this type under their own name (gazetteer.ParseError,
// topics.ParseError are aliases) and wrap their own sentinel errors in it.
package linetable

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseError is an error at a line of a table: a malformed line, an I/O
// error, or an error of the caller at that line.
type ParseError struct {
	// Source names the input, such as the file path.
	Source string
	// Line is the 1-based line number; 0 when the error concerns the
	// input as a whole (such as a missing header).
	Line int
	// Err says what is wrong.
	Err error
}

// Error returns "source:line: err", or "source: err" when Line is 0. An
// empty Source is written as "<input>".
func (e *ParseError) Error() string {
	src := e.Source
	if src == "" {
		src = "<input>"
	}
	if e.Line <= 0 {
		return src + ": " + e.Err.Error()
	}
	return src + ":" + strconv.Itoa(e.Line) + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error { return e.Err }

// DefaultMaxLineBytes is the longest line a Scanner reads when
// Options.MaxLineBytes is 0: 16 MiB.
const DefaultMaxLineBytes = 16 << 20

// progressEvery is how many bytes a Scanner reads between two calls of
// Options.Progress.
const progressEvery = 1 << 20

// bufSize is the size of the read buffer; longer lines are assembled in a
// separate slice.
const bufSize = 64 << 10

// Options configures a [Scanner]. The zero value is usable.
type Options struct {
	// Source names the input in errors.
	Source string
	// MaxLineBytes is the longest line read, without its line ending: 0
	// means DefaultMaxLineBytes. A longer line is reported by TooLong.
	MaxLineBytes int
	// Progress, if not nil, is called with ProgressBase plus the number
	// of bytes read so far, about every MiB and once more at the end of
	// the input. The count runs ahead of the line being read by at most
	// the scanner's 64 KiB buffer.
	Progress func(bytesRead int64)
	// ProgressBase is added to the counts given to Progress, so that
	// several inputs read one after the other report a running total.
	ProgressBase int64
}

// Scanner reads the lines of a table. It is not safe for concurrent use.
type Scanner struct {
	br      *bufio.Reader
	cr      *Counter
	opts    Options
	max     int
	long    []byte // a line longer than br's buffer, assembled
	line    []byte
	tooLong bool
	n       int   // number of the last line read, 1-based
	err     error // sticky; io.EOF at the end of the input
	tick    int64 // next count at which to call Progress
}

// NewScanner returns a Scanner reading r.
func NewScanner(r io.Reader, opts Options) *Scanner {
	cr := &Counter{R: r}
	max := opts.MaxLineBytes
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	return &Scanner{br: bufio.NewReaderSize(cr, bufSize), cr: cr, opts: opts, max: max, tick: progressEvery}
}

// Next reads the next line. It returns false at the end of the input or
// on a read error (see [Scanner.Err]).
func (s *Scanner) Next() bool {
	s.line, s.tooLong = nil, false
	if s.err != nil {
		return false
	}
	s.long = s.long[:0]
	total := 0
	tooLong := false
	var line []byte
	for {
		frag, err := s.br.ReadSlice('\n')
		total += len(frag)
		if err == bufio.ErrBufferFull {
			if !tooLong {
				if len(s.long)+len(frag) > s.max {
					tooLong = true
					s.long = s.long[:0]
				} else {
					s.long = append(s.long, frag...)
				}
			}
			continue
		}
		if err != nil && err != io.EOF {
			s.err = err
			return false
		}
		if err == io.EOF {
			s.err = io.EOF
			if total == 0 {
				s.tickProgress()
				return false
			}
		}
		frag = bytes.TrimSuffix(frag, []byte{'\n'})
		if len(s.long) > 0 {
			s.long = append(s.long, frag...)
			line = s.long
		} else {
			line = frag
		}
		break
	}
	s.n++
	s.tickProgress()
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if s.n == 1 {
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	if tooLong || len(line) > s.max {
		s.tooLong = true
		return true
	}
	s.line = line
	return true
}

var utf8BOM = []byte("\xEF\xBB\xBF")

func (s *Scanner) tickProgress() {
	if s.opts.Progress != nil && s.cr.N >= s.tick {
		s.opts.Progress(s.opts.ProgressBase + s.cr.N)
		s.tick = s.cr.N + progressEvery
	}
}

// Bytes returns the line read by the last call of Next, without its line
// ending, or nil for a line that is too long. The bytes stay valid until
// the next call of Next, and the caller may modify them.
func (s *Scanner) Bytes() []byte { return s.line }

// Text returns the line as a string.
func (s *Scanner) Text() string { return string(s.line) }

// TooLong reports whether the line read by the last call of Next was
// longer than the limit; its bytes were discarded.
func (s *Scanner) TooLong() bool { return s.tooLong }

// Line returns the 1-based number of the line read by the last call of
// Next.
func (s *Scanner) Line() int { return s.n }

// MaxLineBytes returns the longest line the scanner reads.
func (s *Scanner) MaxLineBytes() int { return s.max }

// BytesRead returns the number of bytes read from the input so far.
func (s *Scanner) BytesRead() int64 { return s.cr.N }

// Error returns err as an error at the current line: a *ParseError with
// the scanner's source and line.
func (s *Scanner) Error(err error) *ParseError {
	return &ParseError{Source: s.opts.Source, Line: s.n, Err: err}
}

// Errorf is Error of an error made by fmt.Errorf.
func (s *Scanner) Errorf(format string, args ...any) *ParseError {
	return s.Error(fmt.Errorf(format, args...))
}

// Err returns the read error that stopped the scanner, as a *ParseError
// at the line it was reading, or nil at the end of the input. Once Next
// has returned false for good, it reports the final progress.
func (s *Scanner) Err() error {
	if s.err != nil && s.err != io.EOF {
		return &ParseError{Source: s.opts.Source, Line: s.n + 1, Err: fmt.Errorf("read: %w", s.err)}
	}
	if s.err == io.EOF && s.opts.Progress != nil {
		s.opts.Progress(s.opts.ProgressBase + s.cr.N)
	}
	return nil
}

// IsComment reports whether a line is blank (white space only) or a
// comment: '#' first, after spaces but not TABs, which separate columns.
func IsComment(line []byte) bool {
	if len(bytes.TrimSpace(line)) == 0 {
		return true
	}
	t := bytes.TrimLeft(line, " ")
	return len(t) > 0 && t[0] == '#'
}

// Columns splits a line at each TAB.
func Columns(line string) []string { return strings.Split(line, "\t") }

// InvalidUTF8 returns the 0-based offset of the first byte of line that
// is not valid UTF-8, or -1 if line is valid.
func InvalidUTF8(line []byte) int {
	if utf8.Valid(line) {
		return -1
	}
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// Counter counts the bytes read through it: a loader reports the
// progress of a compressed file in bytes of the file.
type Counter struct {
	// R is the reader read from.
	R io.Reader
	// N is the number of bytes read so far.
	N int64
}

// Read reads from R and counts the bytes.
func (c *Counter) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	return n, err
}
