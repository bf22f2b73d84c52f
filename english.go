package khabar

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/english"
	"github.com/khabar-nlp/khabar/lang"
	"github.com/khabar-nlp/khabar/topics/features"
)

// newEnglish returns the English extractor of an analyzer with config c:
// the English names and aliases of the analyzer's gazetteer and the
// embedded English model, so that an English article's people, places
// and organisations get the IDs an Arabic article's get. Without a
// gazetteer (the Entities layer off) it only cuts sentences.
func newEnglish(c *config) (*english.Extractor, error) {
	opts := []english.Option{english.WithoutModel()}
	if c.gazetteer != nil {
		opts = []english.Option{english.WithGazetteer(c.gazetteer)}
	}
	x, err := english.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("khabar: English extractor: %w", err)
	}
	return x, nil
}

// language returns the language of text (see package lang): "ar", "en",
// or "und" with a warning.
func language(text string) (string, []string) {
	s := lang.Count(text)
	l := s.Language()
	if l != lang.Undetermined {
		return l, nil
	}
	return l, []string{fmt.Sprintf("text is neither Arabic nor English (%d letters: %d Arabic, %d Latin, %d of another script); results will be poor",
		s.Letters(), s.Arabic, s.Latin, s.Other)}
}

// prepareEnglish is prepare for an English article: prose cuts the
// analysed text (boilerplate blanked) into sentences and tokens, the
// English extractor finds its entities, and the topic document is built
// as for Arabic (the term pipeline stems Latin words with the Snowball
// English stemmer).
func (a *Analyzer) prepareEnglish(ctx context.Context, art Article, res *Analysis, analysed, body string) (*prepared, error) {
	r, err := a.english.ExtractContext(ctx, analysed)
	if err != nil {
		return nil, err
	}
	para, line := 0, 0 // the paragraph of the line starting at line
	seen := false      // the current line has a letter or digit
	for _, s := range r.Sentences {
		for line < s.Start {
			i := strings.IndexByte(analysed[line:s.Start], '\n')
			if i < 0 {
				break
			}
			if seen || strings.TrimSpace(analysed[line:line+i]) != "" {
				para++
			}
			seen = false
			line += i + 1
		}
		seen = true
		res.Sentences = append(res.Sentences, Sentence{Start: s.Start, End: s.End, Paragraph: para})
	}
	res.SentenceCount = len(res.Sentences)
	if a.extractor != nil && r.Entities != nil {
		res.Entities = withText(r.Entities, res.Text)
	}
	doc := features.Document(res.Title, body, res.Entities, a.cfg.gazetteer, art.Source, features.Options{Sources: a.cfg.sources})
	return &prepared{res: res, text: analysed, doc: doc}, nil
}

// withText points the Text of every mention at text (mentions found in a
// copy of text with boilerplate blanked hold the same bytes, but keep the
// copy alive).
func withText(ents []entities.Entity, text string) []entities.Entity {
	for i := range ents {
		for j := range ents[i].Mentions {
			m := &ents[i].Mentions[j]
			m.Text = text[m.Start:m.End]
		}
	}
	return ents
}

// mixEnglish gives the English paragraphs of an Arabic article (a quoted
// statement, a tweet) to the English extractor: the Arabic mentions in
// them are replaced by the English ones, and the mentions are grouped
// again. An article without English paragraphs is returned as it is.
func (a *Analyzer) mixEnglish(ctx context.Context, text string, ents []entities.Entity) ([]entities.Entity, error) {
	var parts []english.Part
	for _, p := range lang.Paragraphs(text) {
		if p.Language == lang.English {
			parts = append(parts, english.Part{Start: p.Start, End: p.End})
		}
	}
	if len(parts) == 0 {
		return ents, nil
	}
	r, err := a.english.ExtractContext(ctx, text, parts...)
	if err != nil {
		return nil, err
	}
	inPart := func(m entities.Mention) bool {
		for _, p := range parts {
			if p.Start <= m.Start && m.Start < p.End {
				return true
			}
		}
		return false
	}
	var mentions []entities.Mention
	for _, e := range ents {
		for _, m := range e.Mentions {
			if !inPart(m) {
				mentions = append(mentions, m)
			}
		}
	}
	mentions = append(mentions, r.Mentions...)
	headline := len(text)
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		headline = i
	}
	sortMentions(mentions)
	inTitle := func(m entities.Mention) bool { return m.Start < headline }
	return withText(entities.GroupMentions(a.cfg.gazetteer, text, mentions, inTitle), text), nil
}

// invalidBytes counts the bytes of text that are not UTF-8.
func invalidBytes(text string) int {
	n := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			n++
		}
		i += size
	}
	return n
}

// sortMentions sorts mentions in text order.
func sortMentions(ms []entities.Mention) {
	slices.SortStableFunc(ms, func(a, b entities.Mention) int { return cmp.Compare(a.Start, b.Start) })
}
