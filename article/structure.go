package article

import (
	"fmt"
	"strconv"
)

// Kind is the role of a block in an article.
type Kind uint8

// The kinds of block. The zero Kind is not a kind and means "unknown".
const (
	// Title is the headline: the first non-blank line, when it is short
	// enough to be one.
	Title Kind = iota + 1
	// DuplicateTitle is a line right after the title that repeats it
	// (scraped pages often hold the headline twice). It is not analysed.
	DuplicateTitle
	// Dateline is a metadata line: section and date, time of publication
	// or update, place and agency ("القاهرة - (رويترز) -"), the source or
	// byline ("العربية", "بقلم: …"). It is not analysed.
	Dateline
	// Subheading is a short line between paragraphs that introduces the
	// paragraph after it.
	Subheading
	// Paragraph is body text: one or more lines.
	Paragraph
	// Boilerplate is page furniture: subscribe, follow, share and
	// download-the-app lines, related-link lists, copyright lines. It is
	// not analysed.
	Boilerplate
)

var kindNames = [...]string{
	Title:          "title",
	DuplicateTitle: "duplicate-title",
	Dateline:       "dateline",
	Subheading:     "subheading",
	Paragraph:      "paragraph",
	Boilerplate:    "boilerplate",
}

// String returns a stable lower-case name: "title", "duplicate-title",
// "dateline", "subheading", "paragraph", "boilerplate"; "Kind(n)" for a
// value outside the enumeration.
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes k as its String name, so that kinds read well in
// JSON.
func (k Kind) MarshalText() ([]byte, error) {
	if k == 0 || int(k) >= len(kindNames) {
		return nil, fmt.Errorf("article: cannot marshal %v", k)
	}
	return []byte(k.String()), nil
}

// UnmarshalText decodes a name produced by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, name := range kindNames {
		if i > 0 && name == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("article: unknown kind %q", b)
}

// Analysed reports whether blocks of kind k carry the article's content
// and should be analysed: Title, Subheading and Paragraph.
func (k Kind) Analysed() bool {
	return k == Title || k == Subheading || k == Paragraph
}

// Block is one part of an article. Start and End are 0-based byte offsets
// into the parsed text, End exclusive; text[Start:End] is the block with
// the white space around it trimmed. A paragraph may span several lines
// and then holds the line breaks between them. Line is the 1-based number
// of the block's first line (lines end at \n, \r\n or a lone \r).
type Block struct {
	Kind  Kind `json:"kind"`
	Start int  `json:"start"`
	End   int  `json:"end"`
	Line  int  `json:"line"`
}

// Text returns text[b.Start:b.End]. text must be the string the block was
// parsed from.
func (b Block) Text(text string) string { return text[b.Start:b.End] }

// Structure is the result of Parse: the blocks of an article in text
// order. Blocks never overlap; the bytes between them are white space,
// line breaks and invisible marks (BOM, LRM, RLM).
type Structure struct {
	Blocks []Block
}

// Title returns the title block, and false if the article has none.
func (s Structure) Title() (Block, bool) {
	for _, b := range s.Blocks {
		if b.Kind == Title {
			return b, true
		}
	}
	return Block{}, false
}

// Analysed returns the blocks to analyse, in order: the title, the
// subheadings and the paragraphs.
func (s Structure) Analysed() []Block {
	var out []Block
	for _, b := range s.Blocks {
		if b.Kind.Analysed() {
			out = append(out, b)
		}
	}
	return out
}

// Of returns the blocks of kind k, in order.
func (s Structure) Of(k Kind) []Block {
	var out []Block
	for _, b := range s.Blocks {
		if b.Kind == k {
			out = append(out, b)
		}
	}
	return out
}

// Mask returns a copy of text, of the same length in bytes, in which every
// byte of a block that is not analysed (DuplicateTitle, Dateline,
// Boilerplate) is replaced by a space, except \n and \r, which are kept.
// Everything else is left as it is, so that offsets into the masked text
// are offsets into text: tokenize the mask and every token still points at
// its place in the original. The masked bytes of a multi-byte character
// become several spaces, so the mask is valid UTF-8 wherever text is.
//
// text must be the string s was parsed from; blocks that do not fit in it
// are ignored.
func (s Structure) Mask(text string) string {
	var buf []byte
	for _, b := range s.Blocks {
		if b.Kind.Analysed() || b.Start < 0 || b.End > len(text) || b.Start > b.End {
			continue
		}
		if buf == nil {
			buf = []byte(text)
		}
		for i := b.Start; i < b.End; i++ {
			if c := buf[i]; c != '\n' && c != '\r' {
				buf[i] = ' '
			}
		}
	}
	if buf == nil {
		return text
	}
	return string(buf)
}
