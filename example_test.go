package khabar_test

import (
	"context"
	"fmt"
	"log"

	"github.com/khabar-nlp/khabar"
)

func ExampleAnalyzer_Analyze() {
	a, err := khabar.New()
	if err != nil {
		log.Fatal(err)
	}
	text := "بلينكن يصل إلى بغداد\n\nوصل وزير الخارجية الأميركي أنتوني بلينكن إلى بغداد اليوم والتقى رئيس الوزراء محمد شياع السوداني."
	res, err := a.Analyze(context.Background(), text)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("title:", res.Title)
	for _, e := range res.Entities {
		fmt.Printf("%s %s %q ×%d, first at %d:%d\n", e.Type, e.ID, e.NameEN, e.Count, e.Mentions[0].Start, e.Mentions[0].End)
	}
	fmt.Println("topic:", res.Topics[0].ID, res.Topics[0].Label)
	// Output:
	// title: بلينكن يصل إلى بغداد
	// PER per:antony-blinken "Antony Blinken" ×2, first at 0:12
	// LOC loc:city:baghdad "Baghdad" ×2, first at 27:37
	// PER per:mohammed-shia-al-sudani "Mohammed Shia al-Sudani" ×1, first at 181:215
	// topic: medtop:11000000 politics
}

func ExampleAnalyzer_AnalyzeArticle() {
	a, err := khabar.New(khabar.WithMaxTopics(1))
	if err != nil {
		log.Fatal(err)
	}
	res, err := a.AnalyzeArticle(context.Background(), khabar.Article{
		ID:    "2024-0312",
		Title: "الهلال يفوز على النصر في الدوري السعودي",
		Body:  "فاز فريق الهلال على ضيفه النصر بثلاثة أهداف مقابل هدف في المباراة التي أقيمت على ملعب المملكة أرينا في الرياض ضمن الجولة العشرين من دوري روشن السعودي للمحترفين.",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range res.Topics {
		fmt.Println(t.ID, t.Label)
	}
	// Output:
	// medtop:15000000 sport
}

func ExampleAnalyzer_Analyze_english() {
	a, err := khabar.New()
	if err != nil {
		log.Fatal(err)
	}
	text := "Blinken arrives in Baghdad\n\nUS Secretary of State Antony Blinken arrived in Baghdad on Monday and met Prime Minister Mohammed Shia al-Sudani, officials said."
	res, err := a.Analyze(context.Background(), text)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("language:", res.Language)
	for _, e := range res.Entities {
		fmt.Printf("%s %s %s ×%d\n", e.Type, e.ID, e.Name, e.Count)
	}
	// The IDs, and the gazetteer's Arabic names, of the Arabic example.
	// Output:
	// language: en
	// PER per:antony-blinken أنتوني بلينكن ×2
	// LOC loc:city:baghdad بغداد ×2
	// LOC loc:country:US الولايات المتحدة ×1
	// PER per:mohammed-shia-al-sudani محمد شياع السوداني ×1
}
