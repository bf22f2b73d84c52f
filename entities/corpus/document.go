package corpus

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Span is a name in a text: bytes [Start, End) of a type (PER, LOC, ORG
// or MISC).
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Document is an annotated text.
type Document struct {
	// ID is the document's id, when the input gives one.
	ID string
	// Text is the text.
	Text string
	// Spans are its names, in text order, not overlapping.
	Spans []Span
	// Source names where the document was read ("file:line").
	Source string
}

// Joined is the text of CoNLL sentences rebuilt by [Join].
type Joined struct {
	Document
	// Start and End hold each token's byte offsets in Text; tokens are
	// numbered across all the sentences, from 0.
	Start, End []int
	// First holds each sentence's first token.
	First []int
}

// Join rebuilds the text of sentences: tokens joined by one space,
// sentences by a newline, the names of their tags as byte spans.
func Join(sents []Sentence) *Joined {
	j := &Joined{}
	n, size := 0, 0
	for _, s := range sents {
		n += len(s.Tokens)
		for _, t := range s.Tokens {
			size += len(t) + 1
		}
	}
	j.Start, j.End = make([]int, 0, n), make([]int, 0, n)
	j.First = make([]int, 0, len(sents))
	var b strings.Builder
	b.Grow(size)
	for si, s := range sents {
		if si > 0 {
			b.WriteByte('\n')
		}
		first := len(j.Start)
		j.First = append(j.First, first)
		for ti, t := range s.Tokens {
			if ti > 0 {
				b.WriteByte(' ')
			}
			j.Start = append(j.Start, b.Len())
			b.WriteString(t)
			j.End = append(j.End, b.Len())
		}
		for _, sp := range s.Spans() {
			j.Spans = append(j.Spans, Span{Start: j.Start[first+sp.Start], End: j.End[first+sp.End-1], Type: sp.Type})
		}
	}
	j.Text = b.String()
	return j
}

// Documents groups sentences into documents: at every -DOCSTART- when
// the file has them, otherwise every sentence on its own when perDoc is
// 1, or perDoc sentences at a time.
func Documents(c *CoNLL, perDoc int) []Document {
	var out []Document
	add := func(sents []Sentence) {
		if len(sents) == 0 {
			return
		}
		d := Join(sents).Document
		d.Source = fmt.Sprintf("%s:%d", c.Name, sents[0].Lines[0])
		out = append(out, d)
	}
	hasDocs := slices.ContainsFunc(c.Sentences, func(s Sentence) bool { return s.DocStart })
	start := 0
	for i, s := range c.Sentences {
		if hasDocs && s.DocStart || !hasDocs && perDoc > 0 && i-start >= perDoc {
			add(c.Sentences[start:i])
			start = i
		}
	}
	add(c.Sentences[start:])
	return out
}

// Errors of ReadSpans, testable with errors.Is.
var (
	// ErrBadSpan: a span lies outside its text, inside a character,
	// overlaps another, or has an unknown type.
	ErrBadSpan = errors.New("corpus: bad span")
	// ErrBadJSON: a line is not a JSON object of the expected shape.
	ErrBadJSON = errors.New("corpus: invalid JSON")
)

// ReadSpans reads JSONL documents with byte spans (see the package
// overview). Blank lines are skipped. The first malformed line stops
// reading with an error naming name:line.
func ReadSpans(r io.Reader, name string) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	var out []Document
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if n == 1 {
			line = []byte(strings.TrimPrefix(string(line), "\uFEFF"))
		}
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		d, err := parseSpans(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		d.Source = fmt.Sprintf("%s:%d", name, n)
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: line longer than %d bytes", name, len(out)+1, MaxLineBytes)
		}
		return nil, fmt.Errorf("corpus: reading %s: %w", name, err)
	}
	return out, nil
}

func parseSpans(line []byte) (Document, error) {
	var rec struct {
		ID       json.RawMessage `json:"id"`
		Text     *string         `json:"text"`
		Entities []Span          `json:"entities"`
	}
	if err := json.Unmarshal(line, &rec); err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrBadJSON, err)
	}
	if rec.Text == nil {
		return Document{}, fmt.Errorf("%w: no \"text\" field", ErrBadJSON)
	}
	d := Document{Text: *rec.Text}
	if len(rec.ID) > 0 && string(rec.ID) != "null" {
		var s string
		if json.Unmarshal(rec.ID, &s) == nil {
			d.ID = s
		} else {
			d.ID = string(rec.ID)
		}
	}
	spans := slices.Clone(rec.Entities)
	slices.SortStableFunc(spans, func(a, b Span) int { return cmp.Compare(a.Start, b.Start) })
	for i := range spans {
		s := &spans[i]
		typ, ok := ParseType(s.Type)
		if !ok {
			return Document{}, fmt.Errorf("%w: type %q (want PER, LOC, ORG or MISC)", ErrBadSpan, s.Type)
		}
		s.Type = typ
		if s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End {
			return Document{}, fmt.Errorf("%w: [%d, %d) outside a text of %d bytes or empty", ErrBadSpan, s.Start, s.End, len(d.Text))
		}
		if !boundary(d.Text, s.Start) || !boundary(d.Text, s.End) {
			return Document{}, fmt.Errorf("%w: [%d, %d) cuts a character", ErrBadSpan, s.Start, s.End)
		}
		if i > 0 && s.Start < spans[i-1].End {
			return Document{}, fmt.Errorf("%w: [%d, %d) overlaps [%d, %d)", ErrBadSpan, s.Start, s.End, spans[i-1].Start, spans[i-1].End)
		}
	}
	d.Spans = spans
	return d, nil
}

// boundary reports whether byte offset i of s starts a character (or is
// the end).
func boundary(s string, i int) bool {
	return i == len(s) || i == 0 || utf8.RuneStart(s[i])
}
