package khabar

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxFileLines is the most lines a Go file other than a test may have
// (issue 14): a file that grows past it holds two jobs, and is split
// where they part.
const maxFileLines = 800

// TestFileLength checks that no Go file of the repository but tests, in
// any of its modules, is over maxFileLines lines.
func TestFileLength(t *testing.T) {
	n := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		if lines := bytes.Count(data, []byte("\n")); lines > maxFileLines {
			t.Errorf("%s has %d lines, want ≤ %d: split it where its jobs part", path, lines, maxFileLines)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("read %d Go files, want the whole repository (100 or more)", n)
	}
}
