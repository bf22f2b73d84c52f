package topics

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/khabar-nlp/khabar/internal/linetable"
	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// Lexicon is a topic [Model] made of weighted term lists, one per topic,
// written by people rather than trained. [DefaultModel] is the lexicon
// embedded in this package; [ReadLexicon] and [ReadLexiconFS] read your
// own, in the format below.
//
// # File format
//
// A lexicon is UTF-8 text, one entry per line. Blank lines and lines whose
// first non-blank character is # are ignored; a byte-order mark at the
// start of a file and CRLF line endings are accepted. A topic starts with
// a header line
//
//	@topic ID | English label | Arabic label
//
// (the Arabic label may be left out), and the term lines that follow,
// until the next header, belong to it:
//
//	@prior 1.2
//	الانتخابات 3
//	مجلس النواب 2
//	البرلمان
//	=org:real-madrid 3
//
// A term line is one or two words, then optionally a weight: a decimal
// number in (0, 100], 1 if left out, separated by spaces or tabs. Words
// are written as they appear in news; they are turned into keys exactly as
// [tfidf.Terms] turns an article into terms (normalised, light-stemmed with
// tokenize.Stem, two words becoming a bigram key), so الانتخابات also
// matches انتخابات and والانتخابات. Every word of a line must be a term:
// a line holding a stop word, a reporting verb, a number or a number word
// (في, قال, 2018, الأول), or more than two words, is an error, as is a
// second line with the same key in one topic (the stemmer folds الانتخابي
// and الانتخابات together: list one of them). A
// line starting with = holds an extra term, matched as given against
// [Document.Extra] (entity IDs such as org:real-madrid), not stemmed.
//
// An optional line "@prior P" after the header gives the topic's prior, a
// decimal number in (0, 10], 1 if left out: how common the topic is in
// news compared with the others (see "Scoring"); at most one per topic.
//
// The same term may appear under several topics. A topic ID may not be
// used twice, and every term line must follow a header. Errors are
// reported as a [*ParseError] naming the file and the 1-based line.
//
// # Scoring
//
// For a document, each key of the lexicon found in it gets a frequency
//
//	tf(k) = count in Text + (LeadWeight − 1) × count in the lead
//	        + TitleWeight × count in Title + count in Extra
//
// with TitleWeight = [DefaultTitleWeight] (3) and LeadWeight = 2: the lead,
// the first sentence of Text, says what the story is about, so its terms
// count twice. The evidence for topic t is
//
//	e(t) = Σ over keys k of t found in the document:  p(t) × w(t,k) × (1 + ln tf(k)) / n(k)
//
// where p(t) is the topic's prior (the @prior line), w(t,k) the weight of
// k in t's list and n(k) the number of topics that list k (a word listed
// under three topics says less about each). The prior says how common the
// topic is in news at large: politics or the economy are reported far more
// often than the weather, so the same amount of evidence makes them more
// likely, and a few stray words of a rare topic do not outweigh them.
// The score of t is its share of the evidence, e(t) / Σ e(u) over all
// topics, in [0, 1] and summing to 1; a document with no lexicon term at
// all scores 0 for every topic. Scores are returned best first, ties in
// the order of [Lexicon.Topics].
//
// # Concurrency
//
// A Lexicon never changes after it is read and is safe for concurrent use.
type Lexicon struct {
	topics   []Topic
	counts   []int                // topic → number of terms
	priors   []float64            // topic → prior p(t)
	postings map[string][]posting // word or bigram key → topics
	extras   map[string][]posting // extra term → topics
	bigrams  bool                 // some key is a bigram
	surfaces map[string]string    // key → surface as written in the file
}

// posting is one topic's weight for a key times the topic's prior,
// divided by the number of topics listing the key.
type posting struct {
	topic int
	w     float64
}

// ErrLexicon is wrapped by every error of [ReadLexicon] and
// [ReadLexiconFS] about the content of a lexicon (not read errors).
var ErrLexicon = errors.New("topics: bad lexicon")

// MaxLexiconLine is the longest line a lexicon may have (4 KiB).
const MaxLexiconLine = 4 << 10

// ParseError is an error at a line of a lexicon or of the keyword
// background: "source:line: what". It is the one ParseError of Khabar's
// line-based tables (gazetteer.ParseError is the same type).
type ParseError = linetable.ParseError

// ReadLexicon reads a lexicon in the format described at [Lexicon] from r.
// Errors are [*ParseError]s with the Source "lexicon"; a malformed line's error
// names its line number and wraps [ErrLexicon]. It does not close r.
func ReadLexicon(r io.Reader) (*Lexicon, error) {
	b := newLexiconBuilder()
	if err := b.read("lexicon", r); err != nil {
		return nil, err
	}
	return b.build(), nil
}

// ReadLexiconFS reads the lexicon made of every file of fsys matching
// pattern (as fs.Glob sees it), in lexical order of their names; topics
// keep the order in which their headers appear. Errors are [*ParseError]s
// naming the file, or an error wrapping [fs.ErrNotExist] if no file
// matches.
func ReadLexiconFS(fsys fs.FS, pattern string) (*Lexicon, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, fmt.Errorf("topics: lexicon pattern %q: %w", pattern, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("topics: no lexicon file matches %q: %w", pattern, fs.ErrNotExist)
	}
	slices.Sort(names)
	b := newLexiconBuilder()
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, &ParseError{Source: name, Err: err}
		}
		err = b.read(name, f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return b.build(), nil
}

// Topics returns the lexicon's topics in the order of their headers.
func (l *Lexicon) Topics() []Topic { return slices.Clone(l.topics) }

// Len returns the number of term lines of topic i (in the order of
// [Lexicon.Topics]). It panics if i is out of range.
func (l *Lexicon) Len(i int) int { return l.counts[i] }

// Prior returns the prior of topic i (in the order of [Lexicon.Topics]):
// its @prior line, or 1. It panics if i is out of range.
func (l *Lexicon) Prior(i int) float64 { return l.priors[i] }

// Score returns the share of the evidence of every topic for d, best
// first (see "Scoring" at [Lexicon]). It allocates the result and a
// counter per lexicon term found in d, never a list of d's terms; it is
// safe for concurrent use.
func (l *Lexicon) Score(d Document) []TopicScore {
	ev := make([]float64, len(l.topics))
	l.evidence(d.Title, tokenize.Default().Tokens(d.Text), 0, d.Extra, func(_ string, p posting, _, f float64) { ev[p.topic] += p.w * f })
	return l.shares(ev)
}

// Tokenizer returns [tokenize.Default], with which a lexicon reads text:
// the tokenizer [Lexicon.ScoreList] expects tokens from.
func (l *Lexicon) Tokenizer() *tokenize.Tokenizer { return tokenize.Default() }

var _ ListModel = (*Lexicon)(nil)

// ScoreList is [Lexicon.Score] for an article whose body is given as
// tokens already read (see [ListDocument]). It checks ctx every few
// thousand tokens and returns ctx's error when it is done.
func (l *Lexicon) ScoreList(ctx context.Context, d ListDocument) ([]TopicScore, error) {
	body, lead, err := d.body(ctx, l.Tokenizer())
	if err != nil {
		return nil, err
	}
	ev := make([]float64, len(l.topics))
	l.evidence(d.Title, body, lead, d.Extra, func(_ string, p posting, _, f float64) { ev[p.topic] += p.w * f })
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return l.shares(ev), nil
}

// Evidence is what one term of a document adds to one topic.
type Evidence struct {
	// TopicID is the topic's ID.
	TopicID string
	// Term is the term as written in the lexicon (an extra term as given).
	Term string
	// TF is the term's weighted frequency in the document, tf(k).
	TF float64
	// Value is the term's addition to the topic's evidence,
	// p × w × (1 + ln TF) / n.
	Value float64
}

// Explain lists the lexicon terms found in d and what each adds to each
// topic, largest first (ties by topic order, then term), so that a score
// can be checked: the evidence of a topic is the sum of its Values.
func (l *Lexicon) Explain(d Document) []Evidence {
	var out []Evidence
	order := make(map[string]int, len(l.topics))
	for i, t := range l.topics {
		order[t.ID] = i
	}
	l.evidence(d.Title, tokenize.Default().Tokens(d.Text), 0, d.Extra, func(key string, p posting, tf, f float64) {
		out = append(out, Evidence{TopicID: l.topics[p.topic].ID, Term: l.surfaces[key], TF: tf, Value: p.w * f})
	})
	slices.SortFunc(out, func(a, b Evidence) int {
		if c := cmp.Compare(b.Value, a.Value); c != 0 {
			return c
		}
		if c := cmp.Compare(order[a.TopicID], order[b.TopicID]); c != 0 {
			return c
		}
		return strings.Compare(a.Term, b.Term)
	})
	return out
}

// leadWeight is how many times a term of the lead (the first sentence of
// Document.Text) counts.
const leadWeight = 2

// evidence calls fn for every (key, topic) of the lexicon found in the
// title, the body's tokens (whose first sentence, the lead, is lead) and
// the extra terms, with the key's frequency tf and its factor f = 1 +
// ln tf, keys in the order they are first met.
func (l *Lexicon) evidence(title string, body iter.Seq[tokenize.Token], lead int, extra []string, fn func(key string, p posting, tf, f float64)) {
	type hit struct {
		key string
		tf  float64
	}
	var hits []hit
	var index map[string]int
	add := func(key []byte, n float64) {
		if index == nil {
			index = make(map[string]int)
		}
		if i, ok := index[string(key)]; ok {
			hits[i].tf += n
			return
		}
		k := string(key)
		index[k] = len(hits)
		hits = append(hits, hit{k, n})
	}
	opts := tfidf.TermOptions{Bigrams: l.bigrams}
	count := func(n float64, leadMul float64, lead int) func(t *tfidf.TermRef) bool {
		return func(t *tfidf.TermRef) bool {
			if _, ok := l.postings[string(t.Key)]; ok {
				if t.Sentence == lead {
					add(t.Key, n*leadMul)
				} else {
					add(t.Key, n)
				}
			}
			return true
		}
	}
	if title != "" {
		tfidf.ScanTerms(tokenize.Default().Tokens(title), opts, count(DefaultTitleWeight, 1, 0))
	}
	tfidf.ScanTerms(body, opts, count(1, leadWeight, lead))
	var buf []byte
	for _, e := range extra {
		if _, ok := l.extras[e]; ok {
			buf = append(append(buf[:0], '='), e...)
			add(buf, 1)
		}
	}
	for _, h := range hits {
		f := 1 + math.Log(h.tf)
		ps := l.postings[h.key]
		if strings.HasPrefix(h.key, "=") {
			ps = l.extras[h.key[1:]]
		}
		for _, p := range ps {
			fn(h.key, p, h.tf, f)
		}
	}
}

// shares turns evidence into scores: shares of the total, best first.
func (l *Lexicon) shares(ev []float64) []TopicScore {
	var total float64
	for _, e := range ev {
		total += e
	}
	out := make([]TopicScore, len(l.topics))
	for i, t := range l.topics {
		out[i].Topic = t
		if total > 0 {
			out[i].Score = ev[i] / total
		}
	}
	slices.SortStableFunc(out, func(a, b TopicScore) int { return cmp.Compare(b.Score, a.Score) })
	return out
}

// lexiconBuilder collects the lines of one or more lexicon files.
type lexiconBuilder struct {
	topics  []Topic
	priors  []float64         // 0 until a @prior line
	ids     map[string]string // topic ID → where it was defined
	entries []lexEntry
	seen    map[[2]string]string // (topic ID, key) → where it was listed
	cur     int                  // topic of the current file's terms, -1 before a header
}

type lexEntry struct {
	topic   int
	key     string // stem, two stems, or "=" + extra term
	surface string
	w       float64
}

func newLexiconBuilder() *lexiconBuilder {
	return &lexiconBuilder{ids: map[string]string{}, seen: map[[2]string]string{}}
}

func (b *lexiconBuilder) read(source string, r io.Reader) error {
	sc := linetable.NewScanner(r, linetable.Options{Source: source, MaxLineBytes: MaxLexiconLine})
	b.cur = -1
	fail := func(format string, args ...any) error {
		return sc.Error(fmt.Errorf("%w: "+format, append([]any{ErrLexicon}, args...)...))
	}
	for sc.Next() {
		raw := sc.Bytes()
		switch {
		case sc.TooLong():
			return fail("line longer than %d bytes", MaxLexiconLine)
		case linetable.IsComment(raw):
			continue
		case linetable.InvalidUTF8(raw) >= 0:
			return fail("invalid UTF-8")
		}
		s := strings.TrimSpace(string(raw))
		where := fmt.Sprintf("%s:%d", source, sc.Line())
		if rest, ok := strings.CutPrefix(s, "@prior"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			if err := b.prior(strings.TrimSpace(rest)); err != nil {
				return fail("%v", err)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(s, "@"); ok {
			if err := b.header(rest, where); err != nil {
				return fail("%v", err)
			}
			continue
		}
		if b.cur < 0 {
			return fail("term %q before any @topic header", s)
		}
		if err := b.term(s, where); err != nil {
			return fail("%v", err)
		}
	}
	return sc.Err()
}

// header parses "topic ID | label | Arabic label".
func (b *lexiconBuilder) header(s, where string) error {
	directive, rest, _ := strings.Cut(s, " ")
	if directive != "topic" {
		return fmt.Errorf("unknown directive @%s (want @topic or @prior)", directive)
	}
	parts := strings.Split(rest, "|")
	if len(parts) < 2 || len(parts) > 3 {
		return errors.New("want @topic ID | English label | Arabic label")
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	id, label := parts[0], parts[1]
	switch {
	case id == "" || strings.ContainsAny(id, " \t"):
		return fmt.Errorf("topic ID %q: want one word", id)
	case label == "":
		return fmt.Errorf("topic %s: empty English label", id)
	}
	if prev, dup := b.ids[id]; dup {
		return fmt.Errorf("topic %s already defined at %s", id, prev)
	}
	t := Topic{ID: id, Label: label}
	if len(parts) == 3 {
		t.LabelAR = parts[2]
	}
	b.ids[id] = where
	b.topics = append(b.topics, t)
	b.priors = append(b.priors, 0)
	b.cur = len(b.topics) - 1
	return nil
}

// prior parses the number of a "@prior P" line of the current topic.
func (b *lexiconBuilder) prior(s string) error {
	if b.cur < 0 {
		return errors.New("@prior before any @topic header")
	}
	id := b.topics[b.cur].ID
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil || strings.ContainsAny(s, " \t"):
		return fmt.Errorf("@prior %q of %s: want one number", s, id)
	case !(v > 0 && v <= 10):
		return fmt.Errorf("@prior %s of %s not in (0, 10]", s, id)
	case b.priors[b.cur] != 0:
		return fmt.Errorf("second @prior for %s", id)
	}
	b.priors[b.cur] = v
	return nil
}

// term parses "words [weight]" or "=extra [weight]".
func (b *lexiconBuilder) term(s, where string) error {
	w := 1.0
	fields := strings.Fields(s)
	if n := len(fields); n > 1 {
		if v, err := strconv.ParseFloat(fields[n-1], 64); err == nil {
			if !(v > 0 && v <= 100) {
				return fmt.Errorf("weight %s of %q not in (0, 100]", fields[n-1], strings.Join(fields[:n-1], " "))
			}
			w = v
			fields = fields[:n-1]
		}
	}
	surface := strings.Join(fields, " ")
	var key string
	if extra, ok := strings.CutPrefix(surface, "="); ok {
		if extra == "" || strings.ContainsAny(extra, " \t") {
			return fmt.Errorf("extra term %q: want one word after =", surface)
		}
		key = surface
	} else {
		terms := tfidf.Terms(surface, tfidf.TermOptions{Bigrams: true})
		words := 0
		for _, t := range terms {
			if t.Kind == tfidf.Word {
				words++
			}
		}
		switch {
		case words == 0:
			return fmt.Errorf("%q gives no term (a stop word, a number or a single letter?)", surface)
		case words != len(fields):
			return fmt.Errorf("%q: %d of its %d words are kept as terms (the others are stop words, numbers or single letters); write only words that count", surface, words, len(fields))
		case words > 2:
			return fmt.Errorf("%q has %d words; want 1 or 2", surface, words)
		case len(terms) == 1:
			key = terms[0].Key
		case len(terms) == 3 && terms[2].Kind == tfidf.Bigram:
			key = terms[2].Key
		default:
			return fmt.Errorf("%q: its two words do not form a pair", surface)
		}
	}
	topic := b.cur
	k := [2]string{b.topics[topic].ID, key}
	if prev, dup := b.seen[k]; dup {
		return fmt.Errorf("%q has the key %q already listed for %s at %s", surface, key, k[0], prev)
	}
	b.seen[k] = where
	b.entries = append(b.entries, lexEntry{topic: topic, key: key, surface: surface, w: w})
	return nil
}

func (b *lexiconBuilder) build() *Lexicon {
	l := &Lexicon{
		topics:   b.topics,
		counts:   make([]int, len(b.topics)),
		priors:   make([]float64, len(b.topics)),
		postings: make(map[string][]posting),
		extras:   make(map[string][]posting),
		surfaces: make(map[string]string),
	}
	for i, p := range b.priors {
		l.priors[i] = cmp.Or(p, 1)
	}
	for _, e := range b.entries {
		l.counts[e.topic]++
		if _, ok := l.surfaces[e.key]; !ok {
			l.surfaces[e.key] = strings.TrimPrefix(e.surface, "=")
		}
		p := posting{topic: e.topic, w: e.w * l.priors[e.topic]}
		if extra, ok := strings.CutPrefix(e.key, "="); ok {
			l.extras[extra] = append(l.extras[extra], p)
			continue
		}
		l.postings[e.key] = append(l.postings[e.key], p)
		if strings.Contains(e.key, " ") {
			l.bigrams = true
		}
	}
	for _, m := range []map[string][]posting{l.postings, l.extras} {
		for _, ps := range m {
			for i := range ps {
				ps[i].w /= float64(len(ps))
			}
		}
	}
	return l
}
