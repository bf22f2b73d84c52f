package tfidf

// Space is a fitted TF-IDF vector space: a [Vectorizer] (the vocabulary)
// and a [Weights] (its inverse document frequencies). It turns texts into
// TF-IDF matrices, rows = documents and columns = terms, serves as the
// background for [Space.Keywords], and is what [Space.WriteTo] saves.
//
// A Space never changes after construction and is safe for concurrent use.
type Space struct {
	vec   *Vectorizer
	tfidf *Weights
}

// NewSpace learns a vocabulary from texts with vopts, then the inverse
// document frequencies of its terms in the same texts with topts. Errors
// are those of [NewVectorizer]. Each text is tokenised once; see
// [NewSpaceTransform] for the TF-IDF matrix of texts as well.
func NewSpace(texts []string, vopts []VectorizerOption, topts ...WeightOption) (*Space, error) {
	s, _, err := newSpace(texts, vopts, topts, false)
	return s, err
}

// NewSpaceTransform is [NewSpace] followed by [Space.Transform] of the
// same texts, with the same results, but it tokenises each text once: it
// returns the space and the TF-IDF matrix of texts, len(texts) rows
// (documents) × Vectorizer().Len() columns (terms).
//
// Texts are turned into terms and counted by several goroutines
// (GOMAXPROCS at most, one per 64 texts at least), unless the
// [TermOptions] have an Extra function, which is then called from one
// goroutine only. The result does not depend on how many goroutines ran.
// Besides the space and the matrix, it allocates, while it runs, maps of
// the distinct terms, surfaces and word forms of texts, and the term
// lists of the documents.
func NewSpaceTransform(texts []string, vopts []VectorizerOption, topts ...WeightOption) (*Space, *CSR, error) {
	return newSpace(texts, vopts, topts, true)
}

func newSpace(texts []string, vopts []VectorizerOption, topts []WeightOption, transform bool) (*Space, *CSR, error) {
	c, err := newVectorizerConfig(vopts)
	if err != nil {
		return nil, nil, err
	}
	f, err := fitTexts(c, texts, fitWorkers(len(texts), &c.terms))
	if err != nil {
		return nil, nil, err
	}
	// Every document of a term has a non-zero count of it, so the
	// document frequencies of the count matrix, from which NewWeights
	// learns, are those of the vocabulary.
	t := newWeights(len(texts), f.vec.df, topts)
	s := &Space{vec: f.vec, tfidf: t}
	if !transform {
		return s, nil, nil
	}
	return s, buildCSR(f.cs, len(texts), f.vec.Len(), f.colOf, t), nil
}

// NewSpaceTerms is [NewSpace] for documents already turned into terms
// (by [Terms] and [AppendExtra], or terms of your own with Key and Surface
// set): it learns the vocabulary with vopts and the inverse document
// frequencies of its terms in docs with wopts. The [TermOptions] of vopts
// are remembered for [Space.Transform] but not used here. Errors are
// those of [NewVectorizerTerms].
func NewSpaceTerms(docs [][]Term, vopts []VectorizerOption, wopts ...WeightOption) (*Space, error) {
	v, err := NewVectorizerTerms(docs, vopts...)
	if err != nil {
		return nil, err
	}
	w, err := NewWeights(v.TransformTerms(docs), wopts...)
	if err != nil {
		return nil, err
	}
	return NewSpaceFrom(v, w), nil
}

// NewSpaceFrom pairs a vectorizer with a TF-IDF weighting learned from its
// counts. It panics if their numbers of terms differ.
func NewSpaceFrom(v *Vectorizer, t *Weights) *Space {
	if v.Len() != t.Len() {
		panic("tfidf: vectorizer and TFIDF have different numbers of terms")
	}
	return &Space{vec: v, tfidf: t}
}

// Vectorizer returns the space's vocabulary.
func (s *Space) Vectorizer() *Vectorizer { return s.vec }

// Weights returns the space's TF-IDF weighting.
func (s *Space) Weights() *Weights { return s.tfidf }

// Transform returns the TF-IDF matrix of texts: len(texts) rows
// (documents) × Vectorizer().Len() columns (terms).
func (s *Space) Transform(texts []string) *CSR {
	return s.tfidf.Transform(s.vec.Transform(texts))
}
