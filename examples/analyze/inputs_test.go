package main

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

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
