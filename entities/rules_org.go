package entities

import (
	"strings"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
)

// The organisation rules: a head and its complement (وزارة الخارجية،
// شركة أبل) or its adjectives (البنك المركزي). See rules.go.

// orgRule applies the organisation-head rule at token i; the head may
// carry proclitics (لوزارة). It emits the organisation found and returns
// the index after it.
func (p *ruleParser) orgRule(i int) (int, bool) {
	in := &p.info[i]
	if !in.arabic || in.knownEnd > 0 {
		return 0, false
	}
	if (in.flags|in.sflags)&lexicon.OrgHead == 0 {
		return 0, false
	}
	h, ok := p.headAt(p.rs.lex.OrgHead, i)
	if !ok {
		return 0, false
	}
	j := i + 1
	if !p.sameSentence(i, j) {
		return 0, false
	}
	rule := ruleOrg + h.Text
	if h.Mode == lexicon.OrgAdjectives {
		end, specific := p.orgAdjectives(i, j)
		if !specific {
			return 0, false
		}
		p.emit(i, end, gazetteer.ORG, h.Score, rule)
		return end, true
	}
	nx := &p.info[j]
	if nx.knownEnd > 0 && nx.knownType == gazetteer.ORG {
		return 0, false // حركة حماس: the gazetteer's
	}
	dropHead := h.Mode == lexicon.OrgName || h.Mode == lexicon.OrgMedia
	if end, ok := p.properName(i, j, h.Mode == lexicon.OrgDescriptive || h.Mode == lexicon.OrgMedia); ok {
		if dropHead {
			if nx.knownEnd == end {
				return 0, false // تلفزيون دبي: the place stays the gazetteer's
			}
			p.emit(j, end, gazetteer.ORG, h.Score, rule)
			return end, true
		}
		if !(nx.knownEnd == end && nx.knownType == gazetteer.LOC && end < len(p.info) && p.info[end].demEnd > 0) {
			// Not after a place: جامعة مانشستر البريطانية is جامعة
			// مانشستر in Britain.
			end = p.adjectives(i, end, true)
		}
		if e, ok := p.liComplement(i, end); ok {
			end = e // جامعة محمد بن زايد للذكاء الاصطناعي
		}
		p.emit(i, end, gazetteer.ORG, h.Score, rule)
		return end, true
	}
	if h.Mode != lexicon.OrgDescriptive {
		return 0, false
	}
	end, ok := p.nounPhrase(i, j, true, false)
	if !ok {
		return 0, false
	}
	p.emit(i, end, gazetteer.ORG, h.Score, rule)
	return end, true
}

// properName parses the proper name of an organisation at token j: a known
// place or person, a person found by the person rules, Latin words, or
// name-like words. The first name-like word must be indefinite unless def
// is set: after مركز or قوات a definite word is a common noun more often
// than a name (مركز الإجلاء، قوات الدعم), after صحيفة it is a title
// (صحيفة الأهرام). Known places and people inside the name are absorbed
// (نادي اسي ميلان).
func (p *ruleParser) properName(start, j int, def bool) (int, bool) {
	in := &p.info[j]
	limit := maxProperWords
	if p.nested {
		limit = 1
	}
	if in.knownEnd > 0 {
		if in.knownType == gazetteer.ORG {
			return 0, false
		}
		end := in.knownEnd
		for k := 0; k < limit-1 && p.sameSentence(start, end) && p.nameWord(end) && p.info[end].flags&lexicon.FirstName == 0; k++ {
			end++ // صحيفة واشنطن بوست
		}
		return end, true
	}
	if t, e, ok := p.titleAt(j); ok && t.Kind == lexicon.AfterName && p.sameSentence(start, e) {
		if p.info[e].knownEnd > 0 && p.info[e].knownType == gazetteer.PER {
			return p.info[e].knownEnd, true
		}
		if end, units, _ := p.personName(e, nameOpts{maxUnits: maxTitleUnits}); units > 0 {
			return end, true // جامعة الملك سعود
		}
		return 0, false
	}
	if _, _, ok := p.firstNameAt(j, false); ok {
		if end, units, _ := p.personName(j, nameOpts{maxUnits: maxFirstUnits}); units >= 2 {
			return end, true // مؤسسة محمد بن راشد
		}
	}
	if in.latin {
		end := j
		for end-j < limit && p.sameSentence(start, end) && p.latinName(end) {
			end++
		}
		return end, end > j
	}
	if in.definite && !def || !runesAtLeast(p.keys[j], minProperRunes) || !in.definite && (strings.HasSuffix(p.tokens[j].Norm, "ة") || lexicon.IsNisba(p.keys[j], false) && !runesAtLeast(p.keys[j], 6)) {
		return 0, false // مجموعة أثرية، مؤسسة بنكية، اتحاد طوعي: adjectives (but مركز كارنيغي)
	}
	end := j
	for end-j < limit && p.sameSentence(start, end) {
		nx := &p.info[end]
		if end > j && nx.knownEnd > 0 {
			end = nx.knownEnd // نادي اسي [ميلان]
			break
		}
		if !p.nameWord(end) || end > j && (nx.definite && lexicon.IsNisba(p.keys[end], true) || strings.HasPrefix(p.keys[end], "ل")) {
			break
		}
		end++
	}
	return end, end > j
}

// latinName reports whether token j can be a word of a Latin-script
// organisation name: not a function word, and not an initial (the J of
// J.P. Morgan, which the rules cannot see whole).
func (p *ruleParser) latinName(j int) bool {
	in := &p.info[j]
	if !in.latin || in.stop {
		return false
	}
	if !runesAtLeast(p.tokens[j].Text, 2) && j+1 < len(p.tokens) && p.tokens[j+1].Text == "." {
		return false
	}
	return true
}

// orgAdjectives parses the adjectives after a definite head (البنك
// [المركزي المصري]) and reports whether one of them is specific.
//
// A ل complement makes the name specific too (الهيئة العامة للاستثمار),
// but only after an adjective: المنظمة للبطولة is "the organiser of the
// tournament".
//
// The first adjective must agree with the head in gender (البنك المركزي،
// الهيئة العامة): البنك الرأسمالية is the end of one phrase (أهداف البنك)
// and the start of another.
func (p *ruleParser) orgAdjectives(start, j int) (int, bool) {
	specific := false
	first := j
	if p.sameSentence(start, j) && p.info[j].arabic && feminine(p.tokens[start].Norm) != feminine(p.tokens[j].Norm) {
		return j, false
	}
	for p.sameSentence(start, j) {
		in := &p.info[j]
		switch {
		case in.demEnd > 0:
			j = in.demEnd
		case in.definite && !in.stop && in.flags&lexicon.OrgAdjective != 0:
			specific = true
			j++
		case in.definite && !in.stop && in.flags&lexicon.Adjective != 0:
			j++
		case in.definite && !in.stop && in.flags&lexicon.NotName == 0 && lexicon.IsNisba(p.keys[j], true) && !p.common(j):
			specific = true
			j++
		case in.cliticArt && p.conjAdjective(j):
			j++
		default:
			if j > first {
				if end, ok := p.liComplement(start, j); ok {
					return end, true
				}
			}
			return j, specific
		}
	}
	return j, specific
}

// feminine reports whether a word (Norm form) ends in teh marbuta, the mark
// of the feminine singular.
func feminine(norm string) bool { return strings.HasSuffix(norm, "ة") }

// conjAdjective reports whether token j is و + a definite adjective:
// المجلس الاقتصادي [والاجتماعي].
func (p *ruleParser) conjAdjective(j int) bool {
	in := &p.info[j]
	if in.stem == "" || !lexicon.HasArticle(in.stem) || !strings.HasPrefix(p.keys[j], "و") || strings.HasPrefix(p.keys[j], "وب") || strings.HasPrefix(p.keys[j], "ول") {
		return false
	}
	return in.sflags&lexicon.AnyAdjective != 0 || lexicon.IsNisba(in.stem, true) && in.sflags&lexicon.Common == 0
}

// adjectives extends a name ending at j with the adjectives that follow
// it: demonyms and common adjectives, and when nisba is set definite words
// of nisba shape.
func (p *ruleParser) adjectives(start, j int, nisba bool) int {
	for p.sameSentence(start, j) {
		in := &p.info[j]
		switch {
		case in.demEnd > 0:
			j = in.demEnd
		case p.isAdjective(j, nisba):
			j++
		default:
			return j
		}
	}
	return j
}

// isAdjective reports whether token j is a definite adjective: a common
// adjective or, when nisba is set, a definite word of nisba shape that is
// not a noun, verb or time word of the tables. Titles take only the
// former: after وزير الخارجية, الكاظمي is a name, not an adjective.
func (p *ruleParser) isAdjective(j int, nisba bool) bool {
	in := &p.info[j]
	if !in.arabic || !in.definite || in.stop || in.flags&lexicon.NotName != 0 {
		return false
	}
	if in.flags&lexicon.AnyAdjective != 0 {
		return true
	}
	return nisba && in.flags&(lexicon.Noun|lexicon.Verb|lexicon.TimeWord|lexicon.OtherWord|lexicon.FirstName) == 0 && lexicon.IsNisba(p.keys[j], true)
}

// isDefNoun reports whether token j is a definite common noun: a noun of
// the tables or a word with the shape of one (الثوار is not listed, but
// المتظاهرين has a plural's shape). When orgFirst is set, any definite
// word that is not common vocabulary, a title or a demonym also counts
// (مصرف [الرافدين]); when heads is set, head words count as nouns too
// (رئيس [الاتحاد]، رئيس [البلدية]).
func (p *ruleParser) isDefNoun(j int, orgFirst, heads bool) bool {
	in := &p.info[j]
	if !in.arabic || !in.definite || in.stop || in.demEnd > 0 || in.flags&(lexicon.TimeWord|lexicon.OtherWord) != 0 {
		return false
	}
	notName := in.flags & lexicon.NotName
	if heads {
		notName &^= lexicon.OrgHead | lexicon.PlaceHead
	}
	if notName != 0 {
		return false
	}
	if in.flags&(lexicon.Noun|lexicon.OrgHead|lexicon.PlaceHead) != 0 {
		return true
	}
	if common := p.common(j); common || !orgFirst {
		return common && in.flags&(lexicon.Verb|lexicon.AnyAdjective) == 0
	}
	return in.flags&lexicon.AnyAdjective == 0 && !lexicon.IsNisba(p.keys[j], true)
}

// isIndefNoun reports whether token j is an indefinite common noun, the
// first term of a construct (حقوق الإنسان، أركان الجيش).
func (p *ruleParser) isIndefNoun(j int) bool {
	in := &p.info[j]
	return in.arabic && !in.definite && !in.stop && in.stem == "" && in.flags&lexicon.Noun != 0 && in.flags&(lexicon.NotName|lexicon.TimeWord) == 0
}

// nounPhrase parses a descriptive noun phrase at token j (see the package
// notes). org allows an unknown definite word as the first noun and
// adjectives of nisba shape (organisations); clitic allows a ل or ب on the
// first word (للأمن، بالشؤون).
func (p *ruleParser) nounPhrase(start, j int, org, clitic bool) (int, bool) {
	k := j
	if clitic && p.info[k].cliticArt {
		in := &p.info[k]
		if in.stem == "" || in.sflags&lexicon.Noun == 0 || in.sflags&(lexicon.NotName|lexicon.TimeWord) != 0 {
			return 0, false
		}
		k++
	} else {
		for n := 0; n < maxIndefConstr && p.sameSentence(start, k) && p.isIndefNoun(k); n++ {
			k++
		}
		if !p.sameSentence(start, k) {
			return 0, false
		}
		in := &p.info[k]
		switch {
		case in.knownEnd > 0 && in.knownType != gazetteer.PER && k > j:
			k = in.knownEnd // هيئة تحرير الشام
		case p.isDefNoun(k, org && k == j, !org):
			k++
		default:
			return 0, false
		}
	}
	lastNoun, coord, li := true, false, false
	for k-j < maxNPWords && p.sameSentence(start, k) {
		in := &p.info[k]
		switch {
		case in.demEnd > 0:
			k = in.demEnd
			lastNoun = false
			continue
		case p.isAdjective(k, org):
			k++
			lastNoun = false
			continue
		case lastNoun && !coord && p.conjNoun(k):
			k++ // وزارة التربية [والتعليم]
			coord = true
			continue
		}
		if !li {
			if end, ok := p.liComplement(start, k); ok {
				k, li, lastNoun = end, true, false
				continue
			}
		}
		break
	}
	return k, true
}

// liComplement parses ل + a complement at token k: ل + a known name
// (للأمم المتحدة), ل + a definite noun (للاستثمار), or ل + an indefinite
// noun and a definite one (لكرة القدم، لشؤون اللاجئين), each with its
// adjectives.
func (p *ruleParser) liComplement(start, k int) (int, bool) {
	if !p.sameSentence(start, k) {
		return 0, false
	}
	in := &p.info[k]
	if !in.arabic || !strings.HasPrefix(p.keys[k], "ل") {
		return 0, false
	}
	if in.knownEnd > 0 && in.knownType != gazetteer.PER {
		return p.adjectives(start, in.knownEnd, true), true
	}
	if in.stem == "" || in.sflags&lexicon.Noun == 0 || in.sflags&(lexicon.NotName|lexicon.TimeWord) != 0 {
		return 0, false
	}
	if lexicon.HasArticle(in.stem) {
		return p.liTail(start, k+1), true
	}
	if p.sameSentence(start, k+1) && p.isDefNoun(k+1, false, false) {
		return p.liTail(start, k+2), true
	}
	if p.sameSentence(start, k+1) && p.info[k+1].knownEnd > 0 && p.info[k+1].knownType != gazetteer.PER {
		return p.adjectives(start, p.info[k+1].knownEnd, true), true
	}
	return 0, false
}

// liTail extends a ل complement whose noun ended at k with a coordinated
// noun and the adjectives: للبيانات [والذكاء الاصطناعي].
func (p *ruleParser) liTail(start, k int) int {
	if p.sameSentence(start, k) && p.conjNoun(k) {
		k++
	}
	return p.adjectives(start, k, true)
}

// conjNoun reports whether token j is و + a definite common noun:
// وزارة التربية [والتعليم].
func (p *ruleParser) conjNoun(j int) bool {
	in := &p.info[j]
	return in.cliticArt && strings.HasPrefix(p.keys[j], "و") && in.stem != "" && in.sflags&lexicon.Noun != 0 && in.sflags&(lexicon.NotName|lexicon.TimeWord|lexicon.Verb) == 0
}
