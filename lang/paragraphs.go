package lang

import "strings"

// Span is a part of a text in one language: text[Start:End] in byte
// offsets.
type Span struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Language string `json:"language"`
}

// Paragraphs returns the language of every paragraph of text, a
// paragraph being a line (news pages put each paragraph on a line of its
// own), with consecutive paragraphs of one language merged into one span.
// The spans cover the whole text, in order and without gaps; line breaks
// belong to the span of the line they end.
//
// A line is decided on its own ([Stats.Language]) when it holds enough to
// judge: Arabic letters in the majority, or Latin words of which enough
// are common English words. A line without letters, and a Latin line of
// fewer than [LongText] words with no common English word (a byline, a
// name, Pixel 3 XL), takes the language of the text as a whole, so that an
// English article's "Antony Blinken" caption line stays English and an
// Arabic article's "Pixel 3 XL" line stays with the Arabic around it.
// Paragraphs returns nil for an empty text.
func Paragraphs(text string) []Span {
	if text == "" {
		return nil
	}
	whole := Count(text)
	def := whole.Language()
	var out []Span
	for start := 0; start < len(text); {
		end := len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		l := lineLanguage(Count(text[start:end]), def)
		if n := len(out); n > 0 && out[n-1].Language == l {
			out[n-1].End = end
		} else {
			out = append(out, Span{Start: start, End: end, Language: l})
		}
		start = end
	}
	return out
}

// lineLanguage is the language of a line whose counts are s in a text of
// language def.
func lineLanguage(s Stats, def string) string {
	n := s.Letters()
	switch {
	case n == 0:
		return def
	case 2*s.Arabic >= n:
		return Arabic
	case 2*s.Latin >= n && s.Common == 0 && s.Words < LongText:
		return def
	}
	return s.Language()
}
