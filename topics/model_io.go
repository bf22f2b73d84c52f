package topics

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"slices"
)

// The file format of a saved [Space]:
//
//	magic    8 bytes  "KHBRTFID"
//	version  uint16, little-endian (FormatVersion)
//	payload  flags byte, vectorizer and TF-IDF fields as uvarints,
//	         float64s (little-endian IEEE 754 bits) and strings (uvarint
//	         length + UTF-8 bytes)
//	checksum uint32, little-endian: CRC-32 (IEEE) of all the bytes before
const (
	fileMagic = "KHBRTFID"
	// FormatVersion is the version of the format [Space.WriteTo] writes
	// and the only one [ReadSpace] reads.
	FormatVersion = 1
	// MaxFileSize is the largest file [ReadSpace] accepts (1 GiB).
	MaxFileSize = 1 << 30
)

// Errors from [ReadSpace], testable with errors.Is.
var (
	// ErrNotSpace means the input does not start with the magic bytes of
	// a saved Space.
	ErrNotSpace = errors.New("topics: not a saved TF-IDF space (bad magic)")
	// ErrVersion means the file was written in another format version.
	ErrVersion = errors.New("topics: unsupported file format version")
	// ErrCorrupt means the file is truncated, fails its checksum or holds
	// inconsistent values.
	ErrCorrupt = errors.New("topics: corrupt TF-IDF space file")
)

const (
	flagBigrams = 1 << iota
	flagPlain
	flagSublinear
	flagRaw
)

// WriteTo writes the space to w in the versioned binary format read by
// [ReadSpace] and returns the number of bytes written. The tokenizer and
// the Extra function of the [TermOptions] are not saved: a loaded Space
// uses the default tokenizer and no extra terms (the Bigrams setting is
// kept).
func (s *Space) WriteTo(w io.Writer) (int64, error) {
	v, t := s.vec, s.tfidf
	var b []byte
	b = append(b, fileMagic...)
	b = binary.LittleEndian.AppendUint16(b, FormatVersion)
	var flags byte
	if v.terms.Bigrams {
		flags |= flagBigrams
	}
	if t.plain {
		flags |= flagPlain
	}
	if t.sublinear {
		flags |= flagSublinear
	}
	if t.raw {
		flags |= flagRaw
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(v.nDocs))
	b = binary.AppendUvarint(b, uint64(v.minDF))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.maxDF))
	b = binary.AppendUvarint(b, uint64(v.maxFeat))
	b = binary.AppendUvarint(b, uint64(t.nDocs))
	b = binary.AppendUvarint(b, uint64(len(v.vocab)))
	for j, term := range v.vocab {
		b = appendString(b, term)
		b = appendString(b, v.surfaces[j])
		b = binary.AppendUvarint(b, uint64(v.df[j]))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.idf[j]))
	}
	b = binary.AppendUvarint(b, uint64(len(v.common)))
	for _, term := range sortedKeys(v.common) {
		b = appendString(b, term)
	}
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	n, err := w.Write(b)
	return int64(n), err
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ReadSpace reads a Space written by [Space.WriteTo]. It returns an error
// wrapping [ErrNotSpace] if r does not hold a saved space, [ErrVersion]
// for another format version, [ErrCorrupt] for a truncated, altered or
// inconsistent file (all checked before anything is used), or the read
// error. It reads at most [MaxFileSize] bytes.
func ReadSpace(r io.Reader) (*Space, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("topics: reading TF-IDF space: %w", err)
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrCorrupt, MaxFileSize)
	}
	if len(b) < len(fileMagic) || string(b[:len(fileMagic)]) != fileMagic {
		return nil, ErrNotSpace
	}
	if len(b) < len(fileMagic)+2 {
		return nil, fmt.Errorf("%w: truncated header", ErrCorrupt)
	}
	if ver := binary.LittleEndian.Uint16(b[len(fileMagic):]); ver != FormatVersion {
		return nil, fmt.Errorf("%w: file has version %d, this library reads version %d", ErrVersion, ver, FormatVersion)
	}
	if len(b) < len(fileMagic)+2+4 {
		return nil, fmt.Errorf("%w: truncated", ErrCorrupt)
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch (truncated or altered)", ErrCorrupt)
	}
	d := decoder{b: body[len(fileMagic)+2:]}
	s, err := d.space()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d unexpected bytes after the data", ErrCorrupt, len(d.b))
	}
	return s, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) < 1 {
		d.fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// uint reads a uvarint no larger than limit.
func (d *decoder) uint(limit uint64, what string) int {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad %s", what)
		return 0
	}
	d.b = d.b[n:]
	if x > limit {
		d.fail("%s %d out of range", what, x)
		return 0
	}
	return int(x)
}

func (d *decoder) float(what string) float64 {
	if d.err != nil || len(d.b) < 8 {
		d.fail("truncated %s", what)
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	if math.IsNaN(f) || math.IsInf(f, 0) {
		d.fail("%s is not finite", what)
	}
	return f
}

func (d *decoder) string(what string) string {
	n := d.uint(uint64(len(d.b)), what+" length")
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) space() (*Space, error) {
	flags := d.byte()
	if flags&^(flagBigrams|flagPlain|flagSublinear|flagRaw) != 0 {
		d.fail("unknown flags %#x", flags)
	}
	// Every count is bounded by the bytes left, so a hostile file cannot
	// make us allocate more than it holds.
	nDocs := d.uint(math.MaxInt32, "document count")
	minDF := d.uint(math.MaxInt32, "minimum document frequency")
	maxDF := d.float("maximum document frequency")
	maxFeat := d.uint(math.MaxInt32, "maximum vocabulary size")
	tDocs := d.uint(math.MaxInt32, "TF-IDF document count")
	nTerms := d.uint(uint64(len(d.b)/11), "vocabulary size")
	if d.err == nil && (nDocs == 0 || tDocs == 0 || nTerms == 0 || minDF == 0 || !(maxDF > 0 && maxDF <= 1)) {
		d.fail("empty or invalid vocabulary settings")
	}
	if d.err != nil {
		return nil, d.err
	}
	v := &Vectorizer{
		terms:    TermOptions{Bigrams: flags&flagBigrams != 0},
		vocab:    make([]string, nTerms),
		surfaces: make([]string, nTerms),
		df:       make([]int, nTerms),
		index:    make(map[string]int, nTerms),
		nDocs:    nDocs, minDF: minDF, maxDF: maxDF, maxFeat: maxFeat,
	}
	t := &TFIDF{idf: make([]float64, nTerms), nDocs: tDocs,
		plain: flags&flagPlain != 0, sublinear: flags&flagSublinear != 0, raw: flags&flagRaw != 0}
	for j := range nTerms {
		v.vocab[j] = d.string("term")
		v.surfaces[j] = d.string("surface")
		v.df[j] = d.uint(uint64(nDocs), "document frequency")
		t.idf[j] = d.float("idf")
		if d.err != nil {
			return nil, d.err
		}
		if j > 0 && v.vocab[j] <= v.vocab[j-1] {
			return nil, fmt.Errorf("terms not in increasing order at column %d", j)
		}
		if v.df[j] == 0 {
			return nil, fmt.Errorf("zero document frequency at column %d", j)
		}
		v.index[v.vocab[j]] = j
	}
	nCommon := d.uint(uint64(len(d.b)), "common term count")
	v.common = make(map[string]bool, min(nCommon, 1024))
	for range nCommon {
		v.common[d.string("common term")] = true
	}
	if d.err != nil {
		return nil, d.err
	}
	return &Space{vec: v, tfidf: t}, nil
}

// sortedKeys returns the keys of m in byte order.
func sortedKeys(m map[string]bool) []string {
	return slices.Sorted(maps.Keys(m))
}
