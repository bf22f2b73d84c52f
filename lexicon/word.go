package lexicon

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/tokenize"
)

// Article is the definite article in Key form.
const Article = "ال"

// Lengths, in letters, of the word-shape tests.
const (
	minCliticStem    = 4 // a proclitic-stripped common word without the article
	minPluralRunes   = 6 // a sound plural in ين or ات (without the article)
	minPluralUnRunes = 5 // a sound plural in ون with the article
)

// HasArticle reports whether key begins with the article and at least two
// more letters (العراق, not آل, whose key is ال).
func HasArticle(key string) bool {
	return strings.HasPrefix(key, Article) && runesAtLeast(key[len(Article):], 2)
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

// Word is what the tables say about one word, proclitics included. Build
// it with [Lexicon.Analyze].
type Word struct {
	// Class is the tables the word is in as written.
	Class Class
	// Split is the word read as proclitics and a stem of the tables
	// (والحكومة → و + الحكومة, للرئيس → ل + الرئيس), when Class is empty
	// and such a reading exists; Split.Stem is empty otherwise.
	Split tokenize.Split
	// StemClass is the tables Split.Stem is in.
	StemClass Class
	// Definite reports that the word begins with the article.
	Definite bool
	// CliticArticle reports proclitics before the article and three
	// letters or more: والكاظمي، بالحكومة (see tokenize.ProcliticArticle).
	CliticArticle bool
}

// Analyze returns what the tables say about a word given in
// [tokenize.Key] form. It allocates only for stems with restored letters
// (لل) and is safe for concurrent use.
func (l *Lexicon) Analyze(key string) Word {
	w := Word{Class: l.classes[key], Definite: HasArticle(key), CliticArticle: tokenize.ProcliticArticle(key)}
	if w.Class == 0 && l.mayStrip(key) {
		if sp, ok := tokenize.FirstKnown(key, l.known); ok {
			w.Split, w.StemClass = sp, l.classes[sp.Stem]
		}
	}
	return w
}

// known is the lexicon given to tokenize.FirstKnown.
func (l *Lexicon) known(stem string) bool { return l.classes[stem] != 0 }

// mayStrip reports whether tokenize.FirstKnown may find a word of the
// tables in key. It only rules out the words written with لل (للعراق)
// whose restored forms (العراق، اللعراق) the tables lack: FirstKnown builds
// those forms in new strings, and most of them are names or words of no
// table. Other words go to FirstKnown, which does not allocate for them.
func (l *Lexicon) mayStrip(key string) bool {
	rest := key
	if r, size := utf8.DecodeRuneInString(rest); r == 'و' || r == 'ف' {
		rest = rest[size:]
	}
	after, ok := strings.CutPrefix(rest, "لل")
	if !ok {
		return true
	}
	var buf [64]byte
	b := append(append(buf[:0], Article...), after...) // ل + الـعراق → العراق
	if l.classes[string(b)] != 0 {
		return true
	}
	b = append(append(buf[:0], Article...), rest[len("ل"):]...) // ل + اللجنة
	if l.classes[string(b)] != 0 {
		return true
	}
	return l.classes[rest[len("ل"):]] != 0 // ل + لندن
}

// Common reports whether a word is common vocabulary: a word that never
// forms a person's or a place's name. text, norm and key are the word as
// written, in Norm form and in Key form; w is [Lexicon.Analyze] of key. A
// first name is never common. A word is common when it is in the common
// tables: as written, with the article (the tables hold حكومة; الحكومة is
// found), after proclitics when the rest keeps the article or has four
// letters or more, or three after ب or ل (بالحكومة، وأعلن، لشرح; كمال and
// فراس keep their first letter), or before a pronoun suffix (حكومته،
// بلاده، يعطيك: ه ها هم هما هن نا كم, ك after verbs only, with ة restored
// before ت); or, failing that, when it has one of these shapes, alone or
// after proclitics:
//
//   - tanween written on it (مسبقاً): names do not take it;
//   - an accusative without its tanween: the word without its final alef
//     is a noun or adjective of the tables (هجوما، رسميا);
//   - the nisba or construct plural of a word of the tables (محافظي);
//   - an indefinite word of four letters or more ending in a pronoun:
//     ته تها تهم تهما هم هن هما ها (جلالته، يقطنها);
//   - the shape of a verb, a verbal noun, a participle or a sound plural
//     (see [CommonShape]).
//
// Common may allocate (it asks tokenize for clitic readings) and is safe
// for concurrent use.
func (l *Lexicon) Common(w Word, text, norm, key string) bool {
	if w.Class&FirstName != 0 {
		return false
	}
	if w.Class&Common != 0 {
		return true
	}
	stem := w.Split.Stem
	if w.StemClass&Common != 0 && w.StemClass&FirstName == 0 &&
		(HasArticle(stem) || runesAtLeast(stem, minCliticStem) || w.Split.Restored == "" && (w.Split.Prep == tokenize.PrepBi || w.Split.Prep == tokenize.PrepLi)) {
		return true
	}
	// Accusative without its tanween: هجوما، اتصالا (ANERcorp writes none).
	if s, ok := strings.CutSuffix(key, keyAlef); ok && !w.Definite && runesAtLeast(s, 3) && l.classes[s]&(Noun|AnyAdjective) != 0 {
		return true
	}
	// A nisba or construct plural of a word of the tables: محافظي، مسؤولي.
	if s, ok := strings.CutSuffix(key, keyYeh); ok && !w.Definite && runesAtLeast(s, 3) && l.classes[s]&(Noun|Verb|AnyAdjective|NotName) != 0 {
		return true
	}
	if strings.ContainsRune(text, '\u064B') { // tanween fath: مسبقاً
		return true
	}
	if l.encliticCommon(norm, key) || !w.Definite && pronounEnding(norm) {
		return true
	}
	if CommonShape(key, w.Definite, false) {
		return true
	}
	// The same after proclitics: وانتشرت، لتحويل، سيقاطع، بسموه.
	sp, ok := tokenize.StripProclitics(key)
	if !ok || sp.Restored != "" || !runesAtLeast(sp.Stem, 4) {
		return false
	}
	rest := sp.Stem
	restNorm := norm[min(len(sp.Prefix), len(norm)):]
	def := HasArticle(rest)
	return l.classes[rest]&Common != 0 || CommonShape(rest, def, true) || l.encliticCommon(restNorm, rest) || !def && pronounEnding(restNorm)
}

// pronounEndings mark a word as a noun or verb with a pronoun, not a name:
// names end in ة + ه (جلالته), هم, هن, هما or ها only by accident.
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

// commonPronouns are the enclitic pronouns encliticCommon accepts.
var commonPronouns = map[tokenize.Clitic]bool{
	tokenize.PronHuma: true, tokenize.PronHa: true, tokenize.PronHum: true, tokenize.PronHunna: true,
	tokenize.PronNa: true, tokenize.PronKum: true, tokenize.PronHu: true, tokenize.PronKa: true,
}

// encliticCommon reports whether the word is a common word followed by a
// pronoun suffix: حكومته، بلاده، زيارتها. The longest pronoun reading of
// the Norm form decides the suffix (in the key, ة looks like ه); its stem
// is looked up in key form, with ة restored before ت (tokenize.Enclitics).
func (l *Lexicon) encliticCommon(norm, key string) bool {
	var suffix string
	for _, sp := range tokenize.Enclitics(norm) {
		if !commonPronouns[sp.Pronoun] || !strings.HasSuffix(key, sp.Suffix) {
			continue
		}
		if suffix == "" {
			suffix = sp.Suffix
		} else if sp.Suffix != suffix {
			break
		}
		stem := key[:len(key)-len(sp.Suffix)]
		if !runesAtLeast(stem, 2) {
			return false
		}
		if sp.Pronoun == tokenize.PronKa {
			return l.classes[stem]&Verb != 0 // يعطيك; but مالك is a name
		}
		if sp.Restored == "" && l.classes[stem]&(Verb|Noun|AnyAdjective) != 0 {
			return true
		}
		if sp.Restored != "" {
			var buf [64]byte
			b := append(append(buf[:0], strings.TrimSuffix(stem, "ت")...), keyTehMarbuta...)
			if l.classes[string(b)]&(Noun|AnyAdjective) != 0 {
				return true
			}
		}
	}
	return false
}

// CommonShape reports whether key has the shape of a verb, a verbal noun,
// a participle or a sound plural:
//
//   - an imperfect verb: four letters beginning with ي whose second letter
//     is not a long vowel (يقول; not يوسف, and not after proclitics, for
//     ليفني is a name), يفاعل (يقاطع), or يت، تت، يست، تست and more
//     (يتحدث، تستمر). Four-letter words in ت are left alone: names such as
//     تبون and تركي have that shape (see [TehVerbShape]);
//   - a verbal noun: تفعيل (تأكيد), افتعال and استفعال (اجتماع، استقرار),
//     انفعال (انسحاب), إفعال (إجلاء), مفاعلة (مصادفة);
//   - a participle: مت… of five letters or more (متحمس; not متولي), مست…
//     of six or more (مستشار), and with the article مفعول (المذكور);
//   - a sound plural: with the article, six letters or more ending in ين
//     or ات (المسلحين، السيارات) or five in ون; without it, six or more
//     ending in ون، ين or ات (مسؤولون، مجرمين، إيضاحات).
//
// definite says whether key begins with the article; clitic that
// proclitics were stripped before it, which rules out the shortest verb
// shape (ليفني، سيمون are names, not ل or س + a verb of four letters).
func CommonShape(key string, definite, clitic bool) bool {
	var rs [16]rune
	n := 0
	word := key
	if definite {
		word = key[len(Article):]
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

// IsNisba reports whether a word (key, with the article when definite)
// has the shape of a nisba adjective: three letters or more before a final
// ي or ية (ه in key form).
func IsNisba(key string, definite bool) bool {
	if definite {
		key = key[len(Article):]
	}
	key = strings.TrimSuffix(key, keyTehMarbuta)
	stem, ok := strings.CutSuffix(key, keyYeh)
	return ok && runesAtLeast(stem, 3)
}

// TehVerbShape reports whether key has the shape of an imperfect verb in ت
// of four letters (تحيط، تقع): ت, then a letter that is not a long vowel.
// It is not a common-word shape, because names have it too (تبون، تركي),
// but it rules out the first word of a place name.
func TehVerbShape(key string) bool {
	r, size := utf8.DecodeRuneInString(key)
	if r != 'ت' || utf8.RuneCountInString(key) != 4 {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(key[size:])
	return r2 != 'ا' && r2 != 'و' && r2 != 'ي'
}
