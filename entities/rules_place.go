package entities

import (
	"strings"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
)

// The place rule: a head and the name after it (مدينة الموصل). See
// rules.go.

// locRule applies the place-head rule at token i and emits the place's
// name (the head left out).
func (p *ruleParser) locRule(i int) (int, bool) {
	in := &p.info[i]
	if !in.arabic || in.knownEnd > 0 {
		return 0, false
	}
	if (in.flags|in.sflags)&lexicon.PlaceHead == 0 {
		return 0, false
	}
	h, ok := p.headAt(p.rs.lex.PlaceHead, i)
	if !ok {
		return 0, false
	}
	j := i + 1
	if h.Mode == lexicon.PlaceApposition {
		if !p.sameSentence(i, j) || p.info[j].demEnd == 0 {
			return 0, false // العاصمة تحتم: only a demonym makes the apposition sure
		}
		j = p.info[j].demEnd
	}
	if !p.sameSentence(i, j) || p.info[j].knownEnd > 0 {
		return 0, false // the gazetteer knows the place
	}
	end, units := p.placeName(i, j)
	if units == 0 {
		return 0, false
	}
	p.emit(j, end, gazetteer.LOC, h.Score, ruleLoc+h.Text)
	return end, true
}

// placeName parses the name of a place at token j and returns its end and
// its number of units. It stops at a known name (مطار المنارة [بمراكش]),
// takes compound first names as one unit (محافظة صلاح الدين), and lets a
// place word or a title word begin it (بلدة بيت حانون، حي الشيخ جراح). The
// first word may not be an indefinite word ending in ة or of nisba shape
// (منطقة آهلة، منطقة صناعية: adjectives), nor an imperfect verb in ت of
// four letters (سهل تحيط), nor a weak first name (علي is على misspelt). A
// name that is one plain first name is a person, not a place (ولاية صالح
// is Saleh's term of office).
func (p *ruleParser) placeName(start, j int) (int, int) {
	k, units, end := j, 0, j
	pending := false // a place word or title word waiting for a name
	onlyFirst := false
	for units < maxPlaceUnits && p.sameSentence(start, k) {
		in := &p.info[k]
		if in.knownEnd > 0 && k > j {
			break
		}
		if ph, e, ok := p.firstNameAt(k, false); ok {
			if ph.Kind == lexicon.FirstWeak {
				break
			}
			if len(ph.Rest) > 0 {
				k, units, end, pending = e, units+1, e, false // محافظة صلاح الدين
				continue
			}
			onlyFirst = units == 0 && !pending
		}
		if !in.arabic || in.stop && in.flags&lexicon.PlaceWord == 0 || in.cliticArt {
			break
		}
		if in.flags&(lexicon.PlaceWord|lexicon.Title) != 0 && !pending && k == j && p.sameSentence(start, k+1) {
			k++
			pending = true
			continue
		}
		if !p.nameWord(k) {
			break
		}
		if !in.definite && (lexicon.IsNisba(p.keys[k], false) || strings.HasSuffix(p.tokens[k].Norm, "ة") && units == 0 || lexicon.TehVerbShape(p.keys[k])) {
			break
		}
		k++
		units++
		end, pending = k, false
		if units > 1 {
			onlyFirst = false
		}
	}
	if units == 0 || onlyFirst && units == 1 {
		return j, 0
	}
	return end, units
}
