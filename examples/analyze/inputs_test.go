package main

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
