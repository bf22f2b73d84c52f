package tfidf_test

import (
	"fmt"

	"github.com/khabar-nlp/khabar/topics/tfidf"
)

var corpus = []string{
	"ارتفعت أسعار النفط بعد قرار أوبك خفض الإنتاج",
	"تراجع النفط مع زيادة الإنتاج الأميركي",
	"فاز المنتخب المصري على نظيره في تصفيات كأس العالم",
}

func ExampleTerms() {
	for _, t := range tfidf.Terms("قال الوزير إن الانتخابات البرلمانية ستجري", tfidf.TermOptions{Bigrams: true}) {
		fmt.Println(t.Kind, t.Key, t.Surface)
	}
	// Output:
	// word وزير الوزير
	// word انتخاب الانتخابات
	// word برلمان البرلمانية
	// bigram انتخاب برلمان الانتخابات البرلمانية
	// word ستجر ستجري
	// bigram برلمان ستجر البرلمانية ستجري
}

func ExampleNewSpace() {
	s, err := tfidf.NewSpace(corpus, nil)
	if err != nil {
		panic(err)
	}
	m := s.Transform(corpus) // rows = documents, columns = terms
	r, c := m.Dims()
	j, _ := s.Vectorizer().Column("نفط")
	fmt.Println(r, c, s.Vectorizer().Surface(j))
	fmt.Printf("idf(نفط) = ln(4/3)+1 = %.4f\n", s.Weights().IDF(j))
	// Output:
	// 3 17 النفط
	// idf(نفط) = ln(4/3)+1 = 1.2877
}

func ExampleSpace_Keywords() {
	s, _ := tfidf.NewSpace(corpus, nil)
	for _, k := range s.Keywords("أوبك تقرر خفض الإنتاج. وقالت أوبك إن خفض الإنتاج يدعم أسعار النفط", 3) {
		fmt.Printf("%s %.2f\n", k.Term, k.Score)
	}
	// Output:
	// خفض الإنتاج 5.33
	// أوبك 4.04
	// أسعار 2.87
}

func ExampleDefaultSpace() {
	s, err := tfidf.DefaultSpace()
	if err != nil {
		panic(err)
	}
	text := `أوبك تمدد خفض الإنتاج
قررت منظمة أوبك وحلفاؤها تمديد خفض الإنتاج حتى نهاية العام، وقال وزير الطاقة إن القرار يدعم استقرار الأسواق. وارتفع خام برنت بعد قرار أوبك.`
	for _, k := range s.Keywords(text, 4) {
		fmt.Println(k.Term)
	}
	// Output:
	// أوبك
	// خفض الإنتاج
}
