package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runGaz(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestLookupJSON(t *testing.T) {
	out, errOut, code := runGaz(t, "lookup", "-json", "وبغداد", "الأميركية", "بلنكن", "كلمةغيرموجودة")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res []struct {
		Query      string `json:"query"`
		Candidates []struct {
			ID, Type, Name, Match string
			NameEN                string `json:"name_en"`
			Distance              *int
			Score                 *float64
		} `json:"candidates"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(res) != 4 {
		t.Fatalf("got %d results", len(res))
	}
	want := []struct{ id, match string }{{"loc:city:baghdad", "clitic"}, {"loc:country:US", "demonym"}, {"per:antony-blinken", ""}}
	for i, w := range want {
		c := res[i].Candidates
		if len(c) == 0 || c[0].ID != w.id || (w.match != "" && c[0].Match != w.match) || c[0].Distance == nil || c[0].Score == nil || c[0].NameEN == "" || c[0].Type == "" {
			t.Errorf("%s: %+v, want %s %s", res[i].Query, c, w.id, w.match)
		}
	}
	if len(res[3].Candidates) != 0 {
		t.Errorf("an unknown word has candidates: %+v", res[3].Candidates)
	}
}

func TestLookupText(t *testing.T) {
	out, _, code := runGaz(t, "lookup", "للعراق")
	if code != 0 || !strings.Contains(out, "loc:country:IQ") || !strings.Contains(out, "clitic ل+") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestImportBuildLookup(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "people.txt")
	if err := os.WriteFile(list, []byte("# my people\nسمير المصري الجديد\nسمير المصري الجديد\n\nهدى العطار\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tsv := filepath.Join(dir, "people.tsv")
	_, errOut, code := runGaz(t, "import", "-format", "list", "-type", "PER", "-o", tsv, list)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "2 entries") || !strings.Contains(errOut, "1 duplicate") {
		t.Errorf("import did not report entries and duplicates: %s", errOut)
	}
	compiled := filepath.Join(dir, "all.khgz")
	if _, errOut, code := runGaz(t, "build", "-no-default", "-gazetteer", tsv, "-o", compiled); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	out, errOut, code := runGaz(t, "lookup", "-no-default", "-gazetteer", compiled, "-json", "وهدى العطار", "بغداد")
	if code != 0 {
		t.Fatalf("lookup: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"match": "clitic"`) || !strings.Contains(out, "هدى العطار") {
		t.Errorf("the compiled user gazetteer was not used:\n%s", out)
	}
	if strings.Contains(out, "loc:city:baghdad") {
		t.Errorf("-no-default still found the default gazetteer:\n%s", out)
	}
	// Beside the default, both are found.
	out, _, _ = runGaz(t, "lookup", "-gazetteer", compiled, "هدى العطار", "بغداد")
	if !strings.Contains(out, "per:list:") || !strings.Contains(out, "loc:city:baghdad") {
		t.Errorf("user and default gazetteers not merged:\n%s", out)
	}
}

func TestImportTypedListJSONL(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "list.tsv")
	if err := os.WriteFile(in, []byte("type\tsurface\tcount\nPERS\tهدى العطار\t3\nLOC\tوادي السلام\t1\nMISC\tالعربية\t2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runGaz(t, "import", "-format", "typed-list", "-out-format", "jsonl", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("got %d JSONL lines:\n%s", n, out)
	}
	if !strings.Contains(errOut, "filtered") {
		t.Errorf("MISC and header lines were not reported: %s", errOut)
	}
}

func TestStats(t *testing.T) {
	out, _, code := runGaz(t, "stats", "-json")
	if code != 0 {
		t.Fatal(code)
	}
	var st stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if st.ByType["PER"] < 1000 || st.ByType["LOC"] < 1000 || st.ByType["ORG"] < 500 || st.Surfaces <= st.Entries {
		t.Errorf("stats %+v", st)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(bad, []byte("not a header\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no command", nil, 2, "usage"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"lookup without names", []string{"lookup"}, 2, "no NAME"},
		{"missing gazetteer", []string{"lookup", "-gazetteer", filepath.Join(dir, "nope.tsv"), "x"}, 1, "nope.tsv"},
		{"bad header", []string{"import", "-format", "tsv", "-strict", bad}, 1, "bad.tsv:1"},
		{"list without type", []string{"import", "-format", "list", bad}, 2, "-type"},
		{"bad out format", []string{"import", "-out-format", "xml", bad}, 2, "xml"},
		{"no default and no file", []string{"stats", "-no-default"}, 1, "-no-default"},
		{"build without -o", []string{"build"}, 2, "-o FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runGaz(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.msg)
			}
		})
	}
}
