package tfidf

import (
	"errors"
	"io"
	"maps"
	"math"
	"slices"

	"github.com/khabar-nlp/khabar/internal/binfile"
)

// The file format of a saved [Space] is the container of
// internal/binfile (magic "KHBRTFID", version [FormatVersion], body length
// and CRC-32, checked before the body is read) around a body of a flags
// byte, the vectorizer and TF-IDF fields as uvarints, float64s and
// length-prefixed strings.
const (
	// FormatVersion is the version of the format [Space.WriteTo] writes
	// and the only one [ReadSpace] reads.
	FormatVersion = 2
	// MaxFileSize is the largest body [ReadSpace] accepts (1 GiB); a
	// larger file is refused from its header.
	MaxFileSize = 1 << 30
)

// FileMagic is the first 8 bytes of a saved Space.
const FileMagic = "KHBRTFID"

var spaceFormat = binfile.Format{Magic: FileMagic, Version: FormatVersion, MaxSize: MaxFileSize}

// Errors from [ReadSpace], testable with errors.Is.
var (
	// ErrNotSpace means the input does not start with the magic bytes of
	// a saved Space.
	ErrNotSpace = errors.New("tfidf: not a saved TF-IDF space (bad magic)")
	// ErrVersion means the file was written in another format version.
	ErrVersion = errors.New("tfidf: unsupported TF-IDF space file version")
	// ErrCorrupt means the file is larger than [MaxFileSize], truncated,
	// fails its checksum or holds inconsistent values.
	ErrCorrupt = errors.New("tfidf: corrupt TF-IDF space file")

	spaceErrors = binfile.Errors{Read: "tfidf: reading TF-IDF space", Magic: ErrNotSpace,
		Version: ErrVersion, TooLarge: ErrCorrupt, Corrupt: ErrCorrupt}
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
	var e binfile.Encoder
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
	e.Byte(flags)
	e.Uvarint(uint64(v.nDocs))
	e.Uvarint(uint64(v.minDF))
	e.Float64(v.maxDF)
	e.Uvarint(uint64(v.maxFeat))
	e.Uvarint(uint64(t.nDocs))
	e.Uvarint(uint64(len(v.vocab)))
	for j, term := range v.vocab {
		e.String(term)
		e.String(v.surfaces[j])
		e.Uvarint(uint64(v.df[j]))
		e.Float64(t.idf[j])
	}
	e.Strings(sortedKeys(v.common))
	return spaceFormat.Write(w, e.Bytes())
}

// ReadSpace reads a Space written by [Space.WriteTo]. It checks the
// header first and returns, before reading the rest, an error wrapping
// [ErrNotSpace] if r does not hold a saved space, [ErrVersion] for another
// format version or [ErrCorrupt] for a body over [MaxFileSize]; a
// truncated, altered or inconsistent body gives [ErrCorrupt] (all checked
// before anything is used), and a read error is returned wrapped. It
// reads nothing after the saved space.
func ReadSpace(r io.Reader) (*Space, error) {
	return binfile.Decode(r, spaceFormat, spaceErrors, func(d *binfile.Decoder) (*Space, error) { return decodeSpace(d), nil })
}

// decodeSpace decodes a space's body; d's error says what is wrong.
func decodeSpace(d *binfile.Decoder) *Space {
	flags := d.Byte()
	if flags&^(flagBigrams|flagPlain|flagSublinear|flagRaw) != 0 {
		d.Fail("unknown flags %#x", flags)
	}
	nDocs := d.Int(math.MaxInt32, "document count")
	minDF := d.Int(math.MaxInt32, "minimum document frequency")
	maxDF := d.Finite("maximum document frequency")
	maxFeat := d.Int(math.MaxInt32, "maximum vocabulary size")
	tDocs := d.Int(math.MaxInt32, "TF-IDF document count")
	// A term takes at least 11 bytes: two lengths, a count and an idf.
	nTerms := d.Count(11, "term")
	if d.Err() == nil && (nDocs == 0 || tDocs == 0 || nTerms == 0 || minDF == 0 || !(maxDF > 0 && maxDF <= 1)) {
		d.Fail("empty or invalid vocabulary settings")
	}
	if d.Err() != nil {
		return nil
	}
	v := &Vectorizer{
		terms:    TermOptions{Bigrams: flags&flagBigrams != 0},
		vocab:    make([]string, nTerms),
		surfaces: make([]string, nTerms),
		df:       make([]int, nTerms),
		index:    make(map[string]int, nTerms),
		nDocs:    nDocs, minDF: minDF, maxDF: maxDF, maxFeat: maxFeat,
	}
	t := &Weights{idf: make([]float64, nTerms), nDocs: tDocs,
		plain: flags&flagPlain != 0, sublinear: flags&flagSublinear != 0, raw: flags&flagRaw != 0}
	for j := range nTerms {
		v.vocab[j] = d.String()
		v.surfaces[j] = d.String()
		v.df[j] = d.Int(nDocs, "document frequency")
		t.idf[j] = d.Finite("idf")
		switch {
		case d.Err() != nil:
			return nil
		case j > 0 && v.vocab[j] <= v.vocab[j-1]:
			d.Fail("terms not in increasing order at column %d", j)
			return nil
		case v.df[j] == 0:
			d.Fail("zero document frequency at column %d", j)
			return nil
		}
		v.index[v.vocab[j]] = j
	}
	common := d.Strings()
	v.common = make(map[string]bool, len(common))
	for i, c := range common {
		if i > 0 && c <= common[i-1] {
			d.Fail("common terms not in increasing order at %d", i)
			return nil
		}
		v.common[c] = true
	}
	return &Space{vec: v, tfidf: t}
}

// sortedKeys returns the keys of m in byte order.
func sortedKeys(m map[string]bool) []string {
	return slices.Sorted(maps.Keys(m))
}
