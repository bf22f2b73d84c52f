// Package entities finds the people, places and organisations of an
// Arabic news text and groups their mentions into entities.
//
// # Overview
//
//	x, err := entities.New()                  // default gazetteer, recognisers and tagging model
//	res := x.Extract(text)
//	for _, e := range res.Entities {          // most salient first
//		fmt.Println(e.Type, e.ID, e.Name, e.NameEN, e.Count, e.Salience)
//		for _, m := range e.Mentions {
//			fmt.Println("  ", text[m.Start:m.End], m.Kind, m.Score)
//		}
//	}
//
// Extraction runs in three steps over one tokenization of the text, in
// which every token is analysed once (its key, its clitic reading, its
// classes in the word tables of package lexicon):
//
//  1. Recognisers propose candidate mentions ([Recognizer]): the
//     gazetteer ([gazetteer.Index.Find]: exact names, names after
//     proclitics such as وبغداد, spelling variants, demonyms), the words
//     inside hashtags (#العراق، #بلينكن_في_بغداد), and context rules for
//     names the gazetteer lacks (a person after a title, a first name and
//     name-like words, name shapes such as عبد + name, an organisation
//     head and its complement, a place after a head). A caller may add
//     recognisers of its own ([WithRecognizer]).
//  2. A trained linear-chain tagger (package entities/tagger) reads every
//     sentence — the words, their prefixes, suffixes and shapes, their
//     lexicon classes, the words around them, and what the recognisers
//     say of them — and decides which tokens are names, of which type
//     (PER, LOC, ORG; MISC names of other kinds go to Result.Other). Its
//     BIO tags never put an I- tag without its B-; a name is cut before a
//     word read as the conjunction و and another word (قوات صالح |
//     وقوات الأمن), and loses the titles it begins with (ولي العهد).
//  3. Each name is linked ([Mention.ID]): to the gazetteer entry of the
//     same type whose candidate has the same tokens, or failing that the
//     one that overlaps it most, or one the gazetteer finds for the name's
//     words, spelling variants included (بلنكن); a fuzzy match thus only
//     links where the tagger sees a name. A name no entry links gets a
//     generated ID ("per:gen:3f2a9c1b0d4e", the same for the same words
//     in every text), the kind [Tagged] and the model's probability as
//     its score. Beside the model's names, a few gazetteer names stand on
//     their own: a caller's curated entries (prior 0.5 or more), a name
//     after a place head (بمحافظة إب), organisations named in three words
//     or more, and prominent names whose labels the model gives at least
//     a 0.2 probability (see strongNames and doubtedNames in link.go).
//
// The embedded model ([DefaultModel]) was trained on the tuning part of
// ANERcorp's train split; model/README.md gives its provenance, its
// figures on the check part and its licence. [Train] trains a model on a
// newsroom's own annotated texts (package entities/corpus reads CoNLL and
// JSONL spans; examples/entities is the command line), and [WithModel]
// uses it. [WithoutModel] runs the recognisers alone: overlapping
// candidates are then resolved by a documented priority (see Overlaps).
//
// # Overlaps without a model
//
// Overlapping candidates are resolved in this priority: the candidate
// covering more tokens first; then by kind — exact, clitic, fuzzy,
// hashtag, rule; then by type — LOC, PER, ORG; then by score; then the
// earlier one. [WithCandidates] keeps every candidate in
// [Result.Candidates], with or without a model.
//
// # Ambiguous names
//
// When the words of a mention name several gazetteer entries of one type
// (عمان: the Sultanate of Oman or Amman), the text's other places decide:
// the gazetteer's first choice stays unless its country is absent from the
// countries of the text's unambiguous mentions and demonyms while an
// alternative's is present (a Jordanian minister, الأردنية → Amman). The
// other entries remain in Mention.Alternatives.
//
// # Grouping and salience
//
// Mentions with the same ID form one entity. A later short form of a
// person's multi-word name — its last word or two, with or without
// proclitics — joins it as a [Partial] mention (بلينكن after أنتوني
// بلينكن; العبيدي after هادي العبيدي), even when the gazetteer knows a
// famous namesake (راموس after كارلوس راموس is Carlos Ramos). The same
// unknown name found twice gets the same generated ID and so is one
// entity. Salience in [0, 1] is
//
//	0.5·log(1+count)/log(1+largest count) + 0.3·(1 − first offset/length) + 0.2·[mentioned in the title]
//
// where the title is the text's first sentence.
//
// # Long texts and cost
//
// The extractor reads a text a window at a time: the recognisers and the
// tagger see a run of whole sentences of at most 4,096 tokens, and only
// the mentions found are kept from one window to the next. No recogniser,
// rule or feature of the tagger reaches across a sentence, so the mentions
// are those of the whole text read at once, and a normal article is a
// single window. A sentence longer than a window (a text without
// punctuation) is cut, each side reading 32 tokens beyond the cut; a
// mention belongs to the window it starts in and is never cut.
//
// [Extractor.ExtractList] and [Extractor.ExtractContext] take the tokens
// as a [tokenize.List], 20 bytes a token ([Extractor.Extract] and
// [Extractor.ExtractTokens] hold a []tokenize.Token, 96). Beyond the text
// and its tokens, extraction holds about 320 bytes per mention found (a
// Mention is 160 bytes, held in the mentions and in the entities), a byte
// per token, one window's tokens, keys, features and candidates, a few
// megabytes, and with the tagging model the text's distinct keys (what
// it links reads whether the text writes a word alone): about 10 bytes of
// heap per byte of an 8 MB text. Time is linear in the length of the
// text, about two microseconds per token on one core. With a context, it
// is checked at every window and every few thousand tokens after: when
// it is done, extraction stops within milliseconds and returns its error.
//
// # Offsets
//
// Every mention's Start and End are byte offsets into the original text
// (text[m.Start:m.End] == m.Text), covering whole tokens, proclitics
// included, except for names inside hashtags, which cover the word only.
//
// # Concurrency and cost
//
// An Extractor and a Model are immutable after construction and safe for
// concurrent use. An Extractor keeps, behind a lock, the model's scores
// of the words it has met (at most 65,536 words, about 14 MB), so that a
// word seen before costs one lookup instead of about twenty: the tagger
// then adds 20–40% to the cost of the recognisers alone on a news
// article (BenchmarkExtract, default against no-model).
package entities
