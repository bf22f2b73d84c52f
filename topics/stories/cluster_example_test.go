package stories_test

import (
	"context"
	"fmt"

	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/stories"
)

func ExampleCluster() {
	docs := []topics.Document{
		{Title: "أوبك+ تقرر خفض إنتاج النفط", Text: "قررت مجموعة أوبك+ خفض إنتاج النفط لدعم أسعار النفط."},
		{Title: "زلزال يضرب جنوب تركيا", Text: "ضرب زلزال قوي جنوب تركيا وهرعت فرق الإنقاذ إلى المناطق المتضررة."},
		{Title: "أسعار النفط ترتفع بعد قرار أوبك+", Text: "ارتفعت أسعار النفط بعد قرار أوبك+ خفض الإنتاج."},
		{Title: "ارتفاع عدد ضحايا زلزال تركيا", Text: "ارتفع عدد ضحايا الزلزال في جنوب تركيا وتواصل فرق الإنقاذ البحث عن ناجين."},
	}
	c, err := stories.Cluster(context.Background(), docs, stories.WithCount(2), stories.WithLabelTerms(3))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, cl := range c.Stories {
		var ids []int
		for _, m := range cl.Members {
			ids = append(ids, m.Doc)
		}
		var terms []string
		for _, t := range cl.Terms {
			terms = append(terms, t.Term)
		}
		fmt.Println(len(ids), "articles:", terms)
	}
	fmt.Println("assignment:", c.Assignment)
	// Output:
	// 2 articles: [النفط أوبك أسعار]
	// 2 articles: [تركيا زلزال جنوب]
	// assignment: [0 1 0 1]
}
