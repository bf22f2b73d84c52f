package tokenize

import (
	"context"
	"errors"
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParagraphMode says how line breaks separate paragraphs and sentences.
type ParagraphMode uint8

const (
	// EachLine treats every line break as the end of a paragraph (and so of
	// a sentence). This suits web news, where each paragraph, heading and
	// footer line is a line of its own. It is the default.
	EachLine ParagraphMode = iota
	// BlankLine treats a single line break as a space and a blank line (two
	// or more line breaks) as the end of a paragraph. It suits hard-wrapped
	// text.
	BlankLine
)

// Option configures a [Tokenizer].
type Option func(*config) error

type config struct {
	steps      Step
	paragraphs ParagraphMode
	abbrevs    map[string]bool
}

// WithSteps sets the normalisation steps used for [Token.Norm]. The
// default is [DefaultSteps].
func WithSteps(steps Step) Option {
	return func(c *config) error {
		if steps&^KeySteps != 0 {
			return errors.New("tokenize: WithSteps: unknown normalisation step")
		}
		c.steps = steps
		return nil
	}
}

// WithParagraphs sets how line breaks separate paragraphs. The default is
// [EachLine].
func WithParagraphs(mode ParagraphMode) Option {
	return func(c *config) error {
		if mode != EachLine && mode != BlankLine {
			return errors.New("tokenize: WithParagraphs: unknown paragraph mode")
		}
		c.paragraphs = mode
		return nil
	}
}

// WithAbbreviations adds words after which a full stop does not end a
// sentence (written without the stop, e.g. "Gen" or "Sen"), to the
// built-in list documented in the package overview.
func WithAbbreviations(words ...string) Option {
	return func(c *config) error {
		for _, w := range words {
			w = strings.TrimSuffix(strings.TrimSpace(w), ".")
			if w == "" {
				return errors.New("tokenize: WithAbbreviations: empty abbreviation")
			}
			c.abbrevs[strings.ToLower(Normalize(w))] = true
		}
		return nil
	}
}

// Tokenizer splits text into tokens and sentences. Build it once with
// [New]; it holds no per-text state and is safe for concurrent use.
type Tokenizer struct {
	norm       Normalizer
	paragraphs ParagraphMode
	abbrevs    map[string]bool
}

// New returns a Tokenizer configured by opts. Without options it
// normalises with [DefaultSteps] and treats each line as a paragraph.
func New(opts ...Option) (*Tokenizer, error) {
	c := config{steps: DefaultSteps, abbrevs: make(map[string]bool, len(abbreviations))}
	for _, a := range abbreviations {
		c.abbrevs[a] = true
	}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	return &Tokenizer{norm: Normalizer{c.steps}, paragraphs: c.paragraphs, abbrevs: c.abbrevs}, nil
}

var defaultTokenizer, _ = New()

// Default returns the Tokenizer built by New with no options.
func Default() *Tokenizer { return defaultTokenizer }

// Tokenize splits text with the default tokenizer. See [Tokenizer.Tokenize].
func Tokenize(text string) []Token { return defaultTokenizer.Tokenize(text) }

// Normalizer returns the normaliser that produces [Token.Norm].
func (tz *Tokenizer) Normalizer() Normalizer { return tz.norm }

// Tokenize returns the tokens of text in order. Every token satisfies
// text[t.Start:t.End] == t.Text; the bytes between tokens are whitespace
// and invisible marks only. It allocates the slice and the Norm strings
// that differ from their Text: a Token takes 96 bytes on 64-bit
// platforms, so the slice costs about 16 bytes per byte of text (the
// estimate reserved up front for Arabic news, a token every 6 bytes or
// more) and up to 48 for text that is a token every two bytes. [Tokenizer.List]
// holds the same tokens in 20 bytes each.
func (tz *Tokenizer) Tokenize(text string) []Token {
	toks, _ := tz.TokenizeContext(context.Background(), text)
	return toks
}

// checkEvery is how many tokens the functions that take a context read
// between two looks at it: a few hundred microseconds of work.
const checkEvery = 4096

// TokenizeContext is [Tokenizer.Tokenize] with a context, which it checks
// every few thousand tokens: when ctx is done it stops and returns nil and
// ctx's error, so that a deadline is honoured within a millisecond or so
// whatever the size of text.
func (tz *Tokenizer) TokenizeContext(ctx context.Context, text string) ([]Token, error) {
	toks := make([]Token, 0, len(text)/6+8)
	s := tz.Scanner(text)
	// Norm forms that differ from their Text are written one after the
	// other into one buffer, turned into a single string at the end: one
	// allocation instead of one per changed token.
	s.arena = make([]byte, 0, len(text)/4+16)
	var fix []normSpan
	for s.Next() {
		if len(toks)%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if s.arenaLen >= 0 {
			fix = append(fix, normSpan{len(toks), s.arenaOff, s.arenaLen})
		}
		if len(toks) == cap(toks) {
			toks = slices.Grow(toks, projectGrowth(len(toks), s.pos, len(text)))
		}
		toks = append(toks, s.tok)
	}
	if len(fix) > 0 {
		all := string(s.arena)
		for _, f := range fix {
			toks[f.token].Norm = all[f.off : f.off+f.n]
		}
	}
	return toks, nil
}

// projectGrowth returns how many more tokens to make room for when n
// tokens fill the slice after reading pos of the text's size bytes: the
// rest of the text at the density read so far, and a little more, so that
// a text denser than the first estimate (". . .") is copied once or twice
// rather than at every 25% of growth.
func projectGrowth(n, pos, size int) int {
	if pos <= 0 || n < 1024 {
		return n + 8
	}
	rest := int(float64(n) * float64(size-pos) / float64(pos) * 1.1)
	return max(rest, n/8) + 8
}

// normSpan locates the Norm form of a token in the arena.
type normSpan struct{ token, off, n int }

// Tokens returns a single-use iterator over the tokens of text.
func (tz *Tokenizer) Tokens(text string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		s := tz.Scanner(text)
		for s.Next() {
			if !yield(s.tok) {
				return
			}
		}
	}
}

// Scanner reads the tokens of one text, one at a time, in the manner of
// bufio.Scanner. A Scanner is not safe for concurrent use; reuse it for
// another text with Reset.
type Scanner struct {
	tz   *Tokenizer
	text string
	pos  int
	tok  Token

	// arena, when not nil, receives the Norm forms that differ from their
	// Text; arenaOff and arenaLen locate the current token's (arenaLen is
	// -1 when its Norm is its Text).
	arena              []byte
	arenaOff, arenaLen int
	// full is the whole text. text is full, or with blank spans (see
	// Tokenizer.ListBlanked) full cut where the next of them begins.
	full    string
	blank   []Span
	scratch []byte // reused for Norm forms when arena is nil
	// lazy, set by List, leaves Norm and Parts unset and only notes in
	// normChanged whether the Norm form differs from the Text.
	lazy, normChanged bool
	changes           Step // steps that change the word scanWord read
	exotic            bool // scanWord met a rune beyond the tables

	sentence, paragraph int
	emitted             bool // a token was emitted since the text began
	inSentence          bool // the current sentence has a token
	pendingBreak        bool // a sentence terminator was seen
	lineBreaks          int  // line breaks since the last token
	prevEnd             int
	prevKind            Kind
	prevText            string
}

// Scanner returns a Scanner over text.
func (tz *Tokenizer) Scanner(text string) *Scanner {
	s := &Scanner{tz: tz}
	s.Reset(text)
	return s
}

// Reset makes s read text from its beginning.
func (s *Scanner) Reset(text string) {
	*s = Scanner{tz: s.tz, text: text, full: text, scratch: s.scratch[:0]}
}

// Token returns the token read by the last call to Next.
func (s *Scanner) Token() Token { return s.tok }

// Next reads the next token and reports whether there was one.
func (s *Scanner) Next() bool {
	text := s.text
	i := s.pos
	// Skip whitespace and invisible marks between tokens, counting line
	// breaks, and the blank spans.
skip:
	for {
		if i >= len(text) {
			if len(s.blank) == 0 {
				break
			}
			i = s.skipBlank()
			text = s.text
			continue
		}
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				s.lineBreaks++
			} else if c == '\r' {
				// full, not text: a blank span keeps its line breaks.
				if i+1 >= len(s.full) || s.full[i+1] != '\n' {
					s.lineBreaks++
				}
			} else if c != ' ' && c != '\t' && c != '\v' && c != '\f' {
				break skip
			}
			i++
			continue
		}
		r, size := decodeRune(text, i)
		if size == 1 || isArabicLetter(r) {
			break skip
		}
		switch {
		case r == 0x2029: // paragraph separator
			s.lineBreaks += 2
		case r == 0x2028, r == 0x0085:
			s.lineBreaks++
		case unicode.IsSpace(r), isInvisible(r):
			// ZWNJ, ZWJ and other invisible marks between words are gaps.
		default:
			break skip
		}
		i += size
	}
	if i >= len(text) {
		s.pos = i
		return false
	}
	start := i
	s.arenaLen = -1
	s.normChanged = false
	s.exotic = true // scanWord clears it for words it fully classified
	kind, end := s.scan(start)
	s.pos = end
	s.tok = Token{Text: text[start:end], Kind: kind, Start: start, End: end}
	switch kind {
	case Invalid:
		s.tok.Norm = "\uFFFD"
	default:
		s.tok.Norm = s.tok.Text
		if !s.exotic && s.changes&s.tz.norm.steps == 0 {
			break // scanWord saw nothing to normalise
		}
		if i := s.tz.norm.firstChange(s.tok.Text); i < len(s.tok.Text) {
			if s.lazy {
				s.normChanged = true
			} else if s.arena != nil {
				s.arenaOff = len(s.arena)
				s.arena = s.tz.norm.appendChanged(s.arena, s.tok.Text, i)
				s.arenaLen = len(s.arena) - s.arenaOff
				s.tok.Norm = "" // set by Tokenize from the arena
			} else {
				s.scratch = s.tz.norm.appendChanged(s.scratch[:0], s.tok.Text, i)
				s.tok.Norm = string(s.scratch)
			}
		}
	}
	s.place()
	if (kind == Hashtag || kind == Mention) && !s.lazy {
		s.tok.Parts = s.parts(start+1, end)
	}
	s.prevEnd, s.prevKind, s.prevText = end, kind, s.tok.Text
	s.emitted = true
	return true
}

// skipBlank reads the first blank span, which begins where s.text ends,
// as the spaces and line breaks it stands for, and returns where it
// ends; s.text then runs to the next blank span.
func (s *Scanner) skipBlank() int {
	b := s.blank[0]
	s.blank = s.blank[1:]
	for j := b.Start; j < b.End; j++ {
		switch s.full[j] {
		case '\n':
			s.lineBreaks++
		case '\r':
			if j+1 >= len(s.full) || s.full[j+1] != '\n' {
				s.lineBreaks++
			}
		}
	}
	s.text = s.full
	if len(s.blank) > 0 {
		s.text = s.full[:s.blank[0].Start]
	}
	return b.End
}

// place assigns the token its sentence and paragraph, applying line breaks
// and a pending terminator, then notes whether the token itself ends a
// sentence.
func (s *Scanner) place() {
	t := &s.tok
	attached := s.emitted && t.Start == s.prevEnd
	if s.lineBreaks > 0 && s.emitted {
		if s.lineBreaks >= 2 || s.tz.paragraphs == EachLine {
			s.paragraph++
			s.newSentence()
		} else if s.pendingBreak {
			s.newSentence()
		}
	} else if s.pendingBreak {
		switch {
		case attached && isClosing(t.Text):
			// A closing quote or bracket right after the terminator
			// belongs to the sentence it closes.
		case attached && (t.Kind.IsWord() || t.Kind == Number):
			// "العربية.نت", "J.P": no space after the stop.
			s.pendingBreak = false
		default:
			s.newSentence()
		}
	}
	s.lineBreaks = 0
	t.Sentence, t.Paragraph = s.sentence, s.paragraph
	s.inSentence = true
	if t.Kind == Punct && s.isTerminator(t) {
		s.pendingBreak = true
	}
}

func (s *Scanner) newSentence() {
	if s.inSentence {
		s.sentence++
		s.inSentence = false
	}
	s.pendingBreak = false
}

// isTerminator reports whether the punctuation token t ends a sentence,
// given the token before it.
func (s *Scanner) isTerminator(t *Token) bool {
	switch t.Text {
	case "!", "?", "؟", "…", "۔":
	case ".":
		if t.Start != s.prevEnd || !s.prevKind.IsWord() {
			return true
		}
		if utf8.RuneCountInString(s.prevText) == 1 {
			return false // an initial: J. P. Morgan, د. فؤاد
		}
		return !s.tz.abbrevs[strings.ToLower(s.tz.norm.String(s.prevText))]
	default:
		// Runs of terminators: "...", "؟!", "!!".
		for _, r := range t.Text {
			if !isTerminatorRune(r) {
				return false
			}
		}
	}
	return true
}

func isTerminatorRune(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '؟' || r == '…' || r == '۔'
}

// isClosing reports whether a punctuation token closes a quote or bracket.
func isClosing(s string) bool {
	switch s {
	case ")", "]", "}", "»", "\"", "'", "”", "’", "›", "\u201F":
		return true
	}
	return false
}

// scan reads the token that starts at byte i and returns its kind and end.
func (s *Scanner) scan(i int) (Kind, int) {
	text := s.text
	c := text[i]
	if c < utf8.RuneSelf {
		switch {
		case isASCIILetter(c):
			if end, ok := scanURL(text, i); ok {
				return URL, end
			}
			if end, ok := scanEmail(text, i); ok {
				return Email, end
			}
			return s.scanWord(i)
		case isASCIIDigit(c):
			if end, ok := scanEmail(text, i); ok {
				return Email, end
			}
			return scanNumber(text, i)
		case c == '#':
			if end := scanTagBody(text, i+1); end > i+1 {
				return Hashtag, end
			}
			return Symbol, i + 1
		case c == '@':
			if end := scanTagBody(text, i+1); end > i+1 {
				return Mention, end
			}
			return Symbol, i + 1
		case c == '.' || c == '!' || c == '?':
			return Punct, scanTerminators(text, i)
		case c == '_':
			return Punct, i + 1
		case isASCIIPunct(c):
			return Punct, i + 1
		default:
			return Symbol, i + 1 // symbols and control characters
		}
	}
	r, size := decodeRune(text, i)
	if size == 1 {
		end := i + 1
		for end < len(text) && text[end] >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[end:])
			if r != utf8.RuneError || n != 1 {
				break
			}
			end++
		}
		return Invalid, end
	}
	switch {
	case isLetterOrMark(r):
		return s.scanWord(i)
	case unicode.IsDigit(r):
		return scanNumber(text, i)
	case r == '؟' || r == '…' || r == '۔':
		return Punct, scanTerminators(text, i)
	case unicode.IsPunct(r):
		return Punct, i + size
	default:
		return Symbol, i + size
	}
}

// scanTerminators reads a run of sentence terminators.
func scanTerminators(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTerminatorRune(r) {
			break
		}
		i += size
	}
	return i
}

// scanWord reads a word: letters, combining marks, tatweel and, between
// letters, ZWNJ/ZWJ and (in Latin words) apostrophes and digits. A change
// between Arabic and non-Arabic script ends the word. While it reads, it
// notes in s.changes the normalisation steps that would change the word,
// and in s.exotic whether it met a rune outside the precomputed tables, so
// that Next can skip a second pass over words that need no normalisation.
func (s *Scanner) scanWord(i int) (Kind, int) {
	kind, end, changes, exotic := scanWord(s.text, i)
	s.changes, s.exotic = changes, exotic
	return kind, end
}

func scanWord(text string, i int) (kind Kind, end int, changes Step, exotic bool) {
	arabic, latin, other := false, false, false
	first := true
	for i < len(text) {
		c := text[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			if c >= 0xC2 && c < 0xE0 && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
				r, size = rune(c&0x1F)<<6|rune(text[i+1]&0x3F), 2
			} else {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
		}
		var cls runeClass
		if r < lowLimit {
			cls = lowClass[r]
			changes |= lowChanges[r]
		} else {
			cls = classify(r)
			exotic = true
		}
		switch cls {
		case classArabicLetter:
			if (latin || other) && !first {
				return wordKind(arabic, latin, other), i, changes, exotic
			}
			arabic = true
		case classLatinLetter, classOtherLetter:
			if arabic {
				return ArabicWord, i, changes, exotic
			}
			if cls == classLatinLetter {
				latin = true
			} else {
				other = true
			}
		case classMark:
		case classDigit:
			if arabic || (!latin && !other) {
				return wordKind(arabic, latin, other), i, changes, exotic
			}
		default:
			next, _ := decodeRune(text, i+size)
			switch {
			case (r == '\'' || r == '’') && latin && next < utf8.RuneSelf && next >= 0 && isASCIILetter(byte(next)):
			case (r == 0x200C || r == 0x200D) && next >= 0 && (classOf(next) == classArabicLetter || classOf(next) == classMark ||
				classOf(next) == classLatinLetter || classOf(next) == classOtherLetter):
			default:
				return wordKind(arabic, latin, other), i, changes, exotic
			}
		}
		i += size
		first = false
	}
	return wordKind(arabic, latin, other), i, changes, exotic
}

func wordKind(arabic, latin, other bool) Kind {
	switch {
	case arabic:
		return ArabicWord
	case other:
		return Word
	case latin:
		return LatinWord
	}
	return Word // marks only
}
