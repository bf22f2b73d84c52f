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

}

func TestAddTopicTerms(t *testing.T) {
	tests := []struct {
		which TopicTerms
		want  [][]string
	}{
		{TopicTerms{}, [][]string{nil, nil, nil}},
		{TopicTerms{Regions: true}, [][]string{
			{"country:IQ", "region:arab"},
			{"country:FR", "region:other"},
			nil,
		}},
		{TopicTerms{Sources: true}, [][]string{
			{"source:bbc_arabic"},
			nil,
			{"source:cnn_arabic"},
		}},
		{TopicTerms{Regions: true, Sources: true}, [][]string{
			{"country:IQ", "region:arab", "source:bbc_arabic", "source:bbc_arabic|country:IQ", "source:bbc_arabic|region:arab"},
			{"country:FR", "region:other"},
			{"source:cnn_arabic"},
		}},
	}
	for _, tt := range tests {
		docs := []topics.LabeledDoc{
			{Text: "في بغداد", Source: "BBC_Arabic "},
			{Text: "في باريس", Extra: []string{"old"}},
			{Text: "لا أسماء هنا", Source: "cnn_arabic"},
		}
		if err := AddTopicTerms(docs, tt.which); err != nil {
			t.Fatal(err)
		}
		for i, d := range docs {
			if !slices.Equal(d.Extra, tt.want[i]) {
				t.Errorf("%+v: document %d: Extra %q, want %q", tt.which, i, d.Extra, tt.want[i])
			}
		}
	}
}
