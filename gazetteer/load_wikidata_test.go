package gazetteer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

const wikidataFixture = "testdata/loaders/wikidata.json"

func readWikidataFixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(wikidataFixture)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func collectWikidata(r *bytes.Reader, opts WikidataOptions) ([]Entry, LoadStats, error) {
	var got []Entry
	st, err := ReadWikidata(r, opts, func(e Entry) error {
		got = append(got, e)
		return nil
	})
	return got, st, err
}

func TestReadWikidata(t *testing.T) {
	data := readWikidataFixture(t)
	want := []Entry{
		{ID: "loc:wd:Q1530", Type: LOC, Subtype: "capital", Name: "بغداد", NameEN: "Baghdad",
			Aliases: []string{"دار السلام", "مدينة السلام"}, Wikidata: "Q1530", Prior: 0.34},
		{ID: "loc:wd:Q796", Type: LOC, Subtype: "country", Name: "العراق", NameEN: "Iraq",
			Aliases: []string{"Iraq", "جمهورية العراق", "عراق"}, Wikidata: "Q796", Prior: 0.53},
		{ID: "per:wd:Q22686", Type: PER, Name: "دونالد ترامب", NameEN: "Donald Trump",
			Aliases: []string{"Donald Trump", "ترامب", "دونالد جون ترامب", "ترمب"}, Wikidata: "Q22686", Prior: 0.21},
		{ID: "org:wd:Q7817", Type: ORG, Subtype: "international-organisation", Name: "منظمة الصحة العالمية",
			NameEN: "World Health Organization", Aliases: []string{"الصحة العالمية"}, Wikidata: "Q7817", Prior: 0.21},
		{ID: "per:wd:Q1075000003", Type: PER, Name: "أحمد عبد العزيز", NameEN: "Ahmed Abdelaziz", Wikidata: "Q1075000003"},
		{ID: "org:wd:Q1075000004", Type: ORG, Subtype: "bank", Name: "مصرف الرافدين", NameEN: "Al-Rafidain Bank",
			Wikidata: "Q1075000004", Prior: 0.13},
	}
	wantStats := LoadStats{Lines: 13, Entries: 6, Comments: 2, Filtered: 5,
		FilteredBy:   map[string]int{"no Arabic name": 2, "not an item": 1, "no known class": 2},
		DroppedNames: 1}
	for _, parseAll := range []bool{false, true} {
		for _, trickle := range []bool{false, true} {
			var got []Entry
			var r io.Reader = bytes.NewReader(data)
			if trickle {
				r = &trickleReader{r: r}
			}
			opts := WikidataOptions{LoadOptions: LoadOptions{Strict: true}, ParseAll: parseAll}
			st, err := ReadWikidata(r, opts, func(e Entry) error {
				got = append(got, e)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ParseAll %v, trickle %v: entries:\n%s", parseAll, trickle, diffEntries(got, want))
			}
			if !reflect.DeepEqual(st, wantStats) {
				t.Errorf("ParseAll %v: stats %+v, want %+v", parseAll, st, wantStats)
			}
			checkLineCounts(t, st)
		}
	}
}

func TestReadWikidataOptions(t *testing.T) {
	data := readWikidataFixture(t)
	ids := func(opts WikidataOptions) ([]string, LoadStats) {
		t.Helper()
		got, st, err := collectWikidata(bytes.NewReader(data), opts)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range got {
			out = append(out, e.ID)
		}
		return out, st
	}
	// Extra classes: films become ORG media (for the test's sake), and
	// humans are no longer wanted.
	got, _ := ids(WikidataOptions{ExtraClasses: map[string]WikidataClass{
		"Q11424": {Type: ORG, Subtype: "media"},
		"Q5":     {},
	}})
	want := []string{"loc:wd:Q1530", "loc:wd:Q796", "org:wd:Q7817", "org:wd:Q1075000001", "org:wd:Q1075000004"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ExtraClasses: %v, want %v", got, want)
	}
	// A table of its own.
	got, _ = ids(WikidataOptions{Classes: map[string]WikidataClass{"Q5": {Type: PER, Subtype: "politician"}}})
	if want := []string{"per:wd:Q22686", "per:wd:Q1075000003"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Classes: %v, want %v", got, want)
	}
	// MinSitelinks.
	got, st := ids(WikidataOptions{MinSitelinks: 5})
	if want := []string{"loc:wd:Q1530", "loc:wd:Q796"}; !reflect.DeepEqual(got, want) || st.FilteredBy["few sitelinks"] != 4 {
		t.Errorf("MinSitelinks: %v, %v", got, st.FilteredBy)
	}
	// Bad tables are errors.
	for _, opts := range []WikidataOptions{
		{Classes: map[string]WikidataClass{"5": {Type: PER}}},
		{ExtraClasses: map[string]WikidataClass{"Q5": {Type: 7}}},
	} {
		if _, err := ReadWikidata(bytes.NewReader(data), opts, nil); err == nil {
			t.Errorf("%+v gave no error", opts)
		}
	}
	// The options' maps are not modified.
	mine := map[string]WikidataClass{"Q5": {Type: PER}}
	ReadWikidata(bytes.NewReader(data), WikidataOptions{Classes: mine, ExtraClasses: map[string]WikidataClass{"Q515": {Type: LOC}}}, nil)
	if len(mine) != 1 {
		t.Errorf("Classes was modified: %v", mine)
	}
}

func TestDefaultWikidataClasses(t *testing.T) {
	c := DefaultWikidataClasses()
	for q, want := range map[string]WikidataClass{
		"Q5":        {PER, ""},
		"Q6256":     {LOC, "country"},
		"Q5119":     {LOC, "capital"},
		"Q4022":     {LOC, "river"},
		"Q7278":     {ORG, "party"},
		"Q45400320": {ORG, "militant-group"},
	} {
		if c[q] != want {
			t.Errorf("%s: %+v, want %+v", q, c[q], want)
		}
	}
	for q, cl := range c {
		if !isQID(q) || cl.Type < PER || cl.Type > ORG {
			t.Errorf("bad class %s %+v", q, cl)
		}
	}
	c["Q5"] = WikidataClass{}
	if DefaultWikidataClasses()["Q5"].Type != PER {
		t.Error("DefaultWikidataClasses returns a shared map")
	}
}

func TestReadWikidataErrors(t *testing.T) {
	const p31 = `"claims":{"P31":[{"mainsnak":{"snaktype":"value","datavalue":{"value":{"id":"Q5"}}},"rank":"normal"}]}`
	const label = `"labels":{"ar":{"language":"ar","value":"س"}}`
	for _, tc := range []struct {
		name, line, msg string
		want            error
	}{
		{"truncated", `{"type":"item","id":"Q1",` + label + `,"claims":{"P31":[`, "wd:2: gazetteer: invalid JSON: truncated entity: unexpected end of JSON input", ErrBadJSON},
		{"syntax", `{"type":"item","id":"Q1",` + label + `,,}`, "wd:2: gazetteer: invalid JSON: invalid character ',' looking for beginning of object key string", ErrBadJSON},
		{"not an object", `"ar"`, `wd:2: gazetteer: invalid JSON: want an entity object, got "\"ar\""`, ErrBadJSON},
		{"wrong type", `{"type":"item","id":"Q1","labels":{"ar":{"value":5}}}`, "wd:2: gazetteer: invalid JSON: value: want a string, got number", ErrBadJSON},
		{"invalid UTF-8", "{\"type\":\"item\",\"id\":\"Q1\",\"labels\":{\"ar\":{\"value\":\"\xff\"}}}", "wd:2: gazetteer: invalid UTF-8 at byte 51", ErrInvalidUTF8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			input := "[\n" + tc.line + ",\n" + `{"type":"item","id":"Q2",` + label + "," + p31 + "}\n]\n"
			_, err := ReadWikidata(strings.NewReader(input), WikidataOptions{LoadOptions: LoadOptions{Source: "wd", Strict: true}}, nil)
			if !errors.Is(err, tc.want) || err.Error() != tc.msg {
				t.Errorf("error\n got %v\nwant %s", err, tc.msg)
			}
			st, err := ReadWikidata(strings.NewReader(input), WikidataOptions{LoadOptions: LoadOptions{Source: "wd"}}, nil)
			if err != nil || st.Skipped != 1 || st.Entries != 1 || st.SkippedLines[0].Error() != tc.msg {
				t.Errorf("lenient: %+v, %v", st, err)
			}
		})
	}
}

func TestFixEmptyMaps(t *testing.T) {
	for in, want := range map[string]string{
		`{"labels":[],"aliases":[ ],"claims" : [],"sitelinks":[]}`:                `{"labels":{},"aliases":{ },"claims" : {},"sitelinks":{}}`,
		`{"labels":{"en":{"value":"claims"}},"claims":[]}`:                        `{"labels":{"en":{"value":"claims"}},"claims":{}}`,
		`{"labels":{"en":{"value":"x \"claims\":[]"}},"claims":{"P31":[]}}`:       `{"labels":{"en":{"value":"x \"claims\":[]"}},"claims":{"P31":[]}}`,
		`{"aliases":{"en":[{"value":"aliases"}]},"descriptions":[],"claims":[1]}`: `{"aliases":{"en":[{"value":"aliases"}]},"descriptions":{},"claims":[1]}`,
	} {
		b := []byte(in)
		fixEmptyMaps(b)
		if string(b) != want {
			t.Errorf("fixEmptyMaps(%s)\n = %s\nwant %s", in, b, want)
		}
	}
}

func TestWdCount(t *testing.T) {
	for in, want := range map[string]int{
		`[]`: 0, `{}`: 0, ` { } `: 0,
		`{"arwiki":{"site":"arwiki","title":"a,b","badges":[]}}`:                              1,
		`{"arwiki":{"site":"arwiki","title":"a\"},{","badges":["Q1","Q2"]},"enwiki":{"x":1}}`: 2,
	} {
		var c wdCount
		if err := c.UnmarshalJSON([]byte(in)); err != nil || int(c) != want {
			t.Errorf("wdCount(%s) = %d, %v; want %d", in, c, err, want)
		}
	}
	for n, want := range map[int]float64{0: 0, 1: 0.13, 10: 0.45, 100: 0.87, 200: 1, 5000: 1} {
		if got := wdPrior(n); got != want {
			t.Errorf("wdPrior(%d) = %v, want %v", n, got, want)
		}
	}
}

func TestIsArabicScript(t *testing.T) {
	for s, want := range map[string]bool{"بغداد": true, "أحمد 2": true, "Baghdad": false, "بغداد Baghdad": false, "": false, "123": false} {
		if got := isArabicScript(s); got != want {
			t.Errorf("isArabicScript(%q) = %v", s, got)
		}
	}
}
