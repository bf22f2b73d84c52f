package tagger

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar/internal/binfile"
)

// The model file is a binfile container (magic "KHBRTAGR") whose body
// holds, in order:
//
//	types        uvarint count, then strings (uvarint length + bytes), increasing
//	templates    uvarint count, then per template its name (string), the
//	             window size (uvarint) and the offsets (zig-zag varints)
//	info         method (byte), L1, L2, tolerance (float64), max
//	             iterations, min count (uvarints), seed (uint64), eval
//	             every, patience, iterations, best iteration, sequences,
//	             tokens, dev sequences, dev tokens (uvarints), dev F1,
//	             loss (float64), provenance (string)
//	transitions  L×L float32 (from-label major), then L start and L end
//	             float32, for the L = 2·types+1 labels
//	values       uvarint count, then per value in increasing key order:
//	             its key (uvarint: the first key, then the difference
//	             from the previous one), its entry count (uvarint), and per
//	             entry in increasing code order its code (o+4)·L + y
//	             (uvarint) for window offset o and label y, and its
//	             weight (float32, non-zero)
//
// A key is the observation's template index and value hash mixed (see
// key), so the hash functions of this package are part of the format.
const (
	modelMagic = "KHBRTAGR"
	// FormatVersion is the version of the model file format written by
	// [Model.WriteTo] and the only one [ReadModel] reads.
	FormatVersion = 1
	// MaxModelSize is the largest model body [ReadModel] accepts, in
	// bytes.
	MaxModelSize = 256 << 20
)

func modelFormat() binfile.Format {
	return binfile.Format{Magic: modelMagic, Version: FormatVersion, MaxSize: MaxModelSize}
}

// WriteTo writes the model to w in the format [ReadModel] reads and
// returns the number of bytes written. The same model always gives the
// same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var e binfile.Encoder
	e.Strings(m.types)
	e.Uvarint(uint64(len(m.templates)))
	for _, t := range m.templates {
		e.String(t.Name)
		e.Uvarint(uint64(len(t.Window)))
		for _, o := range t.Window {
			e.Varint(int64(o))
		}
	}
	in := &m.info
	e.Byte(byte(in.Method))
	e.Float64(in.L1)
	e.Float64(in.L2)
	e.Float64(in.Tolerance)
	for _, v := range []int{in.MaxIterations, in.MinCount} {
		e.Uvarint(uint64(v))
	}
	e.Uint64(in.Seed)
	for _, v := range []int{in.EvalEvery, in.Patience, in.Iterations, in.BestIteration,
		in.Sequences, in.Tokens, in.DevSequences, in.DevTokens} {
		e.Uvarint(uint64(v))
	}
	e.Float64(in.DevF1)
	e.Float64(in.Loss)
	e.String(in.Provenance)
	for _, part := range [][]float32{m.trans, m.start, m.end} {
		for _, v := range part {
			e.Float32(v)
		}
	}
	used := make([]slot, 0, m.nvalues)
	for _, s := range m.slots {
		if s.b != 0 {
			used = append(used, s)
		}
	}
	slices.SortFunc(used, func(a, b slot) int { return cmp.Compare(a.key, b.key) })
	e.Uvarint(uint64(len(used)))
	var one [1]entry
	prev := uint64(0)
	for _, s := range used {
		e.Uvarint(s.key - prev)
		prev = s.key
		var ents []entry
		if s.b&inlineFlag != 0 {
			one[0] = entry{q: s.b &^ inlineFlag, w: math.Float32frombits(s.a)}
			ents = one[:]
		} else {
			ents = m.ents[s.a:s.b]
		}
		e.Uvarint(uint64(len(ents)))
		for _, en := range ents {
			e.Uvarint(uint64(flipCode(int(en.q), m.nl)))
			e.Float32(en.w)
		}
	}
	return modelFormat().Write(w, e.Bytes())
}

// ReadModel reads a model written by [Model.WriteTo]. It reads the
// header first and returns an error wrapping [ErrNotModel] (and
// [binfile.ErrMagic]) for another kind of input, [ErrVersion] for
// another format version, and [ErrCorrupt] for a file that is
// truncated, fails its checksum, announces more than [MaxModelSize]
// bytes or holds inconsistent values; every count and index is checked,
// so a model it returns never makes tagging panic. Read errors of r are
// returned wrapped.
func ReadModel(r io.Reader) (*Model, error) {
	body, err := modelFormat().Read(r)
	switch {
	case errors.Is(err, binfile.ErrMagic):
		return nil, fmt.Errorf("%w: %w", ErrNotModel, err)
	case errors.Is(err, binfile.ErrVersion):
		return nil, fmt.Errorf("%w: %w", ErrVersion, err)
	case errors.Is(err, binfile.ErrTooLarge), errors.Is(err, binfile.ErrCorrupt):
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	case err != nil:
		return nil, fmt.Errorf("tagger: reading model: %w", err)
	}
	m, err := decodeModel(body)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return m, nil
}

// decodeModel parses a body; errors wrap binfile.ErrCorrupt.
func decodeModel(body string) (*Model, error) {
	d := binfile.NewDecoder(body)
	types := d.Strings()
	for i := range types {
		types[i] = strings.Clone(types[i])
	}
	if err := checkTypes(types); err != nil {
		d.Fail("%v", err)
	}
	nt := d.Count(2, "template")
	if d.Err() == nil && (nt == 0 || nt > MaxTemplates) {
		d.Fail("%d templates", nt)
	}
	tmpls := make([]Template, nt)
	for i := range tmpls {
		name := strings.Clone(d.String())
		window := make([]int, d.Int(2*MaxOffset+1, "window size"))
		for k := range window {
			window[k] = int(d.Varint())
		}
		if d.Err() != nil {
			break
		}
		if err := checkTemplate(name, window); err != nil || !slices.IsSorted(window) {
			d.Fail("template %d: bad window", i)
		}
		tmpls[i] = Template{Name: name, Window: window}
	}
	var in Info
	in.Method = Method(d.Byte())
	if in.Method != CRF && in.Method != Perceptron {
		d.Fail("unknown method %d", in.Method)
	}
	in.L1, in.L2, in.Tolerance = d.Float64(), d.Float64(), d.Float64()
	in.MaxIterations = d.Int(math.MaxInt32, "iterations")
	in.MinCount = d.Int(math.MaxInt32, "min count")
	in.Seed = d.Uint64()
	for _, p := range []*int{&in.EvalEvery, &in.Patience, &in.Iterations, &in.BestIteration,
		&in.Sequences, &in.Tokens, &in.DevSequences, &in.DevTokens} {
		*p = d.Int(math.MaxInt, "count")
	}
	in.DevF1, in.Loss = d.Float64(), d.Float64()
	in.Provenance = strings.Clone(d.String())
	if err := d.Err(); err != nil {
		return nil, err
	}
	L := 1 + 2*len(types)
	m := &Model{types: types, labels: labelNames(types), templates: tmpls, info: in, nl: L}
	m.trans = make([]float32, L*L)
	m.start = make([]float32, L)
	m.end = make([]float32, L)
	for _, part := range [][]float32{m.trans, m.start, m.end} {
		for i := range part {
			part[i] = d.Float32()
			if !finite(part[i]) {
				d.Fail("transition score %v", part[i])
			}
		}
	}
	nv := d.Count(1+1+1+4, "value")
	if d.Err() != nil {
		return nil, d.Err()
	}
	m.newTable(nv)
	m.ents = make([]entry, 0, d.Remaining()/5)
	k := uint64(0)
	for v := range nv {
		gap := d.Uvarint()
		if v > 0 && (gap == 0 || k+gap < k) {
			d.Fail("keys not in increasing order")
		}
		k += gap
		n := d.Int(L*(2*MaxOffset+1), "entry count")
		if n == 0 {
			d.Fail("value without weights")
		}
		if d.Err() != nil {
			break
		}
		lo := len(m.ents)
		prev := -1
		for range n {
			code := d.Int(L*(2*MaxOffset+1)-1, "entry code")
			w := d.Float32()
			if code <= prev || w == 0 || !finite(w) {
				d.Fail("bad weight")
			}
			prev = code
			m.ents = append(m.ents, entry{q: uint32(flipCode(code, L)), w: w})
		}
		m.insert(k, lo)
	}
	if err := d.Finish(); err != nil {
		return nil, err
	}
	m.ents = slices.Clip(m.ents)
	m.prepare()
	return m, nil
}

// newTable makes an empty hash table for n values: the smallest power of
// two with a load factor of at most 0.7, so that a lookup, present or
// absent, takes one or two probes on average, within a cache line or
// two.
func (m *Model) newTable(n int) {
	bitsN := 0
	for float64(n) > 0.7*float64(uint64(1)<<bitsN) {
		bitsN++
	}
	m.slots = make([]slot, 1<<bitsN)
	m.shift = uint(64 - bitsN)
	// The filter has about 16 bits a value: an absent value is refused
	// there, without touching the table, 15 times out of 16.
	fbits := 6
	for float64(uint64(1)<<fbits) < 16*float64(max(n, 1)) {
		fbits++
	}
	m.filter = make([]uint64, 1<<(fbits-6))
	m.fmask = uint64(1)<<fbits - 1
}

// insert adds the value of key k, whose weights are those appended to
// m.ents since index lo (at least one), to the table. A single weight
// moves into the slot.
func (m *Model) insert(k uint64, lo int) {
	s := slot{key: k, a: uint32(lo), b: uint32(len(m.ents))}
	m.nweights += len(m.ents) - lo
	if len(m.ents) == lo+1 {
		e := m.ents[lo]
		s.a, s.b = math.Float32bits(e.w), inlineFlag|e.q
		m.ents = m.ents[:lo]
	}
	f := k & m.fmask
	m.filter[f>>6] |= 1 << (f & 63)
	mask := len(m.slots) - 1
	i := int(k>>m.shift) & mask
	for m.slots[i].b != 0 {
		i = (i + 1) & mask
	}
	m.slots[i] = s
	m.nvalues++
}

// flipCode converts between a weight's code in the file, (o+MaxOffset)·L
// + y for label y at window offset o, and its window index in memory,
// (MaxOffset−o)·L + y (see entry); the conversion is its own inverse.
func flipCode(c, L int) int {
	return (2*MaxOffset-c/L)*L + c%L
}

func finite(v float32) bool {
	return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0)
}
