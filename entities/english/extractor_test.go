package english

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestExtract checks the names of short English news texts: their
// surface, type and ID, in text order.
func TestExtract(t *testing.T) {
	type want struct{ text, typ, id string }
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "gazetteer names and aliases",
			text: "Secretary of State Antony Blinken met Iraqi Foreign Minister Fuad Hussein at the State Department.",
			want: []want{{"Antony Blinken", "PER", "per:antony-blinken"}, {"Fuad Hussein", "PER", "per:fuad-hussein"},
				{"State Department", "ORG", "org:us-department-of-state"}},
		},
		{
			name: "possessive and lower-case alias",
			text: "ISIS's fighters attacked a base of the international coalition near Baghdad.",
			want: []want{{"ISIS", "ORG", "org:isis"}, {"international coalition", "ORG", "org:global-coalition-against-daesh"},
				{"Baghdad", "LOC", "loc:city:baghdad"}},
		},
		{
			name: "short form after the full name",
			text: "Prime Minister Mustafa al-Kadhimi visited Erbil. Kadhimi met local leaders there.",
			want: []want{{"Mustafa al-Kadhimi", "PER", "per:mustafa-al-kadhimi"}, {"Erbil", "LOC", "loc:city:erbil"},
				{"Kadhimi", "PER", "per:mustafa-al-kadhimi"}},
		},
		{
			name: "a day ends a name",
			text: "A spokesman for the State Department on Wednesday declined to comment.",
			want: []want{{"State Department", "ORG", "org:us-department-of-state"}},
		},
	}
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := x.Extract(tt.text)
			var got []want
			for _, m := range res.Mentions {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("mention %q at %d:%d does not match the text", m.Text, m.Start, m.End)
				}
				got = append(got, want{m.Text, m.Type.String(), m.ID})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("mentions %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("mention %d: %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestTitlesAndShortForms checks that office titles are left out of a
// name the gazetteer lacks, and that its short forms join it.
func TestTitlesAndShortForms(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := "Jordanian Water Minister Raed Abu Soud said the kingdom had lost rain. \"No country can face drought alone,\" Abu Soud told reporters."
	res := x.Extract(text)
	var ids []string
	for _, m := range res.Mentions {
		if m.Type.String() == "PER" {
			ids = append(ids, m.ID)
			if m.Text != "Raed Abu Soud" && m.Text != "Abu Soud" {
				t.Errorf("person %q; want Raed Abu Soud or Abu Soud", m.Text)
			}
		}
	}
	if len(ids) != 2 || ids[0] != ids[1] {
		t.Errorf("person IDs %v; want two mentions of one person", ids)
	}
}

// TestConcurrent runs one Extractor on several goroutines (go test -race)
// and checks that each gets the result of a run alone.
func TestConcurrent(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Secretary of State Antony Blinken met Fuad Hussein in Baghdad on Wednesday.",
		"ISIS remnants still carry out attacks in northern Iraq, officials in Erbil said.",
		"Kadhimi, who visited Washington in August, faced pressure from Iran-backed factions.",
		"The World Bank lent Jordan money for a desalination plant near Aqaba.",
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = fmt.Sprint(x.Extract(text).Mentions)
	}
	for i, text := range texts {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			for range 5 {
				if got := fmt.Sprint(x.Extract(text).Mentions); got != want[i] {
					t.Fatalf("got %s, want %s", got, want[i])
				}
			}
		})
	}
}

// TestPartsCostTheirSize checks that the English paragraphs of a long
// Arabic text cost what they hold, not what the whole text holds: the
// room for tokens once followed the text's length, 85 MB for the few
// English lines of an 8 MB article.
func TestPartsCostTheirSize(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	english := "Secretary of State Antony Blinken met Fuad Hussein in Baghdad on Wednesday."
	text := strings.Repeat("التقى وزير الخارجية الأميركي نظيره العراقي في بغداد.\n", 40_000) + english
	part := Part{Start: len(text) - len(english), End: len(text)}
	run := func() *Result {
		r, err := x.ExtractContext(context.Background(), text, part)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	run() // the first run may load what the extractor builds on first use
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := run()
	runtime.ReadMemStats(&after)
	if len(r.Mentions) != 3 || r.Mentions[0].Text != "Antony Blinken" || r.Mentions[0].Start != part.Start+len("Secretary of State ") {
		t.Errorf("mentions %v, want Antony Blinken, Fuad Hussein and Baghdad in the English line", r.Mentions)
	}
	// 2.4 MB of text and 76 bytes of English: the work takes a few
	// kilobytes of heap (7 KB); a buffer sized by the text took 44 MB.
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("extracting a 76-byte part of %d bytes allocated %d bytes, want ≤ 1 MiB", len(text), got)
	}
}
