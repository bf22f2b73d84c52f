package gazetteer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const tsvSample = "# a sample\n" +
	tsvHeader + "\n" +
	"\n" +
	"loc:country:IQ\tLOC\tcountry\tالعراق\tIraq\tعراق|جمهورية العراق|Iraq\tالعراقي|العراقية|Iraqi\tIQ\t\tQ796\t0.95\n" +
	"# cities\n" +
	"loc:city:baghdad\tLOC\tcapital\tبغداد\tBaghdad\tBaghdad\t\tIQ\tloc:country:IQ\tQ1530\t0.9\n" +
	"per:antony-blinken\tPER\tminister\tأنتوني بلينكن\tAntony Blinken\t أنطوني بلينكن | |بلينكن|\t\tUS\t\t\t0.8\n" +
	"org:un\tORG\tinternational-organisation\tالأمم المتحدة\tUnited Nations\t\t\t\t\t\t\n"

func TestReadTSV(t *testing.T) {
	got, st, err := collectEntries(ReadTSV, strings.NewReader(tsvSample), LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{ID: "loc:country:IQ", Type: LOC, Subtype: "country", Name: "العراق", NameEN: "Iraq",
			Aliases: []string{"عراق", "جمهورية العراق", "Iraq"}, Demonyms: []string{"العراقي", "العراقية", "Iraqi"},
			Country: "IQ", Wikidata: "Q796", Prior: 0.95},
		{ID: "loc:city:baghdad", Type: LOC, Subtype: "capital", Name: "بغداد", NameEN: "Baghdad",
			Aliases: []string{"Baghdad"}, Country: "IQ", Parent: "loc:country:IQ", Wikidata: "Q1530", Prior: 0.9},
		{ID: "per:antony-blinken", Type: PER, Subtype: "minister", Name: "أنتوني بلينكن", NameEN: "Antony Blinken",
			Aliases: []string{"أنطوني بلينكن", "بلينكن"}, Country: "US", Prior: 0.8},
		{ID: "org:un", Type: ORG, Subtype: "international-organisation", Name: "الأمم المتحدة", NameEN: "United Nations"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadTSV:\n got %+v\nwant %+v", got, want)
	}
	wantStats := LoadStats{Lines: 8, Entries: 4, Comments: 4}
	if !reflect.DeepEqual(st, wantStats) {
		t.Errorf("stats %+v, want %+v", st, wantStats)
	}
}

func TestReadTSVErrors(t *testing.T) {
	line := func(cols ...string) string { return strings.Join(cols, "\t") }
	good := []string{"loc:x", "LOC", "city", "بغداد", "Baghdad", "", "", "IQ", "", "", "0.5"}
	with := func(i int, v string) string {
		c := slices.Clone(good)
		c[i] = v
		return line(c...)
	}
	for _, tc := range []struct {
		name  string
		input string // data lines after the header
		want  error
		msg   string // the whole error message
	}{
		{"too few columns", line(good[:10]...), ErrColumns, "f.tsv:2: gazetteer: wrong number of columns: 10, want 11"},
		{"too many columns", line(append(good, "x")...), ErrColumns, "f.tsv:2: gazetteer: wrong number of columns: 12, want 11"},
		{"bad type", with(1, "PERSON"), ErrUnknownType, `f.tsv:2: gazetteer: unknown entity type "PERSON" (want PER, LOC or ORG)`},
		{"lower-case type", with(1, "loc"), ErrUnknownType, `f.tsv:2: gazetteer: unknown entity type "loc" (want PER, LOC or ORG)`},
		{"prior not a number", with(10, "high"), ErrBadPrior, `f.tsv:2: gazetteer: prior outside [0, 1]: "high"`},
		{"prior too big", with(10, "1.5"), ErrBadPrior, `f.tsv:2: gazetteer: prior outside [0, 1]: "1.5"`},
		{"prior NaN", with(10, "NaN"), ErrBadPrior, `f.tsv:2: gazetteer: prior outside [0, 1]: "NaN"`},
		{"negative prior", with(10, "-0.1"), ErrBadPrior, `f.tsv:2: gazetteer: prior outside [0, 1]: "-0.1"`},
		{"empty name", with(3, " "), ErrEmptyName, "f.tsv:2: gazetteer: empty name (entry loc:x)"},
		{"bad ID", with(0, "Loc:X"), ErrBadID, `f.tsv:2: gazetteer: malformed ID "Loc:X": want lower-case ASCII like loc:country:IQ or per:antony-blinken`},
		{"bad country", with(7, "Iraq"), ErrBadCountry, `f.tsv:2: gazetteer: malformed country code "Iraq" (entry loc:x)`},
		{"bad QID", with(9, "796"), ErrBadQID, `f.tsv:2: gazetteer: malformed Wikidata ID "796": want Q followed by digits, like Q796`},
		{"invalid UTF-8", with(3, "بغ\xffداد"), ErrInvalidUTF8, "f.tsv:2: gazetteer: invalid UTF-8 at byte 20"},
		{"second bad line", line(good...) + "\n" + with(1, "X"), ErrUnknownType, `f.tsv:3: gazetteer: unknown entity type "X" (want PER, LOC or ORG)`},
		// regression, issue 15: a name of NUL bytes was accepted.
		{"name of NUL bytes", with(3, "\x00\x00"), ErrBadName, `f.tsv:2: gazetteer: malformed name "\x00\x00": invalid UTF-8, a control character (NUL, tab, line break…) or '|' (entry loc:x)`},
		{"name of punctuation", with(3, "..."), ErrBadName, `f.tsv:2: gazetteer: malformed name "...": no letter or digit to match (entry loc:x)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			input := tsvHeader + "\n" + tc.input + "\n"
			_, err := ReadTSV(strings.NewReader(input), LoadOptions{Source: "f.tsv", Strict: true}, nil)
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if err == nil || err.Error() != tc.msg {
				t.Errorf("message\n got %v\nwant %s", err, tc.msg)
			}
			// Lenient: skipped and listed with the same message.
			st, err := ReadTSV(strings.NewReader(input), LoadOptions{Source: "f.tsv"}, nil)
			if err != nil || st.Skipped != 1 || st.SkippedLines[0].Error() != tc.msg {
				t.Errorf("lenient: %v, %+v", err, st)
			}
		})
	}
}

func TestReadTSVHeader(t *testing.T) {
	row := "loc:x\tLOC\tcity\tبغداد\tBaghdad\t\t\tIQ\t\t\t0.5\n"
	for _, tc := range []struct {
		name, input, msg string
	}{
		{"no header", row, `f.tsv:1: gazetteer: bad header: column 1 is "loc:x", want "id"`},
		{"renamed column", strings.Replace(tsvHeader, "name_en", "english", 1) + "\n" + row, `f.tsv:1: gazetteer: bad header: column 5 is "english", want "name_en"`},
		{"columns swapped", strings.Replace(tsvHeader, "country\tparent", "parent\tcountry", 1) + "\n" + row, `f.tsv:1: gazetteer: bad header: column 8 is "parent", want "country"`},
		{"missing column", strings.TrimSuffix(tsvHeader, "\tprior") + "\n" + row, `f.tsv:1: gazetteer: bad header: 10 columns, want the 11`},
		{"extra column", tsvHeader + "\tnotes\n" + row, `f.tsv:1: gazetteer: bad header: 12 columns, want the 11`},
		{"upper case", strings.ToUpper(tsvHeader) + "\n" + row, `f.tsv:1: gazetteer: bad header: column 1 is "ID", want "id"`},
		{"empty input", "", "f.tsv: gazetteer: bad header: no header line"},
		{"comments only", "# nothing\n\n", "f.tsv: gazetteer: bad header: no header line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Not Strict: a bad header is an error all the same.
			_, err := ReadTSV(strings.NewReader(tc.input), LoadOptions{Source: "f.tsv"}, nil)
			if !errors.Is(err, ErrBadHeader) || !strings.HasPrefix(err.Error(), tc.msg) {
				t.Errorf("error %v, want ErrBadHeader starting %q", err, tc.msg)
			}
		})
	}
}

// TestDefaultDataTSV reads the embedded gazetteer's files in Strict mode:
// no line may be skipped, and IDs are unique across the files.
func TestDefaultDataTSV(t *testing.T) {
	files, err := filepath.Glob("data/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no data/*.tsv files: %v", err)
	}
	ids := make(map[string]string)
	total := 0
	for _, path := range files {
		st, err := LoadFile(path, FormatTSV, LoadOptions{Strict: true}, func(e Entry) error {
			if prev, dup := ids[e.ID]; dup {
				t.Errorf("%s: ID %s already in %s", path, e.ID, prev)
			}
			ids[e.ID] = path
			return nil
		})
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if st.Skipped != 0 || st.Entries == 0 {
			t.Errorf("%s: %+v", path, st)
		}
		checkLineCounts(t, st)
		total += st.Entries
	}
	t.Logf("%d entries in %d files", total, len(files))
}

func readAllTSV(t *testing.T, data []byte) []Entry {
	t.Helper()
	got, _, err := collectEntries(ReadTSV, bytes.NewReader(data), LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestTSVRoundTrip(t *testing.T) {
	inputs := map[string][]byte{"sample": []byte(tsvSample)}
	files, _ := filepath.Glob("data/*.tsv")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = b
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			// read → write → read gives the same entries.
			entries := readAllTSV(t, data)
			var out1 bytes.Buffer
			if err := WriteTSV(&out1, slices.Values(entries)); err != nil {
				t.Fatal(err)
			}
			again := readAllTSV(t, out1.Bytes())
			if !reflect.DeepEqual(again, entries) {
				t.Fatalf("entries changed in a round trip")
			}
			// write → read → write gives the same bytes.
			var out2 bytes.Buffer
			if err := WriteTSV(&out2, slices.Values(again)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out1.Bytes(), out2.Bytes()) {
				t.Errorf("bytes changed in a round trip")
			}
			if !strings.HasPrefix(out1.String(), tsvComment+"\n"+tsvHeader+"\n") {
				t.Errorf("output starts %q", out1.String()[:80])
			}
		})
	}
}

func TestWriteTSV(t *testing.T) {
	e := Entry{ID: "per:x", Type: PER, Name: "س", Aliases: []string{"ص"}, Prior: 0.25}
	var buf bytes.Buffer
	if err := WriteTSV(&buf, slices.Values([]Entry{e})); err != nil {
		t.Fatal(err)
	}
	want := tsvComment + "\n" + tsvHeader + "\nper:x\tPER\t\tس\t\tص\t\t\t\t\t0.25\n"
	if buf.String() != want {
		t.Errorf("WriteTSV wrote\n%q\nwant\n%q", buf.String(), want)
	}
	for _, tc := range []struct {
		name string
		edit func(*Entry)
	}{
		{"invalid", func(e *Entry) { e.ID = "" }},
		{"leading space", func(e *Entry) { e.Name = " س" }},
		{"empty alias", func(e *Entry) { e.Aliases = []string{""} }},
		{"alias with space", func(e *Entry) { e.Aliases = []string{"ص "} }},
		{"tab in QID", func(e *Entry) { e.Wikidata = "Q1\t" }},
		{"bad QID", func(e *Entry) { e.Wikidata = "q1" }},
	} {
		bad := e
		bad.Aliases = slices.Clone(e.Aliases)
		tc.edit(&bad)
		if err := WriteTSV(&bytes.Buffer{}, slices.Values([]Entry{e, bad})); err == nil || !strings.Contains(err.Error(), "entry 2") {
			t.Errorf("%s: WriteTSV error %v, want one about entry 2", tc.name, err)
		}
	}
	// Write errors come back.
	boom := errors.New("full")
	many := slices.Repeat([]Entry{e}, 10000)
	if err := WriteTSV(failWriter{boom}, slices.Values(many)); !errors.Is(err, boom) {
		t.Errorf("write error: %v, want %v", err, boom)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

func TestReadTSVTrickle(t *testing.T) {
	data, err := os.ReadFile("data/countries.tsv")
	if err != nil {
		t.Skip("no data/countries.tsv")
	}
	want := readAllTSV(t, data)
	got, _, err := collectEntries(ReadTSV, &trickleReader{r: bytes.NewReader(data)}, LoadOptions{Strict: true})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("trickled read: %d entries, %v; want %d", len(got), err, len(want))
	}
}
