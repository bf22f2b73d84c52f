package tokenize

// The scanners of the tokens that are not plain words: numbers, tags,
// URLs and e-mail addresses, and the byte and rune tests they share.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanNumber reads digits with inner separators (. , ٫ ٬ : /) that are
// followed by a digit. Latin letters right after the digits (5G, 19th)
// make the token a LatinWord.
func scanNumber(text string, i int) (Kind, int) {
	for i < len(text) {
		r, size := decodeRune(text, i)
		if isDigitRune(r) {
			i += size
			continue
		}
		if r == '.' || r == ',' || r == '٫' || r == '٬' || r == ':' || r == '/' {
			if next, _ := decodeRune(text, i+size); isDigitRune(next) {
				i += size
				continue
			}
		}
		break
	}
	if i < len(text) && isASCIILetter(text[i]) {
		for i < len(text) && (isASCIILetter(text[i]) || isASCIIDigit(text[i])) {
			i++
		}
		return LatinWord, i
	}
	return Number, i
}

// decodeRune decodes the rune at text[i], with an inlinable fast path for
// ASCII and the two-byte sequences of Arabic. It returns (-1, 0) at the
// end of text and (utf8.RuneError, 1) for an invalid byte.
func decodeRune(text string, i int) (rune, int) {
	if i+1 < len(text) {
		c, c1 := text[i], text[i+1]
		if c < utf8.RuneSelf {
			return rune(c), 1
		}
		if c >= 0xC2 && c < 0xE0 && c1&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(c1&0x3F), 2
		}
	}
	return decodeRuneSlow(text, i)
}

func decodeRuneSlow(text string, i int) (rune, int) {
	if i >= len(text) {
		return -1, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

func isDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return r >= 0 && unicode.IsDigit(r)
}

// scanTagBody reads the body of a hashtag or mention starting at i:
// letters, marks, digits and underscores. It returns i when there is none.
func scanTagBody(text string, i int) int {
	for i < len(text) {
		r, size := decodeRune(text, i)
		if r == '_' || isDigitRune(r) || isLetterOrMark(r) || ((r == 0x200C || r == 0x200D) && i > 0) {
			i += size
			continue
		}
		break
	}
	return i
}

// parts splits the body text[i:end] of a hashtag or mention into words at
// underscores.
func (s *Scanner) parts(i, end int) []Token {
	var parts []Token
	for i < end {
		if s.text[i] == '_' {
			i++
			continue
		}
		j := i
		for j < end && s.text[j] != '_' {
			j++
		}
		sub := Scanner{tz: s.tz, text: s.text[:j], full: s.text[:j]}
		for k := i; k < j; {
			kind, e := sub.scan(k)
			if kind != Invalid && kind != Punct && kind != Symbol {
				w := s.text[k:e]
				parts = append(parts, Token{Text: w, Norm: s.tz.norm.String(w), Kind: kind,
					Start: k, End: e, Sentence: s.tok.Sentence, Paragraph: s.tok.Paragraph})
			}
			if e <= k {
				e = k + 1
			}
			k = e
		}
		i = j
	}
	return parts
}

// scanURL reads a URL beginning with http://, https:// or www. at i.
// Trailing punctuation (. , ; : ! ? ، ؛ ؟ and unmatched closing brackets
// and quotes) is left out of it.
func scanURL(text string, i int) (int, bool) {
	rest := text[i:]
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.")) {
		return 0, false
	}
	j := i
	for j < len(text) {
		r, size := decodeRune(text, j)
		if r == utf8.RuneError && size == 1 {
			break
		}
		if unicode.IsSpace(r) || r == '"' || r == '<' || r == '>' || r == '«' || r == '»' || r == '“' || r == '”' || r == '،' || r == '؛' || isInvisible(r) {
			break
		}
		j += size
	}
	// Trim trailing punctuation.
	for j > i {
		r, size := utf8.DecodeLastRuneInString(text[i:j])
		trim := false
		switch r {
		case '.', ',', ';', ':', '!', '?', '\'', '؟', '…':
			trim = true
		case ')':
			trim = strings.Count(text[i:j], "(") < strings.Count(text[i:j], ")")
		case ']':
			trim = strings.Count(text[i:j], "[") < strings.Count(text[i:j], "]")
		}
		if !trim {
			break
		}
		j -= size
	}
	// Require something after the scheme.
	if j-i <= len("https://") && !strings.Contains(text[i:j], ".") {
		return 0, false
	}
	return j, true
}

// scanEmail reads an e-mail address at i: local part, '@', and a domain
// of at least two dot-separated ASCII labels.
func scanEmail(text string, i int) (int, bool) {
	j := i
	for j < len(text) && isEmailLocal(text[j]) {
		j++
	}
	if j == i || j >= len(text) || text[j] != '@' || text[j-1] == '.' {
		return 0, false
	}
	j++
	labels, end := 0, 0
	for {
		k := j
		for k < len(text) && (isASCIILetter(text[k]) || isASCIIDigit(text[k]) || text[k] == '-') {
			k++
		}
		if k == j {
			break
		}
		labels++
		end = k
		if k+1 < len(text) && text[k] == '.' && (isASCIILetter(text[k+1]) || isASCIIDigit(text[k+1])) {
			j = k + 1
			continue
		}
		break
	}
	if labels < 2 {
		return 0, false
	}
	return end, true
}

func isEmailLocal(c byte) bool {
	return isASCIILetter(c) || isASCIIDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isASCIIDigit(c byte) bool  { return '0' <= c && c <= '9' }

// isASCIIPunct reports whether c is ASCII punctuation (as opposed to a
// symbol such as $ + < = > ^ ` | ~).
func isASCIIPunct(c byte) bool {
	switch c {
	case '!', '"', '#', '%', '&', '\'', '(', ')', '*', ',', '-', '.', '/', ':', ';', '?', '@', '[', '\\', ']', '_', '{', '}':
		return true
	}
	return false
}

// isArabicLetter reports whether r is a letter of the Arabic script
// (including tatweel and presentation forms).
func isArabicLetter(r rune) bool {
	switch {
	case r >= 0x0620 && r <= 0x064A, r >= 0x066E && r <= 0x066F, r >= 0x0671 && r <= 0x06D3, r == 0x06D5,
		r >= 0x06E5 && r <= 0x06E6, r >= 0x06EE && r <= 0x06EF, r >= 0x06FA && r <= 0x06FC, r == 0x06FF:
		return true
	case r < 0x0750:
		return false
	case r <= 0x077F, r >= 0x08A0 && r <= 0x08C9:
		return true
	case r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFC:
		return unicode.IsLetter(r)
	}
	return false
}

// isLetterOrMark reports whether r can start or continue a word.
func isLetterOrMark(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r))
	}
	if isArabicLetter(r) || (r >= 0x064B && r <= 0x065F) || r == 0x0670 {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}
