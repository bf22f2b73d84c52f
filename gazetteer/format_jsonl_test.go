package gazetteer

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestReadJSONL(t *testing.T) {
	input := `{"id":"loc:country:IQ","type":"LOC","subtype":"country","name":"العراق","name_en":"Iraq","aliases":["عراق","Iraq"],"demonyms":["العراقي"],"country":"IQ","wikidata":"Q796","prior":0.95}

{"id":"per:x","type":"per","name":"س","aliases":[],"prior":0}
  {"name":"ص","id":"org:y","type":"ORG"}  
`
	got, st, err := collectEntries(ReadJSONL, strings.NewReader(input), LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{ID: "loc:country:IQ", Type: LOC, Subtype: "country", Name: "العراق", NameEN: "Iraq",
			Aliases: []string{"عراق", "Iraq"}, Demonyms: []string{"العراقي"}, Country: "IQ", Wikidata: "Q796", Prior: 0.95},
		{ID: "per:x", Type: PER, Name: "س"},
		{ID: "org:y", Type: ORG, Name: "ص"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadJSONL:\n got %+v\nwant %+v", got, want)
	}
	if want := (LoadStats{Lines: 4, Entries: 3, Comments: 1}); !reflect.DeepEqual(st, want) {
		t.Errorf("stats %+v, want %+v", st, want)
	}
}

func TestReadJSONLErrors(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       error
		msg        string
	}{
		{"truncated", `{"id":"per:x","type":"PER","name":"س"`, ErrBadJSON, "f.jsonl:1: gazetteer: invalid JSON: truncated object: unexpected EOF"},
		{"unknown field", `{"id":"per:x","type":"PER","name":"س","nickname":"ص"}`, ErrBadJSON, `f.jsonl:1: gazetteer: invalid JSON: json: unknown field "nickname"`},
		{"not an object", `["per:x"]`, ErrBadJSON, `f.jsonl:1: gazetteer: invalid JSON: want an object, got "[\"per:x\"]"`},
		{"comment", `# entries`, ErrBadJSON, `f.jsonl:1: gazetteer: invalid JSON: want an object, got "# entries"`},
		{"trailing data", `{"id":"per:x","type":"PER","name":"س"} {}`, ErrBadJSON, "f.jsonl:1: gazetteer: invalid JSON: data after the object at byte 41"},
		{"bad type", `{"id":"per:x","type":"MISC","name":"س"}`, ErrUnknownType, `f.jsonl:1: gazetteer: unknown entity type "MISC" (want PER, LOC or ORG)`},
		{"prior as string", `{"id":"per:x","type":"PER","name":"س","prior":"0.5"}`, ErrBadJSON, "f.jsonl:1: gazetteer: invalid JSON: prior: want a number, got string"},
		{"bad prior", `{"id":"per:x","type":"PER","name":"س","prior":2}`, ErrBadPrior, "f.jsonl:1: gazetteer: prior outside [0, 1]: 2 (entry per:x)"},
		{"empty name", `{"id":"per:x","type":"PER"}`, ErrEmptyName, "f.jsonl:1: gazetteer: empty name (entry per:x)"},
		{"bad QID", `{"id":"per:x","type":"PER","name":"س","wikidata":"Q0"}`, ErrBadQID, `f.jsonl:1: gazetteer: malformed Wikidata ID "Q0": want Q followed by digits, like Q796`},
		{"invalid UTF-8", "{\"id\":\"per:x\",\"type\":\"PER\",\"name\":\"\xff\"}", ErrInvalidUTF8, "f.jsonl:1: gazetteer: invalid UTF-8 at byte 36"},
		{"type as number", `{"id":"per:x","type":1,"name":"س"}`, ErrBadJSON, "f.jsonl:1: gazetteer: invalid JSON: type: want a string, got number"},
		{"aliases as string", `{"id":"per:x","type":"PER","name":"س","aliases":"ص"}`, ErrBadJSON, "f.jsonl:1: gazetteer: invalid JSON: aliases: want an array, got string"},
		{"null", `null`, ErrBadJSON, `f.jsonl:1: gazetteer: invalid JSON: want an object, got "null"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadJSONL(strings.NewReader(tc.line+"\n"), LoadOptions{Source: "f.jsonl", Strict: true}, nil)
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if err == nil || err.Error() != tc.msg {
				t.Errorf("message\n got %v\nwant %s", err, tc.msg)
			}
			st, err := ReadJSONL(strings.NewReader(tc.line+"\n"), LoadOptions{Source: "f.jsonl"}, nil)
			if err != nil || st.Skipped != 1 || st.SkippedLines[0].Error() != tc.msg {
				t.Errorf("lenient: %v, %+v", err, st)
			}
		})
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	data, err := os.ReadFile("data/countries.tsv")
	if err != nil {
		data = []byte(tsvSample)
	}
	entries := readAllTSV(t, data)
	entries = append(entries, Entry{ID: "per:html", Type: PER, Name: "<b>&</b>", Aliases: []string{"<i>\"q\"</i>"}})
	var out1 bytes.Buffer
	if err := WriteJSONL(&out1, slices.Values(entries)); err != nil {
		t.Fatal(err)
	}
	again, _, err := collectEntries(ReadJSONL, bytes.NewReader(out1.Bytes()), LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, entries) {
		t.Fatalf("entries changed in a JSONL round trip")
	}
	var out2 bytes.Buffer
	if err := WriteJSONL(&out2, slices.Values(again)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out1.Bytes(), out2.Bytes()) {
		t.Errorf("bytes changed in a JSONL round trip")
	}
	if !strings.Contains(out1.String(), `"name":"<b>&</b>"`) {
		t.Errorf("HTML characters were escaped")
	}
	if strings.Count(out1.String(), "\n") != len(entries) {
		t.Errorf("not one line per entry")
	}

	bad := Entry{ID: "per:x", Type: PER}
	if err := WriteJSONL(&bytes.Buffer{}, slices.Values([]Entry{entries[0], bad})); !errors.Is(err, ErrEmptyName) || !strings.Contains(err.Error(), "entry 2") {
		t.Errorf("WriteJSONL of an invalid entry: %v", err)
	}
}
