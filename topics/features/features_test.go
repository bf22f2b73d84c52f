package features

import (
	"slices"
	"testing"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
)

func extract(t *testing.T, text string) ([]entities.Entity, *gazetteer.Index) {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := entities.New(entities.WithGazetteer(g))
	if err != nil {
		t.Fatal(err)
	}
	return x.Extract(text).Entities, g
}

func count(terms []string, term string) int {
	n := 0
	for _, t := range terms {
		if t == term {
			n++
		}
	}
	return n
}

func TestRegions(t *testing.T) {
	ents, g := extract(t, "زيارة إلى بغداد\nوصل الوزير إلى بغداد ثم سافر إلى باريس.")
	got := Regions(ents, g)
	// بغداد twice (title and text), باريس once.
	for term, want := range map[string]int{"country:IQ": 2, "region:arab": 2, "country:FR": 1, "region:other": 1} {
		if n := count(got, term); n != want {
			t.Errorf("%s × %d, want %d (terms %q)", term, n, want, got)
		}
	}
	if got := Regions(ents, nil); got != nil {
		t.Errorf("no gazetteer: %q", got)
	}
	if ents, g := extract(t, "لا أسماء هنا"); Regions(ents, g) != nil {
		t.Error("no entities, some region terms")
	}
}

func TestSources(t *testing.T) {
	tests := []struct {
		source string
		region []string
		want   []string
	}{
		{"", []string{"country:IQ", "region:arab"}, nil},
		{"  ", nil, nil},
		{"cnn_arabic", nil, []string{"source:cnn_arabic"}},
		{" SkyNews_Arabia\n", []string{"country:IQ", "region:arab", "country:FR", "region:other"}, []string{
			"source:skynews_arabia",
			"source:skynews_arabia|country:IQ", "source:skynews_arabia|region:arab",
			"source:skynews_arabia|country:FR", "source:skynews_arabia|region:other",
		}},
	}
	for _, tt := range tests {
		if got := Sources(tt.source, tt.region); !slices.Equal(got, tt.want) {
			t.Errorf("Sources(%q, %q) = %q, want %q", tt.source, tt.region, got, tt.want)
		}
	}
}

func TestDocument(t *testing.T) {
	ents, g := extract(t, "وصل الوزير إلى بغداد.")
	if len(ents) != 1 {
		t.Fatalf("entities %+v, want بغداد alone", ents)
	}
	id := ents[0].ID
	for _, tc := range []struct {
		name   string
		source string
		opts   Options
		want   []string
	}{
		{"words and entities", "BBC_Arabic", Options{}, []string{id, "country:IQ", "region:arab"}},
		{"sources on", "BBC_Arabic", Options{Sources: true}, []string{id, "country:IQ", "region:arab", "source:bbc_arabic", "source:bbc_arabic|country:IQ", "source:bbc_arabic|region:arab"}},
		{"sources on, no source", "", Options{Sources: true}, []string{id, "country:IQ", "region:arab"}},
	} {
		d := Document("زيارة", "وصل الوزير إلى بغداد.", ents, g, tc.source, tc.opts)
		if d.Title != "زيارة" || d.Text != "وصل الوزير إلى بغداد." || !slices.Equal(d.Extra, tc.want) {
			t.Errorf("%s: %+v, want extra %q", tc.name, d, tc.want)
		}
	}
}
