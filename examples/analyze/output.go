package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
	"github.com/khabar-nlp/khabar/tokenize"
)

// document is the JSON object analyze prints for one article: the
// jsonl.Document (the khabar.Analysis with where it came from) and, on
// request, tokens. Field names are a contract other tools rely on: extend,
// never rename.
type document struct {
	jsonl.Document
	Tokens []token `json:"tokens,omitempty"`
}

// unicodeDocument is a document whose sentences carry rune and UTF-16
// offsets (-unicode-offsets); its Sentences hide the Analysis's.
type unicodeDocument struct {
	document
	Sentences []sentence `json:"sentences"`
}

type sentence struct {
	khabar.Sentence
	*unicodeSpan
}

type token struct {
	Text string `json:"text"`
	Norm string `json:"norm"`
	Kind string `json:"kind"`
	// Start and End are byte offsets into the analysed text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Sentence indexes the document's sentences; -1 for a token outside
	// them (boilerplate, left out of analysis).
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

// newDocument wraps a for output, adding tokens and offsets as asked.
func newDocument(a *khabar.Analysis, j job, cfg config) (*document, []sentence) {
	var art *jsonl.Article
	if !j.plain {
		art = &j.art
	}
	doc := &document{Document: jsonl.NewDocument(a, j.loc, art)}
	var offs *tokenize.Offsets
	if cfg.unicodeOffsets {
		offs = tokenize.NewOffsets(a.Text)
	}
	span := func(start, end int) *unicodeSpan {
		if offs == nil {
			return nil
		}
		return &unicodeSpan{offs.Runes(start), offs.Runes(end), offs.UTF16(start), offs.UTF16(end)}
	}
	var sents []sentence
	if offs != nil {
		sents = make([]sentence, len(a.Sentences))
		for i, s := range a.Sentences {
			sents[i] = sentence{s, span(s.Start, s.End)}
		}
	}
	if cfg.tokens {
		toks := tokenize.Tokenize(a.Text)
		doc.Tokens = make([]token, 0, len(toks))
		si := 0
		for _, t := range toks {
			for si < len(a.Sentences) && a.Sentences[si].End <= t.Start {
				si++
			}
			sent := -1
			if si < len(a.Sentences) && a.Sentences[si].Start <= t.Start {
				sent = si
			}
			out := token{Text: t.Text, Norm: t.Norm, Kind: t.Kind.String(), Start: t.Start, End: t.End, Sentence: sent, unicodeSpan: span(t.Start, t.End)}
			for _, p := range t.Parts {
				out.Parts = append(out.Parts, p.Text)
			}
			doc.Tokens = append(doc.Tokens, out)
		}
	}
	return doc, sents
}

// render writes one analysis in the chosen format.
func (b *batch) render(a *khabar.Analysis, j job) ([]byte, error) {
	var buf bytes.Buffer
	if b.cfg.format == "ninjs" {
		err := jsonl.Encode(&buf, newNinjs(a, j, b.analyzer.gazetteer, b.cfg.names), false)
		return buf.Bytes(), err
	}
	doc, sents := newDocument(a, j, b.cfg)
	var v any = doc
	if sents != nil {
		v = &unicodeDocument{document: *doc, Sentences: sents}
	}
	var err error
	switch b.cfg.format {
	case "json":
		err = jsonl.Encode(&buf, v, true)
	case "jsonl":
		err = jsonl.Encode(&buf, v, false)
	default:
		writeText(&buf, doc, sents)
	}
	return buf.Bytes(), err
}

// writeText writes the readable summary of one article.
func writeText(w *bytes.Buffer, doc *document, sents []sentence) {
	a := doc.Analysis
	name := jsonl.Location{File: doc.File, Line: doc.Line}.String()
	fmt.Fprintf(w, "%s: %d sentences, %d bytes, %d entities\n", name, a.SentenceCount, len(a.Text), len(a.Entities))
	if a.ID != "" {
		fmt.Fprintf(w, "  id:       %s\n", a.ID)
	}
	fmt.Fprintf(w, "  title:    %s\n", a.Title)
	fmt.Fprintf(w, "  language: %s\n", a.Language)
	if len(a.Topics) > 0 {
		var parts []string
		for _, t := range a.Topics {
			label := t.Label
			if t.LabelAR != "" {
				label += " " + t.LabelAR
			}
			if t.ID != t.Label {
				label += " (" + t.ID + ")"
			}
			parts = append(parts, fmt.Sprintf("%s %.2f", label, t.Score))
		}
		fmt.Fprintf(w, "  topics:   %s\n", strings.Join(parts, " · "))
	}
	if len(a.Keywords) > 0 {
		var parts []string
		for _, k := range a.Keywords {
			parts = append(parts, fmt.Sprintf("%s %.2f ×%d %d:%d", k.Term, k.Score, k.Count, k.Start, k.End))
		}
		fmt.Fprintf(w, "  keywords: %s\n", strings.Join(parts, " · "))
	}
	for _, e := range a.Entities {
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
	for _, warning := range a.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", warning)
	}
	if doc.Tokens != nil {
		next := 0
		writeTokens := func(sentence int) {
			for next < len(doc.Tokens) && doc.Tokens[next].Sentence == sentence {
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
		boilerplate := func() {
			if next < len(doc.Tokens) && doc.Tokens[next].Sentence == -1 {
				fmt.Fprintln(w, "\n[boilerplate]")
				writeTokens(-1)
			}
		}
		for i, s := range a.Sentences {
			boilerplate()
			unicode := ""
			if sents != nil {
				u := sents[i].unicodeSpan
				unicode = fmt.Sprintf(" (runes %d:%d, UTF-16 %d:%d)", u.RuneStart, u.RuneEnd, u.UTF16Start, u.UTF16End)
			}
			fmt.Fprintf(w, "\n[%d] ¶%d %d:%d%s  %s\n", i+1, s.Paragraph+1, s.Start, s.End, unicode, a.Text[s.Start:s.End])
			writeTokens(i)
		}
		boilerplate()
	} else if sents != nil {
		for i, s := range a.Sentences {
			u := sents[i].unicodeSpan
			fmt.Fprintf(w, "  [%d] %d:%d (runes %d:%d, UTF-16 %d:%d)\n", i+1, s.Start, s.End, u.RuneStart, u.RuneEnd, u.UTF16Start, u.UTF16End)
		}
	}
	fmt.Fprintln(w)
}
