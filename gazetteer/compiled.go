package gazetteer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"strings"

	"github.com/khabar-nlp/khabar/tokenize"
)

// The compiled form of an index is a single binary file that loads without
// normalising or tokenizing any name again:
//
//	magic "KHABARGZ", format version (uint32), CRC-32 (IEEE) of the body
//	(uint32); then the body: entries (with their priorities), surface keys
//	with their postings, first words of multi-word keys, the fuzzy table.
//
// Integers are little-endian; counts and string lengths are uvarints.
// Loading streams the body into one string while checksumming it, then
// slices every name out of that string: the file is copied once.

const (
	compiledMagic   = "KHABARGZ"
	compiledVersion = 1
)

// Errors of the compiled form.
var (
	ErrNotCompiled     = errors.New("not a compiled Khabar gazetteer")
	ErrCompiledVersion = errors.New("unsupported compiled gazetteer version")
	ErrCorrupt         = errors.New("corrupt compiled gazetteer")
	errTooManyEntries  = fmt.Errorf("gazetteer: more than %d entries", maxEntries)
)

// WriteTo writes the compiled form of x to w. It implements io.WriterTo.
func (x *Index) WriteTo(w io.Writer) (int64, error) {
	e := &encoder{}
	e.uvarint(uint64(len(x.entries)))
	for i := range x.entries {
		en := &x.entries[i]
		e.varint(int64(x.prios[i]))
		e.str(en.ID)
		e.raw([]byte{byte(en.Type)})
		e.str(en.Subtype)
		e.str(en.Name)
		e.str(en.NameEN)
		e.strs(en.Aliases)
		e.strs(en.Demonyms)
		e.str(en.Country)
		e.str(en.Parent)
		e.str(en.Wikidata)
		e.u64(math.Float64bits(en.Prior))
	}
	e.strs(x.keys.strs)
	e.u32s(x.keyLists)
	e.uvarint(uint64(len(x.lists)))
	for _, p := range x.lists {
		e.u32(uint32(p))
	}
	e.strs(x.firstWords.strs)
	e.raw(x.maxWords)
	for _, t := range []*hashTable{x.keys.table, x.firstWords.table, x.fuzzy} {
		e.u32s(t.starts)
		e.uvarint(uint64(len(t.cells)))
		for _, c := range t.cells {
			e.u64(c)
		}
	}
	var head [len(compiledMagic) + 8]byte
	copy(head[:], compiledMagic)
	binary.LittleEndian.PutUint32(head[len(compiledMagic):], compiledVersion)
	binary.LittleEndian.PutUint32(head[len(compiledMagic)+4:], crc32.ChecksumIEEE(e.b))
	n, err := w.Write(head[:])
	if err != nil {
		return int64(n), err
	}
	m, err := w.Write(e.b)
	return int64(n + m), err
}

// ReadCompiled reads an index written by [Index.WriteTo]. A file of
// another kind, another format version, or one that is truncated or
// altered gives an error wrapping [ErrNotCompiled], [ErrCompiledVersion]
// or [ErrCorrupt].
func ReadCompiled(r io.Reader) (*Index, error) {
	var head [len(compiledMagic) + 8]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("gazetteer: %w", ErrNotCompiled)
		}
		return nil, fmt.Errorf("gazetteer: reading compiled index: %w", err)
	}
	if string(head[:len(compiledMagic)]) != compiledMagic {
		return nil, fmt.Errorf("gazetteer: %w", ErrNotCompiled)
	}
	if v := binary.LittleEndian.Uint32(head[len(compiledMagic):]); v != compiledVersion {
		return nil, fmt.Errorf("gazetteer: %w %d (this build reads %d)", ErrCompiledVersion, v, compiledVersion)
	}
	sum := binary.LittleEndian.Uint32(head[len(compiledMagic)+4:])
	var body strings.Builder
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if info, err := st.Stat(); err == nil && info.Size() > int64(len(head)) {
			body.Grow(int(info.Size()) - len(head))
		}
	} else if l, ok := r.(interface{ Len() int }); ok {
		body.Grow(l.Len())
	}
	crc := crc32.NewIEEE()
	if _, err := io.Copy(&body, io.TeeReader(r, crc)); err != nil {
		return nil, fmt.Errorf("gazetteer: reading compiled index: %w", err)
	}
	if crc.Sum32() != sum {
		return nil, fmt.Errorf("gazetteer: %w: checksum mismatch", ErrCorrupt)
	}
	d := &decoder{s: body.String()}
	x, err := d.index()
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w: %v", ErrCorrupt, err)
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

func (d *decoder) index() (*Index, error) {
	n := d.count(16)
	if n > maxEntries {
		return nil, errTooManyEntries
	}
	x := &Index{
		entries: make([]Entry, n),
		prios:   make([]int32, n),
		byID:    make(map[string]int32, n),
		tz:      tokenize.Default(),
	}
	for i := range x.entries {
		en := &x.entries[i]
		x.prios[i] = int32(d.varint())
		en.ID = d.str()
		en.Type = Type(d.byte())
		en.Subtype = d.str()
		en.Name = d.str()
		en.NameEN = d.str()
		en.Aliases = d.strs()
		en.Demonyms = d.strs()
		en.Country = d.str()
		en.Parent = d.str()
		en.Wikidata = d.str()
		en.Prior = math.Float64frombits(d.u64())
		if d.err != nil {
			return nil, d.err
		}
		// The checksum vouches for the content; check what lookups rely on.
		if en.ID == "" || en.Name == "" || en.Type < PER || en.Type > ORG {
			return nil, fmt.Errorf("entry %d: %w", i, ErrBadID)
		}
		x.byID[en.ID] = int32(i)
	}
	keys := d.strs()
	x.keyLists = d.u32s()
	x.lists = make([]posting, d.count(4))
	for i := range x.lists {
		x.lists[i] = posting(d.u32())
	}
	words := d.strs()
	x.maxWords = []byte(d.rawBytes(len(words)))
	var tables [3]*hashTable
	for i := range tables {
		t := &hashTable{starts: d.u32s()}
		t.cells = make([]uint64, d.count(8))
		for j := range t.cells {
			t.cells[j] = d.u64()
		}
		tables[i] = t
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(d.s) {
		return nil, errors.New("trailing bytes")
	}
	x.keys = stringTable{strs: keys, table: tables[0]}
	x.firstWords = stringTable{strs: words, table: tables[1]}
	x.fuzzy = tables[2]
	if err := x.checkCompiled(); err != nil {
		return nil, err
	}
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

// encoder appends the compiled form to a buffer.
type encoder struct {
	b []byte
}

func (e *encoder) raw(b []byte)     { e.b = append(e.b, b...) }
func (e *encoder) u32(v uint32)     { e.b = binary.LittleEndian.AppendUint32(e.b, v) }
func (e *encoder) u64(v uint64)     { e.b = binary.LittleEndian.AppendUint64(e.b, v) }
func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) u32s(list []uint32) {
	e.uvarint(uint64(len(list)))
	for _, v := range list {
		e.u32(v)
	}
}
func (e *encoder) strs(list []string) {
	e.uvarint(uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

// decoder reads the compiled form; the first error sticks and later reads
// return zero values.
type decoder struct {
	s   string
	off int
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("truncated or malformed %s at byte %d", what, d.off)
	}
}

func (d *decoder) byte() byte {
	if d.err != nil || d.off >= len(d.s) {
		d.fail("byte")
		return 0
	}
	d.off++
	return d.s[d.off-1]
}

func (d *decoder) u32() uint32 {
	if d.err != nil || d.off+4 > len(d.s) {
		d.fail("uint32")
		return 0
	}
	v := binary.LittleEndian.Uint32([]byte(d.s[d.off : d.off+4]))
	d.off += 4
	return v
}

func (d *decoder) u64() uint64 {
	if d.err != nil || d.off+8 > len(d.s) {
		d.fail("uint64")
		return 0
	}
	v := binary.LittleEndian.Uint64([]byte(d.s[d.off : d.off+8]))
	d.off += 8
	return v
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if d.off >= len(d.s) {
			break
		}
		c := d.s[d.off]
		d.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
		shift += 7
	}
	d.fail("uvarint")
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads a count of items that each take at least minBytes, and
// rejects counts the remaining bytes cannot hold.
func (d *decoder) count(minBytes int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.s)-d.off)/uint64(minBytes) {
		d.fail("count")
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.s)-d.off) {
		d.fail("string")
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

func (d *decoder) u32s() []uint32 {
	out := make([]uint32, d.count(4))
	for i := range out {
		out[i] = d.u32()
	}
	return out
}

// rawBytes returns the next n bytes.
func (d *decoder) rawBytes(n int) string {
	if d.err != nil || n > len(d.s)-d.off {
		d.fail("bytes")
		return ""
	}
	d.off += n
	return d.s[d.off-n : d.off]
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}
