package topics

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/khabar-nlp/khabar/internal/binfile"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// The file format of a saved [Classifier] is the container of
// internal/binfile (magic "KHBRCLSF", version [ClassifierFormatVersion],
// body length and CRC-32, checked before the body is read) around a body
// of the kind byte, the title weight, the labels (a count, then
// length-prefixed strings), the space as written by [tfidf.Space.WriteTo] (a
// length-prefixed string), then the terms × labels weights and the label
// biases as float64s, term by term.

const (
	// ClassifierFormatVersion is the version of the format
	// [Classifier.WriteTo] writes and the only one [ReadClassifier] reads.
	ClassifierFormatVersion = 2
	// MaxClassifierSize is the largest body [ReadClassifier] accepts
	// (1 GiB); a larger file is refused from its header.
	MaxClassifierSize = 1 << 30
)

var classifierFormat = binfile.Format{Magic: "KHBRCLSF", Version: ClassifierFormatVersion, MaxSize: MaxClassifierSize}

// Errors from [ReadClassifier], testable with errors.Is (a file of
// another version wraps [ErrVersion]).
var (
	// ErrNotClassifier means the input does not start with the magic
	// bytes of a saved Classifier.
	ErrNotClassifier = errors.New("topics: not a saved topic classifier (bad magic)")
	// ErrCorruptClassifier means the file is larger than [MaxClassifierSize],
	// truncated, fails its checksum or holds inconsistent values.
	ErrCorruptClassifier = errors.New("topics: corrupt topic classifier file")
	// ErrVersion means the file was written in another format version.
	ErrVersion = errors.New("topics: unsupported topic classifier file version")

	classifierErrors = binfile.Errors{Read: "topics: reading topic classifier", Magic: ErrNotClassifier,
		Version: ErrVersion, TooLarge: ErrCorruptClassifier, Corrupt: ErrCorruptClassifier}
)

// WriteTo writes the classifier, with its space, to w in the versioned
// binary format read by [ReadClassifier], and returns the number of bytes
// written. What [tfidf.Space.WriteTo] leaves out is left out here too.
func (c *Classifier) WriteTo(w io.Writer) (int64, error) {
	var sp bytes.Buffer
	if _, err := c.space.WriteTo(&sp); err != nil {
		return 0, err
	}
	var e binfile.Encoder
	e.Byte(byte(c.kind))
	e.Uvarint(uint64(c.titleWeight))
	e.Strings(c.labels)
	e.String(sp.String())
	for _, v := range c.weights {
		e.Float64(v)
	}
	for _, v := range c.bias {
		e.Float64(v)
	}
	return classifierFormat.Write(w, e.Bytes())
}

// ReadClassifier reads a Classifier written by [Classifier.WriteTo]. It
// checks the header first and returns, before reading the rest, an error
// wrapping [ErrNotClassifier] if r does not hold a saved classifier (a
// saved [tfidf.Space] included), [ErrVersion] for another format version or
// [ErrCorruptClassifier] for a body over [MaxClassifierSize]; a truncated,
// altered or inconsistent body gives [ErrCorruptClassifier] (all checked
// before anything is used), and a read error is returned wrapped.
func ReadClassifier(r io.Reader) (*Classifier, error) {
	var head [binfile.HeaderSize]byte
	n, _ := io.ReadFull(r, head[:])
	if string(head[:min(n, len(tfidf.FileMagic))]) == tfidf.FileMagic {
		return nil, classifierErrors.Wrap(fmt.Errorf("%w: it is a saved TF-IDF space (use tfidf.ReadSpace)", binfile.ErrMagic))
	}
	return binfile.Decode(io.MultiReader(bytes.NewReader(head[:n]), r), classifierFormat, classifierErrors,
		func(d *binfile.Decoder) (*Classifier, error) { return decodeClassifier(d), nil })
}

// decodeClassifier decodes a classifier's body; d's error says what is
// wrong.
func decodeClassifier(d *binfile.Decoder) *Classifier {
	kind := ClassifierKind(d.Byte())
	if d.Err() == nil && kind != Centroid && kind != Linear && kind != Bayes {
		d.Fail("unknown classifier kind %d", kind)
	}
	tw := d.Int(math.MaxInt32, "title weight")
	labels := d.Strings()
	if d.Err() == nil && len(labels) == 0 {
		d.Fail("no labels")
	}
	for k, l := range labels {
		if d.Err() == nil && (l == "" || k > 0 && l <= labels[k-1]) {
			d.Fail("labels empty or not in increasing order at %d", k)
		}
	}
	spBytes := d.String()
	if d.Err() != nil {
		return nil
	}
	sp, err := tfidf.ReadSpace(strings.NewReader(spBytes))
	if err != nil {
		d.Fail("embedded space: %v", err)
		return nil
	}
	nTerms, nLabels := sp.Vectorizer().Len(), len(labels)
	if want := (nTerms + 1) * nLabels * 8; d.Remaining() != want {
		d.Fail("%d bytes of weights, want %d (%d terms × %d labels and biases)", d.Remaining(), want, nTerms, nLabels)
		return nil
	}
	w := make([]float64, nTerms*nLabels)
	for j := range w {
		w[j] = d.Finite("weight")
	}
	bias := make([]float64, nLabels)
	for k := range bias {
		bias[k] = d.Finite("bias")
	}
	return &Classifier{kind: kind, space: sp, labels: labels, weights: w, bias: bias, titleWeight: tw}
}
