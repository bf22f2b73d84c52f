package main

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// backgroundDocs is the nominal number of articles of a background list,
// the same as the hand-written one's so that the two merge.
const backgroundDocs = 100000

// runBackground is the background subcommand: document frequencies of the
// words outside names in a CoNLL corpus, written as a background list.
func runBackground(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("background", stderr)
	out := fs.String("o", "", "write the list to `FILE` (required)")
	splitPath := fs.String("split", "", "count one part of the CoNLL input only, as listed in the split `FILE`; see -part")
	part := fs.String("part", "", "the `PART` of -split to count (tune)")
	perDoc := fs.Int("sentences", 10, "`N` consecutive sentences make one document")
	minDocs := fs.Int("min-docs", 3, "list a word found in at least `K` documents")
	path, code, ok := parseFile(fs, args)
	switch {
	case !ok:
		return code
	case *out == "":
		return badUsage(fs, "-o FILE is required")
	case (*splitPath == "") != (*part == ""):
		return badUsage(fs, "-split and -part go together")
	case *perDoc < 1 || *minDocs < 1:
		return badUsage(fs, "-sentences and -min-docs must be positive")
	}
	sents, err := readSentences(path, *splitPath, *part)
	if err != nil {
		fmt.Fprintf(stderr, "topics background: %v\n", err)
		return 1
	}
	bg := countBackground(sents, *perDoc)
	var b strings.Builder
	fmt.Fprintf(&b, "# Background document frequencies measured for topics.DefaultSpace by\n")
	fmt.Fprintf(&b, "#   go run ./examples/topics background %s\n", strings.Join(args, " "))
	fmt.Fprintf(&b, "# %d documents of %d sentences; words outside names found in at least %d.\n", bg.docs, *perDoc, *minDocs)
	bg.write(&b, *minDocs)
	if _, err := writeFileAtomic(*out, func(w io.Writer) (int64, error) {
		n, err := io.WriteString(w, b.String())
		return int64(n), err
	}); err != nil {
		fmt.Fprintf(stderr, "topics background: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "topics background: %d sentences, %d documents, %d words listed in %s\n", len(sents), bg.docs, bg.listed(*minDocs), *out)
	return 0
}

// readSentences reads a CoNLL file, or the part of it a sentence split
// lists.
func readSentences(path, splitPath, part string) ([]corpus.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, _, err := corpus.ReadCoNLL(bufio.NewReader(f), path, false)
	if err != nil {
		return nil, err
	}
	if splitPath == "" {
		return c.Sentences, nil
	}
	split, err := cli.ReadSentenceSplit(splitPath)
	if err != nil {
		return nil, err
	}
	return split.Select(c.Sentences, part)
}

// background holds the document frequency of each topic term of the words
// tagged O, and the most frequent way the corpus writes it.
type background struct {
	docs    int
	df      map[string]int
	surface map[string]map[string]int
}

// countBackground counts, in documents of perDoc consecutive sentences,
// the documents each topic term occurs in. Words inside names (any tag
// but O) are left out: the background is of the words of news, and names
// must keep the highest weight.
func countBackground(sents []corpus.Sentence, perDoc int) *background {
	bg := &background{df: map[string]int{}, surface: map[string]map[string]int{}}
	for start := 0; start < len(sents); start += perDoc {
		seen := map[string]bool{}
		for _, s := range sents[start:min(start+perDoc, len(sents))] {
			for i, tok := range s.Tokens {
				if s.Tags[i].Type != "" {
					continue
				}
				for _, t := range tfidf.Terms(tok, tfidf.TermOptions{}) {
					if !seen[t.Key] {
						seen[t.Key] = true
						bg.df[t.Key]++
					}
					forms := bg.surface[t.Key]
					if forms == nil {
						forms = map[string]int{}
						bg.surface[t.Key] = forms
					}
					forms[t.Surface]++
				}
			}
		}
		bg.docs++
	}
	return bg
}

// shown returns the form a list writes for key: the corpus's most
// frequent form that reads back as that one term, or "".
func (bg *background) shown(key string) string {
	forms := bg.surface[key]
	keys := slices.Sorted(maps.Keys(forms))
	slices.SortStableFunc(keys, func(a, b string) int { return forms[b] - forms[a] })
	for _, f := range keys {
		if t := tfidf.Terms(f, tfidf.TermOptions{}); len(t) == 1 && t[0].Key == key {
			return f
		}
	}
	return ""
}

// listed returns how many words write lists.
func (bg *background) listed(minDocs int) int {
	n := 0
	for key, df := range bg.df {
		if df >= minDocs && bg.shown(key) != "" {
			n++
		}
	}
	return n
}

// write writes the words found in at least minDocs documents in the
// background list format, by band of document fraction (two significant
// digits), most frequent band first, ten words a line.
func (bg *background) write(w io.Writer, minDocs int) {
	bands := map[string][]string{}
	var fracs []float64
	for key, df := range bg.df {
		if df < minDocs {
			continue
		}
		form := bg.shown(key)
		if form == "" {
			continue
		}
		f := roundSignificant(float64(df)/float64(bg.docs), 2)
		label := strconv.FormatFloat(f, 'g', -1, 64)
		if bands[label] == nil {
			fracs = append(fracs, f)
		}
		bands[label] = append(bands[label], form)
	}
	slices.Sort(fracs)
	slices.Reverse(fracs)
	fmt.Fprintf(w, "@docs %d\n", backgroundDocs)
	for _, f := range fracs {
		label := strconv.FormatFloat(f, 'g', -1, 64)
		words := bands[label]
		slices.Sort(words)
		fmt.Fprintf(w, "@df %s\n", label)
		for i := 0; i < len(words); i += 10 {
			fmt.Fprintln(w, strings.Join(words[i:min(i+10, len(words))], " "))
		}
	}
}

// roundSignificant rounds f > 0 to n significant digits.
func roundSignificant(f float64, n int) float64 {
	scale := math.Pow(10, float64(n)-math.Ceil(math.Log10(f)))
	return math.Round(f*scale) / scale
}
