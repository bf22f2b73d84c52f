package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/stories"
)

func runCluster(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("topics cluster", stderr)
	k := fs.Int("k", 0, "make `N` clusters (0: choose the number by silhouette)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	file, code, ok := parseFile(fs, args)
	if !ok {
		return code
	}
	if *k < 0 {
		return badUsage(fs, "-k must be 0 or more")
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "topics cluster: %v\n", err)
		return 1
	}

	arts, err := readArticles(file)
	if err != nil {
		return fail(err)
	}
	docs := make([]topics.Document, len(arts))
	for i, a := range arts {
		docs[i] = topics.Document{Title: a.Title, Text: a.Text, Extra: a.Extra}
	}
	var opts []stories.Option
	if *k > 0 {
		opts = append(opts, stories.WithCount(*k))
	}
	fmt.Fprintf(stderr, "topics cluster: clustering %d articles from %s…\n", len(docs), file)
	start := time.Now()
	c, err := stories.Cluster(ctx, docs, opts...)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", file, err))
	}
	fmt.Fprintf(stderr, "topics cluster: %d clusters (silhouette %.3f, %d LSA dimensions) in %v\n",
		len(c.Stories), c.Silhouette, c.Dimensions, time.Since(start).Round(time.Millisecond))

	if *asJSON {
		err = writeClustersJSON(stdout, arts, c)
	} else {
		err = writeClustersText(stdout, arts, c)
	}
	if err != nil {
		return fail(fmt.Errorf("writing output: %w", err))
	}
	return 0
}

// article is one line of the input of cluster.
type article struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Title    string   `json:"title"`
	Text     string   `json:"text"`
	Extra    []string `json:"extra"`
}

// maxLine is the longest input line accepted.
const maxLine = topics.MaxJSONLLine

// readArticles reads one JSON object per line; blank lines are skipped
// and a UTF-8 byte-order mark at the start is accepted. A line that is
// not such an object, or has neither title nor text, is an error naming
// FILE:LINE. An article without an id gets "#LINE".
func readArticles(path string) ([]article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseArticles(path, f)
}

// parseArticles is readArticles of r, which path names.
func parseArticles(path string, r io.Reader) ([]article, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	var arts []article
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		bad := func(msg string) error { return fmt.Errorf("%s:%d: %s", path, line, msg) }
		if !utf8.Valid(b) {
			return nil, bad("invalid UTF-8")
		}
		var a article
		if err := json.Unmarshal(b, &a); err != nil {
			return nil, bad(err.Error())
		}
		if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Text) == "" {
			return nil, bad("no title and no text")
		}
		if a.ID == "" {
			a.ID = fmt.Sprintf("#%d", line)
		}
		arts = append(arts, a)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s: a line is longer than %d bytes", path, maxLine)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("%s: no articles", path)
	}
	return arts, nil
}

// headline is the article's title, or the beginning of its text.
func (a article) headline() string {
	if t := strings.TrimSpace(a.Title); t != "" {
		return oneLine(t, 100)
	}
	return oneLine(a.Text, 100)
}

// oneLine joins the lines of s with spaces and cuts it to at most n runes,
// adding "…" when it was cut.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func writeClustersText(w io.Writer, arts []article, c *stories.Clustering) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d clusters of %s (silhouette %.3f, %d LSA dimensions)\n",
		len(c.Stories), articles(len(arts)-len(c.Unclustered)), c.Silhouette, c.Dimensions)
	for i, cl := range c.Stories {
		terms := make([]string, len(cl.Terms))
		for j, t := range cl.Terms {
			terms[j] = t.Term
		}
		label := strings.Join(terms, "، ")
		if label == "" {
			label = "(no label)"
		}
		fmt.Fprintf(bw, "\n%d. %s (%s)\n", i+1, label, articles(len(cl.Members)))
		for _, m := range cl.Members {
			a := arts[m.Doc]
			cat := ""
			if a.Category != "" {
				cat = " [" + a.Category + "]"
			}
			fmt.Fprintf(bw, "   %.2f  %s%s  %s\n", m.Similarity, a.ID, cat, a.headline())
		}
	}
	if len(c.Unclustered) > 0 {
		fmt.Fprintf(bw, "\nunclustered (no usable term): %s\n", articles(len(c.Unclustered)))
		for _, d := range c.Unclustered {
			fmt.Fprintf(bw, "   %s  %s\n", arts[d].ID, arts[d].headline())
		}
	}
	return bw.Flush()
}

// articles returns "1 article" or "N articles".
func articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%d articles", n)
}

type jsonTerm struct {
	Term  string  `json:"term"`
	Key   string  `json:"key"`
	Score float64 `json:"score"`
}

type jsonMember struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Category   string   `json:"category,omitempty"`
	Similarity *float64 `json:"similarity,omitempty"`
}

type jsonCluster struct {
	Size    int          `json:"size"`
	Terms   []jsonTerm   `json:"terms"`
	Members []jsonMember `json:"members"`
}

type jsonClustering struct {
	Articles    int           `json:"articles"`
	Dimensions  int           `json:"dimensions"`
	Silhouette  float64       `json:"silhouette"`
	Clusters    []jsonCluster `json:"clusters"`
	Unclustered []jsonMember  `json:"unclustered"`
}

func writeClustersJSON(w io.Writer, arts []article, c *stories.Clustering) error {
	out := jsonClustering{
		Articles:    len(arts),
		Dimensions:  c.Dimensions,
		Silhouette:  round4(c.Silhouette),
		Clusters:    make([]jsonCluster, len(c.Stories)),
		Unclustered: []jsonMember{},
	}
	for i, cl := range c.Stories {
		jc := jsonCluster{Size: len(cl.Members), Terms: []jsonTerm{}, Members: []jsonMember{}}
		for _, t := range cl.Terms {
			jc.Terms = append(jc.Terms, jsonTerm{Term: t.Term, Key: t.Key, Score: round4(t.Score)})
		}
		for _, m := range cl.Members {
			a := arts[m.Doc]
			sim := round4(m.Similarity)
			jc.Members = append(jc.Members, jsonMember{ID: a.ID, Title: a.headline(), Category: a.Category, Similarity: &sim})
		}
		out.Clusters[i] = jc
	}
	for _, d := range c.Unclustered {
		a := arts[d]
		out.Unclustered = append(out.Unclustered, jsonMember{ID: a.ID, Title: a.headline(), Category: a.Category})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
