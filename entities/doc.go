// Package entities finds the people, places and organisations of an
// Arabic news text and groups their mentions into entities.
//
// # Overview
//
//	x, err := entities.New()                  // default gazetteer, fuzzy matching, rules
//	res := x.Extract(text)
//	for _, e := range res.Entities {          // most salient first
//		fmt.Println(e.Type, e.ID, e.Name, e.NameEN, e.Count, e.Salience)
//		for _, m := range e.Mentions {
//			fmt.Println("  ", text[m.Start:m.End], m.Kind, m.Score)
//		}
//	}
//
// # Finding mentions
//
// Candidates come from several sources, each marked with its [Kind]:
//
//   - the gazetteer ([gazetteer.Index.Find]): exact names, names after
//     proclitics (وبغداد), spelling variants (fuzzy), and demonyms, which
//     are left out unless [WithDemonyms] asks for them;
//   - the words inside hashtags (#العراق، #بلينكن_في_بغداد);
//   - context rules, over the word tables of package lexicon, for names the
//     gazetteer lacks: a person after a title (الرئيس الفلسطيني …), a
//     first name followed by name-like words, name shapes (عبد + name,
//     أبو + name, بن between names), an organisation head with its
//     complement (وزارة الخارجية الأميركية، حركة فتح), a place after a
//     head (مدينة …). Names found by rules get a stable generated ID
//     ("per:rule:3f2a9c1b0d4e", the same in every text) and a lower score.
//
// # Overlaps
//
// Overlapping candidates are resolved in this documented priority: the
// candidate covering more tokens first; then by kind — exact, clitic,
// fuzzy, hashtag, rule; then by type — LOC, PER, ORG; then by score; then
// the earlier one. [WithCandidates] keeps every candidate in
// [Result.Candidates].
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
// بلينكن; العبيدي after هادي العبيدي). The same unknown name found twice
// gets the same rule ID and so is one entity. Salience in [0, 1] is
//
//	0.5·log(1+count)/log(1+largest count) + 0.3·(1 − first offset/length) + 0.2·[mentioned in the title]
//
// where the title is the text's first sentence.
//
// # Offsets
//
// Every mention's Start and End are byte offsets into the original text
// (text[m.Start:m.End] == m.Text), covering whole tokens, proclitics
// included, except for names inside hashtags, which cover the word only.
//
// # Concurrency
//
// An Extractor is immutable after [New] and safe for concurrent use.
package entities
