package tfidf

import (
	"fmt"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// CSR is an immutable sparse matrix in compressed sparse row form. In this
// package its rows are documents and its columns are terms (the columns of
// a [Vectorizer]'s vocabulary).
//
// CSR implements gonum's [mat.Matrix], so it can be passed wherever gonum
// or james-bowman/nlp expects one; [CSR.T] returns the terms × documents
// view that nlp uses. [CSR.Row] gives row i's stored entries, in
// increasing column order, without allocating; this package writes no
// explicit zeros.
//
// A CSR may have zero rows or zero columns (unlike [mat.Dense]). It is safe
// for concurrent use: nothing mutates it after construction.
type CSR struct {
	rows, cols int
	indptr     []int
	indices    []int
	data       []float64
}

var _ mat.Matrix = (*CSR)(nil)

// NewCSR returns a rows × cols matrix from its CSR arrays, which it takes
// over (the caller must not modify them afterwards). indptr has rows+1
// entries starting at 0 and never decreasing; indices and data have
// indptr[rows] entries; the column indices of each row are strictly
// increasing and in [0, cols).
//
// It returns an error describing the first violation if the arrays are
// not consistent.
func NewCSR(rows, cols int, indptr, indices []int, data []float64) (*CSR, error) {
	if rows < 0 || cols < 0 {
		return nil, fmt.Errorf("tfidf: negative dimension %d×%d", rows, cols)
	}
	if len(indptr) != rows+1 {
		return nil, fmt.Errorf("tfidf: indptr has %d entries, want %d", len(indptr), rows+1)
	}
	if indptr[0] != 0 {
		return nil, fmt.Errorf("tfidf: indptr[0] = %d, want 0", indptr[0])
	}
	nnz := indptr[rows]
	if len(indices) != nnz || len(data) != nnz {
		return nil, fmt.Errorf("tfidf: %d indices and %d values, want %d", len(indices), len(data), nnz)
	}
	for i := range rows {
		lo, hi := indptr[i], indptr[i+1]
		if hi < lo || hi > nnz {
			return nil, fmt.Errorf("tfidf: indptr not increasing at row %d", i)
		}
		for k := lo; k < hi; k++ {
			c := indices[k]
			if c < 0 || c >= cols {
				return nil, fmt.Errorf("tfidf: column %d out of range [0,%d) in row %d", c, cols, i)
			}
			if k > lo && c <= indices[k-1] {
				return nil, fmt.Errorf("tfidf: columns not strictly increasing in row %d", i)
			}
		}
	}
	return &CSR{rows: rows, cols: cols, indptr: indptr, indices: indices, data: data}, nil
}

// CSRFromMatrix copies the non-zero entries of m into a new CSR. It reads
// every element through At, so it costs O(rows × cols) unless m is a *CSR
// (then it returns m itself, which is immutable) or a [mat.Transpose] of
// one.
func CSRFromMatrix(m mat.Matrix) *CSR {
	switch c := m.(type) {
	case *CSR:
		return c
	case mat.Transpose:
		if inner, ok := c.Matrix.(*CSR); ok {
			return inner.Transpose()
		}
	}
	r, cols := m.Dims()
	indptr := make([]int, r+1)
	var indices []int
	var data []float64
	for i := range r {
		for j := range cols {
			if v := m.At(i, j); v != 0 {
				indices = append(indices, j)
				data = append(data, v)
			}
		}
		indptr[i+1] = len(indices)
	}
	return &CSR{rows: r, cols: cols, indptr: indptr, indices: indices, data: data}
}

// Transpose returns a new CSR holding the transpose of m: terms ×
// documents. [CSR.T] gives the same matrix as a view, without copying,
// for gonum.
func (m *CSR) Transpose() *CSR {
	nnz := m.Nnz()
	indptr := make([]int, m.cols+1)
	for _, c := range m.indices {
		indptr[c+1]++
	}
	for j := range m.cols {
		indptr[j+1] += indptr[j]
	}
	next := slices.Clone(indptr[:m.cols])
	indices := make([]int, nnz)
	data := make([]float64, nnz)
	for i := range m.rows {
		for k := m.indptr[i]; k < m.indptr[i+1]; k++ {
			c := m.indices[k]
			p := next[c]
			next[c]++
			indices[p] = i
			data[p] = m.data[k]
		}
	}
	return &CSR{rows: m.cols, cols: m.rows, indptr: indptr, indices: indices, data: data}
}

// SelectRows returns a new CSR of the given rows of m, in that order. It
// panics if a row is out of range.
func (m *CSR) SelectRows(rows []int) *CSR {
	indptr := make([]int, 1, len(rows)+1)
	var indices []int
	var data []float64
	for _, i := range rows {
		cols, vals := m.Row(i)
		indices = append(indices, cols...)
		data = append(data, vals...)
		indptr = append(indptr, len(indices))
	}
	return &CSR{rows: len(rows), cols: m.cols, indptr: indptr, indices: indices, data: data}
}

// Dims returns the number of rows (documents) and columns (terms).
func (m *CSR) Dims() (r, c int) { return m.rows, m.cols }

// At returns the element at row i (document) and column j (term), using a
// binary search within the row. It panics with [mat.ErrRowAccess] or
// [mat.ErrColAccess] if i or j is out of range, as gonum's matrices do.
func (m *CSR) At(i, j int) float64 {
	if uint(i) >= uint(m.rows) {
		panic(mat.ErrRowAccess)
	}
	if uint(j) >= uint(m.cols) {
		panic(mat.ErrColAccess)
	}
	lo, hi := m.indptr[i], m.indptr[i+1]
	if k, ok := slices.BinarySearch(m.indices[lo:hi], j); ok {
		return m.data[lo+k]
	}
	return 0
}

// T returns the transpose (terms × documents) as a [mat.Transpose] view,
// without copying.
func (m *CSR) T() mat.Matrix { return mat.Transpose{Matrix: m} }

// Nnz returns the number of stored (non-zero) entries.
func (m *CSR) Nnz() int { return m.indptr[m.rows] }

// Row returns the stored entries of row i: their columns, increasing, and
// their values. The slices alias the matrix and must not be modified. It
// does not allocate and panics with [mat.ErrRowAccess] if i is out of range.
func (m *CSR) Row(i int) (cols []int, vals []float64) {
	if uint(i) >= uint(m.rows) {
		panic(mat.ErrRowAccess)
	}
	lo, hi := m.indptr[i], m.indptr[i+1]
	return m.indices[lo:hi:hi], m.data[lo:hi:hi]
}

// DoNonZero calls fn for every stored entry in row-major order, as
// james-bowman/sparse's matrices do.
func (m *CSR) DoNonZero(fn func(i, j int, v float64)) {
	for i := range m.rows {
		for k := m.indptr[i]; k < m.indptr[i+1]; k++ {
			fn(i, m.indices[k], m.data[k])
		}
	}
}

// Dense returns a dense copy of m, or nil if m has zero rows or columns
// ([mat.NewDense] cannot hold an empty matrix). It allocates rows × cols
// float64s.
func (m *CSR) Dense() *mat.Dense {
	if m.rows == 0 || m.cols == 0 {
		return nil
	}
	d := mat.NewDense(m.rows, m.cols, nil)
	m.DoNonZero(d.Set)
	return d
}

// buildCSR returns the n × cols matrix of the documents counted by cs:
// row i holds the counts of document i in the columns colOf gives its
// term IDs (-1: not a column), weighted by t if t is not nil. Each counter
// fills the rows of its own documents, in parallel with the others, into
// arrays allocated once.
func buildCSR(cs []*counter, n, cols int, colOf [][]int32, t *Weights) *CSR {
	indptr := make([]int, n+1)
	parallel(len(cs), func(w int) {
		c, col := cs[w], colOf[w]
		lo := 0
		for d, i := range c.docs {
			k := 0
			for _, term := range c.entTerm[lo:c.docEnd[d]] {
				if col[term] >= 0 {
					k++
				}
			}
			indptr[i+1] = k
			lo = c.docEnd[d]
		}
	})
	for i := range n {
		indptr[i+1] += indptr[i]
	}
	nnz := indptr[n]
	indices := make([]int, nnz)
	data := make([]float64, nnz)
	parallel(len(cs), func(w int) {
		c, col := cs[w], colOf[w]
		var row []uint64 // column << 32 | count, sorted by column
		lo := 0
		for d, i := range c.docs {
			row = row[:0]
			for e := lo; e < c.docEnd[d]; e++ {
				if j := col[c.entTerm[e]]; j >= 0 {
					row = append(row, uint64(j)<<32|uint64(uint32(c.entCount[e])))
				}
			}
			lo = c.docEnd[d]
			slices.Sort(row)
			p, q := indptr[i], indptr[i+1]
			for k, x := range row {
				indices[p+k] = int(x >> 32)
				data[p+k] = float64(uint32(x))
			}
			if t != nil {
				t.weightRow(data[p:q], indices[p:q], data[p:q])
			}
		}
	})
	return &CSR{rows: n, cols: cols, indptr: indptr, indices: indices, data: data}
}

// parallel calls fn(0) … fn(n-1), each in its own goroutine when n > 1,
// and returns when all have returned.
func parallel(n int, fn func(w int)) {
	if n == 1 {
		fn(0)
		return
	}
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() { fn(w) })
	}
	wg.Wait()
}
