package entities

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// Option configures an [Extractor].
type Option func(*config) error

type config struct {
	gaz        *gazetteer.Index
	tz         *tokenize.Tokenizer
	fuzzy      bool
	rules      bool
	demonyms   bool
	candidates bool
	extra      []Recognizer
	model      *Model
	noModel    bool
}

// WithGazetteer sets the gazetteer to match names from, in place of
// [gazetteer.Default]. To add a user's files to the default, merge them
// first with [gazetteer.Open].
func WithGazetteer(x *gazetteer.Index) Option {
	return func(c *config) error {
		if x == nil {
			return errors.New("entities: WithGazetteer: nil index")
		}
		c.gaz = x
		return nil
	}
}

// WithTokenizer sets the tokenizer used by [Extractor.Extract]. The
// default is [tokenize.Default].
func WithTokenizer(tz *tokenize.Tokenizer) Option {
	return func(c *config) error {
		if tz == nil {
			return errors.New("entities: WithTokenizer: nil tokenizer")
		}
		c.tz = tz
		return nil
	}
}

// WithFuzzy turns fuzzy matching of spelling variants on or off (on by
// default).
func WithFuzzy(on bool) Option { return func(c *config) error { c.fuzzy = on; return nil } }

// WithRules turns the context rules for names the gazetteer lacks on or
// off (on by default).
func WithRules(on bool) Option { return func(c *config) error { c.rules = on; return nil } }

// WithDemonyms reports demonyms (الأميركية) as mentions of their place,
// of kind [Demonym]. They are left out by default: a demonym is an
// adjective, not a mention of the place.
func WithDemonyms(on bool) Option { return func(c *config) error { c.demonyms = on; return nil } }

// WithCandidates keeps every candidate mention, before overlaps are
// resolved, in [Result.Candidates].
func WithCandidates(on bool) Option { return func(c *config) error { c.candidates = on; return nil } }

// WithModel sets the tagging model in place of [DefaultModel].
func WithModel(m *Model) Option {
	return func(c *config) error {
		if m == nil {
			return errors.New("entities: WithModel: nil model")
		}
		if c.noModel {
			return errors.New("entities: WithModel and WithoutModel contradict each other")
		}
		c.model = m
		return nil
	}
}

// WithoutModel runs the extractor without a tagging model: overlapping
// candidates are then resolved by the documented priority (see the
// package overview), as the rules-only extractor did.
func WithoutModel() Option {
	return func(c *config) error {
		if c.model != nil {
			return errors.New("entities: WithModel and WithoutModel contradict each other")
		}
		c.noModel = true
		return nil
	}
}

// WithRecognizer adds a recogniser of the caller's after the built-in
// ones (gazetteer, hashtags, rules); see [Recognizer]. Repeat it to add
// several, which run in the order given.
func WithRecognizer(r Recognizer) Option {
	return func(c *config) error {
		if r == nil {
			return errors.New("entities: WithRecognizer: nil recognizer")
		}
		c.extra = append(c.extra, r)
		return nil
	}
}

// Extractor finds the people, places and organisations of a text. Build
// it once with [New]; it holds no per-text state and is safe for
// concurrent use.
type Extractor struct {
	cfg         config
	lex         *lexicon.Lexicon
	recognizers []Recognizer
	builtin     int    // the built-in recognisers, first in recognizers
	model       *Model // nil: the candidates are resolved by priority
	parts       map[string]uint16
	// fuzzyCandidates says whether the gazetteer proposes spelling
	// variants of every word. With a model it does not: the names the
	// model finds are looked up, spelling variants included, when they
	// are linked, which costs a lookup per name rather than per word.
	fuzzyCandidates bool
	// base is the embedded default gazetteer (see addedNames); nil when
	// it could not be read.
	base *gazetteer.Index
	// blocks caches the model's scores of the words met (see blockCache).
	blocks blockCache
	// window is the most tokens read at once, windowTokens when 0 (tests
	// set it lower).
	window int
}

// New returns an Extractor. Without options it uses the embedded default
// gazetteer, fuzzy matching and the context rules, and leaves demonyms
// out.
func New(opts ...Option) (*Extractor, error) {
	c := config{fuzzy: true, rules: true}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	if c.gaz == nil {
		def, err := gazetteer.Default()
		if err != nil {
			return nil, err
		}
		c.gaz = def
	}
	if c.tz == nil {
		c.tz = tokenize.Default()
	}
	lex, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	x := &Extractor{cfg: c, lex: lex, model: c.model, parts: nameParts(c.gaz)}
	if x.model == nil && !c.noModel {
		if x.model, err = DefaultModel(); err != nil {
			return nil, err
		}
	}
	x.fuzzyCandidates = c.fuzzy && x.model == nil
	if def, err := gazetteer.Default(); err == nil {
		x.base = def
	}
	x.recognizers = []Recognizer{gazetteerRecognizer{x}, hashtagRecognizer{c.gaz}}
	if c.rules {
		x.recognizers = append(x.recognizers, ruleRecognizer{newRuleSet(lex)})
	}
	x.builtin = len(x.recognizers)
	x.recognizers = append(x.recognizers, c.extra...)
	return x, nil
}

// Gazetteer returns the gazetteer the extractor matches names from.
func (x *Extractor) Gazetteer() *gazetteer.Index { return x.cfg.gaz }

// Extract tokenizes text and returns its entities.
func (x *Extractor) Extract(text string) *Result {
	return x.ExtractTokens(text, x.cfg.tz.Tokenize(text))
}

// ExtractTokens returns the entities of text, given its tokens (from any
// tokenizer configuration).
func (x *Extractor) ExtractTokens(text string, toks []tokenize.Token) *Result {
	res, _ := x.extract(context.Background(), text, &tokenView{toks: toks})
	return res
}

// ExtractContext is [Extractor.Extract] for texts of any length: it
// tokenizes text into a compact [tokenize.List] and reads it a window of
// sentences at a time (see [Extractor.ExtractList]), checking ctx as it
// goes. When ctx is done it stops and returns ctx's error.
func (x *Extractor) ExtractContext(ctx context.Context, text string) (*Result, error) {
	l, err := x.cfg.tz.List(ctx, text)
	if err != nil {
		return nil, err
	}
	return x.ExtractList(ctx, l)
}

// ExtractList returns the entities of the text l was read from
// (l.Source()), given as a [tokenize.List] from any tokenizer
// configuration. The recognisers and the tagger read the text a window
// of whole sentences at a time, a few thousand tokens, and only the
// mentions are kept from one window to the next; ctx is checked at every
// window and every few thousand tokens after. When ctx is done it stops
// and returns ctx's error. The result is that of [Extractor.ExtractTokens]
// for the same tokens.
//
// Beyond the text and the list, extraction holds about 320 bytes per
// mention found (the mentions and their entities), a byte per token, the
// text's distinct keys when it has several windows, and at most one
// window's tokens, keys and features at a time.
func (x *Extractor) ExtractList(ctx context.Context, l *tokenize.List) (*Result, error) {
	return x.extract(ctx, l.Source(), &tokenView{list: l})
}

// extract finds the mentions of v's tokens window by window, then gives
// short forms their full names and groups the mentions into entities.
func (x *Extractor) extract(ctx context.Context, text string, v *tokenView) (*Result, error) {
	res := &Result{}
	var (
		mentions         []Mention
		demonymAt        = map[int]int{}
		demonymCountries = map[string]int{}
		buf              []tokenize.Token
		keptEnd          int // the end of the last mention kept, a token index
	)
	size := x.window
	if size <= 0 {
		size = windowTokens
	}
	// What the tagger links reads the words of the whole text (a name
	// after a proclitic is that name when the text writes it alone): a
	// text of several windows gives each the keys of all its tokens.
	var written map[string]bool
	if x.model != nil && v.Len() > size {
		written = make(map[string]bool)
		for i := range v.Len() {
			if i%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			written[v.Key(i)] = true
		}
	}
	for w := range v.windows(size, windowOverlap) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		toks := v.window(buf, w.from, w.to)
		if v.list != nil {
			buf = toks
		}
		doc := x.recognize(text, toks)
		doc.written = written
		if w.from == 0 && w.to == v.Len() {
			v.keys = doc.Keys // one window: its keys are the text's
		}
		own := func(m *Mention) bool {
			s := m.TokenStart + w.from
			return w.ownFrom <= s && s < w.ownTo
		}
		shift := func(m Mention) Mention {
			m.TokenStart += w.from
			m.TokenEnd += w.from
			return m
		}
		cands := doc.Candidates
		kept := cands[:0:0]
		for _, m := range cands {
			if x.cfg.candidates && own(&m) {
				res.Candidates = append(res.Candidates, shift(m))
			}
			if m.Kind == Demonym {
				if own(&m) {
					s, e := m.TokenStart+w.from, m.TokenEnd+w.from
					if end, ok := demonymAt[s]; !ok || e > end {
						demonymAt[s] = e
					}
					if e, ok := x.cfg.gaz.Summary(m.ID); ok && e.Country != "" {
						demonymCountries[e.Country]++
					}
				}
				if !x.cfg.demonyms {
					continue
				}
			}
			kept = append(kept, m)
		}
		var found, other []Mention
		if x.model != nil {
			found, other = x.tag(doc, kept)
			if x.cfg.demonyms {
				found = addDemonyms(found, kept, len(toks))
			}
		} else {
			found = resolve(kept)
		}
		end := keptEnd
		for _, m := range found {
			if m = shift(m); w.ownFrom <= m.TokenStart && m.TokenStart < w.ownTo && m.TokenStart >= keptEnd {
				mentions = append(mentions, m)
				end = max(end, m.TokenEnd)
			}
		}
		keptEnd = end
		for _, m := range other {
			if m = shift(m); w.ownFrom <= m.TokenStart && m.TokenStart < w.ownTo {
				res.Other = append(res.Other, m)
			}
		}
	}
	x.disambiguate(mentions, demonymCountries)
	mentions, err := x.addPartials(ctx, text, v, mentions, demonymAt)
	if err != nil {
		return nil, err
	}
	res.Mentions = mentions
	res.Entities = x.group(text, v, mentions)
	return res, nil
}

// addDemonyms adds the demonym candidates that overlap no mention, for
// WithDemonyms.
func addDemonyms(mentions, cands []Mention, ntok int) []Mention {
	taken := make([]bool, ntok)
	for _, m := range mentions {
		for i := m.TokenStart; i < m.TokenEnd; i++ {
			taken[i] = true
		}
	}
	n := len(mentions)
	for _, c := range resolve(slices.DeleteFunc(slices.Clone(cands), func(m Mention) bool { return m.Kind != Demonym })) {
		if !slices.Contains(taken[c.TokenStart:c.TokenEnd], true) {
			mentions = append(mentions, c)
		}
	}
	if len(mentions) > n {
		slices.SortStableFunc(mentions, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
	}
	return mentions
}

// recognize analyses the tokens of text and runs the recognisers over
// them.
func (x *Extractor) recognize(text string, toks []tokenize.Token) *Document {
	doc := newDocument(text, toks, x.lex)
	var cands []Mention
	for k, r := range x.recognizers {
		doc.Candidates = cands
		n := len(cands)
		cands = r.Recognize(doc, cands)
		if k >= x.builtin {
			// A caller's candidate must lie within the document's tokens.
			cands = cands[:n+len(slices.DeleteFunc(cands[n:], func(m Mention) bool {
				return m.TokenStart < 0 || m.TokenEnd > len(toks) || m.TokenStart >= m.TokenEnd ||
					m.Start < toks[m.TokenStart].Start || m.End > toks[m.TokenEnd-1].End || m.Start >= m.End
			}))]
		}
	}
	doc.Candidates = cands
	return doc
}

// commonWordMatch reports whether a one-word gazetteer mention is better
// read as an ordinary word, using the rules' vocabulary tables:
//
//   - a word of the vocabulary (noun, verb, adjective, time word) or a
//     lone first name, matched from a plain list (IDs with ":list:"):
//     such lists, like entity lists drawn from annotated corpora, hold
//     fragments (سنة، الجيش، محمد) that are names only inside longer ones;
//   - a noun or verb of the vocabulary naming a little-known entry
//     (prior below 0.5): صور is more often "pictures" than Tyre, while
//     الجزيرة, a prominent channel, stays;
//   - an adjective of the vocabulary, or an organisation's name with the
//     shape of a nisba, right after a definite word, where it qualifies
//     that word: الدول العربية، اللغة العربية، الآلهة السومرية (but not
//     مصادر العربية or قناة العربية, where it names the channel).
func (x *Extractor) commonWordMatch(toks []tokenize.Token, keys []string, m *Mention) bool {
	if m.TokenEnd-m.TokenStart != 1 || toks[m.TokenStart].Kind != tokenize.ArabicWord {
		return false
	}
	key := keys[m.TokenStart]
	stem := strings.TrimPrefix(key, m.Clitic)
	flags := x.lex.Class(stem)
	if m.Clitic != "" && flags == 0 {
		flags = x.lex.Class("ا" + stem) // للعراق: ل + العراق
	}
	if strings.Contains(m.ID, ":list:") && flags&(lexicon.Common|lexicon.FirstName) != 0 {
		return true
	}
	if flags&(lexicon.Noun|lexicon.Verb) != 0 && flags&lexicon.FirstName == 0 {
		// A name that is also a common noun or verb (صور: Tyre, pictures)
		// needs prominence to be read as the name without context.
		if e, ok := x.cfg.gaz.Summary(m.ID); !ok || e.Prior < minPriorCommon {
			return true
		}
	}
	// A body's name that has a nisba's shape (السومرية، a channel) is an
	// adjective too after a definite word (الآلهة السومرية).
	adjective := flags&lexicon.AnyAdjective != 0 || m.Type == gazetteer.ORG && flags == 0 && m.Clitic == "" && lexicon.IsNisba(key, true)
	if adjective && m.TokenStart > 0 {
		prev := toks[m.TokenStart-1]
		if prev.Sentence == toks[m.TokenStart].Sentence && prev.Kind == tokenize.ArabicWord && prev.End < m.Start &&
			strings.HasPrefix(keys[m.TokenStart-1], "ال") && !personTitles[keys[m.TokenStart-1]] {
			return true
		}
		// An indefinite adjective after an indefinite masculine noun
		// agrees with it and qualifies it: مبلغ مالي، دعم مالي. A
		// feminine noun before the masculine word (حكومة مالي) or a title
		// (رئيس مالي) makes it the country's name.
		pk := keys[m.TokenStart-1]
		pc := x.lex.Class(pk)
		if prev.Sentence == toks[m.TokenStart].Sentence && prev.Kind == tokenize.ArabicWord && prev.End < m.Start &&
			m.Clitic == "" && !lexicon.HasArticle(key) && !lexicon.HasArticle(pk) && pc&lexicon.Noun != 0 && pc&lexicon.NotName == 0 &&
			!strings.HasSuffix(prev.Norm, "ة") && !strings.HasSuffix(toks[m.TokenStart].Norm, "ة") {
			return true
		}
	}
	return false
}

// minPriorCommon is the prominence a gazetteer entry needs for a common
// noun or verb alone to be read as its name.
const minPriorCommon = 0.5

// personTitles are the words, in Key form, of titles that the gazetteer's
// aliases sometimes start with (الملك حسين، الأمير محمد بن سلمان) but that
// are not part of a person's name: a mention starting with one is trimmed
// to the name, as news corpora annotate it.
var personTitles = map[string]bool{
	"الامير": true, "الاميره": true, "الشيخ": true, "الشيخه": true, "الرئيس": true, "الملك": true, "الملكه": true,
	"السيد": true, "السيده": true, "الدكتور": true, "الامام": true, "السلطان": true, "البابا": true, "الجنرال": true,
	"المشير": true, "الفريق": true, "اللواء": true, "العقيد": true, "العميد": true, "سمو": true, "جلاله": true,
	"فخامه": true, "ولي": true, "العهد": true, "ايه": true, "المرشد": true, "الاعلي": true,
}

// trimTitle removes leading title words from a person mention, keeping
// at least one word: "الملك حسين" → "حسين", "ولي العهد الأمير الحسين" →
// "الحسين". A title word with a proclitic (والملك) is a title too.
func trimTitle(text string, toks []tokenize.Token, keys []string, m *Mention) {
	isTitle := func(k string) bool { return personTitles[k] }
	for m.TokenEnd-m.TokenStart > 1 {
		k := keys[m.TokenStart]
		if k == "ايه" && m.TokenStart+1 < m.TokenEnd && keys[m.TokenStart+1] == "الله" && m.TokenEnd-m.TokenStart > 2 {
			m.TokenStart += 2 // آية الله
			m.Clitic = ""
			continue
		}
		if _, ok := tokenize.KnownSplit(k, isTitle); !ok || k == "ايه" {
			break
		}
		m.TokenStart++
		m.Clitic = ""
	}
	m.Start = toks[m.TokenStart].Start
	m.Text = text[m.Start:m.End]
}

// titlesOnly reports whether every word of keys, in Key form, is one of
// personTitles, after proclitics or not (والأمير).
func titlesOnly(keys []string) bool {
	for _, k := range keys {
		if _, ok := tokenize.KnownSplit(k, func(k string) bool { return personTitles[k] }); !ok {
			return false
		}
	}
	return true
}

// honorifics are epithets that follow holy places (مكة المكرمة، المدينة
// المنورة، القدس الشريف) and are not part of their names.
var honorifics = map[string]bool{"المكرمه": true, "المنوره": true, "الشريف": true, "المقدسه": true}

// trimPlaceHead removes a place head (مدينة، محافظة، قرية، قطاع… from the
// rules' tables) before a place name and an honorific after it, keeping at
// least one word: "مدينة مشهد" → "مشهد", "قطاع غزة" → "غزة", "مكة المكرمة"
// → "مكة". News corpora annotate the name alone, and the gazetteer's
// entries sometimes carry the head to tell a town from a common word.
func (x *Extractor) trimPlaceHead(text string, toks []tokenize.Token, keys []string, m *Mention) {
	if m.TokenEnd-m.TokenStart < 2 {
		return
	}
	isHead := func(k string) bool { return x.lex.Class(k)&lexicon.PlaceHead != 0 || k == "قطاع" }
	// The head stays when what follows it is an adjective: الصحراء
	// الغربية is a name, not الغربية after a head.
	next := keys[m.TokenStart+1]
	adjective := x.lex.Class(next)&lexicon.AnyAdjective != 0 || lexicon.IsNisba(next, lexicon.HasArticle(next))
	if _, ok := tokenize.KnownSplit(keys[m.TokenStart], isHead); ok && !adjective {
		m.TokenStart++
		m.Clitic = ""
		m.Start = toks[m.TokenStart].Start
		m.headed = true
	}
	if m.TokenEnd-m.TokenStart > 1 && honorifics[keys[m.TokenEnd-1]] {
		m.TokenEnd--
		m.End = toks[m.TokenEnd-1].End
	}
	m.Text = text[m.Start:m.End]
}

// scoreHashtag scales the score of a name found inside a hashtag.
const scoreHashtag = 0.9

// typeRank orders types for ties: places are the most frequent names in
// news, then people, then organisations.
func typeRank(t gazetteer.Type) int {
	switch t {
	case gazetteer.LOC:
		return 0
	case gazetteer.PER:
		return 1
	}
	return 2
}

// resolve keeps the best non-overlapping mentions. Candidates are taken
// in priority order — more tokens first, then by kind (exact, clitic,
// fuzzy, hashtag, rule), then type (LOC, PER, ORG), then score, then
// position — and a candidate is kept when it overlaps no kept one. The
// result is in text order.
func resolve(cands []Mention) []Mention {
	if len(cands) == 0 {
		return nil
	}
	order := slices.Clone(cands)
	slices.SortStableFunc(order, func(a, b Mention) int {
		if c := cmp.Compare(b.TokenEnd-b.TokenStart, a.TokenEnd-a.TokenStart); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(typeRank(a.Type), typeRank(b.Type)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	// taken marks the tokens inside a kept mention, from the first token
	// of a candidate (lo) to the last.
	lo, hi := cands[0].TokenStart, cands[0].TokenEnd
	for _, m := range cands {
		lo, hi = min(lo, m.TokenStart), max(hi, m.TokenEnd)
	}
	taken := make([]bool, hi-lo)
	inTags := map[int][]Mention{} // kept names inside each hashtag token
	var kept []Mention
	for _, m := range order {
		if m.Kind == Hashtag {
			if taken[m.TokenStart-lo] || slices.ContainsFunc(inTags[m.TokenStart], func(k Mention) bool { return m.Start < k.End && k.Start < m.End }) {
				continue
			}
			inTags[m.TokenStart] = append(inTags[m.TokenStart], m)
			kept = append(kept, m)
			continue
		}
		if slices.Contains(taken[m.TokenStart-lo:m.TokenEnd-lo], true) || len(inTags[m.TokenStart]) > 0 {
			continue
		}
		for i := m.TokenStart; i < m.TokenEnd; i++ {
			taken[i-lo] = true
		}
		kept = append(kept, m)
	}
	slices.SortFunc(kept, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
	return kept
}
