package tfidf

import (
	"fmt"
	"math"
	"slices"
)

// WeightOption configures [NewWeights].
type WeightOption func(*Weights)

// WithPlainIDF uses idf = ln(n/df) + 1 instead of the smooth form.
func WithPlainIDF() WeightOption { return func(t *Weights) { t.plain = true } }

// WithSublinearTF replaces a count tf by 1 + ln(tf).
func WithSublinearTF() WeightOption { return func(t *Weights) { t.sublinear = true } }

// WithoutNormalization leaves rows unnormalised (by default each row is
// scaled to unit Euclidean length).
func WithoutNormalization() WeightOption { return func(t *Weights) { t.raw = true } }

// Weights weights a document-term count matrix (rows = documents, columns =
// terms) by term frequency × inverse document frequency, with the inverse
// document frequencies learned once by [NewWeights]. For n documents and a
// term in df of them:
//
//	idf = ln((1+n)/(1+df)) + 1   smooth (default, scikit-learn's smooth_idf)
//	idf = ln(n/df) + 1           plain ([WithPlainIDF]); df = 0 counts as 1
//	tf  = count, or 1 + ln(count) with [WithSublinearTF] (0 stays 0)
//	w   = tf × idf, then each row divided by its Euclidean norm (unless
//	      [WithoutNormalization]; an all-zero row stays zero)
//
// The "+1" keeps a term that occurs in every document from vanishing. A
// Weights never change after construction and is safe for concurrent use.
type Weights struct {
	idf       []float64
	nDocs     int
	plain     bool
	sublinear bool
	raw       bool
}

// NewWeights learns inverse document frequencies from counts (rows =
// documents, columns = terms, as returned by [Vectorizer.Transform]): the
// document frequency of a column is its number of non-zero entries. It
// returns [ErrEmptyCorpus] if counts has no rows or [ErrEmptyVocabulary]
// if it has no columns.
func NewWeights(counts *CSR, opts ...WeightOption) (*Weights, error) {
	n, m := counts.Dims()
	if n == 0 {
		return nil, ErrEmptyCorpus
	}
	if m == 0 {
		return nil, ErrEmptyVocabulary
	}
	df := make([]int, m)
	for k, c := range counts.indices[:counts.Nnz()] {
		if counts.data[k] != 0 {
			df[c]++
		}
	}
	return newWeights(n, df, opts), nil
}

// newWeights returns the weighting of terms with document frequencies df in
// n documents.
func newWeights(n int, df []int, opts []WeightOption) *Weights {
	t := &Weights{nDocs: n}
	for _, o := range opts {
		o(t)
	}
	t.idf = make([]float64, len(df))
	for j, d := range df {
		t.idf[j] = t.idfOf(d)
	}
	return t
}

// idfOf returns the idf of a term in d of the training documents.
func (t *Weights) idfOf(d int) float64 {
	n := float64(t.nDocs)
	if t.plain {
		return math.Log(n/float64(max(d, 1))) + 1
	}
	return math.Log((1+n)/(1+float64(d))) + 1
}

// Len returns the number of columns (terms) the weighting was learned for.
func (t *Weights) Len() int { return len(t.idf) }

// Docs returns the number of documents the weighting was learned from.
func (t *Weights) Docs() int { return t.nDocs }

// IDF returns the inverse document frequency of column j. It panics if j
// is out of range.
func (t *Weights) IDF(j int) float64 { return t.idf[j] }

// UnseenIDF returns the idf a term absent from every training document
// would have: ln(1+n)+1 (smooth) or ln(n)+1 (plain).
func (t *Weights) UnseenIDF() float64 { return t.idfOf(0) }

// IDFs returns a copy of the inverse document frequencies, by column.
func (t *Weights) IDFs() []float64 { return slices.Clone(t.idf) }

// String describes the weighting, e.g. "tfidf(smooth idf, tf, l2)".
func (t *Weights) String() string {
	idf, tf, norm := "smooth idf", "tf", "l2"
	if t.plain {
		idf = "plain idf"
	}
	if t.sublinear {
		tf = "sublinear tf"
	}
	if t.raw {
		norm = "no norm"
	}
	return fmt.Sprintf("tfidf(%s, %s, %s)", idf, tf, norm)
}

// Transform returns the TF-IDF weights of counts as a new matrix of the
// same shape and sparsity (rows = documents, columns = terms). It panics
// if counts does not have Len() columns.
func (t *Weights) Transform(counts *CSR) *CSR {
	if counts.cols != len(t.idf) {
		panic(fmt.Sprintf("tfidf: TFIDF learned for %d terms applied to %d columns", len(t.idf), counts.cols))
	}
	nnz := counts.Nnz()
	out := &CSR{
		rows:    counts.rows,
		cols:    counts.cols,
		indptr:  slices.Clone(counts.indptr),
		indices: slices.Clone(counts.indices[:nnz]),
		data:    make([]float64, nnz),
	}
	for i := range counts.rows {
		lo, hi := counts.indptr[i], counts.indptr[i+1]
		t.weightRow(out.data[lo:hi], counts.indices[lo:hi], counts.data[lo:hi])
	}
	return out
}

// weightRow writes the weights of one row's counts into dst.
func (t *Weights) weightRow(dst []float64, cols []int, counts []float64) {
	var ss float64
	for k, c := range cols {
		tf := counts[k]
		if t.sublinear && tf > 0 {
			tf = 1 + math.Log(tf)
		}
		w := tf * t.idf[c]
		dst[k] = w
		ss += w * w
	}
	if !t.raw && ss > 0 {
		inv := 1 / math.Sqrt(ss)
		for k := range dst {
			dst[k] *= inv
		}
	}
}
