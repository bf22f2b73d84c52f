// Package nlpcompat adapts Khabar's topic terms, vocabulary and TF-IDF
// (package tfidf) to the interfaces of github.com/james-bowman/nlp:
// [Tokeniser], [Vectoriser] and [Transformer] satisfy its Tokeniser,
// Vectoriser and Transformer, so they run inside an nlp.Pipeline.
//
// It is a package of its own so that importing Khabar does not bring in
// james-bowman/nlp and its dependencies: only programs that import
// nlpcompat pay for them.
//
// nlp uses terms × documents matrices, the transpose of package tfidf's;
// the adapters transpose with T(), without copying.
package nlpcompat

import (
	"cmp"
	"slices"

	"github.com/james-bowman/nlp"
	"github.com/khabar-nlp/khabar/topics/tfidf"
	"gonum.org/v1/gonum/mat"
)

// Adapters to the interfaces of github.com/james-bowman/nlp. That library
// uses terms × documents matrices and Fit methods that change the receiver;
// the adapters transpose (with T(), no copy) and hold the models this
// package builds. Unlike the rest of the package, an adapter is not safe
// for concurrent use while Fit runs.

var (
	_ nlp.Tokeniser   = Tokeniser{}
	_ nlp.Vectoriser  = (*Vectoriser)(nil)
	_ nlp.Transformer = (*Transformer)(nil)
)

// Tokeniser is an nlp.Tokeniser giving the topic terms of a text (see
// [tfidf.Terms]): light stems without stop words or numbers. Use it in nlp's
// CountVectoriser or HashingVectoriser instead of its regular-expression
// tokeniser, which splits Arabic words at diacritics. It is safe for
// concurrent use.
type Tokeniser struct {
	// Options says how the text becomes terms.
	Options tfidf.TermOptions
}

// ForEachIn calls f with the Key of each term of text, in order.
func (t Tokeniser) ForEachIn(text string, f func(token string)) {
	for _, term := range tfidf.Terms(text, t.Options) {
		f(term.Key)
	}
}

// Tokenise returns the Keys of the terms of text, in order.
func (t Tokeniser) Tokenise(text string) []string {
	terms := tfidf.Terms(text, t.Options)
	out := make([]string, len(terms))
	for i, term := range terms {
		out[i] = term.Key
	}
	return out
}

// Vectoriser is an nlp.Vectoriser backed by a [tfidf.Vectorizer]. Fit builds
// a new Vectorizer with Options; Transform returns its counts transposed
// to terms × documents, as nlp expects.
type Vectoriser struct {
	// Options are passed to tfidf.NewVectorizer by Fit.
	Options []tfidf.VectorizerOption
	// Vectorizer is the model learned by the last Fit (or set directly).
	Vectorizer *tfidf.Vectorizer
	err        error
}

// Fit learns a new vocabulary from docs. nlp's interface has no error
// result: an error (such as [tfidf.ErrEmptyVocabulary]) is returned by the
// next Transform.
func (v *Vectoriser) Fit(docs ...string) nlp.Vectoriser {
	v.Vectorizer, v.err = tfidf.NewVectorizer(docs, v.Options...)
	return v
}

// Transform returns the counts of docs, terms × documents (a [mat.Transpose]
// of a [tfidf.CSR]). It returns the error of the last Fit, or [tfidf.ErrEmptyVocabulary]
// if there is no model.
func (v *Vectoriser) Transform(docs ...string) (mat.Matrix, error) {
	if v.err != nil {
		return nil, v.err
	}
	if v.Vectorizer == nil {
		return nil, tfidf.ErrEmptyVocabulary
	}
	return v.Vectorizer.Transform(docs).T(), nil
}

// FitTransform is Fit followed by Transform.
func (v *Vectoriser) FitTransform(docs ...string) (mat.Matrix, error) {
	return v.Fit(docs...).Transform(docs...)
}

// Transformer is an nlp.Transformer backed by [tfidf.Weights]: Fit learns the
// weighting with Options from a terms × documents count matrix, Transform
// returns weights in the same orientation. Matrices other than our own
// are read element by element (or through DoNonZero when they have it,
// as james-bowman/sparse's do).
type Transformer struct {
	// Options are passed to tfidf.NewWeights by Fit.
	Options []tfidf.WeightOption
	// Weights is the weighting learned by the last Fit (or set
	// directly).
	Weights *tfidf.Weights
	err     error
}

// Fit learns the weighting from m (terms × documents). An error is
// returned by the next Transform.
func (t *Transformer) Fit(m mat.Matrix) nlp.Transformer {
	t.Weights = nil
	var x *tfidf.CSR
	if x, t.err = documentRows(m); t.err == nil {
		t.Weights, t.err = tfidf.NewWeights(x, t.Options...)
	}
	return t
}

// Transform weights m (terms × documents) and returns the result in the
// same orientation. It returns an error if m does not have as many terms
// as the weighting was learned for.
func (t *Transformer) Transform(m mat.Matrix) (mat.Matrix, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.Weights == nil {
		return nil, tfidf.ErrEmptyVocabulary
	}
	if r, _ := m.Dims(); r != t.Weights.Len() {
		return nil, mat.ErrShape
	}
	x, err := documentRows(m)
	if err != nil {
		return nil, err
	}
	return t.Weights.Transform(x).T(), nil
}

// FitTransform is Fit followed by Transform.
func (t *Transformer) FitTransform(m mat.Matrix) (mat.Matrix, error) {
	return t.Fit(m).Transform(m)
}

// documentRows returns m (terms × documents) as a documents × terms CSR.
func documentRows(m mat.Matrix) (*tfidf.CSR, error) {
	if tr, ok := m.(mat.Transpose); ok {
		if c, ok := tr.Matrix.(*tfidf.CSR); ok {
			return c, nil
		}
	}
	nz, ok := m.(interface {
		DoNonZero(func(i, j int, v float64))
	})
	if !ok {
		return tfidf.CSRFromMatrix(mat.Transpose{Matrix: m}), nil
	}
	terms, docs := m.Dims()
	type entry struct {
		doc, term int
		v         float64
	}
	var es []entry
	nz.DoNonZero(func(i, j int, v float64) {
		if v != 0 {
			es = append(es, entry{j, i, v})
		}
	})
	// Entries arrive in any order.
	slices.SortFunc(es, func(a, b entry) int { return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.term, b.term)) })
	indptr := make([]int, docs+1)
	indices := make([]int, len(es))
	data := make([]float64, len(es))
	for k, e := range es {
		indptr[e.doc+1]++
		indices[k], data[k] = e.term, e.v
	}
	for d := range docs {
		indptr[d+1] += indptr[d]
	}
	return tfidf.NewCSR(docs, terms, indptr, indices, data)
}
