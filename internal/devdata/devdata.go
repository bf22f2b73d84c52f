// Package devdata finds the evaluation data that tests and benchmarks of
// Khabar read from ../shared/data beside the repository (never part of
// it), and skips them with a clear message when it is absent, as on a
// fresh clone elsewhere.
package devdata

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// root is the repository's root directory, found from this file's path.
var root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// Path returns the path of a file or directory of ../shared/data, given
// relative to it ("news-topics-dev/ant-v2.1-dev.jsonl").
func Path(rel string) string { return filepath.Join(root, "..", "shared", "data", rel) }

// Repo returns the path of a file of the repository, given relative to
// its root ("testdata/splits/news-topics-dev.tsv").
func Repo(rel string) string { return filepath.Join(root, rel) }

// NewsTopicsDev is the labelled dev set of news articles, relative to
// ../shared/data.
const NewsTopicsDev = "news-topics-dev/ant-v2.1-dev.jsonl"

// Open opens a file of ../shared/data, or skips tb with a message naming
// it when it is absent.
func Open(tb testing.TB, rel string) *os.File {
	tb.Helper()
	f, err := os.Open(Path(rel))
	if err != nil {
		tb.Skipf("evaluation data absent (%v): skipping", err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// Texts returns "title\ntext" of each article of the labelled dev set,
// or skips tb when it is absent.
func Texts(tb testing.TB) []string {
	tb.Helper()
	f := Open(tb, NewsTopicsDev)
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, rec.Title+"\n"+rec.Text)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return texts
}
