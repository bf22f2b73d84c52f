package tfidf

import (
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
	// [tokenize.Stem] (الانتخابات and انتخابات are both انتخاب), two stems
	// joined by a space for a bigram, or an extra term as supplied.
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
	prevIdx := -1 // index in dst of the previous kept word, if adjacent
	for tok := range o.tokenizer().Tokens(text) {
		if tok.Kind == tokenize.Hashtag {
			// A hashtag's words pair with each other only.
			prevIdx = -1
			for _, p := range tok.Parts {
				// Words inside a hashtag follow each other.
				dst, prevIdx = o.addWord(dst, p, prevIdx, tok.Sentence, tok.Paragraph)
			}
			prevIdx = -1
			continue
		}
		dst, prevIdx = o.addWord(dst, tok, prevIdx, tok.Sentence, tok.Paragraph)
	}
	if o.Extra != nil {
		dst = AppendExtra(dst, o.Extra(text))
	}
	return dst
}

// addWord appends the term of tok, if it is one, and the bigram it closes.
// It returns the index of tok's term, or -1 if tok gave none.
func (o *TermOptions) addWord(dst []Term, tok tokenize.Token, prevIdx, sentence, paragraph int) ([]Term, int) {
	key, ok := wordKey(tok)
	if !ok {
		return dst, -1
	}
	t := Term{Key: key, Surface: display.String(tok.Text), Kind: Word, Start: tok.Start, End: tok.End, Sentence: sentence, Paragraph: paragraph}
	dst = append(dst, t)
	idx := len(dst) - 1
	if o.Bigrams && prevIdx >= 0 {
		p := dst[prevIdx]
		if p.Sentence == sentence {
			dst = append(dst, Term{
				Key:     p.Key + " " + key,
				Surface: p.Surface + " " + t.Surface,
				Kind:    Bigram,
				Start:   p.Start, End: t.End,
				Sentence: sentence, Paragraph: paragraph,
			})
		}
	}
	return dst, idx
}

// wordKey returns the stem of a word token that is a topic term.
func wordKey(tok tokenize.Token) (string, bool) {
	if !isTermWord(&tok) {
		return "", false
	}
	s := tokenize.Stem(tok.Norm)
	return s, isTermStem(s)
}

// appendWordKey is wordKey appending the stem to dst: it reports false,
// leaving dst as it is, if tok is not a topic term.
func appendWordKey(dst []byte, tok *tokenize.Token) ([]byte, bool) {
	if !isTermWord(tok) {
		return dst, false
	}
	n := len(dst)
	dst = tokenize.AppendStem(dst, tok.Norm)
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
