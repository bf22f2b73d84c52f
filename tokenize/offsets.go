package tokenize

import "unicode/utf8"

// offsetsStride is the distance in bytes between two checkpoints.
const offsetsStride = 256

// Offsets converts byte offsets of one text into rune and UTF-16 offsets.
// Build it once per text with [NewOffsets]; each conversion then reads at
// most 256 bytes. It is safe for concurrent use.
//
// An invalid UTF-8 byte counts as one rune and one UTF-16 code unit (it
// decodes as U+FFFD, as in Go and in JavaScript's TextDecoder); a rune
// above U+FFFF counts as two UTF-16 code units.
type Offsets struct {
	text  string
	runes []int // rune count before byte k*offsetsStride
	utf16 []int // UTF-16 count before byte k*offsetsStride
}

// NewOffsets indexes text for offset conversion. It reads text once and
// keeps two ints per 256 bytes.
func NewOffsets(text string) *Offsets {
	n := len(text)/offsetsStride + 1
	o := &Offsets{text: text, runes: make([]int, n), utf16: make([]int, n)}
	nr, nu := 0, 0
	next := offsetsStride
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		for i+size > next && next/offsetsStride < n {
			// A rune straddles the checkpoint: record the counts before it,
			// and Runes/UTF16 rescan from the rune's start.
			o.runes[next/offsetsStride] = -1
			next += offsetsStride
		}
		nr++
		if r > 0xFFFF {
			nu += 2
		} else {
			nu++
		}
		i += size
		for i == next && next/offsetsStride < n {
			o.runes[next/offsetsStride] = nr
			o.utf16[next/offsetsStride] = nu
			next += offsetsStride
		}
	}
	return o
}

// Runes returns the number of runes in text[:byteOffset]. An offset
// inside a multi-byte rune counts that rune as not yet begun. Offsets
// beyond the text are clamped to its length.
func (o *Offsets) Runes(byteOffset int) int {
	r, _ := o.count(byteOffset)
	return r
}

// UTF16 returns the number of UTF-16 code units in text[:byteOffset], the
// offset a JavaScript string would use.
func (o *Offsets) UTF16(byteOffset int) int {
	_, u := o.count(byteOffset)
	return u
}

func (o *Offsets) count(off int) (int, int) {
	off = max(0, min(off, len(o.text)))
	k := off / offsetsStride
	for k > 0 && o.runes[k] < 0 {
		k--
	}
	nr, nu := o.runes[k], o.utf16[k]
	for i := k * offsetsStride; i < off; {
		r, size := utf8.DecodeRuneInString(o.text[i:])
		if i+size > off {
			break
		}
		nr++
		if r > 0xFFFF {
			nu += 2
		} else {
			nu++
		}
		i += size
	}
	return nr, nu
}
