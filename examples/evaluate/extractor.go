package main

import (
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// khabarExtractor adapts entities.Extractor to the evaluation.
type khabarExtractor struct{ x *entities.Extractor }

func (k khabarExtractor) Mentions(text string) []mention {
	ms := k.x.Extract(text).Mentions
	out := make([]mention, len(ms))
	for i, m := range ms {
		out[i] = mention{Text: m.Text, Start: m.Start, End: m.End, Kind: m.Kind.String(), ID: m.ID, Type: m.Type}
	}
	return out
}

// newKhabarExtractor builds Khabar's extractor with its default options,
// matching names from x, or from its default gazetteer when x is nil.
func newKhabarExtractor(x *gazetteer.Index) (extractor, error) {
	var opts []entities.Option
	if x != nil {
		opts = append(opts, entities.WithGazetteer(x))
	}
	e, err := entities.New(opts...)
	if err != nil {
		return nil, err
	}
	return khabarExtractor{e}, nil
}
