package tokenize

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/internal/linetable"
)

// StopList is a set of the embedded word lists. Lists combine with |:
// (ReportingVerbs|NumberWords).Contains(w) checks both.
//
// The lists are written for this project (stopwords_*.txt next to this
// file) and decoded once, on first use; they cannot be changed. To extend
// them, wrap Contains in your own predicate.
type StopList uint8

// The embedded lists.
const (
	// ArabicFunctionWords holds Arabic function words: prepositions,
	// conjunctions and particles, separate pronouns, prepositions and
	// particles with pronoun suffixes (فيه، عليها، منهم، إليه، أنه),
	// demonstratives, relatives, interrogatives, negation, kana and its
	// sisters (كان، أصبح، ليس، ما زال), kada and its sisters, the inna
	// family (إن، أن، لكن، لعل), auxiliary and modal verbs (تم، يتم،
	// يمكن، يجب: تم + verbal noun is the passive of news), adverbs of time and place (الآن، أمس،
	// هنا، هناك، أمام) and quantifiers (كل، بعض، جميع، معظم).
	//
	// Every word also counts with the conjunction و or ف attached (وفي،
	// ومن، فإن، ولكن، وهو، وهي), and common preposition forms are listed
	// (بهذا، لهذا، بذلك، لذلك، بأن، لأن، بما). Generated forms that are
	// content words or names are removed: ولي (crown prince in ولي العهد),
	// والي (governor), وام (the news agency WAM), فهم, فلك, ولدي.
	//
	// Content words never belong here, not even the very frequent ones of
	// news: reporting verbs are in [ReportingVerbs], number words in
	// [NumberWords]. Known collisions, decided for the function word:
	// أمام (in front of) and إمام (imam) share the Norm form امام, and the
	// particle أم (or) is spelled like أم (mother).
	ArabicFunctionWords StopList = 1 << iota
	// EnglishFunctionWords holds English articles, determiners, pronouns,
	// prepositions, conjunctions, auxiliaries and modals, common adverbs
	// and contractions, in lower case.
	EnglishFunctionWords
	// ReportingVerbs holds the verbs that attribute quotes in news, in
	// their common forms: قال، قالت، يقول، أضاف، أكد، أشار، أوضح، تابع،
	// ذكر، صرح، أفاد، أعلن، اعتبر، لفت، شدد، كشف، نفى… with و and ف
	// (وقال، فأضاف), and English said, told, added….
	//
	// They are not function words, so [IsStopWord] keeps them: entity rules
	// use them as cues (a person's name usually follows قال). They carry no
	// topic, though, since every kind of story uses them, and topic-term
	// extraction drops them through [TopicStopWords].
	ReportingVerbs
	// NumberWords holds Arabic number words: cardinals one to ten in their
	// masculine, feminine and case forms, the tens, hundred and thousand
	// and their plurals (مئات، آلاف، عشرات), and the ordinals first to
	// tenth (الأول، الثانية), with و and ف.
	//
	// They are not stop words for [IsStopWord] (ordinals are part of names
	// such as الحرب العالمية الثانية), but topic terms drop them. مليون and
	// مليار are left out on purpose: they mark economy and budget stories.
	NumberWords

	// FunctionWords is the core stop list of [IsStopWord]: Arabic and
	// English function words.
	FunctionWords = ArabicFunctionWords | EnglishFunctionWords
	// TopicStopWords is everything topic-term extraction drops: function
	// words, reporting verbs and number words.
	TopicStopWords = FunctionWords | ReportingVerbs | NumberWords

	allStopLists = TopicStopWords
)

var stopListNames = [...]string{"ArabicFunctionWords", "EnglishFunctionWords", "ReportingVerbs", "NumberWords"}

// String lists the lists in l joined by '|', e.g.
// "ReportingVerbs|NumberWords"; "0" for the empty set.
func (l StopList) String() string {
	if l == 0 {
		return "0"
	}
	var b strings.Builder
	for i, name := range stopListNames {
		if l&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(name)
		}
	}
	if l&^allStopLists != 0 {
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString("unknown")
	}
	return b.String()
}

// IsStopWord reports whether word is an Arabic or English function word:
// it is FunctionWords.Contains(word). Reporting verbs and number words are
// not stop words here; topic-term extraction should use
// [TopicStopWords].Contains instead.
//
// Pass a token's Norm form ([Normalize], [DefaultSteps]) or its Text, never
// its [Key]: stop-wordness is decided before ى and ة are folded, so على
// (on) is a stop word and علي (Ali) is not, though both have the Key علي.
// English is case-insensitive.
func IsStopWord(word string) bool { return FunctionWords.Contains(word) }

// Contains reports whether word is in any of the lists in l.
//
// word is normalised with [DefaultSteps] first, so a token's Text or Norm
// may be passed (إلى and الى are the same word) but not its Key (see
// [IsStopWord]); then ASCII letters are lowered, so English matching is
// case-insensitive: "The", "THE" and "the" are stop words, and so are "US"
// and "WHO" (us, who). Check names before stop words.
//
// Contains does not allocate when word is already normalised (a token's
// Norm) and either lower case or an ASCII word of at most 32 bytes. It is
// safe for concurrent use.
func (l StopList) Contains(word string) bool {
	if l&allStopLists == 0 || word == "" {
		return false
	}
	t := stopTable()
	w := Normalize(word)
	if lists, ok := t[w]; ok {
		return lists&l != 0
	}
	if l&(EnglishFunctionWords|ReportingVerbs) == 0 || stopIsArabic(w) {
		return false // Arabic has no case
	}
	// Lower-case and try again; only English entries have upper case.
	var buf [32]byte
	if lower, ok := stopLowerASCII(buf[:0], w); ok {
		return t[string(lower)]&l != 0 // the conversion does not allocate
	}
	if lower := strings.ToLower(w); lower != w {
		return t[lower]&l != 0
	}
	return false
}

// stopLowerASCII appends the lower-case form of the ASCII string s to dst
// and reports true, if s is ASCII, has an upper-case letter and fits in
// cap(dst); otherwise it reports false.
func stopLowerASCII(dst []byte, s string) ([]byte, bool) {
	if len(s) > cap(dst) {
		return nil, false
	}
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			upper = true
		}
		dst = append(dst, c)
	}
	return dst, upper
}

// Words returns the words of the lists in l, sorted, in the form they are
// matched in: Arabic normalised with [DefaultSteps] (الى, not إلى),
// English in lower case, forms with و and ف included. It returns a new
// slice on every call.
func (l StopList) Words() []string {
	var out []string
	for w, lists := range stopTable() {
		if lists&l != 0 {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// Len returns the number of distinct words in the lists in l.
func (l StopList) Len() int {
	n := 0
	for _, lists := range stopTable() {
		if lists&l != 0 {
			n++
		}
	}
	return n
}

var (
	//go:embed stopwords_ar.txt
	stopwordsArabic string
	//go:embed stopwords_en.txt
	stopwordsEnglish string
	//go:embed stopwords_reporting.txt
	stopwordsReporting string
	//go:embed stopwords_numbers.txt
	stopwordsNumbers string
)

// stopTable maps every word to the lists it belongs to. It is built once
// and never changed.
var stopTable = sync.OnceValue(func() map[string]StopList {
	t := make(map[string]StopList, 2048)
	parseStopList(t, stopwordsArabic, ArabicFunctionWords, true)
	parseStopList(t, stopwordsEnglish, EnglishFunctionWords, false)
	parseStopList(t, stopwordsReporting, ReportingVerbs, true)
	parseStopList(t, stopwordsNumbers, NumberWords, true)
	return t
})

// parseStopList adds the words of src to t under list, one a line; blank
// lines and lines starting with '#' (after spaces) are skipped; "-word"
// removes word from list after all lines are read. Arabic words are
// normalised with DefaultSteps and, when withConj is set, added with و and
// ف before them too; words with Latin letters are lowered and added as
// they are.
func parseStopList(t map[string]StopList, src string, list StopList, withConj bool) {
	var removed []string
	sc := linetable.NewScanner(strings.NewReader(src), linetable.Options{})
	for sc.Next() {
		if linetable.IsComment(sc.Bytes()) {
			continue
		}
		line := strings.TrimSpace(sc.Text())
		if w, ok := strings.CutPrefix(line, "-"); ok {
			removed = append(removed, Normalize(w))
			continue
		}
		w := strings.ToLower(Normalize(line))
		t[w] |= list
		if withConj && stopIsArabic(w) {
			t["و"+w] |= list
			t["ف"+w] |= list
		}
	}
	for _, w := range removed {
		if lists := t[w] &^ list; lists != 0 {
			t[w] = lists
		} else {
			delete(t, w)
		}
	}
}

// stopIsArabic reports whether w begins with a letter of the Arabic block.
func stopIsArabic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r >= 0x0600 && r <= 0x06FF
}
