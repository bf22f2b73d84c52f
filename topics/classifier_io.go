package topics

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// The file format of a saved [Classifier]:
//
//	magic    8 bytes  "KHBRCLSF"
//	version  uint16, little-endian (ClassifierFormatVersion)
//	payload  kind byte, title weight (uvarint), labels (uvarint count,
//	         then strings: uvarint length + UTF-8 bytes), the space as
//	         written by Space.WriteTo (uvarint length + bytes), then the
//	         terms × labels weights and the label biases as float64s
//	         (little-endian IEEE 754 bits), term by term
//	checksum uint32, little-endian: CRC-32 (IEEE) of all the bytes before
const (
	classifierMagic = "KHBRCLSF"
	// ClassifierFormatVersion is the version of the format
	// [Classifier.WriteTo] writes and the only one [ReadClassifier] reads.
	ClassifierFormatVersion = 1
)

// Errors from [ReadClassifier], testable with errors.Is (a file of
// another version wraps [ErrVersion]).
var (
	// ErrNotClassifier means the input does not start with the magic
	// bytes of a saved Classifier.
	ErrNotClassifier = errors.New("topics: not a saved topic classifier (bad magic)")
	// ErrCorruptClassifier means the file is truncated, fails its
	// checksum or holds inconsistent values.
	ErrCorruptClassifier = errors.New("topics: corrupt topic classifier file")
)

// WriteTo writes the classifier, with its space, to w in the versioned
// binary format read by [ReadClassifier], and returns the number of bytes
// written. What [Space.WriteTo] leaves out is left out here too.
func (c *Classifier) WriteTo(w io.Writer) (int64, error) {
	var sp bytes.Buffer
	if _, err := c.space.WriteTo(&sp); err != nil {
		return 0, err
	}
	b := make([]byte, 0, sp.Len()+8*len(c.weights)+256)
	b = append(b, classifierMagic...)
	b = binary.LittleEndian.AppendUint16(b, ClassifierFormatVersion)
	b = append(b, byte(c.kind))
	b = binary.AppendUvarint(b, uint64(c.titleWeight))
	b = binary.AppendUvarint(b, uint64(len(c.labels)))
	for _, l := range c.labels {
		b = appendString(b, l)
	}
	b = binary.AppendUvarint(b, uint64(sp.Len()))
	b = append(b, sp.Bytes()...)
	for _, v := range c.weights {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	for _, v := range c.bias {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	n, err := w.Write(b)
	return int64(n), err
}

// ReadClassifier reads a Classifier written by [Classifier.WriteTo]. It
// returns an error wrapping [ErrNotClassifier] if r does not hold a saved
// classifier (a saved [Space] included), [ErrVersion] for another format
// version, [ErrCorruptClassifier] for a truncated, altered or inconsistent
// file (all checked before anything is used), or the read error. It reads
// at most [MaxFileSize] bytes.
func ReadClassifier(r io.Reader) (*Classifier, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("topics: reading topic classifier: %w", err)
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrCorruptClassifier, MaxFileSize)
	}
	if len(b) < len(classifierMagic) || string(b[:len(classifierMagic)]) != classifierMagic {
		if len(b) >= len(fileMagic) && string(b[:len(fileMagic)]) == fileMagic {
			return nil, fmt.Errorf("%w: it is a saved TF-IDF space (use ReadSpace)", ErrNotClassifier)
		}
		return nil, ErrNotClassifier
	}
	if len(b) < len(classifierMagic)+2 {
		return nil, fmt.Errorf("%w: truncated header", ErrCorruptClassifier)
	}
	if ver := binary.LittleEndian.Uint16(b[len(classifierMagic):]); ver != ClassifierFormatVersion {
		return nil, fmt.Errorf("%w: classifier file has version %d, this library reads version %d", ErrVersion, ver, ClassifierFormatVersion)
	}
	if len(b) < len(classifierMagic)+2+4 {
		return nil, fmt.Errorf("%w: truncated", ErrCorruptClassifier)
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch (truncated or altered)", ErrCorruptClassifier)
	}
	d := decoder{b: body[len(classifierMagic)+2:]}
	c, err := d.classifier()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptClassifier, err)
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d unexpected bytes after the data", ErrCorruptClassifier, len(d.b))
	}
	return c, nil
}

func (d *decoder) classifier() (*Classifier, error) {
	kind := ClassifierKind(d.byte())
	if d.err == nil && kind != Centroid && kind != Linear && kind != Bayes {
		d.fail("unknown classifier kind %d", kind)
	}
	tw := d.uint(math.MaxInt32, "title weight")
	nLabels := d.uint(uint64(len(d.b)), "label count")
	if d.err == nil && nLabels == 0 {
		d.fail("no labels")
	}
	if d.err != nil {
		return nil, d.err
	}
	labels := make([]string, nLabels)
	for k := range labels {
		labels[k] = d.string("label")
		if d.err == nil && (labels[k] == "" || k > 0 && labels[k] <= labels[k-1]) {
			d.fail("labels empty or not in increasing order at %d", k)
		}
	}
	spLen := d.uint(uint64(len(d.b)), "space length")
	if d.err != nil {
		return nil, d.err
	}
	sp, err := ReadSpace(bytes.NewReader(d.b[:spLen]))
	if err != nil {
		return nil, fmt.Errorf("embedded space: %v", err)
	}
	d.b = d.b[spLen:]
	nTerms := sp.Vectorizer().Len()
	if want := (nTerms + 1) * nLabels * 8; len(d.b) != want {
		return nil, fmt.Errorf("%d bytes of weights, want %d (%d terms × %d labels and biases)", len(d.b), want, nTerms, nLabels)
	}
	w := make([]float64, nTerms*nLabels)
	for j := range w {
		w[j] = d.float("weight")
	}
	bias := make([]float64, nLabels)
	for k := range bias {
		bias[k] = d.float("bias")
	}
	if d.err != nil {
		return nil, d.err
	}
	return &Classifier{kind: kind, space: sp, labels: labels, weights: w, bias: bias, titleWeight: tw}, nil
}
