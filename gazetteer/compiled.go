package gazetteer

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/khabar-nlp/khabar/internal/binfile"
	"github.com/khabar-nlp/khabar/tokenize"
)

// The compiled form of an index is a single binary file that loads without
// normalising or tokenizing any name again: the container of
// internal/binfile (magic "KHABARGZ", format version, body length and
// CRC-32, all checked before the body is read) around a body of entries
// (with their priorities), surface keys with their postings, first words
// of multi-word keys and the fuzzy table. Counts and string lengths are
// uvarints. Loading reads the body into one string while checksumming
// it, then slices every name out of that string: the file is copied once.

// CompiledVersion is the format version of the compiled form that
// [Index.WriteTo] writes and the only one [ReadCompiled] reads.
const CompiledVersion = 2

// MaxCompiledSize is the largest compiled body [ReadCompiled] accepts
// (4 GiB, about ten million names); a larger file is refused from its
// header.
const MaxCompiledSize = 4 << 30

var compiledFormat = binfile.Format{Magic: "KHABARGZ", Version: CompiledVersion, MaxSize: MaxCompiledSize}

// Errors of the compiled form, testable with errors.Is.
var (
	// ErrNotCompiled: the input is not a compiled Khabar gazetteer.
	ErrNotCompiled = errors.New("gazetteer: not a compiled Khabar gazetteer")
	// ErrCompiledVersion: the file was written in another format version.
	ErrCompiledVersion = errors.New("gazetteer: unsupported compiled gazetteer version")
	// ErrCorrupt: the file is larger than [MaxCompiledSize], truncated,
	// altered, or inconsistent.
	ErrCorrupt = errors.New("gazetteer: corrupt compiled gazetteer")

	compiledErrors = binfile.Errors{Read: "gazetteer: reading compiled index", Magic: ErrNotCompiled,
		Version: ErrCompiledVersion, TooLarge: ErrCorrupt, Corrupt: ErrCorrupt}
	errTooManyEntries = fmt.Errorf("more than %d entries", maxEntries)
)

// WriteTo writes the compiled form of x to w. It implements io.WriterTo.
func (x *Index) WriteTo(w io.Writer) (int64, error) {
	var e binfile.Encoder
	e.Uvarint(uint64(len(x.entries)))
	for i := range x.entries {
		en := &x.entries[i]
		e.Varint(int64(x.prios[i]))
		e.String(en.ID)
		e.Byte(byte(en.Type))
		e.String(en.Subtype)
		e.String(en.Name)
		e.String(en.NameEN)
		e.Strings(en.Aliases)
		e.Strings(en.Demonyms)
		e.String(en.Country)
		e.String(en.Parent)
		e.String(en.Wikidata)
		e.Float64(en.Prior)
	}
	e.Strings(x.keys.strs)
	e.Uint32s(x.keyLists)
	e.Uvarint(uint64(len(x.lists)))
	for _, p := range x.lists {
		e.Uint32(uint32(p))
	}
	e.Strings(x.firstWords.strs)
	e.Raw(x.maxWords)
	for _, t := range []*hashTable{x.keys.table, x.firstWords.table, x.fuzzy} {
		e.Uint32s(t.starts)
		e.Uvarint(uint64(len(t.cells)))
		for _, c := range t.cells {
			e.Uint64(c)
		}
	}
	return compiledFormat.Write(w, e.Bytes())
}

// ReadCompiled reads an index written by [Index.WriteTo]. It checks the
// header first: a file of another kind, another format version or a
// body larger than [MaxCompiledSize] is refused before the body is read,
// with an error wrapping [ErrNotCompiled], [ErrCompiledVersion] or
// [ErrCorrupt]; a truncated, altered or inconsistent body gives
// [ErrCorrupt].
func ReadCompiled(r io.Reader) (*Index, error) {
	x, err := binfile.Decode(r, compiledFormat, compiledErrors, readIndex)
	if err != nil {
		return nil, err
	}
	if err := x.checkCompiled(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return x, nil
}

// LoadCompiled reads the compiled index in the file at path.
func LoadCompiled(path string) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	x, err := ReadCompiled(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return x, nil
}

// readIndex decodes the body of the compiled form; d's sticky error
// reports malformed fields.
func readIndex(d *binfile.Decoder) (*Index, error) {
	n := d.Count(16, "entry")
	if n > maxEntries {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, errTooManyEntries)
	}
	x := &Index{
		entries: make([]Entry, n),
		prios:   make([]int32, n),
		byID:    make(map[string]int32, n),
		tz:      tokenize.Default(),
	}
	for i := range x.entries {
		en := &x.entries[i]
		x.prios[i] = int32(d.Varint())
		en.ID = d.String()
		en.Type = Type(d.Byte())
		en.Subtype = d.String()
		en.Name = d.String()
		en.NameEN = d.String()
		en.Aliases = d.Strings()
		en.Demonyms = d.Strings()
		en.Country = d.String()
		en.Parent = d.String()
		en.Wikidata = d.String()
		en.Prior = d.Float64()
		if d.Err() != nil {
			return nil, compiledErrors.Wrap(d.Err())
		}
		// The checksum vouches for the content; check what lookups rely on.
		if en.ID == "" || en.Name == "" || en.Type < PER || en.Type > ORG {
			return nil, fmt.Errorf("%w: entry %d: %w", ErrCorrupt, i, ErrBadID)
		}
		x.byID[en.ID] = int32(i)
	}
	keys := d.Strings()
	x.keyLists = d.Uint32s()
	x.lists = make([]posting, d.Count(4, "posting"))
	for i := range x.lists {
		x.lists[i] = posting(d.Uint32())
	}
	words := d.Strings()
	x.maxWords = []byte(d.Raw(len(words)))
	var tables [3]*hashTable
	for i := range tables {
		t := &hashTable{starts: d.Uint32s()}
		t.cells = make([]uint64, d.Count(8, "hash cell"))
		for j := range t.cells {
			t.cells[j] = d.Uint64()
		}
		tables[i] = t
	}
	if d.Err() != nil {
		return nil, compiledErrors.Wrap(d.Err())
	}
	x.keys = stringTable{strs: keys, table: tables[0]}
	x.firstWords = stringTable{strs: words, table: tables[1]}
	x.fuzzy = tables[2]
	return x, nil
}

// checkCompiled verifies the references between sections, so that a
// damaged file that passes the checksum cannot make lookups panic.
func (x *Index) checkCompiled() error {
	if len(x.keyLists) != len(x.keys.strs) {
		return errors.New("key lists and keys differ in number")
	}
	for _, off := range x.keyLists {
		if int(off) >= len(x.lists) || x.lists[off] == 0 || int(off)+1+int(x.lists[off]) > len(x.lists) {
			return errors.New("posting list out of range")
		}
		for _, p := range x.lists[off+1 : int(off)+1+int(x.lists[off])] {
			if p.entry() >= len(x.entries) {
				return errors.New("posting out of range")
			}
		}
	}
	if !x.keys.table.check(len(x.keys.strs)) || !x.firstWords.table.check(len(x.firstWords.strs)) || !x.fuzzy.check(len(x.keys.strs)) {
		return errors.New("bad hash table")
	}
	for i, w := range x.maxWords {
		if w == 0 {
			return fmt.Errorf("first word %d has no length", i)
		}
	}
	return nil
}
