package entities

import (
	"testing"

	"github.com/khabar-nlp/khabar/gazetteer"
)

// TestNameID checks that NameID gives the ID the extractor gives the same
// name found in an Arabic text, so that other pipelines share the IDs.
func TestNameID(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := "وتوقع بنك J.P. Morgan أن يبلغ متوسط سعر النفط 83 دولاراً خلال العام."
	for _, m := range x.Extract(text).Mentions {
		if m.Kind == Tagged {
			if got := NameID(m.Type, m.Text); got != m.ID {
				t.Errorf("NameID(%v, %q) = %s, the extractor gives %s", m.Type, m.Text, got, m.ID)
			}
		}
	}
	for _, tc := range []struct {
		t       gazetteer.Type
		a, b    string
		same    bool
		comment string
	}{
		{gazetteer.ORG, "J.P. Morgan", "J.P.  Morgan", true, "spaces do not count"},
		{gazetteer.ORG, "J.P. Morgan", "j.p. morgan", true, "case does not count"},
		{gazetteer.PER, "هادي العبيدي", "هادي العُبيدي", true, "diacritics do not count"},
		{gazetteer.ORG, "J.P. Morgan", "JP Morgan", false, "the dots are tokens"},
		{gazetteer.PER, "Morgan", "Morgan", true, ""},
	} {
		if got := NameID(tc.t, tc.a) == NameID(tc.t, tc.b); got != tc.same {
			t.Errorf("NameID(%q) == NameID(%q) is %v (%s)", tc.a, tc.b, got, tc.comment)
		}
	}
	if NameID(gazetteer.PER, "Morgan") == NameID(gazetteer.ORG, "Morgan") {
		t.Error("two types give one ID")
	}
}

func TestGroupMentions(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "Blinken in Baghdad. Antony Blinken met officials in Baghdad and Erbil."
	ms := []Mention{
		{Text: "Blinken", Start: 0, End: 7, Type: gazetteer.PER, ID: "per:antony-blinken", Kind: Exact},
		{Text: "Baghdad", Start: 11, End: 18, Type: gazetteer.LOC, ID: "loc:city:baghdad", Kind: Exact},
		{Text: "Antony Blinken", Start: 20, End: 34, Type: gazetteer.PER, ID: "per:antony-blinken", Kind: Exact},
		{Text: "Baghdad", Start: 51, End: 58, Type: gazetteer.LOC, ID: "loc:city:baghdad", Kind: Exact},
		{Text: "Erbil", Start: 63, End: 68, Type: gazetteer.LOC, ID: "loc:gen:x", Kind: Tagged},
	}
	ents := GroupMentions(g, text, ms, func(m Mention) bool { return m.End <= 19 })
	if len(ents) != 3 {
		t.Fatalf("%d entities, want 3: %+v", len(ents), ents)
	}
	want := []struct {
		id, name, nameEN string
		count            int
		salience         float64
	}{
		// 0.5·1 + 0.3·(1 − 0/70) + 0.2
		{"per:antony-blinken", "أنتوني بلينكن", "Antony Blinken", 2, 1},
		// 0.5·1 + 0.3·(1 − 11/70) + 0.2 = 0.953
		{"loc:city:baghdad", "بغداد", "Baghdad", 2, 0.953},
		// 0.5·log 2/log 3 + 0.3·(1 − 63/70) = 0.345
		{"loc:gen:x", "Erbil", "", 1, 0.345},
	}
	for i, w := range want {
		e := ents[i]
		if e.ID != w.id || e.Name != w.name || e.NameEN != w.nameEN || e.Count != w.count || e.Salience != w.salience {
			t.Errorf("entity %d = %s %q %q ×%d %.3f, want %+v", i, e.ID, e.Name, e.NameEN, e.Count, e.Salience, w)
		}
	}
	if got := GroupMentions(nil, text, ms[4:], nil); len(got) != 1 || got[0].Name != "Erbil" {
		t.Errorf("without a gazetteer: %+v", got)
	}
}
