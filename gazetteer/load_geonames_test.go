package gazetteer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const (
	geoAltFixture    = "testdata/loaders/alternateNamesV2.txt"
	geoPlacesFixture = "testdata/loaders/allCountries.txt"
)

func readGeoFixtures(t *testing.T) (alt, places []byte) {
	t.Helper()
	alt, err := os.ReadFile(geoAltFixture)
	if err != nil {
		t.Fatal(err)
	}
	places, err = os.ReadFile(geoPlacesFixture)
	if err != nil {
		t.Fatal(err)
	}
	return alt, places
}

func collectGeoNames(alt, places []byte, opts GeoNamesOptions) ([]Entry, LoadStats, error) {
	var got []Entry
	var pr *bytes.Reader
	if places != nil {
		pr = bytes.NewReader(places)
	}
	emit := func(e Entry) error {
		got = append(got, e)
		return nil
	}
	var st LoadStats
	var err error
	if pr == nil {
		st, err = ReadGeoNames(bytes.NewReader(alt), nil, opts, emit)
	} else {
		st, err = ReadGeoNames(bytes.NewReader(alt), pr, opts, emit)
	}
	return got, st, err
}

func TestReadGeoNames(t *testing.T) {
	alt, places := readGeoFixtures(t)
	got, st, err := collectGeoNames(alt, places, GeoNamesOptions{LoadOptions: LoadOptions{Strict: true}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{ID: "loc:geonames:98182", Type: LOC, Subtype: "capital", Name: "بغداد", NameEN: "Baghdad", Country: "IQ", Prior: 0.98},
		{ID: "loc:geonames:98468", Type: LOC, Subtype: "river", Name: "نهر دجلة", NameEN: "Tigris", Aliases: []string{"دجلة"}, Country: "IQ", Prior: 0.1},
		{ID: "loc:geonames:99072", Type: LOC, Subtype: "city", Name: "الموصل", NameEN: "Mosul", Country: "IQ", Prior: 0.89},
		{ID: "loc:geonames:99237", Type: LOC, Subtype: "country", Name: "العراق", NameEN: "Iraq", Aliases: []string{"جمهورية العراق"}, Country: "IQ", Prior: 1},
		{ID: "loc:geonames:99532", Type: LOC, Subtype: "city", Name: "البصرة", NameEN: "Basra", Aliases: []string{"بصرة"}, Country: "IQ", Prior: 0.92},
		{ID: "loc:geonames:248816", Type: LOC, Subtype: "country", Name: "الأردن", NameEN: "Jordan", Aliases: []string{"المملكة الأردنية الهاشمية"}, Country: "JO", Prior: 1},
		{ID: "loc:geonames:250441", Type: LOC, Subtype: "capital", Name: "عمّان", NameEN: "Amman", Aliases: []string{"عمان"}, Country: "JO", Prior: 0.87},
		{ID: "loc:geonames:7303419", Type: LOC, Subtype: "region", Name: "الفلوجة", NameEN: "Fallujah District", Country: "IQ", Prior: 0.1},
		// No places row: last, without subtype or country.
		{ID: "loc:geonames:11881990", Type: LOC, Name: "هور الحمار", Prior: 0.1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n%s", diffEntries(got, want))
	}
	wantStats := LoadStats{Lines: 49, Entries: 9, Filtered: 1, FilteredBy: map[string]int{"only historic names": 1}, DroppedNames: 1}
	if !reflect.DeepEqual(st, wantStats) {
		t.Errorf("stats %+v, want %+v", st, wantStats)
	}
}

// diffEntries lists the entries that differ.
func diffEntries(got, want []Entry) string {
	var b strings.Builder
	for i := range max(len(got), len(want)) {
		var g, w Entry
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !reflect.DeepEqual(g, w) {
			b.WriteString("  got  " + sprintEntry(g) + "\n  want " + sprintEntry(w) + "\n")
		}
	}
	return b.String()
}

func sprintEntry(e Entry) string {
	return strings.TrimSpace(string(appendTSVLine(nil, &e)))
}

func TestReadGeoNamesOptions(t *testing.T) {
	alt, places := readGeoFixtures(t)
	ids := func(es []Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, strings.TrimPrefix(e.ID, "loc:geonames:"))
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		opts     GeoNamesOptions
		noPlaces bool
		want     []string
		filtered map[string]int
	}{
		{"require place", GeoNamesOptions{RequirePlace: true},
			false, []string{"98182", "98468", "99072", "99237", "99532", "248816", "250441", "7303419"},
			map[string]int{"only historic names": 1, "no place row": 1}},
		{"min population", GeoNamesOptions{MinPopulation: 2000000},
			false, []string{"98182", "99237", "99532", "248816"},
			map[string]int{"population": 5, "no place row": 1}},
		{"feature classes", GeoNamesOptions{FeatureClasses: "AH"},
			false, []string{"98468", "99237", "248816", "7303419"},
			map[string]int{"feature class": 5, "no place row": 1}},
		{"historic", GeoNamesOptions{IncludeHistoric: true},
			false, []string{"98182", "98229", "98468", "99072", "99237", "99532", "248816", "250441", "7303419", "11881990"}, nil},
		{"no places file", GeoNamesOptions{},
			true, []string{"98182", "98468", "99072", "99237", "99532", "248816", "250441", "7303419", "11881990"}, nil},
		{"other languages", GeoNamesOptions{Languages: []string{"fa", "tr"}},
			false, []string{"98468", "99532"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := places
			if tc.noPlaces {
				p = nil
			}
			got, st, err := collectGeoNames(alt, p, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if g := ids(got); !reflect.DeepEqual(g, tc.want) {
				t.Errorf("IDs %v, want %v", g, tc.want)
			}
			if tc.filtered != nil && !reflect.DeepEqual(st.FilteredBy, tc.filtered) {
				t.Errorf("filtered %v, want %v", st.FilteredBy, tc.filtered)
			}
			if tc.noPlaces {
				for _, e := range got {
					if e.Prior != 0.1 || e.Subtype != "" || e.Country != "" {
						t.Errorf("without places: %+v", e)
					}
				}
			}
		})
	}

	// Historic names become aliases with IncludeHistoric.
	got, _, _ := collectGeoNames(alt, places, GeoNamesOptions{IncludeHistoric: true})
	if e := got[0]; e.Name != "بغداد" || !reflect.DeepEqual(e.Aliases, []string{"دار السلام", "مدينة السلام"}) {
		t.Errorf("Baghdad with historic names: %+v", e)
	}
	if e := got[1]; e.Name != "بابل" || e.Subtype != "site" {
		t.Errorf("Babylon: %+v", e)
	}

	// Filters without a places file are a contradiction.
	for _, opts := range []GeoNamesOptions{{RequirePlace: true}, {MinPopulation: 1}, {FeatureClasses: "P"}} {
		if _, err := ReadGeoNames(bytes.NewReader(alt), nil, opts, nil); err == nil {
			t.Errorf("%+v without places gave no error", opts)
		}
	}
}

func TestReadGeoNamesErrors(t *testing.T) {
	row := func(cols ...string) string { return strings.Join(cols, "\t") + "\n" }
	goodAlt := row("1", "99237", "ar", "العراق", "1", "", "", "", "", "")
	goodPlace := row("99237", "Iraq", "Iraq", "", "33", "44", "A", "PCLI", "IQ", "", "00", "", "", "", "38274618", "", "108", "Asia/Baghdad", "2020-09-03")
	for _, tc := range []struct {
		name, alt, places, msg string
		want                   error
	}{
		{"alt columns", row("1", "99237", "ar", "العراق"), goodPlace, "alt:1: gazetteer: wrong number of columns: 4, want 10 (alternateNamesV2) or 8 (alternateNames)", ErrColumns},
		{"alt geonameid", row("1", "x99", "ar", "العراق", "", "", "", "", "", ""), goodPlace, `alt:1: gazetteer: geonameid "x99" is not a number`, nil},
		{"alt flag", row("1", "99237", "ar", "العراق", "yes", "", "", "", "", ""), goodPlace, `alt:1: isPreferredName "yes": want 1, 0 or empty`, nil},
		{"alt empty name", row("1", "99237", "ar", " ", "", "", "", "", "", ""), goodPlace, "alt:1: gazetteer: empty name: empty alternate name", ErrEmptyName},
		{"alt UTF-8", row("1", "99237", "ar", "\xff", "", "", "", "", "", ""), goodPlace, "alt:1: gazetteer: invalid UTF-8 at byte 1 in the alternate name", ErrInvalidUTF8},
		{"places columns", goodAlt, row("99237", "Iraq"), "pl:1: gazetteer: wrong number of columns: 2, want 19", ErrColumns},
		{"places population", goodAlt, strings.Replace(goodPlace, "38274618", "many", 1), `pl:1: gazetteer: population "many" is not a number`, nil},
		{"places country", goodAlt, strings.Replace(goodPlace, "\tIQ\t", "\tiq\t", 1), `pl:1: gazetteer: malformed country code "iq"`, ErrBadCountry},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := GeoNamesOptions{LoadOptions: LoadOptions{Source: "alt", Strict: true}, PlacesSource: "pl"}
			_, _, err := collectGeoNames([]byte(tc.alt), []byte(tc.places), opts)
			if err == nil || err.Error() != tc.msg || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %q", err, tc.msg)
			}
			opts.Strict = false
			got, st, err := collectGeoNames([]byte(tc.alt), []byte(tc.places), opts)
			if err != nil || st.Skipped != 1 || st.SkippedLines[0].Error() != tc.msg {
				t.Errorf("lenient: %v, %+v", err, st)
			}
			// A malformed places row leaves the geoname without one.
			if strings.HasPrefix(tc.msg, "pl:") && (len(got) != 1 || got[0].Subtype != "") {
				t.Errorf("lenient, bad places row: %+v", got)
			}
		})
	}
	// Lines in other languages are not checked beyond their columns.
	st, err := ReadGeoNames(strings.NewReader(row("x", "y", "fr", "", "z", "", "", "", "", "")), nil, GeoNamesOptions{LoadOptions: LoadOptions{Strict: true}}, nil)
	if err != nil || st.Entries != 0 || st.Lines != 1 {
		t.Errorf("a French line: %+v, %v", st, err)
	}
	// A geoname whose only Arabic name holds a '|' is filtered, and the
	// name is not counted as dropped from an entry.
	st, err = ReadGeoNames(strings.NewReader(row("1", "5", "ar", "س|ص", "1", "", "", "", "", "")), nil, GeoNamesOptions{}, nil)
	if err != nil || st.Entries != 0 || st.FilteredBy["no valid Arabic name"] != 1 || st.DroppedNames != 0 {
		t.Errorf("a name with '|': %+v, %v", st, err)
	}
	// The older 8-column file is read too.
	st, err = ReadGeoNames(strings.NewReader(row("1", "99237", "ar", "العراق", "1", "", "", "")), nil, GeoNamesOptions{LoadOptions: LoadOptions{Strict: true}}, nil)
	if err != nil || st.Entries != 1 {
		t.Errorf("an 8-column line: %+v, %v", st, err)
	}
}

func TestReadGeoNamesEmitError(t *testing.T) {
	alt, places := readGeoFixtures(t)
	stop := errors.New("stop")
	for _, p := range [][]byte{places, nil} {
		var pr *bytes.Reader
		opts := GeoNamesOptions{LoadOptions: LoadOptions{Source: "alt"}, PlacesSource: "pl"}
		var err error
		if p != nil {
			pr = bytes.NewReader(p)
			_, err = ReadGeoNames(bytes.NewReader(alt), pr, opts, func(Entry) error { return stop })
		} else {
			_, err = ReadGeoNames(bytes.NewReader(alt), nil, opts, func(Entry) error { return stop })
		}
		var pe *ParseError
		if !errors.Is(err, stop) || !errors.As(err, &pe) || pe.Line == 0 {
			t.Errorf("emit error: %v", err)
		}
		// The first entry is Baghdad: row 1 of the places file, or, without
		// one, its first Arabic name on line 8 of the alternate names.
		if p != nil && err.Error() != "pl:1: stop" || p == nil && err.Error() != "alt:8: stop" {
			t.Errorf("emit error message %q", err)
		}
	}
}

func TestLoadGeoNames(t *testing.T) {
	alt, places := readGeoFixtures(t)
	dir := t.TempDir()
	altPath := writeGzip(t, dir, "alternateNamesV2.txt.gz", alt)
	plPath := writeGzip(t, dir, "allCountries.txt.gz", places)
	want, _, _ := collectGeoNames(alt, places, GeoNamesOptions{})
	var got []Entry
	var calls []int64
	opts := GeoNamesOptions{LoadOptions: LoadOptions{Progress: func(n int64) { calls = append(calls, n) }}}
	st, err := LoadGeoNames(altPath, plPath, opts, func(e Entry) error {
		got = append(got, e)
		return nil
	})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("LoadGeoNames: %v; entries equal: %v", err, reflect.DeepEqual(got, want))
	}
	a, _ := os.Stat(altPath)
	p, _ := os.Stat(plPath)
	if len(calls) != 2 || calls[0] != a.Size() || calls[1] != a.Size()+p.Size() {
		t.Errorf("progress %v, want [%d %d]", calls, a.Size(), a.Size()+p.Size())
	}
	if st.Entries != len(want) {
		t.Errorf("stats %+v", st)
	}
	// Messages name the files.
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("1\t2\n"), 0o644)
	_, err = LoadGeoNames(bad, "", GeoNamesOptions{LoadOptions: LoadOptions{Strict: true}}, nil)
	if err == nil || !strings.HasPrefix(err.Error(), bad+":1: ") {
		t.Errorf("error %v, want it to name %s", err, bad)
	}
	_, err = LoadGeoNames(altPath, bad, GeoNamesOptions{LoadOptions: LoadOptions{Strict: true}}, nil)
	if err == nil || !strings.HasPrefix(err.Error(), bad+":1: ") {
		t.Errorf("error %v, want it to name %s", err, bad)
	}
	// LoadFile reads the alternate names alone.
	st, err = LoadFile(altPath, FormatAuto, LoadOptions{}, nil)
	if err != nil || st.Entries != 9 {
		t.Errorf("LoadFile(alternateNamesV2.txt.gz): %+v, %v", st, err)
	}
}

func TestGeoSubtype(t *testing.T) {
	for _, tc := range []struct {
		class, code string
		pop         int64
		want        string
	}{
		{"A", "PCLI", 0, "country"}, {"A", "PCLD", 0, "country"}, {"A", "TERR", 0, "territory"},
		{"A", "ADM1", 0, "region"}, {"A", "ADM2", 0, "region"},
		{"P", "PPLC", 0, "capital"}, {"P", "PPLA", 0, "city"}, {"P", "PPLA3", 0, "city"}, {"P", "PPLG", 0, "city"},
		{"P", "PPL", 150000, "city"}, {"P", "PPL", 5000, "town"}, {"P", "PPLQ", 0, "site"},
		{"L", "CONT", 0, "continent"}, {"L", "RGN", 0, "region"}, {"L", "PRK", 0, "site"},
		{"H", "SEA", 0, "sea"}, {"H", "OCN", 0, "ocean"}, {"H", "STM", 0, "river"}, {"H", "WAD", 0, "river"},
		{"H", "LK", 0, "lake"}, {"H", "LKSLT", 0, "lake"}, {"H", "GULF", 0, "gulf"}, {"H", "BAY", 0, "gulf"},
		{"H", "STRT", 0, "strait"}, {"H", "SPNG", 0, "site"},
		{"T", "MT", 0, "mountain"}, {"T", "MTS", 0, "mountain"}, {"T", "DSRT", 0, "desert"},
		{"T", "ISL", 0, "island"}, {"T", "ISLS", 0, "island"}, {"T", "PEN", 0, "peninsula"}, {"T", "VAL", 0, "site"},
		{"S", "AIRP", 0, "site"}, {"V", "FRST", 0, "site"}, {"", "", 0, ""},
	} {
		if got := geoSubtype(tc.class, tc.code, tc.pop); got != tc.want {
			t.Errorf("geoSubtype(%s.%s, %d) = %q, want %q", tc.class, tc.code, tc.pop, got, tc.want)
		}
	}
	for pop, want := range map[int64]float64{0: 0.1, 100: 0.29, 1000000: 0.86, 10000000: 1, 1 << 40: 1} {
		if got := geoPrior(pop); got != want {
			t.Errorf("geoPrior(%d) = %v, want %v", pop, got, want)
		}
	}
}
