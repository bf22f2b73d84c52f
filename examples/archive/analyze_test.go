package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
)

// TestAnalyzeFixture runs archive analyze on Prism over the fixture and
// checks that every analysis is, byte for byte, the line analyze -format
// jsonl prints for the article, and that the malformed line and the empty
// article are dead letters with their file and line.
func TestAnalyzeFixture(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := runArchive(t, "analyze", "-input", fixture, "-output", out)
	if code != 3 {
		t.Fatalf("exit %d, want 3 (dead letters)\n%s%s", code, stdout, stderr)
	}
	want, _ := runAnalyze(t, "-format", "jsonl", fixture)
	sameLines(t, byID(t, readLines(t, filepath.Join(out, "analyses-*-of-*.jsonl"))), byID(t, strings.Split(strings.TrimSpace(want), "\n")))
	dead := deadLetters(t, filepath.Join(out, "dead-letters-*-of-*.jsonl"))
	wantDead := []deadLetter{
		{File: fixture, Line: 4, Error: "malformed JSONL: unexpected end of JSON input"},
		{File: fixture, Line: 7, ID: "kh-empty", Error: "no text to analyse (no letters or digits)"},
	}
	if fmt.Sprint(dead) != fmt.Sprint(wantDead) {
		t.Errorf("dead letters %+v, want %+v", dead, wantDead)
	}
	if !strings.Contains(stdout, "archive analyze: 9 inputs: 7 analyses") || !strings.Contains(stdout, "2 dead letters") {
		t.Errorf("summary: %s", stdout)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 2 {
		t.Errorf("%d entries in the output folder, want the analyses and the dead letters (no temporary folder left)", len(entries))
	}

	// -ner-model reaches the workers: the embedded model given as a file
	// gives the same analyses.
	withModel := t.TempDir()
	if stdout, stderr, code := runArchive(t, "analyze", "-input", fixture, "-output", withModel, "-ner-model", "../../entities/model/arabic.model"); code != 3 {
		t.Fatalf("-ner-model: exit %d\n%s%s", code, stdout, stderr)
	}
	sameLines(t, byID(t, readLines(t, filepath.Join(withModel, "analyses-*-of-*.jsonl"))), byID(t, strings.Split(strings.TrimSpace(want), "\n")))

	// The same folder again: refused, nothing overwritten.
	if _, stderr, code := runArchive(t, "analyze", "-input", fixture, "-output", out); code != 1 || !strings.Contains(stderr, "from an earlier run") {
		t.Errorf("second run into the same folder: exit %d, %s", code, stderr)
	}
}

// TestAnalyzeDev checks archive analyze against analyze -format jsonl on
// the 1,800 dev articles.
func TestAnalyzeDev(t *testing.T) {
	dev := devArticles(t)
	if testing.Short() {
		t.Skip("-short: 1,800 articles")
	}
	out := t.TempDir()
	stdout, stderr, code := runArchive(t, "analyze", "-input", dev, "-output", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	want, _ := runAnalyze(t, "-format", "jsonl", dev)
	got := byID(t, readLines(t, filepath.Join(out, "analyses-*-of-*.jsonl")))
	if len(got) != 1800 {
		t.Errorf("%d analyses, want 1800", len(got))
	}
	sameLines(t, got, byID(t, strings.Split(strings.TrimSpace(want), "\n")))
	if !strings.Contains(stdout, "1800 inputs: 1800 analyses") {
		t.Errorf("summary: %s", stdout)
	}
}

// TestDeadLetters feeds every kind of bad input and checks that each is a
// dead letter with its file and line, that the good articles of the same
// files are analysed, and that inputs = analyses + dead letters.
func TestDeadLetters(t *testing.T) {
	dir := t.TempDir()
	good := `{"id":"g%d","title":"زيارة","text":"وصل وزير الخارجية إلى بغداد في زيارة رسمية."}`
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	huge := `{"id":"huge","text":"` + strings.Repeat("خبر ", 1<<21) + `"}` // 8 MiB of text
	write("a.jsonl", []byte(strings.Join([]string{
		fmt.Sprintf(good, 1),
		`{"id":"no-text","title":"عنوان"}`,
		`[1, 2]`,
		"",
		`{"id":"blank","text":"   "}`,
		huge,
		fmt.Sprintf(good, 2),
	}, "\n")))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	fmt.Fprintf(zw, good+"\n"+good+"\n{broken\n", 3, 4)
	zw.Close()
	write("b.jsonl.gz", gz.Bytes())
	write("c.jsonl.gz", []byte("not gzip at all\n"))
	truncated := gz.Bytes()[:gz.Len()/2]
	write("d.jsonl.gz", truncated)

	out := t.TempDir()
	stdout, stderr, code := runArchive(t, "analyze", "-input", filepath.Join(dir, "*.jsonl*"), "-output", out, "-keywords", "0")
	if code != 3 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	analyses := byID(t, readLines(t, filepath.Join(out, "analyses-*-of-*.jsonl")))
	for _, id := range []string{"g1", "g2", "g3", "g4"} {
		if _, ok := analyses[id]; !ok {
			t.Errorf("%s not analysed", id)
		}
	}
	dead := deadLetters(t, filepath.Join(out, "dead-letters-*-of-*.jsonl"))
	a, b, c, d := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl.gz"), filepath.Join(dir, "c.jsonl.gz"), filepath.Join(dir, "d.jsonl.gz")
	want := []struct {
		file  string
		line  int
		id    string
		error string
	}{
		{a, 2, "", `no "text" field`},
		{a, 3, "", "want a JSON object, got array"},
		{a, 5, "blank", "no text to analyse"},
		{a, 6, "huge", "khabar: text too large"},
		{b, 3, "", "malformed JSONL"},
		{c, 0, "", "gzip: invalid header"},
		{d, 1, "", "unexpected EOF"},
	}
	if len(dead) != len(want) {
		t.Fatalf("%d dead letters, want %d: %+v", len(dead), len(want), dead)
	}
	for i, w := range want {
		g := dead[i]
		if g.File != w.file || g.Line != w.line || g.ID != w.id || !strings.Contains(g.Error, w.error) {
			t.Errorf("dead letter %d: %+v, want %s:%d %q %q", i, g, w.file, w.line, w.id, w.error)
		}
	}
	// a.jsonl: 6 non-blank lines; b: 3; c: 1 (the file); d: the line being
	// read when the stream broke.
	inputs := 6 + 3 + 1 + 1
	if summary := fmt.Sprintf("%d inputs: %d analyses", inputs, len(analyses)); !strings.Contains(stdout, summary) || len(analyses)+len(dead) != inputs {
		t.Errorf("summary %q, want %q and %d dead letters", stdout, summary, len(dead))
	}
}

// TestAnalyzeFileSystem runs on Beam's in-memory file system, as on a
// cluster's object store: input, output and a gazetteer named by URLs.
func TestAnalyzeFileSystem(t *testing.T) {
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	memfs.Write("memfs://archive/in/articles.jsonl", data)
	memfs.Write("memfs://archive/gazetteer.tsv", []byte("id\ttype\tsubtype\tname\tname_en\taliases\tdemonyms\tcountry\tparent\twikidata\tprior\n"+
		"per:salim-al-haddad\tPER\tminister\tسليم الحداد\tSalim al-Haddad\t\t\tJO\t\t\t0.8\n"))
	stdout, stderr, code := runArchive(t, "analyze", "-input", "memfs://archive/in/*.jsonl", "-output", "memfs://archive/out", "-gazetteer", "memfs://archive/gazetteer.tsv")
	if code != 3 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	got := byID(t, readLines(t, "memfs://archive/out/analyses-*-of-*.jsonl"))
	if len(got) != 7 || !strings.Contains(got["kh-001"], `"id":"per:salim-al-haddad"`) {
		t.Errorf("%d analyses; kh-001 without the gazetteer's entry: %.300s", len(got), got["kh-001"])
	}
	if n := len(readLines(t, "memfs://archive/out/dead-letters-*-of-*.jsonl")); n != 2 {
		t.Errorf("%d dead letters, want 2", n)
	}
	if left := readLines(t, "memfs://archive/out/.tmp-*"); len(left) != 0 {
		t.Errorf("temporary files left: %d lines", len(left))
	}
}
