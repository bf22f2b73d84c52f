package stats

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// analyse analyses text with the default Analyzer (structure and
// entities).
func analyse(t *testing.T, text string) (*khabar.Analysis, *gazetteer.Index) {
	t.Helper()
	x, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := khabar.New(khabar.WithGazetteer(x), khabar.WithLayers(khabar.Structure|khabar.Entities))
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	return res, x
}

func TestArticle(t *testing.T) {
	a, x := analyse(t, "زيارة إلى بغداد\n\nوصل وزير المالية سليم الحداد إلى بغداد، وقال الحداد إن العراق شريك.")
	got := Article(a, "a.jsonl", 3, "kh-9", "2018-03-09T00:00:00Z", 1520553600, x, 2)
	baghdad := got["loc:city:baghdad"]
	var haddad *Entity
	var haddadID string
	for id, e := range got {
		if e.Name == "سليم الحداد" {
			haddad, haddadID = e, id
		}
	}
	if baghdad == nil || haddad == nil {
		t.Fatalf("entities %v", got)
	}
	if !baghdad.Known || baghdad.Articles != 1 || baghdad.Mentions != 2 || baghdad.Forms != nil || baghdad.Examples != nil ||
		baghdad.First != "2018-03-09T00:00:00Z" || baghdad.LastUnix != 1520553600 || baghdad.With[haddadID] != 1 || baghdad.With["loc:city:baghdad"] != 0 {
		t.Errorf("Baghdad %+v", baghdad)
	}
	wantForms := map[string]int{"سليم الحداد": 1, "الحداد": 1}
	if haddad.Known || haddad.Type != "PER" || haddad.Mentions != 2 || !reflect.DeepEqual(haddad.Forms, wantForms) || len(haddad.Examples) != 1 {
		t.Fatalf("al-Haddad %+v", haddad)
	}
	if ex := haddad.Examples[0]; ex.File != "a.jsonl" || ex.Line != 3 || ex.ID != "kh-9" || ex.Context != "وصل وزير المالية «سليم الحداد» إلى بغداد، وقال الحداد إن العراق شريك." {
		t.Errorf("example %+v", ex)
	}
	if got := Article(a, "a.jsonl", 3, "", "", 0, x, 0)[haddadID]; got.Examples != nil || got.First != "" {
		t.Errorf("no examples, no date: %+v", got)
	}
}

// TestAddOrder checks that sums do not depend on the order of the
// additions: every permutation and grouping gives the same result.
func TestAddOrder(t *testing.T) {
	parts := []Entity{
		{Type: "PER", Name: "ب", Articles: 1, Mentions: 2, First: "2018-03-01T00:00:00Z", Last: "2018-03-01T00:00:00Z", FirstUnix: 1519862400, LastUnix: 1519862400,
			With: map[string]int{"x": 1}, Forms: map[string]int{"ب": 2}, Examples: []Example{{File: "b", Line: 2, Context: "2"}}},
		{Type: "PER", Name: "ا", Articles: 1, Mentions: 1, With: map[string]int{"x": 1, "y": 1}, Forms: map[string]int{"ا": 1},
			Examples: []Example{{File: "a", Line: 9, Context: "9"}}},
		{Type: "PER", Name: "ب", Articles: 1, Mentions: 4, First: "2018-01-01T03:00:00+03:00", Last: "2018-01-01T03:00:00+03:00", FirstUnix: 1514764800, LastUnix: 1514764800,
			Forms: map[string]int{"ب": 4}, Examples: []Example{{File: "b", Line: 1, Context: "1"}}},
		{Type: "PER", Name: "ب", Articles: 1, Mentions: 1, First: "2018-01-01T00:00:00Z", Last: "2018-01-01T00:00:00Z", FirstUnix: 1514764800, LastUnix: 1514764800,
			With: map[string]int{"y": 1}, Examples: []Example{{File: "b", Line: 1, Context: "1"}}},
	}
	clone := func(e Entity) Entity {
		b, _ := json.Marshal(e)
		var c Entity
		json.Unmarshal(b, &c)
		return c
	}
	var want Entity
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		var sum Entity
		if i%2 == 0 {
			for _, k := range r.Perm(len(parts)) {
				sum = Add(sum, clone(parts[k]), 2)
			}
		} else {
			// Two partial sums, merged.
			p := r.Perm(len(parts))
			left := Add(Add(Entity{}, clone(parts[p[0]]), 2), clone(parts[p[1]]), 2)
			right := Add(Add(Entity{}, clone(parts[p[2]]), 2), clone(parts[p[3]]), 2)
			sum = Add(right, left, 2)
		}
		if i == 0 {
			want = sum
			continue
		}
		if !reflect.DeepEqual(sum, want) {
			t.Fatalf("order %d: %+v\nwant %+v", i, sum, want)
		}
	}
	if want.Name != "ا" || want.Articles != 4 || want.Mentions != 8 || want.With["x"] != 2 || want.Forms["ب"] != 6 ||
		want.First != "2018-01-01T00:00:00Z" || want.Last != "2018-03-01T00:00:00Z" ||
		fmt.Sprint(want.Examples) != "[{a 9  9} {b 1  1}]" {
		t.Errorf("sum %+v", want)
	}
}

func TestNewLine(t *testing.T) {
	e := Entity{Type: "ORG", Name: "ن", Known: true, Articles: 3, Mentions: 5,
		With: map[string]int{"b": 2, "a": 2, "c": 1, "d": 3}}
	b, err := json.Marshal(NewLine("org:n", e, 3))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"org:n","type":"ORG","name":"ن","in_gazetteer":true,"articles":3,"mentions":5,"with":[{"id":"d","articles":3},{"id":"a","articles":2},{"id":"b","articles":2}]}`
	if string(b) != want {
		t.Errorf("%s\nwant %s", b, want)
	}
	b, _ = json.Marshal(NewLine("org:n", Entity{Type: "ORG", Name: "ن"}, 3))
	if want := `{"id":"org:n","type":"ORG","name":"ن","in_gazetteer":false,"articles":0,"mentions":0,"with":[]}`; string(b) != want {
		t.Errorf("%s\nwant %s", b, want)
	}
}
