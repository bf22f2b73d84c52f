package article

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// readArticle returns testdata/articles/name.
func readArticle(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// render prints one block a line: line number, kind, byte offsets and the
// start of the text, with line breaks shown as ⏎.
func render(text string, st Structure) string {
	var b strings.Builder
	for _, blk := range st.Blocks {
		s := blk.Text(text)
		if utf8.RuneCountInString(s) > 70 {
			s = string([]rune(s)[:70]) + "…"
		}
		s = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎").Replace(s)
		fmt.Fprintf(&b, "%3d %-15s %5d:%-5d %s\n", blk.Line, blk.Kind, blk.Start, blk.End, s)
	}
	return b.String()
}

// TestGolden parses the articles in testdata/articles (ours) and
// ../testdata/articles (the project's fixtures) and compares with
// testdata/golden/<name>.golden (rewrite with -update).
func TestGolden(t *testing.T) {
	var files []string
	for _, pattern := range []string{"testdata/articles/*.txt", "../testdata/articles/*.txt"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no articles in testdata/articles")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		if strings.HasPrefix(f, "..") {
			name = "project-" + name
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			st := Parse(text)
			checkInvariants(t, text, st)
			got := render(text, st)
			golden := filepath.Join("testdata", "golden", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./article -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("structure differs from %s; check and run with -update:\n%s", golden, got)
			}
		})
	}
}

// TestProjectArticles checks the footer of the project's fixtures, which
// copy the look of the seed article: two boilerplate lines at the end, a
// duplicate title, two datelines and three subheadings.
func TestProjectArticles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	if len(files) == 0 {
		t.Skip("no ../testdata/articles")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		st := Parse(text)
		count := map[Kind]int{}
		for _, b := range st.Blocks {
			count[b.Kind]++
		}
		if count[Title] != 1 || count[DuplicateTitle] != 1 || count[Dateline] != 2 || count[Subheading] != 3 || count[Boilerplate] != 2 {
			t.Errorf("%s: %v", f, count)
		}
		last := st.Blocks[len(st.Blocks)-2:]
		if last[0].Kind != Boilerplate || !strings.Contains(last[0].Text(text), "whatsapp") || last[1].Kind != Boilerplate {
			t.Errorf("%s: footer %v %v", f, last[0], last[1])
		}
	}
}
