// Package binfile is the container of Khabar's binary files (the compiled
// gazetteer, the topic space, the topic classifiers and the tagger
// models) and the encoder and decoder of their bodies.
//
// # Container
//
// A file is a fixed 22-byte header followed by its body:
//
//	magic    8 bytes     the kind of file ("KHABARGZ", "KHBRTFID", …)
//	version  uint16      the format version of that kind
//	length   uint64      the body's length in bytes
//	checksum uint32      CRC-32 (IEEE) of the body
//	body     length bytes
//
// Integers are little-endian. [Format.Read] checks the magic, then the
// version, then the length against the format's size cap, and only then
// reads the body, so a file of another kind, another version or an
// absurd size is refused after 22 bytes, without reading the rest.
//
// # Bodies
//
// An [Encoder] appends uvarints, varints, fixed-width integers, float64s
// (IEEE 754 bits) and length-prefixed strings; a [Decoder] reads them
// back with a sticky error: after the first malformed or truncated field
// every read returns a zero value, and [Decoder.Finish] reports the error
// (or bytes left over). Counts read with [Decoder.Count] are checked
// against the bytes that remain, so a corrupt count never makes a reader
// allocate more than the file could hold.
package binfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strings"
)

// HeaderSize is the size in bytes of the container's header.
const HeaderSize = 8 + 2 + 8 + 4

// Errors of [Format.Read], testable with errors.Is. Packages wrap them
// with their own sentinel errors.
var (
	// ErrMagic: the input does not start with the format's magic bytes.
	ErrMagic = errors.New("binfile: not a file of this kind (bad magic)")
	// ErrVersion: the file was written in another format version.
	ErrVersion = errors.New("binfile: unsupported format version")
	// ErrTooLarge: the header announces a body larger than the format's
	// size cap.
	ErrTooLarge = errors.New("binfile: file larger than the size cap")
	// ErrCorrupt: the file is truncated, fails its checksum, or its body
	// is malformed.
	ErrCorrupt = errors.New("binfile: corrupt file")
)

// Format describes one kind of file.
type Format struct {
	// Magic is exactly 8 bytes.
	Magic string
	// Version is the only version Read accepts and the one Write writes.
	Version uint16
	// MaxSize is the largest body Read accepts, in bytes.
	MaxSize int64
}

// Write writes the header and body to w and returns the number of bytes
// written. It panics if the magic is not 8 bytes long.
func (f Format) Write(w io.Writer, body []byte) (int64, error) {
	if len(f.Magic) != 8 {
		panic("binfile: magic must be 8 bytes")
	}
	var head [HeaderSize]byte
	copy(head[:], f.Magic)
	binary.LittleEndian.PutUint16(head[8:], f.Version)
	binary.LittleEndian.PutUint64(head[10:], uint64(len(body)))
	binary.LittleEndian.PutUint32(head[18:], crc32.ChecksumIEEE(body))
	n, err := w.Write(head[:])
	if err != nil {
		return int64(n), err
	}
	m, err := w.Write(body)
	return int64(n + m), err
}

// Is reports whether head, the first bytes of some input, starts with the
// format's magic.
func (f Format) Is(head []byte) bool {
	return len(head) >= len(f.Magic) && string(head[:len(f.Magic)]) == f.Magic
}

// Read reads one file of the format from r and returns its body. It
// reads the header first and refuses, with an error wrapping [ErrMagic],
// [ErrVersion] or [ErrTooLarge], before reading any of the body; a
// truncated body or a checksum mismatch gives [ErrCorrupt]. Read errors
// of r are returned wrapped. Bytes after the body are not read.
func (f Format) Read(r io.Reader) (string, error) {
	var head [HeaderSize]byte
	n, err := io.ReadFull(r, head[:])
	if n < len(f.Magic) || string(head[:len(f.Magic)]) != f.Magic {
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return "", &readError{"reading header", err}
		}
		return "", ErrMagic
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return "", fmt.Errorf("%w: truncated header", ErrCorrupt)
		}
		return "", &readError{"reading header", err}
	}
	if v := binary.LittleEndian.Uint16(head[8:]); v != f.Version {
		return "", fmt.Errorf("%w: the file has version %d, this build reads version %d", ErrVersion, v, f.Version)
	}
	size := binary.LittleEndian.Uint64(head[10:])
	if size > uint64(f.MaxSize) {
		return "", fmt.Errorf("%w: %d bytes announced, at most %d accepted", ErrTooLarge, size, f.MaxSize)
	}
	sum := binary.LittleEndian.Uint32(head[18:])
	var body strings.Builder
	// Grow by what the input can be trusted to hold: a header may lie
	// about the size, so allocate at most 64 MiB ahead of the data.
	body.Grow(int(min(size, 64<<20)))
	crc := crc32.NewIEEE()
	got, err := io.Copy(&body, io.TeeReader(io.LimitReader(r, int64(size)), crc))
	if err != nil {
		return "", &readError{"reading body", err}
	}
	if uint64(got) != size {
		return "", fmt.Errorf("%w: truncated: %d of %d body bytes", ErrCorrupt, got, size)
	}
	if crc.Sum32() != sum {
		return "", fmt.Errorf("%w: checksum mismatch (truncated or altered)", ErrCorrupt)
	}
	return body.String(), nil
}

// readError is an error of the reader a file is read from.
type readError struct {
	what string
	err  error
}

func (e *readError) Error() string { return "binfile: " + e.what + ": " + e.err.Error() }

func (e *readError) Unwrap() error { return e.err }

// Errors are the sentinel errors of a package that stores one kind of
// file, one per failure of [Format.Read] and [Decoder], so that its users
// test for the package's own errors (gazetteer.ErrCorrupt) and never see
// this internal package's name.
type Errors struct {
	// Read starts the message of an error of the reader itself:
	// "topics: reading TF-IDF space".
	Read string
	// Magic, Version, TooLarge and Corrupt stand for [ErrMagic],
	// [ErrVersion], [ErrTooLarge] and [ErrCorrupt]; a nil one leaves
	// binfile's error as it is.
	Magic, Version, TooLarge, Corrupt error
}

// Wrap returns err, an error of [Format.Read] or of a [Decoder], as an
// error that wraps it and the package's sentinel of the same kind, and
// reads as that sentinel followed by what went wrong: "topics: corrupt
// TF-IDF space file: checksum mismatch (truncated or altered)". A read
// error of the input reads "<Read>: reading body: <the reader's error>".
// It returns nil for nil.
func (e Errors) Wrap(err error) error {
	if err == nil {
		return nil
	}
	var re *readError
	if errors.As(err, &re) && e.Read != "" {
		return &pkgError{msg: e.Read + ": " + re.what + ": " + re.err.Error(), errs: []error{err}}
	}
	for _, k := range [...]struct{ bin, pkg error }{{ErrMagic, e.Magic}, {ErrVersion, e.Version}, {ErrTooLarge, e.TooLarge}, {ErrCorrupt, e.Corrupt}} {
		if k.pkg == nil || !errors.Is(err, k.bin) {
			continue
		}
		msg := k.pkg.Error()
		if detail := strings.TrimPrefix(err.Error(), k.bin.Error()); detail != err.Error() {
			msg += detail // ": what went wrong", or nothing
		}
		return &pkgError{msg: msg, errs: []error{k.pkg, err}}
	}
	return err
}

// pkgError is an error of Errors.Wrap.
type pkgError struct {
	msg  string
	errs []error
}

func (e *pkgError) Error() string { return e.msg }

func (e *pkgError) Unwrap() []error { return e.errs }

// Decode reads one file of format f from r and decodes its body with
// decode, which reads fields from the Decoder and checks them (recording
// what is wrong with Decoder.Fail, or returning an error). Every error —
// of the container, of the body, bytes left after the last field — is
// mapped to the package's sentinels by e.Wrap, unless decode returned it
// already wrapped. It is the reader of every kind of file: header first,
// then the body, then its fields.
func Decode[T any](r io.Reader, f Format, e Errors, decode func(d *Decoder) (T, error)) (T, error) {
	var zero T
	body, err := f.Read(r)
	if err != nil {
		return zero, e.Wrap(err)
	}
	d := NewDecoder(body)
	v, err := decode(d)
	if err != nil {
		return zero, err
	}
	if err := d.Finish(); err != nil {
		return zero, e.Wrap(err)
	}
	return v, nil
}

// Encoder appends the fields of a body to a byte slice. The zero value is
// ready to use.
type Encoder struct {
	b []byte
}

// Bytes returns the encoded body.
func (e *Encoder) Bytes() []byte { return e.b }

// Byte appends one byte.
func (e *Encoder) Byte(v byte) { e.b = append(e.b, v) }

// Bool appends a byte, 1 for true.
func (e *Encoder) Bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// Uvarint appends an unsigned varint.
func (e *Encoder) Uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

// Varint appends a signed (zig-zag) varint.
func (e *Encoder) Varint(v int64) { e.b = binary.AppendVarint(e.b, v) }

// Uint16 appends a little-endian uint16.
func (e *Encoder) Uint16(v uint16) { e.b = binary.LittleEndian.AppendUint16(e.b, v) }

// Uint32 appends a little-endian uint32.
func (e *Encoder) Uint32(v uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, v) }

// Uint64 appends a little-endian uint64.
func (e *Encoder) Uint64(v uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, v) }

// Float32 appends the IEEE 754 bits of v.
func (e *Encoder) Float32(v float32) { e.Uint32(math.Float32bits(v)) }

// Float64 appends the IEEE 754 bits of v.
func (e *Encoder) Float64(v float64) { e.Uint64(math.Float64bits(v)) }

// String appends a uvarint length and the bytes of s.
func (e *Encoder) String(s string) {
	e.Uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// Raw appends bytes as they are, without a length.
func (e *Encoder) Raw(b []byte) { e.b = append(e.b, b...) }

// Strings appends a count and each string.
func (e *Encoder) Strings(list []string) {
	e.Uvarint(uint64(len(list)))
	for _, s := range list {
		e.String(s)
	}
}

// Uint32s appends a count and each value.
func (e *Encoder) Uint32s(list []uint32) {
	e.Uvarint(uint64(len(list)))
	for _, v := range list {
		e.Uint32(v)
	}
}

// Float32s appends a count and each value.
func (e *Encoder) Float32s(list []float32) {
	e.Uvarint(uint64(len(list)))
	for _, v := range list {
		e.Float32(v)
	}
}

// Float64s appends a count and each value.
func (e *Encoder) Float64s(list []float64) {
	e.Uvarint(uint64(len(list)))
	for _, v := range list {
		e.Float64(v)
	}
}

// Decoder reads the fields of a body. The first error sticks: later reads
// return zero values, and [Decoder.Err] and [Decoder.Finish] report it.
// Strings are sliced out of the body without copying.
type Decoder struct {
	s   string
	off int
	err error
}

// NewDecoder returns a decoder over body.
func NewDecoder(body string) *Decoder { return &Decoder{s: body} }

// Err returns the first error met, wrapping [ErrCorrupt], or nil.
func (d *Decoder) Err() error { return d.err }

// Finish returns the first error met, or an error if bytes are left
// after the last field read.
func (d *Decoder) Finish() error {
	if d.err == nil && d.off != len(d.s) {
		d.err = fmt.Errorf("%w: %d unexpected bytes after the data", ErrCorrupt, len(d.s)-d.off)
	}
	return d.err
}

// Remaining returns the number of bytes not read yet.
func (d *Decoder) Remaining() int { return len(d.s) - d.off }

// Fail records an error found by the caller while checking a decoded
// value ("label index out of range"), unless an error is already
// recorded.
func (d *Decoder) Fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s at byte %d", ErrCorrupt, fmt.Sprintf(format, args...), d.off)
	}
}

func (d *Decoder) need(n int, what string) bool {
	if d.err != nil {
		return false
	}
	if n > len(d.s)-d.off {
		d.Fail("truncated %s", what)
		return false
	}
	return true
}

// Byte reads one byte.
func (d *Decoder) Byte() byte {
	if !d.need(1, "byte") {
		return 0
	}
	d.off++
	return d.s[d.off-1]
}

// Bool reads a byte that must be 0 or 1.
func (d *Decoder) Bool() bool {
	switch d.Byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.Fail("bad bool")
	return false
}

// Uvarint reads an unsigned varint.
func (d *Decoder) Uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64 && d.off < len(d.s); i++ {
		c := d.s[d.off]
		d.off++
		if i == binary.MaxVarintLen64-1 && c > 1 {
			break
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			if c == 0 && i > 0 {
				// An overlong encoding: a value has one encoding, so
				// that a file that loads saves back to the same bytes.
				break
			}
			return v
		}
		shift += 7
	}
	d.Fail("malformed uvarint")
	return 0
}

// Varint reads a signed (zig-zag) varint.
func (d *Decoder) Varint() int64 {
	u := d.Uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// Int reads a uvarint that must be at most limit.
func (d *Decoder) Int(limit int, what string) int {
	v := d.Uvarint()
	if d.err == nil && v > uint64(limit) {
		d.Fail("%s %d out of range (at most %d)", what, v, limit)
		return 0
	}
	return int(v)
}

// Count reads a count of items that each take at least minBytes bytes,
// and rejects a count the remaining bytes cannot hold.
func (d *Decoder) Count(minBytes int, what string) int {
	n := d.Uvarint()
	if d.err == nil && n > uint64(len(d.s)-d.off)/uint64(max(minBytes, 1)) {
		d.Fail("%s count %d larger than the file", what, n)
		return 0
	}
	return int(n)
}

// Uint16 reads a little-endian uint16.
func (d *Decoder) Uint16() uint16 {
	if !d.need(2, "uint16") {
		return 0
	}
	d.off += 2
	return uint16(d.s[d.off-2]) | uint16(d.s[d.off-1])<<8
}

// Uint32 reads a little-endian uint32.
func (d *Decoder) Uint32() uint32 {
	if !d.need(4, "uint32") {
		return 0
	}
	s := d.s[d.off : d.off+4]
	d.off += 4
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// Uint64 reads a little-endian uint64.
func (d *Decoder) Uint64() uint64 {
	lo := d.Uint32()
	hi := d.Uint32()
	return uint64(lo) | uint64(hi)<<32
}

// Float32 reads IEEE 754 bits.
func (d *Decoder) Float32() float32 { return math.Float32frombits(d.Uint32()) }

// Float64 reads IEEE 754 bits.
func (d *Decoder) Float64() float64 { return math.Float64frombits(d.Uint64()) }

// Finite reads a float64 that must be finite: NaN or an infinity is an
// error naming what was read.
func (d *Decoder) Finite(what string) float64 {
	f := d.Float64()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		d.Fail("%s is not finite", what)
		return 0
	}
	return f
}

// String reads a length-prefixed string.
func (d *Decoder) String() string {
	n := d.Uvarint()
	if d.err == nil && n > uint64(len(d.s)-d.off) {
		d.Fail("truncated string")
	}
	if d.err != nil {
		return ""
	}
	d.off += int(n)
	return d.s[d.off-int(n) : d.off]
}

// Raw reads n bytes as they are.
func (d *Decoder) Raw(n int) string {
	if n < 0 || !d.need(n, "bytes") {
		return ""
	}
	d.off += n
	return d.s[d.off-n : d.off]
}

// Strings reads a count and that many strings.
func (d *Decoder) Strings() []string {
	n := d.Count(1, "string")
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.String()
	}
	return out
}

// Uint32s reads a count and that many uint32s.
func (d *Decoder) Uint32s() []uint32 {
	n := d.Count(4, "uint32")
	if n == 0 {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = d.Uint32()
	}
	return out
}

// Float32s reads a count and that many float32s.
func (d *Decoder) Float32s() []float32 {
	n := d.Count(4, "float32")
	if n == 0 {
		return nil
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = d.Float32()
	}
	return out
}

// Float64s reads a count and that many float64s.
func (d *Decoder) Float64s() []float64 {
	n := d.Count(8, "float64")
	if n == 0 {
		return nil
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = d.Float64()
	}
	return out
}
