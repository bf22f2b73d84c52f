package tokenize_test

import (
	"fmt"

	"github.com/khabar-nlp/khabar/tokenize"
)

// Every reading of a word with proclitics, most likely first. وللأمم is
// و + ل + الأمم with the article's alef dropped; the stem gets it back.
func ExampleProclitics() {
	word := tokenize.Normalize("وللأمم") // Key works too
	for _, s := range tokenize.Proclitics(word) {
		fmt.Printf("%s\tprefix=%s stem=%s article=%v restored=%q\n", s, s.Prefix, s.Stem, s.Article, s.Restored)
	}
	// Output:
	// و+ل+الامم	prefix=ول stem=الامم article=true restored="ا"
	// و+ل+اللامم	prefix=ول stem=اللامم article=true restored="ال"
	// و+للامم	prefix=و stem=للامم article=false restored=""
	// و+ل+لامم	prefix=ول stem=لامم article=false restored=""
}

// A lexicon of names decides which reading is right; words that merely
// begin with clitic letters stay whole.
func ExampleFirstKnown() {
	names := map[string]bool{"العراق": true, "بغداد": true, "لندن": true, "لبنان": true}
	known := func(stem string) bool { return names[stem] }
	for _, w := range []string{"وبالعراق", "للعراق", "وبغداد", "للندن", "وزير", "فرنسا"} {
		if s, ok := tokenize.FirstKnown(w, known); ok {
			fmt.Printf("%s → %s (%v)\n", w, s.Stem, s.Clitics())
		} else {
			fmt.Printf("%s → whole\n", w)
		}
	}
	// Output:
	// وبالعراق → العراق ([و ب ال])
	// للعراق → العراق ([ل ال])
	// وبغداد → بغداد ([و])
	// للندن → لندن ([ل])
	// وزير → whole
	// فرنسا → whole
}

// KnownSplit accepts a known word before trying to split it, so a name is
// never split even when its remainder is a word too.
func ExampleKnownSplit() {
	lexicon := map[string]bool{"لبنان": true, "بنان": true}
	known := func(stem string) bool { return lexicon[stem] }
	for _, w := range []string{"لبنان", "ولبنان"} {
		s, _ := tokenize.KnownSplit(w, known)
		fmt.Printf("%s → %s, clitics %v\n", w, s.Stem, s.Clitics())
	}
	s, _ := tokenize.FirstKnown("لبنان", known)
	fmt.Println("FirstKnown alone:", s)
	// Output:
	// لبنان → لبنان, clitics []
	// ولبنان → لبنان, clitics [و]
	// FirstKnown alone: ل+بنان
}

// Pronoun suffixes are a separate analysis. Teh marbuta is written ت before
// a pronoun; the second reading restores it.
func ExampleEnclitics() {
	for _, w := range []string{"كتابه", "حكومتها", "بلادنا"} {
		for _, s := range tokenize.Enclitics(w) {
			fmt.Printf("%s: stem=%s suffix=%s (%s)\n", w, s.Stem, s.Suffix, s.Pronoun.Name())
		}
	}
	// Output:
	// كتابه: stem=كتاب suffix=ه (pron-hu)
	// حكومتها: stem=حكومت suffix=ها (pron-ha)
	// حكومتها: stem=حكومة suffix=ها (pron-ha)
	// بلادنا: stem=بلاد suffix=نا (pron-na)
}

func ExampleClitic_Name() {
	s := tokenize.Proclitics("وبالعراق")[0]
	for _, c := range s.Clitics() {
		fmt.Println(c.Name(), c)
	}
	// Output:
	// conj-wa و
	// prep-bi ب
	// article ال
}
