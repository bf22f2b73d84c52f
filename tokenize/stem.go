package tokenize

// Light10 affixes, in Key form (ة is folded to ه, so the paper's ية and ة
// coincide with يه and ه and are not repeated).
var (
	// stemArticles are tried in this order; at most one is stripped.
	stemArticles = [...]string{"ال", "وال", "بال", "كال", "فال", "لل"}
	// stemSuffixes are tried once each, in this order (right to left in the
	// word); each that ends the word is stripped.
	stemSuffixes = [...]string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}
)

const stemWa = "و"

// Stem returns the light stem of word for topic terms: the Light10
// stemmer of Larkey, Ballesteros and Connell ("Light stemming for Arabic
// information retrieval", 2002 and 2007), reimplemented from its
// description. word may be in any form: Stem applies [Key] first, then
//
//  1. strips a leading و if at least 3 letters remain;
//  2. strips one article of ال وال بال كال فال لل, the first that begins
//     the word, if at least 2 letters remain;
//  3. goes once through the suffixes ها ان ات ون ين يه ية ه ة ي, in that
//     order, stripping each that ends the word if at least 2 letters
//     remain (ية and ة are يه and ه after Key).
//
// Letters are runes. Ordinary words come out well: المكتبات → مكتب,
// والمعلمون → معلم, الحكومة → حكوم, الانتخابات → انتخاب, كتابها → كتاب.
// Text without Arabic affixes (Latin words, numbers) comes back as its Key
// (lower case).
//
// # Never for names
//
// Stem is for topic terms only: grouping ordinary words so that a topic
// model counts الانتخابات and انتخابات together. Never stem names or use
// stems to match them. The rules know no exceptions, and names end in the
// very letters they strip:
//
//	عمان      → عم     (Oman, Amman: ان read as a dual ending)
//	إيران     → اير    (Iran)
//	لبنان     → لبن    (Lebanon becomes milk)
//	اليابان   → ياب    (Japan)
//	السعودية  → سعود   (Saudi Arabia becomes a first name)
//	فلسطين    → فلسط   (Palestine: ين read as a plural ending)
//	الكاظمي   → كاظم   (al-Kadhimi: the nisba ي stripped)
//	العراق    → عراق
//	واشنطن    → اشنطن  (Washington: its و read as "and")
//	وزير      → زير    (minister: the same mistake on a common word)
//
// Match names with their Key and [Proclitics] instead.
//
// Stem returns a substring of Key(word) and does not allocate when word is
// already in Key form. It is safe for concurrent use.
func Stem(word string) string {
	s := Key(word)
	lo, hi := stemBounds(s)
	return s[lo:hi]
}

// AppendStem appends Stem(word) to dst and returns the extended slice. It
// allocates only if dst is too small.
func AppendStem(dst []byte, word string) []byte {
	n := len(dst)
	dst = AppendKey(dst, word)
	lo, hi := stemBounds(dst[n:])
	copy(dst[n:], dst[n+lo:n+hi])
	return dst[:n+hi-lo]
}

// stemBounds returns the bounds of the light stem within s, a word in Key
// form: the steps of [Stem].
func stemBounds[T string | []byte](s T) (lo, hi int) {
	hi = len(s)
	if hasPrefix(s, stemWa) && keyAtLeastRunes(s[len(stemWa):], 3) {
		lo += len(stemWa)
	}
	for _, a := range stemArticles {
		if hasPrefix(s[lo:hi], a) && keyAtLeastRunes(s[lo+len(a):hi], 2) {
			lo += len(a)
			break
		}
	}
	for _, suf := range stemSuffixes {
		if hasSuffix(s[lo:hi], suf) && keyAtLeastRunes(s[lo:hi-len(suf)], 2) {
			hi -= len(suf)
		}
	}
	return lo, hi
}

func hasPrefix[T string | []byte](s T, prefix string) bool {
	return len(s) >= len(prefix) && string(s[:len(prefix)]) == prefix
}

func hasSuffix[T string | []byte](s T, suffix string) bool {
	return len(s) >= len(suffix) && string(s[len(s)-len(suffix):]) == suffix
}

// keyAtLeastRunes reports whether s, valid UTF-8 (as Key's results always
// are), has at least n runes: it counts the bytes that start one.
func keyAtLeastRunes[T string | []byte](s T, n int) bool {
	if len(s) < n {
		return false
	}
	if len(s) >= 4*n {
		return true // a rune takes at most 4 bytes
	}
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n--
			if n <= 0 {
				return true
			}
		}
	}
	return false
}
