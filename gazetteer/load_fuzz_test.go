package gazetteer

import (
	"bytes"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fuzzCheck reads data with read twice (normally and with short lines)
// and checks what every reader promises: no panic, only valid entries,
// every line counted once.
func fuzzCheck(t *testing.T, read loadReader, data []byte) []Entry {
	var first []Entry
	for _, max := range []int{0, 64} {
		got, st, err := collectEntries(read, bytes.NewReader(data), LoadOptions{MaxLineBytes: max, MaxSkipped: 3})
		for _, e := range got {
			if verr := e.Validate(); verr != nil {
				t.Fatalf("emitted an invalid entry %+v: %v", e, verr)
			}
		}
		if err == nil {
			checkLineCounts(t, st)
		}
		if len(st.SkippedLines) > 3 || st.Entries != len(got) {
			t.Fatalf("stats %+v with %d entries", st, len(got))
		}
		if max == 0 {
			first = got
			if err != nil {
				return nil
			}
		}
	}
	return first
}

func addSeedFiles(f *testing.F, paths ...string) {
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzReadTSV(f *testing.F) {
	f.Add([]byte(tsvSample))
	f.Add([]byte(tsvHeader + "\nloc:x\tLOC\tcity\tس\t\t|a| |\t\t\t\t\t1e-3\n"))
	f.Add([]byte("\xEF\xBB\xBF" + tsvHeader + "\r\nper:x\tPER\t\tس\t\t\t\t\t\tQ1\t-0\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := fuzzCheck(t, ReadTSV, data)
		if got == nil {
			return
		}
		// What was read writes and reads back unchanged.
		var buf bytes.Buffer
		if err := WriteTSV(&buf, slices.Values(got)); err != nil {
			t.Fatalf("WriteTSV of entries read: %v", err)
		}
		again, _, err := collectEntries(ReadTSV, &buf, LoadOptions{Strict: true})
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, again, got)
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"loc:country:IQ","type":"LOC","name":"العراق","aliases":["عراق",""],"prior":0.95}` + "\n\n" + `{"id":"per:x","type":"per","name":"س"}`))
	f.Add([]byte(`{"id":"per:x","type":"PER","name":"س","extra":1}` + "\n" + `{"id":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := fuzzCheck(t, ReadJSONL, data)
		if got == nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteJSONL(&buf, slices.Values(got)); err != nil {
			t.Fatalf("WriteJSONL of entries read: %v", err)
		}
		again, _, err := collectEntries(ReadJSONL, &buf, LoadOptions{Strict: true})
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, again, got)
		}
	})
}

func FuzzReadTypedList(f *testing.F) {
	f.Add([]byte("type\tsurface\tcount\nLOC\tلبنان\t175\nPERS\tجورج بوش\t60\nMISC\tالعربية\t12\nPER محمد علي\nLOC\tلبنان\n"))
	f.Add([]byte("# c\n\nB-PER\tمحمد\nP/R\tx\nLOC\n\tLOC\tx\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := fuzzCheck(t, ReadTypedList, data)
		seen := map[string]bool{}
		for _, e := range got {
			if seen[e.ID] || e.ID != ListID(e.Type, e.Name) {
				t.Fatalf("entry %+v duplicated or with the wrong ID", e)
			}
			seen[e.ID] = true
		}
		fuzzCheck(t, listReader(PER), data)
	})
}

func FuzzReadWikidata(f *testing.F) {
	addSeedFiles(f, wikidataFixture)
	f.Add([]byte("[\n{\"type\":\"item\",\"id\":\"Q1\",\"labels\":[],\"aliases\":{\"ar\":[{\"value\":\"س\"}]},\"claims\":{\"P31\":[{\"mainsnak\":{\"snaktype\":\"value\",\"datavalue\":{\"value\":{\"numeric-id\":5}}}}]},\"sitelinks\":[]}\n]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCheck(t, wikidataReader, data)
		fuzzCheck(t, func(r io.Reader, opts LoadOptions, emit func(Entry) error) (LoadStats, error) {
			return ReadWikidata(r, WikidataOptions{LoadOptions: opts, ParseAll: true}, emit)
		}, data)
	})
}

func FuzzReadGeoNames(f *testing.F) {
	alt, _ := os.ReadFile(geoAltFixture)
	places, _ := os.ReadFile(geoPlacesFixture)
	f.Add(alt, places)
	f.Add([]byte("1\t2\tar\tس\t1\t\t\t\t\t\n3\t2\tar\tص|ض\t\t\t1\t1\n"), []byte("2\tX\tX\t\t0\t0\tP\tPPL\tIQ\t\t\t\t\t\t-1\t\t\t\t\n"))
	f.Fuzz(func(t *testing.T, alt, places []byte) {
		for _, opts := range []GeoNamesOptions{{}, {IncludeHistoric: true, LoadOptions: LoadOptions{MaxLineBytes: 64}}} {
			var got []Entry
			_, err := ReadGeoNames(bytes.NewReader(alt), bytes.NewReader(places), opts, func(e Entry) error {
				if verr := e.Validate(); verr != nil {
					t.Fatalf("emitted an invalid entry %+v: %v", e, verr)
				}
				if !strings.HasPrefix(e.ID, "loc:geonames:") {
					t.Fatalf("ID %q", e.ID)
				}
				got = append(got, e)
				return nil
			})
			if err != nil {
				t.Fatalf("lenient read failed: %v", err)
			}
			seen := map[string]bool{}
			for _, e := range got {
				if seen[e.ID] {
					t.Fatalf("ID %s emitted twice", e.ID)
				}
				seen[e.ID] = true
			}
		}
	})
}
