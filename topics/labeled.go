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

	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// LabeledDoc is one article with its label, as read from a JSONL line
// {"id","category","title","text"[,"source"]} (other fields are ignored).
type LabeledDoc struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	// Source names the feed or publication the article came from, when
	// the line has one ("source"). Nothing in this package reads it; a
	// caller may turn it into Extra terms (see examples/evaluate).
	Source string `json:"source,omitempty"`
	// Extra holds terms added to the document as given, neither stemmed
	// nor filtered, as [Document.Extra] does for [Classifier.Score]:
	// entity IDs ("loc:country:IQ"), country codes, regions, tags. It is
	// never read from or written to JSON; the caller fills it, for
	// training and for scoring alike (see [LabeledDoc.Terms]).
	Extra []string `json:"-"`
}

// Terms returns the terms a classifier sees for d: the [tfidf.Terms] of
// [LabeledDoc.Content] with titleWeight and opts (opts.Extra included),
// then one term of kind [tfidf.Extra] for each non-empty string of
// d.Extra, in order. It allocates the slice.
func (d LabeledDoc) Terms(titleWeight int, opts tfidf.TermOptions) []tfidf.Term {
	return tfidf.AppendExtra(tfidf.Terms(d.Content(titleWeight), opts), d.Extra)
}

// Document returns d as a [Model] sees it: its title, text and extra
// terms.
func (d LabeledDoc) Document() Document {
	return Document{Title: d.Title, Text: d.Text, Extra: d.Extra}
}

// NewSpaceLabeled is [tfidf.NewSpaceTerms] for labelled documents: it
// learns the vocabulary (with vopts) and the inverse document frequencies
// (with wopts) from [LabeledDoc.Terms] of each document with titleWeight
// and terms, so that the documents' Extra terms are in the vocabulary of
// the space a classifier is trained in; the space turns texts into terms
// with terms. Errors are those of [tfidf.NewVectorizerTerms], and an error
// if titleWeight < 0.
func NewSpaceLabeled(docs []LabeledDoc, titleWeight int, terms tfidf.TermOptions, vopts []tfidf.VectorizerOption, wopts ...tfidf.WeightOption) (*tfidf.Space, error) {
	if titleWeight < 0 {
		return nil, fmt.Errorf("topics: title weight %d, want 0 or more", titleWeight)
	}
	dt := make([][]tfidf.Term, len(docs))
	for i, d := range docs {
		dt[i] = d.Terms(titleWeight, terms)
	}
	return tfidf.NewSpaceTerms(dt, append([]tfidf.VectorizerOption{tfidf.WithTermOptions(terms)}, vopts...), wopts...)
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
