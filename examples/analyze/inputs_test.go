package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func TestLineReader(t *testing.T) {
	long := strings.Repeat("ب", 40) // 80 bytes
	tests := []struct {
		name  string
		input string
		want  []string // "!" marks a line too long
	}{
		{"empty", "", nil},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"final newline", "a\nb\n", []string{"a", "b"}},
		{"crlf", "a\r\nb\r\n", []string{"a", "b"}},
		{"blank lines", "\n\na\n", []string{"", "", "a"}},
		{"too long", "a\n" + long + "\nb", []string{"a", "!", "b"}},
		{"too long at the end", "a\n" + long, []string{"a", "!"}},
		{"at the limit", strings.Repeat("x", 64) + "\r\n", []string{strings.Repeat("x", 64)}},
	}
	for _, tt := range tests {
		for _, slow := range []bool{false, true} {
			var r io.Reader = strings.NewReader(tt.input)
			if slow {
				r = iotest.OneByteReader(r)
			}
			// A 16-byte buffer makes long lines span several ReadSlice calls.
			lr := lineReader{r: bufio.NewReaderSize(r, 16), max: 64}
			var got []string
			for {
				line, tooLong, err := lr.next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if tooLong {
					got = append(got, "!")
				} else {
					got = append(got, string(line))
				}
				if lr.line != len(got) {
					t.Errorf("%s: line %d after %d lines", tt.name, lr.line, len(got))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("%s (slow %v): %q, want %q", tt.name, slow, got, tt.want)
			}
		}
	}
}

func TestParseArticle(t *testing.T) {
	tests := []struct {
		line, id, title, body, source, meta, err string
	}{
		{line: `{"id":"x","title":"ع","text":"ن"}`, id: "x", title: "ع", body: "ن"},
		{line: `{"id":123,"body":"ن","url":"https://e.example/1","category":"sport"}`, id: "123", body: "ن", meta: "category,url"},
		{line: `{"id":"s","text":"ن","source":"bbc_arabic","url":"u"}`, id: "s", body: "ن", source: "bbc_arabic", meta: "source,url"},
		{line: `{"id":null,"title":null,"text":""}`},
		{line: `{"text":"ن","source":7}`, err: `"source" is 7, want a string`},
		{line: `{"id":"x"}`, err: `no "text" field`},
		{line: `{"text":5}`, err: `"text" is 5, want a string`},
		{line: `{"id":[1],"text":""}`, err: `"id" is [1], want a string or a number`},
		{line: `{"title":{},"text":""}`, err: `"title" is {}, want a string`},
		{line: `null`, err: "want a JSON object, got null"},
		{line: `"text"`, err: "want a JSON object, got string"},
		{line: `{"text":"ن"`, err: "malformed JSONL: unexpected end of JSON input"},
	}
	for _, tt := range tests {
		art, meta, err := parseArticle([]byte(tt.line))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.line, err, tt.err)
			}
			continue
		}
		var keys []string
		for k := range meta {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if err != nil || art.ID != tt.id || art.Title != tt.title || art.Body != tt.body || art.Source != tt.source || strings.Join(keys, ",") != tt.meta {
			t.Errorf("%s: %+v %v %v", tt.line, art, keys, err)
		}
	}
}

func TestLooksLikeJSONL(t *testing.T) {
	for input, want := range map[string]bool{
		`{"text":"ن"}`:             true,
		"\ufeff \n\t{":             true,
		"خبر {":                    false,
		"":                         false,
		strings.Repeat(" ", 100e3): false,
	} {
		if got := looksLikeJSONL(bufio.NewReaderSize(strings.NewReader(input), 64<<10)); got != want {
			t.Errorf("%.20q: %v, want %v", input, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.jsonl"), "{}\n\n  \n{}\n{}")
	writeFile(t, filepath.Join(dir, "sub", "b.txt"), "x")
	writeFile(t, filepath.Join(dir, "c.md"), "x")
	n, known := count(t.Context(), []string{dir, "missing"}, false)
	if n != 5 || !known {
		t.Errorf("count = %d, %v; want 5 (3 lines, 1 text, 1 missing), true", n, known)
	}
	if _, known := count(t.Context(), []string{dir, "-"}, false); known {
		t.Error("standard input counted")
	}
	var errs []error
	sources([]string{filepath.Join(dir, "missing")}, false, func(s source) bool {
		errs = append(errs, s.err)
		return true
	})
	if len(errs) != 1 || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("missing input: %v", errs)
	}
}

// TestWalkSkipsWhatIsNotAFile checks that a directory walk reads regular
// files and links to them, passes over FIFOs, links to FIFOs and links to
// directories without waiting on them, and reports a dangling link
// (issue 15: a link to a FIFO hung analyze forever).
func TestWalkSkipsWhatIsNotAFile(t *testing.T) {
	if !canMakeFIFO {
		t.Skip("no FIFOs on this system")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "نص")
	writeFile(t, filepath.Join(dir, "sub", "z.txt"), "نص")
	fifo := filepath.Join(t.TempDir(), "fifo.txt")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for link, target := range map[string]string{
		"b-fifo.txt":      fifo,
		"c-file.txt":      filepath.Join(dir, "a.txt"),
		"d-dir.txt":       filepath.Join(dir, "sub"),
		"e-nowhere.txt":   filepath.Join(dir, "missing"),
		"f-fifo-in.jsonl": fifo,
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("symlink: %v", err)
		}
	}
	if err := mkfifo(filepath.Join(dir, "g-fifo.txt")); err != nil {
		t.Fatal(err)
	}
	done := make(chan []string)
	go func() {
		var got []string
		sources([]string{dir}, false, func(s source) bool {
			name, _ := filepath.Rel(dir, s.name)
			if s.err != nil {
				name += " (error)"
			}
			got = append(got, name)
			return true
		})
		done <- got
	}()
	select {
	case got := <-done:
		want := []string{"a.txt", "c-file.txt", "e-nowhere.txt (error)", filepath.Join("sub", "z.txt")}
		if !slices.Equal(got, want) {
			t.Errorf("walk found %q, want %q", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the walk hung")
	}

	// The program reads the files after the FIFO and reports the dangling
	// link.
	out, errOut, code := runAnalyze(t, "", "-format", "jsonl", "-progress", "off", dir)
	if code != 1 || strings.Count(out, "\n") != 3 || !strings.Contains(errOut, "e-nowhere.txt") {
		t.Errorf("exit %d, %d results\n%s", code, strings.Count(out, "\n"), errOut)
	}
}
