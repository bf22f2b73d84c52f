package khabar

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/english"
	"github.com/khabar-nlp/khabar/lang"
	"github.com/khabar-nlp/khabar/topics/features"
	"github.com/khabar-nlp/khabar/topics/tfidf"
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

// countLanguage counts what the language of text is decided on (see
// package lang), by pieces of about 64 KiB cut at white space, and
// returns ctx's error when it is done.
func countLanguage(ctx context.Context, text string) (lang.Stats, error) {
	var s lang.Stats
	for len(text) > 0 {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		n := min(len(text), 1<<16)
		if n < len(text) {
			// Cut after white space, so that no word is counted in two.
			if i := strings.LastIndexAny(text[:n], " \t\n"); i > 0 {
				n = i + 1
			}
		}
		s = s.Add(lang.Count(text[:n]))
		text = text[n:]
	}
	return s, nil
}

// language returns the language counted in s: "ar", "en", or "und" with a
// warning.
func language(s lang.Stats) (string, []string) {
	l := s.Language()
	if l != lang.Undetermined {
		return l, nil
	}
	return l, []string{fmt.Sprintf("text is neither Arabic nor English (%d letters: %d Arabic, %d Latin, %d of another script); results will be poor",
		s.Letters(), s.Arabic, s.Latin, s.Other)}
}

// prepareEnglish is prepare for an English article, p holding its
// structure and tokens: prose cuts the analysed text (boilerplate
// blanked) into sentences and tokens, the English extractor finds its
// entities, and the topic document is built as for Arabic (the term
// pipeline stems Latin words with the Snowball English stemmer).
func (a *Analyzer) prepareEnglish(ctx context.Context, art Article, p *prepared) (*prepared, error) {
	res := p.res
	analysed := blankSpans(res.Text, p.blanks)
	x, err := a.english()
	if err != nil {
		return nil, err
	}
	r, err := x.ExtractContext(ctx, analysed)
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
	p.doc = features.Document(res.Title, "", res.Entities, a.cfg.gazetteer, art.Source, features.Options{Sources: a.cfg.sources})
	p.english = r.Tokens
	return p, nil
}

// nounKeywords returns the keywords of an English article that are nouns
// or noun phrases as prose tags its tokens (toks, in text order): every
// word a noun (NN, NNS, NNP, NNPS), or an adjective before the last one
// (foreign ministry). A keyword inside an entity's mention stays: it is
// shown as the entity. English verbs and adjectives alone (agreed,
// remaining) are kept out, as the Arabic keywords keep out verbs.
func nounKeywords(kws []tfidf.Keyword, toks []english.Token, ents []entities.Entity) []tfidf.Keyword {
	return slices.DeleteFunc(kws, func(k tfidf.Keyword) bool {
		if _, _, ok := mentionAt(ents, k.Start, k.End); ok {
			return false
		}
		i := sort.Search(len(toks), func(i int) bool { return toks[i].End > k.Start })
		words := 0
		for ; i < len(toks) && toks[i].Start < k.End; i++ {
			tag := toks[i].Tag
			last := i+1 == len(toks) || toks[i+1].Start >= k.End
			switch {
			case strings.HasPrefix(tag, "NN"):
			case strings.HasPrefix(tag, "JJ") && !last:
			case tag == "POS" || tag == "HYPH" || tag == ".":
				continue
			default:
				return true
			}
			words++
		}
		return words == 0
	})
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
	x, err := a.english()
	if err != nil {
		return nil, err
	}
	r, err := x.ExtractContext(ctx, text, parts...)
	if err != nil {
		return nil, err
	}
	// parts are in text order: the last one starting at or before a
	// mention is the only one that may hold it.
	inPart := func(m entities.Mention) bool {
		i := sort.Search(len(parts), func(i int) bool { return parts[i].Start > m.Start })
		return i > 0 && m.Start < parts[i-1].End
	}
	headline := len(text)
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		headline = i
	}
	inTitle := func(m entities.Mention) bool { return m.Start < headline }
	return withText(entities.MergeMentions(a.cfg.gazetteer, text, ents, inPart, r.Mentions, inTitle), text), nil
}
