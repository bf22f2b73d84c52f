package entities

import (
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
	"strings"
)

// A Recognizer proposes candidate mentions in a document: names of the
// gazetteer, names inside hashtags, names found by context rules, or
// anything a caller knows (a newsroom's own list, a pattern). The
// extractor runs its recognisers in turn over one [Document]; each sees
// the candidates of those before it in Document.Candidates.
//
// Candidates may overlap. Each carries its token span (TokenStart,
// TokenEnd) and byte span (Start, End, within the span's tokens), a Type,
// a Kind saying how it was found, a Score in (0, 1] and, when it names a
// known entry, an ID. With a tagging model, the tagger reads every
// candidate as features (by kind, type and position) and decides the
// mentions; a candidate with an ID links the mention that covers it. Kind
// Demonym marks a demonym (الأميركية), which is context, not a mention.
//
// Recognize appends its candidates to dst and returns the extended slice.
// It must be safe for concurrent use: the extractor calls it from every
// goroutine that extracts. A caller's candidate whose tokens are not the
// document's, or whose byte span is not within its tokens, is dropped.
type Recognizer interface {
	Recognize(doc *Document, dst []Mention) []Mention
}

// RecognizerFunc adapts a function to the Recognizer interface.
type RecognizerFunc func(doc *Document, dst []Mention) []Mention

// Recognize calls f(doc, dst).
func (f RecognizerFunc) Recognize(doc *Document, dst []Mention) []Mention { return f(doc, dst) }

// gazetteerRecognizer proposes the gazetteer's names and demonyms.
type gazetteerRecognizer struct{ x *Extractor }

func (r gazetteerRecognizer) Recognize(doc *Document, dst []Mention) []Mention {
	x := r.x
	gaz := x.cfg.gaz
	opts := gazetteer.FindOptions{Kind: gazetteer.Overlapping, Fuzzy: x.fuzzyCandidates, Keys: doc.Keys}
	// Words of the lexicon's vocabulary (verbs, nouns, adjectives, time
	// words) are ordinary words: fuzzy matching leaves them alone.
	opts.FuzzySkip = func(i int) bool { return doc.Words[i].Class&lexicon.Common != 0 }
	for _, m := range gaz.Find(doc.Text, doc.Tokens, opts) {
		e, ok := gaz.Summary(m.IDs[0])
		if !ok {
			continue
		}
		mention := Mention{
			Text: doc.Text[m.Start:m.End], Start: m.Start, End: m.End, Score: m.Score,
			Type: e.Type, ID: m.IDs[0], Clitic: m.Clitic, TokenStart: m.TokenStart, TokenEnd: m.TokenEnd,
			Alternatives: m.IDs[1:], prior: e.Prior,
		}
		switch m.Method {
		case gazetteer.Exact:
			mention.Kind = Exact
		case gazetteer.Clitic:
			mention.Kind = Clitic
		case gazetteer.Fuzzy:
			mention.Kind = Fuzzy
		case gazetteer.Demonym:
			mention.Kind = Demonym
			dst = append(dst, mention)
			continue
		}
		// A one-word name that is also a common word is left out; a name
		// matched with a head or a title before it is not one word, even
		// once the head is trimmed (بمحافظة إب: إب, Ibb, folds like أب).
		if x.commonWordMatch(doc.Tokens, doc.Keys, &mention) {
			continue
		}
		if e.Type == gazetteer.PER {
			trimTitle(doc.Text, doc.Tokens, doc.Keys, &mention)
		}
		if e.Type == gazetteer.LOC {
			x.trimPlaceHead(doc.Text, doc.Tokens, doc.Keys, &mention)
		}
		dst = append(dst, mention)
	}
	return dst
}

// hashtagRecognizer proposes the gazetteer's names inside hashtags:
// #العراق, #بلينكن_في_بغداد.
type hashtagRecognizer struct{ gaz *gazetteer.Index }

func (r hashtagRecognizer) Recognize(doc *Document, dst []Mention) []Mention {
	for i, t := range doc.Tokens {
		if t.Kind != tokenize.Hashtag || len(t.Parts) == 0 {
			continue
		}
		for _, m := range r.gaz.Find(doc.Text, t.Parts, gazetteer.FindOptions{}) {
			if m.Method == gazetteer.Demonym {
				continue
			}
			e, ok := r.gaz.Summary(m.IDs[0])
			if !ok {
				continue
			}
			dst = append(dst, Mention{
				Text: doc.Text[m.Start:m.End], Start: m.Start, End: m.End, Kind: Hashtag, Score: m.Score * scoreHashtag,
				Type: e.Type, ID: m.IDs[0], Clitic: m.Clitic, TokenStart: i, TokenEnd: i + 1, Alternatives: m.IDs[1:], prior: e.Prior,
			})
		}
	}
	return dst
}

// ruleRecognizer proposes the names that the context rules find where
// the candidates before it (the gazetteer's) have none.
type ruleRecognizer struct{ rules *ruleSet }

func (r ruleRecognizer) Recognize(doc *Document, dst []Mention) []Mention {
	type span struct {
		end int
		typ gazetteer.Type
	}
	names := map[int]span{}
	demonyms := map[int]int{}
	for _, m := range doc.Candidates {
		switch {
		case m.Kind == Demonym:
			if end, ok := demonyms[m.TokenStart]; !ok || m.TokenEnd > end {
				demonyms[m.TokenStart] = m.TokenEnd
			}
		case m.Kind == Exact || m.Kind == Clitic || m.Kind == Fuzzy:
			if s, ok := names[m.TokenStart]; !ok || m.TokenEnd > s.end {
				names[m.TokenStart] = span{m.TokenEnd, m.Type}
			}
		}
	}
	known := func(i int) (gazetteer.Type, int, bool) {
		s, ok := names[i]
		return s.typ, s.end, ok
	}
	demonym := func(i int) (int, bool) {
		end, ok := demonyms[i]
		return end, ok
	}
	for _, m := range r.rules.findWords(doc.Tokens, doc.Keys, doc.Words, known, demonym) {
		start, end := doc.Tokens[m.start].Start, doc.Tokens[m.end-1].End
		keys, clitic := doc.Keys[m.start:m.end], ""
		if stem := nameStem(doc.Words[m.start]); stem != "" && strings.HasSuffix(keys[0], stem) {
			// بوزارة الثقافة names وزارة الثقافة.
			clitic = keys[0][:len(keys[0])-len(stem)]
			keys = append([]string{stem}, keys[1:]...)
		}
		dst = append(dst, Mention{
			Text: doc.Text[start:end], Start: start, End: end, Kind: Rule, Score: m.score, Clitic: clitic,
			Type: m.typ, ID: generatedID(m.typ, keys), TokenStart: m.start, TokenEnd: m.end, rule: m.rule,
		})
	}
	return dst
}
