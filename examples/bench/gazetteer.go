package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"github.com/coregx/ahocorasick"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// Sizes of the synthetic gazetteer of gazetteer/fuzzy-naive-scan.
const (
	// defaultSynthAliases is the default of -aliases: names and aliases
	// of the synthetic gazetteer.
	defaultSynthAliases = 100_000
	// synthNamesPerEntry is the number of names of one synthetic entry:
	// its Name and three Aliases.
	synthNamesPerEntry = 4
	// fuzzyQueries is the number of misspelt names looked up, in turn,
	// one per operation.
	fuzzyQueries = 200
)

// synthAliases is the number of names and aliases of the synthetic
// gazetteer (-aliases); tests make it small.
var synthAliases = defaultSynthAliases

// synthLetters are the letters of the synthetic names: the 28 letters of
// the Arabic alphabet, none of which tokenize.Key folds, so that a name
// is its own key. ا و ي are the long vowels.
var synthLetters = []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")

// gazetteerComparisons compares the gazetteer's fuzzy lookup with a plain
// Levenshtein scan, and its exact matching with an Aho-Corasick automaton.
func gazetteerComparisons() []comparison {
	// gazetteer/fuzzy-naive-scan
	var (
		synth   *synthGazetteer
		queries []fuzzyQuery
		scan    []scanAlias
		oi, pi  int // next query of each side
	)
	// gazetteer/exact-ahocorasick
	var (
		def  *gazetteer.Index
		ac   *ahocorasick.Automaton
		text string
		data []byte
	)

	return []comparison{
		{
			name: "gazetteer/fuzzy-naive-scan",
			unit: unitNsPerOp,
			setup: func([]byte) (int64, error) {
				var err error
				synth, err = synthGazetteerOf(synthAliases)
				if err != nil {
					return 0, err
				}
				queries = synth.queries(fuzzyQueries)
				if len(queries) == 0 {
					return 0, fmt.Errorf("no query: the synthetic gazetteer of %d aliases has no name of five letters or more", synthAliases)
				}
				// The scan compares with every alias's key, computed once
				// here, as a user would.
				scan = scan[:0]
				for i := range synth.entries {
					for _, name := range synth.entries[i].Names() {
						key := tokenize.Key(name)
						scan = append(scan, scanAlias{key: key, entry: int32(i), budget: editBudget(key)})
					}
				}
				oi, pi = 0, 0
				ours, peer := synth.recall(queries)
				fmt.Fprintf(notes, "bench:   %d entries, %d aliases (%d distinct keys), %d misspelt queries; intended entry found: khabar %d/%d, scan %d/%d\n",
					len(synth.entries), len(scan), synth.index.Surfaces(), len(queries), ours, len(queries), peer, len(queries))
				return 0, nil // ns/op: no input bytes
			},
			// One query per operation, in turn: ns/op is per query.
			ours: func() int {
				q := queries[oi]
				oi = (oi + 1) % len(queries)
				return len(synth.index.Lookup(q.text))
			},
			// The approach a user writes first: the distance to every
			// alias, kept within the same edit budget.
			peer: func() int {
				q := tokenize.Key(queries[pi].text)
				pi = (pi + 1) % len(queries)
				n := 0
				for i := range scan {
					if levenshtein.ComputeDistance(q, scan[i].key) <= scan[i].budget {
						n++
					}
				}
				return n
			},
		},
		{
			name: "gazetteer/exact-ahocorasick",
			unit: unitMBPerS,
			setup: func(input []byte) (int64, error) {
				var err error
				def, err = gazetteer.Default()
				if err != nil {
					return 0, err
				}
				ac, err = defaultAutomaton(def)
				if err != nil {
					return 0, err
				}
				text, data = string(input), input
				return int64(len(input)), nil
			},
			// Tokenization is part of our time: the automaton needs none.
			ours: func() int {
				toks := tokenize.Tokenize(text)
				return len(def.Find(text, toks, gazetteer.FindOptions{}))
			},
			// Every non-overlapping match over the raw bytes (see
			// defaultAutomaton for why not leftmost-longest).
			peer: func() int { return len(ac.FindAll(data, -1)) },
		},
	}
}

// scanAlias is one alias of the naive scan.
type scanAlias struct {
	key    string // tokenize.Key of the alias
	entry  int32  // index of its entry
	budget int    // edits allowed, by editBudget
}

// editBudget returns the edits a fuzzy match of key may have, as the
// gazetteer allows them: none below five letters, one from five to seven,
// two from eight.
func editBudget(key string) int {
	switch n := letters(key); {
	case n < 5:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// letters counts the letters of a name, not counting spaces.
func letters(s string) int {
	return utf8.RuneCountInString(s) - strings.Count(s, " ")
}

// synthGazetteer is a gazetteer of Arabic-looking names made up from a
// fixed seed.
type synthGazetteer struct {
	entries []gazetteer.Entry
	index   *gazetteer.Index
}

// synthCache keeps the synthetic gazetteers built, by number of aliases:
// the tests and the benchmark set the comparison up more than once.
var synthCache = map[int]*synthGazetteer{}

// synthGazetteerOf returns the synthetic gazetteer of n names and aliases
// (n/4 entries of four names each: a Name and three Aliases).
func synthGazetteerOf(n int) (*synthGazetteer, error) {
	if g, ok := synthCache[n]; ok {
		return g, nil
	}
	if n < synthNamesPerEntry {
		return nil, fmt.Errorf("-aliases %d: want at least %d", n, synthNamesPerEntry)
	}
	start := time.Now()
	rng := rand.New(rand.NewPCG(0x6b686162, 0x61722d67)) // "khab", "ar-g"
	types := []gazetteer.Type{gazetteer.PER, gazetteer.LOC, gazetteer.ORG}
	g := &synthGazetteer{entries: make([]gazetteer.Entry, n/synthNamesPerEntry)}
	b := gazetteer.NewBuilder()
	for i := range g.entries {
		names := make([]string, synthNamesPerEntry)
		for j := range names {
			names[j] = synthName(rng)
		}
		g.entries[i] = gazetteer.Entry{
			ID:      fmt.Sprintf("%s:synth-%06d", strings.ToLower(types[i%3].String()), i),
			Type:    types[i%3],
			Name:    names[0],
			Aliases: names[1:],
			// Transliterated names of a non-Arab country: the spellings
			// whose variants the fuzzy matcher accepts.
			Country: "GB",
		}
		if err := b.Add(g.entries[i]); err != nil {
			return nil, err
		}
	}
	x, err := b.Build()
	if err != nil {
		return nil, err
	}
	g.index = x
	fmt.Fprintf(notes, "bench:   synthetic gazetteer of %d aliases built in %v\n", n, time.Since(start).Round(time.Millisecond))
	synthCache[n] = g
	return g, nil
}

// synthName returns one to three words of four to nine letters.
func synthName(rng *rand.Rand) string {
	var b strings.Builder
	for w := range 1 + rng.IntN(3) {
		if w > 0 {
			b.WriteByte(' ')
		}
		for range 4 + rng.IntN(6) {
			b.WriteRune(synthLetters[rng.IntN(len(synthLetters))])
		}
	}
	return b.String()
}

// fuzzyQuery is a misspelt name to look up.
type fuzzyQuery struct {
	text  string // the name spelt another way
	name  string // the name it was made from
	entry int    // the entry that has the name
}

// equivalents maps a letter to one that transliterations use for the same
// sound (the gazetteer's variant classes).
var equivalents = map[rune]rune{'ت': 'ط', 'ط': 'ت', 'س': 'ص', 'ص': 'س', 'ث': 'س', 'ش': 'س', 'ز': 'ذ', 'ذ': 'ز',
	'ض': 'ظ', 'ظ': 'ض', 'ك': 'ق', 'ق': 'ك', 'ج': 'غ', 'غ': 'ج'}

// queries returns n names of g spelt another way, as the same name is
// spelt in different news sources, made from a fixed seed: in turn a long
// vowel (ا و ي, not a word's first letter) removed, two adjacent letters
// swapped, and a letter replaced by one of the same sound (ت/ط، س/ص،
// ج/غ…). Names have six letters or more, so that each change is within
// the gazetteer's budget.
func (g *synthGazetteer) queries(n int) []fuzzyQuery {
	rng := rand.New(rand.NewPCG(0x71756572, 0x69657321)) // "quer", "ies!"
	var out []fuzzyQuery
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		e := rng.IntN(len(g.entries))
		names := g.entries[e].Names()
		name := names[rng.IntN(len(names))]
		if letters(name) < 6 {
			continue
		}
		r := []rune(name)
		var candidates []int
		switch len(out) % 3 {
		case 0: // long vowel removed
			for i := 1; i < len(r); i++ {
				if r[i-1] != ' ' && (r[i] == 'ا' || r[i] == 'و' || r[i] == 'ي') {
					candidates = append(candidates, i)
				}
			}
		case 1: // adjacent letters swapped
			for i := 0; i+1 < len(r); i++ {
				if r[i] != ' ' && r[i+1] != ' ' && r[i] != r[i+1] {
					candidates = append(candidates, i)
				}
			}
		case 2: // a letter of the same sound
			for i, c := range r {
				if _, ok := equivalents[c]; ok {
					candidates = append(candidates, i)
				}
			}
		}
		if len(candidates) == 0 {
			continue
		}
		p := candidates[rng.IntN(len(candidates))]
		switch len(out) % 3 {
		case 0:
			r = slices.Delete(r, p, p+1)
		case 1:
			r[p], r[p+1] = r[p+1], r[p]
		case 2:
			r[p] = equivalents[r[p]]
		}
		out = append(out, fuzzyQuery{text: string(r), name: name, entry: e})
	}
	return out
}

// recall counts the queries for which each side finds the entry the
// query was made from. The scan keeps an alias exactly when its distance
// to the query is within the alias's budget, whatever the other aliases
// are, so checking the entry's own names gives the count the full scan
// would give without running it here.
func (g *synthGazetteer) recall(queries []fuzzyQuery) (ours, scan int) {
	for _, q := range queries {
		id := g.entries[q.entry].ID
		if slices.ContainsFunc(g.index.Lookup(q.text), func(c gazetteer.Candidate) bool { return c.Entry.ID == id }) {
			ours++
		}
		key := tokenize.Key(q.text)
		if slices.ContainsFunc(g.entries[q.entry].Names(), func(name string) bool {
			k := tokenize.Key(name)
			return levenshtein.ComputeDistance(key, k) <= editBudget(k)
		}) {
			scan++
		}
	}
	return ours, scan
}

// acCache keeps the automaton of the default gazetteer's names.
var acCache *ahocorasick.Automaton

// defaultAutomaton builds an Aho-Corasick automaton over every name and
// alias of x, as written (the automaton sees raw bytes: no normalisation,
// no clitics, no word boundaries).
//
// coregx/ahocorasick v0.3.1 has LeftmostLongest, but only Find honours
// it, by running on to the end of the haystack for the longest match on
// every call, which makes finding all matches of 1 MB quadratic; FindAll
// reports the non-overlapping matches as the automaton reaches them,
// whatever the match kind. The comparison uses FindAll with the default
// kind.
func defaultAutomaton(x *gazetteer.Index) (*ahocorasick.Automaton, error) {
	if acCache != nil {
		return acCache, nil
	}
	start := time.Now()
	seen := map[string]bool{}
	var names []string
	for e := range x.Entries() {
		for _, name := range e.Names() {
			if name != "" && !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(names).Build()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(notes, "bench:   %d entries, %d distinct names and aliases; automaton of %d states built in %v\n",
		x.Len(), len(names), ac.StateCount(), time.Since(start).Round(time.Millisecond))
	acCache = ac
	return ac, nil
}
