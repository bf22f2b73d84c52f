package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// maxArticle bounds the article keywords reads.
const maxArticle = 64 << 20

func runKeywords(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("topics keywords", stderr)
	n := fs.Int("n", 10, "how many keywords to print")
	background := fs.String("background", "", "score against the document frequencies of this archive `FILE.jsonl` ({\"title\",\"text\"} per line) instead of the embedded background")
	asJSON := fs.Bool("json", false, `print {"keywords":[{"term","score","count","start","end"}…]} (one line per article for JSONL)`)
	file, code, ok := parseFile(fs, args)
	if !ok {
		return code
	}
	if *n <= 0 {
		return badUsage(fs, "-n must be at least 1")
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "topics keywords: %v\n", err)
		return 1
	}
	arts, err := readKeywordInput(file)
	if err != nil {
		return fail(err)
	}
	opts := []khabar.Option{khabar.WithLayers(khabar.Structure | khabar.Entities | khabar.Keywords), khabar.WithKeywords(*n)}
	if *background != "" {
		space, err := backgroundSpace(*background, stderr)
		if err != nil {
			return fail(err)
		}
		opts = append(opts, khabar.WithKeywordSpace(space))
	}
	analyzer, err := khabar.New(opts...)
	if err != nil {
		return fail(err)
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, a := range arts {
		res, err := analyzer.AnalyzeArticle(context.Background(), khabar.Article{ID: a.id, Title: a.title, Body: a.body})
		if err != nil {
			return fail(fmt.Errorf("%s: %w", cmp.Or(a.id, file), err))
		}
		kws := res.Keywords
		a.bodyStart = len(res.Text) - len(a.body)
		switch {
		case *asJSON:
			err = enc.Encode(struct {
				ID        string          `json:"id,omitempty"`
				BodyStart int             `json:"body_start,omitempty"`
				Keywords  []tfidf.Keyword `json:"keywords"`
			}{a.id, a.bodyStart, kws})
		default:
			if a.id != "" {
				if i > 0 {
					fmt.Fprintln(w)
				}
				fmt.Fprintf(w, "%s  %s\n", a.id, a.headline)
			}
			for _, k := range kws {
				fmt.Fprintf(w, "%8.3f  ×%-3d %s\n", k.Score, k.Count, k.Term)
			}
		}
		if err != nil {
			break
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return fail(err)
	}
	return 0
}

// keywordInput is one article whose keywords are printed: its ID (empty
// for a plain-text file), the text keywords are found in, and where its
// body begins in it.
type keywordInput struct {
	id, headline string
	title, body  string
	bodyStart    int
}

// readKeywordInput reads a plain-text article, or the articles of a JSONL
// file (a name ending in .jsonl, or a first byte '{'). Keywords are found
// as analyze finds them, and their offsets refer to the text analyze
// analyses: the file as read, or a JSONL article's title, a blank line
// and its text (body_start gives where the text begins).
func readKeywordInput(path string) ([]keywordInput, error) {
	text, err := readArticle(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".jsonl") && !strings.HasPrefix(strings.TrimLeft(text, " \t\r\n\uFEFF"), "{") {
		return []keywordInput{{body: text}}, nil
	}
	arts, err := parseArticles(path, strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	out := make([]keywordInput, len(arts))
	for i, a := range arts {
		out[i] = keywordInput{id: a.ID, headline: a.headline(), title: a.Title, body: a.Text}
	}
	return out, nil
}

// readArticle reads a plain-text article; "-" is standard input.
func readArticle(path string) (string, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxArticle+1))
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", path, err)
	}
	if len(b) > maxArticle {
		return "", fmt.Errorf("%s: larger than 64 MiB", path)
	}
	return string(b), nil
}

// backgroundSpace returns the embedded background, or a space fitted on
// the articles of path.
func backgroundSpace(path string, stderr io.Writer) (*tfidf.Space, error) {
	if path == "" {
		return tfidf.DefaultSpace()
	}
	arts, err := readArticles(path)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "topics keywords: fitting document frequencies on %d articles of %s…\n", len(arts), path)
	texts := make([]string, len(arts))
	for i, a := range arts {
		texts[i] = a.Title + "\n" + a.Text
	}
	s, err := tfidf.NewSpace(texts, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
