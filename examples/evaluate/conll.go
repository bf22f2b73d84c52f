package main

import "github.com/khabar-nlp/khabar/entities/corpus"

// label is the entity type of a gold tag or a span. MISC is read so that
// errors can say a prediction fell on a MISC name, but it is never scored.
type label uint8

const (
	none label = iota
	PER
	LOC
	ORG
	MISC
)

// scored lists the types that are scored, in report order.
var scored = [...]label{PER, LOC, ORG}

func (l label) String() string {
	switch l {
	case PER:
		return "PER"
	case LOC:
		return "LOC"
	case ORG:
		return "ORG"
	case MISC:
		return "MISC"
	}
	return "O"
}

// span is a run of tokens of one type: tokens [Start, End) of a sentence or
// of a document.
type span struct {
	Start, End int
	Type       label
}

// spansOf returns the names of a sentence's tags as spans of scored (or
// MISC) labels; see corpus.Sentence.Spans.
func spansOf(s corpus.Sentence) []span {
	ts := s.Spans()
	out := make([]span, len(ts))
	for i, t := range ts {
		out[i] = span{Start: t.Start, End: t.End, Type: labelOf(t.Type)}
	}
	return out
}

// labelOf maps a corpus type to a label.
func labelOf(t string) label {
	switch t {
	case corpus.PER:
		return PER
	case corpus.LOC:
		return LOC
	case corpus.ORG:
		return ORG
	case corpus.MISC:
		return MISC
	}
	return none
}
