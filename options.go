package khabar

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/khabar-nlp/khabar/article"
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

var layerNames = [...]string{"Structure", "Entities", "Topics", "Keywords"}

// String lists the layers joined by '|', e.g. "Entities|Topics"; "0" for
// none.
func (l Layer) String() string {
	var names []string
	for i, n := range layerNames {
		if l&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "0"
	}
	return strings.Join(names, "|")
}

// Defaults of the options.
const (
	// DefaultKeywords is how many keywords an Analysis lists.
	DefaultKeywords = 10
	// DefaultMaxBytes is the longest text analysed (8 MiB).
	DefaultMaxBytes = 8 << 20
)

// Option configures [New]. [New] refuses options that contradict each
// other — an option given twice with different values, one that needs a
// layer [WithLayers] leaves out, a gazetteer given two ways — with an
// error naming both, rather than dropping one silently.
type Option func(*config) error

type config struct {
	given         map[string]string // option name → how it was given, for errors
	layers        Layer
	tokenizer     *tokenize.Tokenizer
	rules         *article.Rules
	base          *gazetteer.Index // nil: the embedded default
	noDefault     bool
	files         []string
	readers       []namedReader
	gazetteer     *gazetteer.Index // built by finish
	entityOptions []entities.Option
	model         topics.Model
	sources       bool
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
	return config{given: map[string]string{}, layers: AllLayers, keywords: DefaultKeywords, maxBytes: DefaultMaxBytes,
		rules: article.DefaultRules()}
}

// set records that the option name was given, as shown; an option that
// takes one value and is given twice is an error.
func (c *config) set(name, shown string) error {
	if prev, ok := c.given[name]; ok {
		return fmt.Errorf("khabar: %s and %s: %s given twice", prev, shown, name)
	}
	c.given[name] = shown
	return nil
}

// needs says which layer each option configures: given with WithLayers
// leaving that layer out, it would be ignored.
var needs = []struct {
	option string
	layer  Layer
}{
	{"WithStructureRules", Structure},
	{"WithGazetteer", Entities},
	{"WithoutDefaultGazetteer", Entities},
	{"WithGazetteerFiles", Entities},
	{"WithGazetteerReader", Entities},
	{"WithEntityOptions", Entities},
	{"WithTopicModel", Topics},
	{"WithMaxTopics", Topics},
	{"WithSources", Topics},
	{"WithKeywordSpace", Keywords},
	{"WithKeywords", Keywords},
}

// excludes lists pairs of options that say opposite things.
var excludes = [][2]string{
	{"WithGazetteer", "WithoutDefaultGazetteer"},
}

// check refuses contradictory options.
func (c *config) check() error {
	if layers, ok := c.given["WithLayers"]; ok {
		for _, n := range needs {
			if shown, ok := c.given[n.option]; ok && c.layers&n.layer == 0 {
				return fmt.Errorf("khabar: %s and %s: %s configures the %v layer, which %s leaves out", shown, layers, n.option, n.layer, layers)
			}
		}
	}
	for _, x := range excludes {
		a, okA := c.given[x[0]]
		b, okB := c.given[x[1]]
		if okA && okB {
			return fmt.Errorf("khabar: %s and %s contradict each other: %s already replaces the default gazetteer", a, b, x[0])
		}
	}
	return nil
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
	if c.layers&Topics != 0 && c.model == nil {
		m, err := topics.DefaultModel()
		if err != nil {
			return fmt.Errorf("khabar: default topic model: %w", err)
		}
		c.model = m
	}
	if c.layers&Keywords != 0 && c.space == nil {
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
			return errors.New("khabar: WithoutDefaultGazetteer needs another gazetteer (WithGazetteerFiles or WithGazetteerReader)")
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
// (the whole text is then analysed). An option that configures a layer
// left out is an error.
func WithLayers(l Layer) Option {
	return func(c *config) error {
		if l&^AllLayers != 0 {
			return fmt.Errorf("khabar: WithLayers: unknown layers %#x", uint8(l&^AllLayers))
		}
		if err := c.set("WithLayers", fmt.Sprintf("WithLayers(%v)", l)); err != nil {
			return err
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
		if err := c.set("WithTokenizer", "WithTokenizer"); err != nil {
			return err
		}
		c.tokenizer = tz
		return nil
	}
}

// WithStructureRules sets the phrase tables structure recognition uses
// (default article.DefaultRules()): the boilerplate, related-link,
// share-button and dateline phrases of package article. Extend the
// default with the phrases of the sites you read:
//
//	rules, err := article.DefaultRules().Extend(strings.NewReader("promo  حمّل تطبيق خبر\n"))
//	a, err := khabar.New(khabar.WithStructureRules(rules))
func WithStructureRules(r *article.Rules) Option {
	return func(c *config) error {
		if r == nil {
			return errors.New("khabar: WithStructureRules(nil)")
		}
		if err := c.set("WithStructureRules", "WithStructureRules"); err != nil {
			return err
		}
		c.rules = r
		return nil
	}
}

// WithGazetteer replaces the embedded default gazetteer with x, to which
// WithGazetteerFiles and WithGazetteerReader still add. Given with
// WithoutDefaultGazetteer it is an error (x already replaces the
// default).
func WithGazetteer(x *gazetteer.Index) Option {
	return func(c *config) error {
		if x == nil {
			return errors.New("khabar: WithGazetteer(nil)")
		}
		if err := c.set("WithGazetteer", "WithGazetteer"); err != nil {
			return err
		}
		c.base = x
		return nil
	}
}

// WithoutDefaultGazetteer leaves the embedded default gazetteer out; give
// the names with WithGazetteerFiles or WithGazetteerReader.
func WithoutDefaultGazetteer() Option {
	return func(c *config) error {
		if err := c.set("WithoutDefaultGazetteer", "WithoutDefaultGazetteer"); err != nil {
			return err
		}
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
		c.given["WithGazetteerFiles"] = "WithGazetteerFiles"
		c.files = append(c.files, paths...)
		return nil
	}
}

// WithGazetteerReader adds the gazetteer entries read from r, after any
// files; name is used to detect the format (TSV, JSONL, typed list or
// Wikidata, as by its extension and first bytes; a plain list needs its
// type on each line, TYPE<TAB>NAME) and in error messages.
// r is read once, by New. It may be given several times.
func WithGazetteerReader(name string, r io.Reader) Option {
	return func(c *config) error {
		if r == nil {
			return errors.New("khabar: WithGazetteerReader: nil reader")
		}
		c.given["WithGazetteerReader"] = "WithGazetteerReader"
		c.readers = append(c.readers, namedReader{name, r})
		return nil
	}
}

// WithEntityOptions passes options to the entity extractor, such as
// entities.WithDemonyms(true) or entities.WithFuzzy(false). The gazetteer
// and tokenizer are the analyzer's own ([WithGazetteer], [WithTokenizer]):
// an entities.WithGazetteer here that names another gazetteer is an error.
// It may be given several times.
func WithEntityOptions(opts ...entities.Option) Option {
	return func(c *config) error {
		c.given["WithEntityOptions"] = "WithEntityOptions"
		c.entityOptions = append(c.entityOptions, opts...)
		return nil
	}
}

// WithTopicModel replaces the embedded default topic model, for example
// with a classifier trained on the newsroom's own archive
// (topics.TrainLinear, topics.ReadClassifier). A classifier trained with
// source terms (examples/topics train -sources) needs [WithSources].
func WithTopicModel(m topics.Model) Option {
	return func(c *config) error {
		if m == nil {
			return errors.New("khabar: WithTopicModel(nil)")
		}
		if err := c.set("WithTopicModel", "WithTopicModel"); err != nil {
			return err
		}
		c.model = m
		return nil
	}
}

// WithSources gives the topic model the source of each [Article] that
// names one, alone and paired with each region term (see package
// topics/features), as a classifier trained with source terms expects.
// Off by default: it helps only a classifier trained on an archive of
// several outlets that file the same stories differently.
func WithSources() Option {
	return func(c *config) error {
		if err := c.set("WithSources", "WithSources"); err != nil {
			return err
		}
		c.sources = true
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
		if err := c.set("WithMaxTopics", fmt.Sprintf("WithMaxTopics(%d)", n)); err != nil {
			return err
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
		if err := c.set("WithKeywordSpace", "WithKeywordSpace"); err != nil {
			return err
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
		if err := c.set("WithKeywords", fmt.Sprintf("WithKeywords(%d)", n)); err != nil {
			return err
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
		if err := c.set("WithMaxBytes", fmt.Sprintf("WithMaxBytes(%d)", n)); err != nil {
			return err
		}
		c.maxBytes = n
		return nil
	}
}
