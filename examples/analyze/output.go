package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/tokenize"
)

type options struct {
	tokens         bool
	unicodeOffsets bool
}

// document is the JSON object analyze prints. Field names are a contract
// other tools rely on: extend, never rename.
type document struct {
	Entities  []entities.Entity `json:"entities"`
	Sentences []sentence        `json:"sentences"`
	Tokens    []token           `json:"tokens,omitempty"`
	Warnings  []string          `json:"warnings,omitempty"`

	text string
}

type sentence struct {
	Start     int `json:"start"`
	End       int `json:"end"`
	Paragraph int `json:"paragraph"`
	*unicodeSpan
}

type token struct {
	Text     string   `json:"text"`
	Norm     string   `json:"norm"`
	Kind     string   `json:"kind"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Sentence int      `json:"sentence"`
	Parts    []string `json:"parts,omitempty"`
	*unicodeSpan
}

// unicodeSpan holds rune and UTF-16 offsets for -unicode-offsets.
type unicodeSpan struct {
	RuneStart  int `json:"rune_start"`
	RuneEnd    int `json:"rune_end"`
	UTF16Start int `json:"utf16_start"`
	UTF16End   int `json:"utf16_end"`
}

func analyze(text string, ex *entities.Extractor, opt options) *document {
	toks := tokenize.Tokenize(text)
	doc := &document{text: text, Sentences: []sentence{}, Entities: ex.ExtractTokens(text, toks).Entities}
	if doc.Entities == nil {
		doc.Entities = []entities.Entity{}
	}
	var offs *tokenize.Offsets
	span := func(start, end int) *unicodeSpan {
		if offs == nil {
			return nil
		}
		return &unicodeSpan{offs.Runes(start), offs.Runes(end), offs.UTF16(start), offs.UTF16(end)}
	}
	if opt.unicodeOffsets {
		offs = tokenize.NewOffsets(text)
	}
	for _, s := range tokenize.Sentences(toks) {
		doc.Sentences = append(doc.Sentences, sentence{Start: s.Start, End: s.End, Paragraph: s.Paragraph, unicodeSpan: span(s.Start, s.End)})
	}
	if opt.tokens {
		doc.Tokens = make([]token, 0, len(toks))
		for _, t := range toks {
			out := token{Text: t.Text, Norm: t.Norm, Kind: t.Kind.String(), Start: t.Start, End: t.End, Sentence: t.Sentence, unicodeSpan: span(t.Start, t.End)}
			for _, p := range t.Parts {
				out.Parts = append(out.Parts, p.Text)
			}
			doc.Tokens = append(doc.Tokens, out)
		}
	}
	if !utf8.ValidString(text) {
		n := 0
		for _, t := range toks {
			if t.Kind == tokenize.Invalid {
				n += t.Len()
			}
		}
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("input has %d bytes of invalid UTF-8; they are kept as tokens of kind \"invalid\" and offsets still count them (JSON strings show them as U+FFFD)", n))
	}
	return doc
}

func writeJSON(w io.Writer, doc *document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func writeText(w io.Writer, name string, doc *document) error {
	fmt.Fprintf(w, "%s: %d sentences, %d bytes, %d entities\n", name, len(doc.Sentences), len(doc.text), len(doc.Entities))
	for _, e := range doc.Entities {
		en := ""
		if e.NameEN != "" {
			en = " (" + e.NameEN + ")"
		}
		var spots []string
		for _, m := range e.Mentions {
			spot := fmt.Sprintf("%d:%d %s", m.Start, m.End, m.Kind)
			if m.Text != e.Name {
				spot += " «" + m.Text + "»"
			}
			spots = append(spots, spot)
		}
		fmt.Fprintf(w, "  %s %-26s %s%s ×%d salience %.2f  [%s]\n", e.Type, e.ID, e.Name, en, e.Count, e.Salience, strings.Join(spots, ", "))
	}
	next := 0
	for i, s := range doc.Sentences {
		fmt.Fprintf(w, "\n[%d] ¶%d %d:%d  %s\n", i+1, s.Paragraph+1, s.Start, s.End, doc.text[s.Start:s.End])
		for next < len(doc.Tokens) && doc.Tokens[next].Sentence == i {
			t := doc.Tokens[next]
			line := fmt.Sprintf("    %5d:%-5d %-8s %s", t.Start, t.End, t.Kind, t.Text)
			if t.Norm != t.Text {
				line += "  → " + t.Norm
			}
			if len(t.Parts) > 0 {
				line += fmt.Sprintf("  %q", t.Parts)
			}
			fmt.Fprintln(w, line)
			next++
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}
