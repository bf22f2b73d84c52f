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

// TestMergeMentions replaces the mentions of one part of a text: the
// dropped ones leave their entities (an entity left empty goes), the
// added ones join the entity of their ID in text order or make a new one,
// and everything is scored again as GroupMentions scores it.
func TestMergeMentions(t *testing.T) {
	text := "Blinken in Baghdad. Antony Blinken met officials in Baghdad and Erbil."
	ms := []Mention{
		{Text: "Blinken", Start: 0, End: 7, Type: gazetteer.PER, ID: "per:antony-blinken", Kind: Exact},
		{Text: "Baghdad", Start: 11, End: 18, Type: gazetteer.LOC, ID: "loc:city:baghdad", Kind: Exact},
		{Text: "Antony Blinken", Start: 20, End: 34, Type: gazetteer.PER, ID: "per:antony-blinken", Kind: Exact},
		{Text: "Baghdad", Start: 51, End: 58, Type: gazetteer.LOC, ID: "loc:city:baghdad", Kind: Exact},
		{Text: "Erbil", Start: 63, End: 68, Type: gazetteer.LOC, ID: "loc:gen:x", Kind: Tagged},
	}
	inTitle := func(m Mention) bool { return m.End <= 19 }
	// The second sentence read again: Baghdad and Erbil found anew, Erbil
	// under another ID, and "officials" wrongly.
	second := func(m Mention) bool { return m.Start >= 20 }
	add := []Mention{
		{Text: "Antony Blinken", Start: 20, End: 34, Type: gazetteer.PER, ID: "per:antony-blinken", Kind: Exact},
		{Text: "officials", Start: 39, End: 48, Type: gazetteer.ORG, ID: "org:gen:y", Kind: Tagged},
		{Text: "Baghdad", Start: 51, End: 58, Type: gazetteer.LOC, ID: "loc:city:baghdad", Kind: Exact},
		{Text: "Erbil", Start: 63, End: 68, Type: gazetteer.LOC, ID: "loc:city:erbil", Kind: Exact},
	}
	got := MergeMentions(nil, text, GroupMentions(nil, text, ms, inTitle), second, add, inTitle)
	want := GroupMentions(nil, text, append(ms[:2:2], add...), inTitle)
	if len(got) != len(want) {
		t.Fatalf("%d entities, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.Count != w.Count || g.Salience != w.Salience || g.Name != w.Name || len(g.Mentions) != len(w.Mentions) {
			t.Errorf("entity %d = %s ×%d %.3f %q, want %s ×%d %.3f %q", i, g.ID, g.Count, g.Salience, g.Name, w.ID, w.Count, w.Salience, w.Name)
			continue
		}
		for j := range w.Mentions {
			if g.Mentions[j].Start != w.Mentions[j].Start {
				t.Errorf("entity %s: mention %d starts at %d, want %d", g.ID, j, g.Mentions[j].Start, w.Mentions[j].Start)
			}
		}
	}
	for _, e := range got {
		if e.ID == "loc:gen:x" {
			t.Error("the entity whose only mention was dropped is kept")
		}
	}
}
