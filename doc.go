// Package khabar reads Arabic news articles, and English ones, and finds
// the people, places and organisations in them and what they are about.
//
// Khabar is pure Go, needs no model downloads at run time, and keeps exact
// byte offsets into the original text for everything it finds.
//
// # The Analyzer
//
// One [Analyzer] runs the whole chain on an article. Build it once and
// share it: it is immutable and safe for concurrent use.
//
//	a, err := khabar.New()                        // embedded gazetteer and topic model
//	res, err := a.Analyze(ctx, text)              // plain text, title on the first line
//	res, err = a.AnalyzeArticle(ctx, khabar.Article{ID: id, Title: title, Body: body})
//	for _, e := range res.Entities {              // most salient first
//		fmt.Println(e.Type, e.ID, e.Name, e.NameEN, e.Salience)
//	}
//	fmt.Println(res.Topics[0].ID, res.Topics[0].Label) // medtop:11000000 politics
//	for _, k := range res.Keywords {
//		fmt.Println(k.Term, k.Score)
//	}
//
// An [Analysis] holds the title, the language, the sentences, the entities
// with their mentions, the topics best first, the keywords, the article's
// structure and warnings; its JSON field names are stable, and it is what
// the programs under examples/ print.
//
// What it does, in order:
//
//  1. Structure (package article): the title line, a repeated title line,
//     the dateline, subheadings, paragraphs and boilerplate footers
//     (follow us, subscribe, share, read also). Boilerplate and the
//     repeated title are left out of the analysis; offsets still refer to
//     the original text.
//  2. Entities (package entities): mentions found through the gazetteer
//     (exact, after proclitics, spelling variants) and context rules,
//     overlaps resolved, mentions grouped into entities with a salience.
//  3. Topics (package topics): the default model scores the 17 top-level
//     IPTC Media Topics from weighted Arabic lexicons; a classifier trained
//     on a newsroom's archive can replace it ([WithTopicModel]). The model
//     scores the article's [Analyzer.TopicDocument]: its title, its body
//     without boilerplate, and as extra terms the IDs, countries and
//     regions of the entities found and, with [WithSources], the source
//     (package topics/features). Programs that train a classifier build
//     their training documents the same way.
//  4. Keywords (package topics): the words and two-word phrases that stand
//     out against background document frequencies, shown as they read in
//     the article.
//
// # English articles
//
// The language of an article (package lang: the script of its letters and
// common English words) is in [Analysis.Language]: "ar", "en" or "und".
// An English article goes through the English pipeline (package
// entities/english): prose v3 cuts it into sentences and tokens with
// byte offsets and tags their parts of speech, the gazetteer's English
// names and aliases are matched, and a tagger trained on English data
// finds the other names; a name gets the ID the same name gets in Arabic
// (Mustafa al-Kadhimi and مصطفى الكاظمي are per:mustafa-al-kadhimi). Topics
// and keywords use the same models, whose terms stem English words with
// the Snowball English stemmer. The English paragraphs of an Arabic
// article (a quoted statement) go through the English pipeline too.
//
// [WithLayers] chooses which of these run; other options extend or
// replace the structure rules ([WithStructureRules]), the gazetteer
// ([WithGazetteerFiles], [WithGazetteerReader], [WithGazetteer]), the
// tokenizer and its normalisation ([WithTokenizer]), and the keyword
// background ([WithKeywordSpace]). [New] refuses options that contradict
// each other, with an error naming both.
//
// # Errors
//
// Analyze returns [ErrEmptyText] for text without a letter or a digit,
// [ErrTooLarge] above the size limit ([WithMaxBytes]) and the context's
// error when it is done. Invalid UTF-8 is analysed, with a warning: those
// bytes stay in place, so offsets still count them.
//
// # Cost
//
// An analysis takes memory and time linear in the length of the text. The
// text is not copied: structure recognition blanks boilerplate by offsets,
// and the text is tokenized once, into a compact list of 20 bytes a token
// (about 2 bytes per byte of news text) that every layer reads. The
// entity recogniser and tagger read a window of whole sentences (a few
// thousand tokens) at a time and keep only the mentions found, about 320
// bytes each; the topic and keyword layers keep a counter per distinct
// term, bounded by the article's vocabulary rather than its length. The
// Analysis holds 24 bytes per sentence, one block per paragraph and the
// entities, topics and keywords.
//
// Measured on 8 MB inputs (BenchmarkCost in examples/analyze,
// TestAnalyzeCost here), the heap at its peak — live objects and garbage
// not yet collected, with the default GOGC — grows by about 13 bytes per
// input byte for article text and 18 for one-word sentences (a sentence
// every 13 bytes), 20 when the analyze program also writes every token;
// the live heap is about half of that. The processor time for 8 MB is 9
// to 12 times the time for 0.8 MB. Callers that keep many analyses should
// budget for the Analysis itself: a few bytes per input byte for long
// texts of short sentences, far less for ordinary articles.
//
// Every stage checks the context as it reads, every few thousand tokens or
// 64 KiB of text, so a deadline or a cancellation is honoured within
// milliseconds whatever the size of the text (TestAnalyzeDeadline).
//
// # Packages
//
// The packages form a chain, each importing only those before it, and can
// be used on their own:
//
//   - [github.com/khabar-nlp/khabar/tokenize]: Arabic-aware normalisation,
//     tokens with exact offsets, sentences and paragraphs, proclitic and
//     enclitic analysis, stop words and light stemming for topic terms.
//   - [github.com/khabar-nlp/khabar/gazetteer]: people, places and
//     organisations with stable IDs, aliases, English names and demonyms;
//     loaders for our TSV and JSONL formats, plain lists, GeoNames and
//     Wikidata; exact, clitic, demonym and fuzzy matching over tokens; an
//     embedded default gazetteer.
//   - [github.com/khabar-nlp/khabar/entities]: mentions found in an article
//     and grouped into entities; [github.com/khabar-nlp/khabar/entities/english]
//     for English text.
//   - [github.com/khabar-nlp/khabar/lang]: the language of a text and of
//     its paragraphs.
//   - [github.com/khabar-nlp/khabar/topics]: the default IPTC topic model
//     and trainable topic classifiers; beneath it
//     [github.com/khabar-nlp/khabar/topics/tfidf] (terms, sparse TF-IDF,
//     keywords), [github.com/khabar-nlp/khabar/topics/stories] (a batch of
//     articles grouped by story, on [github.com/khabar-nlp/khabar/topics/lsa])
//     and [github.com/khabar-nlp/khabar/topics/features] (an analysed
//     article as a topic model's input).
//   - [github.com/khabar-nlp/khabar/article]: the structure of an article
//     given as plain text.
//
// The runnable programs live under examples/: analyze (articles to text,
// JSON, JSONL or ninjs), serve (an HTTP service with a highlighting page),
// evaluate (accuracy on labelled data), gazetteer (import, build, inspect),
// topics (train, keywords, cluster) and bench (comparisons with other Go
// libraries).
package khabar
