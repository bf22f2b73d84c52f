package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Step is one normalisation step. Steps combine as a bit set; see
// [Normalizer] for the order in which they run.
type Step uint32

// The normalisation steps. Each can be switched on and off on its own.
const (
	// NFKC applies Unicode compatibility normalisation (NFKC): Arabic
	// presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) become ordinary
	// letters, lam-alef ligatures (ﻻ) become two letters (لا), ﷲ becomes
	// الله, full-width Latin becomes ASCII.
	NFKC Step = 1 << iota
	// StripInvisible removes invisible format marks: ZWNJ, ZWJ, ZWSP,
	// LRM, RLM, ALM (U+061C), bidi embeddings and isolates, word joiner,
	// soft hyphen and BOM.
	StripInvisible
	// StripDiacritics removes Arabic harakat, tanwin, shadda and sukun
	// (U+064B–U+065F), the superscript alef U+0670 and Quranic annotation
	// marks (U+0610–U+061A, U+06D6–U+06ED).
	StripDiacritics
	// StripTatweel removes the kashida U+0640 (ـ).
	StripTatweel
	// FoldAlef maps the hamzated and wasla alef forms أ إ آ ٱ ٲ ٳ to bare ا.
	FoldAlef
	// FoldYeh maps alef maqsura ى to yeh ي. It makes على (on) collide
	// with علي (Ali): decide stop words before this step.
	FoldYeh
	// FoldTehMarbuta maps teh marbuta ة to heh ه.
	FoldTehMarbuta
	// FoldPersian maps Persian and Urdu letter shapes to their Arabic
	// counterparts: ک → ك, ی → ي, ھ → ه, ە → ه, ۀ → ة.
	FoldPersian
	// FoldDigits maps Arabic-Indic (٠–٩) and Persian (۰–۹) digits to ASCII
	// digits, and the Arabic decimal separator ٫, thousands separator ٬ and
	// percent sign ٪ to '.', ',' and '%'.
	FoldDigits
	// LowerCase maps letters to lower case (Latin, Greek, Cyrillic…).
	LowerCase
)

// Step sets with a name.
const (
	// DefaultSteps is the normalisation of a token's Norm form: everything
	// except FoldYeh, FoldTehMarbuta and LowerCase, so that function words
	// such as على and إلى can still be told from names, and so that the
	// form stays readable.
	DefaultSteps = NFKC | StripInvisible | StripDiacritics | StripTatweel | FoldAlef | FoldPersian | FoldDigits
	// KeySteps is every step: the form used for matching names.
	KeySteps = DefaultSteps | FoldYeh | FoldTehMarbuta | LowerCase
)

var stepNames = [...]string{"NFKC", "StripInvisible", "StripDiacritics", "StripTatweel", "FoldAlef", "FoldYeh", "FoldTehMarbuta", "FoldPersian", "FoldDigits", "LowerCase"}

// String lists the steps of s joined by '|', e.g. "StripDiacritics|FoldAlef".
func (s Step) String() string {
	if s == 0 {
		return "0"
	}
	var b strings.Builder
	for i, name := range stepNames {
		if s&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(name)
		}
	}
	if rest := s &^ (1<<len(stepNames) - 1); rest != 0 {
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString("unknown")
	}
	return b.String()
}

// Normalizer rewrites Arabic text with a fixed set of steps. The steps run
// in this order: NFKC first (it produces ordinary letters from presentation
// forms), then, rune by rune, removal of invisible marks, diacritics and
// tatweel, and the folds.
//
// A Normalizer is a small value and is safe for concurrent use. The zero
// value applies no step.
type Normalizer struct {
	steps Step
}

// NewNormalizer returns a Normalizer that applies steps.
func NewNormalizer(steps Step) Normalizer { return Normalizer{steps: steps} }

// Steps reports the steps n applies.
func (n Normalizer) Steps() Step { return n.steps }

// Normalize applies [DefaultSteps] to s.
func Normalize(s string) string { return Normalizer{DefaultSteps}.String(s) }

// Key applies every step ([KeySteps]) to s: the form under which names are
// stored and looked up. Key("الوِلايات") == Key("الولايات").
func Key(s string) string { return Normalizer{KeySteps}.String(s) }

// AppendKey appends Key(s) to dst and returns the extended slice.
func AppendKey(dst []byte, s string) []byte { return Normalizer{KeySteps}.Append(dst, s) }

// String returns s normalised. When no step changes anything it returns s
// itself without allocating. Each invalid UTF-8 byte becomes U+FFFD (with
// any step set), so that removing a mark can never join stray bytes into
// a new character and the result is always valid UTF-8.
func (n Normalizer) String(s string) string {
	if n.steps == 0 {
		return s
	}
	i := n.firstChange(s)
	if i == len(s) {
		return s
	}
	return string(n.appendChanged(make([]byte, 0, len(s)+8), s, i))
}

// Append appends the normalised form of s to dst and returns the extended
// slice.
func (n Normalizer) Append(dst []byte, s string) []byte {
	if n.steps == 0 {
		return append(dst, s...)
	}
	i := n.firstChange(s)
	if i == len(s) {
		return append(dst, s...)
	}
	return n.appendChanged(dst, s, i)
}

// IsNormal reports whether s is unchanged by n.
func (n Normalizer) IsNormal(s string) bool { return n.firstChange(s) == len(s) }

// appendChanged appends the normalised form of s to dst, given that i is
// the index of the first rune that changes (firstChange).
func (n Normalizer) appendChanged(dst []byte, s string, i int) []byte {
	if !utf8.ValidString(s[i:]) {
		// Replace invalid bytes first, so that NFKC sees the marks that
		// follow them as it will on a second pass (Key stays idempotent).
		s = s[:i] + replaceInvalid(s[i:])
	}
	if n.steps&NFKC != 0 && needsNFKC(s[i:], n.steps) {
		s = nfkcString(s)
		i = 0
	}
	dst = append(dst, s[:i]...)
	return n.appendFrom(dst, s, i)
}

// replaceInvalid replaces each invalid byte of s with U+FFFD.
func replaceInvalid(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstChange returns the byte index of the first rune of s that n would
// change, or len(s).
func (n Normalizer) firstChange(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if n.steps&LowerCase != 0 && 'A' <= c && c <= 'Z' {
				return i
			}
			i++
			continue
		}
		r, size := decodeRune(s, i)
		if size == 1 {
			return i // an invalid byte becomes U+FFFD
		}
		if r < lowLimit {
			if lowChanges[r]&n.steps != 0 {
				return i
			}
		} else if n.steps&NFKC != 0 && runeNeedsNFKC(r, n.steps) || mapRune(r, n.steps) != r {
			return i
		}
		i += size
	}
	return len(s)
}

// appendFrom appends the rune-mapped form of s[i:] to dst.
func (n Normalizer) appendFrom(dst []byte, s string, i int) []byte {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if n.steps&LowerCase != 0 && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := decodeRune(s, i)
		if size == 1 {
			dst = append(dst, "\uFFFD"...) // invalid byte
			i++
			continue
		}
		if m := mapRune(r, n.steps); m >= 0 {
			dst = utf8.AppendRune(dst, m)
		}
		i += size
	}
	return dst
}

// mapRune returns what r becomes under steps (the NFKC step aside), or -1
// when r is removed.
func mapRune(r rune, steps Step) rune {
	switch {
	case r >= 0x0610 && r <= 0x06FF:
		return mapArabic(r, steps)
	case r >= 0x200B && r <= 0x206F, r == 0xFEFF, r == 0x00AD:
		if steps&StripInvisible != 0 && isInvisible(r) {
			return -1
		}
	}
	if steps&LowerCase != 0 {
		return unicode.ToLower(r)
	}
	return r
}

// mapArabic handles runes of the Arabic block.
func mapArabic(r rune, steps Step) rune {
	switch {
	case isDiacritic(r):
		if steps&StripDiacritics != 0 {
			return -1
		}
	case r == 0x0640:
		if steps&StripTatweel != 0 {
			return -1
		}
	case r == 0x061C:
		if steps&StripInvisible != 0 {
			return -1
		}
	case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ', r == 0x0672, r == 0x0673:
		if steps&FoldAlef != 0 {
			return 'ا'
		}
	case r == 'ى':
		if steps&FoldYeh != 0 {
			return 'ي'
		}
	case r == 'ة':
		if steps&FoldTehMarbuta != 0 {
			return 'ه'
		}
	case r == 'ک':
		if steps&FoldPersian != 0 {
			return 'ك'
		}
	case r == 'ی':
		if steps&FoldPersian != 0 {
			return 'ي'
		}
	case r == 'ھ', r == 'ە':
		if steps&FoldPersian != 0 {
			return 'ه'
		}
	case r == 'ۀ':
		if steps&FoldPersian != 0 {
			if steps&FoldTehMarbuta != 0 {
				return 'ه'
			}
			return 'ة'
		}
	case r >= '٠' && r <= '٩':
		if steps&FoldDigits != 0 {
			return '0' + r - '٠'
		}
	case r >= '۰' && r <= '۹':
		if steps&FoldDigits != 0 {
			return '0' + r - '۰'
		}
	case r == '٫':
		if steps&FoldDigits != 0 {
			return '.'
		}
	case r == '٬':
		if steps&FoldDigits != 0 {
			return ','
		}
	case r == '٪':
		if steps&FoldDigits != 0 {
			return '%'
		}
	}
	return r
}

// isDiacritic reports whether r is an Arabic combining mark removed by
// StripDiacritics.
func isDiacritic(r rune) bool {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670:
		return true
	case r >= 0x0610 && r <= 0x061A:
		return true
	case r >= 0x06D6 && r <= 0x06DC, r >= 0x06DF && r <= 0x06E4, r == 0x06E7, r == 0x06E8, r >= 0x06EA && r <= 0x06ED:
		return true
	}
	return false
}

// isInvisible reports whether r is an invisible format mark removed by
// StripInvisible.
func isInvisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F: // ZWSP, ZWNJ, ZWJ, LRM, RLM
		return true
	case r >= 0x202A && r <= 0x202E: // bidi embeddings and overrides
		return true
	case r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069: // word joiner, invisible operators, isolates
		return true
	case r == 0xFEFF, r == 0x00AD, r == 0x061C:
		return true
	}
	return false
}

// runeNeedsNFKC reports whether NFKC may change r. It is exact for the
// ranges Arabic news uses (ASCII, Latin-1 letters, the Arabic block) and
// conservative elsewhere: any other rune is handed to the NFKC tables.
func runeNeedsNFKC(r rune, steps Step) bool {
	switch {
	case r < 0xA0:
		return false
	case r >= 0xC0 && r <= 0x24F && r != 0x132 && r != 0x133 && r != 0x13F && r != 0x140 && r != 0x149 && r != 0x17F && (r < 0x1C4 || r > 0x1CC) && (r < 0x1F1 || r > 0x1F3):
		return false // precomposed Latin letters are NFKC-stable, bar the ligatures
	case r >= 0x0600 && r <= 0x06FF:
		if r >= 0x0675 && r <= 0x0678 { // high hamza letters decompose
			return true
		}
		// Canonical reordering of stacked harakat matters only when they
		// are kept.
		return steps&StripDiacritics == 0 && isDiacritic(r)
	case r >= 0x0750 && r <= 0x08FF: // Arabic Supplement and Extended-A/B
		return false
	case r >= 0x2010 && r <= 0x2027 && r != 0x2024 && r != 0x2025 && r != 0x2026:
		return false // dashes, quotes, bullets
	}
	return !norm.NFKC.IsNormalString(string(r))
}

// needsNFKC reports whether any rune of s needs NFKC.
func needsNFKC(s string, steps Step) bool {
	for _, r := range s {
		if r >= 0xA0 && runeNeedsNFKC(r, steps) {
			return true
		}
	}
	return false
}

// nfkcString applies NFKC to s. The norm package passes invalid bytes
// through; appendFrom then replaces them.
func nfkcString(s string) string {
	return norm.NFKC.String(s)
}

// Transformer returns a streaming transformer that applies n's steps, for
// use with transform.NewReader, transform.NewWriter or transform.String.
// A transformer holds state: build one per stream; it is not safe for
// concurrent use. Invalid UTF-8 bytes become U+FFFD in the output, as in
// String.
//
// A transformer reports no offsets back into its input. To keep offsets,
// tokenize first and normalise each token (see [Token.Norm]).
func (n Normalizer) Transformer() transform.Transformer {
	var chain []transform.Transformer
	if n.steps&NFKC != 0 {
		chain = append(chain, norm.NFKC)
	}
	steps := n.steps
	chain = append(chain,
		runes.Remove(runes.Predicate(func(r rune) bool { return mapRune(r, steps) < 0 })),
		runes.Map(func(r rune) rune { return mapRune(r, steps) }),
	)
	return transform.Chain(chain...)
}
