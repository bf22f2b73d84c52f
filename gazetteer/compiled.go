package gazetteer

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"

	"github.com/khabar-nlp/khabar/tokenize"
)

// The compiled form of an index is a single binary file that loads without
// normalising or tokenizing any name again:
//
//	magic "KHABARGZ", format version (uint32), then sections:
//	entries (with their priorities), surface keys with their postings,
//	first words of multi-word keys, the fuzzy table;
//	and a CRC-32 (IEEE) of everything before it.
//
// Integers are little-endian; counts and string lengths are uvarints.
// Loading reads the file into memory once, checks the CRC, and slices
// every string out of one copy of it.

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
	e.raw([]byte(compiledMagic))
	e.u32(compiledVersion)
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
	e.uvarint(uint64(len(x.keys)))
	for _, k := range x.keys {
		e.str(k)
		e.u32(x.surfaces[k])
	}
	e.uvarint(uint64(len(x.lists)))
	for _, p := range x.lists {
		e.u32(uint32(p))
	}
	e.uvarint(uint64(len(x.firstWords)))
	for _, k := range x.keys { // deterministic order
		if sp := indexByte(k, ' '); sp > 0 {
			first := k[:sp]
			if w, ok := x.firstWords[first]; ok && !e.seen(first) {
				e.str(first)
				e.raw([]byte{w})
			}
		}
	}
	e.uvarint(uint64(len(x.fuzzy.starts)))
	for _, s := range x.fuzzy.starts {
		e.u32(s)
	}
	e.uvarint(uint64(len(x.fuzzy.cells)))
	for _, c := range x.fuzzy.cells {
		e.u64(c)
	}
	e.u32(crc32.ChecksumIEEE(e.b))
	n, err := w.Write(e.b)
	return int64(n), err
}

// ReadCompiled reads an index written by [Index.WriteTo]. A file of
// another kind, another format version, or one that is truncated or
// altered gives an error wrapping [ErrNotCompiled], [ErrCompiledVersion]
// or [ErrCorrupt].
func ReadCompiled(r io.Reader) (*Index, error) {
	data, err := io.ReadAll(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: reading compiled index: %w", err)
	}
	if len(data) < len(compiledMagic)+8 || string(data[:len(compiledMagic)]) != compiledMagic {
		return nil, fmt.Errorf("gazetteer: %w", ErrNotCompiled)
	}
	if v := binary.LittleEndian.Uint32(data[len(compiledMagic):]); v != compiledVersion {
		return nil, fmt.Errorf("gazetteer: %w %d (this build reads %d)", ErrCompiledVersion, v, compiledVersion)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("gazetteer: %w: checksum mismatch", ErrCorrupt)
	}
	d := &decoder{s: string(body), off: len(compiledMagic) + 4}
	x, err := d.index()
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w: %v", ErrCorrupt, err)
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
		if err := en.Validate(); err != nil {
			return nil, err
		}
		x.byID[en.ID] = int32(i)
	}
	nk := d.count(5)
	x.keys = make([]string, nk)
	x.surfaces = make(map[string]uint32, nk)
	for i := range x.keys {
		k := d.str()
		v := d.u32()
		x.keys[i] = k
		x.surfaces[k] = v
	}
	nl := d.count(4)
	x.lists = make([]posting, nl)
	for i := range x.lists {
		x.lists[i] = posting(d.u32())
	}
	nf := d.count(2)
	x.firstWords = make(map[string]uint8, nf)
	for range nf {
		k := d.str()
		x.firstWords[k] = d.byte()
	}
	fz := &fuzzyIndex{}
	fz.starts = make([]uint32, d.count(4))
	for i := range fz.starts {
		fz.starts[i] = d.u32()
	}
	fz.cells = make([]uint64, d.count(8))
	for i := range fz.cells {
		fz.cells[i] = d.u64()
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(d.s) {
		return nil, errors.New("trailing bytes")
	}
	if err := x.checkCompiled(fz); err != nil {
		return nil, err
	}
	x.fuzzy = fz
	return x, nil
}

// checkCompiled verifies the references between sections, so that a
// damaged file that passes the checksum cannot make lookups panic.
func (x *Index) checkCompiled(fz *fuzzyIndex) error {
	checkPost := func(p posting) error {
		if p.entry() >= len(x.entries) {
			return errors.New("posting out of range")
		}
		return nil
	}
	for _, off := range x.surfaces {
		if int(off) >= len(x.lists) || int(off)+1+int(x.lists[off]) > len(x.lists) || x.lists[off] == 0 {
			return errors.New("posting list out of range")
		}
		for _, p := range x.lists[off+1 : int(off)+1+int(x.lists[off])] {
			if err := checkPost(p); err != nil {
				return err
			}
		}
	}
	nb := len(fz.starts) - 1
	if nb < 1 || nb&(nb-1) != 0 || fz.starts[0] != 0 || int(fz.starts[nb]) != len(fz.cells) {
		return errors.New("bad fuzzy table")
	}
	for b := range nb {
		if fz.starts[b] > fz.starts[b+1] {
			return errors.New("bad fuzzy bucket")
		}
	}
	for _, c := range fz.cells {
		if int(uint32(c)) >= len(x.keys) {
			return errors.New("fuzzy key out of range")
		}
	}
	return nil
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// encoder appends the compiled form to a buffer.
type encoder struct {
	b     []byte
	seenK map[string]bool
}

func (e *encoder) raw(b []byte)     { e.b = append(e.b, b...) }
func (e *encoder) u32(v uint32)     { e.b = binary.LittleEndian.AppendUint32(e.b, v) }
func (e *encoder) u64(v uint64)     { e.b = binary.LittleEndian.AppendUint64(e.b, v) }
func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) strs(list []string) {
	e.uvarint(uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

// seen reports whether k was seen before, and marks it.
func (e *encoder) seen(k string) bool {
	if e.seenK == nil {
		e.seenK = map[string]bool{}
	}
	if e.seenK[k] {
		return true
	}
	e.seenK[k] = true
	return false
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
