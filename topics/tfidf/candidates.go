package tfidf

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// Keyword candidates.
//
// A keyword is a noun, a name or a noun phrase. The words of the
// lexicon's verb, time-word and connective tables are never keywords, nor
// are words with a verb's shape, adverbs written with tanween (مسبقاً) or
// as accusatives of the tables (كبيرا، اتفاقا), or words of fewer than
// three letters. A word unknown to the tables needs evidence that it is a
// noun or a name somewhere in the article — the article (الأغنية), teh
// marbuta (أغنية), a noun's shape (استسلام، تصرفات), a place in a name the
// caller gives, or Latin letters — since without its vowels an unknown
// word may as well be a verb (غنى، سحبت، تشكو). An adjective of the
// tables, or a nisba with the article (الإسبانية), may end a phrase
// (البنك المركزي) but is no keyword alone. A form with a pronoun suffix
// (جسمه، حكومتها) counts for its noun but is never shown. A proclitic (و
// ف ب ك ل س, with or without the article after it) is left out of the
// keyword's span, so that بمحافظة shows as محافظة and وبالاستعانة as
// الاستعانة.

// minKeywordLetters is the fewest letters a keyword word may have.
const minKeywordLetters = 3

var defaultLexicon = sync.OnceValue(func() *lexicon.Lexicon {
	l, err := lexicon.Default()
	if err != nil {
		return nil // the embedded tables are broken; the lexicon's tests rule it out
	}
	return l
})

// wordView is what keywords take from one occurrence of a word.
type wordView struct {
	// start is the offset of the word without its proclitic; the end is
	// the term's.
	start int
	// ok reports that the word may be part of a keyword.
	ok bool
	// noun reports evidence that the word is a noun, an adjective or a
	// name.
	noun bool
	// adj reports an adjective, or a person's title (الرئيس، المدرب): it
	// ends a phrase but is no keyword alone.
	adj bool
	// lead reports that it may begin a phrase: a noun or a name, or a
	// word of three letters of the verb table, which is also the verbal
	// noun (خفض الإنتاج، دعم الحكومة).
	lead bool
	// clitic reports that a proclitic was left out.
	clitic bool
	// form reports a pronoun suffix: the occurrence counts but is not
	// shown.
	form bool
	// def reports a definite word or a name: a word after it with the
	// same definiteness and no proclitic is taken for its adjective.
	def bool
	// table reports a noun of the lexicon's tables: a word of news at
	// large.
	table bool
	// prep reports an unknown word that may be a preposition (ب ك ل)
	// and a noun the tables do not know (كنسخة، بأجرة): it opens no
	// phrase, and is no keyword alone, unless the background knows it.
	prep bool
	// waw reports an unknown word that may be the conjunction و and a
	// word (وهشاشة): a phrase it opens is shown from another occurrence
	// only, unless the background knows it.
	waw bool
	// lostArticle reports a word after ل whose article the spelling
	// dropped (للنظام): its span, without the proclitic, lacks the
	// article, so a phrase it opens is shown from another occurrence
	// only (not نظام المصرفي).
	lostArticle bool
	// describes reports a definite word without a proclitic that can
	// describe the definite noun before it (see describes).
	describes bool
	// degree reports an adjective of degree (هائلة، شديد; see
	// lexicon.Lexicon.Degree).
	degree bool
	// nisba reports a word with the shape of a nisba adjective
	// without the article (إيرانية، انتحاري).
	nisba bool
	// foreign reports a word in another script (iPhone، UFC): the name
	// of a product or a body the caller may not have given.
	foreign bool
	// key is the term key of the word without its proclitic when the
	// stemmer kept the proclitic (وبرنت), so that it counts with the
	// word; empty otherwise.
	key string
}

// viewWord classifies the occurrence of a word term in text; name says
// that it lies in a name the caller gave, and bare holds the Keys of the
// text's words, to tell a conjunction before a word the text also writes
// alone (وبرنت beside برنت). unknown says that a word unknown to the
// lexicon counts as a noun without evidence (no names were given).
func viewWord(text string, t *TermRef, name bool, bare map[string]bool, unknown bool) wordView {
	raw := text[t.Start:t.End]
	v := wordView{start: t.Start}
	if hasTanween(raw) {
		return v
	}
	key := tokenize.Key(raw)
	v.nisba = lexicon.IsNisba(key, false)
	if name {
		// A name's words are candidates whatever their class; only the
		// proclitic of a clitic mention is left out.
		v.ok, v.noun, v.lead, v.def = true, true, true, true
		if s, ok := tokenize.StripProclitics(key); ok && s.Article {
			v.start, v.clitic = t.Start+SkipLetters(raw, procliticLetters(s.Prefix, s.Restored)), true // للنيجر: نيجر
		}
		return v
	}
	if !isArabic(key) {
		v.ok, v.noun, v.lead, v.foreign = letters(raw) >= minKeywordLetters, true, true, true
		return v
	}
	lex := defaultLexicon()
	if lex == nil {
		return v
	}
	w := lex.Analyze(key)
	class, prefix, restored, stem := w.Class, "", "", key
	if class == 0 && w.Split.Stem != "" {
		class, prefix, restored, stem = w.StemClass, w.Split.Prefix, w.Split.Restored, w.Split.Stem
	}
	norm := tokenize.Normalize(raw)
	if class == 0 {
		if pastVerbShape(norm) || causativePastShape(raw) || stopWord(norm) {
			return v
		}
		if s, ok := tokenize.StripProclitics(key); ok && letters(s.Stem) >= minKeywordLetters {
			switch {
			case verbShape(s.Stem), s.Prep != tokenize.NoClitic && !s.Article && strings.HasSuffix(norm, "ه"):
				// وسيقاطع; بأكمله، بنفسه: a preposition and a
				// pronoun around a stem, an adverb in one word.
				return v
			case s.Article, s.Prep != tokenize.NoClitic && s.Prep != tokenize.PrepKa && s.Prep != tokenize.FutSa && lexicon.CommonShape(s.Stem, false, true):
				// والحكومة، لمتضرري: a proclitic before a noun. Before
				// another word a proclitic is not enough (واتساب،
				// وهران، بريطانية), and ك never is (كيلوغرامات), nor the
				// future particle, which comes before verbs only
				// (ساعتها is no س + اعتها).
				prefix, restored, stem = s.Prefix, s.Restored, s.Stem
			}
		}
		for _, s := range tokenize.Proclitics(key) {
			if prefix == "" && !s.Article && bare[s.Stem] {
				prefix, stem = s.Prefix, s.Stem // وبرنت beside برنت, برعاية beside رعاية
			}
		}
		if prefix == "" && verbShape(key) {
			return v
		}
		v.prep = prefix == "" && !unknown && mayHavePreposition(key) // unknown: it may be a name (بلينكن)
		v.waw = prefix == "" && !unknown && strings.HasPrefix(key, "و") && utf8.RuneCountInString(key) >= 5
	}
	if prefix != "" && tokenize.TopicStopWords.Contains(stem) {
		return v // لجميع، وبعض: a proclitic before a stop word
	}
	if class&lexicon.TimeWord != 0 || quantity(stem) || placeAdverb(stem) {
		return v // الدقيقة، الأسبوع: time words, nouns or not; مليار
	}
	verbalNoun := false
	if class&(lexicon.Verb|lexicon.OtherWord) != 0 && class&lexicon.Noun == 0 {
		if class&lexicon.OtherWord != 0 || prefix != "" || utf8.RuneCountInString(key) != 3 || strings.ContainsAny(key, "اوي") {
			// قام، زار: a hollow verb's verbal noun is another word
			// (قيام، زيارة).
			return v
		}
		verbalNoun = true // خفض، دعم: a past verb or its verbal noun
	}
	if class == 0 && accusative(lex, stem) {
		return v // كبيرا، اتفاقا
	}
	if prefix != "" {
		v.start = t.Start + SkipLetters(raw, procliticLetters(prefix, restored))
		v.clitic, v.lostArticle = true, restored == "ا"
		if k, ok := wordKey(tokenize.Token{Text: text[v.start:t.End], Norm: tokenize.Normalize(text[v.start:t.End]), Kind: tokenize.ArabicWord}); ok && k != string(t.Key) {
			v.key = k
		}
	}
	if letters(text[v.start:t.End]) < minKeywordLetters {
		return v
	}
	definite := lexicon.HasArticle(stem)
	v.ok, v.def, v.table = true, definite, class&lexicon.Noun != 0
	v.adj = class&(lexicon.Adjective|lexicon.OrgAdjective) != 0 && class&lexicon.Noun == 0 ||
		class == 0 && definite && lexicon.IsNisba(stem, true) ||
		class&lexicon.Title != 0 || !definite && lex.Class(lexicon.Article+stem)&lexicon.Title != 0 || // الرئيس الفرنسي، النجم البرتغالي، جنرال روسي: a person described, not a subject
		roleNouns()[strings.TrimPrefix(stem, "ال")] // العلماء، المستخدمين: who acts or speaks, not what the story is about
	v.noun = class&(lexicon.Noun|lexicon.Adjective|lexicon.OrgAdjective) != 0 || definite || strings.HasSuffix(norm, "ة") ||
		class == 0 && (unknown || lexicon.CommonShape(stem, definite, prefix != "") && !verbShape(stem))
	v.lead = (v.noun || verbalNoun) && !v.adj
	v.form = class == 0 && (pronounForm(lex, norm) || strings.HasSuffix(norm, "ه") && letters(norm) >= 5 || shapeWithPronoun(norm))
	v.describes = definite && prefix == "" && describes(v, key)
	v.degree = lex.Degree(stem)
	return v
}

// roleNouns returns, in key form without the article, the nouns of
// people in general roles that stories of every kind use for who acts,
// speaks or is concerned (العلماء، الباحثون، المستخدمين، المستثمرين): like a
// title, such a noun may end a phrase but is no keyword alone.
var roleNouns = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	for _, w := range strings.Fields(`علماء عالم باحث باحثون باحثين باحثة خبير خبراء خبيرة
		طبيب أطباء طبيبة مريض مرضى مريضة مستخدم مستخدمون مستخدمين مستخدمة مستخدمي
		مستثمر مستثمرون مستثمرين مستثمري متابعين متابعون مشاهدين مشاهدون قراء
		مسؤولون مسؤولين موظفون موظفين مواطنون مواطنين`) {
		keys[tokenize.Key(w)] = true
	}
	return keys
})

// mayHavePreposition reports whether a word in key form begins with ب،
// ك or ل and four letters or more follow.
func mayHavePreposition(key string) bool {
	r, size := utf8.DecodeRuneInString(key)
	return (r == 'ب' || r == 'ك' || r == 'ل') && utf8.RuneCountInString(key[size:]) >= 4
}

// procliticLetters returns the number of letters a word written with the
// proclitic prefix has before its stem: the prefix's, and the ل of the
// article whose alef the spelling dropped when restored is that alef
// (للبترول = ل + البترول: بترول is shown, not لبترول).
func procliticLetters(prefix, restored string) int {
	n := utf8.RuneCountInString(prefix)
	if restored == "ا" {
		n++
	}
	return n
}

// quantity reports whether a word in key form is a large number word
// (مليون، مليار، المليارات), a currency (دولار، اليورو، استرليني), a
// count of times (مرتين) or a decade (الثمانينيات): the stop lists keep
// the numbers for topics (they mark economy stories), but none of them is
// a keyword.
func quantity(key string) bool {
	bare, _ := strings.CutPrefix(key, "ال")
	switch bare {
	case "مليون", "ملايين", "مليار", "مليارات", "بليون", "تريليون",
		// Currencies, the units of amounts, like the large numbers.
		"دولار", "دولارا", "دولارات", "يورو", "جنيه", "جنيها", "ريال", "ريالا", "درهم", "درهما", "دينار", "دينارا", "ليره",
		"استرليني", "روبل", "روبلا", "روبيه", "فرنك", "فرنكا", "يوان",
		// How many times: كسر الإرسال مرتين.
		"مره", "مرتين", "مرتان", "مرات":
		return true
	}
	// The decades: الثمانينيات، تسعينيات القرن.
	return strings.HasSuffix(bare, "ينيات") && utf8.RuneCountInString(bare) >= 7
}

// placeAdverb reports whether a word in key form is an adverb of place
// that reads as a noun (قبالة سواحل ليبيا، قرب الحدود، جراء القصف، على
// طول الحدود): it
// opens no phrase and is no keyword.
func placeAdverb(key string) bool {
	switch key {
	case "قباله", "قرب", "ازاء", "حيال", "جراء", "وسط", "بمحاذاه", "محاذاه",
		// على طول الحدود، على امتداد الساحل، على مقربة من: along, near.
		"طول", "امتداد", "مقربه":
		return true
	}
	return false
}

// describes reports whether a definite word can describe the definite
// noun before it: an adjective (the tables', a nisba: السكك الحديدية), a
// participle (الأعمال المعروضة), a colour or elative (البيت الأبيض،
// الشرق الأوسط) or an ordinal (الدرجة الثانية). Another definite noun
// after one is the start of another phrase (يظهر في الفيديو الدمار), not
// its description.
func describes(v wordView, key string) bool {
	if v.adj {
		return true
	}
	bare, ok := strings.CutPrefix(key, "ال")
	if !ok {
		return false
	}
	n := utf8.RuneCountInString(bare)
	return ordinals[bare] || strings.HasPrefix(bare, "م") && n >= 4 || strings.HasPrefix(bare, "ا") && n == 4 ||
		strings.HasSuffix(bare, "اء") && n == 5 || lexicon.IsNisba(key, true)
}

// ordinals are the ordinal adjectives without the article, in key form
// (الدرجة الثانية، الجولة الخامسة).
var ordinals = map[string]bool{
	"اول": true, "اولي": true, "ثاني": true, "ثانيه": true, "ثالث": true, "ثالثه": true,
	"رابع": true, "رابعه": true, "خامس": true, "خامسه": true, "سادس": true, "سادسه": true,
	"سابع": true, "سابعه": true, "ثامن": true, "ثامنه": true, "تاسع": true, "تاسعه": true,
	"عاشر": true, "عاشره": true, "اخير": true, "اخيره": true,
}

// accusative reports whether a word in key form ends in the alef of an
// accusative whose word, without it, is a noun or adjective of the tables
// (كبيرا، اتفاقا).
func accusative(lex *lexicon.Lexicon, key string) bool {
	stem, ok := strings.CutSuffix(key, "ا")
	return ok && lex.Class(stem)&(lexicon.Noun|lexicon.Adjective|lexicon.OrgAdjective|lexicon.TimeWord|lexicon.OtherWord) != 0
}

// pronounForm reports whether a word in Norm form reads as a word of the
// tables with a pronoun suffix (جسمه، حكومتها، زميله). A word unknown to
// the tables that ends in ه (not ة) after four letters or more is taken
// for one too (ألبومه).
func pronounForm(lex *lexicon.Lexicon, norm string) bool {
	for _, s := range tokenize.Enclitics(norm) {
		if lex.Class(tokenize.Key(s.Stem))&(lexicon.Noun|lexicon.Adjective|lexicon.Verb) != 0 {
			return true
		}
	}
	return false
}

// shapeWithPronoun reports whether a word in Norm form unknown to the
// tables reads as a verbal noun, a participle or a plural with the
// pronoun ها، هم or هما after it (استخدامها، مشاركتهم): the pronoun
// leaves a common shape of four letters or more.
func shapeWithPronoun(norm string) bool {
	for _, suffix := range [...]string{"هما", "ها", "هم"} {
		if stem, ok := strings.CutSuffix(norm, suffix); ok && letters(stem) >= 4 {
			return lexicon.CommonShape(tokenize.Key(stem), false, false)
		}
	}
	return false
}

// isArabic reports whether s begins with a letter of the Arabic block.
func isArabic(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x0600 && r <= 0x06FF
}

// verbShape reports whether a word in key form, without proclitics and
// unknown to the lexicon, has the shape of an imperfect verb: ي and three
// or four more letters, the second not a long vowel (يقول، يقاطع), or
// يت، تت، يست، تست and more (يتحدث، تستمر) but not the verbal noun تفعيل
// (تتويج), or يت and two letters (يتخذ، يتبع, but not يتيم). Four-letter
// words in ت are left alone, as names have that shape (تبون، تركي); so
// are يوسف and ياسر, whose second letter is a long vowel.
func verbShape(key string) bool {
	var rs [8]rune
	n := 0
	for _, r := range key {
		if n == len(rs) {
			return false
		}
		rs[n] = r
		n++
	}
	if n < 4 || (rs[0] != 'ي' && rs[0] != 'ت') {
		return false
	}
	if rs[0] == 'ي' && (n == 5 || n == 6) && rs[n-2] == 'و' && rs[n-1] == 'ن' && !longVowel(rs[1]) && rs[n-3] != 'ي' {
		return true // يميلون، يعدون: a plural imperfect; not يمنيون, a nisba, nor ويمبلدون
	}
	switch {
	case n == 4 && rs[0] == 'ي' && rs[1] == 'ت':
		return rs[2] != 'ي' && rs[2] != 'ا' // يتخذ، يتبع, but يتيم
	case rs[1] == 'ت' || rs[1] == 'س' && rs[2] == 'ت':
		return n >= 5 && !(n == 5 && rs[3] == 'ي')
	case rs[1] == 'ا' || rs[1] == 'و' || rs[1] == 'ي':
		return false
	}
	return rs[0] == 'ي' && n <= 5
}

// pastVerbShape reports whether a word in Norm form unknown to the
// lexicon has the shape of a past verb of the derived forms افتعل and
// انفعل (اشتهر، انسحب), with the feminine or first-person ت (اشتهرت) or
// the plural نا or وا (اختبرنا، انسحبوا), or of a weak root ending in ى
// (اكتفى، انتهى، استدعى). Their verbal nouns
// are longer (اجتماع، انسحاب), and a word in ة is left alone (انقرة).
func pastVerbShape(norm string) bool {
	rs := []rune(norm)
	n := len(rs)
	if n >= 7 && (rs[n-2] == 'ن' || rs[n-2] == 'و') && rs[n-1] == 'ا' {
		rs, n = rs[:n-2], n-2 // اختبرنا، انسحبوا: with the ending of its person
	}
	if n < 5 || n > 6 || rs[0] != 'ا' || rs[n-1] == 'ة' {
		return false
	}
	derived := rs[2] == 'ت' || rs[1] == 'ن'
	switch {
	case rs[n-1] == 'ى':
		return n == 5 && derived || n == 6 && rs[1] == 'س' && rs[2] == 'ت'
	case n == 5:
		return derived
	}
	return derived && rs[5] == 'ت'
}

// causativePastShape reports whether a word as written, without its
// marks, has the shape of the past verb أفعل with the ت of its person
// (أخطأت، أرسلت), after و or ف or alone: أ, three letters none of which
// is a long vowel, ت.
// Norm forms cannot tell it, as they fold أ into ا.
func causativePastShape(raw string) bool {
	var rs [7]rune
	n := 0
	for _, r := range raw {
		if unicode.Is(unicode.Mn, r) || r == 0x0640 {
			continue
		}
		if n == len(rs) {
			return false
		}
		rs[n] = r
		n++
	}
	w := rs[:n]
	if n == 6 && (w[0] == 'و' || w[0] == 'ف') {
		w = w[1:] // وأخطأت
	}
	return len(w) == 5 && w[0] == 'أ' && w[4] == 'ت' && !slices.ContainsFunc(w[1:4], longVowel)
}

// longVowel reports whether r is a long vowel or a letter written for one.
func longVowel(r rune) bool {
	return r == 'ا' || r == 'و' || r == 'ي' || r == 'ى' || r == 'ة'
}

// stopWord reports whether a word in Norm form is a topic stop word once
// its article is dropped (العشرات، الخمس) or its final ى read as ي (التى,
// a spelling of التي).
func stopWord(norm string) bool {
	bare, _ := strings.CutPrefix(norm, "ال")
	return tokenize.TopicStopWords.Contains(bare) || tokenize.TopicStopWords.Contains(strings.ReplaceAll(norm, "ى", "ي"))
}

// hasTanween reports whether s holds a tanween mark (U+064B–U+064D).
func hasTanween(s string) bool {
	for _, r := range s {
		if r >= 0x064B && r <= 0x064D {
			return true
		}
	}
	return false
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) && r != 0x0640 {
			n++
		}
	}
	return n
}

// SkipLetters returns the byte offset in raw after its first n letters
// and the marks, tatweel and invisible characters that follow them: the
// start of a word without its n proclitic letters (SkipLetters("وبـغداد",
// 1) is the offset of بـغداد).
func SkipLetters(raw string, n int) int {
	i := 0
	for i < len(raw) {
		r, size := utf8.DecodeRuneInString(raw[i:])
		if unicode.IsLetter(r) && r != 0x0640 {
			if n == 0 {
				return i
			}
			n--
		}
		i += size
	}
	return i
}
