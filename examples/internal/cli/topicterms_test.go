package cli

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/topics"
)

func TestTopicDocuments(t *testing.T) {
	const body = "وصل الوزير إلى بغداد.\n\nتابعونا على واتساب لآخر أخبار باريس\n"
	tests := []struct {
		f    TopicFeatures
		want []string // extra terms
	}{
		{TopicFeatures{}, nil},
		{TopicFeatures{Entities: true}, []string{"loc:city:baghdad", "country:IQ", "region:arab"}},
		{TopicFeatures{Sources: true}, []string{"source:bbc_arabic"}},
		{TopicFeatures{Entities: true, Sources: true}, []string{"loc:city:baghdad", "country:IQ", "region:arab", "source:bbc_arabic", "source:bbc_arabic|country:IQ", "source:bbc_arabic|region:arab"}},
	}
	for _, tt := range tests {
		a, err := TopicAnalyzer(tt.f)
		if err != nil {
			t.Fatal(err)
		}
		docs := []topics.LabeledDoc{
			{ID: "1", Title: "زيارة", Text: body, Source: "BBC_Arabic ", Extra: []string{"old"}},
			{ID: "2", Title: "بلا مصدر", Text: "لا أسماء هنا"},
		}
		if err := TopicDocuments(context.Background(), a, docs); err != nil {
			t.Fatal(err)
		}
		// The footer, boilerplate, is left out: Paris is neither a word
		// nor an entity of the document.
		if d := docs[0]; d.Title != "زيارة" || !slices.Equal(d.Extra, tt.want) || slices.Contains(d.Extra, "loc:city:paris") || strings.Contains(d.Text, "باريس") || !strings.Contains(d.Text, "بغداد") {
			t.Errorf("%+v: document %+v, want extra %q", tt.f, d, tt.want)
		}
		if docs[1].Extra != nil {
			t.Errorf("%+v: no entities, no source: extra %q", tt.f, docs[1].Extra)
		}
	}
	a, _ := TopicAnalyzer(TopicFeatures{})
	if err := TopicDocuments(context.Background(), a, []topics.LabeledDoc{{ID: "empty", Text: "…"}}); err == nil {
		t.Error("an article without text: no error")
	}
}
