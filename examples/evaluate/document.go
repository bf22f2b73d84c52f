package main

import (
	"sort"

	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// document is the text rebuilt from gold sentences: tokens joined by one
// space, sentences by a newline. Tokens are numbered across the whole
// document, from 0.
type document struct {
	Sentences []corpus.Sentence
	Text      string
	// Start and End are each token's byte offsets in Text.
	Start, End []int
	// Sent is each token's corpus.Sentence; First is each sentence's first token.
	Sent  []int
	First []int
	// Gold holds the gold spans of every type, MISC included, in text
	// order, with document token numbers.
	Gold []span
}

// newDocument rebuilds the text of sents (corpus.Join) and numbers its
// tokens and gold spans across the document.
func newDocument(sents []corpus.Sentence) *document {
	j := corpus.Join(sents)
	d := &document{Sentences: sents, Text: j.Text, Start: j.Start, End: j.End, First: j.First}
	d.Sent = make([]int, 0, len(j.Start))
	for si, s := range sents {
		for range s.Tokens {
			d.Sent = append(d.Sent, si)
		}
		for _, sp := range spansOf(s) {
			d.Gold = append(d.Gold, span{Start: j.First[si] + sp.Start, End: j.First[si] + sp.End, Type: sp.Type})
		}
	}
	return d
}

// tokenRange returns the tokens that the byte range [start, end) overlaps,
// as [first, last+1), and false when it overlaps none (an empty range, or
// one that covers only separators).
func (d *document) tokenRange(start, end int) (int, int, bool) {
	if start >= end {
		return 0, 0, false
	}
	// First token ending after start; last token starting before end.
	first := sort.SearchInts(d.End, start+1)
	last := sort.SearchInts(d.Start, end) - 1
	if first >= len(d.End) || last < 0 || first > last {
		return 0, 0, false
	}
	return first, last + 1, true
}

// typeOf maps an entity type of the gazetteer to a scored label.
func typeOf(t gazetteer.Type) label {
	switch t {
	case gazetteer.PER:
		return PER
	case gazetteer.LOC:
		return LOC
	case gazetteer.ORG:
		return ORG
	}
	return none
}

// prediction is a predicted span with the first mention that maps to it,
// in the order the extractor gave them (text order for Khabar's).
type prediction struct {
	span
	Mention mention
}

// predictions maps mentions to token spans of d. Several mentions mapping
// to the same span and type give one prediction. Mentions of no scored
// type, or covering no token, are counted in dropped.
func (d *document) predictions(mentions []mention) (preds []prediction, dropped int) {
	seen := make(map[span]bool, len(mentions))
	for _, m := range mentions {
		t := typeOf(m.Type)
		if m.Misc {
			t = MISC
		}
		start, end, ok := d.tokenRange(m.Start, m.End)
		if t == none || !ok {
			dropped++
			continue
		}
		sp := span{Start: start, End: end, Type: t}
		if seen[sp] {
			continue
		}
		seen[sp] = true
		preds = append(preds, prediction{span: sp, Mention: m})
	}
	sort.SliceStable(preds, func(i, j int) bool {
		a, b := preds[i].span, preds[j].span
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Type < b.Type
	})
	return preds, dropped
}
