package entities

import (
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// Document is one text as the recognisers see it: its tokens, analysed
// once, and the candidates found so far. The extractor builds it and runs
// the recognisers in turn; a recogniser reads it and must not modify it.
//
// A long text is read a window at a time (see "Long texts" in the package
// overview): a Document then holds one window's tokens, whole sentences,
// and a candidate's TokenStart and TokenEnd index them; the extractor
// turns them into indexes into the text's tokens. A normal article is one
// window.
type Document struct {
	// Text is the original text, all of it.
	Text string
	// Tokens are its tokens, or those of the window.
	Tokens []tokenize.Token
	// Keys holds the [tokenize.Key] of every token's Norm form.
	Keys []string
	// Words holds what the lexicon says of every Arabic word token
	// (lexicon.Analyze of its key); the zero Word for other tokens.
	Words []lexicon.Word
	// Candidates are the candidates of the recognisers that ran before,
	// in their order: the gazetteer's first (names and demonyms), then
	// the hashtags', the rules' and the caller's own.
	Candidates []Mention

	lex *lexicon.Lexicon
	// written holds the keys of every token of the whole text when the
	// document is a window of a longer one; nil when Keys are all of them.
	written map[string]bool
}

// newDocument tokenizes nothing: it analyses the tokens of text once.
func newDocument(text string, toks []tokenize.Token, lex *lexicon.Lexicon) *Document {
	d := &Document{Text: text, Tokens: toks, Keys: gazetteer.TokenKeys(toks), lex: lex}
	d.Words = make([]lexicon.Word, len(toks))
	for i := range toks {
		if toks[i].Kind == tokenize.ArabicWord {
			d.Words[i] = lex.Analyze(d.Keys[i])
		}
	}
	return d
}

// Common reports whether token i is common vocabulary (see
// [lexicon.Lexicon.Common]). It is false for tokens that are not Arabic
// words.
func (d *Document) Common(i int) bool {
	t := &d.Tokens[i]
	if t.Kind != tokenize.ArabicWord {
		return false
	}
	return d.lex.Common(d.Words[i], t.Text, t.Norm, d.Keys[i])
}
