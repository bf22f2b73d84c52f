package english

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// minPartialLetters is the shortest family name that stands for a person
// alone.
const minPartialLetters = 3

// partials finds the short forms of people's names: a capitalised word
// that is the last word of a person's name met earlier in the text
// (Hussein after Fuad Hussein, Blinken after Antony Blinken) is that
// person, as a mention of kind entities.Partial, whether no mention
// covered it, the model tagged it as a name no entry links, or the
// gazetteer linked it to someone else of that name (Hussein is many
// people). A person's one-word name no entry links, of whatever type the
// model gave it, that comes before the full name (a headline's Kadhimi,
// then Mustafa Kadhimi) is that person too, and so is a name of two words
// or more that ends a person's longer name (see joinSuffixes). Function words and title words never stand for a person.
func (x *Extractor) partials(d *document, mentions []entities.Mention) []entities.Mention {
	short := map[string]string{} // key of a last word → the person's ID
	covered := make([]bool, len(d.toks))
	for _, m := range mentions {
		for i := m.TokenStart; i < m.TokenEnd; i++ {
			covered[i] = true
		}
	}
	usable := func(i int) bool {
		k := d.keys[i]
		return d.shapes[i].capitalised() && utf8.RuneCountInString(k) >= minPartialLetters &&
			!tokenize.EnglishFunctionWords.Contains(k) && !titleWords[k]
	}
	atStart := map[int]int{} // token → index in mentions of a one-word person
	for j, m := range mentions {
		if m.Type == gazetteer.PER && m.TokenEnd-m.TokenStart == 1 {
			atStart[m.TokenStart] = j
		}
	}
	var added []entities.Mention
	next := 0
	for i := range d.toks {
		for next < len(mentions) && mentions[next].TokenEnd <= i {
			m := mentions[next]
			if m.Type == gazetteer.PER && m.TokenEnd-m.TokenStart >= 2 && usable(m.TokenEnd-1) {
				short[d.keys[m.TokenEnd-1]] = m.ID
			}
			next++
		}
		if len(short) == 0 {
			continue
		}
		id, ok := short[d.keys[i]]
		if !ok || !usable(i) {
			continue
		}
		if j, one := atStart[i]; one {
			if m := &mentions[j]; m.ID != id {
				m.Kind, m.ID, m.Score, m.Alternatives = entities.Partial, id, scorePartial, nil
			}
			continue
		}
		if !covered[i] {
			added = append(added, d.mention(i, i+1, gazetteer.PER, id, entities.Partial, scorePartial, nil))
		}
	}
	// A one-word name no entry links, before the full name, whatever
	// type the model gave it (a headline's Salah, then Mohamed Salah).
	for j := range mentions {
		m := &mentions[j]
		if m.Kind != entities.Tagged || m.TokenEnd-m.TokenStart != 1 {
			continue
		}
		if id, ok := short[d.keys[m.TokenStart]]; ok && id != m.ID {
			m.Type, m.Kind, m.ID, m.Score, m.Alternatives = gazetteer.PER, entities.Partial, id, scorePartial, nil
		}
	}
	joinSuffixes(d, mentions)
	if len(added) == 0 {
		return mentions
	}
	mentions = append(mentions, added...)
	slices.SortStableFunc(mentions, func(a, b entities.Mention) int { return cmp.Compare(a.Start, b.Start) })
	return mentions
}

// joinSuffixes makes a name of two words or more that no entry links and
// that ends a person's longer name in the text (Abu Soud of Raed Abu
// Soud) a mention of that person, whatever type the model gave it.
func joinSuffixes(d *document, mentions []entities.Mention) {
	suffixes := map[string]string{} // keys of the words of a suffix → the person's ID
	for _, m := range mentions {
		if m.Type != gazetteer.PER || m.TokenEnd-m.TokenStart < 3 {
			continue
		}
		for i := m.TokenStart + 1; i <= m.TokenEnd-2; i++ {
			suffixes[strings.Join(d.keys[i:m.TokenEnd], " ")] = m.ID
		}
	}
	if len(suffixes) == 0 {
		return
	}
	for j := range mentions {
		m := &mentions[j]
		if m.Kind != entities.Tagged || m.TokenEnd-m.TokenStart < 2 {
			continue
		}
		if id, ok := suffixes[strings.Join(d.keys[m.TokenStart:m.TokenEnd], " ")]; ok && id != m.ID {
			m.Type, m.Kind, m.ID, m.Score, m.Alternatives = gazetteer.PER, entities.Partial, id, scorePartial, nil
		}
	}
}
