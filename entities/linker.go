package entities

// The linker: the gazetteer entry of a name the model found, the words
// that begin or end a name, and the IDs of names without an entry.

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

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
		if c.TokenStart > s && gt == gazetteer.PER && titlesOnly(doc.Keys[s:c.TokenStart]) {
			// والأمير هاري where the gazetteer's mention is هاري: the
			// name without its title, as trimTitle leaves it.
			s, start = c.TokenStart, doc.Tokens[c.TokenStart].Start
			m.Text, m.Start, m.TokenStart = doc.Text[start:end], start, s
		}
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

// nameWords are the classes of the words that may be words of names,
// whatever else they are.
const nameWords = lexicon.Noun | lexicon.FirstName | lexicon.NamePrefix | lexicon.NameLink | lexicon.NameSuffix | lexicon.PlaceWord

// leadingVerb reports whether a token, whose word is w, is a verb of the
// tables (ختم ماسارو), or one of four letters or more after و or ف
// (ويردف غاومي), and no word of names: a word that never begins a name.
func leadingVerb(t tokenize.Token, w lexicon.Word) bool {
	if tokenize.IsStopWord(t.Norm) {
		return false // بين القصرين
	}
	return w.Class&lexicon.Verb != 0 && w.Class&nameWords == 0 || // not بني أمية
		w.Class == 0 && w.StemClass&lexicon.Verb != 0 && w.StemClass&nameWords == 0 &&
			(w.Split.Prefix == "و" || w.Split.Prefix == "ف") && utf8.RuneCountInString(w.Split.Stem) >= 4 // ويردف; not وروي ماكاي
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
// in a name that starts in Arabic (a gloss), an accusative of a noun or
// adjective the tables know (شارك فريد بديلا: as a substitute), a verb of
// the tables that is no word of names (منظمة الصحة توصي), the demonym
// after a name (see demonymAfterName), or a title before the name of what
// it governs (الشيخ تميم أمير قطر).
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
	if w := l.doc.Words[i]; w.Class&lexicon.Verb != 0 && w.Class&nameWords == 0 {
		return true // منظمة الصحة توصي: a verb after the name
	}
	if l.doc.Words[i].Definite && i > first && l.demonymAfterName(i) {
		return true // كولورادو الأمريكية، جامعة مانشستر البريطانية: the country's adjective
	}
	return l.doc.Words[i].Class&lexicon.Title != 0 && i+1 < len(l.doc.Tokens) && l.placeAt(i+1)
}

// demonymAfterName reports whether token i is a demonym of the gazetteer
// right after a name of the gazetteer or of the rules (كولورادو
// الأمريكية، جامعة مانشستر البريطانية): an adjective that says where the
// named thing is, not a word of its name, as it is after another word
// (الخطوط الجوية القطرية).
func (l *linker) demonymAfterName(i int) bool {
	named := func(c Mention) bool { return c.Kind == Exact || c.Kind == Clitic || c.Kind == Rule }
	if !slices.ContainsFunc(l.cands, func(c Mention) bool { return c.TokenEnd == i && named(c) && c.Type != gazetteer.PER }) ||
		slices.ContainsFunc(l.cands, func(c Mention) bool { return c.TokenStart < i && c.TokenEnd > i && named(c) }) {
		return false // not المملكة العربية السعودية, a name of the gazetteer
	}
	return slices.ContainsFunc(l.x.cfg.gaz.Lookup(l.doc.Tokens[i].Text), func(c gazetteer.Candidate) bool { return c.Method == gazetteer.Demonym })
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

// demonym reports whether token i is a demonym of the gazetteer with the
// article (الأوروغواياني).
func (l *linker) demonym(i int) bool {
	return l.doc.Words[i].Definite && l.doc.Words[i].Class&lexicon.FirstName == 0 &&
		slices.ContainsFunc(l.x.cfg.gaz.Lookup(l.doc.Tokens[i].Text), func(c gazetteer.Candidate) bool { return c.Method == gazetteer.Demonym })
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
	"كوماندر": true, "لفتنانت": true, "كولونيل": true, "ميجور": true, "قومندان": true,
	"الكوماندر": true, "اللفتنانت": true, "الكولونيل": true, "الميجور": true, "القومندان": true,
}

// trimTitles removes the title words at the start of a person's name
// found by the model (العهد in ولي العهد السعودي) and reports whether a
// name is left: not when nothing is, nor when what is left is one word
// that is a demonym, a nisba adjective or common vocabulary (السعودي).
func (l *linker) trimTitles(s, e int, cands []Mention) (int, bool) {
	for s < e && (personTitles[l.doc.Keys[s]] || l.titleWord(s) || s+1 < e && l.demonym(s)) {
		s++ // الحكم الأوروغواياني أندريس كونها: a title, or the person's country
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
