// Package topics says what an Arabic news article is about: a [Model]
// scores every topic it knows for a [Document] (title, text and extra
// terms such as entity IDs), best first.
//
// # Models
//
//   - [DefaultModel], embedded: a [Lexicon] of the 17 top-level IPTC Media
//     Topics (medtop:01000000 … medtop:17000000, English and Arabic
//     labels) scored from weighted Arabic term lists written for the
//     project; it needs no training. [ReadLexicon] reads lexicons of your
//     own in the same format.
//   - a [Classifier] trained on a labelled archive ([LabeledDoc], read
//     from JSONL by [ReadLabeledJSONL]) in a TF-IDF space of package
//     tfidf ([NewSpaceLabeled]): multinomial logistic regression by SGD
//     ([TrainLinear], the most accurate), a TF-IDF centroid (Rocchio,
//     [TrainCentroid]) or multinomial naive Bayes ([TrainBayes], a
//     baseline); saved and loaded with [Classifier.WriteTo] and
//     [ReadClassifier]. Each trainer takes only the options that apply to
//     it ([LinearOption], [CentroidOption], [BayesOption]).
//
// Nothing has a Fit method that changes it: every model is built by a
// constructor or a trainer and is immutable afterwards, safe for
// concurrent use.
//
// # Cost
//
// Scoring counts terms as it reads them and keeps no list of a
// document's terms: a [Lexicon] holds a counter per lexicon term found, a
// [Classifier] the vocabulary columns of the document and, for its title
// weight, one copy of the title and text. A [ListModel] (a Lexicon) also
// scores a body given as tokens already read, a [tokenize.List], and
// checks a context every few thousand tokens: that is how khabar.Analyzer
// reads an article of megabytes once for all its layers.
//
// # Related packages
//
// The vector space — terms, vocabulary, TF-IDF, sparse matrices and
// keywords — is package [github.com/khabar-nlp/khabar/topics/tfidf];
// grouping a batch of articles by story is package
// [github.com/khabar-nlp/khabar/topics/stories], on the latent semantic
// analysis of package [github.com/khabar-nlp/khabar/topics/lsa]; adapters
// to github.com/james-bowman/nlp are in
// [github.com/khabar-nlp/khabar/topics/nlpcompat], so that importing this
// package does not bring that module in.
//
// # Errors
//
// Trainers return [tfidf.ErrEmptyCorpus] for no documents, [ErrNoLabel]
// for a document without a category, or an error for an invalid option.
// [ReadClassifier] returns errors wrapping [ErrNotClassifier],
// [ErrVersion] or [ErrCorruptClassifier]; [ReadLexicon] returns
// [*ParseError]s wrapping [ErrLexicon]. Every error starts with
// "topics: ", or with "file:line: " before it for a line of a file.
package topics
