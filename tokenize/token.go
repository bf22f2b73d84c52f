package tokenize

import "fmt"

// Kind classifies a token.
type Kind uint8

// Token kinds. The zero Kind is not used by the tokenizer.
const (
	// ArabicWord is a run of letters and marks that contains Arabic-script
	// letters: كتاب، الوِلايات، بـغـداد.
	ArabicWord Kind = iota + 1
	// LatinWord is a run of Latin letters and digits that starts with a
	// letter, or a number with a Latin suffix: Google, G20, 5G, don't.
	LatinWord
	// Word is a run of letters of another script (Cyrillic, Hebrew, Han…).
	Word
	// Number is a run of digits of any script, with inner separators that
	// are followed by a digit: 2021, ٢٠٢١, 3.5, ١٫٥, 1,200, 9:34, 7/4/2021.
	Number
	// Punct is a punctuation mark: . ، ؛ ؟ « » ( ) - and runs of sentence
	// terminators such as "..." or "؟!".
	Punct
	// Symbol is a symbol or other character: % $ + = © and emoji.
	Symbol
	// URL is a web address starting with http://, https:// or www.
	URL
	// Email is an e-mail address.
	Email
	// Hashtag is '#' followed by letters, digits and underscores; its
	// words are in [Token.Parts].
	Hashtag
	// Mention is '@' followed by letters, digits and underscores.
	Mention
	// Invalid is a run of bytes that are not valid UTF-8. Its Text holds
	// the bytes exactly and its Norm is U+FFFD.
	Invalid
)

var kindNames = [...]string{
	ArabicWord: "arabic",
	LatinWord:  "latin",
	Word:       "word",
	Number:     "number",
	Punct:      "punct",
	Symbol:     "symbol",
	URL:        "url",
	Email:      "email",
	Hashtag:    "hashtag",
	Mention:    "mention",
	Invalid:    "invalid",
}

// String returns the kind's lower-case name, as used in JSON output:
// "arabic", "latin", "word", "number", "punct", "symbol", "url", "email",
// "hashtag", "mention" or "invalid".
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText encodes the kind as its name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a kind name written by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, name := range kindNames {
		if name != "" && name == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("tokenize: unknown token kind %q", b)
}

// IsWord reports whether the kind is a word of letters (Arabic, Latin or
// another script).
func (k Kind) IsWord() bool { return k == ArabicWord || k == LatinWord || k == Word }

// Token is one token of a text.
//
// Offsets are 0-based byte positions in the original text, End exclusive,
// so that text[Start:End] == Text always holds. Use [Offsets] to convert
// them to rune or UTF-16 positions.
type Token struct {
	// Text is the surface exactly as in the original text.
	Text string
	// Norm is the normalised form (the tokenizer's steps; by default
	// DefaultSteps). It equals Text, without a copy, when nothing changed.
	Norm string
	// Kind says what the token is.
	Kind Kind
	// Start and End are byte offsets into the original text.
	Start, End int
	// Sentence is the 0-based index of the token's sentence in the text.
	Sentence int
	// Paragraph is the 0-based index of the token's paragraph.
	Paragraph int
	// Parts holds the words inside a hashtag or mention, split at
	// underscores (#كوريا_الشمالية → كوريا, الشمالية), each with its own
	// offsets, kind and Norm. It is nil for other kinds.
	Parts []Token
}

// Len returns the token's length in bytes.
func (t Token) Len() int { return t.End - t.Start }

// JoiningHyphen reports whether tokens[i] is a hyphen (U+002D, U+2010 or
// U+2011) between two words and written against one of them or both:
// جونغ-أون، جان-بيير، دياز- كانيل. Such a hyphen joins the words of one
// name, where a spaced one (بيروت - دمشق) separates two.
func JoiningHyphen(tokens []Token, i int) bool {
	if i == 0 || i+1 >= len(tokens) || tokens[i].Kind != Punct {
		return false
	}
	switch tokens[i].Text {
	case "-", "\u2010", "\u2011":
	default:
		return false
	}
	return (tokens[i-1].End == tokens[i].Start || tokens[i].End == tokens[i+1].Start) &&
		tokens[i-1].Kind.IsWord() && tokens[i+1].Kind.IsWord()
}
