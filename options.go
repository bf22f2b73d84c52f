package khabar

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// Layer is a set of analysis layers an [Analyzer] runs.
type Layer uint8

// The layers. Structure recognition decides what the other layers see
// (boilerplate is left out); without it the whole text is analysed.
const (
	Structure Layer = 1 << iota
	Entities
	Topics
	Keywords

	// AllLayers is every layer, the default.
	AllLayers = Structure | Entities | Topics | Keywords
)

// Defaults of the options.
const (
	// DefaultKeywords is how many keywords an Analysis lists.
	DefaultKeywords = 10
	// DefaultMaxBytes is the longest text analysed (8 MiB).
	DefaultMaxBytes = 8 << 20
)

// Option configures [New].
type Option func(*config) error

type config struct {
	layers        Layer
	tokenizer     *tokenize.Tokenizer
	base          *gazetteer.Index // nil: the embedded default
	noDefault     bool
	files         []string
	readers       []namedReader
	gazetteer     *gazetteer.Index // built by finish
	entityOptions []entities.Option
	model         topics.Model
	space         *tfidf.Space
	keywords      int
	maxTopics     int
	maxBytes      int
}

type namedReader struct {
	name string
	r    io.Reader
}

func defaultConfig() config {
	return config{layers: AllLayers, keywords: DefaultKeywords, maxBytes: DefaultMaxBytes}
}

// finish fills in the defaults the options left and builds the gazetteer.
func (c *config) finish() error {
	if c.tokenizer == nil {
		c.tokenizer = tokenize.Default()
	}
	if c.layers&Entities != 0 {
		if err := c.buildGazetteer(); err != nil {
			return err
		}
	}
	if c.layers&Topics == 0 {
		c.model = nil
	} else if c.model == nil {
		m, err := topics.DefaultModel()
		if err != nil {
			return fmt.Errorf("khabar: default topic model: %w", err)
		}
		c.model = m
	}
	if c.layers&Keywords == 0 {
		c.space = nil
	} else if c.space == nil {
		s, err := tfidf.DefaultSpace()
		if err != nil {
			return fmt.Errorf("khabar: default keyword frequencies: %w", err)
		}
		c.space = s
	}
	return nil
}

func (c *config) buildGazetteer() error {
	base := c.base
	if base == nil && !c.noDefault {
		x, err := gazetteer.Default()
		if err != nil {
			return fmt.Errorf("khabar: default gazetteer: %w", err)
		}
		base = x
	}
	if len(c.files) == 0 && len(c.readers) == 0 {
		if base == nil {
			return errors.New("khabar: WithoutDefaultGazetteer needs another gazetteer (WithGazetteer, WithGazetteerFiles or WithGazetteerReader)")
		}
		c.gazetteer = base
		return nil
	}
	x, _, err := gazetteer.Open(base, c.files, gazetteer.LoadOptions{})
	if err != nil {
		return fmt.Errorf("khabar: %w", err)
	}
	if len(c.readers) == 0 {
		c.gazetteer = x
		return nil
	}
	b := gazetteer.NewBuilder()
	if err := b.AddIndex(x); err != nil {
		return fmt.Errorf("khabar: %w", err)
	}
	for i, nr := range c.readers {
		b.SetPriority(len(c.files) + 1 + i)
		if err := readGazetteer(b, nr); err != nil {
			return err
		}
	}
	x, err = b.Build()
	if err != nil {
		return fmt.Errorf("khabar: %w", err)
	}
	c.gazetteer = x
	return nil
}

// readGazetteer adds the entries of one reader, its format detected from
// its name and first bytes as gazetteer.LoadFile does.
func readGazetteer(b *gazetteer.Builder, nr namedReader) error {
	br := bufio.NewReaderSize(nr.r, 64<<10)
	head, _ := br.Peek(16 << 10)
	opts := gazetteer.LoadOptions{Source: nr.name}
	var err error
	switch f := gazetteer.DetectFormat(nr.name, head); f {
	case gazetteer.FormatTSV:
		_, err = gazetteer.ReadTSV(br, opts, b.Add)
	case gazetteer.FormatJSONL:
		_, err = gazetteer.ReadJSONL(br, opts, b.Add)
	case gazetteer.FormatTypedList:
		_, err = gazetteer.ReadTypedList(br, opts, b.Add)
	case gazetteer.FormatWikidata:
		_, err = gazetteer.ReadWikidata(br, gazetteer.WikidataOptions{LoadOptions: opts}, b.Add)
	default:
		err = fmt.Errorf("%s: format %v cannot be read from a stream; use WithGazetteerFiles", nr.name, f)
	}
	if err != nil {
		return fmt.Errorf("khabar: gazetteer %s: %w", nr.name, err)
	}
	return nil
}

// WithLayers sets the layers to run (default [AllLayers]). Layers left out
// give empty results: no entities, topics or keywords, or no structure
// (the whole text is then analysed).
func WithLayers(l Layer) Option {
	return func(c *config) error {
		if l&^AllLayers != 0 {
			return fmt.Errorf("khabar: unknown layers %#x", uint8(l&^AllLayers))
		}
		c.layers = l
		return nil
	}
}

// WithTokenizer sets the tokenizer, and with it the normalisation steps,
// paragraph rule and abbreviations (default tokenize.Default()).
func WithTokenizer(tz *tokenize.Tokenizer) Option {
	return func(c *config) error {
		if tz == nil {
			return errors.New("khabar: WithTokenizer(nil)")
		}
		c.tokenizer = tz
		return nil
	}
}

// WithGazetteer replaces the embedded default gazetteer with x, to which
// WithGazetteerFiles and WithGazetteerReader still add.
func WithGazetteer(x *gazetteer.Index) Option {
	return func(c *config) error {
		if x == nil {
			return errors.New("khabar: WithGazetteer(nil)")
		}
		c.base = x
		return nil
	}
}

// WithoutDefaultGazetteer leaves the embedded default gazetteer out; give
// another one with WithGazetteerFiles or WithGazetteerReader.
func WithoutDefaultGazetteer() Option {
	return func(c *config) error {
		c.noDefault = true
		return nil
	}
}

// WithGazetteerFiles adds gazetteer files in any format gazetteer.Open
// reads (TSV, JSONL, lists, Wikidata, compiled; compressed or not) on top
// of the default or WithGazetteer base; later files win. It may be given
// several times.
func WithGazetteerFiles(paths ...string) Option {
	return func(c *config) error {
		c.files = append(c.files, paths...)
		return nil
	}
}

// WithGazetteerReader adds the gazetteer entries read from r, after any
// files; name is used to detect the format (TSV, JSONL, typed list or
// Wikidata, as by its extension and first bytes; a plain list needs its
// type on each line, TYPE<TAB>NAME) and in error messages.
// r is read once, by New.
func WithGazetteerReader(name string, r io.Reader) Option {
	return func(c *config) error {
		if r == nil {
			return errors.New("khabar: WithGazetteerReader: nil reader")
		}
		c.readers = append(c.readers, namedReader{name, r})
		return nil
	}
}

// WithEntityOptions passes options to the entity extractor, such as
// entities.WithDemonyms(true) or entities.WithFuzzy(false). The gazetteer
// and tokenizer are set by the analyzer's own options.
func WithEntityOptions(opts ...entities.Option) Option {
	return func(c *config) error {
		c.entityOptions = append(c.entityOptions, opts...)
		return nil
	}
}

// WithTopicModel replaces the embedded default topic model, for example
// with a classifier trained on the newsroom's own archive
// (topics.TrainLinear, topics.ReadClassifier).
func WithTopicModel(m topics.Model) Option {
	return func(c *config) error {
		if m == nil {
			return errors.New("khabar: WithTopicModel(nil)")
		}
		c.model = m
		return nil
	}
}

// WithMaxTopics keeps only the n best topics of each Analysis (default 0:
// every topic of the model).
func WithMaxTopics(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("khabar: WithMaxTopics(%d)", n)
		}
		c.maxTopics = n
		return nil
	}
}

// WithKeywordSpace sets the background document frequencies keywords are
// scored against, for example a tfidf.Space fitted on the newsroom's
// archive (default: the embedded tfidf.DefaultSpace).
func WithKeywordSpace(s *tfidf.Space) Option {
	return func(c *config) error {
		if s == nil {
			return errors.New("khabar: WithKeywordSpace(nil)")
		}
		c.space = s
		return nil
	}
}

// WithKeywords sets how many keywords an Analysis lists (default
// [DefaultKeywords]).
func WithKeywords(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("khabar: WithKeywords(%d)", n)
		}
		c.keywords = n
		return nil
	}
}

// WithMaxBytes sets the longest text analysed (default [DefaultMaxBytes]);
// a longer one is an error wrapping [ErrTooLarge].
func WithMaxBytes(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("khabar: WithMaxBytes(%d)", n)
		}
		c.maxBytes = n
		return nil
	}
}
