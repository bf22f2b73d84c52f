package english

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// Option configures an [Extractor].
type Option func(*config) error

type config struct {
	gaz      *gazetteer.Index
	model    *Model
	noModel  bool
	demonyms bool
}

// WithGazetteer sets the gazetteer whose English names and aliases are
// matched, in place of [gazetteer.Default]. Give the one the Arabic
// extractor uses, so that both give a person the same ID.
func WithGazetteer(x *gazetteer.Index) Option {
	return func(c *config) error {
		if x == nil {
			return errors.New("english: WithGazetteer: nil index")
		}
		c.gaz = x
		return nil
	}
}

// WithModel sets the tagging model in place of [DefaultModel].
func WithModel(m *Model) Option {
	return func(c *config) error {
		if m == nil {
			return errors.New("english: WithModel: nil model")
		}
		if c.noModel {
			return errors.New("english: WithModel and WithoutModel contradict each other")
		}
		c.model = m
		return nil
	}
}

// WithoutModel finds the gazetteer's names alone, without a tagging
// model: overlapping names are resolved longest first, then by prior.
func WithoutModel() Option {
	return func(c *config) error {
		if c.model != nil {
			return errors.New("english: WithModel and WithoutModel contradict each other")
		}
		c.noModel = true
		return nil
	}
}

// WithDemonyms reports demonyms (Iraqi, American) as mentions of their
// place, of kind entities.Demonym; they are left out by default.
func WithDemonyms(on bool) Option { return func(c *config) error { c.demonyms = on; return nil } }

// Extractor finds the people, places and organisations of English text.
// Build it once with [New]; it is safe for concurrent use.
type Extractor struct {
	cfg   config
	p     *pipeline
	names *nameIndex
	model *Model // nil: names of the gazetteer alone
	// base is the embedded default gazetteer (see added); nil when it
	// could not be read.
	base   *gazetteer.Index
	blocks blockCache
}

// defaultNames is the name index of the default gazetteer, built once.
var defaultNames = sync.OnceValues(func() (*nameIndex, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	p, err := prosePipeline()
	if err != nil {
		return nil, err
	}
	return newNameIndex(g, p), nil
})

// New returns an Extractor. Without options it matches the English names
// of the embedded default gazetteer and tags with the embedded model.
func New(opts ...Option) (*Extractor, error) {
	var c config
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	p, err := prosePipeline()
	if err != nil {
		return nil, err
	}
	def, defErr := gazetteer.Default()
	x := &Extractor{cfg: c, p: p, model: c.model}
	if defErr == nil {
		x.base = def
	}
	switch {
	case c.gaz == nil && defErr != nil:
		return nil, defErr
	case c.gaz == nil || c.gaz == def:
		x.cfg.gaz = def
		if x.names, err = defaultNames(); err != nil {
			return nil, err
		}
	default:
		x.names = newNameIndex(c.gaz, p)
	}
	if x.model == nil && !c.noModel {
		if x.model, err = DefaultModel(); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// Gazetteer returns the gazetteer whose names the extractor matches.
func (x *Extractor) Gazetteer() *gazetteer.Index { return x.cfg.gaz }

// Result is what [Extractor.Extract] finds in an English text.
type Result struct {
	// Entities are the people, places and organisations of the text,
	// most salient first (see package entities).
	Entities []entities.Entity
	// Mentions are all the mentions kept, in text order. Their
	// TokenStart and TokenEnd index Tokens.
	Mentions []entities.Mention
	// Other holds the names of other kinds the model tags MISC, with Type
	// 0 and Kind entities.Tagged; they are not entities.
	Other []entities.Mention
	// Tokens are the text's tokens as prose cut and tagged them.
	Tokens []Token
	// Sentences are its sentences.
	Sentences []Sentence
}

// Extract returns the entities of an English text.
func (x *Extractor) Extract(text string) *Result {
	r, _ := x.ExtractContext(context.Background(), text)
	return r
}

// ExtractContext returns the entities of the parts of an English text,
// or of the whole text when no part is given: the Analyzer gives it the
// English paragraphs of a mixed article and the runs of Latin words of an
// Arabic one. Offsets are byte offsets into text. It returns ctx's error
// if ctx is done before the end.
func (x *Extractor) ExtractContext(ctx context.Context, text string, parts ...Part) (*Result, error) {
	d, err := x.p.analyse(ctx, text, parts, x.model != nil && x.model.prose)
	if err != nil {
		return nil, err
	}
	cands := x.names.find(d)
	res := &Result{Tokens: d.toks, Sentences: d.sents}
	var mentions []entities.Mention
	if x.model != nil {
		mentions, res.Other, err = x.tag(ctx, d, cands)
		if err != nil {
			return nil, err
		}
	} else {
		mentions = resolve(d, cands)
	}
	if x.cfg.demonyms {
		mentions = addDemonyms(d, mentions, cands)
	}
	mentions = x.partials(d, mentions)
	res.Mentions = mentions
	inTitle := func(m entities.Mention) bool { return m.TokenStart < len(d.toks) && d.toks[m.TokenStart].Sentence == 0 }
	res.Entities = entities.GroupMentions(x.cfg.gaz, text, mentions, inTitle)
	return res, nil
}

// resolve keeps the non-demonym candidates that overlap no better one:
// more tokens first, then the higher prior, then the earlier; the result
// is in text order.
func resolve(d *document, cands []candidate) []entities.Mention {
	order := slices.DeleteFunc(slices.Clone(cands), func(c candidate) bool { return c.demonym })
	return mentionsOf(d, pick(order, len(d.toks)), entities.Exact)
}

// pick returns the candidates of cands that overlap no better one (see
// resolve), in text order.
func pick(cands []candidate, ntok int) []candidate {
	order := slices.Clone(cands)
	slices.SortStableFunc(order, func(a, b candidate) int {
		if c := cmp.Compare(b.end-b.start, a.end-a.start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.prior, a.prior); c != 0 {
			return c
		}
		return cmp.Compare(a.start, b.start)
	})
	taken := make([]bool, ntok)
	var kept []candidate
	for _, c := range order {
		if slices.Contains(taken[c.start:c.end], true) {
			continue
		}
		for i := c.start; i < c.end; i++ {
			taken[i] = true
		}
		kept = append(kept, c)
	}
	slices.SortFunc(kept, func(a, b candidate) int { return cmp.Compare(a.start, b.start) })
	return kept
}

// mentionsOf turns candidates into mentions of the given kind.
func mentionsOf(d *document, cands []candidate, kind entities.Kind) []entities.Mention {
	out := make([]entities.Mention, 0, len(cands))
	for _, c := range cands {
		out = append(out, d.mention(c.start, c.end, c.typ, c.id, kind, scoreOf(kind), c.alts))
	}
	return out
}

// Scores of the mentions of the gazetteer's names, as in package
// entities.
const (
	scoreExact   = 1.0
	scoreDemonym = 0.9
	scorePartial = 0.8
)

func scoreOf(k entities.Kind) float64 {
	switch k {
	case entities.Demonym:
		return scoreDemonym
	case entities.Partial:
		return scorePartial
	}
	return scoreExact
}

// mention returns the mention of tokens [s, e).
func (d *document) mention(s, e int, t gazetteer.Type, id string, kind entities.Kind, score float64, alts []string) entities.Mention {
	start, end := d.toks[s].Start, d.toks[e-1].End
	return entities.Mention{Text: d.text[start:end], Start: start, End: end, Kind: kind, Score: score, Type: t, ID: id,
		TokenStart: s, TokenEnd: e, Alternatives: slices.Clone(alts)}
}

// addDemonyms adds the demonym candidates that overlap no mention.
func addDemonyms(d *document, mentions []entities.Mention, cands []candidate) []entities.Mention {
	taken := make([]bool, len(d.toks))
	for _, m := range mentions {
		for i := m.TokenStart; i < m.TokenEnd; i++ {
			taken[i] = true
		}
	}
	var dem []candidate
	for _, c := range cands {
		if c.demonym && !slices.Contains(taken[c.start:c.end], true) {
			dem = append(dem, c)
		}
	}
	if len(dem) == 0 {
		return mentions
	}
	mentions = append(mentions, mentionsOf(d, pick(dem, len(d.toks)), entities.Demonym)...)
	slices.SortStableFunc(mentions, func(a, b entities.Mention) int { return cmp.Compare(a.Start, b.Start) })
	return mentions
}
