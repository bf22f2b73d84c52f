// Package khabar reads Arabic news articles and finds the people, places
// and organisations in them and what they are about.
//
// Khabar is pure Go, needs no model downloads at run time, and keeps exact
// byte offsets into the original text for everything it finds. Its
// packages form a chain, each importing only those before it:
//
//   - [github.com/khabar-nlp/khabar/tokenize]: Arabic-aware normalisation,
//     tokens with exact offsets, sentences and paragraphs, proclitic and
//     enclitic analysis, stop words and light stemming for topic terms.
//   - [github.com/khabar-nlp/khabar/gazetteer]: people, places and
//     organisations with stable IDs, aliases, English names and demonyms;
//     loaders for our TSV and JSONL formats, plain lists, GeoNames and
//     Wikidata; exact, clitic, demonym and fuzzy matching over tokens; an
//     embedded default gazetteer.
//   - entities: mentions found in an article and grouped into entities
//     (planned).
//   - [github.com/khabar-nlp/khabar/topics]: terms, vocabulary, sparse
//     TF-IDF and the keywords of an article (topic classifiers and
//     clustering are planned).
//
// This root package will hold the Analyzer that runs the whole chain on an
// article. The runnable programs live under examples/: examples/analyze
// prints the sentences and tokens of an article as text or JSON,
// examples/gazetteer imports, builds, inspects and queries gazetteers, and
// examples/bench compares Khabar with other Go libraries on the same input.
package khabar
