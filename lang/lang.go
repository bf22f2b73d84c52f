package lang

import (
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/tokenize"
)

// The languages Detect tells apart, as BCP 47 tags.
const (
	// Arabic: at least half of the letters are in the Arabic script.
	Arabic = "ar"
	// English: at least half of the letters are Latin, and the Latin
	// words read as English (see [Stats.Language]).
	English = "en"
	// Undetermined: another script, a Latin-script language other than
	// English, or no letters at all.
	Undetermined = "und"
)

// Thresholds of [Stats.Language].
const (
	// MinEnglishShare is the share of the Latin words of a text that must
	// be common English words (the, of, and, said…) for a text of
	// LongText words or more to be English. English news prose has about
	// 40%; French, Spanish or German text matches a few of them by
	// spelling (a, on, in, die) and stays well under it.
	MinEnglishShare = 0.15
	// LongText is the number of Latin words from which the share is
	// judged; a shorter text (a headline, a byline, a caption) is English
	// when it has at least one common English word.
	LongText = 8
)

// Stats counts what the language of a text is decided on.
type Stats struct {
	// Arabic, Latin and Other count letters by script: Arabic, Latin,
	// and any other (Cyrillic, Hebrew, Han…).
	Arabic, Latin, Other int
	// Words counts the words of Latin letters; Common those of them that
	// are common English words (tokenize.EnglishFunctionWords and the
	// reporting verbs said, told…).
	Words, Common int
}

// Letters returns the number of letters counted.
func (s Stats) Letters() int { return s.Arabic + s.Latin + s.Other }

// Add returns the sum of s and t.
func (s Stats) Add(t Stats) Stats {
	return Stats{Arabic: s.Arabic + t.Arabic, Latin: s.Latin + t.Latin, Other: s.Other + t.Other,
		Words: s.Words + t.Words, Common: s.Common + t.Common}
}

// Language decides the language of the counted text:
//
//   - [Arabic] when at least half of its letters are Arabic;
//   - [English] when at least half of them are Latin and its Latin words
//     read as English: at least [MinEnglishShare] of them common English
//     words when there are [LongText] or more, at least one otherwise;
//   - [Undetermined] in every other case: no letter, another script, or
//     Latin letters without English words (Pixel 3 XL, a French
//     paragraph).
func (s Stats) Language() string {
	n := s.Letters()
	switch {
	case n == 0:
		return Undetermined
	case 2*s.Arabic >= n:
		return Arabic
	case 2*s.Latin < n || s.Common == 0:
		return Undetermined
	case s.Words < LongText || float64(s.Common) >= MinEnglishShare*float64(s.Words):
		return English
	}
	return Undetermined
}

// Count counts the letters of text by script and its Latin words. Invalid
// UTF-8 bytes are skipped. It does not allocate.
func Count(text string) Stats {
	var s Stats
	word := 0 // start of the current run of Latin letters and apostrophes, -1 outside one
	inWord := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			latin := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
			if latin {
				s.Latin++
			}
			switch {
			case latin && !inWord:
				word, inWord = i, true
			case !latin && inWord && c != '\'':
				s.countWord(text[word:i])
				inWord = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		latin := false
		switch {
		case r == utf8.RuneError && size == 1:
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			s.Arabic++
		case unicode.Is(unicode.Latin, r):
			s.Latin++
			latin = true
		case unicode.IsLetter(r):
			s.Other++
		}
		switch {
		case latin && !inWord:
			word, inWord = i, true
		case !latin && inWord && r != '’':
			s.countWord(text[word:i])
			inWord = false
		}
		i += size
	}
	if inWord {
		s.countWord(text[word:])
	}
	return s
}

// countWord counts one Latin word, with any apostrophe after it.
func (s *Stats) countWord(w string) {
	s.Words++
	if tokenize.EnglishFunctionWords.Contains(w) || tokenize.ReportingVerbs.Contains(w) {
		s.Common++
	}
}

// Detect returns the language of text: Count(text).Language().
func Detect(text string) string { return Count(text).Language() }
