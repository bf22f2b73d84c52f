// Package gazetteer holds the people, places and organisations Khabar
// knows, reads and writes them in several formats, and finds their names in
// tokenized text: exactly, after Arabic proclitics, as demonyms, and
// fuzzily.
//
// # Overview
//
//	x, err := gazetteer.Default()              // the embedded gazetteer, decoded once
//	toks := tokenize.Tokenize(text)
//	for _, m := range x.Find(text, toks, gazetteer.FindOptions{Fuzzy: true}) {
//		e, _ := x.Entry(m.IDs[0])
//		fmt.Println(text[m.Start:m.End], e.NameEN, m.Method)
//	}
//
// A user's gazetteer goes beside the default through a [Builder]:
//
//	b := gazetteer.NewBuilder()
//	b.AddIndex(def)                 // priority 0
//	b.SetPriority(1)
//	gazetteer.LoadFile("mine.tsv", gazetteer.FormatTSV, opts, b.Add)
//	x, err := b.Build()
//
// # Entries and IDs
//
// An [Entry] has a stable ID, a [Type] (PER, LOC, ORG), a subtype, the
// canonical Arabic name, the English name, aliases, demonyms (places), a
// country code, a parent place, a Wikidata QID where certain, and a prior
// (prominence in [0, 1]). IDs are lower-case ASCII made of a kind and a
// slug of the English name: loc:country:IQ (ISO 3166-1 alpha-2),
// loc:city:baghdad, loc:region:iq-nineveh, loc:water:red-sea,
// per:antony-blinken, org:isis. Loaded sources add their own namespace:
// loc:geonames:98182, per:wd:Q5, per:list:<hash of the name>.
//
// # Formats
//
// Khabar TSV is the hand-editable format of the embedded data (data/*.tsv):
// UTF-8, one entry per line, TAB-separated, '#' comments, and the header
//
//	id	type	subtype	name	name_en	aliases	demonyms	country	parent	wikidata	prior
//
// with several aliases or demonyms separated by '|'. JSONL holds one JSON
// object per line with the same field names. Plain lists (one name per
// line, or TYPE<TAB>NAME), GeoNames alternateNamesV2 (with allCountries or
// citiesN) and Wikidata JSON dumps are read by their loaders. Every loader
// streams, reports malformed lines as "file:line: what is wrong", and
// counts what it skips. An [Index] also has a compiled binary form
// ([Index.WriteTo], [ReadCompiled]) that loads without normalising a name.
//
// # Match semantics
//
// Names are compared on keys: each word's [tokenize.Key] (diacritics,
// tatweel and invisible marks removed; alef forms, ى/ي, ة/ه, Persian
// letters and digits folded; Latin lower-cased), words joined by one
// space. Matching runs over tokens, so a name never matches inside a word
// (مصر is not found in مصرف) and never across a sentence boundary.
//
//   - Exact: the keys of a run of tokens equal a surface.
//   - Clitic: the first token, stripped of proclitics (و ف ب ك ل and the
//     article's لل), is a surface or starts one: وبغداد، للعراق، بواشنطن،
//     والأمم المتحدة. A word is split only when its stripped form is a
//     name and the word itself is not: لبنان، فرنسا، بريطانيا، وزير stay
//     whole.
//   - Demonym: the tokens are a place's demonym (الأميركية → the United
//     States), reported as [Demonym] so callers can keep or drop it.
//   - Fuzzy: a word within a few edits of a surface of five letters or
//     more (see the fuzzy index in fuzzy.go): أمريكا/أميركا (swapped pair),
//     بلينكن/بلنكن and بوتين/بوتن (long vowels), غوتيريش/جوتيريس.
//
// [LeftmostLongest] (the default [MatchKind]) keeps, from the left, the
// match covering the most tokens, then exact before clitic before demonym
// before fuzzy; [Overlapping] returns every candidate. Within a match,
// [Match.IDs] lists every entry that has the surface, ranked by the
// [Builder]'s precedence: priority, then prior, then ID.
//
// # Concurrency
//
// An Index is immutable and safe for concurrent use. A Builder is not.
//
// # Errors
//
// Loaders return *[ParseError] values ("source:line: message") that wrap
// the cause; entry checks return errors wrapping [ErrEmptyID], [ErrBadID],
// [ErrEmptyName] and the like, testable with errors.Is.
package gazetteer
