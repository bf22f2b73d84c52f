package tokenize_test

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/tokenize"
)

func TestIsStopWord(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		// Prepositions, with hamza forms normalised.
		{"في", true}, {"من", true}, {"إلى", true}, {"الى", true}, {"على", true},
		{"عن", true}, {"مع", true}, {"خلال", true}, {"بين", true}, {"أمام", true},
		// Conjunctions and particles.
		{"و", true}, {"أو", true}, {"ثم", true}, {"لكن", true}, {"إن", true},
		{"أن", true}, {"أنّ", true}, {"قد", true}, {"لقد", true}, {"سوف", true},
		{"لا", true}, {"لم", true}, {"لن", true}, {"ليس", true}, {"هل", true},
		// Pronouns, demonstratives, relatives.
		{"هو", true}, {"هي", true}, {"هم", true}, {"نحن", true}, {"هذا", true},
		{"هذه", true}, {"ذلك", true}, {"تلك", true}, {"هؤلاء", true}, {"الذي", true},
		{"التي", true}, {"الذين", true}, {"هناك", true},
		// Kana and its sisters.
		{"كان", true}, {"كانت", true}, {"أصبح", true}, {"ليست", true}, {"يزال", true},
		// Adverbs and quantifiers.
		{"الآن", true}, {"أمس", true}, {"اليوم", true}, {"أيضا", true}, {"كل", true},
		{"بعض", true}, {"جميع", true}, {"معظم", true},
		// With pronoun suffixes.
		{"فيه", true}, {"عليها", true}, {"منهم", true}, {"إليه", true}, {"أنه", true},
		{"لها", true}, {"بينهما", true},
		// With proclitics.
		{"وفي", true}, {"ومن", true}, {"فإن", true}, {"ولكن", true}, {"بهذا", true},
		{"لهذا", true}, {"وهو", true}, {"وهي", true}, {"بأن", true}, {"لأن", true},
		{"وعلى", true}, {"وإلى", true}, {"ولم", true}, {"فقد", true}, {"وبذلك", true},
		// Diacritics and tatweel do not matter.
		{"فِي", true}, {"عَلَى", true}, {"هـذا", true},
		// English, case-insensitive.
		{"the", true}, {"The", true}, {"THE", true}, {"of", true}, {"and", true},
		{"don't", true}, {"which", true},

		// Names and content words.
		{"علي", false}, // Ali: على folded with ى → ي
		{"عمان", false}, {"مصر", false}, {"العراق", false}, {"بغداد", false},
		{"محمد", false}, {"الحكومة", false}, {"وزير", false}, {"انتخابات", false},
		{"والي", false}, {"ولي", false}, {"وام", false}, {"فهم", false},
		// Reporting verbs and numbers are not function words.
		{"قال", false}, {"وأضاف", false}, {"أكد", false}, {"ثلاثة", false}, {"مليون", false},
		{"government", false}, {"Iraq", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := tokenize.IsStopWord(tt.word); got != tt.want {
			t.Errorf("IsStopWord(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

// على (on) and علي (Ali) differ only by ى/ي; they become one Key.
func TestStopWordAlaAli(t *testing.T) {
	if tokenize.Key("على") != tokenize.Key("علي") {
		t.Fatal("على and علي should share a Key")
	}
	if !tokenize.IsStopWord("على") || !tokenize.IsStopWord(tokenize.Normalize("عَلَى")) {
		t.Error("على must be a stop word")
	}
	if tokenize.IsStopWord("علي") || tokenize.IsStopWord(tokenize.Normalize("عليّ")) {
		t.Error("علي (Ali) must not be a stop word")
	}
	if tokenize.IsStopWord("وعلي") || !tokenize.IsStopWord("وعلى") {
		t.Error("وعلى is a stop word, وعلي (and Ali) is not")
	}
	if tokenize.ArabicFunctionWords.Contains(tokenize.Key("على")) {
		t.Error("the Key of على must not be looked up as a stop word")
	}
}

func TestStopLists(t *testing.T) {
	tests := []struct {
		list tokenize.StopList
		word string
		want bool
	}{
		{tokenize.ReportingVerbs, "قال", true},
		{tokenize.ReportingVerbs, "وقال", true},
		{tokenize.ReportingVerbs, "وأضاف", true},
		{tokenize.ReportingVerbs, "أكدت", true},
		{tokenize.ReportingVerbs, "أشار", true},
		{tokenize.ReportingVerbs, "أوضح", true},
		{tokenize.ReportingVerbs, "تابع", true},
		{tokenize.ReportingVerbs, "ذكر", true},
		{tokenize.ReportingVerbs, "Said", true},
		{tokenize.ReportingVerbs, "في", false},
		{tokenize.NumberWords, "ثلاثة", true},
		{tokenize.NumberWords, "الثانية", true},
		{tokenize.NumberWords, "وخمسة", true},
		{tokenize.NumberWords, "مليون", false},
		{tokenize.NumberWords, "مليار", false},
		{tokenize.ArabicFunctionWords, "the", false},
		{tokenize.EnglishFunctionWords, "the", true},
		{tokenize.EnglishFunctionWords, "في", false},
		{tokenize.TopicStopWords, "قال", true},
		{tokenize.TopicStopWords, "ثلاثة", true},
		{tokenize.TopicStopWords, "في", true},
		{tokenize.TopicStopWords, "The", true},
		{tokenize.TopicStopWords, "انتخابات", false},
		{tokenize.TopicStopWords, "مليار", false},
		{0, "في", false},
	}
	for _, tt := range tests {
		if got := tt.list.Contains(tt.word); got != tt.want {
			t.Errorf("%v.Contains(%q) = %v, want %v", tt.list, tt.word, got, tt.want)
		}
	}

	for _, l := range []tokenize.StopList{tokenize.ArabicFunctionWords, tokenize.EnglishFunctionWords, tokenize.ReportingVerbs, tokenize.NumberWords, tokenize.TopicStopWords} {
		words := l.Words()
		if len(words) != l.Len() || len(words) == 0 {
			t.Errorf("%v: %d words, Len %d", l, len(words), l.Len())
		}
		if !slices.IsSorted(words) {
			t.Errorf("%v.Words() is not sorted", l)
		}
		for _, w := range words {
			if !l.Contains(w) {
				t.Errorf("%v.Contains(%q) = false for a listed word", l, w)
			}
			if w != tokenize.Normalize(w) || w != strings.ToLower(w) || strings.TrimSpace(w) != w {
				t.Errorf("%v: %q is not in matching form", l, w)
			}
		}
		words[0] = "changed" // a copy: the list itself must not change
		if l.Contains("changed") {
			t.Errorf("%v: Words() exposes the table", l)
		}
	}
	t.Logf("sizes: Arabic %d, English %d, reporting %d, numbers %d",
		tokenize.ArabicFunctionWords.Len(), tokenize.EnglishFunctionWords.Len(),
		tokenize.ReportingVerbs.Len(), tokenize.NumberWords.Len())
	if n := tokenize.ArabicFunctionWords.Len(); n < 500 {
		t.Errorf("ArabicFunctionWords has %d words; expected several hundred with و/ف forms", n)
	}

	for l, want := range map[tokenize.StopList]string{
		0:                              "0",
		tokenize.ReportingVerbs:        "ReportingVerbs",
		tokenize.FunctionWords:         "ArabicFunctionWords|EnglishFunctionWords",
		tokenize.NumberWords | 1<<7:    "NumberWords|unknown",
		tokenize.ArabicFunctionWords:   "ArabicFunctionWords",
		tokenize.EnglishFunctionWords:  "EnglishFunctionWords",
		tokenize.TopicStopWords &^ 0x3: "ReportingVerbs|NumberWords",
	} {
		if got := l.String(); got != want {
			t.Errorf("StopList(%d).String() = %q, want %q", uint8(l), got, want)
		}
	}
}

// No name of the clitic and gazetteer tests may be a stop word, in any
// list topic extraction uses.
func TestStopWordsSpareNames(t *testing.T) {
	for _, name := range []string{
		"علي", "عمان", "مصر", "قطر", "لبنان", "سوريا", "بغداد", "دمشق", "القاهرة",
		"الرياض", "بيروت", "محمد", "أحمد", "حسن", "عادل", "أمل", "نور", "منى", "هدى",
		"ولي", "والي", "وام", "الأمم", "المتحدة", "الولايات",
	} {
		if tokenize.TopicStopWords.Contains(name) {
			t.Errorf("%q is a topic stop word", name)
		}
	}
}

func TestIsStopWordAllocs(t *testing.T) {
	for _, w := range []string{"في", "علي", "the", "The", "GOVERNMENT", "government", "الحكومة"} {
		if n := testing.AllocsPerRun(100, func() { tokenize.IsStopWord(w) }); n != 0 {
			t.Errorf("IsStopWord(%q) allocates %v times", w, n)
		}
	}
}

// The lists are decoded once, on first use, from any goroutine.
func TestStopWordsConcurrent(t *testing.T) {
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			for _, w := range []string{"في", "علي", "The", "وقال"} {
				if got, want := tokenize.TopicStopWords.Contains(w), w != "علي"; got != want {
					t.Errorf("TopicStopWords.Contains(%q) = %v", w, got)
				}
			}
			if tokenize.ReportingVerbs.Len() == 0 {
				t.Error("empty ReportingVerbs")
			}
		})
	}
}

// stopwordsReference is a third-party list (MIT) kept outside the
// repository; it is only read to compare coverage.
const stopwordsReference = "../../shared/data/arabic-stopwords/list.txt"

func TestStopWordCoverage(t *testing.T) {
	f, err := os.Open(stopwordsReference)
	if err != nil {
		t.Skipf("reference stop-word list not available (%v); it lives in ../shared/data, outside the repository", err)
	}
	defer f.Close()
	ref := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := tokenize.Normalize(strings.TrimSpace(sc.Text()))
		if w != "" {
			ref[w] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	inFunction, inTopic := 0, 0
	for w := range ref {
		if tokenize.ArabicFunctionWords.Contains(w) {
			inFunction++
		}
		if tokenize.TopicStopWords.Contains(w) {
			inTopic++
		}
	}
	ours := tokenize.ArabicFunctionWords.Words()
	shared := 0
	for _, w := range ours {
		if ref[w] {
			shared++
		}
	}
	t.Logf("reference list: %d distinct normalised entries; %d (%.0f%%) are Arabic function words here, %d (%.0f%%) topic stop words",
		len(ref), inFunction, 100*float64(inFunction)/float64(len(ref)), inTopic, 100*float64(inTopic)/float64(len(ref)))
	t.Logf("our Arabic function words: %d, of which %d (%.0f%%) are in the reference list (the rest are mostly و/ف forms)",
		len(ours), shared, 100*float64(shared)/float64(len(ours)))
	if inFunction < 100 {
		t.Errorf("only %d reference stop words are covered; the Arabic list looks truncated", inFunction)
	}
}

var stopSink bool

func BenchmarkIsStopWord(b *testing.B) {
	words := strings.Fields(tokenize.Normalize("وقال وزير الخارجية في مؤتمر صحفي إن الحكومة تعمل مع الأمم المتحدة على دعم الاستقرار في المنطقة وأضاف أن بلاده لن تسمح بذلك The minister said that the talks were useful"))
	n := 0
	for _, w := range words {
		n += len(w)
	}
	b.ReportAllocs()
	b.SetBytes(int64(n))
	var hit bool
	for b.Loop() {
		for _, w := range words {
			hit = tokenize.IsStopWord(w) != hit
		}
	}
	stopSink = hit
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func FuzzIsStopWord(f *testing.F) {
	for _, w := range []string{"على", "علي", "وفي", "The", "DON'T", "\xff", "İ", ""} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, word string) {
		got := tokenize.TopicStopWords.Contains(word)
		if got && tokenize.Normalize(word) == "" {
			t.Errorf("%q normalises to nothing but is a stop word", word)
		}
		if tokenize.IsStopWord(word) && !got {
			t.Errorf("%q is a stop word but not a topic stop word", word)
		}
	})
}

// على (on) is a stop word; علي (Ali) is a name. Decide on the Norm form,
// never on the Key, which folds both to علي.
func ExampleIsStopWord() {
	for _, w := range []string{"على", "علي", "وفي", "عمان", "قال", "The"} {
		fmt.Println(w, tokenize.IsStopWord(w))
	}
	// Output:
	// على true
	// علي false
	// وفي true
	// عمان false
	// قال false
	// The true
}

// Topic-term extraction drops reporting verbs and number words as well.
func ExampleStopList_Contains() {
	for _, w := range []string{"وأضاف", "ثلاثة", "مليار", "الانتخابات"} {
		fmt.Println(w, tokenize.TopicStopWords.Contains(w), tokenize.ReportingVerbs.Contains(w))
	}
	// Output:
	// وأضاف true true
	// ثلاثة true false
	// مليار false false
	// الانتخابات false false
}
