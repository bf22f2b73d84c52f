package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"
)

// articlesDir is the default input, relative to the root of the Khabar
// repository.
const articlesDir = "testdata/articles"

// rootModule is the module path in the root go.mod.
const rootModule = "github.com/khabar-nlp/khabar"

// loadInput reads file, or the articles in testdata/articles when file is
// empty, joined by blank lines, and repeats the text until it is at least
// size bytes long. It returns the text and a description of where it came
// from.
func loadInput(file string, size int) ([]byte, string, error) {
	texts, source, err := readArticles(file)
	if err != nil {
		return nil, "", err
	}
	text := []byte(strings.Join(texts, "\n\n"))
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, "", fmt.Errorf("input %s is empty", source)
	}
	if !utf8.Valid(text) {
		return nil, "", fmt.Errorf("input %s is not valid UTF-8", source)
	}
	if size > 0 && len(text) < size {
		unit := append(append([]byte(nil), text...), "\n\n"...)
		reps := (size + len(unit) - 1) / len(unit)
		text = bytes.TrimSpace(bytes.Repeat(unit, reps))
		source += fmt.Sprintf(" repeated %d times", reps)
	}
	return text, source, nil
}

// readArticles returns the text of file as one article, or when file is
// empty the articles in testdata/articles, one per file in name order,
// trimmed of surrounding white space (empty files are skipped). It
// returns a description of where they came from.
func readArticles(file string) ([]string, string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, "", err
		}
		return []string{string(b)}, file, nil
	}
	dir, err := findArticles()
	if err != nil {
		return nil, "", err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, "", err
	}
	slices.Sort(files)
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, "", err
		}
		if b = bytes.TrimSpace(b); len(b) > 0 {
			texts = append(texts, string(b))
		}
	}
	return texts, fmt.Sprintf("%s/*.txt (%d files)", dir, len(files)), nil
}

// findArticles locates testdata/articles of the Khabar repository: first
// next to this source file (go run, go test), then in the directories
// above the working directory. A directory counts only if it holds
// *.txt files and its go.mod declares the root module.
func findArticles() (string, error) {
	var starts []string
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	var tried []string
	for _, start := range starts {
		for dir := start; ; {
			if isRootModule(dir) {
				articles := filepath.Join(dir, articlesDir)
				if files, _ := filepath.Glob(filepath.Join(articles, "*.txt")); len(files) > 0 {
					return articles, nil
				}
				if !slices.Contains(tried, articles) {
					tried = append(tried, articles)
				}
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	if len(tried) == 0 {
		return "", errors.New("no input: cannot find the Khabar repository (a go.mod for " + rootModule + ") above this program or the working directory; pass -input FILE")
	}
	return "", fmt.Errorf("no input: no *.txt file in %s; pass -input FILE", strings.Join(tried, ", "))
}

// isRootModule reports whether dir holds the root go.mod of Khabar.
func isRootModule(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	for line := range strings.Lines(string(b)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" && strings.Trim(f[1], `"`) == rootModule {
			return true
		}
	}
	return false
}
