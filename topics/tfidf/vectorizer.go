package tfidf

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/khabar-nlp/khabar/tokenize"
)

// Errors returned when there is nothing to learn from.
var (
	// ErrEmptyCorpus means a vectorizer or TF-IDF weighting was given no
	// documents.
	ErrEmptyCorpus = errors.New("tfidf: empty corpus")
	// ErrEmptyVocabulary means no term survived extraction and the
	// document-frequency limits.
	ErrEmptyVocabulary = errors.New("tfidf: empty vocabulary")
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
			return fmt.Errorf("tfidf: minimum document frequency %d < 1", n)
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
			return fmt.Errorf("tfidf: maximum document frequency %v not in (0, 1]", f)
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
			return fmt.Errorf("tfidf: maximum vocabulary size %d < 0", n)
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

// NewVectorizer learns a vocabulary from texts: their terms ([Terms] with
// the [TermOptions] of [WithTermOptions]), filtered by [WithMinDF],
// [WithMaxDF] and [WithMaxFeatures]. For each term it keeps the document
// frequency and its most frequent surface form (ties: a form with the
// article ال, then the shorter, then the smaller in byte order), used for display instead of the bare stem.
//
// It returns [ErrEmptyCorpus] for no texts, [ErrEmptyVocabulary] if no
// term is left, or an error for an invalid option. It does not keep texts.
//
// Each text is tokenised once. Large corpora are tokenised and counted by
// several goroutines (GOMAXPROCS at most, one per 64 texts at least),
// unless the [TermOptions] have an Extra function, which is then called
// from one goroutine only; the result does not depend on how many
// goroutines ran.
func NewVectorizer(texts []string, opts ...VectorizerOption) (*Vectorizer, error) {
	c, err := newVectorizerConfig(opts)
	if err != nil {
		return nil, err
	}
	f, err := fitTexts(c, texts, fitWorkers(len(texts), &c.terms))
	if err != nil {
		return nil, err
	}
	return f.vec, nil
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
	f, err := fitTerms(c, docs, fitWorkers(len(docs), nil))
	if err != nil {
		return nil, err
	}
	return f.vec, nil
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
// ignored. It is safe for concurrent use. Large inputs are tokenised by
// several goroutines (GOMAXPROCS at most), unless the [TermOptions] have
// an Extra function, which is then called from one goroutine only; the
// result does not depend on how many goroutines run.
func (v *Vectorizer) Transform(texts []string) *CSR {
	return v.transformTexts(texts, fitWorkers(len(texts), &v.terms))
}

// transformTexts is Transform with workers counters.
func (v *Vectorizer) transformTexts(texts []string, workers int) *CSR {
	cs := countTexts(texts, &v.terms, workers, false)
	colOf := make([][]int32, len(cs))
	for w, c := range cs {
		colOf[w] = make([]int32, len(c.keys))
		for t, key := range c.keys {
			colOf[w][t] = -1
			if j, ok := v.index[key]; ok {
				colOf[w][t] = int32(j)
			}
		}
	}
	return buildCSR(cs, len(texts), len(v.vocab), colOf, nil)
}

// TransformTerms is [Vectorizer.Transform] for documents already turned
// into terms.
func (v *Vectorizer) TransformTerms(docs [][]Term) *CSR {
	return v.transform(len(docs), func(i int) []Term { return docs[i] })
}

// TransformTokens is [Vectorizer.Transform] for one document given as its
// tokens, from the tokenizer of the vectorizer's [TermOptions], and extra
// terms (those of TermOptions.Extra included: it is not called), counted
// as [ScanTerms] and [AppendExtra] give them, without a list of terms.
// It returns a 1 × Len() matrix of counts.
func (v *Vectorizer) TransformTokens(tokens iter.Seq[tokenize.Token], extra []string) *CSR {
	var cols []int
	ScanTerms(tokens, v.terms, func(t *TermRef) bool {
		if j, ok := v.index[string(t.Key)]; ok {
			cols = append(cols, j)
		}
		return true
	})
	for _, e := range extra {
		if j, ok := v.index[e]; ok && e != "" {
			cols = append(cols, j)
		}
	}
	indptr := make([]int, 2)
	indices, data := countColumns(cols, nil, nil)
	indptr[1] = len(indices)
	return &CSR{rows: 1, cols: len(v.vocab), indptr: indptr, indices: indices, data: data}
}

// countColumns sorts cols and appends each column once to indices, with
// its number of occurrences to data.
func countColumns(cols, indices []int, data []float64) ([]int, []float64) {
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
	return indices, data
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
		indices, data = countColumns(cols, indices, data)
		indptr[i+1] = len(indices)
	}
	return &CSR{rows: n, cols: len(v.vocab), indptr: indptr, indices: indices, data: data}
}

// Fitting in one pass.
//
// Every document is turned into terms once. A counter, one per goroutine,
// interns each term key to a small integer (a term ID) and each pair of a
// term and a surface to a form ID, and keeps, per document, the term IDs
// it holds with their counts. Word tokens go through a cache from the
// token's text to its form, so a word form met before costs one map
// lookup: no stop-word check, no stemming, no surface. Merging the
// counters then gives the vocabulary, and the kept per-document term IDs
// give the count or TF-IDF matrix without another pass over the texts.
// Term and form IDs are local to a counter and never leave this file and
// buildCSR: the result depends only on the documents, not on how many
// counters there are or which documents each one processed.

// minDocsPerWorker is the smallest number of documents worth a goroutine.
const minDocsPerWorker = 64

// docBlock is the number of consecutive documents a counter takes at a
// time.
const docBlock = 16

// fitWorkers returns the number of counters for n documents: one per
// minDocsPerWorker documents, at most GOMAXPROCS, and one when opts has an
// Extra function (which need not be safe for concurrent use).
func fitWorkers(n int, opts *TermOptions) int {
	if opts != nil && opts.Extra != nil {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), n/minDocsPerWorker))
}

// formKey identifies a form: a term ID and one of its surfaces.
type formKey struct {
	term    int32
	surface string
}

// counter interns and counts the terms of the documents one goroutine
// processes. It is not safe for concurrent use.
//
// A form is a term ID with a surface and a count. Forms of words are
// made once per distinct token text, so two forms may share both term
// and surface (texts that differ only in diacritics); mergeCounters adds
// them up. Other terms (bigrams, extra terms, given terms) go through
// forms, a map that makes them unique.
type counter struct {
	opts *TermOptions
	sc   *tokenize.Scanner
	buf  []Term
	key  []byte // scratch for a word's stem

	words map[string]int32  // text of a word token → form, -1 for none
	terms map[string]int32  // key → term ID
	forms map[formKey]int32 // (term ID, surface) → form ID, for other terms

	keys   []string // term ID → key
	df     []int    // term ID → number of documents
	last   []int32  // term ID → 1 + local number of its last document
	slot   []int32  // term ID → its entry in the current document
	sorted []int32  // term IDs in byte order of their keys, once done (fit only)
	fit    bool     // the counts are for mergeCounters

	formTerm    []int32  // form ID → term ID
	formSurface []string // form ID → surface
	formCount   []int    // form ID → occurrences

	docs     []int   // indexes of the documents processed, in order
	docEnd   []int   // end of each document's entries in entTerm
	entTerm  []int32 // term IDs of each document, in order of first occurrence
	entCount []int32 // their counts in the document
}

// newCounter returns a counter for about size bytes of text (0 if
// unknown), which sizes its maps.
func newCounter(opts *TermOptions, size int) *counter {
	// About one distinct word form per 50 bytes and one term per 100 in
	// a thousand news articles; fewer as a corpus grows.
	words := min(size/50, 1<<17)
	c := &counter{
		opts:  opts,
		terms: make(map[string]int32, words/2),
	}
	if opts != nil && !opts.Bigrams {
		c.words = make(map[string]int32, words)
		c.sc = opts.tokenizer().Scanner("")
	}
	return c
}

// text adds document i, a text.
func (c *counter) text(i int, text string) {
	c.begin(i)
	if c.words == nil {
		// Bigrams: the general path, through Terms.
		c.buf = c.opts.appendTerms(c.buf[:0], text)
		for k := range c.buf {
			c.add(c.form(c.buf[k].Key, c.buf[k].Surface))
		}
		c.end()
		return
	}
	c.sc.Reset(text)
	for c.sc.Next() {
		tok := c.sc.Token()
		if tok.Kind == tokenize.Hashtag {
			for k := range tok.Parts {
				c.word(&tok.Parts[k])
			}
			continue
		}
		c.word(&tok)
	}
	if c.opts.Extra != nil {
		for _, e := range c.opts.Extra(text) {
			if e != "" {
				c.add(c.form(e, e))
			}
		}
	}
	c.end()
}

// termsDoc adds document i, given as terms.
func (c *counter) termsDoc(i int, terms []Term) {
	c.begin(i)
	for k := range terms {
		c.add(c.form(terms[k].Key, terms[k].Surface))
	}
	c.end()
}

// word adds the term of a word token, as appendTerms does without
// bigrams. The term and surface of a token depend only on its text (its
// Norm is its text normalised), so they are computed once per distinct
// text.
func (c *counter) word(tok *tokenize.Token) {
	if tok.Kind != tokenize.ArabicWord && tok.Kind != tokenize.LatinWord {
		return
	}
	f, ok := c.words[tok.Text]
	if !ok {
		f = -1
		var isTerm bool
		if c.key, isTerm = appendWordKey(c.key[:0], tok); isTerm {
			t, ok := c.terms[string(c.key)]
			if !ok {
				t = c.newTerm(string(c.key))
			}
			f = c.newForm(t, display.String(tok.Text))
		}
		c.words[tok.Text] = f
	}
	if f >= 0 {
		c.add(f)
	}
}

// form returns the form ID of (key, surface), interning both.
func (c *counter) form(key, surface string) int32 {
	t, ok := c.terms[key]
	if !ok {
		t = c.newTerm(key)
	}
	if c.forms == nil {
		c.forms = make(map[formKey]int32)
	}
	k := formKey{t, surface}
	f, ok := c.forms[k]
	if !ok {
		f = c.newForm(t, surface)
		c.forms[k] = f
	}
	return f
}

func (c *counter) newTerm(key string) int32 {
	t := int32(len(c.keys))
	c.terms[key] = t
	c.keys = append(c.keys, key)
	c.df = append(c.df, 0)
	c.last = append(c.last, 0)
	c.slot = append(c.slot, 0)
	return t
}

func (c *counter) newForm(t int32, surface string) int32 {
	f := int32(len(c.formTerm))
	c.formTerm = append(c.formTerm, t)
	c.formSurface = append(c.formSurface, surface)
	c.formCount = append(c.formCount, 0)
	return f
}

func (c *counter) begin(i int) { c.docs = append(c.docs, i) }

func (c *counter) end() { c.docEnd = append(c.docEnd, len(c.entTerm)) }

// add counts one occurrence of form f in the current document.
func (c *counter) add(f int32) {
	c.formCount[f]++
	t := c.formTerm[f]
	if cur := int32(len(c.docs)); c.last[t] != cur {
		c.last[t] = cur
		c.df[t]++
		c.slot[t] = int32(len(c.entTerm))
		c.entTerm = append(c.entTerm, t)
		c.entCount = append(c.entCount, 1)
	} else {
		c.entCount[c.slot[t]]++
	}
}

// done drops what only counting needed and, for a fit, sorts the term
// IDs by key for mergeCounters.
func (c *counter) done() {
	c.words, c.terms, c.forms, c.last, c.slot, c.buf = nil, nil, nil, nil, nil, nil
	if !c.fit {
		return
	}
	c.sorted = make([]int32, len(c.keys))
	for t := range c.sorted {
		c.sorted[t] = int32(t)
	}
	slices.SortFunc(c.sorted, func(a, b int32) int { return strings.Compare(c.keys[a], c.keys[b]) })
}

// runCounters calls each(c, i) for every document i in [0, n), spread over
// workers counters working in parallel, documents taken in blocks of
// docBlock. size is the number of bytes of text, or 0; fit says whether
// the counters are for mergeCounters.
func runCounters(n, workers, size int, fit bool, opts *TermOptions, each func(c *counter, i int)) []*counter {
	cs := make([]*counter, workers)
	if workers == 1 {
		cs[0] = newCounter(opts, size)
		cs[0].fit = fit
		for i := range n {
			each(cs[0], i)
		}
		cs[0].done()
		return cs
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range cs {
		c := newCounter(opts, size/workers)
		c.fit = fit
		cs[w] = c
		wg.Go(func() {
			for {
				lo := int(next.Add(docBlock)) - docBlock
				if lo >= n {
					c.done()
					return
				}
				for i := lo; i < min(lo+docBlock, n); i++ {
					each(c, i)
				}
			}
		})
	}
	wg.Wait()
	return cs
}

// countTexts runs counters over texts.
func countTexts(texts []string, opts *TermOptions, workers int, fit bool) []*counter {
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	return runCounters(len(texts), workers, size, fit, opts, func(c *counter, i int) { c.text(i, texts[i]) })
}

// fitted is a vocabulary learned by counters, with what buildCSR needs to
// turn their documents into rows.
type fitted struct {
	vec   *Vectorizer
	cs    []*counter
	colOf [][]int32 // counter → term ID → column, -1 if not in the vocabulary
}

// fitTexts learns a vocabulary from texts.
func fitTexts(c vectorizerConfig, texts []string, workers int) (*fitted, error) {
	if len(texts) == 0 {
		return nil, ErrEmptyCorpus
	}
	return mergeCounters(c, len(texts), countTexts(texts, &c.terms, workers, true))
}

// fitTerms learns a vocabulary from documents given as terms.
func fitTerms(c vectorizerConfig, docs [][]Term, workers int) (*fitted, error) {
	if len(docs) == 0 {
		return nil, ErrEmptyCorpus
	}
	cs := runCounters(len(docs), workers, 0, true, nil, func(c *counter, i int) { c.termsDoc(i, docs[i]) })
	return mergeCounters(c, len(docs), cs)
}

// mergeCounters adds up the counts of cs, which processed n documents,
// and chooses the vocabulary.
func mergeCounters(c vectorizerConfig, n int, cs []*counter) (*fitted, error) {
	// Global term IDs are ranks in byte order of the keys: a k-way merge
	// of the counters' sorted term IDs.
	loc := make([][]int32, len(cs)) // counter → term ID → global term ID
	head := make([]int, len(cs))    // counter → position in its sorted
	total := 0
	for w, ct := range cs {
		loc[w] = make([]int32, len(ct.keys))
		total += len(ct.keys)
	}
	keys := make([]string, 0, total)
	df := make([]int, 0, total)
	for {
		var key string
		first := -1
		for w, ct := range cs {
			if head[w] < len(ct.sorted) {
				if k := ct.keys[ct.sorted[head[w]]]; first < 0 || k < key {
					key, first = k, w
				}
			}
		}
		if first < 0 {
			break
		}
		g := int32(len(keys))
		d := 0
		for w := first; w < len(cs); w++ {
			ct := cs[w]
			if head[w] < len(ct.sorted) {
				if t := ct.sorted[head[w]]; ct.keys[t] == key {
					loc[w][t] = g
					d += ct.df[t]
					head[w]++
				}
			}
		}
		keys = append(keys, key)
		df = append(df, d)
	}

	// Forms by term (a counting sort), to add up the counts of each term
	// and of each of its surfaces.
	count := make([]int, len(keys))
	start := make([]int, len(keys)+1)
	for w, ct := range cs {
		for f, t := range ct.formTerm {
			g := loc[w][t]
			count[g] += ct.formCount[f]
			start[g+1]++
		}
	}
	for g := range keys {
		start[g+1] += start[g]
	}
	forms := make([]surfaceCount, start[len(keys)])
	next := slices.Clone(start[:len(keys)])
	for w, ct := range cs {
		for f, t := range ct.formTerm {
			g := loc[w][t]
			forms[next[g]] = surfaceCount{ct.formSurface[f], ct.formCount[f]}
			next[g]++
		}
	}
	// The most frequent surface of each term: the best under
	// betterSurface, a total order, so the result does not depend on the
	// order forms are met in.
	best := make([]string, len(keys))
	for g := range keys {
		fs := forms[start[g]:start[g+1]]
		if len(fs) > 1 {
			// Add up the forms with the same surface.
			slices.SortFunc(fs, func(a, b surfaceCount) int { return strings.Compare(a.s, b.s) })
			k := 0
			for _, f := range fs[1:] {
				if f.s == fs[k].s {
					fs[k].n += f.n
				} else {
					k++
					fs[k] = f
				}
			}
			fs = fs[:k+1]
		}
		best[g] = bestSurface(fs)
	}

	maxDocs := int(math.Floor(c.maxDF*float64(n) + 1e-9))
	if maxDocs < c.minDF {
		return nil, fmt.Errorf("tfidf: maximum document frequency %v of %d documents (%d) is below the minimum %d", c.maxDF, n, maxDocs, c.minDF)
	}
	var cands []int32 // global term IDs, in byte order of the keys
	common := make(map[string]bool)
	for g := range keys {
		switch {
		case df[g] > maxDocs:
			// Clone: keys may be substrings of a long text.
			common[strings.Clone(keys[g])] = true
		case df[g] >= c.minDF:
			cands = append(cands, int32(g))
		}
	}
	if c.maxFeatures > 0 && len(cands) > c.maxFeatures {
		slices.SortFunc(cands, func(a, b int32) int {
			if count[a] != count[b] {
				return cmp.Compare(count[b], count[a])
			}
			return cmp.Compare(a, b) // byte order of the keys
		})
		cands = cands[:c.maxFeatures]
		slices.Sort(cands)
	}
	if len(cands) == 0 {
		return nil, ErrEmptyVocabulary
	}
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
	col := make([]int32, len(keys))
	for g := range col {
		col[g] = -1
	}
	// Copy the terms and surfaces, which may be substrings of long texts,
	// into one string each.
	nb, ns := 0, 0
	for _, g := range cands {
		nb += len(keys[g])
		ns += len(best[g])
	}
	var b strings.Builder
	b.Grow(nb)
	for _, g := range cands {
		b.WriteString(keys[g])
	}
	all := b.String()
	b = strings.Builder{}
	b.Grow(ns)
	for _, g := range cands {
		b.WriteString(best[g])
	}
	allSurfaces := b.String()
	for j, g := range cands {
		term := all[:len(keys[g])]
		all = all[len(term):]
		v.vocab[j] = term
		v.surfaces[j] = allSurfaces[:len(best[g])]
		allSurfaces = allSurfaces[len(best[g]):]
		v.df[j] = df[g]
		v.index[term] = j
		col[g] = int32(j)
	}
	colOf := make([][]int32, len(cs))
	for w, l := range loc {
		colOf[w] = make([]int32, len(l))
		for t, g := range l {
			colOf[w][t] = col[g]
		}
	}
	return &fitted{vec: v, cs: cs, colOf: colOf}, nil
}
