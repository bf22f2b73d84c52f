package tagger

import "math/bits"

// Constants of the hash. They are part of the model file format: a model
// stores the hashes of what was observed in training, so changing them
// (or the functions below) needs a new format version.
const (
	hashK0 = 0xa0761d6478bd642f
	hashK1 = 0xe7037ed1a0b428db
	hashK2 = 0x8ebc6af09c88c6e3
	hashK3 = 0x589965cc75374cc3
	// keyMul spreads a template's ID over 64 bits; keyMix turns (template,
	// value) into the key of the model's table (odd, so a bijection of
	// value ^ template term).
	keyMul = 0x9e3779b97f4a7c15
	keyMix = 0xd6e8feb86659fd93
)

// mum multiplies a and b into 128 bits and folds the halves.
func mum(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// Hash returns the 64-bit hash of s, the [Obs.Value] of an observation
// that is one string. It equals the Sum of a zero [Hasher] after one
// String(s). Hashes are stable across runs, machines and versions of
// the file format (models store them), and Hash does not allocate.
func Hash(s string) uint64 {
	var h Hasher
	h.String(s)
	return h.Sum()
}

// Hasher hashes an observation made of several parts (a word and its
// neighbour, a prefix and a shape) without building a string: call
// String, Byte and Uint64 once per part, then Sum. Parts are delimited,
// so ("ab", "c") and ("a", "bc") hash differently. The zero value is
// ready to use; [Hasher.Reset] makes it zero again. A Hasher is a small
// value, not safe for concurrent use; it never allocates.
type Hasher struct {
	h uint64
}

// Reset forgets the parts written so far.
func (x *Hasher) Reset() { x.h = 0 }

// String adds s as one part.
func (x *Hasher) String(s string) {
	h := x.h ^ hashK0 ^ uint64(len(s))*hashK3
	for len(s) >= 8 {
		h = mum(h^le64(s), hashK1)
		s = s[8:]
	}
	if len(s) > 0 {
		var w uint64
		for i := len(s) - 1; i >= 0; i-- {
			w = w<<8 | uint64(s[i])
		}
		h = mum(h^w, hashK2)
	}
	x.h = mum(h^hashK3, hashK1)
}

// Byte adds one byte (a shape class, a gazetteer type) as one part.
func (x *Hasher) Byte(b byte) {
	x.h = mum(x.h^hashK1^uint64(b), hashK2)
}

// Uint64 adds v (another hash, a number) as one part.
func (x *Hasher) Uint64(v uint64) {
	x.h = mum(x.h^hashK2^v, hashK3)
}

// Sum returns the hash of the parts added since the last Reset. It does
// not change the Hasher.
func (x *Hasher) Sum() uint64 {
	return mum(x.h^hashK3, hashK0)
}

// key returns the table key of value v observed by template t.
func key(t uint16, v uint64) uint64 {
	return (v ^ (uint64(t)+1)*keyMul) * keyMix
}

// le64 reads the first 8 bytes of s as a little-endian integer (the
// compiler merges the loads).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
