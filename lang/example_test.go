package lang_test

import (
	"fmt"

	"github.com/khabar-nlp/khabar/lang"
	"github.com/khabar-nlp/khabar/tokenize"
)

func ExampleDetect() {
	fmt.Println(lang.Detect("وافقت واشنطن على سحب قواتها من العراق"))
	fmt.Println(lang.Detect("Washington agrees to withdraw its forces from Iraq"))
	fmt.Println(lang.Detect("Вашингтон согласился вывести войска из Ирака"))
	// Output:
	// ar
	// en
	// und
}

func ExampleParagraphs() {
	text := "قال وزير الخارجية الأميركي:\n\"We support Iraq's sovereignty,\" Blinken said.\n"
	for _, p := range lang.Paragraphs(text) {
		fmt.Printf("%s %q\n", p.Language, text[p.Start:p.End])
	}
	// Output:
	// ar "قال وزير الخارجية الأميركي:\n"
	// en "\"We support Iraq's sovereignty,\" Blinken said.\n"
}

func ExampleLatinRuns() {
	text := "وكشفت شركة Google عن هاتف Pixel 3 XL في نيويورك"
	for _, r := range lang.LatinRuns(tokenize.Tokenize(text)) {
		fmt.Println(text[r.Start:r.End])
	}
	// Output:
	// Google
	// Pixel 3 XL
}
