package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// maxArticle bounds the article keywords reads.
const maxArticle = 64 << 20

func runKeywords(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("topics keywords", stderr)
	n := fs.Int("n", 10, "how many keywords to print")
	background := fs.String("background", "", "score against the document frequencies of this archive `FILE.jsonl` ({\"title\",\"text\"} per line) instead of the embedded background")
	asJSON := fs.Bool("json", false, `print {"keywords":[{"term","score","count","start","end"}…]}`)
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
	text, err := readArticle(file)
	if err != nil {
		return fail(err)
	}
	space, err := backgroundSpace(*background, stderr)
	if err != nil {
		return fail(err)
	}
	kws := space.Keywords(text, *n)
	w := bufio.NewWriter(stdout)
	if *asJSON {
		if kws == nil {
			kws = []tfidf.Keyword{}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		err = enc.Encode(struct {
			Keywords []tfidf.Keyword `json:"keywords"`
		}{kws})
	} else {
		for _, k := range kws {
			fmt.Fprintf(w, "%8.3f  ×%-3d %s\n", k.Score, k.Count, k.Term)
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
