package tfidf

import (
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/tokenize"
)

// TermKind says where a [Term] comes from.
type TermKind uint8

// Term kinds.
const (
	// Word is a single word: its Key is the word's light stem.
	Word TermKind = iota + 1
	// Bigram is two adjacent words of one sentence: its Key is their two
	// stems joined by one space.
	Bigram
	// Extra is a term supplied by [TermOptions.Extra], used as given.
	Extra
)

// String returns "word", "bigram" or "extra".
func (k TermKind) String() string {
	switch k {
	case Word:
		return "word"
	case Bigram:
		return "bigram"
	case Extra:
		return "extra"
	}
	return "TermKind(" + strconv.Itoa(int(k)) + ")"
}

// Term is one occurrence of a topic term in a text.
type Term struct {
	// Key is the term as counted in vectors: a light stem from
	// [tokenize.Stem] (الانتخابات and انتخابات are both انتخاب), for a
	// Latin-script word its English stem ([EnglishStem]: elections and
	// elected are both elect), two stems joined by a space for a bigram,
	// or an extra term as supplied.
	Key string
	// Surface is how this occurrence reads: the token's text with NFKC,
	// invisible marks, diacritics and tatweel removed (الـنـفـط → النفط),
	// hamzas and case kept; two such forms joined by a space for a bigram;
	// the Key for an extra term.
	Surface string
	// Kind says whether the term is a word, a bigram or an extra term.
	Kind TermKind
	// Start and End are 0-based byte offsets of the occurrence in the
	// text, End exclusive (both -1 for an extra term).
	Start, End int
	// Sentence and Paragraph are the 0-based indexes of the occurrence's
	// sentence and paragraph (-1 for an extra term).
	Sentence, Paragraph int
}

// TermOptions configures how texts become terms. The zero value gives
// single-word terms from the default tokenizer.
type TermOptions struct {
	// Tokenizer splits the text; nil means [tokenize.Default].
	Tokenizer *tokenize.Tokenizer
	// Bigrams adds a term for each pair of adjacent kept words in one
	// sentence. A dropped token between them (a stop word, a number,
	// punctuation) breaks the pair, and the words inside a hashtag pair
	// only with each other.
	Bigrams bool
	// Extra, if not nil, is called once per text and its results are
	// added as terms of kind Extra, unchanged (no stemming, no stop
	// words): entity IDs, section names, tags. Empty strings are skipped.
	// It must be safe for concurrent use if the Vectorizer is used
	// concurrently. It is not saved by [Space.WriteTo].
	Extra func(text string) []string
}

// displaySteps make a surface readable without changing its spelling.
var display = tokenize.NewNormalizer(tokenize.NFKC | tokenize.StripInvisible | tokenize.StripDiacritics | tokenize.StripTatweel)

// Terms returns the topic terms of text in order of occurrence (each
// bigram right after its second word; extra terms last).
//
// A token gives a Word term when it is an Arabic or Latin word, or a word
// inside a hashtag, and
//   - its Norm is not in [tokenize.TopicStopWords] (function words,
//     reporting verbs, number words; decided on the Norm form, before ى
//     and ة are folded, so على is dropped and علي kept);
//   - its Norm and its stem have at least 2 letters.
//
// Numbers, punctuation, symbols, URLs, e-mail addresses and mentions never
// give terms. Terms is safe for concurrent use; it allocates the slice and
// the bigram strings.
func Terms(text string, opts TermOptions) []Term {
	return opts.appendTerms(nil, text)
}

// AppendTerms is [Terms] appending to dst.
func AppendTerms(dst []Term, text string, opts TermOptions) []Term {
	return opts.appendTerms(dst, text)
}

// AppendExtra appends a term of kind [Extra] for each non-empty string of
// extra, in order, as given (no stemming, no stop words): Key and Surface
// are the string, the offsets, Sentence and Paragraph -1.
func AppendExtra(dst []Term, extra []string) []Term {
	for _, e := range extra {
		if e != "" {
			dst = append(dst, Term{Key: e, Surface: e, Kind: Extra, Start: -1, End: -1, Sentence: -1, Paragraph: -1})
		}
	}
	return dst
}

func (o *TermOptions) tokenizer() *tokenize.Tokenizer {
	if o.Tokenizer != nil {
		return o.Tokenizer
	}
	return tokenize.Default()
}

func (o *TermOptions) appendTerms(dst []Term, text string) []Term {
	// The indexes in dst of the last word term and of the one before: a
	// bigram follows its second word, which follows its first.
	last, before := -1, -1
	w := termWalker{bigrams: o.Bigrams, emit: func(r *TermRef) bool {
		t := Term{Key: string(r.Key), Kind: r.Kind, Start: r.Start, End: r.End, Sentence: r.Sentence, Paragraph: r.Paragraph}
		if r.Kind == Word {
			t.Surface = display.String(text[r.Start:r.End])
			last, before = len(dst), last
		} else {
			t.Surface = dst[before].Surface + " " + dst[last].Surface
		}
		dst = append(dst, t)
		return true
	}}
	for tok := range o.tokenizer().Tokens(text) {
		w.token(&tok)
	}
	if o.Extra != nil {
		dst = AppendExtra(dst, o.Extra(text))
	}
	return dst
}

// TermRef is one occurrence of a topic term as [ScanTerms] reports it: a
// [Term] without its Surface, whose Key is valid only until the function
// it is given to returns.
type TermRef struct {
	// Key is the term's key, as Term.Key.
	Key []byte
	// Kind is Word or Bigram.
	Kind TermKind
	// Start, End, Sentence and Paragraph are as in [Term].
	Start, End          int
	Sentence, Paragraph int
}

// ScanTerms calls fn for each topic term of tokens, the tokens of a text
// in order, as [Terms] finds them in that text (Terms reads its text with
// opts.Tokenizer; ScanTerms reads the tokens it is given, from any
// tokenizer, and ignores opts.Extra), until fn returns false; it returns
// false then, true otherwise. It builds no list and allocates nothing per
// term: each key is written into a buffer that the next term reuses.
func ScanTerms(tokens iter.Seq[tokenize.Token], opts TermOptions, fn func(t *TermRef) bool) bool {
	w := termWalker{bigrams: opts.Bigrams, emit: fn}
	for tok := range tokens {
		if !w.token(&tok) {
			return false
		}
	}
	return true
}

// termWalker turns tokens into terms, one token at a time, and gives
// each term to emit.
type termWalker struct {
	bigrams bool
	emit    func(t *TermRef) bool
	ref     TermRef
	key     []byte // the current word's key; a bigram's is prev + " " + key
	// prev is the key of the previous kept word, with its start and
	// sentence, while hasPrev says the next one may pair with it (the
	// buffer is kept when it may not, to be reused).
	prev                    []byte
	hasPrev                 bool
	prevStart, prevSentence int
	pair                    []byte // a bigram's key
}

// token reads one token and emits its terms; it reports false when emit
// did.
func (w *termWalker) token(tok *tokenize.Token) bool {
	if tok.Kind == tokenize.Hashtag {
		// A hashtag's words pair with each other only.
		w.hasPrev = false
		for k := range tok.Parts {
			// Words inside a hashtag follow each other.
			if !w.word(&tok.Parts[k], tok.Sentence, tok.Paragraph) {
				return false
			}
		}
		w.hasPrev = false
		return true
	}
	return w.word(tok, tok.Sentence, tok.Paragraph)
}

// word emits the term of tok, if it is one, and the bigram it closes.
func (w *termWalker) word(tok *tokenize.Token, sentence, paragraph int) bool {
	var ok bool
	if w.key, ok = appendWordKey(w.key[:0], tok); !ok {
		w.hasPrev = false
		return true
	}
	w.ref = TermRef{Key: w.key, Kind: Word, Start: tok.Start, End: tok.End, Sentence: sentence, Paragraph: paragraph}
	if !w.emit(&w.ref) {
		return false
	}
	if w.bigrams && w.hasPrev && w.prevSentence == sentence {
		w.pair = append(append(append(w.pair[:0], w.prev...), ' '), w.key...)
		w.ref = TermRef{Key: w.pair, Kind: Bigram, Start: w.prevStart, End: tok.End, Sentence: sentence, Paragraph: paragraph}
		if !w.emit(&w.ref) {
			return false
		}
	}
	w.prev, w.hasPrev = append(w.prev[:0], w.key...), true
	w.prevStart, w.prevSentence = tok.Start, sentence
	return true
}

// wordKey returns the stem of a word token that is a topic term.
func wordKey(tok tokenize.Token) (string, bool) {
	if !isTermWord(&tok) {
		return "", false
	}
	if tok.Kind == tokenize.LatinWord {
		s := EnglishStem(tok.Norm)
		return s, isTermStem(s)
	}
	s := tokenize.Stem(tok.Norm)
	return s, isTermStem(s)
}

// EnglishStem returns the stem of a Latin-script word for topic terms:
// the word in lower case, stemmed by the Snowball English (Porter2)
// stemmer of github.com/kljensen/snowball (elections, elected and
// electing are all elect; policies and policy polici). Words of one or
// two letters come back lower-cased. Like tokenize.Stem, it is for topic
// terms only, never for names. It is safe for concurrent use.
func EnglishStem(word string) string {
	return stems.stem(word)
}

// appendWordKey is wordKey appending the stem to dst: it reports false,
// leaving dst as it is, if tok is not a topic term.
func appendWordKey(dst []byte, tok *tokenize.Token) ([]byte, bool) {
	if !isTermWord(tok) {
		return dst, false
	}
	n := len(dst)
	if tok.Kind == tokenize.LatinWord {
		dst = append(dst, EnglishStem(tok.Norm)...)
	} else {
		dst = tokenize.AppendStem(dst, tok.Norm)
	}
	if !isTermStem(dst[n:]) {
		return dst[:n], false
	}
	return dst, true
}

// isTermWord reports whether tok is a word that can be a topic term: an
// Arabic or Latin word of 2 letters or more that is not a topic stop word.
func isTermWord(tok *tokenize.Token) bool {
	if tok.Kind != tokenize.ArabicWord && tok.Kind != tokenize.LatinWord {
		return false
	}
	return utf8.RuneCountInString(tok.Norm) >= 2 && !tokenize.TopicStopWords.Contains(tok.Norm)
}

// isTermStem reports whether the stem of a topic-term word is kept: at
// least 2 letters, no space.
func isTermStem[T string | []byte](s T) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			return false
		case c&0xC0 != 0x80: // the first byte of a rune
			n++
		}
	}
	return n >= 2
}

// splitBigram returns the two stems of a bigram key.
func splitBigram(key string) (string, string) {
	a, b, _ := strings.Cut(key, " ")
	return a, b
}
