package gazetteer_test

import (
	"fmt"

	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// Find reports names with their byte offsets, whole tokens with their
// proclitics, and how each was matched.
func ExampleIndex_Find() {
	x, err := gazetteer.Default()
	if err != nil {
		panic(err)
	}
	text := "وصل أنطوني بلينكين وبغداد تستعد لزيارته قبل العاصمة الأميركية"
	for _, m := range x.Find(text, tokenize.Tokenize(text), gazetteer.FindOptions{Fuzzy: true}) {
		e, _ := x.Entry(m.IDs[0])
		fmt.Printf("%s %s %v %q %.2f\n", text[m.Start:m.End], e.ID, m.Method, m.Clitic, m.Score)
	}
	// Output:
	// أنطوني بلينكين per:antony-blinken fuzzy "" 0.87
	// وبغداد loc:city:baghdad clitic "و" 0.95
	// الأميركية loc:country:US demonym "" 0.90
}

// LeftmostLongest, the default, keeps the longest name at each place;
// Overlapping also reports the shorter names inside it.
func ExampleMatchKind() {
	x, err := gazetteer.Default()
	if err != nil {
		panic(err)
	}
	text := "درس في جامعة القاهرة ثم عمل في البنك المركزي المصري"
	toks := tokenize.Tokenize(text)
	for _, kind := range []gazetteer.MatchKind{gazetteer.LeftmostLongest, gazetteer.Overlapping} {
		fmt.Println(kind)
		for _, m := range x.Find(text, toks, gazetteer.FindOptions{Kind: kind}) {
			fmt.Printf("  %s %s %v\n", text[m.Start:m.End], m.IDs[0], m.Method)
		}
	}
	// Output:
	// leftmost-longest
	//   جامعة القاهرة org:cairo-university exact
	//   البنك المركزي المصري org:central-bank-of-egypt exact
	// overlapping
	//   جامعة القاهرة org:cairo-university exact
	//   القاهرة loc:city:cairo exact
	//   البنك المركزي المصري org:central-bank-of-egypt exact
	//   المركزي المصري org:central-bank-of-egypt exact
	//   المصري loc:country:EG demonym
}
