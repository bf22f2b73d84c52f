package topics

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// LabeledDoc is one article with its label, as read from a JSONL line
// {"id","category","title","text"} (other fields are ignored).
type LabeledDoc struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Title    string `json:"title"`
	Text     string `json:"text"`
}

// Content returns the text a classifier sees for d: the title repeated
// titleWeight times (0 or less leaves it out), then the body, separated by
// newlines. Repeating the title makes its terms count titleWeight times as
// much as the same terms in the body.
func (d LabeledDoc) Content(titleWeight int) string {
	var b strings.Builder
	for range titleWeight {
		if d.Title == "" {
			break
		}
		b.WriteString(d.Title)
		b.WriteByte('\n')
	}
	b.WriteString(d.Text)
	return b.String()
}

// MaxJSONLLine is the longest line [ReadLabeledJSONL] accepts (16 MiB).
const MaxJSONLLine = 16 << 20

// ErrJSONL is wrapped by every error of [ReadLabeledJSONL] about the
// content of its input (not read errors).
var ErrJSONL = errors.New("topics: bad labelled JSONL")

// ReadLabeledJSONL reads one JSON object per line, {"id", "category",
// "title", "text"}; blank lines are skipped and a UTF-8 byte-order mark at
// the start is accepted. A line that is not a JSON object, is invalid
// UTF-8, is longer than [MaxJSONLLine], or has an empty category or an
// empty title and text, is an error naming its 1-based line number and
// wrapping [ErrJSONL]. It does not close r.
func ReadLabeledJSONL(r io.Reader) ([]LabeledDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxJSONLLine)
	var docs []LabeledDoc
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		if !utf8.Valid(b) {
			return nil, fmt.Errorf("%w: line %d: invalid UTF-8", ErrJSONL, line)
		}
		var d LabeledDoc
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrJSONL, line, err)
		}
		switch {
		case strings.TrimSpace(d.Category) == "":
			return nil, fmt.Errorf("%w: line %d: empty or missing \"category\"", ErrJSONL, line)
		case strings.TrimSpace(d.Title) == "" && strings.TrimSpace(d.Text) == "":
			return nil, fmt.Errorf("%w: line %d: no \"title\" or \"text\"", ErrJSONL, line)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%w: line %d: longer than %d bytes", ErrJSONL, line+1, MaxJSONLLine)
		}
		return nil, fmt.Errorf("topics: reading labelled JSONL: %w", err)
	}
	return docs, nil
}
