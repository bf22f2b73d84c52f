package gazetteer

import (
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/tokenize"
)

// posting is one entry for one surface: the entry's index shifted left by
// one, with the low bit set when the surface is one of its demonyms.
type posting uint32

func (p posting) entry() int      { return int(p >> 1) }
func (p posting) isDemonym() bool { return p&1 != 0 }

// maxEntries bounds the entries of one index (postings use 31 bits).
const maxEntries = 1<<30 - 1

// Index is an immutable gazetteer: its entries and the indexes that find
// them by name, exactly, after proclitics, as demonyms and fuzzily. Build
// one with a [Builder], [Default] or [ReadCompiled]. An Index is safe for
// concurrent use.
type Index struct {
	entries []Entry
	prios   []int32
	byID    map[string]int32

	// surfaces maps a surface key (see surfaceKey) to the offset in lists
	// of a count followed by that many postings.
	surfaces map[string]uint32
	lists    []posting
	// firstWords maps the first word of each multi-word surface key to
	// the largest number of words of such a surface.
	firstWords map[string]uint8
	// keys lists the distinct surface keys in a fixed order; the fuzzy
	// index refers to them by position.
	keys  []string
	fuzzy *fuzzyIndex

	tz *tokenize.Tokenizer
}

// newIndex builds the lookup structures over entries, which are in rank
// order. fz, when not nil, is a fuzzy index read from a compiled file.
func newIndex(entries []Entry, prios []int32, fz *fuzzyIndex) (*Index, error) {
	if len(entries) > maxEntries {
		return nil, errTooManyEntries
	}
	x := &Index{
		entries:    entries,
		prios:      prios,
		byID:       make(map[string]int32, len(entries)),
		surfaces:   make(map[string]uint32, len(entries)*3),
		firstWords: make(map[string]uint8),
		tz:         tokenize.Default(),
	}
	for i := range entries {
		x.byID[entries[i].ID] = int32(i)
	}
	// Collect postings per key, in entry order (rank order).
	type keyPostings struct {
		key   string
		posts []posting
	}
	order := make(map[string]int, len(entries)*3)
	var all []keyPostings
	add := func(name string, p posting) {
		key, words := surfaceKey(x.tz, name)
		if key == "" {
			return
		}
		i, ok := order[key]
		if !ok {
			i = len(all)
			order[key] = i
			all = append(all, keyPostings{key: key})
			if words > 1 {
				first := key[:strings.IndexByte(key, ' ')]
				if w := uint8(min(words, 255)); w > x.firstWords[first] {
					x.firstWords[first] = w
				}
			}
		}
		if !slices.Contains(all[i].posts, p) {
			all[i].posts = append(all[i].posts, p)
		}
	}
	for i := range entries {
		e := &entries[i]
		add(e.Name, posting(i<<1))
		for _, a := range e.Aliases {
			add(a, posting(i<<1))
		}
		for _, d := range e.Demonyms {
			add(d, posting(i<<1|1))
		}
	}
	x.keys = make([]string, len(all))
	for i, kp := range all {
		x.keys[i] = kp.key
		slices.Sort(kp.posts) // rank order, names before demonyms of one entry
		x.surfaces[kp.key] = uint32(len(x.lists))
		x.lists = append(x.lists, posting(len(kp.posts)))
		x.lists = append(x.lists, kp.posts...)
	}
	if fz == nil {
		fz = buildFuzzy(x.keys)
	}
	x.fuzzy = fz
	return x, nil
}

// Len returns the number of entries.
func (x *Index) Len() int { return len(x.entries) }

// Surfaces returns the number of distinct surface keys (names, aliases
// and demonyms after normalisation).
func (x *Index) Surfaces() int { return len(x.keys) }

// Entry returns a copy of the entry with the given ID.
func (x *Index) Entry(id string) (Entry, bool) {
	i, ok := x.byID[id]
	if !ok {
		return Entry{}, false
	}
	return x.entries[i].clone(), true
}

// Entries returns an iterator over copies of the entries, best ranked
// first (priority, prior, ID).
func (x *Index) Entries() iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		for i := range x.entries {
			if !yield(x.entries[i].clone()) {
				return
			}
		}
	}
}

// postings returns the postings of a surface key, best first, or nil. It
// does not allocate.
func (x *Index) postings(key string) []posting {
	off, ok := x.surfaces[key]
	if !ok {
		return nil
	}
	n := uint32(x.lists[off])
	return x.lists[off+1 : off+1+n]
}

// known reports whether key is a surface or the first word of one.
func (x *Index) known(key string) bool {
	if _, ok := x.surfaces[key]; ok {
		return true
	}
	_, ok := x.firstWords[key]
	return ok
}

// MemoryUsage estimates the heap bytes held by the index: entries,
// strings, maps and the fuzzy index.
func (x *Index) MemoryUsage() int {
	const mapSlot = 8 // per-slot control and load-factor overhead
	n := 0
	for i := range x.entries {
		e := &x.entries[i]
		n += 200 + len(e.ID) + len(e.Subtype) + len(e.Name) + len(e.NameEN) + len(e.Country) + len(e.Parent) + len(e.Wikidata)
		for _, a := range e.Aliases {
			n += 16 + len(a)
		}
		for _, d := range e.Demonyms {
			n += 16 + len(d)
		}
	}
	n += 4 * len(x.prios)
	n += len(x.byID) * (16 + 4 + mapSlot)
	for _, k := range x.keys {
		n += 16 + len(k) // keys slice; map keys share the string data
	}
	n += len(x.surfaces) * (16 + 4 + mapSlot)
	n += 4 * len(x.lists)
	n += len(x.firstWords) * (16 + 1 + mapSlot)
	if x.fuzzy != nil {
		n += x.fuzzy.memoryUsage()
	}
	return n
}

// runeLen counts the letters of a key, not counting spaces.
func runeLen(key string) int {
	return utf8.RuneCountInString(key) - strings.Count(key, " ")
}
