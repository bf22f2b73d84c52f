package lexicon

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/khabar-nlp/khabar/tokenize"
)

// Class is a set of word tables, one bit each.
type Class uint32

// The classes of words.
const (
	Verb          Class = 1 << iota // verbs.txt, with generated forms
	Noun                            // nouns.txt, with duals and plurals
	Adjective                       // adjectives.txt, generic
	OrgAdjective                    // adjectives.txt, flagged org (specific to organisations: الوطني، المركزي)
	TimeWord                        // time.txt
	OtherWord                       // other.txt
	FirstName                       // a one-word first name (first-names.txt)
	FirstNameHead                   // the first word of a compound first name
	Title                           // the first word of a title (titles.txt)
	OrgHead                         // an organisation head (org-heads.txt)
	PlaceHead                       // a place head (place-heads.txt)
	Qualifier                       // the first word of a qualifier of kind word (qualifiers.txt)
	NamePrefix                      // a name prefix: عبد، أبو… (name-parts.txt)
	NameLink                        // a name link: بن، بنت… (name-parts.txt)
	NameSuffix                      // a name suffix: الدين، الله (name-parts.txt)
	PlaceWord                       // a word that begins place names: بيت، كفر… (name-parts.txt)
)

// Unions of classes.
const (
	// Common is the vocabulary that never forms a name on its own.
	Common = Verb | Noun | Adjective | OrgAdjective | TimeWord | OtherWord
	// AnyAdjective is either kind of adjective.
	AnyAdjective = Adjective | OrgAdjective
	// NotName is the words that introduce names but are not part of them.
	NotName = Title | OrgHead | PlaceHead | Qualifier
	// withArticle is the classes also stored with the article.
	withArticle = Noun | Adjective | OrgAdjective | TimeWord | OrgHead | PlaceHead
)

var classNames = [...]string{"verb", "noun", "adjective", "org-adjective", "time", "other", "first-name", "first-name-head",
	"title", "org-head", "place-head", "qualifier", "name-prefix", "name-link", "name-suffix", "place-word"}

// String returns the names of the classes joined by "|" ("noun|adjective"),
// or "none".
func (c Class) String() string {
	if c == 0 {
		return "none"
	}
	var b strings.Builder
	for i, name := range classNames {
		if c&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(name)
		}
	}
	if rest := c &^ (1<<len(classNames) - 1); rest != 0 {
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		fmt.Fprintf(&b, "Class(%#x)", uint32(rest))
	}
	return b.String()
}

// Kind is the kind of a table entry; each table uses its own kinds.
type Kind uint8

// Kinds of titles (the "after" column of titles.txt): what must follow
// the title before the name.
const (
	// AfterName: qualifiers, then the name (الرئيس الفلسطيني محمود عباس).
	AfterName Kind = iota
	// AfterOf: a complement is required (المتحدث باسم …).
	AfterOf
	// AfterOptional: a complement is optional (الأمين العام [للأمم المتحدة]).
	AfterOptional
)

// Kinds of qualifiers (qualifiers.txt).
const (
	// QualifierWord is skipped between a title and the name (السابق).
	QualifierWord Kind = iota + 8
	// QualifierBridge is skipped when a known place or organisation
	// follows (السفير في بغداد).
	QualifierBridge
)

// Kinds of first names (the flag column of first-names.txt).
const (
	// FirstPlain is a first name that is no common word.
	FirstPlain Kind = iota + 16
	// FirstAmbiguous is also a common word (أمل hope): without a title, the
	// next unit must be a first name, a name shape or a known person.
	FirstAmbiguous
	// FirstWeak shares its letters with a very frequent word (علي/على);
	// treated as FirstAmbiguous.
	FirstWeak
)

// Phrase is an entry of the titles, qualifiers or first names: one or
// more words.
type Phrase struct {
	// Rest holds the keys of the words after the first.
	Rest []string
	// Text is the entry as written in its table.
	Text string
	// Kind is the entry's kind (AfterName…, QualifierWord…, FirstPlain…).
	Kind Kind
	// Score is the confidence a title gives the name after it, in (0, 1);
	// 0 for qualifiers and first names.
	Score float64
}

// Next says what may follow a name prefix (name-parts.txt).
type Next uint8

// What may follow a name prefix.
const (
	NextDefinite   Next = iota // a definite word or a first name (آل سعود)
	NextName                   // a first name or a name-like word (أبو مازن)
	NextIndefinite             // an indefinite name-like word
	NextFamily                 // any word but a function word or common vocabulary
)

// Part is a name prefix or a name link (name-parts.txt).
type Part struct {
	// Text is the word as written in the table.
	Text string
	// Next says what may follow a prefix (links: unused).
	Next Next
	// Score is the confidence in a name that begins with the part without
	// a title before it; 0 means such a name is not reported.
	Score float64
}

// Mode says which complements a head takes and what the name covers.
type Mode uint8

// Modes of organisation heads (org-heads.txt) and place heads
// (place-heads.txt); see the tables' headers.
const (
	OrgDescriptive  Mode = iota // a descriptive or proper complement; the head is part of the name
	OrgProper                   // a proper complement only; the head is part of the name
	OrgName                     // a proper complement only; the head is left out
	OrgMedia                    // like OrgName, definite words included (صحيفة الأهرام)
	OrgAdjectives               // a definite head followed by adjectives (البنك المركزي)
	PlaceConstruct              // the name follows the head (مدينة الموصل)
	PlaceApposition             // the head, optionally a demonym, then the name
)

// Head is an organisation or place head.
type Head struct {
	// Text is the head as written in the table.
	Text string
	// Mode says what the head takes.
	Mode Mode
	// Score is the confidence given to the name found.
	Score float64
}

// Lexicon is the parsed word tables. It is immutable and safe for
// concurrent use.
type Lexicon struct {
	classes    map[string]Class    // word key → tables
	titles     map[string][]Phrase // first word key → titles, longest first
	qualifiers map[string][]Phrase // first word key → qualifiers, longest first
	firstNames map[string][]Phrase // first word key → first names, longest first
	prefixes   map[string]Part
	links      map[string]Part
	orgHeads   map[string]Head
	placeHeads map[string]Head
	degree     map[string]bool // adjectives of degree, without the article
}

// Class returns the tables a word (in [tokenize.Key] form) is in.
func (l *Lexicon) Class(key string) Class { return l.classes[key] }

// Degree reports whether a word (in [tokenize.Key] form, with or without
// the article) is an adjective of degree: one that says how much or how
// good (هائلة، الشديد، مريب), not what kind (الجوية، النقدية), flagged
// degree in adjectives.txt.
func (l *Lexicon) Degree(key string) bool {
	return l.degree[strings.TrimPrefix(key, Article)]
}

// Titles returns the titles whose first word has the key, longest first.
// The slice belongs to the Lexicon: do not modify it.
func (l *Lexicon) Titles(key string) []Phrase { return l.titles[key] }

// Qualifiers returns the qualifiers whose first word has the key, longest
// first. The slice belongs to the Lexicon: do not modify it.
func (l *Lexicon) Qualifiers(key string) []Phrase { return l.qualifiers[key] }

// FirstNames returns the first names whose first word has the key,
// longest first (عبد gives عبد الله، عبد الرحمن…). A compound written with
// عبد is also found joined (عبدالله). The slice belongs to the Lexicon:
// do not modify it.
func (l *Lexicon) FirstNames(key string) []Phrase { return l.firstNames[key] }

// Prefix returns the name prefix with the key (عبد، أبو، آل…).
func (l *Lexicon) Prefix(key string) (Part, bool) { p, ok := l.prefixes[key]; return p, ok }

// Link returns the name link with the key (بن، بنت…).
func (l *Lexicon) Link(key string) (Part, bool) { p, ok := l.links[key]; return p, ok }

// OrgHead returns the organisation head with the key (وزارة، شركة…).
func (l *Lexicon) OrgHead(key string) (Head, bool) { h, ok := l.orgHeads[key]; return h, ok }

// PlaceHead returns the place head with the key (مدينة، محافظة…).
func (l *Lexicon) PlaceHead(key string) (Head, bool) { h, ok := l.placeHeads[key]; return h, ok }

// Len returns the number of word forms the lexicon classifies.
func (l *Lexicon) Len() int { return len(l.classes) }

//go:embed data/*.txt
var dataFS embed.FS

// Tables returns the embedded tables as a directory, the input of [Parse].
func Tables() fs.FS {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic("lexicon: embedded tables: " + err.Error()) // cannot happen: the directory is embedded
	}
	return sub
}

var loadDefault = sync.OnceValues(func() (*Lexicon, error) { return Parse(Tables()) })

// Default returns the embedded tables, parsed once and shared.
func Default() (*Lexicon, error) { return loadDefault() }

// table describes one table file: its name, its columns and how a row is
// stored.
type table struct {
	file    string
	columns int // required columns; optional ones come after
	optCols int
	add     func(l *Lexicon, keys []string, text string, cols []string) error
}

var tables = []table{
	{"verbs.txt", 1, 0, addVerb},
	{"nouns.txt", 1, 0, addNoun},
	{"adjectives.txt", 1, 1, addAdjective},
	{"time.txt", 1, 0, addWordWith(TimeWord)},
	{"other.txt", 1, 0, addWordWith(OtherWord)},
	{"first-names.txt", 1, 1, addFirstName},
	{"titles.txt", 3, 0, addTitle},
	{"qualifiers.txt", 2, 0, addQualifier},
	{"name-parts.txt", 4, 0, addNamePart},
	{"org-heads.txt", 3, 0, addOrgHead},
	{"place-heads.txt", 3, 0, addPlaceHead},
}

// TableFiles returns the names of the files [Parse] reads.
func TableFiles() []string {
	out := make([]string, len(tables))
	for i, t := range tables {
		out[i] = t.file
	}
	return out
}

// Parse reads every table of fsys, a directory holding the files that
// [TableFiles] names (see [Tables] for the embedded ones). Errors name
// the file and line: "lexicon: titles.txt:12: …".
func Parse(fsys fs.FS) (*Lexicon, error) {
	l := &Lexicon{
		classes:    make(map[string]Class, 8192),
		titles:     map[string][]Phrase{},
		qualifiers: map[string][]Phrase{},
		firstNames: map[string][]Phrase{},
		prefixes:   map[string]Part{},
		links:      map[string]Part{},
		orgHeads:   map[string]Head{},
		placeHeads: map[string]Head{},
		degree:     map[string]bool{},
	}
	for _, t := range tables {
		data, err := fs.ReadFile(fsys, t.file)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		if err := l.parseTable(t, string(data)); err != nil {
			return nil, err
		}
	}
	for _, m := range []map[string][]Phrase{l.titles, l.qualifiers, l.firstNames} {
		for _, list := range m {
			slices.SortStableFunc(list, func(a, b Phrase) int { return len(b.Rest) - len(a.Rest) })
		}
	}
	// The forms with the article, so that one lookup answers for both:
	// حكومة gives الحكومة.
	with := make(map[string]Class, len(l.classes))
	for w, c := range l.classes {
		if c&withArticle != 0 && !HasArticle(w) {
			with[Article+w] = c & withArticle
		}
	}
	for w, c := range with {
		l.classes[w] |= c
	}
	return l, nil
}

func (l *Lexicon) parseTable(t table, src string) error {
	n := 0
	for line := range strings.Lines(src) {
		n++
		line = strings.TrimRight(line, "\r\n")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < t.columns || len(cols) > t.columns+t.optCols {
			return fmt.Errorf("lexicon: %s:%d: %d columns, want %d", t.file, n, len(cols), t.columns)
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		text := cols[0]
		keys := entryKeys(text)
		if len(keys) == 0 {
			return fmt.Errorf("lexicon: %s:%d: empty entry", t.file, n)
		}
		if err := t.add(l, keys, text, cols[1:]); err != nil {
			return fmt.Errorf("lexicon: %s:%d: %q: %w", t.file, n, text, err)
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

func addWordWith(c Class) func(*Lexicon, []string, string, []string) error {
	return func(l *Lexicon, keys []string, _ string, _ []string) error {
		w, err := oneWord(keys)
		if err != nil {
			return err
		}
		l.classes[w] |= c
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
func addVerb(l *Lexicon, keys []string, text string, _ []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	add := func(s string) { l.classes[s] |= Verb }
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
func addNoun(l *Lexicon, keys []string, text string, _ []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	l.classes[w] |= Noun
	if stem, ok := strings.CutSuffix(w, keyTehMarbuta); ok && strings.HasSuffix(text, "ة") {
		l.classes[stem+"ات"] |= Noun
		l.classes[stem+"تين"] |= Noun
	} else if !strings.HasSuffix(w, keyAlef) && !strings.HasSuffix(w, keyYeh) {
		l.classes[w+"ين"] |= Noun
	}
	return nil
}

// addAdjective adds an adjective with its feminine and plurals.
func addAdjective(l *Lexicon, keys []string, _ string, cols []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	c, degree := Adjective, false
	if len(cols) > 0 {
		switch cols[0] {
		case "org":
			c = OrgAdjective
		case "degree":
			degree = true
		default:
			return fmt.Errorf("flag %q: want org, degree or nothing", cols[0])
		}
	}
	for _, s := range []string{"", keyTehMarbuta, "ون", "ين"} {
		l.classes[w+s] |= c
		if degree {
			l.degree[w+s] = true
		}
	}
	return nil
}

func addFirstName(l *Lexicon, keys []string, text string, cols []string) error {
	kind := FirstPlain
	if len(cols) > 0 {
		switch cols[0] {
		case "amb":
			kind = FirstAmbiguous
		case "weak":
			kind = FirstWeak
		default:
			return fmt.Errorf("flag %q: want amb or weak", cols[0])
		}
	}
	add := func(keys []string) {
		l.firstNames[keys[0]] = append(l.firstNames[keys[0]], Phrase{Rest: keys[1:], Text: text, Kind: kind})
		if len(keys) == 1 {
			l.classes[keys[0]] |= FirstName
		} else {
			l.classes[keys[0]] |= FirstNameHead
		}
	}
	add(keys)
	// A compound with عبد is also written as one word: عبدالله.
	if len(keys) == 2 && keys[0] == "عبد" {
		add([]string{keys[0] + keys[1]})
	}
	return nil
}

func addTitle(l *Lexicon, keys []string, text string, cols []string) error {
	var kind Kind
	switch cols[0] {
	case "name":
		kind = AfterName
	case "of":
		kind = AfterOf
	case "of?":
		kind = AfterOptional
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
	l.titles[keys[0]] = append(l.titles[keys[0]], Phrase{Rest: keys[1:], Text: text, Kind: kind, Score: score})
	l.classes[keys[0]] |= Title
	return nil
}

func addQualifier(l *Lexicon, keys []string, text string, cols []string) error {
	var kind Kind
	switch cols[0] {
	case "word":
		kind = QualifierWord
	case "bridge":
		kind = QualifierBridge
	default:
		return fmt.Errorf("kind %q: want word or bridge", cols[0])
	}
	l.qualifiers[keys[0]] = append(l.qualifiers[keys[0]], Phrase{Rest: keys[1:], Text: text, Kind: kind})
	if kind == QualifierWord {
		l.classes[keys[0]] |= Qualifier
	}
	return nil
}

func addNamePart(l *Lexicon, keys []string, text string, cols []string) error {
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
		var next Next
		switch cols[1] {
		case "def":
			next = NextDefinite
		case "name":
			next = NextName
		case "indef":
			next = NextIndefinite
		case "family":
			next = NextFamily
		default:
			return fmt.Errorf("next %q: want def, name, indef or family", cols[1])
		}
		l.prefixes[w] = Part{Text: text, Next: next, Score: score}
		l.classes[w] |= NamePrefix
	case "link":
		l.links[w] = Part{Text: text, Score: score}
		l.classes[w] |= NameLink
	case "suffix":
		l.classes[w] |= NameSuffix
	case "place":
		l.classes[w] |= PlaceWord
	default:
		return fmt.Errorf("role %q: want prefix, link, suffix or place", cols[0])
	}
	return nil
}

// orgModes and placeModes name the modes of the heads' tables.
var (
	orgModes   = map[string]Mode{"desc": OrgDescriptive, "proper": OrgProper, "name": OrgName, "media": OrgMedia, "adj": OrgAdjectives}
	placeModes = map[string]Mode{"construct": PlaceConstruct, "appos": PlaceApposition}
)

func addOrgHead(l *Lexicon, keys []string, text string, cols []string) error {
	return l.addHead(l.orgHeads, OrgHead, orgModes, "desc, proper, name, media or adj", keys, text, cols)
}

func addPlaceHead(l *Lexicon, keys []string, text string, cols []string) error {
	return l.addHead(l.placeHeads, PlaceHead, placeModes, "construct or appos", keys, text, cols)
}

// addHead adds a head of one word, its mode (one of modes, named in
// want) and its score, to heads and the class c.
func (l *Lexicon) addHead(heads map[string]Head, c Class, modes map[string]Mode, want string, keys []string, text string, cols []string) error {
	w, err := oneWord(keys)
	if err != nil {
		return err
	}
	mode, ok := modes[cols[0]]
	if !ok {
		return fmt.Errorf("mode %q: want %s", cols[0], want)
	}
	if mode == OrgAdjectives && !HasArticle(w) {
		return fmt.Errorf("mode adj needs a head with the article")
	}
	score, err := parseScore(cols[1])
	if err != nil {
		return err
	}
	heads[w] = Head{Text: text, Mode: mode, Score: score}
	l.classes[w] |= c
	return nil
}
