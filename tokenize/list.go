package tokenize

import (
	"context"
	"fmt"
	"iter"
	"math"
	"slices"
	"unsafe"
)

// List holds the tokens of one text in a compact form, for long texts: 20
// bytes a token where a [Token] takes 96. It keeps each token's offsets,
// kind, sentence and paragraph, and whether its Norm form differs from its
// Text; the text itself is not copied (a token's Text is a slice of it),
// a Norm form that differs is computed when asked for, and the words of a
// hashtag or mention are read again from the text on request.
//
// A List is built by [Tokenizer.List] or [Tokenizer.ListBlanked] and is immutable: it is safe for
// concurrent use. Indexes are 0-based token positions, as in the []Token
// that [Tokenizer.Tokenize] returns for the same text, and every accessor
// panics if its index is out of range, as slice indexing does.
type List struct {
	tz     *Tokenizer
	text   string
	n      int
	blocks [][]packedToken
}

// packedToken is one token of a List.
type packedToken struct {
	start, end          uint32
	sentence, paragraph uint32
	kind                Kind
	normChanged         bool
}

// listBlock is how many tokens one block of a List holds. Blocks of a
// fixed size grow the list without copying it: at most one block is
// partly empty, and no reallocation ever holds two copies.
const listBlock = 4096

// MaxListBytes is the longest text a List can hold: its offsets are 32-bit.
const MaxListBytes = math.MaxUint32

// List tokenizes text into a [List]. It reads the same tokens as
// [Tokenizer.Tokenize], in about a fifth of the memory, and checks ctx
// every few thousand tokens: when ctx is done it returns nil and ctx's
// error. A text longer than [MaxListBytes] is an error.
func (tz *Tokenizer) List(ctx context.Context, text string) (*List, error) {
	return tz.list(ctx, "List", text, nil)
}

// Span is a range of bytes of a text: text[Start:End], End exclusive.
type Span struct {
	Start, End int
}

// ListBlanked is [Tokenizer.List] for text read as if every byte of the
// blank spans but the line breaks \n and \r were a space: the tokens of
// the text with those spans masked, as article.Structure.Mask masks the
// blocks an analysis leaves out, read without copying the text. Offsets
// are offsets into text, which is the List's [List.Source]. The spans
// must be in order and not overlap, each within text (empty ones are
// ignored); otherwise ListBlanked returns an error.
func (tz *Tokenizer) ListBlanked(ctx context.Context, text string, blank []Span) (*List, error) {
	end := 0
	for _, b := range blank {
		if b.Start < end || b.End < b.Start || b.End > len(text) {
			return nil, fmt.Errorf("tokenize: ListBlanked: span [%d:%d] out of order or out of range [%d:%d]", b.Start, b.End, end, len(text))
		}
		end = b.End
	}
	return tz.list(ctx, "ListBlanked", text, blank)
}

// list reads the tokens of text, with blank spans checked by the caller.
func (tz *Tokenizer) list(ctx context.Context, name, text string, blank []Span) (*List, error) {
	if uint64(len(text)) > MaxListBytes {
		return nil, fmt.Errorf("tokenize: %s: text of %d bytes is over the limit of %d", name, len(text), uint64(MaxListBytes))
	}
	l := &List{tz: tz, text: text}
	s := Scanner{tz: tz, text: text, full: text, lazy: true}
	blank = slices.DeleteFunc(slices.Clone(blank), func(b Span) bool { return b.Start == b.End })
	if len(blank) > 0 {
		s.blank, s.text = blank, text[:blank[0].Start]
	}
	var cur []packedToken
	for s.Next() {
		if l.n%listBlock == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if cur != nil {
				l.blocks = append(l.blocks, cur)
			}
			// The first block is sized for the text (a token every 6
			// bytes of news text), the others hold listBlock tokens.
			cur = make([]packedToken, 0, min(listBlock, len(text)/6+8))
		}
		t := &s.tok
		cur = append(cur, packedToken{
			start: uint32(t.Start), end: uint32(t.End),
			sentence: uint32(t.Sentence), paragraph: uint32(t.Paragraph),
			kind: t.Kind, normChanged: s.normChanged,
		})
		l.n++
	}
	if cur != nil {
		l.blocks = append(l.blocks, cur)
	}
	return l, nil
}

// at returns the packed token i, panicking when i is out of range.
func (l *List) at(i int) *packedToken {
	if uint(i) >= uint(l.n) {
		panic(fmt.Sprintf("tokenize: List index %d out of range [0:%d]", i, l.n))
	}
	return &l.blocks[i/listBlock][i%listBlock]
}

// Len returns the number of tokens.
func (l *List) Len() int { return l.n }

// Source returns the text the List was read from, into which every
// offset points.
func (l *List) Source() string { return l.text }

// Tokenizer returns the tokenizer that read the List.
func (l *List) Tokenizer() *Tokenizer { return l.tz }

// MemoryUsage returns the bytes the List holds, the text aside.
func (l *List) MemoryUsage() int {
	n := int(unsafe.Sizeof(*l)) + cap(l.blocks)*int(unsafe.Sizeof(l.blocks[0:0]))
	for _, b := range l.blocks {
		n += cap(b) * int(unsafe.Sizeof(packedToken{}))
	}
	return n
}

// Start returns token i's start, a byte offset into the text.
func (l *List) Start(i int) int { return int(l.at(i).start) }

// End returns token i's end, a byte offset into the text (exclusive).
func (l *List) End(i int) int { return int(l.at(i).end) }

// Kind returns token i's kind.
func (l *List) Kind(i int) Kind { return l.at(i).kind }

// Text returns token i's surface, a slice of the text (no copy).
func (l *List) Text(i int) string {
	t := l.at(i)
	return l.text[t.start:t.end]
}

// Sentence returns the 0-based index of token i's sentence.
func (l *List) Sentence(i int) int { return int(l.at(i).sentence) }

// Paragraph returns the 0-based index of token i's paragraph.
func (l *List) Paragraph(i int) int { return int(l.at(i).paragraph) }

// Norm returns token i's normalised form, as [Token.Norm]. It returns the
// Text itself when normalisation changes nothing, and allocates the form
// otherwise; [List.AppendNorm] does not.
func (l *List) Norm(i int) string {
	t := l.at(i)
	switch {
	case t.kind == Invalid:
		return "\uFFFD"
	case !t.normChanged:
		return l.text[t.start:t.end]
	}
	return l.tz.norm.String(l.text[t.start:t.end])
}

// AppendNorm appends token i's normalised form to dst and returns the
// extended slice.
func (l *List) AppendNorm(dst []byte, i int) []byte {
	t := l.at(i)
	switch {
	case t.kind == Invalid:
		return append(dst, "\uFFFD"...)
	case !t.normChanged:
		return append(dst, l.text[t.start:t.end]...)
	}
	return l.tz.norm.Append(dst, l.text[t.start:t.end])
}

// NormChanged reports whether token i's normalised form differs from its
// Text.
func (l *List) NormChanged(i int) bool {
	t := l.at(i)
	return t.normChanged || t.kind == Invalid
}

// Parts returns the words inside token i when it is a hashtag or a
// mention, as [Token.Parts], and nil otherwise. It reads them again from
// the text and allocates them.
func (l *List) Parts(i int) []Token {
	t := l.at(i)
	if t.kind != Hashtag && t.kind != Mention {
		return nil
	}
	s := Scanner{tz: l.tz, text: l.text, full: l.text}
	s.tok.Sentence, s.tok.Paragraph = int(t.sentence), int(t.paragraph)
	return s.parts(int(t.start)+1, int(t.end))
}

// Token returns token i as a [Token], equal to the i-th token of
// [Tokenizer.Tokenize] for the same text. It allocates the Norm form when
// it differs from the Text, and the Parts of a hashtag or mention.
func (l *List) Token(i int) Token {
	t := l.at(i)
	return Token{
		Text: l.text[t.start:t.end], Norm: l.Norm(i), Kind: t.kind,
		Start: int(t.start), End: int(t.end),
		Sentence: int(t.sentence), Paragraph: int(t.paragraph),
		Parts: l.Parts(i),
	}
}

// AppendTokens appends tokens from to to-1 to dst as [Token] values and
// returns the extended slice: a window of a long text (a sentence, a few
// thousand tokens) for code that works on []Token, with dst reused from
// one window to the next. It panics unless 0 <= from <= to <= Len().
func (l *List) AppendTokens(dst []Token, from, to int) []Token {
	if from < 0 || from > to || to > l.n {
		panic(fmt.Sprintf("tokenize: List.AppendTokens [%d:%d] out of range [0:%d]", from, to, l.n))
	}
	for i := from; i < to; i++ {
		dst = append(dst, l.Token(i))
	}
	return dst
}

// All returns a single-use iterator over the tokens with their indexes;
// each [Token] is built as [List.Token] builds it.
func (l *List) All() iter.Seq2[int, Token] {
	return func(yield func(int, Token) bool) {
		for i := range l.n {
			if !yield(i, l.Token(i)) {
				return
			}
		}
	}
}

// Sentences returns an iterator over the sentences, in order, as
// [Sentences] builds them from a []Token: From and To index the List. It
// allocates nothing.
func (l *List) Sentences() iter.Seq[Sentence] {
	return func(yield func(Sentence) bool) {
		from := 0
		for i := 1; i <= l.n; i++ {
			if i < l.n && l.at(i).sentence == l.at(from).sentence {
				continue
			}
			f := l.at(from)
			if !yield(Sentence{Start: int(f.start), End: int(l.at(i - 1).end), Paragraph: int(f.paragraph), From: from, To: i}) {
				return
			}
			from = i
		}
	}
}
