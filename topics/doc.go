// Package topics turns Arabic news texts into term vectors and TF-IDF
// weights, finds the keywords of an article, says what it is about, and
// groups a batch of stories.
//
// # Overview
//
// Texts become terms with [Terms]: words from package tokenize, stop
// words, reporting verbs, number words and numbers dropped, light-stemmed
// with [tokenize.Stem] (so الانتخابات and انتخابات count together),
// optionally with bigrams and caller-supplied extra terms (entity IDs).
// A [Vectorizer], built once by [NewVectorizer], learns a vocabulary with
// minimum and maximum document frequency and a maximum size, and counts
// terms. A [TFIDF], built once by [NewTFIDF], weights those counts. A
// [Space] holds both, saves and loads them ([Space.WriteTo], [ReadSpace]),
// and gives the keywords of an article ([Space.Keywords]):
//
//	s, err := topics.NewSpace(archive, nil)
//	m := s.Transform(texts)          // *CSR, rows = documents
//	kws := s.Keywords(article, 10)  // []Keyword, best first
//
// [NewSpaceTransform] fits a space and returns the TF-IDF rows of the
// same texts in one pass, tokenising each text once; fitting spreads the
// texts over GOMAXPROCS workers with a result that does not depend on
// their number. [NewSpaceFromStats] builds the same space from term
// statistics added up elsewhere ([TextStats], [TermStats.Add]), as a job
// spread over many machines does.
//
// Nothing has a Fit method that changes it: every model is built by a
// constructor and is immutable afterwards.
//
// # Topic models
//
// A [Model] scores every topic it knows for a [Document] (title, text and
// extra terms such as entity IDs), best first. Two kinds are provided:
//
//   - [DefaultModel], embedded: a [Lexicon] of the 17 top-level IPTC Media
//     Topics (medtop:01000000 … medtop:17000000, English and Arabic
//     labels) scored from weighted Arabic term lists written for the
//     project; it needs no training. [ReadLexicon] reads lexicons of your
//     own in the same format.
//   - a [Classifier] trained on a labelled archive ([LabeledDoc], read
//     from JSONL by [ReadLabeledJSONL]): a TF-IDF centroid (Rocchio,
//     [TrainCentroid]), multinomial logistic regression by SGD
//     ([TrainLinear], the most accurate) or multinomial naive Bayes
//     ([TrainBayes], a baseline); saved and loaded with
//     [Classifier.WriteTo] and [ReadClassifier].
//
// [DefaultSpace] is an embedded background of document frequencies for
// [Space.Keywords] when there is no archive to fit a Space on.
//
// # Stories
//
// [Cluster] groups a batch of articles by story: TF-IDF, latent semantic
// analysis ([NewLSA], a randomized truncated SVD computed with sparse ×
// dense products, never densifying the document-term matrix), k-means,
// and a label of class-based TF-IDF terms for each cluster.
//
// # Orientation
//
// Every matrix of this package has one row per document and one column
// per term of a vocabulary. [CSR] is our sparse matrix; it implements
// gonum's mat.Matrix, and its T method gives the terms × documents view
// used by github.com/james-bowman/nlp.
//
// # TF-IDF
//
// For n training documents and a term occurring in df of them:
//
//	idf = ln((1+n)/(1+df)) + 1   (default, scikit-learn's smooth_idf)
//	idf = ln(n/df) + 1           (WithPlainIDF)
//	tf  = count, or 1 + ln(count) (WithSublinearTF)
//	w   = tf × idf, each row then scaled to unit Euclidean length
//	      (unless WithoutNormalization)
//
// # Display forms
//
// Terms are stems, which are not words (حكوم for الحكومة). Each term keeps
// its most frequent surface — the text of the token without diacritics,
// tatweel or invisible marks — for display; keywords are always shown in
// such a surface form, never as a bare stem.
//
// # james-bowman/nlp
//
// [NLPTokeniser], [NLPVectoriser] and [NLPTransformer] satisfy nlp's
// Tokeniser, Vectoriser and Transformer interfaces, so this package's
// tokenisation, vocabulary and TF-IDF run inside an nlp.Pipeline.
//
// # Concurrency
//
// Vectorizer, TFIDF, Space and CSR are safe for concurrent use. The nlp
// adapters are not while their Fit runs.
//
// # Errors
//
// Constructors return [ErrEmptyCorpus] or [ErrEmptyVocabulary] when there
// is nothing to learn (mat.NewDense would panic on a zero dimension), or
// an error for an invalid option. [ReadSpace] returns errors wrapping
// [ErrNotSpace], [ErrVersion] or [ErrCorrupt]. Shape mismatches between a
// model and a matrix are programmer errors and panic, as in gonum.
package topics
