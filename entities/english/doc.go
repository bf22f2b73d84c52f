// Package english finds the people, places and organisations of English
// news text, with the IDs that package entities gives them in Arabic text.
//
// # Overview
//
//	x, err := english.New()                   // default gazetteer and tagging model; safe for concurrent use
//	res := x.Extract(text)
//	for _, e := range res.Entities {          // most salient first
//		fmt.Println(e.Type, e.ID, e.NameEN, e.Count, e.Salience)
//	}
//
// Extraction reads the text once with prose (github.com/jdkato/prose/v3),
// whose models load once per process:
//
//  1. Every line is cut into sentences (prose's Punkt model), every
//     sentence into tokens whose byte offsets point into the original
//     text, and the tokens are tagged with their parts of speech (Penn
//     Treebank tags).
//  2. The gazetteer's English names and Latin-script aliases are found
//     among the tokens: case counts as English writes it (US and ISIS only
//     in capitals, Iraq and al-Kadhimi capitalised, an all-lower-case
//     alias such as "international coalition" in any case), a possessive
//     's is a token of its own and never part of a name, and a leading
//     "the" is never part of one (the State Department is a mention of
//     State Department).
//  3. A linear-chain CRF (package entities/tagger, the design of the
//     Arabic tagger) reads every sentence — the words as written and in
//     lower case, their shapes and affixes, their parts of speech, the
//     words around them, and the gazetteer's names over them; optionally
//     prose's own entity label ([WithProseLabels]) — and tags PER, LOC and
//     ORG.
//  4. Each name is linked to the gazetteer's name with the same tokens (of
//     its type, or failing that of another: the gazetteer knows
//     Washington better than a model trained on Wikipedia knows its type),
//     or to the one inside it when the rest is a title (Secretary of State
//     Antony Blinken); a name no entry links gets the ID
//     entities.NameID gives it, the same as in an Arabic text. Prominent
//     names of the gazetteer that the model leaves out but does not rule
//     out are kept, as are a caller's own entries. Later and earlier
//     short forms join a person's full name (Hussein after Fuad Hussein),
//     and mentions are grouped into entities with a salience by
//     entities.GroupMentions.
//
// The embedded model ([DefaultModel]) was trained on WikiANN's English
// train part and tuned on its dev part; model/README.md gives its
// provenance, the command that rebuilds it, its figures on the test part
// and its licence (CC BY-SA 4.0, as Wikipedia). [Train] trains a model on
// a newsroom's own annotated English texts, and [WithModel] uses it.
//
// # Offsets
//
// Every Start and End is a byte offset into the original text, End
// exclusive: text[m.Start:m.End] == m.Text for every mention and token.
// Bytes that are not UTF-8 are read as spaces and keep their offsets.
//
// # Concurrency
//
// An Extractor and a Model are immutable after construction (but for an
// Extractor's bounded cache of the model's scores of the words it has
// met) and safe for concurrent use.
package english
