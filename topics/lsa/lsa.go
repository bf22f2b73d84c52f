// Package lsa computes a latent semantic analysis (LSA) of a sparse
// document-term matrix: its truncated singular value decomposition by a
// randomized algorithm that never densifies the matrix ([Fit]), and the
// projection of documents into its dimensions ([Model.Transform]).
//
// Rows are documents and columns are terms, as in package tfidf, whose
// [tfidf.CSR] matrices it reads.
package lsa

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/khabar-nlp/khabar/topics/tfidf"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// Defaults of the options.
const (
	// DefaultOversampling is the number of extra sample columns p of
	// the randomized SVD (see [Fit]).
	DefaultOversampling = 10
	// DefaultPowerIterations is the number of power iterations q of the
	// randomized SVD (see [Fit]).
	DefaultPowerIterations = 4
	// DefaultSeed seeds the Gaussian test matrix of the randomized SVD.
	DefaultSeed = 1
)

// Model is a latent semantic analysis of a document-term matrix X (rows =
// documents, columns = terms, usually TF-IDF weights): its rank-k truncated
// singular value decomposition
//
//	X ≈ U Σ Vᵀ
//
// with U documents × k, Σ the k largest singular values and V terms × k,
// both with orthonormal columns. The documents projected into the k
// dimensions are X V (= U Σ up to the approximation), and
// [Model.Transform] projects new rows the same way.
//
// A Model is built by [Fit] and never changes afterwards; it is safe for
// concurrent use. Its accessors return copies.
type Model struct {
	k, docs, terms int
	values         []float64 // k singular values, decreasing
	v              []float64 // terms × k, row-major: V
	proj           []float64 // docs × k, row-major: X V
}

// Option configures [Fit].
type Option func(*config) error

type config struct {
	oversampling, powerIters int
	seed                     uint64
}

// WithOversampling sets the number p of sample columns drawn beyond k
// (default [DefaultOversampling]): more gives more accurate singular
// vectors for more work. It returns an error from [NewLSA] if p < 0.
func WithOversampling(p int) Option {
	return func(c *config) error {
		if p < 0 {
			return fmt.Errorf("lsa: oversampling %d: want 0 or more", p)
		}
		c.oversampling = p
		return nil
	}
}

// WithPowerIterations sets the number q of power iterations (default
// [DefaultPowerIterations]); each costs two more sparse products and two
// QR factorisations, and sharpens the subspace when the singular values
// decay slowly, as they do for text. It returns an error from [NewLSA]
// unless 0 ≤ q ≤ 100.
func WithPowerIterations(q int) Option {
	return func(c *config) error {
		if q < 0 || q > 100 {
			return fmt.Errorf("lsa: %d power iterations: want 0 to 100", q)
		}
		c.powerIters = q
		return nil
	}
}

// WithSeed sets the seed of the Gaussian test matrix (default
// [DefaultSeed]). The same matrix, k, options and seed give the same
// model, bit for bit, on one platform.
func WithSeed(seed uint64) Option {
	return func(c *config) error {
		c.seed = seed
		return nil
	}
}

// ErrBadRank is returned (wrapped) by [Fit] for a number of dimensions
// below 1.
var ErrBadRank = errors.New("lsa: at least one dimension is needed")

// Fit computes the rank-k LSA of x (rows = documents, columns = terms)
// with the randomized truncated SVD of Halko, Martinsson and Tropp
// ("Finding structure with randomness", 2011), on x's sparse form: x is
// never densified. Let A be X, or Xᵀ when there are more documents than
// terms, so that A is r × c with r ≤ c, and let l = k+p sample columns (p
// from [WithOversampling]; l at most r). With q power iterations
// ([WithPowerIterations]):
//
//  1. Ω, r × l, has independent standard normal entries drawn from a PCG
//     generator seeded with [WithSeed];
//  2. Y = A (Aᵀ Ω) (r × l), and Q is the orthonormal factor of its thin
//     QR factorisation: the randomized range finder applied to A Aᵀ,
//     whose range is that of A and whose singular values are σ², with a
//     Gaussian test matrix of the short side (c × l normal draws would
//     cost more than a sparse product);
//  3. q times: Q = orth(A (Aᵀ Q)), re-orthonormalising the r × l sample
//     after each round trip so that rounding does not collapse its
//     columns onto the first singular vector (the c × l product in
//     between needs no factorisation: this halves the cost of an
//     iteration when r is much smaller than c);
//  4. B = Qᵀ A, l × c, computed as (Aᵀ Q)ᵀ, and its SVD B = Ũ Σ Wᵀ, so
//     that A ≈ (Q Ũ) Σ Wᵀ: Ũ and Σ² from gonum's eigendecomposition
//     ([mat.EigenSym]) of the l × l matrix B Bᵀ, and W = Bᵀ Ũ Σ⁻¹, two
//     products with the long side rather than a factorisation of it;
//     squaring loses the relative accuracy of singular values below
//     √ε·σ₁, so when σₖ < 10⁻⁶·σ₁ (x of rank below k, say) gonum's SVD
//     ([mat.SVD]) of B itself is used instead;
//  5. V, the terms × k right singular vectors of X (W for A = X, Q Ũ for
//     A = Xᵀ), keeps k columns, each with its sign chosen so that its
//     entry of largest magnitude is positive (the SVD leaves it free), and
//     Σ the k largest singular values; the documents are projected as X V.
//
// The QR factorisations use gonum's LAPACK (lapack64.Geqrf and Orgqr)
// directly, because [mat.QR] only gives the full square Q, r × r. The
// work is O((q+1)·nnz·l) for the sparse products plus O((q+1)·r·l² +
// c·l²) for the factorisations and dense products, and the memory
// O((documents+terms)·l) plus a transposed copy of x. The sparse products run on the calling goroutine;
// gonum's matrix multiplication may use several.
//
// k is reduced to min(documents, terms) if it is larger ([Model.K] gives the
// value used). When l = min(documents, terms) the decomposition is exact up
// to rounding.
//
// Fit checks ctx before each pair of sparse products and returns
// ctx.Err() if it is done. It returns [tfidf.ErrEmptyCorpus] for a matrix
// without rows, [tfidf.ErrEmptyVocabulary] for one without columns, an error wrapping
// ErrBadRank if k < 1, an error for an invalid option, or an error if
// gonum's SVD does not converge. It panics if x is nil.
func Fit(ctx context.Context, x *tfidf.CSR, k int, opts ...Option) (*Model, error) {
	cfg := config{oversampling: DefaultOversampling, powerIters: DefaultPowerIterations, seed: DefaultSeed}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	n, m := x.Dims()
	switch {
	case n == 0:
		return nil, tfidf.ErrEmptyCorpus
	case m == 0:
		return nil, tfidf.ErrEmptyVocabulary
	case k < 1:
		return nil, fmt.Errorf("%w (k = %d)", ErrBadRank, k)
	}
	k = min(k, n, m)
	l := min(k+cfg.oversampling, n, m)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Work on A = X when there are no more documents than terms, else on
	// A = Xᵀ, so that the orthonormalised sample has the smaller side's
	// rows: A is r × c with r ≤ c. Every product reads the c × l matrices
	// (long) row by row in order, through at, Aᵀ in CSR form.
	r, c := n, m
	at := x
	if n <= m {
		at = x.Transpose()
	} else {
		r, c = m, n
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 0x6b6861626172)) // "khabar"
	// q is r × l: Ω, then Y and its Q; z is c × l: Aᵀ Ω, then Aᵀ Q.
	q := make([]float64, r*l)
	for i := range q {
		q[i] = rng.NormFloat64()
	}
	z := make([]float64, c*l)
	mulCSRDense(z, at, q, l)
	mulTransCSRDense(q, at, z, l) // Y = A Aᵀ Ω
	o := newOrthonormalizer(r, l)
	o.orth(q, r, l)
	for range cfg.powerIters {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		mulCSRDense(z, at, q, l)
		mulTransCSRDense(q, at, z, l)
		o.orth(q, r, l)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	mulCSRDense(z, at, q, l) // Bᵀ = Aᵀ Q, c × l

	v, values, err := smallSVD(z, q, r, c, l, k, n <= m)
	if err != nil {
		return nil, err
	}
	// Fix the sign of each singular vector: its largest entry positive.
	best := make([]float64, k)
	sign := make([]float64, k)
	for j := range m {
		for d, x := range v[j*k : (j+1)*k] {
			if a := math.Abs(x); a > best[d] {
				best[d], sign[d] = a, x
			}
		}
	}
	for j := range m {
		row := v[j*k : (j+1)*k]
		for d := range row {
			if sign[d] < 0 {
				row[d] = -row[d]
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	proj := make([]float64, n*k)
	if n <= m {
		mulTransCSRDense(proj, at, v, k) // X V = (Xᵀ)ᵀ V
	} else {
		mulCSRDense(proj, x, v, k)
	}
	return &Model{k: k, docs: n, terms: m, values: values, v: v, proj: proj}, nil
}

// K returns the number of dimensions: the k given to [Fit], or
// min(documents, terms) if that was smaller.
func (m *Model) K() int { return m.k }

// Dims returns the number of documents and of terms of the matrix the
// model was computed from.
func (m *Model) Dims() (docs, terms int) { return m.docs, m.terms }

// Values returns a copy of the k singular values, largest first.
func (m *Model) Values() []float64 { return append([]float64(nil), m.values...) }

// Documents returns a new documents × k matrix: the documents of the
// matrix the LSA was computed from, projected into the k dimensions (X V,
// each column's Euclidean length its singular value, up to the
// approximation). It equals [Model.Transform] of that matrix.
func (m *Model) Documents() *mat.Dense {
	return mat.NewDense(m.docs, m.k, append([]float64(nil), m.proj...))
}

// Components returns a new k × terms matrix whose rows are the right
// singular vectors (Vᵀ): row c gives the weight of every term in
// dimension c. Its rows are orthonormal.
func (m *Model) Components() *mat.Dense {
	c := mat.NewDense(m.k, m.terms, nil)
	for j := range m.terms {
		for d := range m.k {
			c.Set(d, j, m.v[j*m.k+d])
		}
	}
	return c
}

// Transform projects the rows of x (documents × the LSA's terms, weighted
// as the matrix the LSA was computed from) into the k dimensions: x V,
// a new rows × k matrix. It returns nil if x has no rows ([mat.NewDense]
// cannot hold an empty matrix), and panics if x does not have as many
// columns as the LSA has terms.
func (m *Model) Transform(x *tfidf.CSR) *mat.Dense {
	r, c := x.Dims()
	if c != m.terms {
		panic(fmt.Sprintf("lsa: Transform: matrix has %d columns, the model %d terms", c, m.terms))
	}
	if r == 0 {
		return nil
	}
	out := make([]float64, r*m.k)
	mulCSRDense(out, x, m.v, m.k)
	return mat.NewDense(r, m.k, out)
}

// mulCSRDense sets dst (rows of x × l, row-major) to x × d, where d is
// columns of x × l, row-major: each stored entry of x adds a scaled row
// of d.
func mulCSRDense(dst []float64, x *tfidf.CSR, d []float64, l int) {
	rows, _ := x.Dims()
	clear(dst[:rows*l])
	for i := range rows {
		out := dst[i*l : (i+1)*l]
		cols, vals := x.Row(i)
		for k, j := range cols {
			floats.AddScaled(out, vals[k], d[j*l:(j+1)*l])
		}
	}
}

// mulTransCSRDense sets dst (xt.cols × l, row-major) to xtᵀ × d, where d
// is xt.rows × l, row-major: each row of d is read once, in order, and
// scattered into the rows of dst its row of xt names. This is x × d for
// x = xtᵀ, reading a long d sequentially.
func mulTransCSRDense(dst []float64, xt *tfidf.CSR, d []float64, l int) {
	rows, cols := xt.Dims()
	clear(dst[:cols*l])
	for j := range rows {
		src := d[j*l : (j+1)*l]
		is, vals := xt.Row(j)
		for k, i := range is {
			floats.AddScaled(dst[i*l:(i+1)*l], vals[k], src)
		}
	}
}

// orthonormalizer replaces the columns of tall matrices by an orthonormal
// basis of their span (the Q of a thin QR factorisation), reusing its
// workspace.
type orthonormalizer struct {
	tau, work []float64
}

func newOrthonormalizer(maxRows, cols int) *orthonormalizer {
	o := &orthonormalizer{tau: make([]float64, cols)}
	probe := blas64.General{Rows: maxRows, Cols: cols, Stride: cols, Data: make([]float64, 0)}
	w := []float64{0}
	lapack64.Geqrf(probe, o.tau, w, -1)
	need := int(w[0])
	lapack64.Orgqr(probe, o.tau, w, -1)
	need = max(need, int(w[0]), maxRows, cols)
	o.work = make([]float64, need)
	return o
}

// orth overwrites a (rows × cols, row-major, rows ≥ cols) with the first
// cols columns of Q of its QR factorisation. A rank-deficient a still
// gives orthonormal columns.
func (o *orthonormalizer) orth(a []float64, rows, cols int) {
	g := blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: a[:rows*cols]}
	lapack64.Geqrf(g, o.tau[:cols], o.work, len(o.work))
	lapack64.Orgqr(g, o.tau[:cols], o.work, len(o.work))
}

// smallSVD finishes the randomized SVD from Bᵀ = Aᵀ Q (bt, c × l) and Q
// (r × l): it returns the terms × k right singular vectors of X, row-major
// (W of B = Ũ Σ Wᵀ when A = X, Q Ũ when A = Xᵀ), and the k largest
// singular values.
//
// The SVD of the l × c matrix B is taken from the eigendecomposition of
// the l × l matrix B Bᵀ = Ũ Σ² Ũᵀ, with W = Bᵀ Ũ Σ⁻¹: two matrix products
// with the long side instead of a factorisation of it. Squaring loses the
// relative accuracy of singular values below √ε·σ₁, so when σₖ < 10⁻⁶·σ₁
// (a matrix of rank below k, for example) it falls back to gonum's SVD of
// B itself.
func smallSVD(bt, q []float64, r, c, l, k int, aIsX bool) ([]float64, []float64, error) {
	btd := mat.NewDense(c, l, bt)
	var g mat.Dense
	g.Mul(btd.T(), btd) // B Bᵀ
	var eig mat.EigenSym
	if eig.Factorize(mat.NewSymDense(l, g.RawMatrix().Data), true) {
		lambda := eig.Values(nil) // ascending
		var vecs mat.Dense
		eig.VectorsTo(&vecs)
		values := make([]float64, k)
		ut := mat.NewDense(l, k, nil) // Ũ, k columns, largest first
		for i := range k {
			values[i] = math.Sqrt(max(lambda[l-1-i], 0))
			for j := range l {
				ut.Set(j, i, vecs.At(j, l-1-i))
			}
		}
		if values[k-1] > 1e-6*values[0] {
			var v mat.Dense
			if aIsX {
				for i := range k {
					col := ut.ColView(i).(*mat.VecDense)
					col.ScaleVec(1/values[i], col)
				}
				v.Mul(btd, ut) // W = Bᵀ Ũ Σ⁻¹
			} else {
				v.Mul(mat.NewDense(r, l, q), ut) // Q Ũ
			}
			return v.RawMatrix().Data, values, nil
		}
	}

	var svd mat.SVD
	if !svd.Factorize(btd, mat.SVDThin) { // Bᵀ = W Σ Ũᵀ
		return nil, nil, errors.New("lsa: LSA: the SVD of the sample did not converge")
	}
	values := svd.Values(nil)[:k]
	var vecs mat.Dense
	if aIsX {
		svd.UTo(&vecs) // W, terms × l
	} else {
		var u mat.Dense
		svd.VTo(&u) // Ũ, l × l
		vecs.Mul(mat.NewDense(r, l, q), &u)
	}
	rows, _ := vecs.Dims()
	v := make([]float64, rows*k)
	for j := range rows {
		copy(v[j*k:(j+1)*k], vecs.RawRowView(j)[:k])
	}
	return v, values, nil
}
