package main

import (
	"fmt"
	"os"
	"strings"
	"time"
	"unicode"

	"github.com/agnivade/levenshtein"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// entityArticles are the texts of entities/naive, each extracted on its
// own: run sets them to the articles of testdata/articles (or the -input
// file, as one article). When nil, the comparison's input is the one
// article.
var entityArticles []string

// seedArticle is the article of the quality note of entities/naive, read
// only if it exists.
const seedArticle = "/work/shared/data/seed-article/000_354d3392e6522b73.txt"

// seedNames are the names of the seed article, with their types, that
// the quality note looks for.
var seedNames = []struct {
	name string
	typ  gazetteer.Type
}{
	{"واشنطن", gazetteer.LOC},
	{"العراق", gazetteer.LOC},
	{"بغداد", gazetteer.LOC},
	{"أنتوني بلينكن", gazetteer.PER},
	{"مصطفى الكاظمي", gazetteer.PER},
	{"فؤاد حسين", gazetteer.PER},
	{"داعش", gazetteer.ORG},
	{"التحالف الدولي", gazetteer.ORG},
	{"وزارة الخارجية الأميركية", gazetteer.ORG},
}

// naiveMaxWords is the longest n-gram the naive matcher looks up.
const naiveMaxWords = 4

// entitiesComparisons compares the entity extractor with the matcher a
// user writes first: n-grams in a map, then Levenshtein against every
// one-word name.
func entitiesComparisons() []comparison {
	var (
		x     *entities.Extractor
		naive *naiveMatcher
		texts []string
	)
	return []comparison{
		{
			name: "entities/naive",
			unit: unitMBPerS,
			setup: func(input []byte) (int64, error) {
				var err error
				if x, err = defaultExtractor(); err != nil {
					return 0, err
				}
				if naive, err = defaultNaiveMatcher(); err != nil {
					return 0, err
				}
				texts = entityArticles
				if texts == nil {
					texts = []string{string(input)}
				}
				var n int64
				words := 0
				for _, t := range texts {
					n += int64(len(t))
					words += len(strings.Fields(t))
				}
				fmt.Fprintf(notes, "bench:   %d articles, %d bytes, %d whitespace words; one operation extracts each article in turn\n", len(texts), n, words)
				if seedNote == nil {
					note, err := seedQuality(x, naive)
					if err != nil {
						return 0, err
					}
					seedNote = &note
				}
				if *seedNote != "" {
					fmt.Fprintln(notes, *seedNote)
				}
				return n, nil
			},
			// The mentions kept by the extractor, summed over the articles.
			ours: func() int {
				n := 0
				for _, t := range texts {
					n += len(x.Extract(t).Mentions)
				}
				return n
			},
			// The naive matches, summed over the articles.
			peer: func() int {
				n := 0
				for _, t := range texts {
					n += len(naive.find(strings.Fields(t)))
				}
				return n
			},
		},
	}
}

// extractorCache keeps the default extractor: the tests and the benchmark
// set the comparison up more than once.
var extractorCache *entities.Extractor

// defaultExtractor returns entities.New() with the default options.
func defaultExtractor() (*entities.Extractor, error) {
	if extractorCache != nil {
		return extractorCache, nil
	}
	start := time.Now()
	x, err := entities.New()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(notes, "bench:   extractor (default gazetteer, fuzzy, rules) built in %v\n", time.Since(start).Round(time.Millisecond))
	extractorCache = x
	return x, nil
}

// naiveMatcher is the entity matcher a user writes first, over the names
// of the default gazetteer.
type naiveMatcher struct {
	// types maps the key (tokenize.Key) of every Name and alias to its
	// entry's type; the best-ranked entry wins a key several entries have.
	types map[string]gazetteer.Type
	// fuzzy are the one-word names of five letters or more, each with its
	// edit budget (editBudget): the others allow no edit, so the map
	// finds them.
	fuzzy []scanAlias
	// fuzzyTypes is the type of each fuzzy name, by the same index.
	fuzzyTypes []gazetteer.Type
}

// naiveMatch is one match of the naive matcher: words [start, end) of the
// whitespace words of the text.
type naiveMatch struct {
	start, end int
	key        string // the name's key: the n-gram's, or the alias a fuzzy word is closest to
	typ        gazetteer.Type
	fuzzy      bool
}

// naiveCache keeps the naive matcher of the default gazetteer.
var naiveCache *naiveMatcher

// defaultNaiveMatcher builds the naive matcher of gazetteer.Default().
func defaultNaiveMatcher() (*naiveMatcher, error) {
	if naiveCache != nil {
		return naiveCache, nil
	}
	def, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	m := &naiveMatcher{types: map[string]gazetteer.Type{}}
	for e := range def.Entries() { // best ranked first
		for _, name := range e.Names() {
			key := tokenize.Key(name)
			if key == "" {
				continue
			}
			if _, ok := m.types[key]; ok {
				continue
			}
			m.types[key] = e.Type
			if b := editBudget(key); b > 0 && !strings.Contains(key, " ") {
				m.fuzzy = append(m.fuzzy, scanAlias{key: key, budget: b})
				m.fuzzyTypes = append(m.fuzzyTypes, e.Type)
			}
		}
	}
	fmt.Fprintf(notes, "bench:   naive matcher: %d distinct name keys in a map, %d one-word names of 5+ letters for Levenshtein, built in %v\n",
		len(m.types), len(m.fuzzy), time.Since(start).Round(time.Millisecond))
	naiveCache = m
	return m, nil
}

// find returns the naive matches of the whitespace words of a text
// (strings.Fields), in two passes:
//
//   - every n-gram of one to four words, each word trimmed of the
//     punctuation around it and keyed with tokenize.Key, joined by
//     spaces, looked up in the map (n-grams overlap: all are reported);
//   - every word not found alone by the map compared with
//     levenshtein.ComputeDistance to every one-word name of five letters
//     or more, keeping the closest within that name's budget (one edit
//     for five to seven letters, two from eight).
func (m *naiveMatcher) find(fields []string) []naiveMatch {
	keys := make([]string, 0, len(fields))
	for _, f := range fields {
		if k := tokenize.Key(strings.TrimFunc(f, notWordRune)); k != "" {
			keys = append(keys, k)
		}
	}
	var out []naiveMatch
	for i := range keys {
		for n := 1; n <= naiveMaxWords && i+n <= len(keys); n++ {
			key := strings.Join(keys[i:i+n], " ")
			if t, ok := m.types[key]; ok {
				out = append(out, naiveMatch{start: i, end: i + n, key: key, typ: t})
			}
		}
	}
	for i, k := range keys {
		if _, ok := m.types[k]; ok {
			continue // an exact one-word match already
		}
		best, bestD := -1, 0
		for j := range m.fuzzy {
			d := levenshtein.ComputeDistance(k, m.fuzzy[j].key)
			if d <= m.fuzzy[j].budget && (best < 0 || d < bestD) {
				best, bestD = j, d
			}
		}
		if best >= 0 {
			out = append(out, naiveMatch{start: i, end: i + 1, key: m.fuzzy[best].key, typ: m.fuzzyTypes[best], fuzzy: true})
		}
	}
	return out
}

// notWordRune reports the runes trimmed from the ends of a whitespace
// word: anything but letters, marks and digits (punctuation, quotes,
// brackets, symbols).
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r)
}

// seedNote keeps the note of seedQuality, computed once.
var seedNote *string

// seedQuality compares the two sides on the seed article, if it exists,
// and returns a one-line note ("" without the article).
func seedQuality(x *entities.Extractor, naive *naiveMatcher) (string, error) {
	b, err := os.ReadFile(seedArticle)
	if os.IsNotExist(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	q := compareQuality(string(b), x, naive)
	return fmt.Sprintf("bench:   seed article %s: names found with the right type: khabar %d/%d (occurrences %d/%d), naive %d/%d (%d/%d); one-word matches outside these names: khabar %d, naive %d (%d of them on words khabar leaves alone%s)",
		seedArticle[strings.LastIndexByte(seedArticle, '/')+1:],
		q.oursNames, len(seedNames), q.oursOcc, q.occurrences, q.naiveNames, len(seedNames), q.naiveOcc, q.occurrences,
		q.oursOther, q.naiveOther, len(q.naiveOnly), examples(q.naiveOnly, 8)), nil
}

// quality is how the two sides do on the seed names in one text.
type quality struct {
	occurrences           int // occurrences of the seed names in the text
	oursNames, naiveNames int // seed names found at least once with the right type
	oursOcc, naiveOcc     int // occurrences found with the right type
	// one-word matches on words outside every occurrence of the names
	oursOther, naiveOther int
	// the words of naiveOther that no mention of ours covers, in order
	naiveOnly []string
}

// compareQuality finds the occurrences of seedNames in text, as runs of
// whitespace words (the first word may carry proclitics: وبغداد، للعراق),
// and counts for each side the occurrences it finds — a match of the
// name's type covering the occurrence's words (تنظيم داعش covers داعش) —
// and its one-word matches of words that are in no occurrence.
func compareQuality(text string, x *entities.Extractor, naive *naiveMatcher) quality {
	fields := strings.Fields(text)
	spans := fieldSpans(text)
	// The same words as the naive matcher's keys, with their field index.
	var keys []string
	var field []int
	for i, f := range fields {
		if k := tokenize.Key(strings.TrimFunc(f, notWordRune)); k != "" {
			keys = append(keys, k)
			field = append(field, i)
		}
	}

	type occurrence struct {
		name       int // index in seedNames
		start, end int // key (word) indexes
	}
	var occs []occurrence
	inName := make([]bool, len(keys))
	for ni, sn := range seedNames {
		words := strings.Fields(tokenize.Key(sn.name))
		first := func(stem string) bool { return stem == words[0] }
		for i := 0; i+len(words) <= len(keys); i++ {
			if _, ok := tokenize.KnownSplit(keys[i], first); !ok {
				continue
			}
			if strings.Join(keys[i+1:i+len(words)], " ") != strings.Join(words[1:], " ") {
				continue
			}
			occs = append(occs, occurrence{ni, i, i + len(words)})
			for j := i; j < i+len(words); j++ {
				inName[j] = true
			}
		}
	}
	q := quality{occurrences: len(occs)}

	// Our mentions as key (word) ranges: the words holding their first
	// and last bytes.
	type span struct {
		start, end int
		typ        gazetteer.Type
	}
	wordAt := func(off int) int {
		for i, f := range field {
			if spans[f][0] <= off && off < spans[f][1] {
				return i
			}
		}
		return -1
	}
	var ours []span
	oursCovers := make([]bool, len(keys))
	for _, m := range x.Extract(text).Mentions {
		s, e := wordAt(m.Start), wordAt(m.End-1)
		if s < 0 || e < 0 {
			continue
		}
		ours = append(ours, span{s, e + 1, m.Type})
		for i := s; i <= e; i++ {
			oursCovers[i] = true
		}
		if s == e && !inName[s] {
			q.oursOther++
		}
	}
	var naives []span
	for _, m := range naive.find(fields) {
		naives = append(naives, span{m.start, m.end, m.typ})
		if m.end-m.start == 1 && !inName[m.start] {
			q.naiveOther++
			if !oursCovers[m.start] {
				q.naiveOnly = append(q.naiveOnly, keys[m.start])
			}
		}
	}

	covers := func(found []span, o occurrence) bool {
		for _, s := range found {
			if s.start <= o.start && o.end <= s.end && s.typ == seedNames[o.name].typ {
				return true
			}
		}
		return false
	}
	oursFound := make([]bool, len(seedNames))
	naiveFound := make([]bool, len(seedNames))
	for _, o := range occs {
		if covers(ours, o) {
			q.oursOcc++
			oursFound[o.name] = true
		}
		if covers(naives, o) {
			q.naiveOcc++
			naiveFound[o.name] = true
		}
	}
	for i := range seedNames {
		if oursFound[i] {
			q.oursNames++
		}
		if naiveFound[i] {
			q.naiveNames++
		}
	}
	return q
}

// fieldSpans returns the byte offsets [start, end) of the words of
// strings.Fields(s), split on the same white space.
func fieldSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// examples formats up to n words as ", e.g. a، b، c…", or "" for none.
func examples(words []string, n int) string {
	if len(words) == 0 {
		return ""
	}
	more := ""
	if len(words) > n {
		words, more = words[:n], "…"
	}
	return ", e.g. " + strings.Join(words, "، ") + more
}
