package english

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// nameIndex finds the gazetteer's English names and aliases in English
// text, over prose's tokens.
type nameIndex struct {
	// first maps the key of a name's first token to the names starting
	// with it, longest first.
	first map[string][]int32
	names []name
	// parts maps the key of every token of the multi-word names of
	// people, places and organisations to where it stands in them (see
	// namePart).
	parts map[string]uint16
}

// name is one English name of one entry.
type name struct {
	keys   []string    // the keys of its tokens
	shapes []caseShape // how each token is written in the gazetteer
	id     string
	typ    gazetteer.Type
	prior  float64
	// demonym marks a demonym (Iraqi): an adjective of the place, not
	// its name.
	demonym bool
}

// candidate is a name of the gazetteer found in a text: tokens [start,
// end) name the entry id (and the alternatives, other entries of the
// same type written the same, best first).
type candidate struct {
	start, end int
	typ        gazetteer.Type
	id         string
	alts       []string
	prior      float64
	demonym    bool
}

// latinName reports whether s is written in the Latin script: it has a
// letter, and no letter of another script.
func latinName(s string) bool {
	letter := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letter = true
		}
	}
	return letter
}

// newNameIndex indexes the English names, Latin-script aliases and
// demonyms of the people, places and organisations of x, each name cut
// into tokens by p as running text is.
func newNameIndex(x *gazetteer.Index, p *pipeline) *nameIndex {
	ix := &nameIndex{first: map[string][]int32{}, parts: map[string]uint16{}}
	seen := map[string]bool{}
	add := func(e *gazetteer.Entry, s string, demonym bool) {
		toks := p.tok.Tokenize(s)
		if len(toks) > 1 && (toks[0].Text == "the" || toks[0].Text == "The") {
			toks = toks[1:]
		}
		n := name{id: e.ID, typ: e.Type, prior: e.Prior, demonym: demonym}
		for _, t := range toks {
			n.keys = append(n.keys, tokenize.Key(t.Text))
			n.shapes = append(n.shapes, shapeOf(t.Text))
		}
		if len(n.keys) == 0 {
			return
		}
		k := strings.Join(n.keys, " ") + "\x00" + e.ID
		if demonym {
			k += "\x00d"
		}
		if seen[k] {
			return
		}
		seen[k] = true
		ix.first[n.keys[0]] = append(ix.first[n.keys[0]], int32(len(ix.names)))
		ix.names = append(ix.names, n)
		if !demonym && len(n.keys) > 1 {
			for i, key := range n.keys {
				ix.parts[key] |= namePart(e.Type, i, len(n.keys))
			}
		}
	}
	for e := range x.Entries() {
		if e.Type < gazetteer.PER || e.Type > gazetteer.ORG {
			continue
		}
		for _, s := range append([]string{e.NameEN}, e.Aliases...) {
			if latinName(s) {
				add(&e, s, false)
			}
		}
		for _, s := range e.Demonyms {
			if latinName(s) {
				add(&e, s, true)
			}
		}
	}
	for _, list := range ix.first {
		// Longest first; for one length, in the gazetteer's rank order
		// (the order of Entries).
		slices.SortStableFunc(list, func(a, b int32) int { return cmp.Compare(len(ix.names[b].keys), len(ix.names[a].keys)) })
	}
	return ix
}

// namePart returns the bit of a token at position i of a name of n tokens
// of type t: 3·(t−1) + 0 for the first, 1 for a middle one, 2 for the last.
func namePart(t gazetteer.Type, i, n int) uint16 {
	pos := 1
	switch i {
	case 0:
		pos = 0
	case n - 1:
		pos = 2
	}
	return 1 << (3*(uint(t)-1) + uint(pos))
}

// caseFits reports whether a token of the text written with shape got may
// stand for a token of a name written with shape want: a name's
// all-capital token (US, ISIS) only in capitals, a capitalised one
// (Iraq, al-Kadhimi) only with a capital letter, a lower-case one (al,
// bin, of) in any case.
func caseFits(want, got caseShape) bool {
	switch want {
	case shapeUpper:
		return got == shapeUpper
	case shapeTitle, shapeMixed:
		return got.capitalised()
	}
	return true
}

// find returns the names of the gazetteer found in d: at every token,
// every name that starts there, within one sentence, longest first. Names
// written alike for several entries of one type give one candidate with
// the others as alternatives.
func (ix *nameIndex) find(d *document) []candidate {
	var out []candidate
	for _, s := range d.sents {
		for i := s.TokenStart; i < s.TokenEnd; i++ {
			list := ix.first[d.keys[i]]
			if len(list) == 0 {
				continue
			}
			from := len(out)
			for _, k := range list {
				n := &ix.names[k]
				end := i + len(n.keys)
				if end > s.TokenEnd || !ix.matches(d, n, i) {
					continue
				}
				merged := false
				for j := from; j < len(out); j++ {
					c := &out[j]
					if c.end == end && c.typ == n.typ && c.demonym == n.demonym {
						if c.id != n.id && !slices.Contains(c.alts, n.id) {
							c.alts = append(c.alts, n.id)
						}
						merged = true
						break
					}
				}
				if !merged {
					out = append(out, candidate{start: i, end: end, typ: n.typ, id: n.id, prior: n.prior, demonym: n.demonym})
				}
			}
		}
	}
	return out
}

// matches reports whether name n is written at token i of d.
func (ix *nameIndex) matches(d *document, n *name, i int) bool {
	for j, key := range n.keys {
		if d.keys[i+j] != key || !caseFits(n.shapes[j], d.shapes[i+j]) {
			return false
		}
	}
	return true
}
