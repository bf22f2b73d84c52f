package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The entity types a corpus names; MISC is read so that it can be trained
// and reported apart.
const (
	PER  = "PER"
	LOC  = "LOC"
	ORG  = "ORG"
	MISC = "MISC"
)

// ParseType returns the type a tag or span names, in its canonical form:
// PER (also written PERS, as ANERcorp does), LOC, ORG or MISC, in any
// case; false for anything else.
func ParseType(s string) (string, bool) {
	switch strings.ToUpper(s) {
	case "PER", "PERS":
		return PER, true
	case "LOC":
		return LOC, true
	case "ORG":
		return ORG, true
	case "MISC":
		return MISC, true
	}
	return "", false
}

// Tag is one BIO tag: O (Type "") or B-/I- and a type.
type Tag struct {
	// Begin is true for B- tags.
	Begin bool
	// Type is PER, LOC, ORG or MISC; empty for O.
	Type string
}

// String returns the tag as written in BIO files: "O", "B-PER", "I-LOC"….
func (t Tag) String() string {
	switch {
	case t.Type == "":
		return "O"
	case t.Begin:
		return "B-" + t.Type
	}
	return "I-" + t.Type
}

// ParseTag parses a tag, case-insensitively: O, or B-/I- followed by a
// type [ParseType] accepts.
func ParseTag(s string) (Tag, bool) {
	if strings.EqualFold(s, "O") {
		return Tag{}, true
	}
	if len(s) < 3 || s[1] != '-' {
		return Tag{}, false
	}
	begin := s[0] == 'B' || s[0] == 'b'
	if !begin && s[0] != 'I' && s[0] != 'i' {
		return Tag{}, false
	}
	typ, ok := ParseType(s[2:])
	if !ok {
		return Tag{}, false
	}
	return Tag{Begin: begin, Type: typ}, true
}

// Sentence is one sentence of a CoNLL file.
type Sentence struct {
	Tokens []string
	Tags   []Tag
	// Lines holds the 1-based line number of each token in the file.
	Lines []int
	// DocStart is true for the first sentence after a -DOCSTART- line.
	DocStart bool
}

// TokenSpan is a name in a sentence: tokens [Start, End) of one type.
type TokenSpan struct {
	Start, End int
	Type       string
}

// Spans returns the names of the sentence's tags, in order. A B- tag
// starts a name; an I- tag continues the name before it when it has the
// same type, and otherwise (after O, or after another type) starts one,
// so that IOB1 and BIO files give the same names.
func (s Sentence) Spans() []TokenSpan {
	var out []TokenSpan
	open := -1 // index in out of the name the previous token belongs to
	for i, t := range s.Tags {
		switch {
		case t.Type == "":
			open = -1
		case !t.Begin && open >= 0 && out[open].Type == t.Type:
			out[open].End = i + 1
		default:
			out = append(out, TokenSpan{Start: i, End: i + 1, Type: t.Type})
			open = len(out) - 1
		}
	}
	return out
}

// CoNLL is a CoNLL file: its sentences in file order.
type CoNLL struct {
	Name      string
	Sentences []Sentence
	Tokens    int
}

// LineError is a malformed line of a file.
type LineError struct {
	File string
	Line int // 1-based
	Msg  string
}

// Error returns "file:line: message".
func (e LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// MalformedError is returned by [ReadCoNLL] when it met malformed lines
// and was not lenient. Lines lists the first [MaxListed] of them.
type MalformedError struct {
	Lines []LineError
	Count int
}

// MaxListed bounds how many malformed lines a MalformedError lists.
const MaxListed = 20

func (e *MalformedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "corpus: %d malformed line", e.Count)
	if e.Count != 1 {
		b.WriteByte('s')
	}
	for _, l := range e.Lines {
		b.WriteString("\n  ")
		b.WriteString(l.Error())
	}
	if e.Count > len(e.Lines) {
		fmt.Fprintf(&b, "\n  … and %d more", e.Count-len(e.Lines))
	}
	return b.String()
}

// MaxLineBytes is the longest line the readers accept.
const MaxLineBytes = 1 << 20

// ReadCoNLL reads a CoNLL file (see the package overview). name names
// the input in errors. The reader accepts a UTF-8 byte-order mark, CRLF
// line endings and white space around the columns. With more than two
// columns the first is the token and the last the tag (CoNLL-2003's token
// POS chunk tag); when a line holds a TAB, only TABs separate columns, so
// a token may hold spaces.
//
// A malformed line — a single column, an unknown tag, invalid UTF-8, more
// than MaxLineBytes — makes ReadCoNLL return a *[MalformedError] listing
// them; when lenient is true such lines are skipped and returned as
// warnings instead. Read errors are returned wrapped, with the line.
func ReadCoNLL(r io.Reader, name string, lenient bool) (*CoNLL, []LineError, error) {
	c := &CoNLL{Name: name}
	var cur Sentence
	docStart := false
	flush := func() {
		if len(cur.Tokens) > 0 {
			cur.DocStart = docStart
			docStart = false
			c.Sentences = append(c.Sentences, cur)
			c.Tokens += len(cur.Tokens)
		}
		cur = Sentence{}
	}
	var bad []LineError
	count := 0
	report := func(line int, msg string) {
		count++
		if len(bad) < MaxListed {
			bad = append(bad, LineError{File: name, Line: line, Msg: msg})
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err == io.EOF {
			break
		}
		if errors.Is(err, errLineTooLong) {
			report(n, fmt.Sprintf("line longer than %d bytes", MaxLineBytes))
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("corpus: %s:%d: %w", name, n, err)
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		tok, tg, msg := parseLine(line)
		switch {
		case msg != "":
			report(n, msg)
		case tok == "":
			flush()
		case tok == "-DOCSTART-":
			flush()
			docStart = true
		default:
			cur.Tokens = append(cur.Tokens, tok)
			cur.Tags = append(cur.Tags, tg)
			cur.Lines = append(cur.Lines, n)
		}
	}
	flush()
	if count > 0 && !lenient {
		return nil, nil, &MalformedError{Lines: bad, Count: count}
	}
	return c, bad, nil
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its line ending, io.EOF at the
// end, or errLineTooLong after skipping a line longer than MaxLineBytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			buf = append(buf, chunk...)
			if len(buf) > MaxLineBytes+2 {
				tooLong, buf = true, nil
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(buf) == 0 && !tooLong:
			return nil, io.EOF
		case err != nil && err != io.EOF:
			return nil, err
		}
		if tooLong {
			return nil, errLineTooLong
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if len(buf) > MaxLineBytes {
			return nil, errLineTooLong
		}
		return buf, nil
	}
}

// parseLine splits a line into its token and tag. It returns an empty
// token for a blank line and a message for a malformed one.
func parseLine(line []byte) (token string, t Tag, msg string) {
	if !utf8.Valid(line) {
		return "", Tag{}, fmt.Sprintf("invalid UTF-8 in %q", line)
	}
	// Trim only the right: with TABs, an empty first column is an empty
	// token, not a line with one column.
	s := strings.TrimRightFunc(string(line), unicode.IsSpace)
	if strings.TrimSpace(s) == "" {
		return "", Tag{}, ""
	}
	var cols []string
	if strings.Contains(s, "\t") {
		cols = strings.Split(s, "\t")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
	} else {
		cols = strings.Fields(s)
	}
	if len(cols) < 2 {
		if cols[0] == "-DOCSTART-" {
			return cols[0], Tag{}, ""
		}
		return "", Tag{}, fmt.Sprintf("one column %q: want token<TAB>tag or token tag", abbreviate(s))
	}
	token, tagText := cols[0], cols[len(cols)-1]
	if token == "" {
		return "", Tag{}, fmt.Sprintf("empty token before tag %q", abbreviate(tagText))
	}
	if token == "-DOCSTART-" {
		return token, Tag{}, ""
	}
	t, ok := ParseTag(tagText)
	if !ok {
		return "", Tag{}, fmt.Sprintf("unknown tag %q (want O, B-X or I-X with X one of PER, PERS, LOC, ORG, MISC)", abbreviate(tagText))
	}
	return token, t, ""
}

// abbreviate shortens s for a message.
func abbreviate(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}
