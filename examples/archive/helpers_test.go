package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
)

// fixture is the JSONL written for these tests: seven articles, a
// malformed line (line 4), a blank line and an article without text
// (line 7).
const fixture = "testdata/articles.jsonl"

// devArticles returns the 1,800 labelled dev articles, or skips the test
// when the evaluation data is absent (a fresh clone elsewhere).
func devArticles(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("../../../shared/data/news-topics-dev/ant-v2.1-dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("evaluation data absent (%v): this test runs where ../shared/data is", err)
	}
	return p
}

// runArchive runs the program in this process, on Prism.
func runArchive(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), code
}

var (
	analyzeOnce sync.Once
	analyzeBin  string
	analyzeErr  error
)

// analyzeProgram returns the analyze program, built once from ../analyze.
func analyzeProgram(t *testing.T) string {
	t.Helper()
	analyzeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "khabar-archive-test-")
		if err != nil {
			analyzeErr = err
			return
		}
		analyzeBin = filepath.Join(dir, "analyze")
		cmd := exec.Command("go", "build", "-o", analyzeBin, ".")
		cmd.Dir = "../analyze"
		if out, err := cmd.CombinedOutput(); err != nil {
			analyzeErr = err
			analyzeBin = string(out)
		}
	})
	if analyzeErr != nil {
		t.Fatalf("building ../analyze: %v\n%s", analyzeErr, analyzeBin)
	}
	return analyzeBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if analyzeBin != "" && analyzeErr == nil {
		os.RemoveAll(filepath.Dir(analyzeBin))
	}
	os.Exit(code)
}

// runAnalyze runs the analyze program in the folder of this package and
// returns its standard output; a failed article makes it exit 1, which is
// not an error here.
func runAnalyze(t *testing.T, args ...string) (string, string) {
	t.Helper()
	cmd := exec.Command(analyzeProgram(t), args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("analyze %q: %v\n%s", args, err, errOut.String())
		}
	}
	return out.String(), errOut.String()
}

// readLines returns the lines of the files matching pattern (local or on
// a Beam file system), in file order.
func readLines(t *testing.T, pattern string) []string {
	t.Helper()
	ctx := context.Background()
	fs, err := filesystem.New(ctx, pattern)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	files, err := fs.List(ctx, pattern)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	var lines []string
	for _, f := range files {
		b, err := filesystem.Read(ctx, fs, f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return lines
}

// byID maps JSONL lines by their "id".
func byID(t *testing.T, lines []string) map[string]string {
	t.Helper()
	m := make(map[string]string, len(lines))
	for _, l := range lines {
		var v struct{ ID string }
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("%v: %.100s", err, l)
		}
		if _, dup := m[v.ID]; dup {
			t.Errorf("id %q twice", v.ID)
		}
		m[v.ID] = l
	}
	return m
}

// deadLetters reads the dead letters of the files matching pattern.
func deadLetters(t *testing.T, pattern string) []deadLetter {
	t.Helper()
	var out []deadLetter
	for _, l := range readLines(t, pattern) {
		var d deadLetter
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b deadLetter) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return out
}

// sameLines checks that got and want hold the same lines by id.
func sameLines(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d lines, want %d", len(got), len(want))
	}
	diff := 0
	for id, w := range want {
		if g, ok := got[id]; !ok {
			t.Errorf("%s: missing", id)
			diff++
		} else if g != w {
			t.Errorf("%s differs:\n got %.300s\nwant %.300s", id, g, w)
			diff++
		}
		if diff == 5 {
			t.Fatal("and more")
		}
	}
}
