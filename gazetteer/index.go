package gazetteer

import (
	"iter"
	"slices"
	"strings"

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

	// keys lists the distinct surface keys (see surfaceKey) and finds
	// them; keyLists[k] is the offset in lists of key k's postings: a count
	// followed by that many postings. The fuzzy table refers to keys by
	// position too.
	keys     stringTable
	keyLists []uint32
	lists    []posting
	// firstWords lists the first words of the multi-word keys; maxWords[w]
	// is the largest number of words of a key starting with word w.
	firstWords stringTable
	maxWords   []uint8
	fuzzy      *hashTable

	tz *tokenize.Tokenizer
}

// newIndex builds the lookup structures over entries, which are in rank
// order.
func newIndex(entries []Entry, prios []int32) (*Index, error) {
	if len(entries) > maxEntries {
		return nil, errTooManyEntries
	}
	x := &Index{
		entries: entries,
		prios:   prios,
		byID:    make(map[string]int32, len(entries)),
		tz:      tokenize.Default(),
	}
	for i := range entries {
		x.byID[entries[i].ID] = int32(i)
	}
	// Collect postings per key, in entry order (rank order).
	order := make(map[string]int, len(entries)*3)
	var keys []string
	var posts [][]posting
	firstWords := map[string]int{}
	var words []string
	add := func(name string, p posting) {
		key, n := surfaceKey(x.tz, name)
		if key == "" {
			return
		}
		i, ok := order[key]
		if !ok {
			i = len(keys)
			order[key] = i
			keys = append(keys, key)
			posts = append(posts, nil)
			if n > 1 {
				first := key[:strings.IndexByte(key, ' ')]
				w, ok := firstWords[first]
				if !ok {
					w = len(words)
					firstWords[first] = w
					words = append(words, first)
					x.maxWords = append(x.maxWords, 0)
				}
				x.maxWords[w] = max(x.maxWords[w], uint8(min(n, 255)))
			}
		}
		if !slices.Contains(posts[i], p) {
			posts[i] = append(posts[i], p)
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
	x.keyLists = make([]uint32, len(keys))
	for i, ps := range posts {
		slices.Sort(ps) // rank order, names before demonyms of one entry
		x.keyLists[i] = uint32(len(x.lists))
		x.lists = append(x.lists, posting(len(ps)))
		x.lists = append(x.lists, ps...)
	}
	x.keys = newStringTable(keys)
	x.firstWords = newStringTable(words)
	x.fuzzy = buildFuzzy(keys)
	return x, nil
}

// Len returns the number of entries.
func (x *Index) Len() int { return len(x.entries) }

// Surfaces returns the number of distinct surface keys (names, aliases
// and demonyms after normalisation).
func (x *Index) Surfaces() int { return len(x.keys.strs) }

// Entry returns a copy of the entry with the given ID.
func (x *Index) Entry(id string) (Entry, bool) {
	i, ok := x.byID[id]
	if !ok {
		return Entry{}, false
	}
	return x.entries[i].clone(), true
}

// Summary is what most callers need of an entry, without its slices, so
// that it can be returned without copying them.
type Summary struct {
	Type    Type
	Subtype string
	Name    string
	NameEN  string
	Country string
	Prior   float64
}

// Summary returns the summary of the entry with the given ID. Unlike
// [Index.Entry] it does not allocate.
func (x *Index) Summary(id string) (Summary, bool) {
	i, ok := x.byID[id]
	if !ok {
		return Summary{}, false
	}
	e := &x.entries[i]
	return Summary{Type: e.Type, Subtype: e.Subtype, Name: e.Name, NameEN: e.NameEN, Country: e.Country, Prior: e.Prior}, true
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
	k := x.keys.index(key)
	if k < 0 {
		return nil
	}
	return x.postingsOf(k)
}

// postingsOf returns the postings of the key at position k.
func (x *Index) postingsOf(k int) []posting {
	off := x.keyLists[k]
	n := uint32(x.lists[off])
	return x.lists[off+1 : off+1+n]
}

// maxWordsAt returns the largest number of words of a key that starts
// with the word key, 1 when none has more than one.
func (x *Index) maxWordsAt(key string) int {
	if w := x.firstWords.index(key); w >= 0 {
		return int(x.maxWords[w])
	}
	return 1
}

// known reports whether key is a surface or the first word of one.
func (x *Index) known(key string) bool {
	return x.keys.index(key) >= 0 || x.firstWords.index(key) >= 0
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
	for _, k := range x.keys.strs {
		n += 16 + len(k)
	}
	for _, w := range x.firstWords.strs {
		n += 16 + len(w) + 1
	}
	n += 4*len(x.keyLists) + 4*len(x.lists)
	n += x.keys.table.memoryUsage() + x.firstWords.table.memoryUsage() + x.fuzzy.memoryUsage()
	return n
}
