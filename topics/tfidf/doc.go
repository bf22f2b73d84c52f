// Package tfidf turns Arabic news texts into term vectors and TF-IDF
// weights, and finds the keywords of an article.
//
// # Overview
//
// Texts become terms with [Terms]: words from package tokenize, stop
// words, reporting verbs, number words and numbers dropped, light-stemmed
// with [tokenize.Stem] (so الانتخابات and انتخابات count together),
// optionally with bigrams and caller-supplied extra terms (entity IDs,
// [AppendExtra]). A [Vectorizer], built once by [NewVectorizer], learns a
// vocabulary with minimum and maximum document frequency and a maximum
// size, and counts terms. [Weights], built once by [NewWeights], weight
// those counts. A [Space] holds both, saves and loads them
// ([Space.WriteTo], [ReadSpace]), and gives the keywords of an article
// ([Space.Keywords]):
//
//	s, err := tfidf.NewSpace(archive, nil)
//	m := s.Transform(texts)          // *CSR, rows = documents
//	kws := s.Keywords(article, 10)  // []Keyword, best first
//
// [NewSpaceTransform] fits a space and returns the TF-IDF rows of the
// same texts in one pass, tokenising each text once; fitting spreads the
// texts over GOMAXPROCS workers with a result that does not depend on
// their number. [NewSpaceFromStats] builds the same space from term
// statistics added up elsewhere ([TextStats], [TermStats.Add]), as a job
// spread over many machines does. [DefaultSpace] is an embedded background
// of document frequencies for keywords when there is no archive to fit a
// Space on.
//
// Nothing has a Fit method that changes it: every value is built by a
// constructor and is immutable afterwards.
//
// # Orientation
//
// Every matrix of this package has one row per document and one column
// per term of a vocabulary. [CSR] is our sparse matrix; it implements
// gonum's mat.Matrix, and its T method gives the terms × documents view
// used by github.com/james-bowman/nlp (see package topics/nlpcompat).
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
// tatweel or invisible marks — for display; a keyword is always shown as
// the article's own text at its offsets, never as a bare stem.
//
// # Cost
//
// Nothing here keeps a list of a long text's terms where it can count
// them: [ScanTerms] reports terms one at a time from tokens, and
// [Space.Keywords] and [Space.KeywordsList] hold a counter per distinct
// term and display form, the terms of one sentence, and the keys of each
// distinct sentence (to count a repeated one once), all of them bounded by
// the text's vocabulary rather than its length; they read the tokens
// twice, in time linear in the text. KeywordsList takes the tokens as a
// [tokenize.List] (20 bytes a token) and checks a context as it reads.
// [Terms] and [Vectorizer.TransformTerms] do build lists (about 100 bytes
// a term), as their callers ask for them.
//
// # Concurrency
//
// Vectorizer, Weights, Space and CSR are safe for concurrent use.
//
// # Errors
//
// Constructors return [ErrEmptyCorpus] or [ErrEmptyVocabulary] when there
// is nothing to learn (mat.NewDense would panic on a zero dimension), or
// an error for an invalid option. [ReadSpace] returns errors wrapping
// [ErrNotSpace], [ErrVersion] or [ErrCorrupt]. Shape mismatches between a
// model and a matrix are programmer errors and panic, as in gonum.
package tfidf
