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

// String lists the layers joined by '|', e.g. "Entities|Topics", unknown
// bits in hexadecimal; "0" for none.
func (l Layer) String() string {
	var names []string
	for i, n := range layerNames {
		if l&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if l&^AllLayers != 0 {
		names = append(names, fmt.Sprintf("%#x", uint8(l&^AllLayers)))
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

// once returns an option that may be given once: name identifies it,
// shown is how it was given ("WithKeywords(3)"), valid false refuses the
// value, and apply sets it.
func once(name, shown string, valid bool, apply func(*config)) Option {
	return func(c *config) error {
		if !valid {
			return fmt.Errorf("khabar: %s: invalid value", shown)
		}
		if err := c.set(name, shown); err != nil {
			return err
		}
		apply(c)
		return nil
	}
}

// shownNil is how an option with a pointer argument was given: name, or
// name(nil).
func shownNil(name string, isNil bool) string {
	if isNil {
		return name + "(nil)"
	}
	return name
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
	{"WithEntityModel", Entities},
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
	return once("WithLayers", fmt.Sprintf("WithLayers(%v)", l), l&^AllLayers == 0, func(c *config) { c.layers = l })
}

// WithTokenizer sets the tokenizer, and with it the normalisation steps,
// paragraph rule and abbreviations (default tokenize.Default()).
func WithTokenizer(tz *tokenize.Tokenizer) Option {
	return once("WithTokenizer", shownNil("WithTokenizer", tz == nil), tz != nil, func(c *config) { c.tokenizer = tz })
}

// WithStructureRules sets the phrase tables structure recognition uses
// (default article.DefaultRules()): the boilerplate, related-link,
// share-button and dateline phrases of package article. Extend the
// default with the phrases of the sites you read:
//
//	rules, err := article.DefaultRules().Extend(strings.NewReader("promo  حمّل تطبيق خبر\n"))
//	a, err := khabar.New(khabar.WithStructureRules(rules))
func WithStructureRules(r *article.Rules) Option {
	return once("WithStructureRules", shownNil("WithStructureRules", r == nil), r != nil, func(c *config) { c.rules = r })
}

// WithGazetteer replaces the embedded default gazetteer with x, to which
// WithGazetteerFiles and WithGazetteerReader still add. Given with
// WithoutDefaultGazetteer it is an error (x already replaces the
// default).
func WithGazetteer(x *gazetteer.Index) Option {
	return once("WithGazetteer", shownNil("WithGazetteer", x == nil), x != nil, func(c *config) { c.base = x })
}

// WithoutDefaultGazetteer leaves the embedded default gazetteer out; give
// the names with WithGazetteerFiles or WithGazetteerReader.
func WithoutDefaultGazetteer() Option {
	return once("WithoutDefaultGazetteer", "WithoutDefaultGazetteer", true, func(c *config) { c.noDefault = true })
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

// WithEntityModel replaces the embedded default tagging model of the
// entity extractor with one trained on the newsroom's own annotated texts
// (entities.Train, entities.LoadModel, `examples/entities train`). It
// contradicts an entities.WithoutModel given through [WithEntityOptions].
func WithEntityModel(m *entities.Model) Option {
	return func(c *config) error {
		if m == nil {
			return errors.New("khabar: WithEntityModel(nil)")
		}
		if err := c.set("WithEntityModel", "WithEntityModel"); err != nil {
			return err
		}
		c.entityOptions = append(c.entityOptions, entities.WithModel(m))
		return nil
	}
}

// WithTopicModel replaces the embedded default topic model, for example
// with a classifier trained on the newsroom's own archive
// (topics.TrainLinear, topics.ReadClassifier). A classifier trained with
// source terms (examples/topics train -sources) needs [WithSources].
func WithTopicModel(m topics.Model) Option {
	return once("WithTopicModel", shownNil("WithTopicModel", m == nil), m != nil, func(c *config) { c.model = m })
}

// WithSources gives the topic model the source of each [Article] that
// names one, alone and paired with each region term (see package
// topics/features), as a classifier trained with source terms expects.
// Off by default: it helps only a classifier trained on an archive of
// several outlets that file the same stories differently.
func WithSources() Option {
	return once("WithSources", "WithSources", true, func(c *config) { c.sources = true })
}

// WithMaxTopics keeps only the n best topics of each Analysis (default 0:
// every topic of the model).
func WithMaxTopics(n int) Option {
	return once("WithMaxTopics", fmt.Sprintf("WithMaxTopics(%d)", n), n >= 0, func(c *config) { c.maxTopics = n })
}

// WithKeywordSpace sets the background document frequencies keywords are
// scored against, for example a tfidf.Space fitted on the newsroom's
// archive (default: the embedded tfidf.DefaultSpace).
func WithKeywordSpace(s *tfidf.Space) Option {
	return once("WithKeywordSpace", shownNil("WithKeywordSpace", s == nil), s != nil, func(c *config) { c.space = s })
}

// WithKeywords sets how many keywords an Analysis lists (default
// [DefaultKeywords]).
func WithKeywords(n int) Option {
	return once("WithKeywords", fmt.Sprintf("WithKeywords(%d)", n), n >= 0, func(c *config) { c.keywords = n })
}

// WithMaxBytes sets the longest text analysed (default [DefaultMaxBytes]);
// a longer one is an error wrapping [ErrTooLarge].
func WithMaxBytes(n int) Option {
	return once("WithMaxBytes", fmt.Sprintf("WithMaxBytes(%d)", n), n > 0, func(c *config) { c.maxBytes = n })
}
