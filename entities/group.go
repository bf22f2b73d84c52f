package entities

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// Result is the analysis of one text.
type Result struct {
	// Entities are the people, places and organisations of the text, most
	// salient first.
	Entities []Entity `json:"entities"`
	// Mentions are all the mentions kept, in text order.
	Mentions []Mention `json:"-"`
	// Candidates are every candidate mention before overlaps were
	// resolved, when the extractor was built WithCandidates(true).
	Candidates []Mention `json:"-"`
	// Other holds the names of other kinds than people, places and
	// organisations (events, works, products…) that the model tags MISC,
	// in text order, with Type 0 and Kind Tagged. They are not entities.
	Other []Mention `json:"-"`
}

// Entity is one person, place or organisation of a text with its
// mentions. JSON field names are stable.
type Entity struct {
	// ID is the gazetteer ID, or for a name found by rules a generated one
	// ("per:rule:3f2a9c1b0d4e") that is the same in every text.
	ID string `json:"id"`
	// Type is PER, LOC or ORG.
	Type gazetteer.Type `json:"type"`
	// Name is the canonical Arabic name (the gazetteer's, or the fullest
	// mention's normalised form).
	Name string `json:"name"`
	// NameEN is the English name where the gazetteer knows it.
	NameEN string `json:"name_en"`
	// Count is the number of mentions.
	Count int `json:"count"`
	// Salience in [0, 1] says how central the entity is to the text; see
	// the package overview.
	Salience float64 `json:"salience"`
	// Mentions are the entity's mentions in text order.
	Mentions []Mention `json:"mentions"`
}

// Partial mentions.
const (
	scorePartial = 0.8
	// minPartialLetters is the shortest family name that a later mention
	// alone may use: shorter words are too often something else.
	minPartialLetters = 3
	// partialWindow is how many sentences after a full name its short form
	// may come: about a long article. Beyond it, in a long text made of
	// many stories, the same short form is likely someone else.
	partialWindow = 60
)

// addPartials finds later short forms of multi-word person names: the
// last word or two (بلينكن for أنتوني بلينكن, العبيدي for هادي العبيدي),
// with or without proclitics, in words no mention covers, within
// partialWindow sentences of the name's last mention. The first word
// alone, usually a first name, is never used; nor is a word that is a
// function word (decided on its Norm form: على never stands for علي), a
// demonym (المصري), a first name (محمد علي → علي; but see
// prominentFamilyName) or common vocabulary (القوى، الواحد). demonymAt holds
// the tokens where a demonym starts.
// It checks ctx every few thousand tokens and returns its error when it is
// done.
func (x *Extractor) addPartials(ctx context.Context, text string, v *tokenView, mentions []Mention, demonymAt map[int]int) ([]Mention, error) {
	type full struct {
		id       string
		typ      gazetteer.Type
		sentence int // the sentence of the latest mention
	}
	partials := map[string]full{}
	ntok := v.Len()
	covered := make([]bool, ntok)
	for _, m := range mentions {
		for i := m.TokenStart; i < m.TokenEnd; i++ {
			covered[i] = true
		}
	}
	// A person found by a rule or the model whose words are the short
	// form of a name met before (بن فرحان after فيصل بن فرحان) is that
	// person; so is one the gazetteer links to someone else of the same
	// name (راموس after كارلوس راموس is not a famous namesake).
	shortPerson := map[int]int{} // token start → index in mentions
	for j, m := range mentions {
		if m.Type == gazetteer.PER && m.TokenEnd-m.TokenStart <= 2 && m.Kind != Hashtag && m.Kind != Partial {
			shortPerson[m.TokenStart] = j
		}
	}
	register := func(m Mention) {
		if m.Type != gazetteer.PER || m.TokenEnd-m.TokenStart < 2 || m.Kind == Hashtag {
			return
		}
		for n := 1; n <= 2 && n < m.TokenEnd-m.TokenStart; n++ {
			key := v.joinKeys(m.TokenEnd-n, m.TokenEnd)
			last := v.Key(m.TokenEnd - 1)
			if runeCount(key) < minPartialLetters || tokenize.IsStopWord(v.Norm(m.TokenEnd-1)) || notFamilyName[last] ||
				personTitles[last] || x.commonVocabulary(last) || (n == 1 && x.firstName(last) && !x.prominentFamilyName(m, last)) {
				continue
			}
			partials[key] = full{m.ID, m.Type, v.Sentence(m.TokenEnd - 1)}
		}
	}
	known := func(stem string) bool { _, ok := partials[stem]; return ok }
	var added []Mention
	next := 0 // the next mention to register
	for i := 0; i < ntok; i++ {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		for next < len(mentions) && mentions[next].TokenEnd <= i {
			register(mentions[next])
			next++
		}
		if j, ok := shortPerson[i]; ok {
			m := mentions[j]
			key := v.joinKeys(m.TokenStart, m.TokenEnd)
			if m.Clitic != "" {
				key = strings.TrimPrefix(key, m.Clitic)
			}
			if f, ok := partials[key]; ok && f.id != m.ID && v.Sentence(i)-f.sentence <= partialWindow {
				mentions[j].Kind, mentions[j].ID, mentions[j].Score, mentions[j].Alternatives = Partial, f.id, scorePartial, nil
			}
			i = m.TokenEnd - 1
			continue
		}
		if len(partials) == 0 || covered[i] || v.Kind(i) != tokenize.ArabicWord && v.Kind(i) != tokenize.LatinWord ||
			tokenize.IsStopWord(v.Norm(i)) {
			continue
		}
		if _, ok := demonymAt[i]; ok {
			continue
		}
		sentence := v.Sentence(i)
		for n := 2; n >= 1; n-- {
			if i+n > ntok || slices.Contains(covered[i:i+n], true) || v.Sentence(i+n-1) != sentence {
				continue
			}
			key := v.joinKeys(i, i+n)
			clitic := ""
			f, ok := partials[key]
			if !ok && n == 1 {
				if sp, found := tokenize.FirstKnown(key, known); found {
					f, ok, clitic = partials[sp.Stem], true, sp.Prefix
				}
			}
			if !ok || sentence-f.sentence > partialWindow {
				continue
			}
			start, end := v.Start(i), v.End(i+n-1)
			added = append(added, Mention{
				Text: text[start:end], Start: start, End: end, Kind: Partial, Score: scorePartial,
				Type: f.typ, ID: f.id, Clitic: clitic, TokenStart: i, TokenEnd: i + n,
			})
			f.sentence = sentence
			partials[strings.TrimPrefix(key, clitic)] = f
			i += n - 1
			break
		}
	}
	// A short name no entry links that comes before the full name (a
	// headline's صلاح, then محمد صلاح in the body) is that person too.
	for j := range mentions {
		m := &mentions[j]
		if m.Kind != Tagged && m.Kind != Rule || m.Type != gazetteer.PER || m.TokenEnd-m.TokenStart > 2 {
			continue
		}
		key := v.joinKeys(m.TokenStart, m.TokenEnd)
		if m.Clitic != "" {
			key = strings.TrimPrefix(key, m.Clitic)
		}
		if f, ok := partials[key]; ok && f.id != m.ID && f.sentence-v.Sentence(m.TokenStart) <= partialWindow {
			m.Kind, m.ID, m.Score, m.Alternatives = Partial, f.id, scorePartial, nil
		}
	}
	if len(added) == 0 {
		return mentions, nil
	}
	mentions = append(mentions, added...)
	slices.SortFunc(mentions, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
	return mentions, nil
}

// checkEvery is how many tokens the loops over a whole text read between
// two looks at their context.
const checkEvery = 4096

// firstName reports whether a key is a first name of the rules' tables:
// as a short form it would stand for too many people (محمد علي → علي).
func (x *Extractor) firstName(key string) bool {
	return x.lex.Class(key)&lexicon.FirstName != 0
}

// prominentFamilyName reports whether a first name that ends the
// gazetteer name of a prominent person may stand for that person alone:
// صلاح for محمد صلاح, not علي for any محمد علي. The name must be a plain
// first name of the rules' table (not one that is also a common word) and
// the person's prior at least 0.5.
func (x *Extractor) prominentFamilyName(m Mention, key string) bool {
	if m.Kind != Exact && m.Kind != Clitic && m.Kind != Fuzzy {
		return false
	}
	plain := false
	for _, p := range x.lex.FirstNames(key) {
		if len(p.Rest) == 0 && p.Kind == lexicon.FirstPlain {
			plain = true
		}
	}
	if !plain {
		return false
	}
	e, ok := x.cfg.gaz.Summary(m.ID)
	return ok && e.Prior >= minPriorCommon
}

// commonVocabulary reports whether a key is a word of the rules'
// vocabulary tables (and not a first name).
func (x *Extractor) commonVocabulary(key string) bool {
	f := x.lex.Class(key)
	return f&lexicon.Common != 0 && f&lexicon.FirstName == 0
}

func runeCount(s string) int { return len([]rune(s)) }

// notFamilyName lists, in Key form, last words of names that do not
// stand for the person alone: regnal numbers (عبد الله الثاني), the الله of
// compound names (نصر الله), the bin of patronymics, and months (طه ياسين
// رمضان).
var notFamilyName = map[string]bool{
	"الاول": true, "الثاني": true, "الثالث": true, "الرابع": true, "الخامس": true, "السادس": true,
	"السابع": true, "الثامن": true, "التاسع": true, "العاشر": true, "عشر": true, "الله": true, "بن": true,
	"ابن": true, "بنت": true, "ال": true, "رمضان": true, "شعبان": true, "رجب": true, "صفر": true, "الدين": true,
	"الرحمن": true, "الرحيم": true, "العزيز": true, "الكريم": true, "الحميد": true, "المجيد": true,
}

// Salience weights: how often, how early, and whether in the title (the
// first sentence).
const (
	salienceCount = 0.5
	saliencePos   = 0.3
	salienceTitle = 0.2
)

// group gathers mentions into entities by ID and scores their salience
// (see GroupMentions), the title being the text's first sentence.
func (x *Extractor) group(text string, v *tokenView, mentions []Mention) []Entity {
	titleSentence := -1
	ntok := v.Len()
	if ntok > 0 {
		titleSentence = v.Sentence(0)
	}
	inTitle := func(m Mention) bool { return m.TokenStart < ntok && v.Sentence(m.TokenStart) == titleSentence }
	return GroupMentions(x.cfg.gaz, text, mentions, inTitle)
}

// GroupMentions gathers the mentions of text into entities by ID and
// scores their salience, as [Extractor.Extract] does:
//
//	salience = 0.5·log(1+count)/log(1+max count) + 0.3·(1 − first offset/length) + 0.2·[in title]
//
// where inTitle reports whether a mention lies in the text's title. An
// entity is named by g's entry of its ID, or else by the longest of its
// mentions that is not a short form, normalised and without its
// proclitic (g may be nil). Entities come most salient first, ties in the order of their
// first mentions; each entity's mentions keep the order of mentions,
// which should be text order. It serves pipelines that find mentions
// their own way (package entities/english) and programs that merge the
// mentions of several extractions of one text.
func GroupMentions(g *gazetteer.Index, text string, mentions []Mention, inTitle func(Mention) bool) []Entity {
	byID := map[string]int{}
	var ents []Entity
	for _, m := range mentions {
		i, ok := byID[m.ID]
		if !ok {
			i = len(ents)
			byID[m.ID] = i
			ents = append(ents, Entity{ID: m.ID, Type: m.Type})
		}
		ents[i].Mentions = append(ents[i].Mentions, m)
	}
	return score(g, text, ents, inTitle)
}

// MergeMentions replaces, in entities grouped as [GroupMentions] groups
// them, the mentions drop reports with the mentions of add (in text
// order), gathered by ID: into the entity of their ID, or a new one. The
// entities are named and scored again, as GroupMentions does, and an
// entity left without mentions is dropped. It reuses ents and their
// Mentions slices rather than copying them (ents must not be used after
// the call), so that merging a few mentions into the entities of a long
// text costs no second copy of them. A pipeline that reads some parts of
// a text its own way (the English paragraphs of an Arabic article) uses
// it.
func MergeMentions(g *gazetteer.Index, text string, ents []Entity, drop func(Mention) bool, add []Mention, inTitle func(Mention) bool) []Entity {
	byID := make(map[string]int, len(ents))
	out := ents[:0]
	for _, e := range ents {
		if e.Mentions = slices.DeleteFunc(e.Mentions, drop); len(e.Mentions) == 0 {
			continue
		}
		byID[e.ID] = len(out)
		out = append(out, e)
	}
	clear(ents[len(out):])
	touched := map[int]bool{}
	for _, m := range add {
		i, ok := byID[m.ID]
		if !ok {
			i = len(out)
			byID[m.ID] = i
			out = append(out, Entity{ID: m.ID, Type: m.Type})
		}
		out[i].Mentions = append(out[i].Mentions, m)
		touched[i] = true
	}
	for i := range touched {
		slices.SortStableFunc(out[i].Mentions, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
	}
	return score(g, text, out, inTitle)
}

// score counts, names and scores the salience of entities whose Mentions
// are set, and sorts them most salient first (see GroupMentions).
func score(g *gazetteer.Index, text string, ents []Entity, inTitle func(Mention) bool) []Entity {
	maxCount := 1
	for i := range ents {
		ents[i].Count = len(ents[i].Mentions)
		maxCount = max(maxCount, ents[i].Count)
	}
	for i := range ents {
		e := &ents[i]
		if entry, ok := summary(g, e.ID); ok {
			e.Name, e.NameEN = entry.Name, entry.NameEN
		} else {
			longest := e.Mentions[0]
			for _, m := range e.Mentions {
				if m.End-m.Start > longest.End-longest.Start && m.Kind != Partial {
					longest = m
				}
			}
			e.Name = tokenize.Normalize(strings.TrimPrefix(longest.Text, longest.Clitic))
		}
		title := 0.0
		if inTitle != nil && slices.ContainsFunc(e.Mentions, inTitle) {
			title = 1
		}
		pos := 1.0
		if len(text) > 0 {
			pos = 1 - float64(e.Mentions[0].Start)/float64(len(text))
		}
		s := salienceCount*math.Log1p(float64(e.Count))/math.Log1p(float64(maxCount)) + saliencePos*pos + salienceTitle*title
		e.Salience = math.Round(s*1000) / 1000
	}
	slices.SortStableFunc(ents, func(a, b Entity) int {
		if c := cmp.Compare(b.Salience, a.Salience); c != 0 {
			return c
		}
		return cmp.Compare(a.Mentions[0].Start, b.Mentions[0].Start)
	})
	return ents
}

// summary is g.Summary(id), false for a nil g.
func summary(g *gazetteer.Index, id string) (gazetteer.Summary, bool) {
	if g == nil {
		return gazetteer.Summary{}, false
	}
	return g.Summary(id)
}
