package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/james-bowman/nlp"
	"gonum.org/v1/gonum/mat"

	"github.com/khabar-nlp/khabar/topics/lsa"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// devArticlesFile is the labelled dev set of ANT v2.1 (1,800 articles),
// relative to the directory that holds the Khabar checkout (DESIGN §5:
// ../shared/data from the repository root).
const devArticlesFile = "shared/data/news-topics-dev/ant-v2.1-dev.jsonl"

// Sizes of the topics comparisons.
const (
	topicsArticles = 1000 // articles of tfidf-nlp and lsa-nlp
	lsaDims        = 100  // k of lsa-nlp
)

// topicsScaling are the corpus sizes of the fit-time scaling note.
var topicsScaling = []int{1000, 2000, 5000, 10000}

// topicsSource is the JSONL file of articles of the topics comparisons.
// run sets it to the dev set when no -input is given; when it is empty
// (with -input, or in tests), the articles are the paragraphs of the
// input.
var topicsSource string

// findDevArticles returns the path of the dev set next to the Khabar
// checkout, or "" if it is absent.
func findDevArticles() string {
	dir, err := findArticles() // …/khabar/testdata/articles
	if err != nil {
		return ""
	}
	path := filepath.Join(dir, "..", "..", "..", devArticlesFile)
	if _, err := os.Stat(path); err != nil {
		return ""
	}
	return filepath.Clean(path)
}

// topicsCorpus returns the distinct articles of the topics comparisons:
// the title and text of each line of topicsSource, or the paragraphs of
// input (its blank-line separated blocks, or its lines when it has fewer
// than 20 blocks). It describes where they came from on notes.
func topicsCorpus(input []byte) ([]string, error) {
	if topicsSource != "" {
		texts, err := readJSONLTexts(topicsSource)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(notes, "bench:   %d articles of %s\n", len(texts), topicsSource)
		return texts, nil
	}
	var texts []string
	for _, sep := range []string{"\n\n", "\n"} {
		texts = texts[:0]
		for p := range strings.SplitSeq(string(input), sep) {
			if p = strings.TrimSpace(p); p != "" {
				texts = append(texts, p)
			}
		}
		if len(texts) >= 20 {
			break
		}
	}
	if len(texts) == 0 {
		return nil, errors.New("no articles in the input")
	}
	fmt.Fprintf(notes, "bench:   %d paragraphs of the input as articles (the dev set %s is not used with -input, or is absent: figures not comparable)\n", len(texts), devArticlesFile)
	return texts, nil
}

// readJSONLTexts returns "title\ntext" of each JSON line of path.
func readJSONLTexts(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var texts []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var rec struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		texts = append(texts, rec.Title+"\n"+rec.Text)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("%s: no articles", path)
	}
	return texts, nil
}

// sampleArticles returns n articles drawn from texts: all of them in a
// seeded random order, again and again (each pass shuffled anew) until
// there are n.
func sampleArticles(texts []string, n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]string, 0, n)
	for len(out) < n {
		perm := rng.Perm(len(texts))
		for _, i := range perm[:min(len(perm), n-len(out))] {
			out = append(out, texts[i])
		}
	}
	return out
}

func totalBytes(texts []string) int64 {
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	return n
}

// topicsComparisons compares package topics with james-bowman/nlp on the
// same articles: TF-IDF fit and transform, and the truncated SVD of LSA.
func topicsComparisons() []comparison {
	var texts []string // the articles of one operation
	var x *tfidf.CSR   // TF-IDF of texts, documents × terms (lsa-nlp)
	var xDense mat.Matrix

	// Our fit and transform of the same texts, tokenising each text once:
	// vocabulary (stems, surfaces, document frequencies), idf and the
	// L2-normalised TF-IDF matrix. (NewSpace followed by Space.Transform
	// would tokenise every text twice.)
	fitOurs := func(texts []string) (*tfidf.Space, *tfidf.CSR, error) {
		return tfidf.NewSpaceTransform(texts, nil)
	}

	return []comparison{
		{
			name: "topics/tfidf-nlp",
			unit: unitNsPerOp,
			setup: func(input []byte) (int64, error) {
				distinct, err := topicsCorpus(input)
				if err != nil {
					return 0, err
				}
				texts = sampleArticles(distinct, topicsArticles)
				if err := topicsScalingNote(distinct, fitOurs); err != nil {
					return 0, err
				}
				fmt.Fprintf(notes, "bench:   one operation: fit and transform %d articles (%d bytes)\n", len(texts), totalBytes(texts))
				return totalBytes(texts), nil
			},
			ours: func() int {
				s, _, err := fitOurs(texts)
				if err != nil {
					panic(err)
				}
				return s.Vectorizer().Len()
			},
			peer: func() int {
				v := nlp.NewCountVectoriser()
				counts, err := v.FitTransform(texts...)
				if err != nil {
					panic(err)
				}
				if _, err := nlp.NewTfidfTransformer().FitTransform(counts); err != nil {
					panic(err)
				}
				return len(v.Vocabulary)
			},
		},
		{
			name: "topics/lsa-nlp",
			unit: unitNsPerOp,
			setup: func(input []byte) (int64, error) {
				distinct, err := topicsCorpus(input)
				if err != nil {
					return 0, err
				}
				texts = sampleArticles(distinct, topicsArticles)
				// LSA input: terms in at least two articles, sublinear tf.
				s, err := tfidf.NewSpace(texts, []tfidf.VectorizerOption{tfidf.WithMinDF(2)}, tfidf.WithSublinearTF())
				if err != nil {
					return 0, err
				}
				x = s.Transform(texts)
				r, c := x.Dims()
				// The peer gets the same matrix in its orientation
				// (terms × documents), dense: the cheapest input for its
				// dense SVD, converted here, outside timing.
				xDense = mat.DenseCopyOf(x.T())
				fmt.Fprintf(notes, "bench:   one operation: rank-%d SVD of the %d × %d TF-IDF matrix (%d non-zeros) of %d articles\n", lsaDims, r, c, x.Nnz(), len(texts))
				return 0, nil
			},
			ours: func() int {
				a, err := lsa.Fit(context.Background(), x, lsaDims)
				if err != nil {
					panic(err)
				}
				return a.K()
			},
			peer: func() int {
				out, err := nlp.NewTruncatedSVD(lsaDims).FitTransform(xDense)
				if err != nil {
					panic(err)
				}
				k, _ := out.Dims()
				return k
			},
		},
	}
}

// topicsScalingNote times our fit and transform once for each size of
// topicsScaling (articles drawn from distinct, reshuffled beyond its
// size) and reports the growth on notes.
func topicsScalingNote(distinct []string, fit func([]string) (*tfidf.Space, *tfidf.CSR, error)) error {
	var line strings.Builder
	var first, last time.Duration
	for i, n := range topicsScaling {
		texts := sampleArticles(distinct, n)
		start := time.Now()
		s, _, err := fit(texts)
		if err != nil {
			return err
		}
		d := time.Since(start)
		if i == 0 {
			first = d
		}
		last = d
		if i > 0 {
			line.WriteString("; ")
		}
		fmt.Fprintf(&line, "%d articles %v (%.0f µs/article, %d terms)", n, d.Round(time.Millisecond), float64(d.Microseconds())/float64(n), s.Vectorizer().Len())
	}
	lo, hi := topicsScaling[0], topicsScaling[len(topicsScaling)-1]
	fmt.Fprintf(notes, "bench:   scaling of our fit+transform: %s; %d→%d articles (×%d) takes ×%.1f the time\n",
		line.String(), lo, hi, hi/lo, last.Seconds()/max(first.Seconds(), 1e-9))
	return nil
}
