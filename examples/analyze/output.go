package main

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/article"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// document is the JSON object analyze prints for one article: the
// jsonl.Document (the khabar.Analysis with where it came from) and, on
// request, tokens. Field names are a contract other tools rely on: extend,
// never rename.
type document struct {
	jsonl.Document
	Tokens []token `json:"tokens,omitempty"`
}

// unicodeDocument is a document whose sentences, mentions, keywords and
// structure blocks carry rune and UTF-16 offsets beside their byte
// offsets (-unicode-offsets); its fields hide the Analysis's.
type unicodeDocument struct {
	document
	Sentences []sentence `json:"sentences"`
	Entities  []entity   `json:"entities"`
	Keywords  []keyword  `json:"keywords"`
	Structure []block    `json:"structure,omitempty"`
}

type sentence struct {
	khabar.Sentence
	*unicodeSpan
}

type entity struct {
	entities.Entity
	Mentions []mention `json:"mentions"`
}

type mention struct {
	entities.Mention
	*unicodeSpan
}

type keyword struct {
	tfidf.Keyword
	*unicodeSpan
}

type block struct {
	article.Block
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

// spans gives the rune and UTF-16 offsets of one text's byte spans, or
// nil ones when -unicode-offsets is off.
type spans struct{ offs *tokenize.Offsets }

func newSpans(text string, on bool) spans {
	if !on {
		return spans{}
	}
	return spans{tokenize.NewOffsets(text)}
}

func (s spans) of(start, end int) *unicodeSpan {
	if s.offs == nil {
		return nil
	}
	return &unicodeSpan{s.offs.Runes(start), s.offs.Runes(end), s.offs.UTF16(start), s.offs.UTF16(end)}
}

func (s spans) sentence(x khabar.Sentence) sentence { return sentence{x, s.of(x.Start, x.End)} }

func (s spans) entity(e entities.Entity) entity {
	out := entity{Entity: e, Mentions: make([]mention, len(e.Mentions))}
	for i, m := range e.Mentions {
		out.Mentions[i] = mention{m, s.of(m.Start, m.End)}
	}
	return out
}

func (s spans) keyword(k tfidf.Keyword) keyword { return keyword{k, s.of(k.Start, k.End)} }

func (s spans) block(b article.Block) block { return block{b, s.of(b.Start, b.End)} }

// tokens returns a single-use iterator over the tokens of a.Text, each
// with the index of its sentence in a.Sentences (-1 for boilerplate). It
// reads them one at a time: nothing but the current token is held.
func tokens(a *khabar.Analysis, sp spans) iter.Seq[token] {
	return func(yield func(token) bool) {
		s := tokenize.Default().Scanner(a.Text)
		si := 0
		for s.Next() {
			t := s.Token()
			for si < len(a.Sentences) && a.Sentences[si].End <= t.Start {
				si++
			}
			sent := -1
			if si < len(a.Sentences) && a.Sentences[si].Start <= t.Start {
				sent = si
			}
			out := token{Text: t.Text, Norm: t.Norm, Kind: t.Kind.String(), Start: t.Start, End: t.End, Sentence: sent, unicodeSpan: sp.of(t.Start, t.End)}
			for _, p := range t.Parts {
				out.Parts = append(out.Parts, p.Text)
			}
			if !yield(out) {
				return
			}
		}
	}
}

// emit writes one analysis in the chosen format to w. The parts that grow
// with the article — sentences, structure, entities, tokens — are written
// as they are read or built, never held whole as output, so that the
// memory of writing stays small however long the article.
func (b *batch) emit(w io.Writer, a *khabar.Analysis, j job) error {
	switch b.cfg.format {
	case "ninjs":
		return jsonl.Encode(w, newNinjs(a, j, b.analyzer.gazetteer, b.cfg.names), false)
	case "text":
		return writeText(w, a, j, b.cfg)
	}
	return writeDocument(w, a, j, b.cfg)
}

// render returns what emit writes, for a result rendered ahead of its
// turn.
func (b *batch) render(a *khabar.Analysis, j job) ([]byte, error) {
	var buf bytes.Buffer
	err := b.emit(&buf, a, j)
	return buf.Bytes(), err
}

// writeDocument writes the JSON object of one analysis: indented for
// -format json, one line for jsonl. The object of a text of at most
// renderAhead bytes is built whole and encoded at once, which is fastest;
// a longer one's is streamed, to the same bytes.
func writeDocument(w io.Writer, a *khabar.Analysis, j job, cfg config) error {
	if len(a.Text) <= renderAhead {
		return jsonl.Encode(w, wholeDocument(a, j, cfg), cfg.format == "json")
	}
	return streamDocument(w, a, j, cfg)
}

// wholeDocument returns the JSON object of one analysis with every array
// in memory.
func wholeDocument(a *khabar.Analysis, j job, cfg config) any {
	doc := &document{Document: jsonl.NewDocument(a, jsonl.Location(j.loc), j.jsonlArticle())}
	sp := newSpans(a.Text, cfg.unicodeOffsets)
	if cfg.tokens {
		// About a token every six bytes of news text, as tokenize reserves.
		doc.Tokens = slices.AppendSeq(make([]token, 0, len(a.Text)/6+8), tokens(a, sp))
	}
	if sp.offs == nil {
		return doc
	}
	return &unicodeDocument{
		document:  *doc,
		Sentences: mapAll(a.Sentences, sp.sentence),
		Entities:  mapAll(a.Entities, sp.entity),
		Keywords:  mapAll(a.Keywords, sp.keyword),
		Structure: mapAll(a.Structure, sp.block),
	}
}

// streamDocument writes the JSON object of one analysis as
// wholeDocument's would be encoded, building its long arrays as it writes
// them.
func streamDocument(w io.Writer, a *khabar.Analysis, j job, cfg config) error {
	streams := map[string]iter.Seq[any]{}
	head := *a
	doc := &document{Document: jsonl.NewDocument(&head, jsonl.Location(j.loc), j.jsonlArticle())}
	sp := newSpans(a.Text, cfg.unicodeOffsets)
	if cfg.tokens {
		toks := tokens(a, sp)
		for t := range toks {
			doc.Tokens = []token{t}
			break
		}
		if doc.Tokens != nil {
			streams["tokens"] = anySeq(toks)
		}
	}
	if sp.offs == nil {
		head.Sentences = stream(streams, "sentences", a.Sentences)
		head.Structure = stream(streams, "structure", a.Structure)
		head.Entities = stream(streams, "entities", a.Entities)
		return newObjectWriter(cfg.format == "json").write(w, doc, streams)
	}
	// The unicodeDocument's arrays hide the Analysis's; keywords are few
	// (as many as -keywords asks) and built whole.
	ud := &unicodeDocument{
		document:  *doc,
		Sentences: streamAs(streams, "sentences", a.Sentences, sp.sentence),
		Entities:  streamAs(streams, "entities", a.Entities, sp.entity),
		Keywords:  mapAll(a.Keywords, sp.keyword),
		Structure: streamAs(streams, "structure", a.Structure, sp.block),
	}
	return newObjectWriter(cfg.format == "json").write(w, ud, streams)
}

// stream registers s as a streamed array when it has more than one
// element, and returns its stand-in for the encoded head.
func stream[T any](streams map[string]iter.Seq[any], key string, s []T) []T {
	if len(s) <= 1 {
		return s
	}
	streams[key] = seqOf(s)
	return standIn(s)
}

// streamAs is stream for an array whose elements are those of s, each
// converted by f as it is written. Its stand-in is never nil, so that an
// empty s gives [] (or, under omitempty, no field) as mapAll's would.
func streamAs[T, U any](streams map[string]iter.Seq[any], key string, s []T, f func(T) U) []U {
	if len(s) > 1 {
		streams[key] = func(yield func(any) bool) {
			for _, v := range s {
				if !yield(f(v)) {
					return
				}
			}
		}
	}
	out := make([]U, 0, 1)
	if len(s) > 0 {
		out = append(out, f(s[0]))
	}
	return out
}

// mapAll returns the elements of s, each converted by f; never nil, so
// that an empty s gives [] (or, under omitempty, no field).
func mapAll[T, U any](s []T, f func(T) U) []U {
	out := make([]U, 0, len(s))
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

// anySeq returns seq with its elements as values of type any.
func anySeq[T any](seq iter.Seq[T]) iter.Seq[any] {
	return func(yield func(any) bool) {
		for v := range seq {
			if !yield(v) {
				return
			}
		}
	}
}

// jsonlArticle returns the JSONL article of j, nil for a plain-text one.
func (j *job) jsonlArticle() *jsonl.Article {
	if j.plain {
		return nil
	}
	return &j.art
}

// writeText writes the readable summary of one article. Every string that
// comes from the input (file name, title, names, sentences, tokens) is
// written through escape, so that control characters and bidirectional
// overrides in an article cannot drive the terminal showing it.
func writeText(w io.Writer, a *khabar.Analysis, j job, cfg config) error {
	ew := &errWriter{w: w}
	name := j.loc.String()
	ew.printf("%s: %d sentences, %d bytes, %d entities\n", name, a.SentenceCount, len(a.Text), len(a.Entities))
	if a.ID != "" {
		ew.printf("  id:       %s\n", escape(a.ID))
	}
	ew.printf("  title:    %s\n", escape(a.Title))
	ew.printf("  language: %s\n", a.Language)
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
			parts = append(parts, fmt.Sprintf("%s %.2f", escape(label), t.Score))
		}
		ew.printf("  topics:   %s\n", strings.Join(parts, " · "))
	}
	if len(a.Keywords) > 0 {
		var parts []string
		for _, k := range a.Keywords {
			parts = append(parts, fmt.Sprintf("%s %.2f ×%d %d:%d", escape(k.Term), k.Score, k.Count, k.Start, k.End))
		}
		ew.printf("  keywords: %s\n", strings.Join(parts, " · "))
	}
	for _, e := range a.Entities {
		en := ""
		if e.NameEN != "" {
			en = " (" + escape(e.NameEN) + ")"
		}
		var spots []string
		for _, m := range e.Mentions {
			spot := fmt.Sprintf("%d:%d %s", m.Start, m.End, m.Kind)
			if m.Text != e.Name {
				spot += " «" + escape(m.Text) + "»"
			}
			spots = append(spots, spot)
		}
		ew.printf("  %s %-26s %s%s ×%d salience %.2f  [%s]\n", e.Type, escape(e.ID), escape(e.Name), en, e.Count, e.Salience, strings.Join(spots, ", "))
	}
	for _, warning := range a.Warnings {
		ew.printf("  warning: %s\n", escape(warning))
	}
	sp := newSpans(a.Text, cfg.unicodeOffsets)
	unicode := func(s khabar.Sentence) string {
		u := sp.of(s.Start, s.End)
		return fmt.Sprintf("runes %d:%d, UTF-16 %d:%d", u.RuneStart, u.RuneEnd, u.UTF16Start, u.UTF16End)
	}
	if cfg.tokens {
		next, stop := iter.Pull(tokens(a, sp))
		defer stop()
		t, more := next()
		writeTokens := func(sentence int) {
			for more && t.Sentence == sentence {
				line := fmt.Sprintf("    %5d:%-5d %-8s %s", t.Start, t.End, t.Kind, escape(t.Text))
				if t.Norm != t.Text {
					line += "  → " + escape(t.Norm)
				}
				if len(t.Parts) > 0 {
					line += fmt.Sprintf("  %q", t.Parts)
				}
				ew.printf("%s\n", line)
				t, more = next()
			}
		}
		boilerplate := func() {
			if more && t.Sentence == -1 {
				ew.printf("\n[boilerplate]\n")
				writeTokens(-1)
			}
		}
		for i, s := range a.Sentences {
			boilerplate()
			u := ""
			if sp.offs != nil {
				u = " (" + unicode(s) + ")"
			}
			ew.printf("\n[%d] ¶%d %d:%d%s  %s\n", i+1, s.Paragraph+1, s.Start, s.End, u, escape(a.Text[s.Start:s.End]))
			writeTokens(i)
		}
		boilerplate()
	} else if sp.offs != nil {
		for i, s := range a.Sentences {
			ew.printf("  [%d] %d:%d (%s)\n", i+1, s.Start, s.End, unicode(s))
		}
	}
	ew.printf("\n")
	return ew.err
}

// errWriter writes formatted text until the first error, which it keeps.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
