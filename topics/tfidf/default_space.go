package tfidf

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/khabar-nlp/khabar/internal/linetable"
)

// background is the hand-written word list of the default space and
// measured the list of document frequencies measured on news text
// (data/README.md describes their format and provenance).
var (
	//go:embed data/background.txt
	background string
	//go:embed data/news-df.txt
	measured string
)

// The embedded lists' names in errors.
const (
	backgroundFile = "background.txt"
	measuredFile   = "news-df.txt"
)

// maxBackgroundLine is the longest line of the word list.
const maxBackgroundLine = 4 << 10

// errBackground is wrapped by the errors of a malformed word list.
var errBackground = errors.New("tfidf: bad keyword background")

var defaultSpace = sync.OnceValues(func() (*Space, error) {
	written, n, err := readBackground(backgroundFile, strings.NewReader(background))
	if err != nil {
		return nil, err
	}
	counted, m, err := readBackground(measuredFile, strings.NewReader(measured))
	if err != nil {
		return nil, err
	}
	if m != n {
		return nil, fmt.Errorf("%w: %s counts %d documents, %s %d", errBackground, measuredFile, m, backgroundFile, n)
	}
	return newSpaceDF(mergeRows(written, counted), n)
})

// DefaultSpace returns a background [Space] embedded in the package, for
// [Space.Keywords] when you have no archive of your own to learn document
// frequencies from. Its vocabulary merges two lists over a nominal corpus
// of 100,000 articles: about 3,500 words of Arabic news written for Khabar
// (reporting verbs, time words, generic nouns and adjectives of news and
// of things in general, the verbal nouns, words of reference and words of
// people in general roles that any story uses, common names of places,
// the usual words of each big topic), each given a document frequency
// from its band, from 60% of the articles (اليوم, الحكومة, الرئيس) down to
// 2% (نماذج, غرفة, الدلائل, الرابح); and about 3,400
// words outside names whose document frequencies were measured on
// newswire (ANERcorp; data/README.md), from 56% (عام) down to 0.9%.
// Words it does not list, which include nearly every name and specific
// word, get [Weights.UnseenIDF], the highest weight, so that keywords are
// the specific words of an article and generic news words rank low. It
// uses the smooth idf, ln((1+n)/(1+df)) + 1.
//
// The space is built on the first call and shared: every call returns the
// same *Space, safe for concurrent use. Its Transform works, but its
// vocabulary is too small for a classifier: train one on your archive
// ([NewSpace]). The error is non-nil only if the embedded data is broken,
// which the package's tests rule out.
func DefaultSpace() (*Space, error) { return defaultSpace() }

// dfRow is one term of a space built from document frequencies.
type dfRow struct {
	key, surface string
	df           int
}

// readBackground reads the background list format (see data/README.md):
// "@docs N", then "@df F" bands of words. A word listed in several bands
// (or two words with one stem) keeps the highest frequency.
func readBackground(source string, r io.Reader) ([]dfRow, int, error) {
	sc := linetable.NewScanner(r, linetable.Options{Source: source, MaxLineBytes: maxBackgroundLine})
	n := 0
	frac := -1.0
	fail := func(format string, args ...any) error {
		return sc.Error(fmt.Errorf("%w: "+format, append([]any{errBackground}, args...)...))
	}
	byKey := map[string]int{}
	var rows []dfRow
	for sc.Next() {
		if sc.TooLong() {
			return nil, 0, fail("line longer than %d bytes", maxBackgroundLine)
		}
		if linetable.IsComment(sc.Bytes()) {
			continue
		}
		s := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(s, "@docs "); ok {
			v, err := strconv.Atoi(strings.TrimSpace(rest))
			if err != nil || v < 1 {
				return nil, 0, fail("@docs %q: want a positive whole number", rest)
			}
			n = v
			continue
		}
		if rest, ok := strings.CutPrefix(s, "@df "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err != nil || !(v > 0 && v <= 1) {
				return nil, 0, fail("@df %q: want a fraction in (0, 1]", rest)
			}
			frac = v
			continue
		}
		if n == 0 || frac < 0 {
			return nil, 0, fail("words before @docs and @df")
		}
		df := max(1, int(math.Round(frac*float64(n))))
		for _, w := range strings.Fields(s) {
			terms := Terms(w, TermOptions{})
			if len(terms) != 1 {
				return nil, 0, fail("%q is not one topic term (a stop word, a number, or several words?)", w)
			}
			key := terms[0].Key
			if i, ok := byKey[key]; ok {
				rows[i].df = max(rows[i].df, df)
				continue
			}
			byKey[key] = len(rows)
			rows = append(rows, dfRow{key: key, surface: terms[0].Surface, df: df})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	if len(rows) == 0 {
		return nil, 0, &linetable.ParseError{Source: source, Err: fmt.Errorf("%w: no words", errBackground)}
	}
	return rows, n, nil
}

// mergeRows returns the terms of a and b, a term of both with the higher
// document frequency.
func mergeRows(a, b []dfRow) []dfRow {
	out := slices.Clone(a)
	byKey := make(map[string]int, len(a))
	for i, r := range out {
		byKey[r.key] = i
	}
	for _, r := range b {
		if i, ok := byKey[r.key]; ok {
			out[i].df = max(out[i].df, r.df)
			continue
		}
		byKey[r.key] = len(out)
		out = append(out, r)
	}
	return out
}

// newSpaceDF builds a Space from document frequencies over n nominal
// documents, with the smooth idf, raw counts and L2 normalisation (the
// defaults of [NewSpace]).
func newSpaceDF(rows []dfRow, n int) (*Space, error) {
	if n < 1 {
		return nil, ErrEmptyCorpus
	}
	if len(rows) == 0 {
		return nil, ErrEmptyVocabulary
	}
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b dfRow) int { return strings.Compare(a.key, b.key) })
	v := &Vectorizer{
		vocab:    make([]string, len(rows)),
		surfaces: make([]string, len(rows)),
		df:       make([]int, len(rows)),
		index:    make(map[string]int, len(rows)),
		common:   map[string]bool{},
		nDocs:    n,
		minDF:    1,
		maxDF:    1,
	}
	t := &Weights{nDocs: n, idf: make([]float64, len(rows))}
	for j, r := range rows {
		if j > 0 && r.key == rows[j-1].key {
			return nil, fmt.Errorf("tfidf: term %q listed twice", r.key)
		}
		if r.df < 1 || r.df > n {
			return nil, fmt.Errorf("tfidf: term %q: document frequency %d not in [1, %d]", r.key, r.df, n)
		}
		v.vocab[j], v.surfaces[j], v.df[j] = r.key, r.surface, r.df
		v.index[r.key] = j
		t.idf[j] = t.idfOf(r.df)
	}
	return NewSpaceFrom(v, t), nil
}
