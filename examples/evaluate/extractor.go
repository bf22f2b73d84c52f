package main

import (
	"github.com/khabar-nlp/khabar/entities"
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
