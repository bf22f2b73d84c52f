package entities

import (
	"iter"
	"strings"

	"github.com/khabar-nlp/khabar/tokenize"
)

// Windows. A long text is read a window at a time: the recognisers and
// the tagger see one run of whole sentences of at most windowTokens
// tokens, and only the mentions found there are kept from it. No
// recogniser, rule or tagger feature reaches across a sentence, so the
// mentions are those of the whole text read at once; a normal article is
// one window. A sentence longer than a window is cut, and each side of
// the cut reads windowOverlap tokens beyond it, more than the longest
// name of the gazetteer or of the rules and the tagger's ±2 tokens: a
// mention is kept by the window it starts in, and one that would overlap
// a mention kept before is dropped, so that no mention is ever cut.
const (
	windowTokens  = 4096
	windowOverlap = 32
)

// window is a run of tokens read at once: [from, to) are read, and the
// mentions that start in [ownFrom, ownTo) are kept. from < ownFrom and
// ownTo < to only where a sentence is cut.
type window struct {
	from, to, ownFrom, ownTo int
}

// tokenView is the tokens of a whole text, a slice or a compact
// tokenize.List, as read after the windows: by partials and grouping.
type tokenView struct {
	toks []tokenize.Token // the tokens, or nil for list
	list *tokenize.List
	// keys holds every token's key when they were computed for a window
	// holding the whole text; Key computes them otherwise.
	keys []string
}

// Len returns the number of tokens.
func (v *tokenView) Len() int {
	if v.list != nil {
		return v.list.Len()
	}
	return len(v.toks)
}

// Sentence returns the sentence index of token i.
func (v *tokenView) Sentence(i int) int {
	if v.list != nil {
		return v.list.Sentence(i)
	}
	return v.toks[i].Sentence
}

// Kind returns the kind of token i.
func (v *tokenView) Kind(i int) tokenize.Kind {
	if v.list != nil {
		return v.list.Kind(i)
	}
	return v.toks[i].Kind
}

// Start returns the start offset of token i.
func (v *tokenView) Start(i int) int {
	if v.list != nil {
		return v.list.Start(i)
	}
	return v.toks[i].Start
}

// End returns the end offset of token i.
func (v *tokenView) End(i int) int {
	if v.list != nil {
		return v.list.End(i)
	}
	return v.toks[i].End
}

// Norm returns the Norm form of token i.
func (v *tokenView) Norm(i int) string {
	if v.list != nil {
		return v.list.Norm(i)
	}
	return v.toks[i].Norm
}

// Key returns the key of token i, as gazetteer.TokenKeys computes it.
func (v *tokenView) Key(i int) string {
	if v.keys != nil {
		return v.keys[i]
	}
	return tokenize.Key(v.Norm(i))
}

// joinKeys returns the keys of tokens [from, to) joined by spaces.
func (v *tokenView) joinKeys(from, to int) string {
	if to-from == 1 {
		return v.Key(from)
	}
	var b strings.Builder
	for i := from; i < to; i++ {
		if i > from {
			b.WriteByte(' ')
		}
		b.WriteString(v.Key(i))
	}
	return b.String()
}

// window returns tokens [from, to): a slice of the view's tokens, or
// tokens built in dst's storage from a list.
func (v *tokenView) window(dst []tokenize.Token, from, to int) []tokenize.Token {
	if v.list != nil {
		return v.list.AppendTokens(dst[:0], from, to)
	}
	return v.toks[from:to]
}

// windows returns the windows of the text in order: runs of whole
// sentences of at most size tokens, a sentence longer than that cut into
// pieces of size tokens that read overlap tokens beyond each cut.
func (v *tokenView) windows(size, overlap int) iter.Seq[window] {
	return func(yield func(window) bool) {
		n := v.Len()
		for a := 0; a < n; {
			b := min(n, a+size)
			if b < n {
				s := b
				for s > a && v.Sentence(s) == v.Sentence(s-1) {
					s--
				}
				if s > a {
					b = s
				}
			}
			w := window{from: a, to: b, ownFrom: a, ownTo: b}
			if a > 0 && v.Sentence(a) == v.Sentence(a-1) {
				w.from = max(0, a-overlap)
			}
			if b < n && v.Sentence(b) == v.Sentence(b-1) {
				w.to = min(n, b+overlap)
			}
			if !yield(w) {
				return
			}
			a = b
		}
	}
}
