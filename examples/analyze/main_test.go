package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func runAnalyze(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// TestGoldenJSON runs analyze -tokens -format json on each testdata
// article and compares with testdata/golden (rewrite with -update).
func TestGoldenJSON(t *testing.T) {
	files, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(files) < 3 {
		t.Fatalf("want at least 3 testdata articles, got %v (%v)", files, err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runAnalyze(t, "", "-tokens", "-format", "json", file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			input, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, string(input), out)
			golden := filepath.Join("../../testdata/golden", "analyze-tokens-"+name+".json")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./examples/analyze -update)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s; run with -update after checking the change", golden)
			}
		})
	}
}

// checkDocument asserts the JSON contract: sentences with start/end,
// tokens with text/norm/kind/start/end/sentence, and exact offsets.
func checkDocument(t *testing.T, input, out string) {
	t.Helper()
	var doc struct {
		Sentences []struct{ Start, End *int }
		Tokens    []struct {
			Text, Norm, Kind string
			Start, End       int
			Sentence         *int
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(doc.Sentences) == 0 || len(doc.Tokens) == 0 {
		t.Fatal("no sentences or tokens")
	}
	for i, s := range doc.Sentences {
		if s.Start == nil || s.End == nil || *s.Start > *s.End || *s.End > len(input) {
			t.Fatalf("sentence %d has bad offsets", i)
		}
	}
	for i, tok := range doc.Tokens {
		if input[tok.Start:tok.End] != tok.Text || tok.Norm == "" || tok.Kind == "" || tok.Sentence == nil {
			t.Fatalf("token %d = %+v does not match input[%d:%d] = %q", i, tok, tok.Start, tok.End, input[tok.Start:tok.End])
		}
	}
}

func TestStdinAndText(t *testing.T) {
	text := "قال الوزير: «نعم». ثم غادر بـغـداد عام ٢٠٢١.\n#كوريا_الشمالية"
	out, _, code := runAnalyze(t, text, "-tokens", "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"-: 3 sentences", "بـغـداد  → بغداد", "٢٠٢١  → 2021", `["كوريا" "الشمالية"]`} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	out, _, code = runAnalyze(t, text, "-format", "json", "-tokens", "-unicode-offsets", "-")
	if code != 0 {
		t.Fatal(code)
	}
	checkDocument(t, text, out)
	if !strings.Contains(out, `"utf16_start"`) || !strings.Contains(out, `"rune_end"`) {
		t.Error("-unicode-offsets added no rune/UTF-16 offsets")
	}
}

func TestInvalidUTF8Warning(t *testing.T) {
	text := "بغداد \xff\xfe واشنطن"
	out, errOut, code := runAnalyze(t, text, "-format", "json", "-tokens", "-")
	if code != 0 {
		t.Fatal(code)
	}
	if !strings.Contains(out, `"kind": "invalid"`) || !strings.Contains(out, "2 bytes of invalid UTF-8") {
		t.Errorf("invalid bytes not reported:\n%s", out)
	}
	if !strings.Contains(errOut, "invalid UTF-8") {
		t.Errorf("no warning on stderr: %q", errOut)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no file", nil, 2, "usage"},
		{"missing file", []string{"does-not-exist.txt"}, 1, "does-not-exist.txt"},
		{"bad format", []string{"-format", "xml", "-"}, 2, `unknown -format "xml"`},
		{"bad flag", []string{"-nope", "-"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runAnalyze(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.msg)
			}
		})
	}
}

func TestEmptyInput(t *testing.T) {
	out, _, code := runAnalyze(t, "", "-format", "json", "-tokens", "-")
	if code != 0 || !strings.Contains(out, `"sentences": []`) {
		t.Errorf("exit %d, output %q", code, out)
	}
}

func TestUserGazetteer(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "people.tsv")
	if err := os.WriteFile(list, []byte("PER\tهدى العطار\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := "التقت هدى العطار وفد بغداد"
	out, errOut, code := runAnalyze(t, text, "-format", "json", "-gazetteer", list, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"per:list:`) || !strings.Contains(out, `"loc:city:baghdad"`) {
		t.Errorf("user and default gazetteers not both used:\n%s", out)
	}
	out, _, code = runAnalyze(t, text, "-format", "json", "-no-default-gazetteer", "-gazetteer", list, "-")
	if code != 0 || strings.Contains(out, "loc:city:baghdad") || !strings.Contains(out, `"per:list:`) {
		t.Errorf("-no-default-gazetteer: exit %d\n%s", code, out)
	}
	if _, errOut, code := runAnalyze(t, text, "-no-default-gazetteer", "-"); code != 1 || !strings.Contains(errOut, "-no-default-gazetteer needs") {
		t.Errorf("no gazetteer at all: exit %d, %q", code, errOut)
	}
}
