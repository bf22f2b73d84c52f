// Package lexicon holds Khabar's Arabic word tables — the vocabulary of
// news that never forms a name (verbs, nouns, adjectives, time words),
// the words that build names (first names, prefixes such as عبد and أبو,
// links such as بن), and the words that introduce names (titles,
// qualifiers, organisation and place heads) — and the word shapes
// derived from them.
//
// The tables are text files embedded in the package (data/*.txt); each
// documents its own format in its header. [Default] parses them once.
// The gazetteer's fuzzy matching, the entity rules, the tagger's features
// and the keyword filter all read the same [Lexicon], so a word is
// classified the same way everywhere.
//
// # Keys
//
// Every word of every table is stored under its [tokenize.Key] (ة folded
// to ه, ى to ي, hamzated alefs to ا, diacritics removed), as the
// gazetteer compares names. Nouns, adjectives, time words and heads are
// also stored with the article (the tables hold حكومة; الحكومة is found
// too), and verbs, nouns and adjectives with their usual inflected forms
// (see the tables' headers), so one lookup answers for each.
//
// # Classes
//
// [Lexicon.Class] returns the tables a word is in as a bit set of
// [Class] values. [Lexicon.Analyze] adds what proclitics hide (والحكومة
// is و + a noun) and [Lexicon.Common] decides whether a word is common
// vocabulary from the tables and from word shapes (verb prefixes, verbal
// nouns, participles, sound plurals, pronoun suffixes); see Common.
//
// # Concurrency
//
// A Lexicon is immutable after [Parse] and safe for concurrent use.
package lexicon
