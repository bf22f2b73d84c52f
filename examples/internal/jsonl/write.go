package jsonl

import (
	"encoding/json"
	"io"

	"github.com/khabar-nlp/khabar"
)

// Document is the JSON object of one analysed article, as analyze prints
// it (-format json and jsonl) and archive analyze writes it: the
// khabar.Analysis with where the article came from. Field names are a
// contract other tools rely on: extend, never rename.
type Document struct {
	// File is the input the article came from ("-": standard input).
	File string `json:"file"`
	// Line is the article's 1-based line in a JSONL input.
	Line int `json:"line,omitempty"`
	*khabar.Analysis
	// BodyStart is the byte offset where a JSONL article's text begins in
	// the analysed text, when its title was put before it.
	BodyStart int `json:"body_start,omitempty"`
	// Meta holds a JSONL article's other fields, verbatim.
	Meta map[string]json.RawMessage `json:"meta,omitempty"`
}

// NewDocument returns the Document of a, the analysis of the article at
// loc: art is the JSONL article analysed, or nil for a plain-text one.
func NewDocument(a *khabar.Analysis, loc Location, art *Article) Document {
	d := Document{File: loc.File, Line: loc.Line, Analysis: a}
	if art != nil {
		d.Meta = art.Meta
		if a.Text != art.Body {
			d.BodyStart = len(a.Text) - len(art.Body)
		}
	}
	return d
}

// Encode writes v as JSON and a line break, indented or on one line,
// leaving <, > and & as they are.
func Encode(w io.Writer, v any, indent bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(v)
}
