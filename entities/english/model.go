package english

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

// Model is a trained tagger for English names: a linear-chain model over
// BIO tags whose features are the words, their case and shapes, affixes,
// parts of speech, the gazetteer's English names around them and,
// optionally, prose's own entity labels (see the package overview). Build
// one with [Train] or read one with [ReadModel]; the embedded default is
// [DefaultModel]. A Model is immutable and safe for concurrent use.
type Model struct {
	t *tagger.Model
	// prose says the model reads prose's entity labels.
	prose bool
	// bio reads t's labels.
	bio tagger.BIO
}

// ErrModelFeatures means a model file was trained with other features
// than this version of the package computes (or for another language).
var ErrModelFeatures = errors.New("english: model trained with other features")

// ReadModel reads a model written by [Model.WriteTo] or by `examples/entities
// train -lang en`. It returns the tagger package's errors for a file of
// another kind or version or a corrupt file, and an error wrapping
// [ErrModelFeatures] for a model of other features (an Arabic model).
func ReadModel(r io.Reader) (*Model, error) {
	t, err := tagger.ReadModel(r)
	if err != nil {
		return nil, fmt.Errorf("english: reading model: %w", err)
	}
	return newModel(t)
}

// LoadModel reads the model in the file at path.
func LoadModel(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("english: %w", err)
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// templates returns the templates of a model that does or does not read
// prose's labels.
func templates(prose bool) []tagger.Template {
	if prose {
		return featureTemplates[:]
	}
	return featureTemplates[:tProse]
}

func newModel(t *tagger.Model) (*Model, error) {
	got := t.Templates()
	prose := len(got) == numTemplates
	want := templates(prose)
	if len(got) != len(want) {
		return nil, fmt.Errorf("%w: %d templates, this build has %d or %d", ErrModelFeatures, len(got), numTemplates-1, numTemplates)
	}
	for i, tm := range got {
		if tm.Name != want[i].Name || !slices.Equal(tm.Window, want[i].Window) {
			return nil, fmt.Errorf("%w: template %d is %q %v, this build has %q %v", ErrModelFeatures, i, tm.Name, tm.Window, want[i].Name, want[i].Window)
		}
	}
	m := &Model{t: t, prose: prose}
	m.bio = tagger.NewBIO(t.Labels())
	return m, nil
}

// WriteTo writes the model to w in the tagger's versioned, checksummed
// format. It implements io.WriterTo.
func (m *Model) WriteTo(w io.Writer) (int64, error) { return m.t.WriteTo(w) }

// Types returns the entity types the model tags (LOC, ORG, PER…).
func (m *Model) Types() []string { return slices.Clone(m.t.Types()) }

// Info describes how the model was trained.
func (m *Model) Info() tagger.Info { return m.t.Info() }

// Size returns the number of weights of the model.
func (m *Model) Size() int { return m.t.Parameters() }

// ProseLabels reports whether the model reads prose's own entity labels,
// which makes extraction run prose's entity recogniser too.
func (m *Model) ProseLabels() bool { return m.prose }

//go:embed model/english.model
var defaultModelFile []byte

var loadDefaultModel = sync.OnceValues(func() (*Model, error) {
	return ReadModel(bytes.NewReader(defaultModelFile))
})

// DefaultModel returns the model embedded in the package, trained on the
// train part of WikiANN's English data and tuned on its dev part (see
// model/README.md for its provenance, figures and licence). It is read
// once and shared.
func DefaultModel() (*Model, error) { return loadDefaultModel() }
