package gazetteer

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar/tokenize"
)

// ErrDuplicateID is returned by [Builder.Add] for a second entry with the
// same ID at the same priority.
var ErrDuplicateID = errors.New("gazetteer: duplicate ID")

// Builder collects entries and builds an immutable [Index]. A Builder is
// not safe for concurrent use; the Index it builds is.
//
// # Precedence
//
// Entries are added at a priority (0 unless [Builder.SetPriority] says
// otherwise). Merging a user's gazetteer beside the default follows two
// rules, both independent of the order of Add calls within a priority:
//
//   - Same ID: the entry of higher priority replaces the other one whole;
//     two entries with one ID at the same priority are an error
//     ([ErrDuplicateID]).
//   - Same surface (several entries share a name or alias): candidates are
//     ranked curated entries first, entries of plain and typed lists (IDs
//     from [ListID]) after them; then by priority (higher first), then
//     prior (higher first), then ID (in byte order).
//
// So a user's files, added at priority 1, 2… after the default at 0,
// correct default entries by ID and win ties on shared names; but a name
// list, which says only a type, never hides a curated entry of the same
// name (a list from an annotated corpus that has الجزيرة as a place does
// not turn the channel into a place).
type Builder struct {
	entries map[string]builderEntry
	prio    int
	built   bool
}

type builderEntry struct {
	e    Entry
	prio int
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{entries: make(map[string]builderEntry)}
}

// SetPriority sets the priority of the entries added from now on. See
// the Builder's precedence rules.
func (b *Builder) SetPriority(p int) { b.prio = p }

// Len returns the number of distinct IDs added so far.
func (b *Builder) Len() int { return len(b.entries) }

// Add validates e and adds a copy of it. It panics if called after Build.
func (b *Builder) Add(e Entry) error {
	if b.built {
		panic("gazetteer: Builder.Add called after Build")
	}
	if err := e.Validate(); err != nil {
		return err
	}
	if old, ok := b.entries[e.ID]; ok {
		switch {
		case old.prio == b.prio:
			return fmt.Errorf("%w %s", ErrDuplicateID, e.ID)
		case old.prio > b.prio:
			return nil // the entry already there has precedence
		}
	}
	b.entries[e.ID] = builderEntry{e: e.clone(), prio: b.prio}
	return nil
}

// AddIndex adds every entry of x at the current priority, e.g. the
// default gazetteer before a user's files.
func (b *Builder) AddIndex(x *Index) error {
	for i := range x.entries {
		if err := b.Add(x.entries[i]); err != nil {
			return err
		}
	}
	return nil
}

// Build returns the Index of the entries added. The Builder cannot be used
// afterwards.
func (b *Builder) Build() (*Index, error) {
	if b.built {
		panic("gazetteer: Builder.Build called twice")
	}
	b.built = true
	list := make([]builderEntry, 0, len(b.entries))
	for _, be := range b.entries {
		list = append(list, be)
	}
	b.entries = nil
	// Rank order: curated before lists, priority, prior, ID. Entry indexes follow it, so that
	// the postings of a surface sorted by entry index are best first.
	slices.SortFunc(list, func(x, y builderEntry) int {
		if c := cmp.Compare(isListID(x.e.ID), isListID(y.e.ID)); c != 0 {
			return c
		}
		if c := cmp.Compare(y.prio, x.prio); c != 0 {
			return c
		}
		if c := cmp.Compare(y.e.Prior, x.e.Prior); c != 0 {
			return c
		}
		return strings.Compare(x.e.ID, y.e.ID)
	})
	entries := make([]Entry, len(list))
	prios := make([]int32, len(list))
	for i, be := range list {
		entries[i] = be.e
		prios[i] = int32(be.prio)
	}
	return newIndex(entries, prios)
}

// surfaceKey returns the matching key of a name: its tokens' Key forms
// joined by single spaces, so that it can be compared with a run of text
// tokens. It returns "" for a name without tokens.
func surfaceKey(tz *tokenize.Tokenizer, name string) (key string, words int) {
	toks := tz.Tokenize(name)
	if len(toks) == 0 {
		return "", 0
	}
	var b strings.Builder
	for i, t := range toks {
		if tokenize.JoiningHyphen(toks, i) {
			continue // جان-بيير is جان بيير
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tokenize.Key(t.Norm))
		words++
	}
	return b.String(), words
}

// isListID reports whether id was made by [ListID]: 1 for a list entry,
// 0 for a curated one, so that curated entries sort first.
func isListID(id string) int {
	if strings.Contains(id, ":list:") {
		return 1
	}
	return 0
}
