package khabar

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/article"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/english"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lang"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/features"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// Errors returned by [Analyzer.Analyze] and [Analyzer.AnalyzeArticle],
// testable with errors.Is.
var (
	// ErrEmptyText means the article has no letters or digits to analyse.
	ErrEmptyText = errors.New("khabar: empty text")
	// ErrTooLarge means the article is longer than the analyzer's limit
	// (see [WithMaxBytes]).
	ErrTooLarge = errors.New("khabar: text too large")
)

// Article is one news article given as separate fields, as a CMS or a
// JSONL archive holds it.
type Article struct {
	// ID identifies the article; it is copied to the Analysis.
	ID string `json:"id,omitempty"`
	// Title is the headline; it may be empty, in which case the title is
	// recognised in Body.
	Title string `json:"title,omitempty"`
	// Body is the article's text.
	Body string `json:"text"`
	// Source names the feed or publication the article came from
	// ("skynews_arabia", "bbc_arabic"), if known. It is copied to the
	// Analysis and, with [WithSources], given to the topic model (see
	// package topics/features); otherwise it changes nothing.
	Source string `json:"source,omitempty"`
}

// Analysis is what an [Analyzer] finds in one article. Its JSON field names
// are stable.
type Analysis struct {
	// ID is the article's ID, if it had one.
	ID string `json:"id,omitempty"`
	// Source is Article.Source, if it had one.
	Source string `json:"source,omitempty"`
	// Title is the article's headline: Article.Title, or the title line
	// recognised in the text.
	Title string `json:"title"`
	// Language is "ar" when at least half of the letters are Arabic, "en"
	// when at least half are Latin and the words read as English (see
	// package lang), and "und" (undetermined) otherwise. An English
	// article goes through the English pipeline (package entities/english);
	// the English paragraphs of an Arabic article too.
	Language string `json:"language"`
	// SentenceCount is the number of sentences analysed (boilerplate left
	// out).
	SentenceCount int `json:"sentence_count"`
	// Sentences are the spans of those sentences, in text order.
	Sentences []Sentence `json:"sentences"`
	// Entities are the people, places and organisations, most salient
	// first.
	Entities []entities.Entity `json:"entities"`
	// Topics are the topic model's scores, best first.
	Topics []topics.TopicScore `json:"topics"`
	// Keywords are the article's keywords and keyphrases, best first. A
	// keyword inside a mention of an entity is shown as the entity's name
	// (فيصل بن فرحان, not فرحان), with that mention's span and the entity's
	// mention count, once per entity.
	Keywords []tfidf.Keyword `json:"keywords"`
	// Structure lists the blocks of the text: title, dateline,
	// subheadings, paragraphs and boilerplate.
	Structure []article.Block `json:"structure,omitempty"`
	// Warnings say what was odd about the input (invalid UTF-8, not
	// Arabic) without stopping the analysis.
	Warnings []string `json:"warnings,omitempty"`
	// Text is the text all offsets refer to: the text given to Analyze,
	// or for AnalyzeArticle the title and body joined as described there.
	Text string `json:"-"`
}

// Sentence is the span of one sentence: text[Start:End] in byte offsets.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
	// Paragraph is the 0-based index of the sentence's paragraph.
	Paragraph int `json:"paragraph"`
}

// Analyzer runs the whole chain on an article: structure, entities,
// topics and keywords. Build it once with [New]; it is immutable and safe
// for concurrent use.
type Analyzer struct {
	cfg       config
	extractor *entities.Extractor
	// english returns the extractor that reads English articles and the
	// English paragraphs of Arabic ones, built on first use: an analyzer
	// of Arabic text alone never loads the English model.
	english func() (*english.Extractor, error)
}

// New returns an Analyzer. Without options it uses the embedded default
// gazetteer, the embedded default topic model (IPTC Media Topics) and the
// embedded background frequencies for keywords, and runs every layer.
//
// Options that contradict each other are refused with an error naming
// both (see [Option]), as is a classifier trained with source terms
// without [WithSources].
func New(opts ...Option) (*Analyzer, error) {
	c := defaultConfig()
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	if err := c.finish(); err != nil {
		return nil, err
	}
	if clf, ok := c.model.(*topics.Classifier); ok && !c.sources && trainedWithSources(clf) {
		return nil, errors.New("khabar: WithTopicModel: the classifier was trained with source terms (topics train -sources); add WithSources, or train it without")
	}
	a := &Analyzer{cfg: c}
	if c.layers&Entities != 0 {
		eopts := append([]entities.Option{entities.WithGazetteer(c.gazetteer), entities.WithTokenizer(c.tokenizer)}, c.entityOptions...)
		x, err := entities.New(eopts...)
		if err != nil {
			return nil, fmt.Errorf("khabar: %w", err)
		}
		if x.Gazetteer() != c.gazetteer {
			return nil, errors.New("khabar: WithEntityOptions(entities.WithGazetteer(…)) and the analyzer's gazetteer: give the gazetteer with WithGazetteer, so that entities and topic features use the same one")
		}
		a.extractor = x
	}
	a.english = sync.OnceValues(func() (*english.Extractor, error) { return newEnglish(&a.cfg) })
	return a, nil
}

// trainedWithSources reports whether a classifier's vocabulary has the
// source terms of package topics/features.
func trainedWithSources(c *topics.Classifier) bool {
	v := c.Space().Vectorizer()
	// Terms are in byte order: the first one at or after "source:" tells.
	j, _ := slices.BinarySearch(v.Vocabulary(), "source:")
	return j < v.Len() && strings.HasPrefix(v.Term(j), "source:")
}

// Analyze analyses text, an article as plain text: its first line is taken
// as the title (see package article for how the structure is recognised).
// Every offset in the result is a byte offset into text.
//
// It returns an error wrapping [ErrEmptyText] for text without letters or
// digits, [ErrTooLarge] beyond the size limit, or ctx's error if ctx is
// done before the analysis ends. Invalid UTF-8 is not an error: the text
// is analysed and the Analysis carries a warning.
func (a *Analyzer) Analyze(ctx context.Context, text string) (*Analysis, error) {
	return a.analyze(ctx, Article{Body: text})
}

// AnalyzeArticle analyses art. When art.Title is not empty, the analysed
// text is the title, a blank line and the body (Title + "\n\n" + Body),
// unless the body already starts with the title line; offsets refer to
// that text, which the Analysis keeps in its Text field. The topic model
// scores the [Analyzer.TopicDocument] of art.
func (a *Analyzer) AnalyzeArticle(ctx context.Context, art Article) (*Analysis, error) {
	return a.analyze(ctx, a.articleText(art))
}

// articleText returns art with its Body replaced by the whole text
// analysed: the title, a blank line and the body, unless the body
// already starts with the title line.
func (a *Analyzer) articleText(art Article) Article {
	if art.Title != "" && !a.startsWithLine(art.Body, art.Title) {
		art.Body = art.Title + "\n\n" + art.Body
	}
	return art
}

// startsWithLine reports whether the first non-blank line of text is line
// (both trimmed of spaces).
func (a *Analyzer) startsWithLine(text, line string) bool {
	s := a.cfg.rules.Parse(text)
	b, ok := s.Title()
	return ok && text[b.Start:b.End] == trimSpace(line)
}

// TopicDocument returns what the Analyzer's topic model sees for art: the
// title (art.Title, or the title line recognised in the text), the body
// without the title and without boilerplate, and as extra terms the IDs,
// countries and regions of the entities found and, with [WithSources],
// the source (see package topics/features). [Analyzer.AnalyzeArticle]
// scores exactly this document; programs that train a classifier for an
// Analyzer build their training documents with it, so that the model sees
// in training what it sees in service. Errors are those of
// AnalyzeArticle.
func (a *Analyzer) TopicDocument(ctx context.Context, art Article) (topics.Document, error) {
	p, err := a.prepare(ctx, a.articleText(art))
	if err != nil {
		return topics.Document{}, err
	}
	return p.document(), nil
}

// prepared is what the layers of an analysis share: the structure, the
// tokens of the analysed text, the entities and the topic document.
type prepared struct {
	res *Analysis
	// blanks are the spans of the text left out of the analysis
	// (boilerplate), in order.
	blanks []tokenize.Span
	// toks holds the tokens of the text with the blanks blank.
	toks *tokenize.List
	// other holds them as another tokenizer reads them (the topic
	// model's or the keyword space's), once one was asked for.
	other *tokenize.List
	// title is the span of the title line, if one was recognised: the
	// topic document's body is what follows it.
	title tokenize.Span
	// doc is the topic document without its Text (see document).
	doc topics.Document
	// english holds the tokens of an English article as prose tagged
	// them, for the keywords to keep to nouns.
	english []english.Token
}

// prepare runs structure recognition and entity extraction on art.Body,
// the whole text (title included), and builds the topic document but for
// its body. The text is tokenized once, into a compact list, and every
// stage checks ctx as it reads the tokens.
func (a *Analyzer) prepare(ctx context.Context, art Article) (*prepared, error) {
	text := art.Body
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(text) > a.cfg.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(text), a.cfg.maxBytes)
	}
	letters, err := countLetters(ctx, text)
	switch {
	case err != nil:
		return nil, err
	case letters.letters+letters.digits == 0:
		return nil, ErrEmptyText
	}
	res := &Analysis{ID: art.ID, Source: trimSpace(art.Source), Title: trimSpace(art.Title), Text: text,
		Sentences: []Sentence{}, Entities: []entities.Entity{}, Topics: []topics.TopicScore{}, Keywords: []tfidf.Keyword{}}
	stats, err := countLanguage(ctx, text)
	if err != nil {
		return nil, err
	}
	res.Language, res.Warnings = language(stats)
	p := &prepared{res: res}

	if a.cfg.layers&Structure != 0 {
		s, err := a.cfg.rules.ParseContext(ctx, text)
		if err != nil {
			return nil, err
		}
		res.Structure = s.Blocks
		for _, b := range s.Blocks {
			// As Structure.Mask blanks them.
			if !b.Kind.Analysed() && 0 <= b.Start && b.Start <= b.End && b.End <= len(text) {
				p.blanks = append(p.blanks, tokenize.Span{Start: b.Start, End: b.End})
			}
		}
		if b, ok := s.Title(); ok {
			if res.Title == "" {
				res.Title = text[b.Start:b.End]
			}
			p.title = tokenize.Span{Start: b.Start, End: b.End}
		}
	}

	if p.toks, err = a.cfg.tokenizer.ListBlanked(ctx, text, p.blanks); err != nil {
		return nil, listError(ctx, err)
	}
	if res.Language == lang.English {
		return a.prepareEnglish(ctx, art, p)
	}
	// Counted first: a text of short sentences has millions, and a slice
	// grown to hold them would take twice their room.
	n := 0
	for range p.toks.Sentences() {
		n++
	}
	res.Sentences = make([]Sentence, 0, n)
	for s := range p.toks.Sentences() {
		res.Sentences = append(res.Sentences, Sentence{Start: s.Start, End: s.End, Paragraph: s.Paragraph})
	}
	res.SentenceCount = n
	if a.extractor != nil {
		r, err := a.extractor.ExtractList(ctx, p.toks)
		if err != nil {
			return nil, err
		}
		if r.Entities != nil {
			res.Entities = r.Entities
		}
		if stats.Common > 0 {
			// The text has English words: its English paragraphs, if
			// any, go to the English extractor.
			if res.Entities, err = a.mixEnglish(ctx, text, res.Entities); err != nil {
				return nil, err
			}
		}
	}
	p.doc = features.Document(res.Title, "", res.Entities, a.cfg.gazetteer, art.Source, features.Options{Sources: a.cfg.sources})
	return p, nil
}

// document returns the topic document with its body: the text without
// the title line and with the blanks blank.
func (p *prepared) document() topics.Document {
	d := p.doc
	d.Text = blankSpans(p.res.Text, slices.Concat(p.blanks, []tokenize.Span{p.title}))
	return d
}

// blankSpans returns text with the bytes of spans, line breaks apart,
// replaced by spaces: text itself when no span has a byte.
func blankSpans(text string, spans []tokenize.Span) string {
	if !slices.ContainsFunc(spans, func(sp tokenize.Span) bool { return sp.End > sp.Start }) {
		return text
	}
	b := []byte(text)
	for _, sp := range spans {
		for i := sp.Start; i < sp.End; i++ {
			if c := b[i]; c != '\n' && c != '\r' {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// list returns the tokens of the analysed text as tz reads them: the
// analysis's own when tz is its tokenizer.
func (p *prepared) list(ctx context.Context, tz *tokenize.Tokenizer) (*tokenize.List, error) {
	switch {
	case tz == p.toks.Tokenizer():
		return p.toks, nil
	case p.other != nil && tz == p.other.Tokenizer():
		return p.other, nil
	}
	l, err := tz.ListBlanked(ctx, p.res.Text, p.blanks)
	if err != nil {
		return nil, listError(ctx, err)
	}
	p.other = l
	return l, nil
}

// listError returns the error of ListBlanked: ctx's error as it is, any
// other wrapped.
func listError(ctx context.Context, err error) error {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return err
	}
	return fmt.Errorf("khabar: %w", err)
}

// score scores the topic document with model: from the tokens when the
// model reads them, from the document's text otherwise.
func (p *prepared) score(ctx context.Context, model topics.Model) ([]topics.TopicScore, error) {
	lm, ok := model.(topics.ListModel)
	if !ok {
		s := model.Score(p.document())
		return s, ctx.Err()
	}
	l, err := p.list(ctx, lm.Tokenizer())
	if err != nil {
		return nil, err
	}
	// The body's tokens follow the title's.
	from := sort.Search(l.Len(), func(i int) bool { return l.Start(i) >= p.title.End })
	return lm.ScoreList(ctx, topics.ListDocument{Title: p.doc.Title, Tokens: l, From: from, To: l.Len(), Extra: p.doc.Extra})
}

// analyze analyses art.Body, the whole text (title included).
func (a *Analyzer) analyze(ctx context.Context, art Article) (*Analysis, error) {
	p, err := a.prepare(ctx, art)
	if err != nil {
		return nil, err
	}
	res, text := p.res, art.Body
	if a.cfg.model != nil {
		if res.Topics, err = p.score(ctx, a.cfg.model); err != nil {
			return nil, err
		}
		if a.cfg.maxTopics > 0 && len(res.Topics) > a.cfg.maxTopics {
			res.Topics = res.Topics[:a.cfg.maxTopics]
		}
	}
	if a.cfg.space != nil && a.cfg.keywords > 0 {
		l, err := p.list(ctx, spaceTokenizer(a.cfg.space))
		if err != nil {
			return nil, err
		}
		kws, err := a.cfg.space.KeywordsList(ctx, l, 2*a.cfg.keywords, mentionSpans(text, res.Entities)...)
		if err != nil {
			return nil, err
		}
		if p.english != nil {
			kws = nounKeywords(kws, p.english, res.Entities)
		}
		if kws = nameKeywords(text, kws, res.Entities, a.cfg.gazetteer, a.cfg.keywords); kws != nil {
			res.Keywords = kws
		}
	}
	if !utf8.ValidString(text) {
		n := 0
		for i := range p.toks.Len() {
			if p.toks.Kind(i) == tokenize.Invalid {
				n += p.toks.End(i) - p.toks.Start(i)
			}
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("text has %d bytes of invalid UTF-8; they are kept, offsets count them, and JSON shows them as U+FFFD", n))
	}
	return res, nil
}

// spaceTokenizer returns the tokenizer with which a keyword space reads
// text.
func spaceTokenizer(s *tfidf.Space) *tokenize.Tokenizer {
	if tz := s.Vectorizer().TermOptions().Tokenizer; tz != nil {
		return tz
	}
	return tokenize.Default()
}

// nameKeywords returns the first n of kws with the keywords that lie in a
// mention of an entity shown as that entity: a word of a name (فرحان of
// فيصل بن فرحان, الأحمر of البحر الأحمر) becomes the mention's own text
// (the first mention without a proclitic, or the mention without its
// proclitic), with the entity's name and ID beside it and its mention
// count, and an entity appears once, at its best keyword's rank and score.
// A news agency, or an outlet the headline does not name, is a credit
// and no keyword; nor is a word that is a word of a person's name shown.
func nameKeywords(text string, kws []tfidf.Keyword, ents []entities.Entity, g *gazetteer.Index, n int) []tfidf.Keyword {
	out := make([]tfidf.Keyword, 0, min(n, len(kws)))
	taken := map[string]bool{} // entity IDs
	shown := map[string]bool{} // terms
	var names []typedTerm      // the entities' terms
	headline := len(text)
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		headline = i
	}
	for _, k := range kws {
		if _, _, ok := mentionAt(ents, k.Start, k.End); !ok {
			shown[k.Term] = true
		}
	}
	for _, k := range kws {
		e, m, ok := mentionAt(ents, k.Start, k.End)
		if !ok {
			out = append(out, k)
			continue
		}
		if taken[e.ID] || credit(g, e, headline) {
			continue
		}
		taken[e.ID] = true
		m = hyphenated(text, joinedMention(text, e, shownMention(text, e, m)))
		if shorterPiece(text, ents, e, m) {
			continue
		}
		start := m.Start + tfidf.SkipLetters(text[m.Start:m.End], procliticLetters(m, e.Name))
		term := text[start:m.End]
		if shown[term] || slices.ContainsFunc(names, func(t typedTerm) bool {
			return t.typ == e.Type && (sameWords(t.term, term) || sameSkeleton(t.term, term))
		}) {
			// Two entities written alike, or one written in part
			// (ليما beside فابيو ليما, which grouping keeps apart) or
			// spelt two ways (كاركاسون، كركاسون): one keyword.
			continue
		}
		shown[term] = true
		names = append(names, typedTerm{e.Type, term})
		name := e.Name
		if m.Kind == entities.Rule {
			name = term // a name found by rules is named by its text
		}
		out = append(out, tfidf.Keyword{Term: term, Name: name, Entity: e.ID, Key: k.Key, Score: k.Score, Count: e.Count, Start: start, End: m.End})
	}
	// A word outside the mentions that is a word of a person's name shown
	// (the headline's السدحان beside عبدالله السدحان), or the first word
	// of a name of several (المملكة of المملكة العربية السعودية، الصندوق of
	// صندوق النقد الدولي), is that entity again.
	var heads map[string]bool // built on first use: most keywords are names
	out = slices.DeleteFunc(out, func(k tfidf.Keyword) bool {
		if k.Entity != "" || strings.Contains(k.Term, " ") {
			return false
		}
		if heads == nil {
			heads = nameHeads(ents)
		}
		return heads[bareKey(k.Term)] || slices.ContainsFunc(names, func(t typedTerm) bool {
			return t.typ == gazetteer.PER && slices.Contains(strings.Fields(t.term), k.Term)
		})
	})
	if len(out) == 0 {
		return nil
	}
	return out[:min(n, len(out))]
}

// nameHeads returns the first words of the mentions of several words of
// ents, as bareKey gives them.
func nameHeads(ents []entities.Entity) map[string]bool {
	heads := map[string]bool{}
	for _, e := range ents {
		for _, m := range e.Mentions {
			words := strings.FieldsFunc(m.Text[len(m.Clitic):], func(r rune) bool { return r == ' ' || r == '_' })
			if len(words) >= 2 {
				heads[bareKey(words[0])] = true
			}
		}
	}
	return heads
}

// bareKey returns the Key of a word without the article.
func bareKey(w string) string {
	k := tokenize.Key(w)
	if lexicon.HasArticle(k) {
		return k[len(lexicon.Article):]
	}
	return k
}

// typedTerm is the term of an entity's keyword and the entity's type.
type typedTerm struct {
	typ  gazetteer.Type
	term string
}

// sameSkeleton reports whether two names have one skeleton
// ([gazetteer.Skeleton]) of four letters or more: shorter ones join names
// that differ (ليما، لومي).
func sameSkeleton(a, b string) bool {
	sa := gazetteer.Skeleton(tokenize.Key(a))
	return utf8.RuneCountInString(strings.ReplaceAll(sa, " ", "")) >= 4 && sa == gazetteer.Skeleton(tokenize.Key(b))
}

// sameWords reports whether the words of one of a and b are all words of
// the other.
func sameWords(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for _, w := range wa {
		if !slices.Contains(wb, w) {
			return false
		}
	}
	return true
}

// credit reports whether an entity is a news agency, or an outlet the
// headline does not name: the source a story credits (وفقا لرويترز،
// قالت مصادر للعربية.نت), not what it is about. headline is the offset
// where the first line of the text ends.
func credit(g *gazetteer.Index, e entities.Entity, headline int) bool {
	if g == nil {
		return false
	}
	s, ok := g.Summary(e.ID)
	if !ok || s.Subtype != "news-agency" && s.Subtype != "media" {
		return false
	}
	return s.Subtype == "news-agency" || !slices.ContainsFunc(e.Mentions, func(m entities.Mention) bool { return m.Start < headline })
}

// mentionClitic returns the proclitic letters at the start of a mention:
// its Clitic, or for a name found by rules or by the tagging model whose
// first word, not a first name itself, reads as a conjunction or
// preposition before a first name or a word of the lexicon (ومحمد إيهاب،
// بنهب خزائن، بسرطان القولون), those letters.
func mentionClitic(m entities.Mention) string {
	if m.Clitic != "" || m.Kind != entities.Rule && m.Kind != entities.Tagged {
		return m.Clitic
	}
	first, _, _ := strings.Cut(m.Text, " ")
	lex, err := lexicon.Default()
	if err != nil {
		return ""
	}
	key := tokenize.Key(first)
	if lex.Class(key)&(lexicon.FirstName|lexicon.FirstNameHead) != 0 {
		return "" // لبنى is a first name, not ل + بنى
	}
	if s, ok := tokenize.StripProclitics(key); ok && lex.Class(s.Stem)&(lexicon.FirstName|lexicon.Common) != 0 {
		return s.Prefix
	}
	return ""
}

// procliticLetters returns the number of letters before the name in a
// mention of an entity named name: its proclitic's, and the ل of the
// article that ل drops (للنيجر = ل + النيجر: the name shown is نيجر, not
// لنيجر; لليبيا = ل + ليبيا).
func procliticLetters(m entities.Mention, name string) int {
	c := mentionClitic(m)
	n := utf8.RuneCountInString(c)
	if rest := strings.TrimPrefix(m.Text, c); strings.HasSuffix(c, "ل") && strings.HasPrefix(tokenize.Key(name), lexicon.Article) &&
		!strings.HasPrefix(tokenize.Key(rest), lexicon.Article) {
		n++
	}
	return n
}

// shownMention returns the mention of e a keyword shows: without a
// proclitic, written without marks or tatweel, the longest, the first;
// def if every mention has a proclitic.
func shownMention(text string, e entities.Entity, def entities.Mention) entities.Mention {
	best, found := def, false
	better := func(c entities.Mention) bool {
		cClean, bClean := isClean(c.Text), isClean(best.Text)
		if cClean != bClean {
			return cClean
		}
		return c.End-c.Start > best.End-best.Start
	}
	for _, c := range e.Mentions {
		if c.Clitic != "" {
			continue
		}
		if !found || better(c) {
			best, found = c, true
		}
	}
	return best
}

// shorterPiece reports whether m, a mention of a person or an
// organisation e, has a mention of another entity of e's type right
// before or after it, a space apart and
// no proclitic between, at least as long: the model cut one name in two
// (ماركوس | ألونسو ميندوزا، منظمة هيومن رايتس | ووتش), and the longer
// piece stands for it. A place beside a place is another place (نجران
// السعودية).
func shorterPiece(text string, ents []entities.Entity, e entities.Entity, m entities.Mention) bool {
	for _, o := range ents {
		if o.ID == e.ID || o.Type != e.Type || e.Type == gazetteer.LOC {
			continue
		}
		for _, n := range o.Mentions {
			after := n.Start == m.End+1 && n.Clitic == ""
			before := n.End+1 == m.Start && m.Clitic == ""
			if (after || before) && text[min(m.End, n.End)] == ' ' && len(n.Text) >= len(m.Text) && !weakName(n) {
				return true
			}
		}
	}
	return false
}

// hyphenated returns m with the words joined to it by a hyphen that the
// tagging model left out: كلود أرنو written جان-كلود أرنو is shown whole.
func hyphenated(text string, m entities.Mention) entities.Mention {
	if m.Clitic != "" {
		return m
	}
	for m.Start >= 2 && text[m.Start-1] == '-' && unicode.IsLetter(lastRune(text[:m.Start-1])) {
		m.Start = strings.LastIndexFunc(text[:m.Start-1], func(r rune) bool { return !unicode.IsLetter(r) }) + 1
	}
	for m.End < len(text)-1 && text[m.End] == '-' {
		r, _ := utf8.DecodeRuneInString(text[m.End+1:])
		if !unicode.IsLetter(r) {
			break
		}
		rest := text[m.End+1:]
		if i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
			m.End += 1 + i
		} else {
			m.End = len(text)
		}
	}
	m.Text = text[m.Start:m.End]
	return m
}

// lastRune returns the last rune of s, or utf8.RuneError.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// joinedMention returns m joined with the mentions of e right after it,
// a space apart: the pieces of one name that the model cut and the
// gazetteer linked each to it (بيت and لحم, Bethlehem).
func joinedMention(text string, e entities.Entity, m entities.Mention) entities.Mention {
	for {
		if m.End >= len(text) || text[m.End] != ' ' {
			return m
		}
		k := slices.IndexFunc(e.Mentions, func(n entities.Mention) bool { return n.Start == m.End+1 })
		if k < 0 {
			return m
		}
		m.End = e.Mentions[k].End
		m.Text = text[m.Start:m.End]
	}
}

// isClean reports whether s has no diacritics, tatweel or invisible marks.
func isClean(s string) bool {
	for _, r := range s {
		if r == 0x0640 || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// mentionSpans returns the spans of the mentions of ents, a non-nil
// slice, for keywords to take their words as names. A mention of one word
// of the lexicon's tables (المتوسط, the Mediterranean or the average) is
// left out, and so is an entity found once, weakly (see weakName) or as
// a piece of a longer name (see namePiece): keywords judge such words as
// any other.
func mentionSpans(text string, ents []entities.Entity) []tfidf.Span {
	lex, _ := lexicon.Default()
	out := []tfidf.Span{}
	for _, e := range ents {
		if len(e.Mentions) == 1 && (weakName(e.Mentions[0]) || lex != nil && namePiece(text, e.Mentions[0], lex, ents)) {
			continue
		}
		for _, m := range e.Mentions {
			if lex != nil && !strings.ContainsAny(m.Text, " _") && lex.Analyze(tokenize.Key(m.Text)).Class&lexicon.Common != 0 {
				continue
			}
			out = append(out, tfidf.Span{Start: m.Start, End: m.End, Proclitic: tfidf.SkipLetters(m.Text, utf8.RuneCountInString(mentionClitic(m)))})
		}
	}
	return out
}

// weakName reports whether a mention is a name the tagging model found in
// Arabic script, with no gazetteer entry, below minKeywordNameScore
// (ميغابايت، ممثلو as persons). A name in Latin letters is seldom
// anything else (J.P. Morgan).
func weakName(m entities.Mention) bool {
	return m.Kind == entities.Tagged && m.Score < minKeywordNameScore && !strings.ContainsFunc(m.Text, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) })
}

// namePiece reports whether a mention of one word that the tagging model
// found, or a short form of a name, stands beside the rest of a name: a
// first name before or after it, outside the mentions, a space between
// (فايز of أحمد فايز, فاروق of مي فاروق), or any word joined to it by a
// hyphen (جوزيف of جاك-جوزيف).
func namePiece(text string, m entities.Mention, lex *lexicon.Lexicon, ents []entities.Entity) bool {
	if m.Kind != entities.Tagged && m.Kind != entities.Partial || strings.ContainsAny(m.Text, " _-") {
		return false
	}
	firstName := func(w string) bool {
		names := lexicon.FirstName | lexicon.FirstNameHead
		k := tokenize.Key(w)
		bare, conj := strings.CutPrefix(k, "و") // ومي فاروق
		return lex.Class(k)&names != 0 || conj && lex.Class(bare)&names != 0
	}
	before := text[:m.Start]
	if w, ok := strings.CutSuffix(before, " "); ok || strings.HasSuffix(before, "-") {
		if !ok {
			w = before[:len(before)-1]
		}
		word := w[strings.LastIndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
		if word != "" && (!ok || firstName(word)) && !inMention(ents, len(w)-1) {
			return true
		}
	}
	after := text[m.End:]
	if w, ok := strings.CutPrefix(after, " "); ok || strings.HasPrefix(after, "-") {
		if !ok {
			w = after[1:]
		}
		i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if i < 0 {
			i = len(w)
		}
		if i > 0 && (!ok || firstName(w[:i])) && !inMention(ents, len(text)-len(w)) {
			return true
		}
	}
	return false
}

// inMention reports whether the byte at offset i lies in a mention of ents.
func inMention(ents []entities.Entity, i int) bool {
	for _, e := range ents {
		for _, m := range e.Mentions {
			if m.Start <= i && i < m.End {
				return true
			}
		}
	}
	return false
}

// minKeywordNameScore is the least probability of a name the tagging model
// found once, with no gazetteer entry, for keywords to take it as a name.
// Below it, about half of such names are common words (the tuning part of
// the dev split).
const minKeywordNameScore = 0.5

// mentionAt returns the entity and mention whose span holds [start, end).
func mentionAt(ents []entities.Entity, start, end int) (entities.Entity, entities.Mention, bool) {
	for _, e := range ents {
		for _, m := range e.Mentions {
			if m.Start <= start && end <= m.End {
				return e, m, true
			}
		}
	}
	return entities.Entity{}, entities.Mention{}, false
}

// letterCount counts the letters of a text, those of them in the Arabic
// script, and the digits: a text without letters or digits is empty.
type letterCount struct {
	letters, arabic, digits int
}

// countLetters counts the letters and digits of text. It checks ctx every
// 64 KiB and returns ctx's error when it is done.
func countLetters(ctx context.Context, text string) (letterCount, error) {
	var n letterCount
	check := 0
	for i, r := range text {
		if i >= check {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			check = i + 1<<16
		}
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				n.letters++
			} else if '0' <= r && r <= '9' {
				n.digits++
			}
		case unicode.IsLetter(r):
			n.letters++
			if unicode.Is(unicode.Arabic, r) {
				n.arabic++
			}
		case unicode.IsDigit(r):
			n.digits++
		}
	}
	return n, nil
}

func trimSpace(s string) string { return strings.TrimSpace(s) }
