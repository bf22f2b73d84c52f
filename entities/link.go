package entities

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/entities/tagger"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// featurizers recycles the per-call scratch space of tag.
var featurizers = sync.Pool{New: func() any { return new(featurizer) }}

// tag runs the model over every sentence of doc and links the names it
// finds: it returns the mentions of people, places and organisations, and
// the names of other kinds (MISC). It sorts cands by sentence, keeping
// the order of those of each sentence.
func (x *Extractor) tag(doc *Document, cands []Mention) (mentions, other []Mention) {
	f := featurizers.Get().(*featurizer)
	defer func() {
		f.doc = nil
		clear(f.stems)
		featurizers.Put(f)
	}()
	f.parts = x.parts
	f.prepare(doc, cands)
	var (
		labels     []int
		spans      []tagger.Span
		probs      []tagger.Span
		unresolved []int // indexes in mentions of names the gazetteer does not link
		marg       []float64
	)
	covered := make([]bool, len(doc.Tokens))
	l := linker{x: x, doc: doc, stems: f.stems}
	// The candidates of each sentence, in their order: what is said of a
	// sentence reads only its own. (No candidate crosses a sentence, so
	// the order of those of one span of tokens stays as it was.)
	slices.SortStableFunc(cands, func(a, b Mention) int {
		return cmp.Compare(doc.Tokens[a.TokenStart].Sentence, doc.Tokens[b.TokenStart].Sentence)
	})
	next := 0
	all := cands
	sentenceBounds(doc.Tokens, func(start, end int) {
		first := next
		for next < len(all) && all[next].TokenStart < end {
			next++
		}
		cands := all[first:next]
		l.cands = cands
		rows, blocks := f.sentenceBlocks(start, end, x.model.t, &x.blocks)
		lat := x.model.t.LatticeBlocks(blocks, rows)
		marg = marg[:0]
		defer lat.Release()
		labels = lat.Best(labels)
		spans = x.model.bio.Spans(labels, spans)
		if len(spans) == 0 {
			// A line that is a name of the gazetteer and nothing else is a
			// byline, a source or a heading (العربية on its own line).
			if c, ok := wholeLineName(doc, cands, start, end); ok {
				mentions = append(mentions, c)
				for i := c.TokenStart; i < c.TokenEnd; i++ {
					covered[i] = true
				}
			}
			return
		}
		unresolved = unresolved[:0]
		for _, sp := range spans {
			s, e := start+sp.Start, start+sp.End
			// A name the model finds inside a longer name of the gazetteer,
			// of the same type, is that name: الأميركية in وزارة الخارجية
			// الأميركية.
			if c, ok := longerName(cands, s, e, sp.Type, start, end); ok && fragment(doc, cands, s, e) {
				s, e = c.TokenStart, c.TokenEnd
			}
			for _, np := range splitAtNames(doc, x.cfg.gaz, cands, splitAtWaw(doc, s, e), sp.Type) {
				part, typ := np.span, np.typ
				for part[0] < part[1]-1 && leadingParticles[doc.Tokens[part[0]].Text] {
					part[0]++ // فإن بوتن: a particle the model took in
				}
				for part[1]-1 > part[0] && l.trailingWord(part[0], part[1]-1) {
					part[1]-- // فريد بديلا، تميم أمير قطر
				}
				if typ == "PER" {
					var keep bool
					if part[0], keep = l.trimTitles(part[0], part[1], cands); !keep {
						continue
					}
				}
				m, ok := l.link(part[0], part[1], typ)
				if ok && m.Kind == Tagged && latinWork(doc, part[0], part[1]) {
					// فيلم The Dark Knight: a work or a product, no
					// person, place or organisation.
					m.Type, m.ID, ok = 0, "", false
				}
				if !ok {
					other = append(other, m)
					continue
				}
				for i := part[0]; i < part[1]; i++ {
					covered[i] = true
				}
				mentions = append(mentions, m)
				if m.Kind == Tagged {
					unresolved = append(unresolved, len(mentions)-1)
				}
			}
		}
		// Prominent names of the gazetteer that the model leaves out but
		// does not rule out.
		mentions = x.doubtedNames(&lat, doc, cands, start, end, covered, mentions, &marg)
		if len(unresolved) == 0 {
			return
		}
		// The model's confidence in the names only it found: the
		// probability of their labels, from a forward–backward pass that
		// the sentences of known names are spared.
		probs = lat.Spans(probs)
		for _, k := range unresolved {
			m := &mentions[k]
			m.Score = 0.001
			for _, p := range probs {
				if start+p.Start <= m.TokenStart && m.TokenEnd <= start+p.End {
					m.Score = roundScore(p.Prob)
					break
				}
			}
		}
	})
	// Names inside hashtags: the tokens the model leaves out.
	for _, c := range cands {
		if c.Kind == Hashtag && !covered[c.TokenStart] {
			mentions = append(mentions, c)
		}
	}
	mentions = x.strongNames(mentions, cands, covered)
	slices.SortStableFunc(mentions, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
	return mentions, other
}

// doubtedNames adds the exact and clitic gazetteer candidates of the
// sentence [start, end) whose entry's prior is at least minPriorDoubted,
// that no name covers, and to whose labels the model gives a
// probability of at least minProbDoubted: الموصل, which ANERcorp's
// annotators sometimes left out and the model learnt to doubt, is still
// Mosul.
func (x *Extractor) doubtedNames(lat *tagger.Lattice, doc *Document, cands []Mention, start, end int, covered []bool, mentions []Mention, marg *[]float64) []Mention {
	var doubted []Mention
	for _, c := range cands {
		if c.TokenStart < start || c.TokenEnd > end || (c.Kind != Exact && c.Kind != Clitic) || c.prior < minPriorDoubted ||
			slices.Contains(covered[c.TokenStart:c.TokenEnd], true) {
			continue
		}
		if len(*marg) == 0 {
			*marg = lat.Marginals(*marg)
		}
		p := x.model.bio.SpanProb(*marg, c.TokenStart-start, c.TokenEnd-start, c.Type.String())
		if p >= minProbDoubted {
			c.Score = roundScore(p)
			doubted = append(doubted, c)
		}
	}
	if len(doubted) == 0 {
		return mentions
	}
	for _, c := range resolve(doubted) {
		mentions = append(mentions, c)
		for i := c.TokenStart; i < c.TokenEnd; i++ {
			covered[i] = true
		}
	}
	return mentions
}

// minPriorDoubted and minProbDoubted: a gazetteer entry of this prior
// or more is a mention where the model gives its labels at least this
// probability without choosing them. Chosen by 5-fold cross-validation on
// the tuning part of ANERcorp: from prior 0.5 to 0.8 and probability 0.1
// to 0.3 the micro-F1 stays within 0.05 points of the model alone.
const (
	minPriorDoubted = 0.7
	minProbDoubted  = 0.2
)

// containsOnly reports whether every mention that overlaps c lies inside
// it and is of another type or an organisation no entry links: a linked
// organisation inside a longer description of it (التحالف الدولي in
// قوات التحالف الدولي) stays.
func containsOnly(mentions []Mention, c Mention) bool {
	for _, m := range mentions {
		if m.TokenStart >= c.TokenEnd || c.TokenStart >= m.TokenEnd {
			continue
		}
		if m.TokenStart < c.TokenStart || m.TokenEnd > c.TokenEnd || m.Type == c.Type && m.Kind != Tagged {
			return false
		}
	}
	return true
}

// Gazetteer names that are mentions wherever the model leaves their words
// out (see strongNames).
const (
	// minPriorAdded is the prior from which a caller's own entry is one.
	minPriorAdded = 0.5
	// minLongOrgWords and minPriorLongOrg: the organisations of the
	// default gazetteer named in that many words, of that prior or more.
	minLongOrgWords = 3
	minPriorLongOrg = 0.8
)

// strongNames adds the exact and clitic gazetteer matches that stand on
// their own where the model found no name:
//
//   - the entries a caller added to the embedded gazetteer with a prior
//     of minPriorAdded or more (a newsroom's curated names): the model was
//     trained without them and cannot know them; entries of plain and
//     typed lists carry no prior and are left to the model;
//   - a name matched with the place head before it (بمحافظة إب: the head
//     says it is a place, though إب alone is spelt like a month);
//   - an organisation named in three words or more, a prominent one of
//     the gazetteer (وزارة الخارجية الأميركية) or one the rules found
//     (مركز دبي التجاري العالمي), which a model trained on ANERcorp, whose
//     annotators left most ministries, agencies and centres out, would
//     miss; such a name also replaces the names the model found inside
//     it (جامعة محمد بن زايد للذكاء الاصطناعي is a university, not a
//     person). On the tuning part of ANERcorp (5-fold cross-validation)
//     these cost 0.07, 0.05 and 0.03 points of micro-F1.
func (x *Extractor) strongNames(mentions, cands []Mention, covered []bool) []Mention {
	var strong []Mention
	for _, c := range cands {
		if c.Kind != Exact && c.Kind != Clitic && c.Kind != Rule {
			continue
		}
		if slices.Contains(covered[c.TokenStart:c.TokenEnd], true) {
			// A long organisation name holds the names the model found
			// inside it: جامعة محمد بن زايد للذكاء الاصطناعي is a university,
			// مركز دبي التجاري العالمي a centre.
			if c.Type == gazetteer.ORG && c.TokenEnd-c.TokenStart >= minLongOrgWords && (c.Kind == Rule || c.prior >= minPriorLongOrg) && containsOnly(mentions, c) {
				mentions = slices.DeleteFunc(mentions, func(m Mention) bool { return m.TokenStart >= c.TokenStart && m.TokenEnd <= c.TokenEnd })
				strong = append(strong, c)
			}
			continue
		}
		if c.Kind == Rule {
			if c.Type == gazetteer.ORG && c.TokenEnd-c.TokenStart >= minLongOrgWords {
				strong = append(strong, c)
			}
			continue
		}
		added := c.prior >= minPriorAdded && x.addedEntry(c.ID)
		longOrg := c.Type == gazetteer.ORG && c.TokenEnd-c.TokenStart >= minLongOrgWords && c.prior >= minPriorLongOrg
		if added || c.headed || longOrg {
			strong = append(strong, c)
		}
	}
	return append(mentions, resolve(strong)...)
}

// addedEntry reports whether the entry with the ID is not the embedded
// default gazetteer's own.
func (x *Extractor) addedEntry(id string) bool {
	if x.base == x.cfg.gaz {
		return false
	}
	if x.base == nil {
		return true
	}
	e, ok := x.base.Summary(id)
	if !ok {
		return true
	}
	e2, _ := x.cfg.gaz.Summary(id)
	return e2 != e
}

// longerName returns the exact gazetteer candidate of the type that
// strictly contains tokens [s, e) within the sentence [start, end), the
// longest one.
func longerName(cands []Mention, s, e int, typ string, start, end int) (Mention, bool) {
	gt := typeOfLabel(typ)
	var best Mention
	found := false
	for _, c := range cands {
		if c.Kind != Exact || c.Type != gt || c.TokenStart > s || c.TokenEnd < e || c.TokenEnd-c.TokenStart == e-s ||
			c.TokenStart < start || c.TokenEnd > end {
			continue
		}
		if !found || c.TokenEnd-c.TokenStart > best.TokenEnd-best.TokenStart {
			best, found = c, true
		}
	}
	return best, found
}

// fragment reports whether tokens [s, e) cannot be a name alone: one word
// that is a demonym or has the shape of a nisba adjective (الأميركية).
func fragment(doc *Document, cands []Mention, s, e int) bool {
	if e-s != 1 {
		return false
	}
	for _, c := range cands {
		if c.Kind == Demonym && c.TokenStart <= s && c.TokenEnd >= e {
			return true
		}
	}
	return lexicon.IsNisba(doc.Keys[s], lexicon.HasArticle(doc.Keys[s]))
}

// wholeLineName returns the gazetteer candidate that covers every word of
// the sentence [start, end) when the sentence is a line of its own.
func wholeLineName(doc *Document, cands []Mention, start, end int) (Mention, bool) {
	first, last := -1, -1
	for i := start; i < end; i++ {
		if doc.Tokens[i].Kind.IsWord() || doc.Tokens[i].Kind == tokenize.Hashtag {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || !ownLine(doc.Text, doc.Tokens[start].Start, doc.Tokens[end-1].End) {
		return Mention{}, false
	}
	for _, c := range cands {
		if (c.Kind == Exact || c.Kind == Clitic) && c.TokenStart == first && c.TokenEnd == last+1 {
			return c, true
		}
	}
	return Mention{}, false
}

// ownLine reports whether text[start:end] is alone on its line but for
// spaces.
func ownLine(text string, start, end int) bool {
	before := text[:start]
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	after := text[end:]
	if i := strings.IndexByte(after, '\n'); i >= 0 {
		after = after[:i]
	}
	return strings.TrimSpace(before) == "" && strings.TrimSpace(after) == ""
}

// splitAtWaw cuts tokens [s, e) before every word inside it that begins
// with the conjunction و (وقوات in قوات صالح وقوات الأمن): a name does not
// run across "and".
func splitAtWaw(doc *Document, s, e int) [][2]int {
	var out [][2]int
	start := s
	for i := s + 1; i < e; i++ {
		if conjWaw(doc, i) {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	return append(out, [2]int{start, e})
}

// namePart is a part of a name the model found: tokens [0, 1) and the
// type label to link them with.
type namePart struct {
	span [2]int
	typ  string
}

// splitAtNames returns the parts of a name the model found, each with
// the model's type, but a part whose tokens are two or more names of the
// gazetteer, end to end, of two entities or more, becomes those names
// with their types (والاتحاد الأوروبي حزب العمال الكردستاني: the EU and
// the PKK).
func splitAtNames(doc *Document, gaz *gazetteer.Index, cands []Mention, parts [][2]int, typ string) []namePart {
	var out []namePart
	for _, p := range parts {
		var tiles []namePart
		for at := p[0]; at < p[1]; {
			best := -1
			for k, c := range cands {
				if c.TokenStart == at && c.TokenEnd <= p[1] && (c.Kind == Exact || c.Kind == Clitic) && c.ID != "" &&
					(best < 0 || c.TokenEnd > cands[best].TokenEnd) {
					best = k
				}
			}
			if best < 0 {
				tiles = nil
				break
			}
			tiles = append(tiles, namePart{[2]int{at, cands[best].TokenEnd}, cands[best].Type.String()})
			at = cands[best].TokenEnd
		}
		switch {
		case len(tiles) >= 2 && !sameEntity(cands, tiles):
			out = append(out, tiles...)
		case typ == "PER":
			out = append(out, splitPerson(doc, gaz, cands, p)...)
		default:
			out = append(out, namePart{p, typ})
		}
	}
	return out
}

// splitPerson returns a person's name the model found as its parts when
// it begins or ends with a place or organisation of the gazetteer and two
// words or more are left for the person (ونجمة بوليوود بريانكا شوبرا: the
// place, then the person; صابرين إمتاير لبي بي سي: the person, then the
// outlet).
func splitPerson(doc *Document, gaz *gazetteer.Index, cands []Mention, p [2]int) []namePart {
	nameWords := func(s, e int) bool {
		return slices.ContainsFunc(doc.Words[s:e], func(w lexicon.Word) bool { return w.Class&(lexicon.FirstName|lexicon.FirstNameHead) != 0 })
	}
	for _, c := range cands {
		if c.ID == "" || c.Type == gazetteer.PER || c.Kind != Exact && c.Kind != Clitic || nameWords(c.TokenStart, c.TokenEnd) {
			continue
		}
		switch {
		case c.TokenStart == p[0] && c.TokenEnd <= p[1]-2 && !doc.Words[p[0]].Definite:
			// Not a word with the article, which may be a first name
			// (الزبير بشير طه).
			return []namePart{{[2]int{p[0], c.TokenEnd}, c.Type.String()}, {[2]int{c.TokenEnd, p[1]}, "PER"}}
		case c.TokenEnd == p[1] && c.TokenStart >= p[0]+2 && c.Clitic != "":
			// Only after a preposition: a place ends many names (أحمد
			// أبو غزة، إسماعيل بن الخليل).
			return []namePart{{[2]int{p[0], c.TokenStart}, "PER"}, {[2]int{c.TokenStart, p[1]}, c.Type.String()}}
		}
	}
	// An outlet after ل whose first word has two letters, which the
	// gazetteer's candidates leave out (لبي بي سي).
	for k := p[0] + 2; k < p[1]; k++ {
		t := doc.Tokens[k]
		if !strings.HasPrefix(t.Text, "ل") {
			continue
		}
		for _, c := range gaz.Lookup(doc.Text[t.Start+len("ل") : doc.Tokens[p[1]-1].End]) {
			if c.Method == gazetteer.Exact && c.Entry.Type != gazetteer.PER && c.Entry.Type != 0 {
				return []namePart{{[2]int{p[0], k}, "PER"}, {[2]int{k, p[1]}, c.Entry.Type.String()}}
			}
		}
	}
	return []namePart{{p, "PER"}}
}

// sameEntity reports whether the gazetteer names of tiles are all one
// entity's (البوسنة والهرسك).
func sameEntity(cands []Mention, tiles []namePart) bool {
	id := ""
	for _, t := range tiles {
		for _, c := range cands {
			if c.TokenStart == t.span[0] && c.TokenEnd == t.span[1] && (c.Kind == Exact || c.Kind == Clitic) {
				if id == "" {
					id = c.ID
				} else if c.ID != id {
					return false
				}
				break
			}
		}
	}
	return true
}

// conjWaw reports whether token i reads as و + a word: it begins with و,
// has four letters or more, and is not a first name.
func conjWaw(doc *Document, i int) bool {
	t := &doc.Tokens[i]
	if t.Kind != tokenize.ArabicWord || !strings.HasPrefix(doc.Keys[i], "و") || !runesAtLeast(doc.Keys[i], 4) {
		return false
	}
	return doc.Words[i].Class&(lexicon.FirstName|lexicon.FirstNameHead) == 0
}

// linker gives the names the model finds their IDs.
type linker struct {
	x     *Extractor
	doc   *Document
	cands []Mention
	stems []string
	// written holds the keys of the text's words: those of the whole
	// text for a window of a longer one, else built on first use by
	// strippedWritten.
	written map[string]bool
}

// strippedWritten returns the stem of key without a conjunction or
// preposition (not ك, nor letters the spelling drops) when the document
// also writes the stem as a word of its own, or "": وكريستيان ستواني
// where the article writes ستواني's first name alone elsewhere, or
// لدولوريس beside دولوريس.
func (l *linker) strippedWritten(key string) string {
	for _, sp := range tokenize.Proclitics(key) {
		if sp.Restored != "" || sp.Prep == tokenize.PrepKa || sp.Prep == tokenize.FutSa || utf8.RuneCountInString(sp.Stem) < 3 {
			continue
		}
		if l.written == nil && l.doc.written != nil {
			l.written = l.doc.written
		}
		if l.written == nil {
			l.written = make(map[string]bool, len(l.doc.Keys))
			for _, k := range l.doc.Keys {
				l.written[k] = true
			}
		}
		if l.written[sp.Stem] {
			return sp.Stem
		}
	}
	return ""
}

// link returns the mention of tokens [s, e) found by the model with type
// typ and probability prob. It links a gazetteer entry of the same type
// whose candidate has the same tokens, or failing that the one that
// overlaps most while covering at least half of the shorter of the two;
// a name no entry links gets a generated ID. ok is false for a type that
// is not a person, place or organisation (MISC).
func (l *linker) link(s, e int, typ string) (m Mention, ok bool) {
	doc := l.doc
	start, end := doc.Tokens[s].Start, doc.Tokens[e-1].End
	m = Mention{Text: doc.Text[start:end], Start: start, End: end, Kind: Tagged, TokenStart: s, TokenEnd: e}
	gt := typeOfLabel(typ)
	if gt == 0 {
		return m, false
	}
	m.Type = gt
	best, bestRank := -1, [3]int{}
	for k := range l.cands {
		c := &l.cands[k]
		if c.ID == "" || c.Type != gt || !linkable(c.Kind) {
			continue
		}
		lo, hi := max(s, c.TokenStart), min(e, c.TokenEnd)
		if hi <= lo {
			continue
		}
		overlap := hi - lo
		same := 0
		switch {
		case c.TokenStart == s && c.TokenEnd == e:
			same = 1
		case s >= c.TokenStart && e <= c.TokenEnd:
			// The name is inside the candidate: a part of a known name.
			if 2*overlap < c.TokenEnd-c.TokenStart {
				continue
			}
		case c.TokenStart >= s && c.TokenEnd <= e:
			// The candidate is inside the name: it links only when the
			// name's other words are not name-like (كارلوس راموس is not
			// the راموس of the gazetteer).
			if l.nameLike(s, c.TokenStart) || l.nameLike(c.TokenEnd, e) {
				continue
			}
		default:
			continue
		}
		rank := [3]int{same, overlap, -int(c.Kind)}
		if best < 0 || cmp.Compare(rank[0], bestRank[0]) > 0 ||
			rank[0] == bestRank[0] && (rank[1] > bestRank[1] || rank[1] == bestRank[1] && rank[2] > bestRank[2]) {
			best, bestRank = k, rank
		}
	}
	if best >= 0 {
		c := &l.cands[best]
		m.ID, m.Kind, m.Alternatives, m.Score = c.ID, c.Kind, c.Alternatives, c.Score
		if c.TokenStart == s {
			m.Clitic = c.Clitic
		}
		return m, true
	}
	// No candidate: the words may still be a name of the gazetteer that
	// Find leaves out on its own (a month's spelling: إب, Ibb; a common
	// word: صور, Tyre), or a spelling variant of one (بلنكن), which the
	// model reads as a name here.
	for _, c := range l.x.cfg.gaz.Lookup(doc.Text[start:end]) {
		if c.Entry.Type != gt || c.Method == gazetteer.Demonym || c.Method == gazetteer.Fuzzy && !l.x.cfg.fuzzy {
			continue
		}
		m.ID, m.Clitic, m.Score = c.Entry.ID, c.Clitic, c.Score
		switch c.Method {
		case gazetteer.Clitic:
			m.Kind = Clitic
		case gazetteer.Fuzzy:
			m.Kind = Fuzzy
		default:
			m.Kind = Exact
		}
		return m, true
	}
	// A name of the gazetteer after a proclitic that it does not strip
	// from a word of two letters (لبي بي سي: ل + بي بي سي), of the
	// gazetteer's type whatever the model's.
	if r, size := utf8.DecodeRuneInString(m.Text); e-s >= 2 && strings.ContainsRune("وفبل", r) {
		for _, c := range l.x.cfg.gaz.Lookup(m.Text[size:]) {
			if c.Method == gazetteer.Exact && c.Entry.Type != 0 {
				m.ID, m.Type, m.Clitic, m.Score, m.Kind = c.Entry.ID, c.Entry.Type, string(r), c.Score, Clitic
				return m, true
			}
		}
	}
	keys := slices.Clone(doc.Keys[s:e])
	stem := l.stems[s]
	if stem == "" || stem == keys[0] {
		stem = nameStem(doc.Words[s])
	}
	if stem == "" {
		stem = l.strippedWritten(keys[0])
	}
	if stem == "" {
		stem = conjunctStem(doc.Words[s], keys[0], e-s)
	}
	if stem != "" && stem != keys[0] && strings.HasSuffix(keys[0], stem) {
		if clitic := keys[0][:len(keys[0])-len(stem)]; gt != gazetteer.PER || !strings.HasSuffix(clitic, "ك") {
			// A person's name starts with ك more often than after it
			// (كايلي جينر, not ك + إيلي).
			m.Clitic, keys[0] = clitic, stem
		}
	}
	m.ID = generatedID(gt, keys)
	return m, true
}

// workHeads are the words (in Key form) that name the kind of a work or
// a product written after them: a film, a series, a book, a song, a game,
// a phone, an application.
var workHeads = map[string]bool{
	"فيلم": true, "الفيلم": true, "مسلسل": true, "المسلسل": true, "برنامج": true, "البرنامج": true,
	"كتاب": true, "الكتاب": true, "روايه": true, "الروايه": true, "اغنيه": true, "الاغنيه": true,
	"البوم": true, "الالبوم": true, "لعبه": true, "اللعبه": true, "مسرحيه": true, "المسرحيه": true,
	"سلسله": true, "السلسله": true, "هاتف": true, "الهاتف": true, "جهاز": true, "الجهاز": true,
	"تطبيق": true, "التطبيق": true,
}

// latinWork reports whether tokens [s, e) are words in Latin script (and
// numbers) right after a word naming a work or a product, with or without
// a proclitic (بفيلم، ومسلسل): a title or a model name (فيلم The Dark
// Knight، هاتف Pixel 3 XL), which the model must not take for a name of
// its three types.
func latinWork(doc *Document, s, e int) bool {
	if s == 0 || doc.Tokens[s-1].Sentence != doc.Tokens[s].Sentence {
		return false
	}
	for i := s; i < e; i++ {
		if k := doc.Tokens[i].Kind; k != tokenize.LatinWord && k != tokenize.Number {
			return false
		}
	}
	head := doc.Keys[s-1]
	if workHeads[head] {
		return true
	}
	for _, sp := range tokenize.Proclitics(head) {
		if sp.Restored == "" && workHeads[sp.Stem] {
			return true
		}
	}
	return false
}

// nameStart is the word tables whose words begin names.
const nameStart = lexicon.FirstName | lexicon.FirstNameHead | lexicon.OrgHead | lexicon.PlaceHead | lexicon.NamePrefix

// nameStem returns the stem of the first word of a name when the word
// reads as proclitics before a word that begins names and the tables do
// not know it as written (لكيم كارداشيان، بوزارة الثقافة), or "". ك is
// never read so (كايلي is no ك + إيلي), nor a stem with a restored letter.
func nameStem(w lexicon.Word) string {
	if w.Class != 0 || w.Split.Stem == "" || w.Split.Restored != "" || w.StemClass&nameStart == 0 || strings.HasSuffix(w.Split.Prefix, "ك") {
		return ""
	}
	return w.Split.Stem
}

// leadingParticles are the particles, as written, that the model may
// take in at the start of a name (فإن بوتن). They are matched with their
// hamza: فان is also van (فان دايك).
var leadingParticles = map[string]bool{
	"إن": true, "أن": true, "فإن": true, "وإن": true, "بأن": true, "لأن": true, "كأن": true,
	"لكن": true, "ولكن": true, "قد": true, "فقد": true, "وقد": true, "لقد": true,
}

// conjunctStem returns the first word of a name of words words without
// the conjunction و or ف when the tables know neither the word nor a
// reading of it and the letter after it cannot be a W or an F's next
// (وغاريث بيل، وهيفاء حسين، وشونجكينغ: و + غاريث; فجاستن: ف + جاستن),
// or "". A name of one word keeps its conjunction unless four letters or
// more are left. A transliterated W is written و before
// a long vowel (واشنطن، ويليام، وولتر), and و before the article is that
// W when the article leaves fewer than four letters (والاس، والتر).
// Names of the tables that begin with و (وليد، وفاء) are known as
// written.
func conjunctStem(w lexicon.Word, key string, words int) string {
	least := 3
	if words == 1 {
		least = 4
	}
	if w.Class != 0 || w.Split.Stem != "" || !runesAtLeast(key, least+1) {
		return ""
	}
	if rest, ok := strings.CutPrefix(key, "ف"); ok {
		// فجاستن بوغليسي: F is written ف before a vowel, r, l or n
		// (فابيو، فرانك، فلوريان، فنسنت), k (فكتور) or t.
		if r, _ := utf8.DecodeRuneInString(rest); strings.ContainsRune("اويرلنكته", r) {
			return ""
		}
		return rest
	}
	rest, ok := strings.CutPrefix(key, "و")
	if !ok {
		return ""
	}
	if bare, ok := strings.CutPrefix(rest, lexicon.Article); ok {
		if utf8.RuneCountInString(bare) < 4 {
			return ""
		}
		return rest
	}
	switch r, _ := utf8.DecodeRuneInString(rest); r {
	case 'ا', 'ي', 'و':
		return ""
	}
	return rest
}

// trailingWord reports whether token i, the last of a name the model
// found that starts at token first, ends no name: a word in Latin letters
// in a name that starts in Arabic (a gloss), an accusative of a noun or adjective the tables know (شارك فريد
// بديلا: as a substitute), or a title before the name of what it governs
// (الشيخ تميم أمير قطر).
func (l *linker) trailingWord(first, i int) bool {
	k := l.doc.Keys[i]
	if l.doc.Tokens[i].Kind == tokenize.LatinWord && l.arabicName(first, i) {
		return true // منظمة حقوق الإنسان Rights Watch: a gloss after the name
	}
	if l.doc.Words[i].Class&(lexicon.FirstName|lexicon.FirstNameHead|lexicon.NameSuffix) != 0 {
		// أمير is a first name and a title: a title before a place.
		return l.doc.Words[i].Class&lexicon.Title != 0 && i+1 < len(l.doc.Tokens) && l.placeAt(i+1)
	}
	if stem, ok := strings.CutSuffix(k, "ا"); ok && !l.doc.Words[i].Definite && l.x.lex.Class(stem)&(lexicon.Noun|lexicon.Adjective) != 0 {
		// The alef of the accusative is never written after the
		// article (جامع الفنا، ولد الفقرا).
		return true
	}
	return l.doc.Words[i].Class&lexicon.Title != 0 && i+1 < len(l.doc.Tokens) && l.placeAt(i+1)
}

// arabicName reports whether tokens [first, i) end in two Arabic words or
// more, the last no head of a name (بنك J.P. Morgan is one name).
func (l *linker) arabicName(first, i int) bool {
	j := i
	for j > first && l.doc.Tokens[j-1].Kind != tokenize.ArabicWord {
		j--
	}
	return j-first >= 2 && l.doc.Tokens[j-1].Kind == tokenize.ArabicWord && l.doc.Tokens[first].Kind == tokenize.ArabicWord &&
		l.doc.Words[j-1].Class&(lexicon.OrgHead|lexicon.PlaceHead) == 0
}

// placeAt reports whether a place or organisation of the gazetteer starts
// at token i, in its sentence.
func (l *linker) placeAt(i int) bool {
	if l.doc.Tokens[i].Sentence != l.doc.Tokens[i-1].Sentence {
		return false
	}
	return slices.ContainsFunc(l.cands, func(c Mention) bool {
		return c.TokenStart == i && (c.Type == gazetteer.LOC || c.Type == gazetteer.ORG) && (c.Kind == Exact || c.Kind == Clitic)
	})
}

// titleWord reports whether token i is the first word of a title of the
// tables with the article (الفنان، المدرب), or a foreign title (جنرال،
// بروفيسور): without the article, شيخ and سيد begin names (شيخ شريف شيخ
// أحمد).
func (l *linker) titleWord(i int) bool {
	w := l.doc.Words[i]
	return w.Class&lexicon.Title != 0 && w.Definite || foreignTitles[l.doc.Keys[i]]
}

// foreignTitles are titles borrowed from other languages, in Key form,
// that come before a name without the article and begin none.
var foreignTitles = map[string]bool{
	"جنرال": true, "بروفيسور": true, "بروفسور": true, "بروفيسوره": true, "كابتن": true,
	"سيناتور": true, "مستر": true, "مسيو": true, "مدام": true, "مادام": true,
}

// trimTitles removes the title words at the start of a person's name
// found by the model (العهد in ولي العهد السعودي) and reports whether a
// name is left: not when nothing is, nor when what is left is one word
// that is a demonym, a nisba adjective or common vocabulary (السعودي).
func (l *linker) trimTitles(s, e int, cands []Mention) (int, bool) {
	for s < e && (personTitles[l.doc.Keys[s]] || l.titleWord(s)) {
		s++
	}
	if s == e {
		return s, false
	}
	if e-s == 1 {
		k := l.doc.Keys[s]
		if lexicon.IsNisba(k, lexicon.HasArticle(k)) && l.doc.Words[s].Class&lexicon.FirstName == 0 || l.doc.Common(s) {
			return s, false
		}
		for _, c := range cands {
			if c.Kind == Demonym && c.TokenStart <= s && s < c.TokenEnd {
				return s, false
			}
		}
	}
	return s, true
}

// nameLike reports whether a token of [i, j) may be part of a name: a
// word that is neither a function word, common vocabulary nor a title.
func (l *linker) nameLike(i, j int) bool {
	for k := i; k < j; k++ {
		t := &l.doc.Tokens[k]
		if !t.Kind.IsWord() || tokenize.IsStopWord(t.Norm) {
			continue
		}
		w := l.doc.Words[k]
		if (w.Class|w.StemClass)&(lexicon.Common|lexicon.NotName) != 0 && w.Class&lexicon.FirstName == 0 || l.doc.Common(k) {
			continue
		}
		return true
	}
	return false
}

// linkable reports whether a candidate's kind may give a tagged name its
// ID: the gazetteer's matches and a caller's recognisers' candidates, not
// rules (whose IDs are generated) nor demonyms.
func linkable(k Kind) bool {
	return k != Rule && k != Demonym && k != Hashtag && k != Partial && k != Tagged
}

// roundScore keeps three decimals of a probability, at least 0.001.
func roundScore(p float64) float64 {
	return max(float64(int(p*1000+0.5))/1000, 0.001)
}

// NameID returns the ID that the extractor gives a name of type t no
// gazetteer entry links, written surface (its whole words, without
// proclitics): "per:gen:" and a hash of the keys of its tokens
// (tokenize.Default), so that a name gets the same ID in every text and
// in every pipeline that calls NameID — the English one of package
// entities/english gives "J.P. Morgan" the ID an Arabic text's J.P.
// Morgan gets.
func NameID(t gazetteer.Type, surface string) string {
	return generatedID(t, gazetteer.TokenKeys(tokenize.Tokenize(surface)))
}

// generatedID returns the stable ID of a name no gazetteer entry links:
// its type, "gen" and a hash of its keys, so that the same name gets the
// same ID in every text ("per:gen:3f2a9c1b0d4e").
func generatedID(t gazetteer.Type, keys []string) string {
	sum := sha1.Sum([]byte(strings.Join(keys, " ")))
	return strings.ToLower(t.String()) + ":gen:" + hex.EncodeToString(sum[:6])
}
