package cli

import (
	"slices"
	"testing"

	"github.com/khabar-nlp/khabar/topics"
)

func TestRegionTerms(t *testing.T) {
	et, err := NewRegionTerms()
	if err != nil {
		t.Fatal(err)
	}
	got := et.Terms("زيارة إلى بغداد", "وصل الوزير إلى بغداد ثم سافر إلى باريس.")
	count := func(term string) int {
		n := 0
		for _, g := range got {
			if g == term {
				n++
			}
		}
		return n
	}
	// بغداد twice (title and text), باريس once.
	for term, want := range map[string]int{"country:IQ": 2, "region:arab": 2, "country:FR": 1, "region:other": 1} {
		if n := count(term); n != want {
			t.Errorf("%s × %d, want %d (terms %q)", term, n, want, got)
		}
	}
	if got := et.Terms("", "لا أسماء هنا"); len(got) != 0 {
		t.Errorf("no entities: %q", got)
	}

	docs := []topics.LabeledDoc{{Text: "في بغداد"}, {Text: "في باريس", Extra: []string{"old"}}}
	if err := AddRegionTerms(docs); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(docs[0].Extra, []string{"country:IQ", "region:arab"}) || !slices.Equal(docs[1].Extra, []string{"country:FR", "region:other"}) {
		t.Errorf("Extra %q, %q", docs[0].Extra, docs[1].Extra)
	}
}
