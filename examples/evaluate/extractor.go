package main

import (
	"strings"

	"github.com/jdkato/prose/v3"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/english"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// khabarExtractor adapts entities.Extractor to the evaluation.
type khabarExtractor struct{ x *entities.Extractor }

func (k khabarExtractor) Mentions(text string) []mention {
	res := k.x.Extract(text)
	out := make([]mention, 0, len(res.Mentions)+len(res.Other))
	for _, m := range res.Mentions {
		out = append(out, mention{Text: m.Text, Start: m.Start, End: m.End, Kind: m.Kind.String(), ID: m.ID, Type: m.Type})
	}
	for _, m := range res.Other {
		out = append(out, mention{Text: m.Text, Start: m.Start, End: m.End, Kind: m.Kind.String(), Misc: true})
	}
	return out
}

// newKhabarExtractor builds Khabar's extractor with its default options,
// matching names from x, or from its default gazetteer when x is nil.
func newKhabarExtractor(x *gazetteer.Index, opts ...entities.Option) (extractor, error) {
	if x != nil {
		opts = append(opts, entities.WithGazetteer(x))
	}
	e, err := entities.New(opts...)
	if err != nil {
		return nil, err
	}
	return khabarExtractor{e}, nil
}

// englishExtractor adapts english.Extractor to the evaluation.
type englishExtractor struct{ x *english.Extractor }

func (k englishExtractor) Mentions(text string) []mention {
	res := k.x.Extract(text)
	out := make([]mention, 0, len(res.Mentions)+len(res.Other))
	for _, m := range res.Mentions {
		out = append(out, mention{Text: m.Text, Start: m.Start, End: m.End, Kind: m.Kind.String(), ID: m.ID, Type: m.Type})
	}
	for _, m := range res.Other {
		out = append(out, mention{Text: m.Text, Start: m.Start, End: m.End, Kind: m.Kind.String(), Misc: true})
	}
	return out
}

// newEnglishExtractor builds Khabar's English extractor, matching the
// English names of x, or of the default gazetteer when x is nil.
func newEnglishExtractor(x *gazetteer.Index, opts ...english.Option) (extractor, error) {
	if x != nil {
		opts = append(opts, english.WithGazetteer(x))
	}
	e, err := english.New(opts...)
	if err != nil {
		return nil, err
	}
	return englishExtractor{e}, nil
}

// proseExtractor is prose's own entity recogniser, alone: its whole
// pipeline on each line of the text given (as Khabar's English extractor
// reads a text line by line), its labels mapped to the scored types.
type proseExtractor struct{}

func (proseExtractor) Mentions(text string) []mention {
	var out []mention
	for start := 0; start < len(text); {
		end := len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end = start + i
		}
		out = append(out, proseMentions(text[start:end], start)...)
		start = end + 1
	}
	return out
}

// proseMentions returns prose's names in line, their offsets shifted by
// base.
func proseMentions(line string, base int) []mention {
	if strings.TrimSpace(line) == "" {
		return nil
	}
	doc, err := prose.NewDocument(line)
	if err != nil {
		return nil
	}
	var out []mention
	for _, e := range doc.Entities() {
		m := mention{Text: e.Text, Start: base + e.Start, End: base + e.End(), Kind: "prose:" + e.Label}
		switch e.Label {
		case "PERSON":
			m.Type = gazetteer.PER
		case "GPE", "LOCATION", "FACILITY", "GSP":
			m.Type = gazetteer.LOC
		case "ORGANIZATION":
			m.Type = gazetteer.ORG
		default:
			m.Misc = true
		}
		out = append(out, m)
	}
	return out
}

func newProseExtractor() (extractor, error) { return proseExtractor{}, nil }
