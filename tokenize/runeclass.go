package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// runeClass is the class of a rune for word scanning.
type runeClass uint8

const (
	classOther runeClass = iota
	classArabicLetter
	classLatinLetter
	classOtherLetter
	classMark
	classDigit
)

// lowLimit bounds the runes with precomputed tables: Latin, Greek,
// Cyrillic, Hebrew and the Arabic blocks up to U+07FF, i.e. every rune of
// one or two bytes in UTF-8.
const lowLimit = 0x800

// lowClass and lowChanges hold, for each rune below lowLimit, its class
// and the normalisation steps that change it. Both derive from the
// functions that define them (isArabicLetter, mapRune, runeNeedsNFKC), so
// that the fast paths and the slow paths always agree.
var lowClass, lowChanges = func() (cls [lowLimit]runeClass, chg [lowLimit]Step) {
	for r := rune(0); r < lowLimit; r++ {
		cls[r] = classify(r)
		for i := range stepNames {
			step := Step(1 << i)
			if step == NFKC {
				// NFKC also reorders stacked harakat when they are kept.
				if runeNeedsNFKC(r, StripDiacritics) || isDiacritic(r) {
					chg[r] |= NFKC
				}
			} else if mapRune(r, step) != r {
				chg[r] |= step
			}
		}
	}
	return cls, chg
}()

// classify returns the class of any rune.
func classify(r rune) runeClass {
	switch {
	case r < utf8.RuneSelf && isASCIILetter(byte(r)):
		return classLatinLetter
	case r < utf8.RuneSelf && isASCIIDigit(byte(r)):
		return classDigit
	case r < utf8.RuneSelf:
		return classOther
	case isArabicLetter(r):
		return classArabicLetter
	case (r >= 0x064B && r <= 0x065F) || r == 0x0670 || unicode.IsMark(r):
		return classMark
	case unicode.IsLetter(r):
		if unicode.Is(unicode.Latin, r) {
			return classLatinLetter
		}
		return classOtherLetter
	case unicode.IsDigit(r):
		return classDigit
	}
	return classOther
}

// classOf returns the class of r, from the table when it can.
func classOf(r rune) runeClass {
	if r >= 0 && r < lowLimit {
		return lowClass[r]
	}
	return classify(r)
}
