package english

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/tagger"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// featurizers recycles the scratch space of tag.
var featurizers = sync.Pool{New: func() any { return new(featurizer) }}

// Gazetteer names that are mentions where the model leaves them out: an
// entry of this prior or more whose labels the model gives at least this
// probability without choosing them (Mosul in a list the model reads as a
// title), and a caller's own entries of minPriorAdded or more, which the
// model was trained without. The values are those of the Arabic
// extractor, checked on the dev part of WikiANN (see model/README.md).
const (
	minPriorDoubted = 0.7
	minProbDoubted  = 0.2
	minPriorAdded   = 0.5
)

// tag runs the model over every sentence of d and links the names it
// finds: it returns the mentions of people, places and organisations, and
// the names of other kinds (MISC).
func (x *Extractor) tag(ctx context.Context, d *document, cands []candidate) (mentions, other []entities.Mention, err error) {
	f := featurizers.Get().(*featurizer)
	defer func() {
		f.doc = nil
		featurizers.Put(f)
	}()
	f.parts, f.prose = x.names.parts, x.model.prose
	f.prepare(d, cands)
	var (
		labels []int
		spans  []tagger.Span
		marg   []float64
	)
	covered := make([]bool, len(d.toks))
	for s := range d.sents {
		if s%64 == 63 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		start := d.sents[s].TokenStart
		rows, blocks := f.sentenceBlocks(s, x.model.t, &x.blocks)
		lat := x.model.t.LatticeBlocks(blocks, rows)
		labels = lat.Best(labels)
		spans = x.model.bio.Spans(labels, spans)
		for _, sp := range spans {
			for _, part := range d.pieces(cands, start+sp.Start, start+sp.End) {
				m, keep, misc := x.link(d, cands, part[0], part[1], sp.Type)
				if misc {
					other = append(other, m)
				}
				if !keep {
					continue
				}
				if m.Kind == entities.Tagged {
					// The model's confidence in the span it chose.
					if len(marg) == 0 {
						marg = lat.Marginals(marg)
					}
					m.Score = max(x.model.bio.SpanProb(marg, sp.Start, sp.End, m.Type.String()), minTaggedScore)
				}
				for i := m.TokenStart; i < m.TokenEnd; i++ {
					covered[i] = true
				}
				mentions = append(mentions, m)
			}
		}
		mentions = x.doubted(&lat, d, cands, s, covered, mentions, &marg)
		marg = marg[:0]
		lat.Release()
	}
	mentions = x.added(d, cands, covered, mentions)
	slices.SortStableFunc(mentions, func(a, b entities.Mention) int { return cmp.Compare(a.Start, b.Start) })
	return mentions, other, nil
}

// link returns the mention of tokens [s, e) that the model tags typ, and
// whether to keep it: see linkTo. A name of a type that is not a person,
// place or organisation (MISC) is returned with keep false and misc true.
//
// A model trained on Wikipedia's link anchors runs names into the words
// around them ("Hussein said", "Iraqi troops", quotation marks), which
// news annotation never does: when no name of the gazetteer accounts for
// the tokens, the lower-case words and punctuation at either end are cut
// off (a name starts and ends with a capitalised word or a number), and
// what is then only title words and demonyms (Iraqi Foreign Minister,
// Prime Minister, Iraqi) is no name.
func (x *Extractor) link(d *document, cands []candidate, s, e int, typ string) (m entities.Mention, keep, misc bool) {
	gt := typeOf(typ)
	if gt == 0 {
		return d.mention(s, e, 0, "", entities.Tagged, 0, nil), false, true
	}
	if m, ok := linkTo(d, cands, s, e, gt); ok {
		return m, true, false
	}
	for s < e && !d.nameEdge(s) {
		s++
	}
	for e > s && !d.nameEdge(e-1) {
		e--
	}
	if s == e || d.onlyTitles(cands, s, e) {
		return m, false, false
	}
	if gt == gazetteer.PER {
		s = d.afterTitles(cands, s, e)
	}
	if m, ok := linkTo(d, cands, s, e, gt); ok {
		return m, true, false
	}
	// A name has a proper noun, and is no function word alone (a
	// sentence's first word Beyond, which prose may read as a proper noun).
	if !d.hasProperNoun(s, e) || e-s == 1 && tokenize.EnglishFunctionWords.Contains(d.keys[s]) {
		return m, false, false
	}
	start, end := d.toks[s].Start, d.toks[e-1].End
	return d.mention(s, e, gt, entities.NameID(gt, d.text[start:end]), entities.Tagged, minTaggedScore, nil), true, false
}

// minTaggedScore is the least Score of a mention the model found: a
// Score is in (0, 1].
const minTaggedScore = 0.01

// hasProperNoun reports whether prose tags a token of [s, e) as a proper
// noun (NNP, NNPS). A name the gazetteer lacks has one; a capitalised
// word that prose reads as a common word, a verb or a preposition (a
// subheading's Training) is no name.
func (d *document) hasProperNoun(s, e int) bool {
	for i := s; i < e; i++ {
		if t := d.toks[i].Tag; t == "NNP" || t == "NNPS" {
			return true
		}
	}
	return false
}

// linkTo returns the mention of the gazetteer's name for tokens [s, e)
// of a name of type gt: the name with the same tokens, of the same type
// or, failing that, of another (Washington tagged as an organisation is
// still the city: the gazetteer knows the name better than a model
// trained on Wikipedia knows its type); or else the one of the same type
// that covers most of the tokens while the rest are title words
// (Secretary of State Antony Blinken), or of another type when the rest
// is only title words (Prime Minister Mustafa al-Kadhimi tagged as an
// organisation), or that holds the tokens as at least half of itself. It reports false when no name fits.
func linkTo(d *document, cands []candidate, s, e int, gt gazetteer.Type) (entities.Mention, bool) {
	best, bestRank := -1, [3]int{}
	for k := range cands {
		c := &cands[k]
		if c.demonym {
			continue
		}
		var rank [3]int
		switch {
		case c.start == s && c.end == e && c.typ == gt:
			rank = [3]int{3, c.end - c.start, 0}
		case c.start == s && c.end == e:
			rank = [3]int{2, c.end - c.start, 0}
		case c.typ != gt && c.start >= s && c.end <= e && d.onlyTitles(cands, s, c.start) && d.onlyTitles(cands, c.end, e):
			rank = [3]int{1, c.end - c.start, -1}
		case c.typ != gt:
			continue
		case c.start >= s && c.end <= e && !d.nameLike(s, c.start) && !d.nameLike(c.end, e):
			rank = [3]int{1, c.end - c.start, 0}
		case s >= c.start && e <= c.end && 2*(e-s) >= c.end-c.start:
			rank = [3]int{1, e - s, -1}
		default:
			continue
		}
		if best < 0 || slices.Compare(rank[:], bestRank[:]) > 0 {
			best, bestRank = k, rank
		}
	}
	if best < 0 {
		return entities.Mention{}, false
	}
	c := &cands[best]
	if c.start >= s && c.end <= e {
		s, e = c.start, c.end
	}
	return d.mention(s, e, c.typ, c.id, entities.Exact, scoreExact, c.alts), true
}

// pieces cuts tokens [s, e) of a name the model found at every word a
// name does not run across in news: a lower-case word that is not a
// particle of names (of, the, al, bin, de…: Arne Slot said Salah, Egypt
// beat Ethiopia) and a possessive 's (Jordan 's King Abdullah), unless a
// name of the gazetteer spans the cut (international coalition).
func (d *document) pieces(cands []candidate, s, e int) [][2]int {
	var out [][2]int
	from := s
	for i := s; i < e; i++ {
		if !d.breaksName(i) || slices.ContainsFunc(cands, func(c candidate) bool { return !c.demonym && c.start <= i && i < c.end }) {
			continue
		}
		if from < i {
			out = append(out, [2]int{from, i})
		}
		from = i + 1
	}
	if from < e {
		out = append(out, [2]int{from, e})
	}
	return out
}

// breaksName reports whether token i ends a name before it and starts
// none: a lower-case word other than a particle of names, a day or a
// month, or a possessive.
func (d *document) breaksName(i int) bool {
	k := d.keys[i]
	if k == "'s" || k == "’s" {
		return true
	}
	return d.shapes[i] == shapeLower && !nameParticles[k] || calendarWords[k]
}

// calendarWords are the days and the months that are never part of a
// person's, place's or organisation's name in news (the State Department
// on Wednesday). May, March and August are left out: they are names too.
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "april": true, "june": true, "july": true,
	"september": true, "october": true, "november": true, "december": true,
}

// nameParticles are the lower-case words found inside names: Bank of
// England, Abu Mahdi al-Muhandis, Mohammed bin Salman, Charles de Gaulle.
var nameParticles = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "on": true, "de": true, "del": true, "della": true,
	"da": true, "di": true, "du": true, "des": true, "dos": true, "das": true, "la": true, "le": true,
	"les": true, "al": true, "el": true, "bin": true, "ibn": true, "bint": true, "ben": true, "abu": true,
	"van": true, "von": true, "der": true, "den": true, "y": true, "&": true, "al-": true, "el-": true,
}

// nameEdge reports whether token i may begin or end a name: a capitalised
// word or a word with a digit (G20, 2021).
func (d *document) nameEdge(i int) bool {
	return d.shapes[i].capitalised() || strings.ContainsFunc(d.toks[i].Text, unicode.IsDigit)
}

// onlyTitles reports whether every token of [s, e) is a title word or
// lies in a demonym of the gazetteer.
func (d *document) onlyTitles(cands []candidate, s, e int) bool {
	for i := s; i < e; i++ {
		if titleWords[d.keys[i]] {
			continue
		}
		if !slices.ContainsFunc(cands, func(c candidate) bool { return c.demonym && c.start <= i && i < c.end }) {
			return false
		}
	}
	return true
}

// afterTitles returns where a person's name of tokens [s, e) starts
// once the titles before it are left out: after the last title word
// (not an honorific, nor of or the) that a capitalised word other than a title word
// follows, when every token before it is a title word, a demonym or a
// capitalised word (Jordanian Water Minister Raed Abu Soud, Manager Arne
// Slot); s when there is none (John Major).
func (d *document) afterTitles(cands []candidate, s, e int) int {
	cut := s
	for i := s; i < e-1; i++ {
		k := d.keys[i]
		demonym := slices.ContainsFunc(cands, func(c candidate) bool { return c.demonym && c.start <= i && i < c.end })
		if !titleWords[k] && !demonym && !d.shapes[i].capitalised() {
			return s
		}
		next := i + 1
		if titleWords[k] && !honorifics[k] && d.shapes[next].capitalised() && !titleWords[d.keys[next]] {
			cut = next
		}
	}
	return cut
}

// honorifics are the title words that stay part of a person's name when
// they come before it (Sir Robert Whigham, Pope Francis, King Abdullah,
// Sheikh Tamim): the office words (Minister, President, Manager) do not.
var honorifics = map[string]bool{
	"of": true, "the": true, "sir": true, "pope": true, "king": true, "queen": true, "prince": true,
	"princess": true, "crown": true, "sheikh": true, "emir": true, "sultan": true, "ayatollah": true, "imam": true,
}

// nameLike reports whether a token of [i, j) may be part of a name: a
// capitalised word that is not a title word.
func (d *document) nameLike(i, j int) bool {
	for k := i; k < j; k++ {
		if d.shapes[k].capitalised() && !titleWords[d.keys[k]] {
			return true
		}
	}
	return false
}

// titleWords are the words of the titles that come before names in
// English news, in key form (lower case): Secretary of State Antony
// Blinken, Prime Minister Mustafa al-Kadhimi.
var titleWords = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sir": true, "president": true, "vice": true,
	"prime": true, "minister": true, "secretary": true, "state": true, "foreign": true, "defense": true,
	"defence": true, "general": true, "gen": true, "gen.": true, "king": true, "queen": true, "prince": true,
	"princess": true, "crown": true, "sheikh": true, "emir": true, "sultan": true, "pope": true,
	"ambassador": true, "envoy": true, "senator": true, "sen.": true, "rep.": true, "governor": true,
	"mayor": true, "chancellor": true, "spokesman": true, "spokeswoman": true, "commander": true,
	"chief": true, "deputy": true, "speaker": true, "ayatollah": true, "imam": true, "colonel": true,
	"col.": true, "lt.": true, "lieutenant": true, "major": true, "captain": true, "judge": true,
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "iraqi": true, "american": true, "u.s.": true,
	"us": true, "of": true, "the": true, "caretaker": true, "manager": true, "coach": true, "executive": true,
	"ceo": true, "chairman": true, "director": true, "striker": true, "forward": true, "midfielder": true,
}

// typeOf maps a tagger type to a gazetteer type; MISC and unknown types
// give 0.
func typeOf(s string) gazetteer.Type {
	switch s {
	case "PER":
		return gazetteer.PER
	case "LOC":
		return gazetteer.LOC
	case "ORG":
		return gazetteer.ORG
	}
	return 0
}

// doubted adds the gazetteer's names of sentence s, of a prior of
// minPriorDoubted or more, that no mention covers and to whose labels the
// model gives a probability of minProbDoubted or more.
func (x *Extractor) doubted(lat *tagger.Lattice, d *document, cands []candidate, s int, covered []bool, mentions []entities.Mention, marg *[]float64) []entities.Mention {
	sent := d.sents[s]
	var found []candidate
	for _, c := range cands {
		if c.demonym || c.prior < minPriorDoubted || c.start < sent.TokenStart || c.end > sent.TokenEnd ||
			slices.Contains(covered[c.start:c.end], true) {
			continue
		}
		if len(*marg) == 0 {
			*marg = lat.Marginals(*marg)
		}
		if x.model.bio.SpanProb(*marg, c.start-sent.TokenStart, c.end-sent.TokenStart, c.typ.String()) >= minProbDoubted {
			found = append(found, c)
		}
	}
	for _, c := range pick(found, len(d.toks)) {
		mentions = append(mentions, d.mention(c.start, c.end, c.typ, c.id, entities.Exact, scoreExact, c.alts))
		for i := c.start; i < c.end; i++ {
			covered[i] = true
		}
	}
	return mentions
}

// added adds the names of entries a caller added to the embedded
// gazetteer with a prior of minPriorAdded or more (a newsroom's curated
// names) wherever no mention covers them: the model was trained without
// them and cannot know them.
func (x *Extractor) added(d *document, cands []candidate, covered []bool, mentions []entities.Mention) []entities.Mention {
	if x.base == x.cfg.gaz {
		return mentions
	}
	var found []candidate
	for _, c := range cands {
		if !c.demonym && c.prior >= minPriorAdded && !slices.Contains(covered[c.start:c.end], true) && x.addedEntry(c.id) {
			found = append(found, c)
		}
	}
	return append(mentions, mentionsOf(d, pick(found, len(d.toks)), entities.Exact)...)
}

// addedEntry reports whether the entry with the ID is not the embedded
// default gazetteer's own.
func (x *Extractor) addedEntry(id string) bool {
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
