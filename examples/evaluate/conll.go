package main

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

// label is the entity type of a gold tag or a span. MISC is read so that
// errors can say a prediction fell on a MISC name, but it is never scored.
type label uint8

const (
	none label = iota
	PER
	LOC
	ORG
	MISC
)

// scored lists the types that are scored, in report order.
var scored = [...]label{PER, LOC, ORG}

func (l label) String() string {
	switch l {
	case PER:
		return "PER"
	case LOC:
		return "LOC"
	case ORG:
		return "ORG"
	case MISC:
		return "MISC"
	}
	return "O"
}

// tag is one BIO tag: O, or B- or I- and a type.
type tag struct {
	begin bool  // B- (false for I- and O)
	typ   label // none for O
}

// parseTag parses a BIO tag, case-insensitively: O, or B-/I- followed by
// PER, PERS, LOC, ORG or MISC.
func parseTag(s string) (tag, bool) {
	u := strings.ToUpper(s)
	if u == "O" {
		return tag{}, true
	}
	if len(u) < 3 || u[1] != '-' || (u[0] != 'B' && u[0] != 'I') {
		return tag{}, false
	}
	var t label
	switch u[2:] {
	case "PER", "PERS":
		t = PER
	case "LOC":
		t = LOC
	case "ORG":
		t = ORG
	case "MISC":
		t = MISC
	default:
		return tag{}, false
	}
	return tag{begin: u[0] == 'B', typ: t}, true
}

// sentence is one sentence of a gold file.
type sentence struct {
	Tokens []string
	Tags   []tag
	// Lines holds the 1-based line number of each token in the gold file.
	Lines []int
}

// corpus is a gold file: its sentences in file order.
type corpus struct {
	Name      string
	Sentences []sentence
	Tokens    int
}

// lineError is a malformed line of a gold file.
type lineError struct {
	File string
	Line int // 1-based
	Msg  string
}

func (e lineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// malformedError is returned by readCoNLL when malformed lines were found
// and the reader is not lenient. Lines lists the first maxListed of them.
type malformedError struct {
	Lines []lineError
	Count int
}

// maxListed bounds how many malformed lines a malformedError lists.
const maxListed = 20

func (e *malformedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d malformed line", e.Count)
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

// maxLineBytes is the longest line readCoNLL accepts.
const maxLineBytes = 1 << 20

// readCoNLL reads a gold file: one token and its tag per line, separated
// by a TAB or by spaces, a blank line between sentences.
//
// The reader accepts a UTF-8 byte-order mark, CRLF line endings and white
// space around the columns. With more than two columns the first is the
// token and the last the tag (as in CoNLL-2003's token POS chunk tag);
// when a line holds a TAB, only TABs separate columns, so a token may hold
// spaces. A line whose token is -DOCSTART- ends the sentence and is
// otherwise ignored. Tags are O, B-X or I-X with X one of PER, PERS, LOC,
// ORG, MISC, in any case.
//
// A malformed line — a single column, an unknown tag, invalid UTF-8, more
// than maxLineBytes — is an error naming file:line. When lenient is true
// it is skipped instead and reported in the returned warnings. Either way
// it is never dropped silently.
func readCoNLL(r io.Reader, name string, lenient bool) (*corpus, []lineError, error) {
	c := &corpus{Name: name}
	var cur sentence
	flush := func() {
		if len(cur.Tokens) > 0 {
			c.Sentences = append(c.Sentences, cur)
			c.Tokens += len(cur.Tokens)
		}
		cur = sentence{}
	}
	var bad []lineError
	count := 0
	report := func(line int, msg string) {
		count++
		if len(bad) < maxListed {
			bad = append(bad, lineError{File: name, Line: line, Msg: msg})
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err == io.EOF {
			break
		}
		if errors.Is(err, errLineTooLong) {
			report(n, fmt.Sprintf("line longer than %d bytes", maxLineBytes))
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", name, n, err)
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
		default:
			cur.Tokens = append(cur.Tokens, tok)
			cur.Tags = append(cur.Tags, tg)
			cur.Lines = append(cur.Lines, n)
		}
	}
	flush()
	if count > 0 && !lenient {
		return nil, nil, &malformedError{Lines: bad, Count: count}
	}
	return c, bad, nil
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its line ending, io.EOF at the
// end, or errLineTooLong after skipping a line longer than maxLineBytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			buf = append(buf, chunk...)
			if len(buf) > maxLineBytes+2 {
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
		if len(buf) > maxLineBytes {
			return nil, errLineTooLong
		}
		return buf, nil
	}
}

// parseLine splits a line into its token and tag. It returns an empty
// token for a blank line and a message for a malformed one.
func parseLine(line []byte) (token string, t tag, msg string) {
	if !utf8.Valid(line) {
		return "", tag{}, fmt.Sprintf("invalid UTF-8 in %q", line)
	}
	// Trim only the right: with TABs, an empty first column is an empty
	// token, not a line with one column.
	s := strings.TrimRightFunc(string(line), unicode.IsSpace)
	if strings.TrimSpace(s) == "" {
		return "", tag{}, ""
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
			return cols[0], tag{}, ""
		}
		return "", tag{}, fmt.Sprintf("one column %q: want token<TAB>tag or token tag", abbreviate(s))
	}
	token, tagText := cols[0], cols[len(cols)-1]
	if token == "" {
		return "", tag{}, fmt.Sprintf("empty token before tag %q", abbreviate(tagText))
	}
	t, ok := parseTag(tagText)
	if !ok {
		return "", tag{}, fmt.Sprintf("unknown tag %q (want O, B-X or I-X with X one of PER, PERS, LOC, ORG, MISC)", abbreviate(tagText))
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

// span is a run of tokens of one type: tokens [Start, End) of a sentence or
// of a document.
type span struct {
	Start, End int
	Type       label
}

// bioSpans returns the spans of a sentence's tags, in order. A B- tag
// starts a span; an I- tag continues the span before it when it has the
// same type, and otherwise (after O, or after another type) starts one.
func bioSpans(tags []tag) []span {
	var out []span
	open := -1 // index in out of the span the previous token belongs to
	for i, t := range tags {
		switch {
		case t.typ == none:
			open = -1
		case !t.begin && open >= 0 && out[open].Type == t.typ:
			out[open].End = i + 1
		default:
			out = append(out, span{Start: i, End: i + 1, Type: t.typ})
			open = len(out) - 1
		}
	}
	return out
}
