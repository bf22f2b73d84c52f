package tfidf

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// TermStats is what a corpus says about one term: how many of its
// documents hold the term and how often each surface form of the term
// occurs. The statistics of a corpus are those of its texts added up
// ([TextStats], [TermStats.Add]), in any order and on any number of
// machines; [NewSpaceFromStats] builds from them the Space [NewSpace]
// builds from the texts themselves. This is how a distributed job (the
// archive program's fit) learns a keyword space from a whole archive
// without holding it in one place.
type TermStats struct {
	// Key is the term, as [Term].Key.
	Key string
	// DF is the number of documents holding the term.
	DF int
	// Surfaces counts the term's occurrences by surface form
	// ([Term].Surface); their sum is the term's count in the corpus.
	Surfaces map[string]int
}

// TextStats returns the statistics of the terms of one text with opts (its
// [Terms], counted): for each distinct term, in byte order of the keys, DF
// 1 and the occurrences of each surface. It is safe for concurrent use if
// opts.Extra is.
func TextStats(text string, opts TermOptions) []TermStats {
	terms := Terms(text, opts)
	byKey := make(map[string]int, len(terms))
	var out []TermStats
	for _, t := range terms {
		i, ok := byKey[t.Key]
		if !ok {
			i = len(out)
			byKey[t.Key] = i
			out = append(out, TermStats{Key: t.Key, DF: 1, Surfaces: map[string]int{}})
		}
		out[i].Surfaces[t.Surface]++
	}
	slices.SortFunc(out, func(a, b TermStats) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// Add adds o, the statistics of the same term in other documents, to s.
// It panics if their keys differ.
func (s *TermStats) Add(o TermStats) {
	if s.Key != o.Key {
		panic(fmt.Sprintf("tfidf: adding the statistics of %q to those of %q", o.Key, s.Key))
	}
	s.DF += o.DF
	if s.Surfaces == nil {
		s.Surfaces = make(map[string]int, len(o.Surfaces))
	}
	for surface, n := range o.Surfaces {
		s.Surfaces[surface] += n
	}
}

// ErrStats means statistics given to [NewSpaceFromStats] cannot come from
// a corpus: a term listed twice, without a key or surfaces, or a document
// frequency out of range.
var ErrStats = errors.New("tfidf: inconsistent term statistics")

// NewSpaceFromStats returns the Space that NewSpace(texts, vopts,
// topts...) returns, given n, the number of texts, and stats, the
// statistics of every term of the texts (with the [TermOptions] of vopts)
// summed over all of them, one entry per term, in any order. Nothing is
// tokenised: the TermOptions are only remembered for the Space's
// Transform.
//
// It returns [ErrEmptyCorpus] if n < 1, an error wrapping [ErrStats] for
// statistics no corpus of n documents gives, and otherwise the errors of
// NewSpace ([ErrEmptyVocabulary], an invalid option). It does not keep
// stats; it allocates the vocabulary and, while it runs, a copy of the keys
// and surfaces.
func NewSpaceFromStats(n int, stats []TermStats, vopts []VectorizerOption, topts ...WeightOption) (*Space, error) {
	c, err := newVectorizerConfig(vopts)
	if err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, ErrEmptyCorpus
	}
	// One counter holding the whole corpus: mergeCounters then chooses
	// the vocabulary and surfaces exactly as for texts.
	ct := &counter{fit: true, keys: make([]string, len(stats)), df: make([]int, len(stats))}
	for t, s := range stats {
		switch {
		case s.Key == "":
			return nil, fmt.Errorf("%w: a term without a key", ErrStats)
		case s.DF < 1 || s.DF > n:
			return nil, fmt.Errorf("%w: term %q: document frequency %d not in [1, %d]", ErrStats, s.Key, s.DF, n)
		case len(s.Surfaces) == 0:
			return nil, fmt.Errorf("%w: term %q has no surface", ErrStats, s.Key)
		}
		ct.keys[t], ct.df[t] = s.Key, s.DF
		for _, surface := range slices.Sorted(maps.Keys(s.Surfaces)) {
			count := s.Surfaces[surface]
			if count < 1 {
				return nil, fmt.Errorf("%w: term %q: surface %q counted %d times", ErrStats, s.Key, surface, count)
			}
			ct.formTerm = append(ct.formTerm, int32(t))
			ct.formSurface = append(ct.formSurface, surface)
			ct.formCount = append(ct.formCount, count)
		}
	}
	ct.done()
	for i := 1; i < len(ct.sorted); i++ {
		if k := ct.keys[ct.sorted[i]]; k == ct.keys[ct.sorted[i-1]] {
			return nil, fmt.Errorf("%w: term %q listed twice", ErrStats, k)
		}
	}
	f, err := mergeCounters(c, n, []*counter{ct})
	if err != nil {
		return nil, err
	}
	return &Space{vec: f.vec, tfidf: newWeights(n, f.vec.df, topts)}, nil
}
