package tokenize

import (
	"strings"
	"unicode/utf8"
)

// Clitic is one Arabic clitic: a proclitic written before a word (the
// conjunctions و and ف, the prepositions ب ك ل, the future particle س and
// the article ال) or an enclitic pronoun written after it (ه ها هم…).
//
// [Clitic.String] gives the letters as written, [Clitic.Name] a stable ASCII
// name for logs, JSON and tests. Several clitics share letters: ك is
// [PrepKa] (like) before a word and [PronKa] (your) after it.
type Clitic uint8

// The clitics. The zero value, NoClitic, means none.
const (
	NoClitic Clitic = iota

	// Proclitics, in the order Arabic writes them:
	// [و|ف]? [ب|ك|ل|س]? [ال]?

	ConjWa     // و "and"
	ConjFa     // ف "so, then"
	PrepBi     // ب "with, by, in"
	PrepKa     // ك "like, as"
	PrepLi     // ل "for, to"
	FutSa      // س future particle, only before imperfect verbs (سيزور)
	DefArticle // ال the definite article

	// Enclitic pronouns.

	PronHu    // ه "him, his"
	PronHa    // ها "her, its"
	PronHuma  // هما "them two, their" (dual)
	PronHum   // هم "them, their" (masculine plural)
	PronHunna // هن "them, their" (feminine plural)
	PronKa    // ك "you, your" (singular)
	PronKuma  // كما "you, your" (dual)
	PronKum   // كم "you, your" (masculine plural)
	PronKunna // كن "you, your" (feminine plural)
	PronNa    // نا "us, our"
	PronNi    // ني "me" (after verbs)
	PronYa    // ي "my, me"

	numClitics
)

var cliticText = [numClitics]struct{ letters, name string }{
	NoClitic:   {"", "none"},
	ConjWa:     {"و", "conj-wa"},
	ConjFa:     {"ف", "conj-fa"},
	PrepBi:     {"ب", "prep-bi"},
	PrepKa:     {"ك", "prep-ka"},
	PrepLi:     {"ل", "prep-li"},
	FutSa:      {"س", "fut-sa"},
	DefArticle: {"ال", "article"},
	PronHu:     {"ه", "pron-hu"},
	PronHa:     {"ها", "pron-ha"},
	PronHuma:   {"هما", "pron-huma"},
	PronHum:    {"هم", "pron-hum"},
	PronHunna:  {"هن", "pron-hunna"},
	PronKa:     {"ك", "pron-ka"},
	PronKuma:   {"كما", "pron-kuma"},
	PronKum:    {"كم", "pron-kum"},
	PronKunna:  {"كن", "pron-kunna"},
	PronNa:     {"نا", "pron-na"},
	PronNi:     {"ني", "pron-ni"},
	PronYa:     {"ي", "pron-ya"},
}

// String returns the clitic's letters as written: "و" for [ConjWa], "ال"
// for [DefArticle], "هم" for [PronHum], "" for [NoClitic] and for values
// outside the enumeration.
func (c Clitic) String() string {
	if c >= numClitics {
		return ""
	}
	return cliticText[c].letters
}

// Name returns a stable ASCII name: "conj-wa", "conj-fa", "prep-bi",
// "prep-ka", "prep-li", "fut-sa", "article", "pron-hu", "pron-ha",
// "pron-huma", "pron-hum", "pron-hunna", "pron-ka", "pron-kuma", "pron-kum",
// "pron-kunna", "pron-na", "pron-ni", "pron-ya"; "none" for [NoClitic] and
// "unknown" for values outside the enumeration.
func (c Clitic) Name() string {
	if c >= numClitics {
		return "unknown"
	}
	return cliticText[c].name
}

// IsProclitic reports whether c is written before a word ([ConjWa] through
// [DefArticle]).
func (c Clitic) IsProclitic() bool { return c >= ConjWa && c <= DefArticle }

// IsEnclitic reports whether c is a pronoun written after a word ([PronHu]
// through [PronYa]).
func (c Clitic) IsEnclitic() bool { return c >= PronHu && c < numClitics }

// Split is one way to read a word as clitics around a stem. It is a plain
// value; its strings share memory with the analysed word except where
// letters were restored.
//
// A proclitic split (from [Proclitics]) has Prefix set and Suffix empty; an
// enclitic split (from [Enclitics]) has Suffix set and Prefix empty; the
// split of [Whole] has neither.
type Split struct {
	// Prefix is the proclitic letters stripped from the front of the word,
	// as written: "و" for وبغداد, "وب" for وبالعراق, "ل" for للعراق.
	Prefix string
	// Stem is the word without its stripped clitics. It keeps the article:
	// بالعراق → العراق. Letters that the spelling drops are put back (see
	// Restored): للعراق → العراق.
	Stem string
	// Suffix is the enclitic pronoun stripped from the end, as written:
	// "ها" for حكومتها.
	Suffix string
	// Bare is Stem without the article when Article is true (العراق →
	// عراق), and Stem itself otherwise.
	Bare string
	// Restored is the letters Stem carries that the written word does not:
	//   - "ا", at the start of Stem, when ل meets the article and its alef
	//     drops: للعراق = ل + العراق;
	//   - "ال", at the start of Stem, when ل meets the article before a word
	//     that itself begins with ل, and the article's alef and lam both
	//     drop: للجنة = ل + اللجنة, لله = ل + الله;
	//   - "ة", at the end of Stem, when teh marbuta is written ت before a
	//     pronoun: حكومتها = حكومة + ها. Key(Stem) folds it to ه.
	// It is empty when Stem is a plain substring of the word.
	Restored string
	// Conj is the conjunction stripped ([ConjWa], [ConjFa]) or NoClitic.
	Conj Clitic
	// Prep is the preposition or future particle stripped ([PrepBi],
	// [PrepKa], [PrepLi], [FutSa]) or NoClitic.
	Prep Clitic
	// Pronoun is the enclitic pronoun stripped, or NoClitic.
	Pronoun Clitic
	// Article reports that Stem begins with the article ال followed by at
	// least two letters. The article stays in Stem; Bare is Stem without it.
	// It is never set after the future particle س, whose stem is a verb
	// (سألتقي → س + التقي, "I will meet").
	Article bool
}

// Clitics returns the clitics of s in written order: conjunction,
// preposition, article, pronoun, leaving out those that are absent. The
// article is listed when Stem carries it, though it is not stripped from
// Stem. It allocates a new slice; use the fields to avoid that.
func (s Split) Clitics() []Clitic {
	out := make([]Clitic, 0, 4)
	for _, c := range [...]Clitic{s.Conj, s.Prep} {
		if c != NoClitic {
			out = append(out, c)
		}
	}
	if s.Article {
		out = append(out, DefArticle)
	}
	if s.Pronoun != NoClitic {
		out = append(out, s.Pronoun)
	}
	return out
}

// Surface rebuilds the word as it was written from the split: Prefix, Stem
// without its restored letters, Suffix. For every split returned by
// [Proclitics], [Enclitics] and [Whole], s.Surface() equals the analysed
// word.
func (s Split) Surface() string {
	stem := s.Stem
	if s.Restored != "" {
		if s.Suffix != "" {
			// Teh marbuta restored at the end: written ت.
			stem = strings.TrimSuffix(stem, s.Restored) + "ت"
		} else {
			stem = strings.TrimPrefix(stem, s.Restored)
		}
	}
	return s.Prefix + stem + s.Suffix
}

// String shows the split with '+' between clitics and stem, in written
// order: "و+ب+العراق", "ل+العراق" (for للعراق), "حكومة+ها".
func (s Split) String() string {
	var b strings.Builder
	for _, c := range [...]Clitic{s.Conj, s.Prep} {
		if c != NoClitic {
			b.WriteString(c.String())
			b.WriteByte('+')
		}
	}
	b.WriteString(s.Stem)
	if s.Suffix != "" {
		b.WriteByte('+')
		b.WriteString(s.Suffix)
	}
	return b.String()
}

// Length limits, in letters (runes).
const (
	// minStemLetters is the shortest stem without the article that a
	// proclitic split may leave: وزير → و + زير is a candidate, ومن → و + من
	// is not.
	minStemLetters = 3
	// minBareLetters is the shortest word that may follow the article: بالعراق
	// → ب + العراق (عراق), but بالغ → ب + الغ is not read as an article.
	minBareLetters = 2
	// minEncliticStemLetters is the shortest stem an enclitic split may
	// leave: فيه → في + ه, but له is not split.
	minEncliticStemLetters = 2
	// maxSplits bounds the proclitic candidates of one word: a conjunction
	// alone, and conjunction + ل with its three readings of لل.
	maxSplits = 6
)

const (
	cliticArticle = "ال"
	cliticAlef    = "ا"
	cliticLam     = "ل"
)

// atLeastRunes reports whether s holds at least n runes, without counting
// past n.
func atLeastRunes(s string, n int) bool {
	if len(s) < n {
		return false
	}
	if len(s) >= 4*n {
		return true // a rune takes at most 4 bytes
	}
	for range s {
		n--
		if n <= 0 {
			return true
		}
	}
	return n <= 0
}

// hasArticle reports whether stem reads as ال followed by at least
// minBareLetters letters.
func hasArticle(stem string) bool {
	return strings.HasPrefix(stem, cliticArticle) && atLeastRunes(stem[len(cliticArticle):], minBareLetters)
}

// Whole returns word as a split with no clitic stripped: Stem is word,
// and Article and Bare say whether it begins with the article (العراق →
// Bare عراق). word is expected in normalised form, as for [Proclitics].
func Whole(word string) Split {
	s := Split{Stem: word, Bare: word}
	if hasArticle(word) {
		s.Article = true
		s.Bare = word[len(cliticArticle):]
	}
	return s
}

// conjOf returns the conjunction written as r, or NoClitic.
func conjOf(r rune) Clitic {
	switch r {
	case 'و':
		return ConjWa
	case 'ف':
		return ConjFa
	}
	return NoClitic
}

// prepOf returns the preposition or future particle written as r, or
// NoClitic.
func prepOf(r rune) Clitic {
	switch r {
	case 'ب':
		return PrepBi
	case 'ك':
		return PrepKa
	case 'ل':
		return PrepLi
	case 'س':
		return FutSa
	}
	return NoClitic
}

// isImperfectPrefix reports whether r can begin an imperfect verb, the
// only thing the future particle س attaches to: ي ت ن and ا (أ folded).
func isImperfectPrefix(r rune) bool {
	return r == 'ي' || r == 'ت' || r == 'ن' || r == 'ا' || r == 'أ'
}

// splitSet collects proclitic candidates with their rank, without
// allocating.
type splitSet struct {
	s    [maxSplits]Split
	rank [maxSplits]uint8
	n    int
}

// Ranks of the ordering heuristic documented on Proclitics; lower first.
const (
	rankArticle       = 0 // stem begins with the article (written or restored alef)
	rankArticleLamLam = 1 // stem is ال + a ل-initial word: للجنة → اللجنة
	rankPlainBase     = 2 // no article: 2 + number of clitics stripped
)

func (ss *splitSet) add(s Split, rank uint8) {
	if ss.n == maxSplits {
		return // cannot happen: at most four candidates are generated
	}
	// Insertion keeps equal ranks in generation order (a stable sort).
	i := ss.n
	for i > 0 && ss.rank[i-1] > rank {
		ss.s[i], ss.rank[i] = ss.s[i-1], ss.rank[i-1]
		i--
	}
	ss.s[i], ss.rank[i] = s, rank
	ss.n++
}

// addStem adds the candidate with the given prefix length and clitics,
// whose stem is word[prefixLen:] as written, if it is long enough.
func (ss *splitSet) addStem(word string, prefixLen int, conj, prep Clitic, nClitics uint8) {
	stem := word[prefixLen:]
	if prep == FutSa {
		r, _ := utf8.DecodeRuneInString(stem)
		if !isImperfectPrefix(r) || !atLeastRunes(stem, minStemLetters) {
			return
		}
		ss.add(Split{Prefix: word[:prefixLen], Stem: stem, Bare: stem, Conj: conj, Prep: prep}, rankPlainBase+nClitics)
		return
	}
	if hasArticle(stem) {
		ss.add(Split{
			Prefix: word[:prefixLen], Stem: stem, Bare: stem[len(cliticArticle):],
			Conj: conj, Prep: prep, Article: true,
		}, rankArticle)
		return
	}
	if atLeastRunes(stem, minStemLetters) {
		ss.add(Split{Prefix: word[:prefixLen], Stem: stem, Bare: stem, Conj: conj, Prep: prep}, rankPlainBase+nClitics)
	}
}

// addLamLam adds the readings of ل followed by a written ل (للعراق,
// للجنة, للندن): after is the word after the preposition ل and begins with
// ل.
func (ss *splitSet) addLamLam(word string, prefixLen int, conj Clitic, nClitics uint8) {
	after := word[prefixLen:]
	prefix := word[:prefixLen]
	// ل + ال + X, the alef dropped: للعراق → العراق.
	if atLeastRunes(after[len(cliticLam):], minBareLetters) {
		ss.add(Split{
			Prefix: prefix, Stem: cliticAlef + after, Bare: after[len(cliticLam):], Restored: cliticAlef,
			Conj: conj, Prep: PrepLi, Article: true,
		}, rankArticle)
	}
	// ل + ال + لX, alef and the article's lam dropped: للجنة → اللجنة.
	if atLeastRunes(after, minBareLetters) {
		ss.add(Split{
			Prefix: prefix, Stem: cliticArticle + after, Bare: after, Restored: cliticArticle,
			Conj: conj, Prep: PrepLi, Article: true,
		}, rankArticleLamLam)
	}
	// ل + a word that begins with ل: للندن → لندن.
	if atLeastRunes(after, minStemLetters) {
		ss.add(Split{Prefix: prefix, Stem: after, Bare: after, Conj: conj, Prep: PrepLi}, rankPlainBase+nClitics)
	}
}

// addPrep adds the candidates of the preposition (or future particle) prep
// written at word[start:start+size].
func (ss *splitSet) addPrep(word string, start, size int, conj, prep Clitic, nClitics uint8) {
	prefixLen := start + size
	if prep == PrepLi && strings.HasPrefix(word[prefixLen:], cliticLam) {
		ss.addLamLam(word, prefixLen, conj, nClitics)
		return
	}
	ss.addStem(word, prefixLen, conj, prep, nClitics)
}

// collect fills ss with the proclitic candidates of word, best first.
func (ss *splitSet) collect(word string) {
	r, size := utf8.DecodeRuneInString(word)
	if conj := conjOf(r); conj != NoClitic {
		ss.addStem(word, size, conj, NoClitic, 1)
		r2, size2 := utf8.DecodeRuneInString(word[size:])
		if prep := prepOf(r2); prep != NoClitic {
			ss.addPrep(word, size, size2, conj, prep, 2)
		}
		return
	}
	if prep := prepOf(r); prep != NoClitic {
		ss.addPrep(word, 0, size, NoClitic, prep, 1)
	}
}

// Proclitics returns every way to read word as proclitics followed by a
// stem, most likely first. The unsplit word is not among them (see [Whole]
// and [KnownSplit]); a word that cannot carry a proclitic gives nil.
//
// word must be in normalised form: a token's Norm ([Normalize]) or its
// [Key]. The clitic letters are the same in both, but diacritics, tatweel
// and hamzated alefs (وللأمم) would hide the article and the stems would
// not match a lexicon.
//
// # Grammar
//
// Proclitics combine in a fixed order: a conjunction و or ف, then one of
// the prepositions ب ك ل or the future particle س, then the article ال:
// وبالعراق = و + ب + العراق. The stem keeps its article, and when ل meets
// the article the dropped letters are put back (see [Split.Restored]):
// للعراق gives ل + العراق, وللأمم gives و + ل + الامم, لله gives ل + الله.
// The future particle س is only stripped before a stem that can begin an
// imperfect verb (ي ت ن ا): وسيزور gives و + س + يزور, while سوريا gives
// nothing.
//
// # Length limits
//
// A stem without the article has at least 3 letters (وزير → و + زير is a
// candidate, ومن → و + من is not); after the article at least 2 letters
// follow (بالعراق → ب + العراق, but بالغ is not read as ب + ال + غ).
//
// # Ordering
//
// Candidates whose stem begins with the article come first, because ال
// after a clitic letter is the strongest sign of a real split (the article
// begins nouns, and a name such as بغداد rarely has ال after its first
// letter). Among them the restored alef (للعراق → العراق) comes before the
// restored article before ل (للعراق → اللعراق), which only fits words that
// begin with ل. Then come the stems without the article, fewer clitics
// first, so that the longest stem is tried first: ولبنان gives و + لبنان
// before و + ل + بنان, وبغداد gives و + بغداد before و + ب + غداد.
//
// Words are ambiguous, and the ordering only says which reading to try
// first; the lexicon decides (see [FirstKnown]). للندن gives, in order,
// ل + الندن (the article reading), ل + اللندن and ل + لندن; a lexicon of
// names knows only لندن. A lexicon that knows both readings gets the first:
// with البنان (fingertips) and لبنان both known, للبنان resolves to the
// article reading, so names-only lexicons are the safer choice for
// entities.
//
// Proclitics allocates the returned slice, plus the stem when letters are
// restored (لل). It is safe for concurrent use.
func Proclitics(word string) []Split {
	var ss splitSet
	ss.collect(word)
	if ss.n == 0 {
		return nil
	}
	out := make([]Split, ss.n)
	copy(out, ss.s[:ss.n])
	return out
}

// FirstKnown returns the first candidate of [Proclitics] whose Stem known
// accepts, in the order Proclitics documents, and true; or the zero Split
// and false when known accepts none. The unsplit word is not tried: use
// [KnownSplit] to accept a known word as it is.
//
// With a lexicon that does not know بنان, رنسا, ريطانيا, زير or تاب, the
// words لبنان, فرنسا, بريطانيا, وزير and كتاب have no known split and stay
// whole; with one that knows العراق, بالعراق, للعراق and وبالعراق all
// resolve to it.
//
// known receives each Stem with its article (العراق, not عراق); to try
// Bare forms too, have known look them up. known must not be nil. word is
// in normalised form, as for Proclitics. FirstKnown does not allocate,
// except for stems with restored letters (لل), and is safe for concurrent
// use if known is.
func FirstKnown(word string, known func(stem string) bool) (Split, bool) {
	var ss splitSet
	ss.collect(word)
	for i := range ss.n {
		if known(ss.s[i].Stem) {
			return ss.s[i], true
		}
	}
	return Split{}, false
}

// KnownSplit is what a gazetteer lookup should call: it returns [Whole]
// (word) and true when known accepts word itself, and otherwise
// [FirstKnown](word, known). A known name is thus never split, even when
// its remainder is also known: لبنان stays لبنان though بنان may be a word,
// and والي (governor) stays whole in a lexicon that knows it.
//
// The same requirements as FirstKnown apply.
func KnownSplit(word string, known func(stem string) bool) (Split, bool) {
	if known(word) {
		return Whole(word), true
	}
	return FirstKnown(word, known)
}

// StripProclitics returns the reading of [Proclitics] that strips the
// most proclitic letters (the first in Proclitics' order on a tie), and
// false when word has none: وسيقاطع gives و + س + يقاطع, وللحكومة gives
// و + ل + الحكومة. Use it for tests of a word's shape, where the letters of
// the stem matter more than whether a lexicon knows it. It allocates only
// for stems with restored letters (لل) and is safe for concurrent use.
func StripProclitics(word string) (Split, bool) {
	var ss splitSet
	ss.collect(word)
	best := -1
	for i := range ss.n {
		if best < 0 || len(ss.s[i].Prefix) > len(ss.s[best].Prefix) {
			best = i
		}
	}
	if best < 0 {
		return Split{}, false
	}
	return ss.s[best], true
}

// ProcliticArticle reports whether word reads as proclitics followed by
// the article and at least three more letters: والكاظمي، بالحكومة، and
// للحكومة, where ل meets the article and its alef drops. Such a word is a
// definite noun or adjective after a conjunction or preposition. word is
// in normalised form; ProcliticArticle does not allocate.
func ProcliticArticle(word string) bool {
	rest := word
	if r, size := utf8.DecodeRuneInString(rest); r == 'و' || r == 'ف' {
		rest = rest[size:]
	}
	r, size := utf8.DecodeRuneInString(rest)
	switch r {
	case 'ب', 'ك':
		rest = rest[size:]
	case 'ل':
		rest = rest[size:]
		if strings.HasPrefix(rest, "ل") && !strings.HasPrefix(rest, "ال") {
			return atLeastRunes(rest, 3) // للحكومة: ل + (ا)لحكومة
		}
	default:
		if len(rest) == len(word) {
			return false
		}
	}
	return strings.HasPrefix(rest, "ال") && atLeastRunes(rest[len("ال"):], 3)
}

// enclitics lists the pronoun suffixes, longest first so that ني is tried
// before ي.
var enclitics = [...]Clitic{PronHuma, PronKuma, PronHum, PronHunna, PronHa, PronKum, PronKunna, PronNa, PronNi, PronHu, PronKa, PronYa}

const (
	cliticTehMarbuta = "ة"
	cliticTeh        = "ت"
)

// Enclitics returns every way to read word as a stem followed by one
// pronoun suffix (ه ها هما هم هن ك كما كم كن نا ني ي), longest suffix
// first; nil when none fits. The unsplit word is not among them.
//
// The stem keeps at least 2 letters: فيه → في + ه and منهم → من + هم are
// candidates, له is not split. When the stem ends in ت, a second candidate
// follows with teh marbuta restored, since ة is written ت before a pronoun:
// حكومتها gives حكومت + ها, then حكومة + ها (Restored "ة"; apply [Key] to
// the stem to look it up in a Key-form lexicon). Every word ending in one of
// these letters has a candidate (the ي of الكاظمي, the ك of كركوك), so the
// result is only a list of readings for a lexicon to check, like
// [Proclitics].
//
// Prefer the Norm form here: in the Key form ه also stands for ة and ي for
// ى, so every word ending in teh marbuta gets a ه candidate (حكومه →
// حكوم + ه) and على gets عل + ي.
//
// word is in normalised form. Enclitics allocates the returned slice and
// restored stems; it is safe for concurrent use.
func Enclitics(word string) []Split {
	var out []Split
	for _, c := range enclitics {
		suf := c.String()
		if !strings.HasSuffix(word, suf) {
			continue
		}
		stem := word[:len(word)-len(suf)]
		if !atLeastRunes(stem, minEncliticStemLetters) {
			continue
		}
		s := Whole(stem)
		s.Suffix, s.Pronoun = suf, c
		if out == nil {
			out = make([]Split, 0, 2)
		}
		out = append(out, s)
		if strings.HasSuffix(stem, cliticTeh) {
			r := Whole(stem[:len(stem)-len(cliticTeh)] + cliticTehMarbuta)
			r.Suffix, r.Pronoun, r.Restored = suf, c, cliticTehMarbuta
			out = append(out, r)
		}
	}
	return out
}
