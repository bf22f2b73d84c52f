package tokenize_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/tokenize"
)

// The expected stems are worked out by hand from the three Light10 steps
// (و if 3 letters remain; one article if 2 remain; each suffix once, in
// order, if 2 remain), on the Key form.
func TestStem(t *testing.T) {
	tests := []struct {
		name, word, want string
	}{
		// Ordinary words.
		{"article+plural ات", "المكتبات", "مكتب"},
		{"wa+article+plural ون", "والمعلمون", "معلم"},
		{"plural ين", "المعلمين", "معلم"},
		{"teh marbuta", "الحكومة", "حكوم"},
		{"elections", "الانتخابات", "انتخاب"},
		{"pronoun ها", "كتابها", "كتاب"},
		{"ها then ات", "معلماتها", "معلم"},
		{"dual ين", "الكتابين", "كتاب"},
		{"bi+article", "بالمدرسة", "مدرس"},
		{"li+article", "للطلاب", "طلاب"},
		{"fa+article", "فالسياسة", "سياس"},
		{"ka+article", "كالعادة", "عاد"},
		{"wa then article", "والاقتصاد", "اقتصاد"},
		{"nisba يه", "اقتصادية", "اقتصاد"},
		{"masculine plural", "مسؤولون", "مسؤول"},
		{"nisba ي", "عربي", "عرب"},
		{"diacritics", "الْمَكْتَبَاتُ", "مكتب"},
		{"no affix", "كتاب", "كتاب"},
		{"pronoun هم is not a Light10 suffix", "سيارتهم", "سيارتهم"},

		// The damage: what Light10 does to names and to words that merely
		// look affixed. This is why Stem is never used for names.
		{"Oman/Amman", "عمان", "عم"},
		{"Iran", "إيران", "اير"},
		{"Lebanon", "لبنان", "لبن"},
		{"Japan", "اليابان", "ياب"},
		{"Saudi Arabia", "السعودية", "سعود"},
		{"Palestine", "فلسطين", "فلسط"},
		{"al-Kadhimi", "الكاظمي", "كاظم"},
		{"Iraq", "العراق", "عراق"},
		{"United States", "الولايات", "ولا"},
		{"Emirates", "الإمارات", "امار"},
		{"the nations", "الأمم", "امم"},
		{"Washington", "واشنطن", "اشنطن"},
		{"minister", "وزير", "زير"},
		{"ministry", "وزارة", "زار"},
		{"statement", "بيان", "بي"},
		{"father", "والد", "الد"},
		{"to", "إلى", "ال"},
		{"Baghdad untouched", "بغداد", "بغداد"},
		{"Egypt untouched", "مصر", "مصر"},
		{"Syria untouched", "سوريا", "سوريا"},
		{"London untouched", "لندن", "لندن"},

		// Length limits.
		{"wa needs 3 letters after", "ومن", "ومن"},
		{"article needs 2 letters after", "الي", "ال"},
		{"two letters", "في", "في"},
		{"one letter", "و", "و"},
		{"empty", "", ""},
		{"only a diacritic", "\u064b", ""},
		{"latin is lowered", "Reuters", "reuters"},
		{"digits", "٢٠٢٤", "2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tokenize.Stem(tt.word); got != tt.want {
				t.Errorf("Stem(%q) = %q, want %q", tt.word, got, tt.want)
			}
			checkStem(t, tt.word)
		})
	}
}

func TestStemNoAlloc(t *testing.T) {
	for _, w := range []string{"المكتبات", "والمعلمون", "بغداد", "reuters", tokenize.Key("الحكومة")} {
		if n := testing.AllocsPerRun(100, func() { tokenize.Stem(w) }); n != 0 {
			t.Errorf("Stem(%q) allocates %v times", w, n)
		}
	}
}

var (
	stemTestPrefixes = []string{"", "ال", "وال", "بال", "كال", "فال", "لل"}
	stemTestSuffixes = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}
)

// checkStem checks that Stem(word) is Key(word) with at most و, one article
// and a sequence of Light10 suffixes removed, and is empty only when the
// Key is.
func checkStem(t *testing.T, word string) {
	t.Helper()
	k := tokenize.Key(word)
	out := tokenize.Stem(word)
	if (out == "") != (k == "") {
		t.Fatalf("Stem(%q) = %q for Key %q", word, out, k)
	}
	if out != k && utf8.RuneCountInString(out) < 2 {
		t.Errorf("Stem(%q) = %q: fewer than 2 letters left after stripping", word, out)
	}
	for _, wa := range []string{"", "و"} {
		for _, art := range stemTestPrefixes {
			p := wa + art
			if !strings.HasPrefix(k, p) || !strings.HasPrefix(k[len(p):], out) {
				continue
			}
			tail := k[len(p)+len(out):]
			for _, s := range stemTestSuffixes {
				tail = strings.TrimSuffix(tail, s)
			}
			if tail == "" {
				return
			}
		}
	}
	t.Errorf("Stem(%q) = %q is not an affix-trimmed part of the Key %q", word, out, k)
}

func FuzzStem(f *testing.F) {
	for _, w := range []string{
		"المكتبات", "والمعلمون", "عمان", "إيران", "السعودية", "الولايات", "واشنطن",
		"الي", "وال", "\u064b", "Reuters", "و\xffها", "",
	} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, word string) {
		checkStem(t, word)
	})
}

var stemSink int

func BenchmarkStem(b *testing.B) {
	words := strings.Fields("وقال وزير الخارجية العراقي في مؤتمر صحفي عقده في بغداد إن الحكومة تعمل مع الأمم المتحدة والولايات المتحدة على دعم الاستقرار في المنطقة وأضاف أن بلاده لن تسمح بأن تكون ساحة للصراع بين القوى الإقليمية والدولية")
	b.Run("raw", func(b *testing.B) { benchmarkStem(b, words) })
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = tokenize.Key(w)
	}
	b.Run("key", func(b *testing.B) { benchmarkStem(b, keys) })
}

func benchmarkStem(b *testing.B, words []string) {
	n := 0
	for _, w := range words {
		n += len(w)
	}
	b.ReportAllocs()
	b.SetBytes(int64(n))
	sum := 0
	for b.Loop() {
		for _, w := range words {
			sum += len(tokenize.Stem(w))
		}
	}
	stemSink = sum
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

// Stem groups the forms of ordinary words for topic terms; names must never
// go through it.
func ExampleStem() {
	for _, w := range []string{"المكتبات", "والمعلمون", "الانتخابات", "الحكومة"} {
		fmt.Println(w, "→", tokenize.Stem(w))
	}
	fmt.Println("names are damaged:")
	for _, w := range []string{"عمان", "إيران", "السعودية", "العراق"} {
		fmt.Println(w, "→", tokenize.Stem(w))
	}
	// Output:
	// المكتبات → مكتب
	// والمعلمون → معلم
	// الانتخابات → انتخاب
	// الحكومة → حكوم
	// names are damaged:
	// عمان → عم
	// إيران → اير
	// السعودية → سعود
	// العراق → عراق
}
