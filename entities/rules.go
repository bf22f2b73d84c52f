package entities

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// Context rules find the names the gazetteer lacks from the words around
// them. The rules read the word tables of package lexicon (lexicon/data/*.txt,
// embedded and parsed once by lexicon.Default); this file and
// rules_person.go, rules_org.go and rules_place.go are the engine. Each
// table documents its own format in its header. The choices below were
// made while measuring on the ANERcorp train split, before it was split
// into a tuning and a check part, and checked on the test articles
// (TestRulesArticles); the rules are one recogniser among others, whose
// output the trained tagger takes as features.
//
// # Tables
//
//   - titles.txt: person titles (الرئيس، وزير الخارجية، المتحدث باسم…) and
//     what follows them (a name, or a complement and then a name).
//   - qualifiers.txt: words between a title and the name (السابق، الأممي)
//     and the prepositions that link a title to a place (السفير في بغداد).
//   - first-names.txt: first names, simple and compound, with a flag for
//     those that are also common words.
//   - name-parts.txt: the words that build names: prefixes (عبد، أبو، أم،
//     آل), links (بن، ابن، بنت، ولد), suffixes (الدين، الله) and the words
//     that begin place names (بيت، كفر، عين…).
//   - org-heads.txt, place-heads.txt: the words that begin organisation
//     names (وزارة، شركة، البنك…) and stand before place names (مدينة،
//     محافظة…), with the complements they take.
//   - verbs.txt, nouns.txt, adjectives.txt, time.txt, other.txt: common
//     vocabulary of news, the words that never form a person's or a
//     place's name. Nouns and adjectives also build the descriptive
//     complements of organisations (وزارة [الصحة العامة]).
//
// Every word of every table is compared under its [tokenize.Key], as the
// gazetteer compares names; stop words are decided on the Norm form.
//
// # Name-like words
//
// A word can be part of a person's or a place's name when it is an Arabic
// word of two letters or more (or, in a name that began in Latin script, a
// capitalised Latin word) and it is none of these:
//
//   - a function word, reporting verb or number word of tokenize's lists
//     (decided on the Norm form, so على is one and علي is not);
//   - a title, an organisation or place head, a qualifier, a name part;
//   - a demonym (the caller's demonym function), or the start of a known
//     place or organisation;
//   - a word read as proclitics before a word of the tables or before the
//     article (والرئيس، وفؤاد، بالحكومة، والكاظمي), or any word beginning
//     with و that is not a first name (وإخراج، ورجاله): inside a name such
//     a word begins the next phrase ("and …");
//   - common vocabulary (see below).
//
// A word of the first-name table is always name-like unless it is a
// function word: first names win over the common tables and the shapes
// (يوسف، انتصار، كريم).
//
// A word is common vocabulary when it is in the common tables: as written,
// with the article (الحكومة: the tables hold حكومة), after proclitics when
// the rest keeps the article or has four letters or more, or three after ب
// or ل (بالحكومة، وأعلن، لشرح; كمال and فراس keep their first letter), or
// before a pronoun suffix (حكومته، بلاده، يعطيك: ه ها هم هما هن نا كم, ك
// after verbs only, with ة restored before ت); or, failing that, when it
// has one of these shapes, alone or after proclitics:
//
//   - tanween written on it (مسبقاً): names do not take it;
//   - an accusative without its tanween: the word without its final alef
//     is a noun or adjective of the tables (هجوما، رسميا), or two adjacent
//     indefinite words both end in alef (هجوما عنيفا);
//   - the nisba or construct plural of a word of the tables (محافظي);
//   - an indefinite word of four letters or more ending in a pronoun:
//     ته تها تهم تهما هم هن هما ها (جلالته، يقطنها);
//   - an imperfect verb: four letters beginning with ي whose second letter
//     is not a long vowel (يقول; not يوسف, and not after proclitics, for
//     ليفني is a name), يفاعل (يقاطع), or يت، تت، يست، تست and more
//     (يتحدث، تستمر). Four-letter words in ت are left alone: names such as
//     تبون and تركي have that shape;
//   - a verbal noun: تفعيل (تأكيد), افتعال and استفعال (اجتماع، استقرار),
//     انفعال (انسحاب), إفعال (إجلاء), مفاعلة (مصادفة);
//   - a participle: مت… of five letters or more (متحمس; not متولي), مست…
//     of six or more (مستشار), and with the article مفعول (المذكور);
//   - a sound plural: with the article, six letters or more ending in ين
//     or ات (المسلحين، السيارات) or five in ون; without it, six or more
//     ending in ون، ين or ات (مسؤولون، مجرمين، إيضاحات).
//
// # Person rules
//
// A title (titles.txt), possibly with proclitics (وقال الرئيس، للرئيس),
// is followed by its complement ("of" titles: a known name, an organisation
// found by the organisation rule, or a descriptive noun phrase: المتحدث
// باسم [الخارجية الأميركية]), then qualifiers in any order (demonyms, known
// places and organisations, qualifier words, bridges such as في + a place,
// one ل complement (وزير الدولة [للشؤون الخارجية]), further titles: ولي
// العهد السعودي رئيس مجلس الوزراء الأمير …), then the name: one to four
// name units. The title is not part of the name. Up to two definite words
// before a name that follows are adjectives the tables lack (القائد النازي
// أدولف هتلر); a lone definite word of nisba or participle shape, or a
// four-letter verb in ت, is not reported (المستشار القانوني، الصحفية تملك).
//
// A name unit is a first name (simple or compound), a prefix and its next
// word (عبد الله، أبو بكر، آل سعود), or a name-like word, optionally
// followed by a suffix (نصر الله، نور الدين); links (بن، بنت) join units,
// and after a title a name may begin with one (الشيخ ابن باز). A known
// person inside a name is absorbed into it (أحمد [أبو الغيط]) unless it
// follows و; a known place or organisation ends it. After two units, a
// definite demonym may end the name as a family name (محمد شياع
// السوداني). After a title, a lone unit may take a regnal ordinal (الملك
// محمد السادس). A name that begins in Latin script continues only in Latin
// script.
//
// Without a title, a name is reported when it begins with a first name
// followed by at least one more unit (أحمد الطيب; not أحمد alone, not أحمد
// يقول), or with a prefix or link whose score in name-parts.txt is not zero
// (أبو مازن، بن فرحان; the word before بن is the name's start when it is
// name-like: شاهرخ بن تيمورلنك). A first name with proclitics must be plain
// and carry only و or ف (ومحمد). First names flagged amb or weak need a
// stronger second unit (see first-names.txt). A prefix or link right after
// a known person is that person's name continued (محمد بن راشد [آل مكتوم])
// and gives nothing.
//
// # Organisation rules
//
// A head (org-heads.txt) is followed by its complement. A proper
// complement is a known place or person, a person found by the person
// rules (جامعة الملك سعود), Latin words (شركة Google), or one to three
// name-like words (شركة أبل) whose first is indefinite (definite for the
// desc and media modes: مصرف الرافدين، صحيفة الأهرام), not ending in ة and
// not a short nisba (مجموعة أثرية، اتحاد طوعي are adjectives), with known
// names absorbed (نادي اسي ميلان) and no later word beginning with ل.
// Inside a title's complement or qualifiers a proper name is one word, as
// the person's name follows (الرئيس التنفيذي لشركة مايكروسوفت ساتيا
// ناديلا). A descriptive complement is a noun phrase of common words:
//
//	(indefinite noun){0,2} definite-noun-or-known-name
//	  ( adjective | و + definite noun | ل + complement )*
//
// where the first definite noun may also be any definite word that is not
// common vocabulary (وزارة الأوقاف), an adjective is a demonym, a common
// adjective or (for organisations) a definite word of nisba shape, و + a
// definite noun coordinates once and only after a noun (وزارة التربية
// والتعليم), and a ل complement is ل + a known name or ل + a noun phrase,
// with its own coordination and adjectives (الاتحاد الدولي لكرة القدم،
// الهيئة السعودية للبيانات والذكاء الاصطناعي). The phrase stops at anything
// else: punctuation, verbs, time words, function words, a definite noun
// right after another (وزارة الداخلية القرار stops after الداخلية).
// Definite heads (البنك، الحزب…) take adjectives, the first agreeing with
// the head in gender and at least one specific (an adjective flagged org or
// a nisba the tables lack), and then a ل complement (الهيئة العامة
// للاستثمار); a demonym alone is not enough (الجيش الإسرائيلي). A name
// that ends in a known place takes no demonym after it: جامعة مانشستر
// البريطانية is جامعة مانشستر, in Britain.
//
// The modes of org-heads.txt say which complements each head takes and
// whether the head is part of the name. A head directly followed by a
// known organisation (حركة حماس) gives nothing: the gazetteer names it; so
// does a head that leaves itself out followed by a known place alone
// (تلفزيون دبي).
//
// # Place rules
//
// A head (place-heads.txt) is followed by one to three name units (see
// placeName): name-like words, compound first names (محافظة صلاح الدين),
// place words or a title word first (بلدة بيت حانون، حي الشيخ جراح). Only
// the name is reported, not the head: ANERcorp annotates "مدينة" O and
// "الموصل" B-LOC, and the gazetteer's places carry no head either. When the
// gazetteer knows the name, the rule gives nothing.
//
// # Overlap with the gazetteer
//
// A rule never reports a name where the gazetteer (the known function)
// already has one: tokens where a known name starts are skipped, a title
// followed by a known person reports nothing, a head followed by a known
// place reports nothing. The gazetteer's match, with its ID, stands alone.
// Rule matches never overlap each other, never cross a sentence and never
// include punctuation.
//
// # Cost
//
// find classifies each token once (one map lookup for the tables and one
// for the stop lists, plus tokenize.FirstKnown for words that may carry
// proclitics), decides common vocabulary only for the words a rule asks
// about, and reuses its per-token scratch space through a sync.Pool: about
// 80 ns and well under one allocation per token on the test articles
// (BenchmarkRules).

// ruleMatch is a name found by a context rule: tokens[start:end] are the
// name itself (a person's title is NOT included; an organisation's or place's
// head word IS included: "وزارة الخارجية الأميركية", "مدينة الموصل").
//
// For places the rules decided otherwise: the head is left out (مدينة
// [الموصل]), as ANERcorp annotates places; see "Place rules" above. Some
// organisation heads are left out too (شركة [أبل]); see org-heads.txt.
type ruleMatch struct {
	start, end int            // token indexes, end exclusive
	typ        gazetteer.Type // PER, LOC or ORG
	score      float64        // confidence in (0, 1), lower than gazetteer matches: e.g. 0.6–0.8 by rule strength
	rule       string         // the rule's name, for debugging and tests, e.g. "title:الرئيس"
}

// Rule names are the kind of rule, a colon and the table entry that fired:
// "title:الرئيس", "first-name:أحمد", "shape:أبو", "org:وزارة", "loc:مدينة".
const (
	ruleTitle     = "title:"
	ruleFirstName = "first-name:"
	ruleShape     = "shape:"
	ruleOrg       = "org:"
	ruleLoc       = "loc:"
)

// Scores of the first-name rule: a first name and at least one more
// unit, and the same for a first name that is also a common word.
const (
	scoreFirstName    = 0.65
	scoreFirstNameAmb = 0.6
)

// Limits of the rules, in name units or words.
const (
	maxTitleUnits    = 4 // units of a name after a title
	maxFirstUnits    = 4 // units of a name that begins with a first name
	maxProperWords   = 3 // words of an organisation's proper name
	maxPlaceUnits    = 3 // units of a place name after its head
	maxIndefConstr   = 2 // indefinite nouns in construct before a definite one
	maxNPWords       = 7 // words of a descriptive noun phrase
	maxTitleChain    = 4 // titles chained before one name
	minNameRunes     = 2 // letters of a name-like word
	minPrefixedRunes = 3 // letters of the word after a name prefix (أبو علي)
	minProperRunes   = 3 // letters of the first word of an organisation's proper name
	minCliticStem    = 4 // letters of a proclitic-stripped common word without the article
	minPluralRunes   = 6 // letters of a sound plural in ين or ات (without the article)
	minPluralUnRunes = 5 // letters of a sound plural in ون with the article
)

// ruleSet is the rules' view of the word tables: the lexicon and the
// stop lists in Norm form. It is immutable and safe for concurrent use.
type ruleSet struct {
	lex   *lexicon.Lexicon
	stops map[string]uint8 // Norm form → stopAny, stopNumber
}

// Bits of ruleSet.stops.
const (
	stopAny    = 1 << iota // a word of stopLists
	stopNumber             // a number word
)

// newRuleSet returns the rules over a lexicon.
func newRuleSet(lex *lexicon.Lexicon) *ruleSet {
	rs := &ruleSet{lex: lex, stops: map[string]uint8{}}
	// The stop lists in Norm form, so that find looks a word up once
	// instead of normalising it again in StopList.Contains.
	for _, w := range stopLists.Words() {
		rs.stops[w] |= stopAny
	}
	for _, w := range tokenize.NumberWords.Words() {
		rs.stops[w] |= stopNumber
	}
	return rs
}

// stopLists are the tokenize lists of words that never form names.
const stopLists = tokenize.FunctionWords | tokenize.ReportingVerbs | tokenize.NumberWords

// tokInfo is what the rules know about one token.
type tokInfo struct {
	arabic, latin bool
	upper         bool  // a Latin word with a capital first letter
	stop          bool  // a word of stopLists
	ordinal       bool  // a definite number word: الثاني، السادس
	definite      bool  // the key begins with the article
	common        uint8 // common vocabulary (see the package notes): commonUnknown until asked
	cliticArt     bool  // proclitics before the article: والكاظمي، بالحكومة
	flags         lexicon.Class
	stem          string // key without proclitics when that is a word of the tables
	sflags        lexicon.Class
	word          lexicon.Word // the lexicon's analysis, for Common
	knownType     gazetteer.Type
	knownEnd      int  // end of the known name starting here, 0 if none
	skipEnd       int  // end of a known name the rules may not take in (see classify)
	demEnd        int  // end of the demonym starting here, 0 if none
	afterPerson   bool // a known person's name ends right before this token
}

// ruleParser holds the state of one find call.
type ruleParser struct {
	rs     *ruleSet
	tokens []tokenize.Token
	keys   []string
	info   []tokInfo
	out    []ruleMatch
	// nested is set while an organisation or place is parsed inside a
	// title's complement or qualifiers, where a person's name follows:
	// its proper name is then one word (المدير التنفيذي لشركة مايكروسوفت
	// ساتيا ناديلا).
	nested bool
}

// find returns the rule matches in tokens, in token order. keys[i] is tokenize.Key(tokens[i].Norm).
// known(i) reports whether a gazetteer name (not a demonym) starts at token i, with its type and end token;
// demonym(i) reports whether a demonym starts at token i and its end (used for "الرئيس الفلسطيني", "وزارة الخارجية الأميركية").
//
// known and demonym may be nil (nothing known). Their answers are checked:
// ends outside (i, len(tokens)] are ignored, and a known name or demonym
// that spans punctuation or two sentences is never taken into a rule's
// name (no rule starts inside a known name either). find returns nil when
// len(keys) != len(tokens). It is safe for concurrent use; its scratch
// space comes from a sync.Pool.
func (r *ruleSet) find(tokens []tokenize.Token, keys []string,
	known func(i int) (gazetteer.Type, int, bool),
	demonym func(i int) (int, bool)) []ruleMatch {
	return r.findWords(tokens, keys, nil, known, demonym)
}

// findWords is find given the lexicon's analysis of every token
// (words[i] = lexicon.Analyze(keys[i])), so that a token analysed for
// other uses is not analysed again. words may be nil.
func (r *ruleSet) findWords(tokens []tokenize.Token, keys []string, words []lexicon.Word,
	known func(i int) (gazetteer.Type, int, bool),
	demonym func(i int) (int, bool)) []ruleMatch {
	if len(tokens) == 0 || len(keys) != len(tokens) {
		return nil
	}
	if len(words) != len(tokens) {
		words = nil
	}
	infos := getTokInfo(len(tokens))
	defer putTokInfo(infos)
	p := ruleParser{rs: r, tokens: tokens, keys: keys, info: *infos}
	for i := range tokens {
		if words != nil {
			p.info[i].word = words[i]
		} else {
			p.info[i].word = r.lex.Analyze(keys[i])
		}
		p.classify(i, known, demonym)
	}
	p.accusativePairs()
	for i := 0; i < len(tokens); {
		i = p.at(i)
	}
	return p.out
}

// tokInfoPool recycles the per-call token analyses of find. They are
// cleared before they go back, so that the pool keeps no string of a text
// alive.
var tokInfoPool = sync.Pool{New: func() any { return new([]tokInfo) }}

// maxPooledTokens bounds the analyses kept for reuse: a huge text's slice
// is left to the garbage collector.
const maxPooledTokens = 1 << 16

// getTokInfo returns a zeroed slice of n analyses.
func getTokInfo(n int) *[]tokInfo {
	sp := tokInfoPool.Get().(*[]tokInfo)
	if cap(*sp) < n {
		*sp = make([]tokInfo, n)
	}
	*sp = (*sp)[:n]
	return sp
}

// putTokInfo hands a slice of getTokInfo back for reuse.
func putTokInfo(sp *[]tokInfo) {
	if cap(*sp) > maxPooledTokens {
		return
	}
	clear(*sp)
	tokInfoPool.Put(sp)
}

// plainSpan reports whether tokens[start:end] are words of one sentence,
// so that a rule may take them into a name.
func (p *ruleParser) plainSpan(start, end int) bool {
	for k := start; k < end; k++ {
		t := &p.tokens[k]
		if t.Sentence != p.tokens[start].Sentence || !(t.Kind.IsWord() || t.Kind == tokenize.Number) {
			return false
		}
	}
	return true
}

// classify fills info[i].
func (p *ruleParser) classify(i int, known func(int) (gazetteer.Type, int, bool), demonym func(int) (int, bool)) {
	n := len(p.tokens)
	in := &p.info[i]
	if known != nil {
		if typ, end, ok := known(i); ok && end > i && end <= n {
			if !p.plainSpan(i, end) {
				// A known name with punctuation (J.P. Morgan) or across
				// sentences: no rule starts inside it, none takes it in.
				in.skipEnd = end
			} else if typ >= gazetteer.PER && typ <= gazetteer.ORG {
				in.knownType, in.knownEnd = typ, end
				if typ == gazetteer.PER && end < n {
					p.info[end].afterPerson = true
				}
			}
		}
	}
	if demonym != nil {
		if end, ok := demonym(i); ok && end > i && end <= n && p.plainSpan(i, end) {
			in.demEnd = end
		}
	}
	t := &p.tokens[i]
	key := p.keys[i]
	switch t.Kind {
	case tokenize.ArabicWord:
		in.arabic = true
	case tokenize.LatinWord:
		in.latin = true
		r, _ := utf8.DecodeRuneInString(t.Text)
		in.upper = unicode.IsUpper(r)
		in.stop = tokenize.EnglishFunctionWords.Contains(t.Norm)
		return
	default:
		return
	}
	sw := p.rs.stops[t.Norm]
	in.stop = sw&stopAny != 0
	in.definite = lexicon.HasArticle(key)
	in.ordinal = in.definite && sw&stopNumber != 0
	in.flags, in.stem, in.sflags, in.cliticArt = in.word.Class, in.word.Split.Stem, in.word.StemClass, in.word.CliticArticle
}

// Values of tokInfo.common.
const (
	commonUnknown = iota // not computed yet
	commonNo
	commonYes
)

// common reports whether token j is common vocabulary, deciding it on
// first use: most tokens are never asked.
func (p *ruleParser) common(j int) bool {
	in := &p.info[j]
	if in.common == commonUnknown {
		in.common = commonNo
		if p.rs.lex.Common(in.word, p.tokens[j].Text, p.tokens[j].Norm, p.keys[j]) {
			in.common = commonYes
		}
	}
	return in.common == commonYes
}

// accusativePairs marks as common two adjacent indefinite words of four
// letters or more that both end in alef: a noun and its adjective in the
// accusative, written without tanween (هجوما عنيفا، مستشارا فنيا). Names
// ending in alef (أوباما) do not come in such pairs.
func (p *ruleParser) accusativePairs() {
	acc := func(i int) bool {
		in := &p.info[i]
		return in.arabic && !in.definite && in.flags&lexicon.FirstName == 0 && in.knownEnd == 0 &&
			strings.HasSuffix(p.keys[i], "ا") && runesAtLeast(p.keys[i], 4)
	}
	for i := 0; i+1 < len(p.tokens); i++ {
		if p.sameSentence(i, i+1) && acc(i) && acc(i+1) {
			p.info[i].common, p.info[i+1].common = commonYes, commonYes
		}
	}
}

// sameSentence reports whether token j exists and is in the sentence of
// token i.
func (p *ruleParser) sameSentence(i, j int) bool {
	return j < len(p.tokens) && p.tokens[j].Sentence == p.tokens[i].Sentence
}

// emit appends a match.
func (p *ruleParser) emit(start, end int, typ gazetteer.Type, score float64, rule string) {
	if p.out == nil {
		p.out = make([]ruleMatch, 0, 16)
	}
	p.out = append(p.out, ruleMatch{start: start, end: end, typ: typ, score: score, rule: rule})
}

// at tries the rules at token i, emits what they find and returns the
// index to continue from.
func (p *ruleParser) at(i int) int {
	in := &p.info[i]
	if !in.arabic && !in.latin {
		return i + 1
	}
	if in.knownEnd > 0 {
		return in.knownEnd // the gazetteer names it
	}
	if in.skipEnd > 0 {
		return in.skipEnd
	}
	if in.demEnd > 0 {
		return in.demEnd
	}
	if !in.arabic {
		return i + 1
	}
	if next, ok := p.titleRule(i); ok {
		return next
	}
	if next, ok := p.orgRule(i); ok {
		return next
	}
	if next, ok := p.locRule(i); ok {
		return next
	}
	if next, ok := p.personRule(i); ok {
		return next
	}
	return i + 1
}

// firstKeys returns the keys under which a word may begin a table entry:
// its own key, and the key without proclitics.
func (p *ruleParser) firstKeys(i int) (string, string) {
	return p.keys[i], p.info[i].stem
}

// matchRest reports whether the words after token i match rest, in one
// sentence, and returns the end of the match.
func (p *ruleParser) matchRest(i int, rest []string) (int, bool) {
	for k, want := range rest {
		j := i + 1 + k
		if !p.sameSentence(i, j) || p.keys[j] != want {
			return 0, false
		}
	}
	return i + 1 + len(rest), true
}

// lookupPhrase finds the longest entry of m that starts at token i, with
// or without proclitics on the first word when clitic is set.
func (p *ruleParser) lookupPhrase(m func(key string) []lexicon.Phrase, i int, clitic bool) (*lexicon.Phrase, int, bool) {
	whole, stem := p.firstKeys(i)
	for _, k := range [2]string{whole, stem} {
		if k == "" {
			continue
		}
		list := m(k)
		for e := range list {
			if end, ok := p.matchRest(i, list[e].Rest); ok {
				return &list[e], end, true
			}
		}
		if !clitic {
			break
		}
	}
	return nil, 0, false
}

// headAt returns the head of m at token i, with or without proclitics.
func (p *ruleParser) headAt(m func(key string) (lexicon.Head, bool), i int) (lexicon.Head, bool) {
	whole, stem := p.firstKeys(i)
	if h, ok := m(whole); ok {
		return h, true
	}
	if stem != "" {
		return m(stem)
	}
	return lexicon.Head{}, false
}

// runesAtLeast reports whether s has at least n runes.
func runesAtLeast(s string, n int) bool {
	for range s {
		n--
		if n <= 0 {
			return true
		}
	}
	return n <= 0
}
