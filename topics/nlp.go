package topics

import (
	"github.com/james-bowman/nlp"
	"gonum.org/v1/gonum/mat"
)

// Adapters to the interfaces of github.com/james-bowman/nlp. That library
// uses terms × documents matrices and Fit methods that change the receiver;
// the adapters transpose (with T(), no copy) and hold the models this
// package builds. Unlike the rest of the package, an adapter is not safe
// for concurrent use while Fit runs.

var (
	_ nlp.Tokeniser   = NLPTokeniser{}
	_ nlp.Vectoriser  = (*NLPVectoriser)(nil)
	_ nlp.Transformer = (*NLPTransformer)(nil)
)

// NLPTokeniser is an nlp.Tokeniser giving the topic terms of a text (see
// [Terms]): light stems without stop words or numbers. Use it in nlp's
// CountVectoriser or HashingVectoriser instead of its regular-expression
// tokeniser, which splits Arabic words at diacritics. It is safe for
// concurrent use.
type NLPTokeniser struct {
	// Options says how the text becomes terms.
	Options TermOptions
}

// ForEachIn calls f with the Key of each term of text, in order.
func (t NLPTokeniser) ForEachIn(text string, f func(token string)) {
	for _, term := range Terms(text, t.Options) {
		f(term.Key)
	}
}

// Tokenise returns the Keys of the terms of text, in order.
func (t NLPTokeniser) Tokenise(text string) []string {
	terms := Terms(text, t.Options)
	out := make([]string, len(terms))
	for i, term := range terms {
		out[i] = term.Key
	}
	return out
}

// NLPVectoriser is an nlp.Vectoriser backed by a [Vectorizer]. Fit builds
// a new Vectorizer with Options; Transform returns its counts transposed
// to terms × documents, as nlp expects.
type NLPVectoriser struct {
	// Options are passed to NewVectorizer by Fit.
	Options []VectorizerOption
	// Vectorizer is the model learned by the last Fit (or set directly).
	Vectorizer *Vectorizer
	err        error
}

// Fit learns a new vocabulary from docs. nlp's interface has no error
// result: an error (such as [ErrEmptyVocabulary]) is returned by the
// next Transform.
func (v *NLPVectoriser) Fit(docs ...string) nlp.Vectoriser {
	v.Vectorizer, v.err = NewVectorizer(docs, v.Options...)
	return v
}

// Transform returns the counts of docs, terms × documents (a [mat.Transpose]
// of a [CSR]). It returns the error of the last Fit, or [ErrEmptyVocabulary]
// if there is no model.
func (v *NLPVectoriser) Transform(docs ...string) (mat.Matrix, error) {
	if v.err != nil {
		return nil, v.err
	}
	if v.Vectorizer == nil {
		return nil, ErrEmptyVocabulary
	}
	return v.Vectorizer.Transform(docs).T(), nil
}

// FitTransform is Fit followed by Transform.
func (v *NLPVectoriser) FitTransform(docs ...string) (mat.Matrix, error) {
	return v.Fit(docs...).Transform(docs...)
}

// NLPTransformer is an nlp.Transformer backed by a [TFIDF]: Fit learns the
// weighting with Options from a terms × documents count matrix, Transform
// returns weights in the same orientation. Matrices other than our own
// are read element by element (or through DoNonZero when they have it,
// as james-bowman/sparse's do).
type NLPTransformer struct {
	// Options are passed to NewTFIDF by Fit.
	Options []TFIDFOption
	// TFIDF is the weighting learned by the last Fit (or set directly).
	TFIDF *TFIDF
	err   error
}

// Fit learns the weighting from m (terms × documents). An error is
// returned by the next Transform.
func (t *NLPTransformer) Fit(m mat.Matrix) nlp.Transformer {
	t.TFIDF, t.err = NewTFIDF(documentRows(m), t.Options...)
	return t
}

// Transform weights m (terms × documents) and returns the result in the
// same orientation. It returns an error if m does not have as many terms
// as the weighting was learned for.
func (t *NLPTransformer) Transform(m mat.Matrix) (mat.Matrix, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.TFIDF == nil {
		return nil, ErrEmptyVocabulary
	}
	if r, _ := m.Dims(); r != t.TFIDF.Len() {
		return nil, mat.ErrShape
	}
	return t.TFIDF.Transform(documentRows(m)).T(), nil
}

// FitTransform is Fit followed by Transform.
func (t *NLPTransformer) FitTransform(m mat.Matrix) (mat.Matrix, error) {
	return t.Fit(m).Transform(m)
}

// documentRows returns m (terms × documents) as a documents × terms CSR.
func documentRows(m mat.Matrix) *CSR {
	if tr, ok := m.(mat.Transpose); ok {
		if c, ok := tr.Matrix.(*CSR); ok {
			return c
		}
	}
	if nz, ok := m.(interface {
		DoNonZero(func(i, j int, v float64))
	}); ok {
		terms, docs := m.Dims()
		type entry struct {
			doc, term int
			v         float64
		}
		counts := make([]int, docs+1)
		var es []entry
		nz.DoNonZero(func(i, j int, v float64) {
			if v != 0 {
				es = append(es, entry{j, i, v})
				counts[j+1]++
			}
		})
		for d := range docs {
			counts[d+1] += counts[d]
		}
		next := append([]int(nil), counts[:docs]...)
		indices := make([]int, len(es))
		data := make([]float64, len(es))
		// Terms arrive in any order; place, then sort each row.
		for _, e := range es {
			p := next[e.doc]
			next[e.doc]++
			indices[p] = e.term
			data[p] = e.v
		}
		c := &CSR{rows: docs, cols: terms, indptr: counts, indices: indices, data: data}
		c.sortRows()
		return c
	}
	return CSRFromMatrix(mat.Transpose{Matrix: m})
}
