package topics

// Space is a fitted TF-IDF vector space: a [Vectorizer] (the vocabulary)
// and a [TFIDF] (its inverse document frequencies). It turns texts into
// TF-IDF matrices, rows = documents and columns = terms, serves as the
// background for [Space.Keywords], and is what [Space.WriteTo] saves.
//
// A Space never changes after construction and is safe for concurrent use.
type Space struct {
	vec   *Vectorizer
	tfidf *TFIDF
}

// NewSpace learns a vocabulary from texts with vopts, then the inverse
// document frequencies of its terms in the same texts with topts. Errors
// are those of [NewVectorizer].
func NewSpace(texts []string, vopts []VectorizerOption, topts ...TFIDFOption) (*Space, error) {
	v, err := NewVectorizer(texts, vopts...)
	if err != nil {
		return nil, err
	}
	t, err := NewTFIDF(v.Transform(texts), topts...)
	if err != nil {
		return nil, err
	}
	return &Space{vec: v, tfidf: t}, nil
}

// NewSpaceFrom pairs a vectorizer with a TF-IDF weighting learned from its
// counts. It panics if their numbers of terms differ.
func NewSpaceFrom(v *Vectorizer, t *TFIDF) *Space {
	if v.Len() != t.Len() {
		panic("topics: vectorizer and TFIDF have different numbers of terms")
	}
	return &Space{vec: v, tfidf: t}
}

// Vectorizer returns the space's vocabulary.
func (s *Space) Vectorizer() *Vectorizer { return s.vec }

// TFIDF returns the space's weighting.
func (s *Space) TFIDF() *TFIDF { return s.tfidf }

// Transform returns the TF-IDF matrix of texts: len(texts) rows
// (documents) × Vectorizer().Len() columns (terms).
func (s *Space) Transform(texts []string) *CSR {
	return s.tfidf.Transform(s.vec.Transform(texts))
}
