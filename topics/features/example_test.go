package features_test

import (
	"fmt"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/topics/features"
)

func ExampleDocument() {
	g, _ := gazetteer.Default()
	x, _ := entities.New(entities.WithGazetteer(g))
	body := "وصل الوفد إلى بغداد قادما من باريس."
	d := features.Document("زيارة", body, x.Extract(body).Entities, g, "bbc_arabic", features.Options{})
	fmt.Println(d.Extra)
	d = features.Document("زيارة", body, x.Extract(body).Entities, g, "bbc_arabic", features.Options{Sources: true})
	fmt.Println(d.Extra[6:])
	// Output:
	// [loc:city:baghdad loc:city:paris country:IQ region:arab country:FR region:other]
	// [source:bbc_arabic source:bbc_arabic|country:IQ source:bbc_arabic|region:arab source:bbc_arabic|country:FR source:bbc_arabic|region:other]
}
