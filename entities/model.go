package entities

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/khabar-nlp/khabar/entities/tagger"
)

// Model is a trained tagger for the extractor: a linear-chain model over
// BIO tags whose features are the words, their shapes and lexicon
// classes, and what the recognisers say of them (see the package
// overview). Build one with [Train] or read one with [ReadModel]; the
// embedded default is [DefaultModel]. A Model is immutable and safe for
// concurrent use.
type Model struct {
	t *tagger.Model
	// bio reads t's labels.
	bio tagger.BIO
}

// ErrModelFeatures means a model file was trained with other features
// than this version of the package computes.
var ErrModelFeatures = errors.New("entities: model trained with other features")

// ReadModel reads a model written by [Model.WriteTo] or by
// `examples/entities train`. It returns the tagger package's errors for a
// file of another kind, version or a corrupt file, and an error wrapping
// [ErrModelFeatures] for a model of other features.
func ReadModel(r io.Reader) (*Model, error) {
	t, err := tagger.ReadModel(r)
	if err != nil {
		return nil, fmt.Errorf("entities: reading model: %w", err)
	}
	return newModel(t)
}

// LoadModel reads the model in the file at path.
func LoadModel(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func newModel(t *tagger.Model) (*Model, error) {
	got := t.Templates()
	if len(got) != len(featureTemplates) {
		return nil, fmt.Errorf("%w: %d templates, this build has %d", ErrModelFeatures, len(got), len(featureTemplates))
	}
	for i, tm := range got {
		want := featureTemplates[i]
		if tm.Name != want.Name || !slices.Equal(tm.Window, want.Window) {
			return nil, fmt.Errorf("%w: template %d is %q %v, this build has %q %v", ErrModelFeatures, i, tm.Name, tm.Window, want.Name, want.Window)
		}
	}
	m := &Model{t: t}
	m.bio = tagger.NewBIO(t.Labels())
	return m, nil
}

// WriteTo writes the model to w in the tagger's versioned, checksummed
// format. It implements io.WriterTo.
func (m *Model) WriteTo(w io.Writer) (int64, error) { return m.t.WriteTo(w) }

// Types returns the entity types the model tags (LOC, MISC, ORG, PER…).
func (m *Model) Types() []string { return slices.Clone(m.t.Types()) }

// Info describes how the model was trained.
func (m *Model) Info() tagger.Info { return m.t.Info() }

// Size returns the number of weights of the model.
func (m *Model) Size() int { return m.t.Parameters() }

//go:embed model/arabic.model
var defaultModelFile []byte

var loadDefaultModel = sync.OnceValues(func() (*Model, error) {
	return ReadModel(bytes.NewReader(defaultModelFile))
})

// DefaultModel returns the model embedded in the package, trained on the
// tuning part of ANERcorp's train split (see model/README.md for its
// provenance, figures and licence). It is read once and shared.
func DefaultModel() (*Model, error) { return loadDefaultModel() }
