package topics

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Errors returned when there is nothing to learn from.
var (
	// ErrEmptyCorpus means a vectorizer or TF-IDF weighting was given no
	// documents.
	ErrEmptyCorpus = errors.New("topics: empty corpus")
	// ErrEmptyVocabulary means no term survived extraction and the
	// document-frequency limits.
	ErrEmptyVocabulary = errors.New("topics: empty vocabulary")
)

// VectorizerOption configures [NewVectorizer].
type VectorizerOption func(*vectorizerConfig) error

type vectorizerConfig struct {
	terms       TermOptions
	minDF       int
	maxDF       float64
	maxFeatures int
}

// WithTermOptions sets how texts become terms (default: the zero
// [TermOptions], single words from the default tokenizer).
func WithTermOptions(o TermOptions) VectorizerOption {
	return func(c *vectorizerConfig) error { c.terms = o; return nil }
}

// WithMinDF keeps only terms that occur in at least n documents (default
// 1). It returns an error from NewVectorizer if n < 1.
func WithMinDF(n int) VectorizerOption {
	return func(c *vectorizerConfig) error {
		if n < 1 {
			return fmt.Errorf("topics: minimum document frequency %d < 1", n)
		}
		c.minDF = n
		return nil
	}
}

// WithMaxDF drops terms that occur in more than the fraction f of the
// documents (default 1: none dropped), as scikit-learn's max_df does with a
// float. The dropped terms are kept apart (see [Vectorizer.IsCommon]) so
// that keywords can skip them. It returns an error from NewVectorizer
// unless 0 < f ≤ 1.
func WithMaxDF(f float64) VectorizerOption {
	return func(c *vectorizerConfig) error {
		if !(f > 0 && f <= 1) {
			return fmt.Errorf("topics: maximum document frequency %v not in (0, 1]", f)
		}
		c.maxDF = f
		return nil
	}
}

// WithMaxFeatures keeps at most n terms (0, the default, means no limit):
// those with the highest total count in the corpus, ties broken by the
// term in byte order. It returns an error from NewVectorizer if n < 0.
func WithMaxFeatures(n int) VectorizerOption {
	return func(c *vectorizerConfig) error {
		if n < 0 {
			return fmt.Errorf("topics: maximum vocabulary size %d < 0", n)
		}
		c.maxFeatures = n
		return nil
	}
}

// Vectorizer maps texts to term counts over a fixed vocabulary. It is
// built once by [NewVectorizer] or [NewVectorizerTerms] and never changes.
//
// Matrices it returns have one row per document and one column per term
// of the vocabulary; columns are in byte order of the terms. It is safe
// for concurrent use.
type Vectorizer struct {
	terms    TermOptions
	vocab    []string       // column → term
	surfaces []string       // column → most frequent surface
	df       []int          // column → document frequency
	index    map[string]int // term → column
	common   map[string]bool
	nDocs    int
	minDF    int
	maxDF    float64
	maxFeat  int
}

// surfaceCount counts one surface form of a term.
type surfaceCount struct {
	s string
	n int
}

type termStat struct {
	df, count int
	lastDoc   int
	best      surfaceCount // most frequent surface so far
}

type surfaceKey struct {
	st *termStat
	s  string
}

// NewVectorizer learns a vocabulary from texts: their terms ([Terms] with
// the [TermOptions] of [WithTermOptions]), filtered by [WithMinDF],
// [WithMaxDF] and [WithMaxFeatures]. For each term it keeps the document
// frequency and its most frequent surface form (ties: a form with the
// article ال, then the shorter, then the smaller in byte order), used for display instead of the bare stem.
//
// It returns [ErrEmptyCorpus] for no texts, [ErrEmptyVocabulary] if no
// term is left, or an error for an invalid option. It does not keep texts.
func NewVectorizer(texts []string, opts ...VectorizerOption) (*Vectorizer, error) {
	c, err := newVectorizerConfig(opts)
	if err != nil {
		return nil, err
	}
	var buf []Term
	return fitVectorizer(c, len(texts), func(i int) []Term {
		buf = c.terms.appendTerms(buf[:0], texts[i])
		return buf
	})
}

// NewVectorizerTerms is [NewVectorizer] for documents already turned into
// terms, one slice per document (for example by [Terms], or terms of your
// own with Key and Surface set). The [TermOptions] of the options are
// remembered for [Vectorizer.Transform] but not used here.
func NewVectorizerTerms(docs [][]Term, opts ...VectorizerOption) (*Vectorizer, error) {
	c, err := newVectorizerConfig(opts)
	if err != nil {
		return nil, err
	}
	return fitVectorizer(c, len(docs), func(i int) []Term { return docs[i] })
}

func newVectorizerConfig(opts []VectorizerOption) (vectorizerConfig, error) {
	c := vectorizerConfig{minDF: 1, maxDF: 1}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}

func fitVectorizer(c vectorizerConfig, n int, doc func(i int) []Term) (*Vectorizer, error) {
	if n == 0 {
		return nil, ErrEmptyCorpus
	}
	stats := make(map[string]*termStat)
	surfaces := make(map[surfaceKey]int)
	for i := range n {
		for _, t := range doc(i) {
			st := stats[t.Key]
			if st == nil {
				// Clone: keys may be substrings of a long text.
				st = &termStat{lastDoc: -1}
				stats[strings.Clone(t.Key)] = st
			}
			st.count++
			if st.lastDoc != i {
				st.lastDoc = i
				st.df++
			}
			k := surfaceKey{st, t.Surface}
			c, ok := surfaces[k]
			if !ok {
				k.s = strings.Clone(t.Surface)
			}
			surfaces[k] = c + 1
			if cand := (surfaceCount{k.s, c + 1}); st.best.n == 0 || betterSurface(cand, st.best) {
				st.best = cand
			}
		}
	}
	maxDocs := int(math.Floor(c.maxDF*float64(n) + 1e-9))
	if maxDocs < c.minDF {
		return nil, fmt.Errorf("topics: maximum document frequency %v of %d documents (%d) is below the minimum %d", c.maxDF, n, maxDocs, c.minDF)
	}
	type cand struct {
		term  string
		count int
	}
	var cands []cand
	common := make(map[string]bool)
	for term, st := range stats {
		switch {
		case st.df > maxDocs:
			common[term] = true
		case st.df >= c.minDF:
			cands = append(cands, cand{term, st.count})
		}
	}
	if c.maxFeatures > 0 && len(cands) > c.maxFeatures {
		slices.SortFunc(cands, func(a, b cand) int {
			if a.count != b.count {
				return cmp.Compare(b.count, a.count)
			}
			return strings.Compare(a.term, b.term)
		})
		cands = cands[:c.maxFeatures]
	}
	if len(cands) == 0 {
		return nil, ErrEmptyVocabulary
	}
	slices.SortFunc(cands, func(a, b cand) int { return strings.Compare(a.term, b.term) })
	v := &Vectorizer{
		terms:    c.terms,
		vocab:    make([]string, len(cands)),
		surfaces: make([]string, len(cands)),
		df:       make([]int, len(cands)),
		index:    make(map[string]int, len(cands)),
		common:   common,
		nDocs:    n,
		minDF:    c.minDF,
		maxDF:    c.maxDF,
		maxFeat:  c.maxFeatures,
	}
	for j, cd := range cands {
		st := stats[cd.term]
		v.vocab[j] = cd.term
		v.surfaces[j] = st.best.s
		v.df[j] = st.df
		v.index[cd.term] = j
	}
	return v, nil
}

// bestSurface returns the most frequent surface. Ties go to a form with
// the article ال (الإنتاج rather than إنتاجها), then to the shorter, then
// to the smaller in byte order.
func bestSurface(s []surfaceCount) string {
	best := s[0]
	for _, c := range s[1:] {
		if betterSurface(c, best) {
			best = c
		}
	}
	return best.s
}

// betterSurface reports whether c should be shown rather than best.
func betterSurface(c, best surfaceCount) bool {
	if c.n != best.n {
		return c.n > best.n
	}
	ca, ba := strings.HasPrefix(c.s, "ال"), strings.HasPrefix(best.s, "ال")
	switch {
	case ca != ba:
		return ca
	case len(c.s) != len(best.s):
		return len(c.s) < len(best.s)
	}
	return c.s < best.s
}

// Len returns the vocabulary size: the number of columns.
func (v *Vectorizer) Len() int { return len(v.vocab) }

// Docs returns the number of documents the vocabulary was learned from.
func (v *Vectorizer) Docs() int { return v.nDocs }

// Term returns the term (a stem, or two stems for a bigram) of column j.
// It panics if j is out of range.
func (v *Vectorizer) Term(j int) string { return v.vocab[j] }

// Surface returns the display form of column j: the term's most frequent
// surface in the training texts (النفط for the stem نفط). It panics if j
// is out of range.
func (v *Vectorizer) Surface(j int) string { return v.surfaces[j] }

// DF returns the document frequency of column j in the training texts.
// It panics if j is out of range.
func (v *Vectorizer) DF(j int) int { return v.df[j] }

// Column returns the column of term, and whether it is in the vocabulary.
func (v *Vectorizer) Column(term string) (int, bool) {
	j, ok := v.index[term]
	return j, ok
}

// IsCommon reports whether term was dropped for occurring in too many
// documents ([WithMaxDF]).
func (v *Vectorizer) IsCommon(term string) bool { return v.common[term] }

// Vocabulary returns a copy of the terms, in column order.
func (v *Vectorizer) Vocabulary() []string { return slices.Clone(v.vocab) }

// TermOptions returns the options texts are turned into terms with.
func (v *Vectorizer) TermOptions() TermOptions { return v.terms }

// Transform returns the term counts of texts: a len(texts) × Len() matrix,
// rows = documents, columns = terms. Terms outside the vocabulary are
// ignored. It is safe for concurrent use.
func (v *Vectorizer) Transform(texts []string) *CSR {
	var buf []Term
	return v.transform(len(texts), func(i int) []Term {
		buf = v.terms.appendTerms(buf[:0], texts[i])
		return buf
	})
}

// TransformTerms is [Vectorizer.Transform] for documents already turned
// into terms.
func (v *Vectorizer) TransformTerms(docs [][]Term) *CSR {
	return v.transform(len(docs), func(i int) []Term { return docs[i] })
}

func (v *Vectorizer) transform(n int, doc func(i int) []Term) *CSR {
	indptr := make([]int, n+1)
	var indices []int
	var data []float64
	var cols []int
	for i := range n {
		cols = cols[:0]
		for _, t := range doc(i) {
			if j, ok := v.index[t.Key]; ok {
				cols = append(cols, j)
			}
		}
		slices.Sort(cols)
		for k := 0; k < len(cols); {
			e := k + 1
			for e < len(cols) && cols[e] == cols[k] {
				e++
			}
			indices = append(indices, cols[k])
			data = append(data, float64(e-k))
			k = e
		}
		indptr[i+1] = len(indices)
	}
	return &CSR{rows: n, cols: len(v.vocab), indptr: indptr, indices: indices, data: data}
}
