package gazetteer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// Fuzzy matching finds names written with a different spelling. Arabic
// makes this dangerous: its words are built from three-letter roots, so
// ordinary words are often one letter away from a name (مصر/قصر،
// تونس/يونس، الأمن/اليمن، زيارة/زوارة). Khabar therefore accepts only the
// differences that spellings of one name really show, and weighs them:
//
//   - a long vowel (ا و ي) present in one spelling and not the other
//     (بلينكن/بلنكن، بوتين/بوتن، نتنياهو/نتانياهو): 0.5;
//   - two adjacent letters swapped (أمريكا/أميركا): 0.5;
//   - one letter for another that renders the same foreign sound (ت/ط،
//     س/ص/ث/ش، ز/ذ، ض/ظ، ك/ق، ج/غ: غوتيريش/جوتيريس): 0.25;
//   - a space inserted or removed (عبد العزيز/عبدالعزيز): 0.25;
//   - any other edit (another letter, a vowel for another vowel): 1.25.
//
// These are the differences of transliterated names. Native Arabic names
// (of entries whose country is an Arab League member or that have no
// country, such as international bodies and names from plain lists) have one accepted
// spelling, and their near neighbours are ordinary words (الحديدة/الحديدية،
// الشجاعية/الشجاعة، تيران/طيران): for them only a swap and ض/ظ count as
// variants.
//
// Lengths count letters without spaces and without the article ال. A
// name of four letters or fewer matches only exactly. From five to seven
// letters one difference is allowed, weighing at most 0.5 (and no swap
// below six letters: تجاري/تجراي); from eight to eleven letters two,
// weighing at most 1; from twelve, three weighing at most 1.5. So only
// names of twelve letters or more admit an edit that is not a variant
// (الدول الغربية is not الدول العربية). In running
// text ([Index.Find]) a word must have five letters to be tried. A name
// given alone ([Index.Lookup]) may have four: it is tried only against
// people's names, with one long vowel added, and not when it begins like
// an imperfect verb (ي ت ن ا: يعلن would become يعلون). Calendar words and
// stop words are never tried.
//
// Candidates come from a symmetric-deletion index (in the manner of
// SymSpell): every surface key with five letters or more is stored with
// each of its one-letter deletions, and a query is looked up with its own
// one-letter deletions. Two keys share such a variant when they are one
// edit apart or differ by a swap of adjacent letters. A second key per
// surface, its consonant skeleton, catches the two- and three-edit
// variants the weights accept: spellings that differ in several long
// vowels and equivalent consonants (انطوني بلنكن/انتوني بلينكن). A query
// thus costs as many table probes as it has letters, plus one, whatever
// the size of the gazetteer. Each candidate is
// checked first with the Levenshtein distance (agnivade/levenshtein,
// corrected for one swap), which is reported as [Match.Distance], then
// with the weighted distance above, which decides and gives the score.
//
// The variants are stored as 32-bit hashes with the key's position in a
// hashTable: about 8 bytes per variant and 4 per bucket, no pointers for
// the garbage collector to scan.

// Fuzzy limits, in letters without spaces and articles.
const (
	fuzzyMinLetters  = 5 // keys shorter than this match exactly only
	fuzzyMinQuery    = 4 // queries shorter than this are not looked up
	fuzzySwapLetters = 6 // keys shorter than this accept no swap (تجاري/تجراي)
	skeletonHashSalt = 0x9e3779b97f4a7c15
)

// fuzzyBudget returns the weighted distance allowed for a key of n letters.
func fuzzyBudget(n int) float64 {
	switch {
	case n < fuzzyMinLetters:
		return 0
	case n < 8:
		return 0.5
	case n < 12:
		return 1
	}
	return 1.5
}

// bareLen counts the letters of a key without spaces and without the
// article ال at the start of its words.
func bareLen(key string) int {
	n := 0
	for w := range strings.SplitSeq(key, " ") {
		l := utf8.RuneCountInString(w)
		if l >= 4 && strings.HasPrefix(w, "ال") {
			l -= 2
		}
		n += l
	}
	return n
}

// buildFuzzy indexes the keys of five letters or more: the table maps
// the hash of each one-letter deletion and of the skeleton to the key's
// position.
func buildFuzzy(keys []string) *hashTable {
	var cells []uint64
	var buf []rune
	for i, k := range keys {
		if bareLen(k) < fuzzyMinLetters {
			continue
		}
		id := uint64(i)
		buf = append(buf[:0], []rune(k)...)
		forEachVariant(buf, func(h uint32) { cells = append(cells, uint64(h)<<32|id) })
		cells = append(cells, uint64(skeletonHash(k))<<32|id)
	}
	return newHashTable(cells)
}

// forEachVariant calls fn with the hash of w and of each string made by
// deleting one rune from w. The hashes are polynomial over runes, so that
// all of them take O(len(w)) time together: with P the hash of the runes
// before i and S that of the runes after it, deleting rune i hashes to
// P·B^(n-1-i) + S.
func forEachVariant(w []rune, fn func(uint32)) {
	n := len(w)
	var small [64]uint64
	var suffix []uint64 // suffix[i]: Σ_{k≥i} w[k]·B^(n-1-k)
	if n+1 <= len(small) {
		suffix = small[:n+1]
	} else {
		suffix = make([]uint64, n+1)
	}
	suffix[n] = 0
	pow := uint64(1) // B^(n-1-i) for i going down
	for i := n - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1] + uint64(w[i])*pow
		pow *= polyBase
	}
	fn(mixHash(suffix[0]))
	// pow is now B^n; walk i up with prefix = hash of w[:i] and
	// powAfter = B^(n-1-i).
	prefix := uint64(0)
	powAfter := uint64(1)
	for range n - 1 {
		powAfter *= polyBase
	}
	inv := uint64(polyBaseInverse)
	for i := range n {
		fn(mixHash(prefix*powAfter + suffix[i+1]))
		prefix = prefix*polyBase + uint64(w[i])
		powAfter *= inv
	}
}

// polyBase is the odd multiplier of the polynomial hash, and
// polyBaseInverse its inverse modulo 2^64.
const (
	polyBase        = 0x9E3779B97F4A7C15
	polyBaseInverse = 0xF1DE83E19937733D
)

// mixHash folds a 64-bit hash to 32 well-mixed bits.
func mixHash(h uint64) uint32 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return uint32(h)
}

// skeletonHash hashes Skeleton(key) without building it.
func skeletonHash(key string) uint32 {
	h := uint64(skeletonHashSalt)
	var b [utf8.UTFMax]byte
	start := true
	for _, r := range key {
		r, start = skeletonRune(r, start)
		if r < 0 {
			continue
		}
		n := utf8.EncodeRune(b[:], r)
		for _, c := range b[:n] {
			h ^= uint64(c)
			h *= 1099511628211
		}
	}
	return uint32(h ^ h>>32)
}

// skeletonRune maps one rune of a key for Skeleton: -1 when it is
// dropped. start says whether r begins a word, and the second result
// whether the next rune does.
func skeletonRune(r rune, start bool) (rune, bool) {
	if r == ' ' {
		return ' ', true
	}
	if !start && (r == 'ا' || r == 'و' || r == 'ي') {
		return -1, false
	}
	switch r {
	case 'ط':
		r = 'ت'
	case 'ص', 'ث', 'ش':
		r = 'س'
	case 'ذ':
		r = 'ز'
	case 'ظ':
		r = 'ض'
	case 'ق':
		r = 'ك'
	case 'غ':
		r = 'ج'
	case 'ة':
		r = 'ه'
	}
	return r, false
}

// Skeleton reduces a name in [tokenize.Key] form to the consonants that
// transliterations agree on: in each word, long vowels (ا و ي) after the
// first letter are dropped, and letters that render one foreign sound are
// merged (ط→ت، ص→س، ث→س، ش→س، ذ→ز، ظ→ض، ق→ك، غ→ج، ة→ه). Two spellings of
// one foreign name (كاركاسون، كركاسون) share it; so may two short names.
func Skeleton(key string) string {
	var b strings.Builder
	b.Grow(len(key))
	start := true
	for _, r := range key {
		r, start = skeletonRune(r, start)
		if r >= 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fuzzyCandidate is a verified fuzzy match of a query against a key.
type fuzzyCandidate struct {
	key      uint32
	distance int     // Levenshtein, one swap counted as one edit
	cost     float64 // weighted distance
	score    float64
}

// fuzzyLookup returns the keys a query may be a spelling of, best first.
// query is a surface key (Key forms joined by spaces).
//
// minQuery is the fewest letters a query needs: fuzzyMinQuery for names
// given alone, fuzzyMinLetters in running text.
func (x *Index) fuzzyLookup(query string, minQuery int) []fuzzyCandidate {
	qn := bareLen(query)
	if x.fuzzy == nil || qn < minQuery || len(x.fuzzy.cells) == 0 || isCalendarWord(query) {
		return nil
	}
	short := qn == fuzzyMinQuery
	if first, _ := utf8.DecodeRuneInString(query); short && strings.ContainsRune("يتنا", first) {
		return nil // likely an imperfect verb: يعلن, توتر, نقول, اقول
	}
	var wbuf [64]rune
	w := wbuf[:0]
	for _, r := range query {
		w = append(w, r)
	}
	var seenBuf [32]uint32
	seen := seenBuf[:0]
	collect := func(k uint32) {
		if !slices.Contains(seen, k) {
			seen = append(seen, k)
		}
	}
	forEachVariant(w, func(h uint32) { x.fuzzy.lookup(h, collect) })
	x.fuzzy.lookup(skeletonHash(query), collect)

	var out []fuzzyCandidate
	for _, k := range seen {
		key := x.keys.strs[k]
		if key == query || (short && !x.namesPerson(key)) {
			continue
		}
		if c, ok := verifyFuzzy(query, key, short, x.nativeName(key)); ok {
			c.key = k
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b fuzzyCandidate) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return strings.Compare(x.keys.strs[a.key], x.keys.strs[b.key])
	})
	return out
}

// nativeName reports whether every entry named by a surface key belongs
// to an Arab country or to none (international bodies, and names from
// plain lists, whose names are Arabic words), so that the key is a native
// Arabic name (the names of places, people and bodies of the Arab League
// are native Arabic words with a fixed spelling). Only names tied to a
// non-Arab country are taken as transliterations.
func (x *Index) nativeName(key string) bool {
	posts := x.postings(key)
	for _, p := range posts {
		if c := x.entries[p.entry()].Country; c != "" && !ArabLeague(c) {
			return false
		}
	}
	return len(posts) > 0
}

// namesPerson reports whether a surface key is a name (not a demonym) of
// a person.
func (x *Index) namesPerson(key string) bool {
	for _, p := range x.postings(key) {
		if !p.isDemonym() && x.entries[p.entry()].Type == PER {
			return true
		}
	}
	return false
}

// verifyFuzzy decides whether key is a spelling of query and scores it in
// (0, 1). short queries (four letters) accept one long vowel only; native
// names (see weightedDistance) fewer variants.
func verifyFuzzy(query, key string, short, native bool) (fuzzyCandidate, bool) {
	n := bareLen(key)
	budget := fuzzyBudget(n)
	if short {
		budget = min(budget, vowelCost)
	}
	if budget == 0 {
		return fuzzyCandidate{}, false
	}
	d := levenshtein.ComputeDistance(query, key)
	swap := d == 2 && isOneSwap(query, key)
	if swap {
		d = 1
	}
	if d == 0 || d > maxFuzzyEdits(n) || (swap && n < fuzzySwapLetters) {
		return fuzzyCandidate{}, false
	}
	cost := weightedDistance([]rune(query), []rune(key), native)
	if cost > budget || (short && cost != vowelCost) {
		return fuzzyCandidate{}, false
	}
	score := scoreFuzzyMax * (1 - cost/float64(max(bareLen(query), n)))
	return fuzzyCandidate{distance: d, cost: cost, score: score}, score > 0
}

// maxFuzzyEdits bounds the number of edits, whatever their weight: one
// for keys of five to seven letters, two up to eleven, three beyond.
func maxFuzzyEdits(n int) int {
	switch {
	case n < fuzzyMinLetters:
		return 0
	case n < 8:
		return 1
	case n < 12:
		return 2
	}
	return 3
}

// Weights of the edits of weightedDistance.
const (
	vowelCost      = 0.5  // a long vowel inserted or deleted
	swapCost       = 0.5  // two adjacent letters swapped
	equivalentCost = 0.25 // a letter for one rendering the same sound
	spaceCost      = 0.25 // a space inserted or deleted
	otherCost      = 1.25 // any other edit: more than keys under twelve letters allow
)

func isLongVowel(r rune) bool { return r == 'ا' || r == 'و' || r == 'ي' }

// soundClass groups letters that transliterations use for one sound; 0
// for letters without a group.
func soundClass(r rune) int {
	switch r {
	case 'ت', 'ط':
		return 1
	case 'س', 'ص', 'ث', 'ش':
		return 2
	case 'ز', 'ذ':
		return 3
	case 'ض', 'ظ':
		return 4
	case 'ك', 'ق':
		return 5
	case 'ج', 'غ':
		return 6
	}
	return 0
}

func indelCost(r rune, native bool) float64 {
	switch {
	case isLongVowel(r) && !native:
		return vowelCost
	case r == ' ':
		return spaceCost
	}
	return otherCost
}

func subCost(a, b rune, native bool) float64 {
	switch {
	case a == b:
		return 0
	case native && soundClass(a) != 4: // only ض/ظ vary in native names
		return otherCost
	case soundClass(a) != 0 && soundClass(a) == soundClass(b):
		return equivalentCost
	}
	return otherCost
}

// weightedDistance is the optimal-string-alignment distance of a and b
// with the weights above. For native Arabic names (native), long vowels
// and letter equivalences are not variants, except ض/ظ: only
// transliterated names vary that way.
func weightedDistance(a, b []rune, native bool) float64 {
	// Three rows: i-2, i-1, i.
	prev2 := make([]float64, len(b)+1)
	prev := make([]float64, len(b)+1)
	cur := make([]float64, len(b)+1)
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + indelCost(b[j-1], native)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + indelCost(a[i-1], native)
		for j := 1; j <= len(b); j++ {
			v := min(
				prev[j]+indelCost(a[i-1], native),
				cur[j-1]+indelCost(b[j-1], native),
				prev[j-1]+subCost(a[i-1], b[j-1], native),
			)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				v = min(v, prev2[j-2]+swapCost)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// calendarWords are month and weekday names, Gregorian and Levantine,
// in Key form: never names, yet close to some (أبريل/أربيل).
var calendarWords = map[string]bool{
	"يناير": true, "فبراير": true, "مارس": true, "ابريل": true, "مايو": true, "يونيو": true, "يوليو": true,
	"اغسطس": true, "سبتمبر": true, "اكتوبر": true, "نوفمبر": true, "ديسمبر": true,
	"كانون": true, "شباط": true, "اذار": true, "نيسان": true, "ايار": true, "حزيران": true, "تموز": true,
	"اب": true, "ايلول": true, "تشرين": true,
	"السبت": true, "الاحد": true, "الاثنين": true, "الثلاثاء": true, "الاربعاء": true, "الخميس": true, "الجمعه": true,
}

func isCalendarWord(key string) bool { return calendarWords[key] }

// isOneSwap reports whether b is a with one pair of adjacent runes
// swapped.
func isOneSwap(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if i+1 >= len(ra) || ra[i] != rb[i+1] || ra[i+1] != rb[i] {
		return false
	}
	return string(ra[i+2:]) == string(rb[i+2:])
}
