package topics_test

import (
	"fmt"
	"strings"

	"github.com/khabar-nlp/khabar/topics"
)

func ExampleDefaultModel() {
	m, err := topics.DefaultModel()
	if err != nil {
		panic(err)
	}
	scores := m.Score(topics.Document{
		Title: "صلاح يقود المنتخب إلى المونديال",
		Text:  "سجل محمد صلاح هدفين في المباراة وقاد المنتخب إلى التأهل لكأس العالم بعد الفوز في التصفيات.",
	})
	for _, s := range scores[:2] {
		fmt.Printf("%s %s (%s) %.2f\n", s.ID, s.Label, s.LabelAR, s.Score)
	}
	// Output:
	// medtop:15000000 sport (رياضة) 0.96
	// medtop:11000000 politics (سياسة) 0.04
}

func ExampleReadLexicon() {
	lex := `# Two topics of my newsroom.
@topic markets | markets | أسواق
البورصة 3
أسعار النفط 2
@topic football | football | كرة القدم
المباراة 3
`
	l, err := topics.ReadLexicon(strings.NewReader(lex))
	if err != nil {
		panic(err)
	}
	best := l.Score(topics.Document{Text: "تراجعت البورصة مع هبوط أسعار النفط"})[0]
	fmt.Println(best.ID, best.Score)

	_, err = topics.ReadLexicon(strings.NewReader("@topic a | A\nفي 2\n"))
	fmt.Println(err)
	// Output:
	// markets 1
	// lexicon:2: topics: bad lexicon: "في" gives no term (a stop word, a number or a single letter?)
}
