// Package corpus reads annotated text for training and evaluating name
// taggers: CoNLL files (one token and its tag per line) and JSONL files
// of texts with their names as byte spans, the format annotation tools
// export.
//
// # CoNLL
//
// [ReadCoNLL] reads one token and its tag per line, separated by a TAB or
// by spaces, with a blank line between sentences. Tags are O, B-X and I-X
// in any case, with X one of PER (or PERS), LOC, ORG and MISC; both BIO
// (IOB2) and IOB1 files read the same, since an I- tag after O or after
// another type starts a name. A line whose token is -DOCSTART- ends the
// sentence and starts a document (CoNLL-2003's convention). A malformed
// line is an error naming its file and line, or with lenient reading a
// warning, never silently dropped.
//
// [Join] rebuilds the text of sentences — tokens joined by one space,
// sentences by a newline — with every token's byte offsets and the names
// as byte spans.
//
// # JSONL spans
//
// [ReadSpans] reads one JSON object per line:
//
//	{"text": "…", "entities": [{"start": 0, "end": 12, "type": "PER"}, …]}
//
// with start and end byte offsets into text (end exclusive) and type one
// of PER, PERS, LOC, ORG, MISC (any case). An "id" field is kept. Spans
// must lie inside the text, on UTF-8 boundaries, and not overlap.
package corpus
