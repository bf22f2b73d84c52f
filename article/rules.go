package article

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/internal/linetable"
	"github.com/khabar-nlp/khabar/tokenize"
)

//go:embed patterns.txt
var defaultPatterns []byte

// Rules holds the phrase tables that Parse matches lines against: footer
// and promotion phrases, related-link heads, share-button words, metadata
// prefixes and date words. The format of the table, and what each rule
// does, is described in patterns.txt beside this file, which is embedded
// as the default table.
//
// A Rules value is immutable and safe for concurrent use.
type Rules struct {
	promo   phraseSet
	start   phraseSet
	related phraseSet
	meta    phraseSet
	line    map[string]bool // whole line, words joined by one space
	only    map[string]bool
	date    map[string]bool
	time    map[string]bool
	symbols []string // promo phrases without letters or digits (©)
	count   int      // number of rules
}

// phraseSet indexes phrases (word sequences) by their first word.
type phraseSet map[string][][]string

func (p phraseSet) add(words []string) { p[words[0]] = append(p[words[0]], words) }

// at returns the length in words of the first phrase that starts at
// words[i], or 0. The first word of a phrase also matches after a leading
// و or ف.
func (p phraseSet) at(words []string, i int) int {
	if len(p) == 0 {
		return 0
	}
	w := words[i]
	if n := p.match(w, words, i); n > 0 {
		return n
	}
	if len(w) > 2 && (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) {
		return p.match(w[len("و"):], words, i)
	}
	return 0
}

func (p phraseSet) match(first string, words []string, i int) int {
	for _, ph := range p[first] {
		if i+len(ph) > len(words) {
			continue
		}
		ok := true
		for k := 1; k < len(ph); k++ {
			if words[i+k] != ph[k] {
				ok = false
				break
			}
		}
		if ok {
			return len(ph)
		}
	}
	return 0
}

// anywhere reports whether a phrase of p occurs in words.
func (p phraseSet) anywhere(words []string) bool {
	for i := range words {
		if p.at(words, i) > 0 {
			return true
		}
	}
	return false
}

func newRules() *Rules {
	return &Rules{
		promo:   phraseSet{},
		start:   phraseSet{},
		related: phraseSet{},
		meta:    phraseSet{},
		line:    map[string]bool{},
		only:    map[string]bool{},
		date:    map[string]bool{},
		time:    map[string]bool{},
	}
}

var defaultRules = sync.OnceValue(func() *Rules {
	r := newRules()
	if err := r.read(bytes.NewReader(defaultPatterns), "patterns.txt"); err != nil {
		panic("article: embedded patterns.txt: " + err.Error())
	}
	return r
})

// DefaultRules returns the rules of the embedded table patterns.txt. Parse
// uses them.
func DefaultRules() *Rules { return defaultRules() }

// ReadRules reads a table in the format of patterns.txt and returns rules
// that hold only its entries. Errors are [*ParseError]s naming the line
// ("rules:12: …") and wrapping [ErrRules], or read errors.
func ReadRules(src io.Reader) (*Rules, error) {
	r := newRules()
	if err := r.read(src, "rules"); err != nil {
		return nil, err
	}
	return r, nil
}

// Extend returns new rules holding the entries of r and those read from
// src, in the format of patterns.txt; r is unchanged. Use it to add the
// footer phrases of the sites you read:
//
//	rules, err := article.DefaultRules().Extend(strings.NewReader("promo  حمّل تطبيق خبر\n"))
func (r *Rules) Extend(src io.Reader) (*Rules, error) {
	n := r.clone()
	if err := n.read(src, "rules"); err != nil {
		return nil, err
	}
	return n, nil
}

// Len returns the number of entries in the table.
func (r *Rules) Len() int { return r.count }

func (r *Rules) clone() *Rules {
	n := newRules()
	for _, pair := range [][2]phraseSet{{r.promo, n.promo}, {r.start, n.start}, {r.related, n.related}, {r.meta, n.meta}} {
		for k, v := range pair[0] {
			pair[1][k] = append([][]string(nil), v...)
		}
	}
	for _, pair := range [][2]map[string]bool{{r.line, n.line}, {r.only, n.only}, {r.date, n.date}, {r.time, n.time}} {
		for k := range pair[0] {
			pair[1][k] = true
		}
	}
	n.symbols = append(n.symbols, r.symbols...)
	n.count = r.count
	return n
}

// ErrRules is wrapped by every error of [ReadRules] and [Rules.Extend]
// about the content of a table (not read errors).
var ErrRules = errors.New("article: bad rules table")

// MaxRuleLine is the longest line of a rules table (64 KiB).
const MaxRuleLine = 64 << 10

// ParseError is an error at a line of a rules table: "source:line: what".
// It is the one ParseError of Khabar's line-based tables
// (gazetteer.ParseError and topics.ParseError are the same type).
type ParseError = linetable.ParseError

func (r *Rules) read(src io.Reader, name string) error {
	sc := linetable.NewScanner(src, linetable.Options{Source: name, MaxLineBytes: MaxRuleLine})
	fail := func(format string, args ...any) error {
		return sc.Error(fmt.Errorf("%w: "+format, append([]any{ErrRules}, args...)...))
	}
	for sc.Next() {
		switch {
		case sc.TooLong():
			return fail("line longer than %d bytes", MaxRuleLine)
		case linetable.IsComment(sc.Bytes()):
			continue
		case linetable.InvalidUTF8(sc.Bytes()) >= 0:
			return fail("invalid UTF-8")
		}
		text := strings.TrimSpace(sc.Text())
		i := strings.IndexFunc(text, unicode.IsSpace)
		if i < 0 {
			return fail("want RULE PHRASE, got %q", text)
		}
		rule, phrase := text[:i], strings.TrimSpace(text[i:])
		words := keyWords(phrase, nil)
		if len(words) == 0 {
			if rule != "promo" {
				return fail("%s phrase %q has no letters or digits", rule, phrase)
			}
			r.symbols = append(r.symbols, phrase)
			r.count++
			continue
		}
		switch rule {
		case "promo":
			r.promo.add(words)
		case "start":
			r.start.add(words)
		case "related":
			r.related.add(words)
		case "meta":
			r.meta.add(words)
		case "line":
			r.line[strings.Join(words, " ")] = true
		case "only", "date", "time":
			if len(words) != 1 {
				return fail("%s takes a single word, got %q", rule, phrase)
			}
			map[string]map[string]bool{"only": r.only, "date": r.date, "time": r.time}[rule][words[0]] = true
		default:
			return fail("unknown rule %q (want promo, start, related, line, only, meta, date or time)", rule)
		}
		r.count++
	}
	return sc.Err()
}

// keyWords appends to dst the words of tokenize.Key(s): runs of letters,
// marks and digits. Everything else separates words.
func keyWords(s string, dst []string) []string {
	if !utf8.ValidString(s) {
		// Invalid bytes are no part of any word; Key is slow on them.
		s = strings.ToValidUTF8(s, " ")
	}
	k := tokenize.Key(s)
	start := -1
	for i, c := range k {
		if isAlnum(c) || (c >= 0x064B && c <= 0x065F) || (c >= 0x80 && unicode.IsMark(c)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = append(dst, k[start:i])
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, k[start:])
	}
	return dst
}
