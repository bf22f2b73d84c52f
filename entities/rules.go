package entities

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// Context rules find the names the gazetteer lacks from the words around
// them. The rules are tables (rules/*.txt, embedded and parsed once by
// defaultRules); this file is the engine that reads them. Each table
// documents its own format in its header. The choices below were measured
// on the ANERcorp train split (TestRulesANERcorp) and checked on the test
// articles (TestRulesArticles).
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
// للاستثمار); a demonym alone is not enough (الجيش الإسرائيلي).
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

// wordFlags classify a word by the tables it appears in.
type wordFlags uint32

const (
	wVerb      wordFlags = 1 << iota // verbs.txt
	wNoun                            // nouns.txt
	wAdj                             // adjectives.txt, generic
	wAdjOrg                          // adjectives.txt, flagged org
	wTime                            // time.txt
	wOther                           // other.txt
	wFirst                           // a one-word first name
	wFirstHead                       // the first word of a compound first name
	wTitle                           // the first word of a title
	wOrgHead                         // an organisation head
	wLocHead                         // a place head
	wQual                            // the first word of a qualifier
	wPrefix                          // a name prefix (عبد، أبو…)
	wLink                            // a name link (بن، بنت…)
	wSuffix                          // a name suffix (الدين، الله)
	wPlace                           // a word that begins place names

	wCommon  = wVerb | wNoun | wAdj | wAdjOrg | wTime | wOther
	wArticle = wNoun | wAdj | wAdjOrg | wTime | wOrgHead | wLocHead // carried through the article: الحكومة → حكومة، المجلس → مجلس
	wAnyAdj  = wAdj | wAdjOrg
	wNotName = wTitle | wOrgHead | wLocHead | wQual
)

// Kinds of title (the "after" column of titles.txt).
const (
	afterName     = iota // qualifiers, then the name
	afterOf              // a complement is required
	afterOptional        // a complement is optional
)

// Kinds of qualifier.
const (
	qualWord   = iota // skipped
	qualBridge        // skipped when a known place or organisation follows
)

// First-name flags.
const (
	firstPlain = iota
	firstAmb   // the second unit may not be an indefinite unknown word
	firstWeak  // the second unit must be a first name, a shape or a known person
)

// Organisation head modes.
const (
	orgDesc   = iota // descriptive or proper complement, head kept
	orgProper        // proper complement only, head kept
	orgName          // proper complement only, head left out
	orgMedia         // proper complement, definite words included, head left out
	orgAdj           // definite head with adjectives
)

// Place head modes.
const (
	locConstruct = iota // the name follows the head
	locAppos            // the head, optionally a demonym, then the name
)

// What may follow a name prefix.
const (
	nextDef    = iota // a definite word or a first name
	nextName          // a first name or a name-like word
	nextIndef         // an indefinite name-like word
	nextFamily        // any word but a function word or common vocabulary
)

// phrase is a table entry of one or more words.
type phrase struct {
	rest  []string // keys of the words after the first
	text  string   // the entry as written in its table
	rule  string   // the name of the rule it makes: "title:" + text
	kind  uint8    // the entry's kind, by table
	score float64
}

// head is an organisation or place head.
type head struct {
	text  string
	rule  string // "org:" or "loc:" + text
	mode  uint8
	score float64
}

// part is a name prefix or link.
type part struct {
	text  string
	rule  string // "shape:" + text
	next  uint8
	score float64
}

// ruleSet holds the parsed rule tables. It is immutable and safe for
// concurrent use.
type ruleSet struct {
	lex        map[string]wordFlags // word key → tables
	titles     map[string][]phrase  // first word key → titles, longest first
	quals      map[string][]phrase  // first word key → qualifiers, longest first
	firstNames map[string][]phrase  // first word key → first names, longest first
	prefixes   map[string]part      // prefix key → what it takes
	links      map[string]part      // link key → its score alone
	orgHeads   map[string]head
	locHeads   map[string]head
	stops      map[string]uint8 // Norm form → stopAny, stopNumber
}

// Bits of ruleSet.stops.
const (
	stopAny    = 1 << iota // a word of stopLists
	stopNumber             // a number word
)

//go:embed rules/*.txt
var ruleFS embed.FS

// ruleTablesFS returns the embedded tables as a directory.
func ruleTablesFS() (fs.FS, error) { return fs.Sub(ruleFS, "rules") }

var loadDefaultRules = sync.OnceValues(func() (*ruleSet, error) {
	sub, err := ruleTablesFS()
	if err != nil {
		return nil, err
	}
	return parseRules(sub)
})

// defaultRules returns the rule tables embedded in the package, parsed once.
func defaultRules() (*ruleSet, error) { return loadDefaultRules() }

// ruleTable describes one table file: its name, its columns and how a row
// is stored.
type ruleTable struct {
	file    string
	columns int // required columns; optional ones come after
	optCols int
	add     func(rs *ruleSet, keys []string, text string, cols []string) error
}

var ruleTables = []ruleTable{
	{"verbs.txt", 1, 0, addVerb},
	{"nouns.txt", 1, 0, addNoun},
	{"adjectives.txt", 1, 1, addAdjective},
	{"time.txt", 1, 0, addWordWith(wTime)},
	{"other.txt", 1, 0, addWordWith(wOther)},
	{"first-names.txt", 1, 1, addFirstName},
	{"titles.txt", 3, 0, addTitle},
	{"qualifiers.txt", 2, 0, addQualifier},
	{"name-parts.txt", 4, 0, addNamePart},
	{"org-heads.txt", 3, 0, addOrgHead},
	{"place-heads.txt", 3, 0, addPlaceHead},
}

// parseRules reads every table of fsys (a directory holding the files of
// ruleTables). Errors name the file and line: "entities: rules/titles.txt:12:
// …".
func parseRules(fsys fs.FS) (*ruleSet, error) {
	rs := &ruleSet{
		lex:        make(map[string]wordFlags, 8192),
		titles:     map[string][]phrase{},
		quals:      map[string][]phrase{},
		firstNames: map[string][]phrase{},
		prefixes:   map[string]part{},
		links:      map[string]part{},
		orgHeads:   map[string]head{},
		locHeads:   map[string]head{},
		stops:      map[string]uint8{},
	}
	// The stop lists in Norm form, so that find looks a word up once
	// instead of normalising it again in StopList.Contains.
	for _, w := range stopLists.Words() {
		rs.stops[w] |= stopAny
	}
	for _, w := range tokenize.NumberWords.Words() {
		rs.stops[w] |= stopNumber
	}
	for _, t := range ruleTables {
		data, err := fs.ReadFile(fsys, t.file)
		if err != nil {
			return nil, fmt.Errorf("entities: rules: %w", err)
		}
		if err := rs.parseTable(t, string(data)); err != nil {
			return nil, err
		}
	}
	for _, m := range []map[string][]phrase{rs.titles, rs.quals, rs.firstNames} {
		for _, list := range m {
			slices.SortStableFunc(list, func(a, b phrase) int { return len(b.rest) - len(a.rest) })
		}
	}
	// The forms with the article, so that find looks a word up once:
	// حكومة gives الحكومة.
	withArticle := make(map[string]wordFlags, len(rs.lex))
	for w, f := range rs.lex {
		if f&wArticle != 0 && !hasArticle(w) {
			withArticle[article+w] = f & wArticle
		}
	}
	for w, f := range withArticle {
		rs.lex[w] |= f
	}
	return rs, nil
}

func (rs *ruleSet) parseTable(t ruleTable, src string) error {
	n := 0
	for line := range strings.Lines(src) {
		n++
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < t.columns || len(cols) > t.columns+t.optCols {
			return fmt.Errorf("entities: rules/%s:%d: %d columns, want %d", t.file, n, len(cols), t.columns)
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		text := cols[0]
		keys := entryKeys(text)
		if len(keys) == 0 {
			return fmt.Errorf("entities: rules/%s:%d: empty entry", t.file, n)
		}
		if err := t.add(rs, keys, text, cols[1:]); err != nil {
			return fmt.Errorf("entities: rules/%s:%d: %q: %w", t.file, n, text, err)
		}
	}
	return nil
}

// entryKeys tokenizes a table entry as the text will be tokenized and
// returns the keys of its tokens.
func entryKeys(text string) []string {
	toks := tokenize.Tokenize(text)
	keys := make([]string, 0, len(toks))
	for _, t := range toks {
		keys = append(keys, tokenize.Key(t.Norm))
	}
	return keys
}

func oneWord(keys []string) (string, error) {
	if len(keys) != 1 {
		return "", fmt.Errorf("want one word, have %d", len(keys))
	}
	return keys[0], nil
}

func parseScore(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v >= 1 {
		return 0, fmt.Errorf("score %q: want a number in [0, 1)", s)
	}
	return v, nil
}

func addWordWith(f wordFlags) func(*ruleSet, []string, string, []string) error {
	return func(rs *ruleSet, keys []string, _ string, _ []string) error {
		w, err := oneWord(keys)
		if err != nil {
			return err
		}
		rs.lex[w] |= f
		return nil
	}
}

// Arabic letters the loader uses to build word forms, in Key form (ة is
// folded to ه, ى to ي).
const (
	keyTehMarbuta = "ه"
	keyYeh        = "ي"
	keyAlef       = "ا"
)

// addVerb adds a verb and its usual forms (see verbs.txt).
func addVerb(rs *ruleSet, keys []string, text string, _ []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	add := func(s string) { rs.lex[s] |= wVerb }
	add(w)
	weak := strings.HasSuffix(text, "ى") || strings.HasSuffix(w, keyAlef)
	stem := w
	if weak {
		stem = strings.TrimSuffix(strings.TrimSuffix(w, keyYeh), keyAlef)
	}
	if rest, ok := strings.CutPrefix(w, "ي"); ok {
		for _, p := range []string{"ي", "ت", "ن", "ا"} {
			add(p + rest)
		}
		restStem := strings.TrimPrefix(stem, "ي")
		for _, p := range []string{"ي", "ت"} {
			for _, s := range []string{"ون", "ان", "وا"} {
				add(p + restStem + s)
			}
		}
		return nil
	}
	add(stem + "ت")
	add(stem + "وا")
	if !weak {
		add(w + "ا")
		add(w + "تا")
	}
	return nil
}

// addNoun adds a noun with its dual in ين, and its plural in ات when it
// ends in ة (حكومة → حكومتين حكومات; هدف → هدفين). The dual in ان is not
// added: it would make names of common words (فرح → فرحان).
func addNoun(rs *ruleSet, keys []string, text string, _ []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	rs.lex[w] |= wNoun
	if stem, ok := strings.CutSuffix(w, keyTehMarbuta); ok && strings.HasSuffix(text, "ة") {
		rs.lex[stem+"ات"] |= wNoun
		rs.lex[stem+"تين"] |= wNoun
	} else if !strings.HasSuffix(w, keyAlef) && !strings.HasSuffix(w, keyYeh) {
		rs.lex[w+"ين"] |= wNoun
	}
	return nil
}

// addAdjective adds an adjective with its feminine and plurals.
func addAdjective(rs *ruleSet, keys []string, _ string, cols []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	f := wAdj
	if len(cols) > 0 {
		if cols[0] != "org" {
			return fmt.Errorf("flag %q: want org or nothing", cols[0])
		}
		f = wAdjOrg
	}
	for _, s := range []string{"", keyTehMarbuta, "ون", "ين"} {
		rs.lex[w+s] |= f
	}
	return nil
}

func addFirstName(rs *ruleSet, keys []string, text string, cols []string) error {
	kind := uint8(firstPlain)
	if len(cols) > 0 {
		switch cols[0] {
		case "amb":
			kind = firstAmb
		case "weak":
			kind = firstWeak
		default:
			return fmt.Errorf("flag %q: want amb or weak", cols[0])
		}
	}
	add := func(keys []string) {
		rs.firstNames[keys[0]] = append(rs.firstNames[keys[0]], phrase{rest: keys[1:], text: text, rule: ruleFirstName + text, kind: kind})
		if len(keys) == 1 {
			rs.lex[keys[0]] |= wFirst
		} else {
			rs.lex[keys[0]] |= wFirstHead
		}
	}
	add(keys)
	// A compound with عبد is also written as one word: عبدالله.
	if len(keys) == 2 && keys[0] == "عبد" {
		add([]string{keys[0] + keys[1]})
	}
	return nil
}

func addTitle(rs *ruleSet, keys []string, text string, cols []string) error {
	var kind uint8
	switch cols[0] {
	case "name":
		kind = afterName
	case "of":
		kind = afterOf
	case "of?":
		kind = afterOptional
	default:
		return fmt.Errorf("after %q: want name, of or of?", cols[0])
	}
	score, err := parseScore(cols[1])
	if err != nil {
		return err
	}
	if score == 0 {
		return fmt.Errorf("score 0: a title must give names")
	}
	rs.titles[keys[0]] = append(rs.titles[keys[0]], phrase{rest: keys[1:], text: text, rule: ruleTitle + text, kind: kind, score: score})
	rs.lex[keys[0]] |= wTitle
	return nil
}

func addQualifier(rs *ruleSet, keys []string, text string, cols []string) error {
	var kind uint8
	switch cols[0] {
	case "word":
		kind = qualWord
	case "bridge":
		kind = qualBridge
	default:
		return fmt.Errorf("kind %q: want word or bridge", cols[0])
	}
	rs.quals[keys[0]] = append(rs.quals[keys[0]], phrase{rest: keys[1:], text: text, kind: kind})
	if kind == qualWord {
		rs.lex[keys[0]] |= wQual
	}
	return nil
}

func addNamePart(rs *ruleSet, keys []string, text string, cols []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	score, err := parseScore(cols[2])
	if err != nil {
		return err
	}
	switch cols[0] {
	case "prefix":
		var next uint8
		switch cols[1] {
		case "def":
			next = nextDef
		case "name":
			next = nextName
		case "indef":
			next = nextIndef
		case "family":
			next = nextFamily
		default:
			return fmt.Errorf("next %q: want def, name, indef or family", cols[1])
		}
		rs.prefixes[w] = part{text: text, rule: ruleShape + text, next: next, score: score}
		rs.lex[w] |= wPrefix
	case "link":
		rs.links[w] = part{text: text, rule: ruleShape + text, score: score}
		rs.lex[w] |= wLink
	case "suffix":
		rs.lex[w] |= wSuffix
	case "place":
		rs.lex[w] |= wPlace
	default:
		return fmt.Errorf("role %q: want prefix, link, suffix or place", cols[0])
	}
	return nil
}

func addOrgHead(rs *ruleSet, keys []string, text string, cols []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	var mode uint8
	switch cols[0] {
	case "desc":
		mode = orgDesc
	case "proper":
		mode = orgProper
	case "name":
		mode = orgName
	case "media":
		mode = orgMedia
	case "adj":
		mode = orgAdj
		if !hasArticle(w) {
			return fmt.Errorf("mode adj needs a head with the article")
		}
	default:
		return fmt.Errorf("mode %q: want desc, proper, name, media or adj", cols[0])
	}
	score, err := parseScore(cols[1])
	if err != nil {
		return err
	}
	rs.orgHeads[w] = head{text: text, rule: ruleOrg + text, mode: mode, score: score}
	rs.lex[w] |= wOrgHead
	return nil
}

func addPlaceHead(rs *ruleSet, keys []string, text string, cols []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	var mode uint8
	switch cols[0] {
	case "construct":
		mode = locConstruct
	case "appos":
		mode = locAppos
	default:
		return fmt.Errorf("mode %q: want construct or appos", cols[0])
	}
	score, err := parseScore(cols[1])
	if err != nil {
		return err
	}
	rs.locHeads[w] = head{text: text, rule: ruleLoc + text, mode: mode, score: score}
	rs.lex[w] |= wLocHead
	return nil
}

// article is the definite article in Key form.
const article = "ال"

// hasArticle reports whether key begins with the article and at least two
// more letters (العراق, not آل, whose key is ال).
func hasArticle(key string) bool {
	return strings.HasPrefix(key, article) && runesAtLeast(key[len(article):], 2)
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

// flagsOf returns the tables key is in. The nouns, adjectives, time words
// and heads are also stored with the article (parseRules adds الحكومة for
// حكومة), so one lookup answers for both forms.
func (rs *ruleSet) flagsOf(key string) wordFlags { return rs.lex[key] }

// mayStrip reports whether tokenize.FirstKnown may find a word of the
// tables in key. It only rules out the words written with لل (للعراق)
// whose restored forms (العراق، اللعراق) the tables lack: FirstKnown builds
// those forms in new strings, and most of them are names or words of no
// table. Other words go to FirstKnown, which does not allocate for them.
func (rs *ruleSet) mayStrip(key string) bool {
	rest := key
	if r, size := utf8.DecodeRuneInString(rest); r == 'و' || r == 'ف' {
		rest = rest[size:]
	}
	after, ok := strings.CutPrefix(rest, "لل")
	if !ok {
		return true
	}
	var buf [64]byte
	b := append(append(buf[:0], article...), after...) // ل + الـعراق → العراق
	if rs.lex[string(b)] != 0 {
		return true
	}
	b = append(append(buf[:0], article...), rest[len("ل"):]...) // ل + اللجنة
	if rs.lex[string(b)] != 0 {
		return true
	}
	return rs.lex[rest[len("ل"):]] != 0 // ل + لندن
}

// inTables is the lexicon given to tokenize.FirstKnown.
func (rs *ruleSet) inTables(stem string) bool { return rs.flagsOf(stem) != 0 }

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
	flags         wordFlags
	stem          string // key without proclitics when that is a word of the tables
	sflags        wordFlags
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
	if len(tokens) == 0 || len(keys) != len(tokens) {
		return nil
	}
	infos := getTokInfo(len(tokens))
	defer putTokInfo(infos)
	p := ruleParser{rs: r, tokens: tokens, keys: keys, info: *infos}
	for i := range tokens {
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
	in.definite = hasArticle(key)
	in.ordinal = in.definite && sw&stopNumber != 0
	in.flags = p.rs.flagsOf(key)
	in.cliticArt = cliticBeforeArticle(key)
	if in.flags == 0 && p.rs.mayStrip(key) {
		if sp, ok := tokenize.FirstKnown(key, p.rs.inTables); ok {
			in.stem = sp.Stem
			in.sflags = p.rs.flagsOf(sp.Stem)
		}
	}
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
		if p.rs.isCommon(&p.tokens[j], p.keys[j], in) {
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
		return in.arabic && !in.definite && in.flags&wFirst == 0 && in.knownEnd == 0 &&
			strings.HasSuffix(p.keys[i], keyAlef) && runesAtLeast(p.keys[i], 4)
	}
	for i := 0; i+1 < len(p.tokens); i++ {
		if p.sameSentence(i, i+1) && acc(i) && acc(i+1) {
			p.info[i].common, p.info[i+1].common = commonYes, commonYes
		}
	}
}

// cliticBeforeArticle reports whether key reads as proclitics followed by
// the article and three letters or more: والكاظمي، بالحكومة، للحكومة.
func cliticBeforeArticle(key string) bool {
	rest := key
	if r, size := utf8.DecodeRuneInString(rest); r == 'و' || r == 'ف' {
		rest = rest[size:]
	}
	r, size := utf8.DecodeRuneInString(rest)
	switch r {
	case 'ب', 'ك':
		rest = rest[size:]
	case 'ل':
		rest = rest[size:]
		if strings.HasPrefix(rest, "ل") && !strings.HasPrefix(rest, article) {
			return runesAtLeast(rest, 3) // للحكومة: ل + (ا)لحكومة
		}
	default:
		if len(rest) == len(key) {
			return false
		}
	}
	return strings.HasPrefix(rest, article) && runesAtLeast(rest[len(article):], 3)
}

// isCommon decides whether a word is common vocabulary.
func (rs *ruleSet) isCommon(t *tokenize.Token, key string, in *tokInfo) bool {
	if in.flags&wFirst != 0 {
		return false
	}
	if in.flags&wCommon != 0 {
		return true
	}
	if in.sflags&wCommon != 0 && in.sflags&wFirst == 0 && (hasArticle(in.stem) || runesAtLeast(in.stem, minCliticStem) || prepBefore(key, in.stem)) {
		return true
	}
	// Accusative without its tanween: هجوما، اتصالا (ANERcorp writes none).
	if s, ok := strings.CutSuffix(key, keyAlef); ok && !in.definite && runesAtLeast(s, 3) && rs.lex[s]&(wNoun|wAnyAdj) != 0 {
		return true
	}
	// A nisba or construct plural of a word of the tables: محافظي، مسؤولي.
	if s, ok := strings.CutSuffix(key, keyYeh); ok && !in.definite && runesAtLeast(s, 3) && rs.lex[s]&(wNoun|wVerb|wAnyAdj|wNotName) != 0 {
		return true
	}
	if strings.ContainsRune(t.Text, '\u064B') { // tanween fath: مسبقاً
		return true
	}
	if rs.encliticCommon(t.Norm, key) || !in.definite && pronounEnding(t.Norm) {
		return true
	}
	if commonShape(key, in.definite, false) {
		return true
	}
	// The same after proclitics: وانتشرت، لتحويل، سيقاطع، بسموه.
	if rest, ok := stripProclitics(key); ok {
		restNorm, _ := stripProclitics(t.Norm)
		def := hasArticle(rest)
		return rs.flagsOf(rest)&wCommon != 0 || commonShape(rest, def, true) || rs.encliticCommon(restNorm, rest) || !def && pronounEnding(restNorm)
	}
	return false
}

// prepBefore reports whether key is ب or ل (after an optional و or ف)
// followed by stem: بحفظ، لشرح. Names rarely begin so, so three-letter
// stems count there, while كمال or فراس keep their first letter.
func prepBefore(key, stem string) bool {
	prefix, ok := strings.CutSuffix(key, stem)
	if !ok {
		return false
	}
	prefix = strings.TrimPrefix(strings.TrimPrefix(prefix, "و"), "ف")
	return prefix == "ب" || prefix == "ل"
}

// stripProclitics removes a conjunction (و ف) and then a preposition or
// the future particle (ب ل ك س) from the front of a word, and reports
// whether at least four letters remain after removing one or two letters.
func stripProclitics(key string) (string, bool) {
	rest := key
	if r, size := utf8.DecodeRuneInString(rest); r == 'و' || r == 'ف' {
		rest = rest[size:]
	}
	if r, size := utf8.DecodeRuneInString(rest); r == 'ب' || r == 'ل' || r == 'ك' || r == 'س' {
		rest = rest[size:]
	}
	return rest, len(rest) < len(key) && runesAtLeast(rest, 4)
}

// pronounSuffixes that mark a word as a noun or verb with a pronoun, not a
// name: names end in ة + ه (جلالته), هم, هن, هما or ها only by accident.
var pronounEndings = [...]string{"ته", "تها", "تهم", "تهما", "هم", "هن", "هما", "ها"}

// pronounEnding reports whether an indefinite word of four letters or
// more (in Norm form) ends in a pronoun suffix of pronounEndings.
func pronounEnding(norm string) bool {
	if !runesAtLeast(norm, 4) {
		return false
	}
	for _, suf := range pronounEndings {
		if strings.HasSuffix(norm, suf) {
			return true
		}
	}
	return false
}

// pronounSuffixes are the enclitic pronouns checked by encliticCommon, in
// Norm form, longest first.
var pronounSuffixes = [...]string{"هما", "ها", "هم", "هن", "نا", "كم", "ه", "ك"}

// encliticCommon reports whether the word is a common word followed by a
// pronoun suffix: حكومته، بلاده، زيارتها. norm decides the suffix (in the
// key, ة looks like ه); the stem is looked up in key form, with ة restored
// before ت.
func (rs *ruleSet) encliticCommon(norm, key string) bool {
	for _, suf := range pronounSuffixes {
		if !strings.HasSuffix(norm, suf) || !strings.HasSuffix(key, suf) {
			continue
		}
		stem := key[:len(key)-len(suf)]
		if !runesAtLeast(stem, 2) {
			return false
		}
		if suf == "ك" {
			return rs.lex[stem]&wVerb != 0 // يعطيك; but مالك is a name
		}
		if rs.lex[stem]&(wVerb|wNoun|wAnyAdj) != 0 {
			return true
		}
		if s, ok := strings.CutSuffix(stem, "ت"); ok && runesAtLeast(s, 2) {
			var buf [64]byte
			b := append(append(buf[:0], s...), keyTehMarbuta...)
			if rs.lex[string(b)]&(wNoun|wAnyAdj) != 0 {
				return true
			}
		}
		return false
	}
	return false
}

// commonShape reports whether key has the shape of a verb, a verbal noun
// or a sound plural (see the package notes). definite says whether key
// begins with the article; clitic that proclitics were stripped before it,
// which rules out the shortest verb shape (ليفني، سيمون are names, not
// ل or س + a verb of four letters).
func commonShape(key string, definite, clitic bool) bool {
	var rs [16]rune
	n := 0
	word := key
	if definite {
		word = key[len(article):]
	}
	for _, r := range word {
		if n == len(rs) {
			return false
		}
		rs[n] = r
		n++
	}
	if n < 4 {
		return false
	}
	if definite {
		switch {
		case n >= minPluralRunes && (hasRuneSuffix(rs[:n], 'ي', 'ن') || hasRuneSuffix(rs[:n], 'ا', 'ت')):
			return true
		case n >= minPluralUnRunes && hasRuneSuffix(rs[:n], 'و', 'ن'):
			return true
		case (n == 5 || n == 6 && rs[5] == 'ه') && rs[0] == 'م' && rs[3] == 'و' && rs[1] != 'ا' && rs[2] != 'ا':
			return true // المذكور، المكسوة: a passive participle
		}
	}
	switch {
	case n >= 5 && rs[0] == 'م' && rs[1] == 'ت' && rs[2] != 'و':
		return true // متحمس، المتناثرة: participles متفعّل، متفاعل (not متولي)
	case n >= 6 && rs[0] == 'م' && rs[1] == 'س' && rs[2] == 'ت':
		return true // مستشار، المستقبل
	}
	if !definite {
		longVowel := rs[1] == 'ا' || rs[1] == 'و' || rs[1] == 'ي'
		switch {
		case n == 4 && rs[0] == 'ي' && !longVowel && !clitic:
			return true // يقول، يشهد (ت-initial names are too many: تبون، تركي)
		case n >= 5 && (rs[0] == 'ي' || rs[0] == 'ت') && rs[1] == 'ت':
			return true // يتحدث، تتولى
		case n >= 6 && (rs[0] == 'ي' || rs[0] == 'ت') && rs[1] == 'س' && rs[2] == 'ت':
			return true // يستعد، تستمر
		case n == 5 && rs[0] == 'ي' && rs[2] == 'ا' && !longVowel:
			return true // يقاطع، يشارك
		case n == 5 && rs[0] == 'ي' && rs[2] == 'ت' && !longVowel:
			return true // ينتهج، يرتفع
		case n >= minPluralRunes && (hasRuneSuffix(rs[:n], 'و', 'ن') || hasRuneSuffix(rs[:n], 'ي', 'ن') || hasRuneSuffix(rs[:n], 'ا', 'ت')):
			return true // مسؤولون، مجرمين، إيضاحات
		}
	}
	switch {
	case n == 5 && rs[0] == 'ت' && rs[3] == 'ي':
		return true // تأكيد، تعزيز
	case n >= 5 && rs[0] == 'ا' && rs[2] == 'ت' && !(rs[1] == 'ا' || rs[1] == 'و' || rs[1] == 'ي'):
		return true // اجتماع، استقرار
	case n == 6 && rs[0] == 'ا' && rs[1] == 'ن' && rs[4] == 'ا':
		return true // انسحاب
	case n == 5 && rs[0] == 'ا' && rs[3] == 'ا' && !(rs[1] == 'ا' || rs[1] == 'و' || rs[1] == 'ي' || rs[2] == 'ا' || rs[2] == 'و' || rs[2] == 'ي'):
		return true // إجلاء، إصلاح، إغلاق
	case n == 6 && rs[0] == 'م' && rs[2] == 'ا' && rs[5] == 'ه':
		return true // مصادفة، مشاركة: a verbal noun مفاعلة
	case !definite && n == 6 && rs[0] == 'م' && rs[3] == 'و' && rs[5] == 'ه' && rs[1] != 'ا' && rs[2] != 'ا':
		return true // معروضة: a feminine passive participle
	}
	return false
}

func hasRuneSuffix(rs []rune, a, b rune) bool {
	return len(rs) >= 2 && rs[len(rs)-2] == a && rs[len(rs)-1] == b
}

// isNisba reports whether a word (key, without the article when definite)
// has the shape of a nisba adjective: three letters or more before a final
// ي or ية (ه in key form).
func isNisba(key string, definite bool) bool {
	if definite {
		key = key[len(article):]
	}
	key = strings.TrimSuffix(key, keyTehMarbuta)
	stem, ok := strings.CutSuffix(key, keyYeh)
	return ok && runesAtLeast(stem, 3)
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
func (p *ruleParser) lookupPhrase(m map[string][]phrase, i int, clitic bool) (*phrase, int, bool) {
	whole, stem := p.firstKeys(i)
	for _, k := range [2]string{whole, stem} {
		if k == "" {
			continue
		}
		list := m[k]
		for e := range list {
			if end, ok := p.matchRest(i, list[e].rest); ok {
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
func (p *ruleParser) headAt(m map[string]head, i int) (head, bool) {
	whole, stem := p.firstKeys(i)
	if h, ok := m[whole]; ok {
		return h, true
	}
	if stem != "" {
		h, ok := m[stem]
		return h, ok
	}
	return head{}, false
}

// ---- Person rules ----

// titleAt matches a title at token i and returns it with its end.
func (p *ruleParser) titleAt(i int) (*phrase, int, bool) {
	in := &p.info[i]
	if (in.flags|in.sflags)&wTitle == 0 || in.stop && in.flags&wTitle == 0 {
		return nil, 0, false
	}
	return p.lookupPhrase(p.rs.titles, i, true)
}

// titleRule applies the person-title rule at token i.
func (p *ruleParser) titleRule(i int) (int, bool) {
	t, j, ok := p.titleAt(i)
	if !ok || !hamzaAgrees(p.tokens[i].Text, firstWord(t.text)) {
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
	if end == j+1 && p.info[j].flags&wFirst == 0 && (p.info[j].definite && (isNisba(p.keys[j], true) || commonShape(p.keys[j], true, false) || strings.HasSuffix(p.tokens[j].Norm, "ة")) || tehVerbShape(p.keys[j])) {
		// A lone definite nisba after a title is an adjective the tables
		// lack more often than a family name (المستشار القانوني، الإمام
		// المراغي); the gazetteer has the family names news uses alone
		// (رئيس الوزراء الكاظمي).
		return end, true
	}
	p.emit(j, end, gazetteer.PER, t.score, t.rule)
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
		if !in.definite || in.flags&wFirst != 0 || in.knownEnd > 0 || !p.nameWord(j) {
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
func (p *ruleParser) titleTail(start int, t *phrase, j, depth int) (int, bool) {
	switch t.kind {
	case afterOf:
		end, ok := p.complement(start, j)
		if !ok {
			return 0, false
		}
		j = end
	case afterOptional:
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
		if in.flags&wQual != 0 || in.stop {
			if q, end, ok := p.lookupPhrase(p.rs.quals, j, false); ok {
				if q.kind == qualWord {
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
// flag of the first unit (firstPlain when it is not a first name).
func (p *ruleParser) personName(s int, o nameOpts) (end, units int, firstKind uint8) {
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
					firstKind = ph.kind
				}
				j, strong, lastWord = e, true, -1
				break
			}
			if e, ok := p.prefixUnit(j, j == s); ok {
				j, strong, lastWord = e, true, -1
				break
			}
			if in.flags&wLink != 0 && (units > 0 || o.titled && j == s) && linkAt < 0 {
				linkAt = j
				j++
				continue
			}
			if in.flags&wSuffix != 0 && lastWord == j-1 && linkAt < 0 {
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
	if units >= 2 && !o.titled && firstKind != firstPlain && !strongSecond {
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
	if in.flags&wFirst != 0 {
		return true
	}
	if in.stem != "" || (in.flags|in.sflags)&(wNotName|wPrefix|wLink|wSuffix) != 0 || p.common(j) {
		return false
	}
	if strings.HasPrefix(p.keys[j], "و") {
		return false // وإخراج، ورجاله: "and …", the next phrase
	}
	return runesAtLeast(p.keys[j], minNameRunes)
}

// firstNameAt matches a first name at token j; clitic allows proclitics
// on its first word.
//
// A first name with proclitics must carry only the conjunction و or ف
// (ومحمد، فأحمد) and be a plain first name: لحسن، وعد and بنور are words
// with a preposition or conjunction far more often than names.
func (p *ruleParser) firstNameAt(j int, clitic bool) (*phrase, int, bool) {
	in := &p.info[j]
	if !in.arabic || in.stop || in.cliticArt || (in.flags|in.sflags)&(wFirst|wFirstHead) == 0 {
		return nil, 0, false
	}
	if ph, end, ok := p.lookupPhrase(p.rs.firstNames, j, false); ok {
		return ph, end, true
	}
	if !clitic || in.stem == "" || len(p.keys[j])-len(in.stem) != len("و") {
		return nil, 0, false
	}
	if r, _ := utf8.DecodeRuneInString(p.keys[j]); r != 'و' && r != 'ف' {
		return nil, 0, false
	}
	ph, end, ok := p.lookupPhrase(p.rs.firstNames, j, true)
	if !ok || ph.kind != firstPlain {
		return nil, 0, false
	}
	return ph, end, true
}

// prefixUnit matches a name prefix and the word it takes (عبد الرحمن، أبو
// بكر، آل سعود) at token j and returns the end.
func (p *ruleParser) prefixUnit(j int, clitic bool) (int, bool) {
	in := &p.info[j]
	if !in.arabic || (in.flags|in.sflags)&wPrefix == 0 {
		return 0, false
	}
	pr, ok := p.rs.prefixes[p.keys[j]]
	if ok && !hamzaAgrees(p.tokens[j].Text, pr.text) {
		return 0, false // إل جي is not آل
	}
	if !ok && clitic && in.stem != "" {
		pr, ok = p.rs.prefixes[in.stem]
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
	if e, ok := p.prefixUnit(k, false); ok && pr.next != nextIndef {
		return e, true // أبو عبد الله
	}
	switch pr.next {
	case nextDef:
		if nx.definite && !nx.stop {
			return k + 1, true
		}
	case nextName:
		if nx.knownEnd > 0 && nx.knownType == gazetteer.PER {
			return nx.knownEnd, true
		}
		if p.nameWord(k) || (nx.definite && !nx.stop && nx.demEnd == 0 && nx.flags&(wVerb|wTime|wOther|wNotName) == 0 && nx.sflags == 0) {
			return k + 1, true
		}
	case nextIndef:
		if !nx.definite && p.nameWord(k) {
			return k + 1, true
		}
	case nextFamily:
		number := tokenize.NumberWords.Contains(p.tokens[k].Norm) // آل ثاني
		if !tokenize.FunctionWords.Contains(p.tokens[k].Norm) && (number || !p.common(k)) && nx.demEnd == 0 && nx.stem == "" && (nx.flags|nx.sflags)&wNotName == 0 {
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
		if ph.kind != firstPlain {
			score = scoreFirstNameAmb
		}
		p.emit(i, end, gazetteer.PER, score, ph.rule)
		return end, true
	}
	if in.afterPerson || (in.flags|in.sflags)&(wPrefix|wLink) == 0 {
		return 0, false // محمد بن راشد [آل مكتوم]: the known name's tail
	}
	whole, stem := p.firstKeys(i)
	key := whole
	if in.flags&(wPrefix|wLink) == 0 {
		key = stem
	}
	if pr, ok := p.rs.prefixes[key]; ok && pr.score > 0 {
		if _, ok := p.prefixUnit(i, true); !ok {
			return 0, false
		}
		end, units, _ := p.personName(i, nameOpts{maxUnits: maxFirstUnits})
		if units == 0 {
			return 0, false
		}
		p.emit(i, end, gazetteer.PER, pr.score, pr.rule)
		return end, true
	}
	if lk, ok := p.rs.links[key]; ok && lk.score > 0 && p.sameSentence(i, i+1) {
		end, units, _ := p.personName(i+1, nameOpts{maxUnits: maxFirstUnits - 1})
		if units == 0 || p.info[i+1].knownEnd > 0 {
			return 0, false
		}
		start := i
		if i > 0 && p.sameSentence(i-1, i) && p.info[i-1].knownEnd == 0 && p.nameWord(i-1) && !p.info[i-1].definite && (len(p.out) == 0 || p.out[len(p.out)-1].end < i) {
			start = i - 1 // شاهرخ بن تيمورلنك: the word before بن is the name's start
		}
		p.emit(start, end, gazetteer.PER, lk.score, lk.rule)
		return end, true
	}
	return 0, false
}

// ---- Organisation rules ----

// orgRule applies the organisation-head rule at token i; the head may
// carry proclitics (لوزارة). It emits the organisation found and returns
// the index after it.
func (p *ruleParser) orgRule(i int) (int, bool) {
	in := &p.info[i]
	if !in.arabic || in.knownEnd > 0 {
		return 0, false
	}
	if (in.flags|in.sflags)&wOrgHead == 0 {
		return 0, false
	}
	h, ok := p.headAt(p.rs.orgHeads, i)
	if !ok {
		return 0, false
	}
	j := i + 1
	if !p.sameSentence(i, j) {
		return 0, false
	}
	rule := h.rule
	if h.mode == orgAdj {
		end, specific := p.orgAdjectives(i, j)
		if !specific {
			return 0, false
		}
		p.emit(i, end, gazetteer.ORG, h.score, rule)
		return end, true
	}
	nx := &p.info[j]
	if nx.knownEnd > 0 && nx.knownType == gazetteer.ORG {
		return 0, false // حركة حماس: the gazetteer's
	}
	dropHead := h.mode == orgName || h.mode == orgMedia
	if end, ok := p.properName(i, j, h.mode == orgDesc || h.mode == orgMedia); ok {
		if dropHead {
			if nx.knownEnd == end {
				return 0, false // تلفزيون دبي: the place stays the gazetteer's
			}
			p.emit(j, end, gazetteer.ORG, h.score, rule)
			return end, true
		}
		end = p.adjectives(i, end, true)
		if e, ok := p.liComplement(i, end); ok {
			end = e // جامعة محمد بن زايد للذكاء الاصطناعي
		}
		p.emit(i, end, gazetteer.ORG, h.score, rule)
		return end, true
	}
	if h.mode != orgDesc {
		return 0, false
	}
	end, ok := p.nounPhrase(i, j, true, false)
	if !ok {
		return 0, false
	}
	p.emit(i, end, gazetteer.ORG, h.score, rule)
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
		for k := 0; k < limit-1 && p.sameSentence(start, end) && p.nameWord(end) && p.info[end].flags&wFirst == 0; k++ {
			end++ // صحيفة واشنطن بوست
		}
		return end, true
	}
	if t, e, ok := p.titleAt(j); ok && t.kind == afterName && p.sameSentence(start, e) {
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
	if in.definite && !def || !runesAtLeast(p.keys[j], minProperRunes) || !in.definite && (strings.HasSuffix(p.tokens[j].Norm, "ة") || isNisba(p.keys[j], false) && !runesAtLeast(p.keys[j], 6)) {
		return 0, false // مجموعة أثرية، مؤسسة بنكية، اتحاد طوعي: adjectives (but مركز كارنيغي)
	}
	end := j
	for end-j < limit && p.sameSentence(start, end) {
		nx := &p.info[end]
		if end > j && nx.knownEnd > 0 {
			end = nx.knownEnd // نادي اسي [ميلان]
			break
		}
		if !p.nameWord(end) || end > j && (nx.definite && isNisba(p.keys[end], true) || strings.HasPrefix(p.keys[end], "ل")) {
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
		case in.definite && !in.stop && in.flags&wAdjOrg != 0:
			specific = true
			j++
		case in.definite && !in.stop && in.flags&wAdj != 0:
			j++
		case in.definite && !in.stop && in.flags&wNotName == 0 && isNisba(p.keys[j], true) && !p.common(j):
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
	if in.stem == "" || !hasArticle(in.stem) || !strings.HasPrefix(p.keys[j], "و") || strings.HasPrefix(p.keys[j], "وب") || strings.HasPrefix(p.keys[j], "ول") {
		return false
	}
	return in.sflags&wAnyAdj != 0 || isNisba(in.stem, true) && in.sflags&wCommon == 0
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
	if !in.arabic || !in.definite || in.stop || in.flags&wNotName != 0 {
		return false
	}
	if in.flags&wAnyAdj != 0 {
		return true
	}
	return nisba && in.flags&(wNoun|wVerb|wTime|wOther|wFirst) == 0 && isNisba(p.keys[j], true)
}

// isDefNoun reports whether token j is a definite common noun: a noun of
// the tables or a word with the shape of one (الثوار is not listed, but
// المتظاهرين has a plural's shape). When orgFirst is set, any definite
// word that is not common vocabulary, a title or a demonym also counts
// (مصرف [الرافدين]); when heads is set, head words count as nouns too
// (رئيس [الاتحاد]، رئيس [البلدية]).
func (p *ruleParser) isDefNoun(j int, orgFirst, heads bool) bool {
	in := &p.info[j]
	if !in.arabic || !in.definite || in.stop || in.demEnd > 0 || in.flags&(wTime|wOther) != 0 {
		return false
	}
	notName := in.flags & wNotName
	if heads {
		notName &^= wOrgHead | wLocHead
	}
	if notName != 0 {
		return false
	}
	if in.flags&(wNoun|wOrgHead|wLocHead) != 0 {
		return true
	}
	if common := p.common(j); common || !orgFirst {
		return common && in.flags&(wVerb|wAnyAdj) == 0
	}
	return in.flags&wAnyAdj == 0 && !isNisba(p.keys[j], true)
}

// isIndefNoun reports whether token j is an indefinite common noun, the
// first term of a construct (حقوق الإنسان، أركان الجيش).
func (p *ruleParser) isIndefNoun(j int) bool {
	in := &p.info[j]
	return in.arabic && !in.definite && !in.stop && in.stem == "" && in.flags&wNoun != 0 && in.flags&(wNotName|wTime) == 0
}

// nounPhrase parses a descriptive noun phrase at token j (see the package
// notes). org allows an unknown definite word as the first noun and
// adjectives of nisba shape (organisations); clitic allows a ل or ب on the
// first word (للأمن، بالشؤون).
func (p *ruleParser) nounPhrase(start, j int, org, clitic bool) (int, bool) {
	k := j
	if clitic && p.info[k].cliticArt {
		in := &p.info[k]
		if in.stem == "" || in.sflags&wNoun == 0 || in.sflags&(wNotName|wTime) != 0 {
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
	if in.stem == "" || in.sflags&wNoun == 0 || in.sflags&(wNotName|wTime) != 0 {
		return 0, false
	}
	if hasArticle(in.stem) {
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
	return in.cliticArt && strings.HasPrefix(p.keys[j], "و") && in.stem != "" && in.sflags&wNoun != 0 && in.sflags&(wNotName|wTime|wVerb) == 0
}

// ---- Place rules ----

// locRule applies the place-head rule at token i and emits the place's
// name (the head left out).
func (p *ruleParser) locRule(i int) (int, bool) {
	in := &p.info[i]
	if !in.arabic || in.knownEnd > 0 {
		return 0, false
	}
	if (in.flags|in.sflags)&wLocHead == 0 {
		return 0, false
	}
	h, ok := p.headAt(p.rs.locHeads, i)
	if !ok {
		return 0, false
	}
	j := i + 1
	if h.mode == locAppos {
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
	p.emit(j, end, gazetteer.LOC, h.score, h.rule)
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
			if ph.kind == firstWeak {
				break
			}
			if len(ph.rest) > 0 {
				k, units, end, pending = e, units+1, e, false // محافظة صلاح الدين
				continue
			}
			onlyFirst = units == 0 && !pending
		}
		if !in.arabic || in.stop && in.flags&wPlace == 0 || in.cliticArt {
			break
		}
		if in.flags&(wPlace|wTitle) != 0 && !pending && k == j && p.sameSentence(start, k+1) {
			k++
			pending = true
			continue
		}
		if !p.nameWord(k) {
			break
		}
		if !in.definite && (isNisba(p.keys[k], false) || strings.HasSuffix(p.tokens[k].Norm, "ة") && units == 0 || tehVerbShape(p.keys[k])) {
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

// tehVerbShape reports whether key has the shape of an imperfect verb in ت
// of four letters (تحيط، تقع): ت, then a letter that is not a long vowel.
// It is not a common-word shape, because names have it too (تبون، تركي),
// but it rules out the first word of a place name.
func tehVerbShape(key string) bool {
	r, size := utf8.DecodeRuneInString(key)
	if r != 'ت' || utf8.RuneCountInString(key) != 4 {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(key[size:])
	return r2 != 'ا' && r2 != 'و' && r2 != 'ي'
}
