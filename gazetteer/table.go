package gazetteer

import "math/bits"

// hashTable maps 32-bit hashes to uint32 values (positions in a slice of
// keys), several values per hash allowed. It is two flat arrays without
// pointers, so that it costs the garbage collector nothing, stores about
// 12 bytes per value, and is written to and read from the compiled form
// as it is.
type hashTable struct {
	// starts[b]..starts[b+1] delimit bucket b in cells; len(starts) is a
	// power of two plus one.
	starts []uint32
	// cells hold hash<<32 | value, grouped by bucket.
	cells []uint64
}

// newHashTable sorts cells (hash<<32 | value) into buckets of about four.
func newHashTable(cells []uint64) *hashTable {
	nb := 1
	if len(cells) > 4 {
		nb = 1 << bits.Len(uint(len(cells)/4))
	}
	mask := uint64(nb - 1)
	starts := make([]uint32, nb+1)
	for _, c := range cells {
		starts[(c>>32)&mask+1]++
	}
	for b := 1; b <= nb; b++ {
		starts[b] += starts[b-1]
	}
	sorted := make([]uint64, len(cells))
	next := make([]uint32, nb)
	copy(next, starts[:nb])
	for _, c := range cells {
		b := (c >> 32) & mask
		sorted[next[b]] = c
		next[b]++
	}
	return &hashTable{starts: starts, cells: sorted}
}

// bucket returns the cells of the bucket of hash h.
func (t *hashTable) bucket(h uint32) []uint64 {
	b := uint64(h) & uint64(len(t.starts)-2)
	return t.cells[t.starts[b]:t.starts[b+1]]
}

// lookup calls fn with every value stored under hash h.
func (t *hashTable) lookup(h uint32, fn func(v uint32)) {
	for _, c := range t.bucket(h) {
		if uint32(c>>32) == h {
			fn(uint32(c))
		}
	}
}

func (t *hashTable) memoryUsage() int { return 4*len(t.starts) + 8*len(t.cells) }

// check verifies the table's structure and that every value is below n.
func (t *hashTable) check(n int) bool {
	nb := len(t.starts) - 1
	if nb < 1 || nb&(nb-1) != 0 || t.starts[0] != 0 || int(t.starts[nb]) != len(t.cells) {
		return false
	}
	for b := range nb {
		if t.starts[b] > t.starts[b+1] {
			return false
		}
	}
	mask := uint64(nb - 1)
	for b := range nb {
		for _, c := range t.cells[t.starts[b]:t.starts[b+1]] {
			if int(uint32(c)) >= n || (c>>32)&mask != uint64(b) {
				return false
			}
		}
	}
	return true
}

// strHash is a fixed hash of a string (FNV-1a folded to 32 bits): the
// compiled form stores tables built with it, so it must never change
// without a new format version.
func strHash(s string) uint32 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mixHash(h)
}

// stringTable finds strings by their position in a slice.
type stringTable struct {
	strs  []string
	table *hashTable
}

func newStringTable(strs []string) stringTable {
	cells := make([]uint64, len(strs))
	for i, s := range strs {
		cells[i] = uint64(strHash(s))<<32 | uint64(i)
	}
	return stringTable{strs: strs, table: newHashTable(cells)}
}

// index returns the position of s, or -1.
func (t stringTable) index(s string) int {
	h := strHash(s)
	for _, c := range t.table.bucket(h) {
		if uint32(c>>32) == h && t.strs[uint32(c)] == s {
			return int(uint32(c))
		}
	}
	return -1
}
