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
	"github.com/khabar-nlp/khabar/lang"
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
		if kws = nameKeywords(text, p.toks, kws, res.Entities, a.cfg.gazetteer, a.cfg.keywords); kws != nil {
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
