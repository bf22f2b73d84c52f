package english_test

import (
	"fmt"

	"github.com/khabar-nlp/khabar/entities/english"
)

func ExampleExtractor_Extract() {
	x, err := english.New()
	if err != nil {
		panic(err)
	}
	res := x.Extract("Blinken met Iraqi Prime Minister Mustafa al-Kadhimi in Baghdad. Kadhimi said ISIS was defeated.")
	for _, e := range res.Entities {
		fmt.Println(e.Type, e.ID, e.Count)
	}
	// Output:
	// PER per:mustafa-al-kadhimi 2
	// PER per:antony-blinken 1
	// LOC loc:city:baghdad 1
	// ORG org:isis 1
}
