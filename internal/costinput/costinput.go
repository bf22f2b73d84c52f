// Package costinput builds the large inputs of Khabar's cost tests and
// benchmarks (memory and time linear in the input): megabytes of
// real-looking Arabic news text made from the project's test articles.
package costinput

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Kind is a shape of input.
type Kind string

const (
	// Article is one long article: the test articles' paragraphs repeated
	// under one title, a blank line between paragraphs.
	Article Kind = "article"
	// Sentences is one-word sentences ("word. "), sixteen to a line.
	Sentences Kind = "sentences"
	// Dots is a title line, then ". " repeated: a token, and a sentence,
	// every two bytes.
	Dots Kind = "dots"
)

// Kinds lists every Kind.
var Kinds = []Kind{Article, Sentences, Dots}

// Title is the title line every input starts with.
const Title = "بلينكن يزور بغداد والرياض لبحث أمن المنطقة"

// Text returns about size bytes (never more) of input of the given kind,
// built from the articles (*.txt: a title line, then paragraphs) in the
// folder dir. It reads the folder on every call.
func Text(dir string, kind Kind, size int) (string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("costinput: no articles in %s: %v", dir, err)
	}
	var paras, words []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("costinput: %w", err)
		}
		lines := strings.Split(string(data), "\n")
		for _, l := range lines[1:] {
			if l = strings.TrimSpace(l); l != "" {
				paras = append(paras, l)
			}
		}
		for _, w := range strings.Fields(string(data)) {
			if w = strings.Trim(w, ".,،؛:؟!«»()\"'"); len(w) > 4 {
				words = append(words, w)
			}
		}
	}
	if len(paras) == 0 || len(words) == 0 {
		return "", fmt.Errorf("costinput: no paragraphs in the articles of %s", dir)
	}
	var b strings.Builder
	b.Grow(size)
	add := func(s string) bool {
		if b.Len()+len(s) > size {
			return false
		}
		b.WriteString(s)
		return true
	}
	add(Title + "\n\n")
	switch kind {
	case Article:
		for i := 0; add(paras[i%len(paras)] + "\n\n"); i++ {
		}
	case Sentences:
		for i := 0; ; i++ {
			sep := " "
			if i%16 == 15 {
				sep = "\n"
			}
			if !add(words[(i*7)%len(words)] + "." + sep) {
				break
			}
		}
	case Dots:
		for add(". ") {
		}
	default:
		return "", fmt.Errorf("costinput: unknown kind %q", kind)
	}
	return b.String(), nil
}
