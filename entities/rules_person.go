package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// The person rules: a title and the name after it, a first name and the
// units after it, and the name shapes (عبد، أبو، بن…). See rules.go.

// titleAt matches a title at token i and returns it with its end.
func (p *ruleParser) titleAt(i int) (*lexicon.Phrase, int, bool) {
	in := &p.info[i]
	if (in.flags|in.sflags)&lexicon.Title == 0 || in.stop && in.flags&lexicon.Title == 0 {
		return nil, 0, false
	}
	return p.lookupPhrase(p.rs.lex.Titles, i, true)
}

// titleRule applies the person-title rule at token i.
func (p *ruleParser) titleRule(i int) (int, bool) {
	t, j, ok := p.titleAt(i)
	if !ok || !hamzaAgrees(p.tokens[i].Text, firstWord(t.Text)) {
		return 0, false
	}
	mark := len(p.out)
	j, ok = p.titleTail(i, t, j, 0)
	if !ok {
		p.out = p.out[:mark]
		return i + 1, true
	}
	if !p.sameSentence(i, j) {
		return j, true
	}
	j = p.skipTitleAdjectives(i, j)
	if in := &p.info[j]; in.knownEnd > 0 {
		return in.knownEnd, true // a known name: the gazetteer's
	}
	end, units, _ := p.personName(j, nameOpts{maxUnits: maxTitleUnits, regnal: true, titled: true})
	if units == 0 {
		return j, true
	}
	if end == j+1 && p.info[j].flags&lexicon.FirstName == 0 && (p.info[j].definite && (lexicon.IsNisba(p.keys[j], true) || lexicon.CommonShape(p.keys[j], true, false) || strings.HasSuffix(p.tokens[j].Norm, "ة")) || lexicon.TehVerbShape(p.keys[j])) {
		// A lone definite nisba after a title is an adjective the tables
		// lack more often than a family name (المستشار القانوني، الإمام
		// المراغي); the gazetteer has the family names news uses alone
		// (رئيس الوزراء الكاظمي).
		return end, true
	}
	p.emit(j, end, gazetteer.PER, t.Score, ruleTitle+t.Text)
	return end, true
}

// skipTitleAdjectives skips, after a title and its qualifiers, up to two
// definite words that a name follows: adjectives the tables lack
// (القائد النازي أدولف هتلر، الفنانة المحجبة عفاف شعيب). A given name
// comes before the family name in Arabic, so a definite word followed by a
// first name, a name shape or an indefinite name-like word is not the
// name's start. A definite word at the end stays the name (رئيس الوزراء
// المالكي).
func (p *ruleParser) skipTitleAdjectives(start, j int) int {
	for k := 0; k < 2 && p.sameSentence(start, j+1); k++ {
		in := &p.info[j]
		if !in.definite || in.flags&lexicon.FirstName != 0 || in.knownEnd > 0 || !p.nameWord(j) {
			break
		}
		n := j + 1
		nx := &p.info[n]
		_, _, first := p.firstNameAt(n, false)
		_, prefix := p.prefixUnit(n, false)
		if !(nx.knownEnd > 0 && nx.knownType == gazetteer.PER || first || prefix || !nx.definite && p.nameWord(n)) {
			break
		}
		j = n
	}
	return j
}

// titleTail parses what follows a title that ended at j: its complement
// and qualifiers, chained titles included, and returns where the name
// should start. It may emit the organisations of complements.
func (p *ruleParser) titleTail(start int, t *lexicon.Phrase, j, depth int) (int, bool) {
	switch t.Kind {
	case lexicon.AfterOf:
		end, ok := p.complement(start, j)
		if !ok {
			return 0, false
		}
		j = end
	case lexicon.AfterOptional:
		if end, ok := p.complement(start, j); ok {
			j = end
		}
	}
	li := false
	for p.sameSentence(start, j) {
		in := &p.info[j]
		switch {
		case in.demEnd > 0:
			j = in.demEnd
			continue
		case in.knownEnd > 0 && in.knownType != gazetteer.PER:
			j = in.knownEnd
			continue
		case in.knownEnd > 0:
			return j, true
		}
		if in.flags&lexicon.Qualifier != 0 || in.stop {
			if q, end, ok := p.lookupPhrase(p.rs.lex.Qualifiers, j, false); ok {
				if q.Kind == lexicon.QualifierWord {
					j = end
					continue
				}
				if target, ok := p.placeOrOrg(start, end); ok {
					j = target
					continue
				}
				return j, true
			}
		}
		if !li {
			if end, ok := p.liComplement(start, j); ok {
				j, li = end, true // وزير الدولة البريطاني [للشؤون الخارجية] كيم هاولز
				continue
			}
		}
		if depth < maxTitleChain {
			if t2, end, ok := p.titleAt(j); ok {
				mark := len(p.out)
				if next, ok := p.titleTail(start, t2, end, depth+1); ok {
					return next, true
				}
				p.out = p.out[:mark]
			}
		}
		break
	}
	return j, true
}

// placeOrOrg reports a known place or organisation, or one found by the
// organisation or place rules (which it emits), starting at token j.
func (p *ruleParser) placeOrOrg(start, j int) (int, bool) {
	if !p.sameSentence(start, j) {
		return 0, false
	}
	in := &p.info[j]
	if in.knownEnd > 0 {
		if in.knownType == gazetteer.PER {
			return 0, false
		}
		return in.knownEnd, true
	}
	p.nested = true
	defer func() { p.nested = false }()
	if next, ok := p.orgRule(j); ok && len(p.out) > 0 && p.out[len(p.out)-1].end == next {
		return next, true
	}
	if next, ok := p.locRule(j); ok && len(p.out) > 0 && p.out[len(p.out)-1].end == next {
		return next, true
	}
	return 0, false
}

// complement parses the complement of a title at token j: a known name, an
// organisation (emitted), or a descriptive noun phrase.
func (p *ruleParser) complement(start, j int) (int, bool) {
	if !p.sameSentence(start, j) {
		return 0, false
	}
	in := &p.info[j]
	if in.knownEnd > 0 {
		return p.adjectives(start, in.knownEnd, false), true
	}
	mark := len(p.out)
	p.nested = true
	next, ok := p.orgRule(j)
	p.nested = false
	if ok && len(p.out) > mark {
		return next, true
	}
	p.out = p.out[:mark]
	if p.liProper(j) {
		return j + 1, true // الرئيس التنفيذي [لديزني] روبرت إيغر
	}
	return p.nounPhrase(start, j, false, true)
}

// liProper reports whether token j is ل followed by a word that no table
// knows and that is not common vocabulary: the name of what a title
// heads, written with ل (المدير التنفيذي لديزني). It is taken as the
// title's complement, not reported: the rules cannot tell its type.
func (p *ruleParser) liProper(j int) bool {
	in := &p.info[j]
	if !in.arabic || in.flags != 0 || in.stem != "" || in.cliticArt || in.stop {
		return false
	}
	rest, ok := strings.CutPrefix(p.keys[j], "ل")
	return ok && !strings.HasPrefix(rest, "ل") && runesAtLeast(rest, minProperRunes) && !p.common(j)
}

// nameOpts tune personName.
type nameOpts struct {
	maxUnits int
	regnal   bool // a lone unit may take an ordinal (الملك محمد السادس)
	titled   bool // a title precedes: amb and weak first names need nothing more
}

// personName parses a name of one or more units starting at token s. It
// returns the end of the name, the number of units and the first-name
// flag of the first unit (lexicon.FirstPlain when it is not a first name).
func (p *ruleParser) personName(s int, o nameOpts) (end, units int, firstKind lexicon.Kind) {
	j := s
	latin := p.info[s].latin
	linkAt := -1          // a link waiting for its unit
	lastWord := -1        // the last unit was this single word
	strongSecond := false // the second unit is a first name, a shape or a known person (for amb and weak names)
	for units < o.maxUnits && p.sameSentence(s, j) {
		in := &p.info[j]
		strong := false
		switch {
		case in.knownEnd > 0 && j > s:
			if in.knownType != gazetteer.PER || in.stem != "" || in.cliticArt || strings.HasPrefix(p.keys[j], "و") {
				goto done // a place, or a known person after و: the next name
			}
			j, strong, lastWord = in.knownEnd, true, -1
		case latin:
			if !in.latin || !in.upper || in.stop {
				goto done
			}
			j, lastWord = j+1, j
		default:
			if ph, e, ok := p.firstNameAt(j, j == s); ok {
				if j == s {
					firstKind = ph.Kind
				}
				j, strong, lastWord = e, true, -1
				break
			}
			if e, ok := p.prefixUnit(j, j == s); ok {
				j, strong, lastWord = e, true, -1
				break
			}
			if in.flags&lexicon.NameLink != 0 && (units > 0 || o.titled && j == s) && linkAt < 0 {
				linkAt = j
				j++
				continue
			}
			if in.flags&lexicon.NameSuffix != 0 && lastWord == j-1 && linkAt < 0 {
				j++
				lastWord = -1
				continue
			}
			if p.nameWord(j) {
				j, lastWord = j+1, j
				break
			}
			if in.demEnd > 0 && units >= 2 && linkAt < 0 && in.definite {
				j = in.demEnd
				units++
				goto done
			}
			if in.ordinal && units == 1 && o.regnal && linkAt < 0 {
				j++
				units++
				goto done
			}
			goto done
		}
		units++
		linkAt = -1
		if units == 2 {
			strongSecond = strong
		}
	}
done:
	if linkAt >= 0 {
		j = linkAt // a link with nothing after it
	}
	if units >= 2 && !o.titled && firstKind != lexicon.FirstPlain && !strongSecond {
		// Keep the first unit only.
		e, u, _ := p.personName(s, nameOpts{maxUnits: 1})
		return e, u, firstKind
	}
	return j, units, firstKind
}

// nameWord reports whether token j can be a word of a name (see the
// package notes).
func (p *ruleParser) nameWord(j int) bool {
	in := &p.info[j]
	if !in.arabic || in.stop || in.demEnd > 0 || in.cliticArt {
		return false
	}
	if in.flags&lexicon.FirstName != 0 {
		return true
	}
	if in.stem != "" || (in.flags|in.sflags)&(lexicon.NotName|lexicon.NamePrefix|lexicon.NameLink|lexicon.NameSuffix) != 0 || p.common(j) {
		return false
	}
	if strings.HasPrefix(p.keys[j], "و") {
		return false // وإخراج، ورجاله: "and …", the next lexicon.Phrase
	}
	return runesAtLeast(p.keys[j], minNameRunes)
}

// firstNameAt matches a first name at token j; clitic allows proclitics
// on its first word.
//
// A first name with proclitics must carry only the conjunction و or ف
// (ومحمد، فأحمد) and be a plain first name: لحسن، وعد and بنور are words
// with a preposition or conjunction far more often than names.
func (p *ruleParser) firstNameAt(j int, clitic bool) (*lexicon.Phrase, int, bool) {
	in := &p.info[j]
	if !in.arabic || in.stop || in.cliticArt || (in.flags|in.sflags)&(lexicon.FirstName|lexicon.FirstNameHead) == 0 {
		return nil, 0, false
	}
	if ph, end, ok := p.lookupPhrase(p.rs.lex.FirstNames, j, false); ok {
		return ph, end, true
	}
	if !clitic || in.stem == "" || len(p.keys[j])-len(in.stem) != len("و") {
		return nil, 0, false
	}
	if r, _ := utf8.DecodeRuneInString(p.keys[j]); r != 'و' && r != 'ف' {
		return nil, 0, false
	}
	ph, end, ok := p.lookupPhrase(p.rs.lex.FirstNames, j, true)
	if !ok || ph.Kind != lexicon.FirstPlain {
		return nil, 0, false
	}
	return ph, end, true
}

// prefixUnit matches a name prefix and the word it takes (عبد الرحمن، أبو
// بكر، آل سعود) at token j and returns the end.
func (p *ruleParser) prefixUnit(j int, clitic bool) (int, bool) {
	in := &p.info[j]
	if !in.arabic || (in.flags|in.sflags)&lexicon.NamePrefix == 0 {
		return 0, false
	}
	pr, ok := p.rs.lex.Prefix(p.keys[j])
	if ok && !hamzaAgrees(p.tokens[j].Text, pr.Text) {
		return 0, false // إل جي is not آل
	}
	if !ok && clitic && in.stem != "" {
		pr, ok = p.rs.lex.Prefix(in.stem)
	}
	if !ok || !p.sameSentence(j, j+1) {
		return 0, false
	}
	k := j + 1
	nx := &p.info[k]
	if !nx.arabic || nx.cliticArt || !runesAtLeast(p.keys[k], minPrefixedRunes) {
		return 0, false // أم زد، آل ـ
	}
	if _, e, ok := p.firstNameAt(k, false); ok {
		return e, true
	}
	if e, ok := p.prefixUnit(k, false); ok && pr.Next != lexicon.NextIndefinite {
		return e, true // أبو عبد الله
	}
	switch pr.Next {
	case lexicon.NextDefinite:
		if nx.definite && !nx.stop {
			return k + 1, true
		}
	case lexicon.NextName:
		if nx.knownEnd > 0 && nx.knownType == gazetteer.PER {
			return nx.knownEnd, true
		}
		if p.nameWord(k) || (nx.definite && !nx.stop && nx.demEnd == 0 && nx.flags&(lexicon.Verb|lexicon.TimeWord|lexicon.OtherWord|lexicon.NotName) == 0 && nx.sflags == 0) {
			return k + 1, true
		}
	case lexicon.NextIndefinite:
		if !nx.definite && p.nameWord(k) {
			return k + 1, true
		}
	case lexicon.NextFamily:
		number := tokenize.NumberWords.Contains(p.tokens[k].Norm) // آل ثاني
		if !tokenize.FunctionWords.Contains(p.tokens[k].Norm) && (number || !p.common(k)) && nx.demEnd == 0 && nx.stem == "" && (nx.flags|nx.sflags)&lexicon.NotName == 0 {
			return k + 1, true
		}
	}
	return 0, false
}

// firstWord returns the first word of a table entry.
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// hamzaAgrees reports whether a word written as text may be the table
// word entry, which folding made equal: where both have a hamzated alef
// (آ أ إ) at the same letter counted from the end, it must be the same one
// (إل of إل جي is not آل, الأمام "the front" is not الإمام); a bare alef
// matches any, since news often omits the hamza. Marks and tatweel in text
// are skipped, and proclitics before it do not matter, as letters are
// compared from the end.
func hamzaAgrees(text, entry string) bool {
	hamza := func(r rune) bool { return r == 'آ' || r == 'أ' || r == 'إ' }
	i, j := len(text), len(entry)
	for i > 0 && j > 0 {
		a, na := utf8.DecodeLastRuneInString(text[:i])
		i -= na
		if unicode.Is(unicode.Mn, a) || a == '\u0640' {
			continue
		}
		b, nb := utf8.DecodeLastRuneInString(entry[:j])
		j -= nb
		if hamza(a) && hamza(b) && a != b {
			return false
		}
	}
	return true
}

// personRule applies the first-name and name-shape rules at token i.
func (p *ruleParser) personRule(i int) (int, bool) {
	in := &p.info[i]
	if ph, _, ok := p.firstNameAt(i, true); ok {
		end, units, _ := p.personName(i, nameOpts{maxUnits: maxFirstUnits})
		if units < 2 {
			return 0, false
		}
		score := scoreFirstName
		if ph.Kind != lexicon.FirstPlain {
			score = scoreFirstNameAmb
		}
		p.emit(i, end, gazetteer.PER, score, ruleFirstName+ph.Text)
		return end, true
	}
	if in.afterPerson || (in.flags|in.sflags)&(lexicon.NamePrefix|lexicon.NameLink) == 0 {
		return 0, false // محمد بن راشد [آل مكتوم]: the known name's tail
	}
	whole, stem := p.firstKeys(i)
	key := whole
	if in.flags&(lexicon.NamePrefix|lexicon.NameLink) == 0 {
		key = stem
	}
	if pr, ok := p.rs.lex.Prefix(key); ok && pr.Score > 0 {
		if _, ok := p.prefixUnit(i, true); !ok {
			return 0, false
		}
		end, units, _ := p.personName(i, nameOpts{maxUnits: maxFirstUnits})
		if units == 0 {
			return 0, false
		}
		p.emit(i, end, gazetteer.PER, pr.Score, ruleShape+pr.Text)
		return end, true
	}
	if lk, ok := p.rs.lex.Link(key); ok && lk.Score > 0 && p.sameSentence(i, i+1) {
		end, units, _ := p.personName(i+1, nameOpts{maxUnits: maxFirstUnits - 1})
		if units == 0 || p.info[i+1].knownEnd > 0 {
			return 0, false
		}
		start := i
		if i > 0 && p.sameSentence(i-1, i) && p.info[i-1].knownEnd == 0 && p.nameWord(i-1) && !p.info[i-1].definite && (len(p.out) == 0 || p.out[len(p.out)-1].end < i) {
			start = i - 1 // شاهرخ بن تيمورلنك: the word before بن is the name's start
		}
		p.emit(start, end, gazetteer.PER, lk.Score, ruleShape+lk.Text)
		return end, true
	}
	return 0, false
}
