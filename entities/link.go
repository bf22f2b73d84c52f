package entities

import (
	"cmp"
	"slices"
	"strings"
	"sync"

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
		taken := start // the end of the last name made a longer name of the gazetteer
		for _, sp := range spans {
			s, e := max(start+sp.Start, taken), start+sp.End
			if s < e && tokenize.JoiningHyphen(doc.Tokens, s) {
				s++
			}
			if s >= e {
				continue // أون of كيم جونغ-أون, taken with كيم جونغ
			}
			if s > start+sp.Start {
				// بيونغ يانغ of أون بيونغ يانغ: what is left of a name
				// whose start a longer name took is the gazetteer's name
				// it is, of the gazetteer's type.
				if k := slices.IndexFunc(cands, func(c Mention) bool {
					return (c.Kind == Exact || c.Kind == Clitic) && c.TokenStart == s && c.TokenEnd == e
				}); k >= 0 {
					for i := s; i < e; i++ {
						covered[i] = true
					}
					mentions = append(mentions, cands[k])
					continue
				}
			}
			// A name the model finds inside a longer name of the gazetteer,
			// of the same type, is that name: الأميركية in وزارة الخارجية
			// الأميركية; كيم جونغ of كيم جونغ-أون.
			if c, ok := longerName(cands, s, e, sp.Type, start, end); ok && (fragment(doc, cands, s, e) || cutAtHyphen(doc, c, s, e)) {
				s, e = c.TokenStart, c.TokenEnd
				taken = e
			}
			for _, np := range splitAtNames(doc, x.cfg.gaz, cands, splitAtWaw(doc, cands, s, e, sp.Type), sp.Type) {
				part, typ := np.span, np.typ
				for part[0] < part[1]-1 && (leadingParticles[doc.Tokens[part[0]].Text] || leadingVerb(doc.Tokens[part[0]], doc.Words[part[0]])) {
					part[0]++ // فإن بوتن، ختم ماسارو: a particle or a verb the model took in
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

// cutAtHyphen reports whether tokens [s, e) lie in the name c and end or
// begin at a hyphen that joins two of its words (كيم جونغ of كيم
// جونغ-أون): the model, which reads the hyphen as a word of its own, cut
// the name there.
func cutAtHyphen(doc *Document, c Mention, s, e int) bool {
	return e < c.TokenEnd && tokenize.JoiningHyphen(doc.Tokens, e) ||
		s > c.TokenStart && tokenize.JoiningHyphen(doc.Tokens, s-1)
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

// splitAtWaw cuts tokens [s, e) of a name of type typ before every word
// inside it that begins with the conjunction و (وقوات in قوات صالح وقوات
// الأمن): a name does not run across "and". An organisation's name does
// when the word is definite and no name of the gazetteer among cands
// meets it (المجلس الاقتصادي والاجتماعي، وزارة الطاقة والصناعة; not
// الإسماعيلي والمصري, two clubs). In a person's name, a preposition between two
// words (شيرين من حسام حبيب) is left out and cuts it too: no person's name
// holds one as a word, where a work's or a body's may (الحنين إلى النبي).
func splitAtWaw(doc *Document, cands []Mention, s, e int, typ string) [][2]int {
	var out [][2]int
	start := s
	for i := s + 1; i < e; i++ {
		switch {
		case conjWaw(doc, i) && !(typ == "ORG" && orgConjunct(doc, cands, i)):
			out = append(out, [2]int{start, i})
			start = i
		case typ == "PER" && i+1 < e && i > start && namePrepositions[doc.Tokens[i].Norm]:
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	return append(out, [2]int{start, e})
}

// orgConjunct reports whether token i, و and a definite word, carries on
// the name of an organisation: it begins no name or demonym of the
// gazetteer (والمصري), and no name of the gazetteer ends before it
// (الإسماعيلي).
func orgConjunct(doc *Document, cands []Mention, i int) bool {
	return strings.HasPrefix(doc.Keys[i], "وال") && !slices.ContainsFunc(cands, func(c Mention) bool {
		named := c.Kind == Exact || c.Kind == Clitic
		return c.TokenStart == i && (named || c.Kind == Demonym) || c.TokenEnd == i && named
	})
}

// namePrepositions are the prepositions, written apart, in Norm form,
// that never stand between two words of a person's name. في is left out: it
// writes the letter V of names spelt out (إي تي في).
var namePrepositions = map[string]bool{"من": true, "الى": true, "على": true, "عن": true, "مع": true}

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
// the PKK). So does a part that holds two names of the gazetteer, of two
// entities or more, with a word of the language's vocabulary between them
// (بلجيكا تقاضي غوغل، الكونغرس لرئيس مجلس الاحتياطي الاتحادي): a verb or
// a noun joins no two names into one; the other words are left out.
func splitAtNames(doc *Document, gaz *gazetteer.Index, cands []Mention, parts [][2]int, typ string) []namePart {
	var out []namePart
	for _, p := range parts {
		if names := joinedNames(doc, cands, p); names != nil {
			out = append(out, names...)
			continue
		}
		var tiles []namePart
		for at := p[0]; at < p[1]; {
			best := longestNameAt(cands, at, p[1])
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

// joinedNames returns the names of the gazetteer in the span p, longest
// first from the left, when the span begins and ends with them, they are
// of two entities or more, and a word of the vocabulary (a verb, noun or
// adjective of the tables, proclitics aside) stands between two of them;
// nil otherwise.
func joinedNames(doc *Document, cands []Mention, p [2]int) []namePart {
	var names []namePart
	firstID, several := "", false // the first name's entity; whether another follows
	glued := false
	last := -1 // the end of the last name
	for at := p[0]; at < p[1]; {
		best := longestNameAt(cands, at, p[1])
		if best < 0 {
			at++
			continue
		}
		c := cands[best]
		if last >= 0 && !glued {
			for i := last; i < c.TokenStart; i++ {
				w := doc.Words[i]
				if vocabulary(w.Class) || w.Class == 0 && w.Split.Stem != "" && vocabulary(w.StemClass) {
					glued = true
				}
			}
		}
		names = append(names, namePart{[2]int{c.TokenStart, c.TokenEnd}, c.Type.String()})
		if firstID == "" {
			firstID = c.ID
		}
		several = several || c.ID != firstID
		last, at = c.TokenEnd, c.TokenEnd
	}
	if !several || !glued || names[0].span[0] != p[0] || last != p[1] {
		// A name that begins or ends with other words holds the names
		// (جامعة كاليفورنيا بولاية لوس أنجلوس).
		return nil
	}
	return names
}

// longestNameAt returns the index in cands of the longest name of the
// gazetteer, matched exactly (proclitics apart), that starts at token at
// and ends by token end; -1 if there is none.
func longestNameAt(cands []Mention, at, end int) int {
	best := -1
	for k, c := range cands {
		if c.TokenStart == at && c.TokenEnd <= end && (c.Kind == Exact || c.Kind == Clitic) && c.ID != "" &&
			(best < 0 || c.TokenEnd > cands[best].TokenEnd) {
			best = k
		}
	}
	return best
}

// vocabulary reports whether a word of the classes c is a verb, noun or
// adjective of the tables and no part of a person's or place's name (a
// title, as in لرئيس, may be: it joins no two names).
func vocabulary(c lexicon.Class) bool {
	const builds = lexicon.FirstName | lexicon.FirstNameHead | lexicon.NamePrefix | lexicon.NameLink | lexicon.NameSuffix | lexicon.PlaceWord
	return c&(lexicon.Verb|lexicon.Noun|lexicon.Adjective) != 0 && c&builds == 0
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
