package gazetteer

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// lineScanner reads lines of any length up to a limit with constant
// memory beyond the longest line kept. Unlike bufio.Scanner it survives an
// over-long line: the line is reported as too long and reading goes on at
// the next one.
type lineScanner struct {
	br       *bufio.Reader
	cr       *byteCounter
	max      int
	long     []byte // a line longer than br's buffer, assembled
	line     int    // number of the last line returned, 1-based
	err      error  // sticky; io.EOF at the end of the input
	progress func(int64)
	base     int64 // bytes read before this input (for cumulative progress)
	tick     int64 // next count at which to call progress
}

// scanBufSize is the size of the scanner's read buffer; lines longer than
// it are assembled in a separate slice.
const scanBufSize = 64 << 10

func newLineScanner(r io.Reader, opts *LoadOptions) *lineScanner {
	cr := &byteCounter{r: r}
	return &lineScanner{
		br:       bufio.NewReaderSize(cr, scanBufSize),
		cr:       cr,
		max:      opts.maxLine(),
		progress: opts.Progress,
		tick:     progressEvery,
	}
}

// next returns the next line, without its "\n" or "\r\n" and, on the first
// line, without a UTF-8 byte order mark. The bytes stay valid until the
// next call, and the caller may modify them. tooLong is true (and line
// nil) for a line longer than the limit, whose bytes are discarded. ok is
// false at the end of the input or on a read error; see failed.
func (s *lineScanner) next() (line []byte, tooLong, ok bool) {
	if s.err != nil {
		return nil, false, false
	}
	s.long = s.long[:0]
	total := 0
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
			return nil, false, false
		}
		if err == io.EOF {
			s.err = io.EOF
			if total == 0 {
				s.tickProgress()
				return nil, false, false
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
	s.line++
	s.tickProgress()
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if s.line == 1 {
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	if tooLong || len(line) > s.max {
		return nil, true, true
	}
	return line, false, true
}

func (s *lineScanner) tickProgress() {
	if s.progress != nil && s.cr.n >= s.tick {
		s.progress(s.base + s.cr.n)
		s.tick = s.cr.n + progressEvery
	}
}

// finish reports the final progress and returns the read error that
// stopped the scanner, if any, as a *ParseError.
func (s *lineScanner) finish(src string) error {
	if s.err != nil && s.err != io.EOF {
		return &ParseError{Source: src, Line: s.line + 1, Err: fmt.Errorf("read: %w", s.err)}
	}
	if s.progress != nil {
		s.progress(s.base + s.cr.n)
	}
	return nil
}

// tooLongError describes an over-long line.
func (s *lineScanner) tooLongError() error {
	return fmt.Errorf("%w (more than %d bytes)", ErrLineTooLong, s.max)
}

// isBlankOrComment reports whether a line is blank (white space only) or
// a comment: '#' first, after spaces but not TABs, which separate
// columns.
func isBlankOrComment(line []byte) bool {
	if isBlank(line) {
		return true
	}
	t := bytes.TrimLeft(line, " ")
	return len(t) > 0 && t[0] == '#'
}

// isBlank reports whether a line holds only white space.
func isBlank(line []byte) bool {
	return len(bytes.TrimSpace(line)) == 0
}

// checkUTF8 returns an ErrInvalidUTF8 error giving the byte offset (1-based
// column) of the first invalid byte, or nil.
func checkUTF8(line []byte) error {
	if utf8.Valid(line) {
		return nil
	}
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && n == 1 {
			return fmt.Errorf("%w at byte %d", ErrInvalidUTF8, i+1)
		}
		i += n
	}
	return ErrInvalidUTF8
}
