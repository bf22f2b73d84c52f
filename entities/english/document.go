package english

import (
	"context"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/ner"
	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	ptoken "github.com/jdkato/prose/v3/token"
	ptokenize "github.com/jdkato/prose/v3/tokenize"

	"github.com/khabar-nlp/khabar/tokenize"
)

// Token is one token of an English text as prose cuts and tags it.
type Token struct {
	// Text is the surface, exactly text[Start:End].
	Text string
	// Start and End are byte offsets into the original text, End
	// exclusive.
	Start, End int
	// Tag is the token's part of speech in the Penn Treebank tag set
	// (NNP, VBD, DT…), from prose's tagger.
	Tag string
	// Sentence is the index of the token's sentence in Result.Sentences.
	Sentence int
}

// Sentence is the span of one sentence, text[Start:End] in byte offsets,
// and its tokens, Result.Tokens[TokenStart:TokenEnd].
type Sentence struct {
	Start, End           int
	TokenStart, TokenEnd int
}

// Part is a part of a text to read, text[Start:End] in byte offsets.
type Part struct {
	Start, End int
}

// pipeline holds prose's components: each loads its model once per
// process and is safe for concurrent use.
type pipeline struct {
	seg *segment.Segmenter
	tok *ptokenize.Tokenizer
	tag *tag.Tagger
}

var prosePipeline = sync.OnceValues(func() (*pipeline, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, err
	}
	tg, err := tag.New()
	if err != nil {
		return nil, err
	}
	return &pipeline{seg: seg, tok: ptokenize.New(), tag: tg}, nil
})

// proseNER is prose's entity recogniser, loaded on first use: only
// models trained with prose's labels need it.
var proseNER = sync.OnceValues(ner.New)

// document is an English text as the extractor reads it: prose's tokens
// with their parts of speech, sentences, and what is derived from them
// once per token.
type document struct {
	text  string
	toks  []Token
	sents []Sentence
	// keys holds each token's match key (tokenize.Key: lower case,
	// compatibility forms folded), shapes its case.
	keys   []string
	shapes []caseShape
	// labels holds prose's own entity labels (B-PERSON, I-GPE, O…) when
	// the model reads them.
	labels []string
}

// analyse reads the parts of text (the whole text when parts is empty)
// with prose: each line of a part is cut into sentences (prose's Punkt
// model), each sentence into tokens, and the tokens are tagged; with
// labels set, prose's entity recogniser labels them too. Bytes that are
// not UTF-8 are read as spaces, so that they never join or break tokens
// unpredictably; offsets still count them. ctx is checked between lines.
func (p *pipeline) analyse(ctx context.Context, text string, parts []Part, labels bool) (*document, error) {
	if len(parts) == 0 {
		parts = []Part{{0, len(text)}}
	}
	// English news runs about five bytes a token; the room is that of the
	// parts, which in an Arabic article are a few paragraphs of many.
	size := 0
	for _, part := range parts {
		size += max(min(part.End, len(text))-max(part.Start, 0), 0)
	}
	d := &document{text: text, toks: make([]Token, 0, size/5+8)}
	src := text
	if !utf8.ValidString(text) {
		src = spaceInvalid(text)
	}
	var ptoks []ptoken.Token
	var ex *ner.Extracter
	if labels {
		var err error
		if ex, err = proseNER(); err != nil {
			return nil, err
		}
	}
	for _, part := range parts {
		start, end := max(part.Start, 0), min(part.End, len(text))
		for start < end {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			lineEnd := end
			if i := strings.IndexByte(src[start:end], '\n'); i >= 0 {
				lineEnd = start + i
			}
			line := src[start:lineEnd]
			if strings.TrimSpace(line) != "" {
				for _, s := range p.seg.Segment(line) {
					ptoks = p.tok.Tokenize(s.Text)
					if len(ptoks) == 0 {
						continue
					}
					p.tag.TagTokens(ptoks)
					if ex != nil {
						ex.Label(ptoks)
					}
					base := start + s.Start
					si := len(d.sents)
					first := len(d.toks)
					for _, t := range ptoks {
						a := base + t.Start
						b := a + len(t.Text)
						d.toks = append(d.toks, Token{Text: text[a:b], Start: a, End: b, Tag: t.Tag, Sentence: si})
						if ex != nil {
							d.labels = append(d.labels, t.Label)
						}
					}
					d.sents = append(d.sents, Sentence{Start: base, End: base + len(s.Text), TokenStart: first, TokenEnd: len(d.toks)})
				}
			}
			start = lineEnd + 1
		}
	}
	d.keys = make([]string, len(d.toks))
	d.shapes = make([]caseShape, len(d.toks))
	for i := range d.toks {
		d.keys[i] = tokenize.Key(d.toks[i].Text)
		d.shapes[i] = shapeOf(d.toks[i].Text)
	}
	return d, nil
}

// spaceInvalid returns text with every byte that is not part of valid
// UTF-8 replaced by a space: the same length, the same offsets.
func spaceInvalid(text string) string {
	b := []byte(text)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			b[i] = ' '
		}
		i += size
	}
	return string(b)
}

// caseShape says how a token is written.
type caseShape uint8

const (
	// shapeOther: no letter (punctuation, a number).
	shapeOther caseShape = iota
	// shapeLower: letters, none upper case (iraq, al-).
	shapeLower
	// shapeTitle: an upper-case first letter and some lower-case ones
	// (Iraq, McDonald).
	shapeTitle
	// shapeUpper: two letters or more, all upper case (US, U.S., ISIS).
	shapeUpper
	// shapeMixed: upper-case letters, but not first (iPhone, al-Kadhimi).
	shapeMixed
)

// shapeOf returns the case shape of s.
func shapeOf(s string) caseShape {
	upper, lower := 0, 0
	firstUpper, seen := false, false
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
			if !seen {
				firstUpper = true
			}
		case unicode.IsLower(r):
			lower++
		default:
			if !unicode.IsLetter(r) {
				continue
			}
		}
		seen = true
	}
	switch {
	case upper+lower == 0 && !seen:
		return shapeOther
	case upper == 0:
		return shapeLower
	case lower == 0 && upper >= 2:
		return shapeUpper
	case firstUpper:
		return shapeTitle
	}
	return shapeMixed
}

// capitalised reports whether a token of this shape starts with or holds
// an upper-case letter.
func (c caseShape) capitalised() bool { return c >= shapeTitle }
