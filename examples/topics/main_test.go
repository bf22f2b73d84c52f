package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/topics"
)

const (
	storiesFile  = "testdata/stories.jsonl"
	labelledFile = "testdata/labelled.jsonl"
)

func runTopics(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUsage(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m.bin")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no command", nil, 2, "usage:"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"help", []string{"help"}, 0, "topics cluster"},
		{"train -h", []string{"train", "-h"}, 0, "-classifier"},
		{"train without file", []string{"train", "-o", model}, 2, "FILE.jsonl argument is required"},
		{"train without -o", []string{"train", labelledFile}, 2, "-o FILE is required"},
		{"train bad classifier", []string{"train", "-o", model, "-classifier", "svm", labelledFile}, 2, `-classifier "svm"`},
		{"train two files", []string{"train", "-o", model, labelledFile, storiesFile}, 2, "unexpected argument"},
		{"train unknown flag", []string{"train", "-frobnicate", labelledFile}, 2, "frobnicate"},
		{"train missing file", []string{"train", "-o", model, "testdata/nope.jsonl"}, 1, "nope.jsonl"},
		{"train unwritable output", []string{"train", "-o", filepath.Join(t.TempDir(), "no", "such", "dir", "m.bin"), labelledFile}, 1, "no such"},
		{"cluster without file", []string{"cluster"}, 2, "FILE.jsonl argument is required"},
		{"cluster negative k", []string{"cluster", "-k", "-1", storiesFile}, 2, "-k must be 0 or more"},
		{"cluster missing file", []string{"cluster", "testdata/nope.jsonl"}, 1, "nope.jsonl"},
		{"cluster too many clusters", []string{"cluster", "-k", "12", storiesFile}, 1, "more stories asked for than documents"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runTopics(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out+errOut, tc.msg) {
				t.Errorf("output lacks %q:\n%s%s", tc.msg, out, errOut)
			}
		})
	}
	if _, err := os.Stat(model); err == nil {
		t.Error("a failed train left a model file")
	}
}

func TestTrain(t *testing.T) {
	for _, kind := range []string{"linear", "centroid", "bayes"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			model := filepath.Join(dir, "model.bin")
			// Flags after the file are accepted too.
			out, errOut, code := runTopics(t, "train", labelledFile, "-o", model, "-classifier", kind)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if !strings.Contains(errOut, "15 articles") || !strings.Contains(errOut, "3 labels") {
				t.Errorf("stderr: %s", errOut)
			}
			f, err := os.Open(model)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			c, err := topics.ReadClassifier(f)
			if err != nil {
				t.Fatal(err)
			}
			if c.Kind().String() != kind {
				t.Errorf("kind %v, want %s", c.Kind(), kind)
			}
			if got := c.Labels(); !slices.Equal(got, []string{"economy", "health", "sport"}) {
				t.Errorf("labels %v", got)
			}
			for text, want := range map[string]string{
				"سجل اللاعب هدفا وفاز الفريق في المباراة":          "sport",
				"رفع البنك المركزي الفائدة وتراجعت الأسهم":         "economy",
				"دعت وزارة الصحة المرضى إلى التطعيم في المستشفيات": "health",
			} {
				if got := c.Score(topics.Document{Text: text})[0].Label; got != want {
					t.Errorf("%s: %s, want %s", text, got, want)
				}
			}
			// Nothing but the model is left in the directory.
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("directory holds %d files, want only the model", len(entries))
			}
		})
	}
}

func TestTrainMalformed(t *testing.T) {
	path := writeFile(t, "bad.jsonl", `{"id":"1","category":"sport","title":"فوز","text":"فاز الفريق"}
{"id":"2","title":"بلا فئة","text":"نص"}
`)
	_, errOut, code := runTopics(t, "train", "-o", filepath.Join(t.TempDir(), "m.bin"), path)
	if code != 1 || !strings.Contains(errOut, "line 2") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	empty := writeFile(t, "empty.jsonl", "\n\n")
	if _, errOut, code := runTopics(t, "train", "-o", filepath.Join(t.TempDir(), "m.bin"), empty); code != 1 || !strings.Contains(errOut, "no articles") {
		t.Errorf("empty file: exit %d, stderr %q", code, errOut)
	}
}

func TestClusterText(t *testing.T) {
	out, errOut, code := runTopics(t, "cluster", storiesFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "clustering 10 articles") || !strings.Contains(errOut, "3 clusters") {
		t.Errorf("progress on stderr: %q", errOut)
	}
	if !strings.HasPrefix(out, "3 clusters of 9 articles") {
		t.Errorf("first line: %q", strings.SplitN(out, "\n", 2)[0])
	}
	// Each numbered cluster lists the three articles of one story.
	blocks := strings.Split(out, "\n\n")
	stories := map[string]bool{}
	for _, b := range blocks[1:4] {
		lines := strings.Split(strings.TrimSpace(b), "\n")
		if len(lines) != 4 {
			t.Fatalf("cluster block %q: want a label line and 3 articles", b)
		}
		story := ""
		for _, l := range lines[1:] {
			id := strings.Fields(l)[1]
			s := strings.SplitN(id, "-", 2)[0]
			if story != "" && s != story {
				t.Errorf("cluster mixes %s and %s:\n%s", story, s, b)
			}
			story = s
		}
		stories[story] = true
	}
	if len(stories) != 3 {
		t.Errorf("stories %v", stories)
	}
	for _, w := range []string{"الأهلي", "النفط", "الزلزال"} {
		if !strings.Contains(out, w) {
			t.Errorf("labels lack %s:\n%s", w, out)
		}
	}
	if !strings.Contains(out, "unclustered (no usable term): 1 article\n   empty-1") {
		t.Errorf("unclustered article missing:\n%s", out)
	}
}

func TestClusterJSON(t *testing.T) {
	out, errOut, code := runTopics(t, "cluster", "-json", "-k", "3", storiesFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Exactly one JSON object with the documented keys.
	dec := json.NewDecoder(strings.NewReader(out))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatal("more than one JSON value")
	}
	if got, want := keys(raw), []string{"articles", "clusters", "dimensions", "silhouette", "unclustered"}; !reflect.DeepEqual(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	var rawClusters []map[string]json.RawMessage
	if err := json.Unmarshal(raw["clusters"], &rawClusters); err != nil {
		t.Fatal(err)
	}
	for _, c := range rawClusters {
		if got, want := keys(c), []string{"members", "size", "terms"}; !reflect.DeepEqual(got, want) {
			t.Errorf("cluster keys %v, want %v", got, want)
		}
		var members []map[string]any
		json.Unmarshal(c["members"], &members)
		for _, m := range members {
			if got, want := keysAny(m), []string{"category", "id", "similarity", "title"}; !reflect.DeepEqual(got, want) {
				t.Errorf("member keys %v, want %v", got, want)
			}
		}
		var terms []map[string]any
		json.Unmarshal(c["terms"], &terms)
		for _, tm := range terms {
			if got, want := keysAny(tm), []string{"key", "score", "term"}; !reflect.DeepEqual(got, want) {
				t.Errorf("term keys %v, want %v", got, want)
			}
		}
	}

	var got jsonClustering
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Articles != 10 || len(got.Clusters) != 3 || got.Dimensions < 1 || got.Silhouette <= 0 {
		t.Errorf("articles %d, clusters %d, dimensions %d, silhouette %v", got.Articles, len(got.Clusters), got.Dimensions, got.Silhouette)
	}
	for _, c := range got.Clusters {
		if c.Size != len(c.Members) || c.Size != 3 {
			t.Errorf("size %d with %d members", c.Size, len(c.Members))
		}
		cat := c.Members[0].Category
		for _, m := range c.Members {
			if m.Category != cat {
				t.Errorf("cluster mixes %s and %s", cat, m.Category)
			}
			if m.Similarity == nil || *m.Similarity <= 0 {
				t.Errorf("%s: similarity %v", m.ID, m.Similarity)
			}
		}
	}
	if len(got.Unclustered) != 1 || got.Unclustered[0].ID != "empty-1" || got.Unclustered[0].Similarity != nil {
		t.Errorf("unclustered %+v", got.Unclustered)
	}

	// No category in the input: no "category" key; a missing id is #LINE.
	path := writeFile(t, "nocat.jsonl", `{"title":"زلزال في تركيا","text":"ضرب زلزال جنوب تركيا"}
{"id":"b","title":"زلزال جديد في تركيا","text":"زلزال آخر يضرب تركيا"}
`)
	out, errOut, code = runTopics(t, "cluster", "-json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, `"category"`) || !strings.Contains(out, `"id":"#1"`) {
		t.Errorf("output: %s", out)
	}
}

func TestClusterMalformed(t *testing.T) {
	for _, tc := range []struct {
		name, content, msg string
	}{
		{"not JSON", "{\"id\":\"a\",\"title\":\"عنوان\"}\nnot json\n", ":2: "},
		{"no title and text", "{\"id\":\"a\",\"title\":\"عنوان\"}\n\n{\"id\":\"b\",\"title\":\"  \"}\n", ":3: no title and no text"},
		{"invalid UTF-8", "{\"id\":\"a\",\"title\":\"\xff\"}\n", ":1: invalid UTF-8"},
		{"empty", "\n", "no articles"},
		{"only stop words", "{\"id\":\"a\",\"text\":\"في من على\"}\n", "empty vocabulary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "in.jsonl", tc.content)
			_, errOut, code := runTopics(t, "cluster", path)
			if code != 1 || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d, stderr %q, want %q", code, errOut, tc.msg)
			}
		})
	}
}

func TestClusterCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	if code := runContext(ctx, []string{"cluster", storiesFile}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "context canceled") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func keysAny(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestKeywords(t *testing.T) {
	article := "../../testdata/articles/economy.txt"
	out, errOut, code := runTopics(t, "keywords", "-n", "5", article)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 5 {
		t.Errorf("want 5 lines, got:\n%s", out)
	}

	out, errOut, code = runTopics(t, "keywords", "-json", "-background", storiesFile, article)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Keywords []struct {
			Term       string
			Score      float64
			Count      int
			Start, End int
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	text, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Keywords) != 10 {
		t.Fatalf("%d keywords, want 10", len(got.Keywords))
	}
	for _, k := range got.Keywords {
		if k.Score <= 0 || k.Count < 1 || k.Start < 0 || k.End > len(text) || k.Start >= k.End || string(text[k.Start:k.End]) != k.Term {
			t.Errorf("bad keyword %+v", k)
		}
	}
	if !strings.Contains(errOut, "fitting document frequencies on 10 articles") {
		t.Errorf("no progress line for -background: %q", errOut)
	}

	// JSONL articles: one line per article, offsets into title + "\n\n" +
	// text, never the JSON field names as words.
	out, errOut, code = runTopics(t, "keywords", "-json", "-n", "5", storiesFile)
	if code != 0 {
		t.Fatalf("JSONL: exit %d: %s", code, errOut)
	}
	arts, err := readArticles(storiesFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(arts) {
		t.Fatalf("%d lines for %d articles", len(lines), len(arts))
	}
	for i, line := range lines {
		var a struct {
			ID        string `json:"id"`
			BodyStart int    `json:"body_start"`
			Keywords  []struct {
				Term       string
				Start, End int
			}
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.ID != arts[i].ID {
			t.Fatalf("line %d: %v: %s", i+1, err, line)
		}
		full := arts[i].Text
		if arts[i].Title != "" {
			full = arts[i].Title + "\n\n" + arts[i].Text
		}
		if a.BodyStart != len(full)-len(arts[i].Text) {
			t.Errorf("%s: body_start %d", a.ID, a.BodyStart)
		}
		for _, k := range a.Keywords {
			if full[k.Start:k.End] != k.Term || k.Term == "title" || k.Term == "text" {
				t.Errorf("%s: keyword %+v", a.ID, k)
			}
		}
	}

	for _, args := range [][]string{{"keywords"}, {"keywords", "-n", "0", article}} {
		if _, _, code := runTopics(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	if _, errOut, code := runTopics(t, "keywords", "missing.txt"); code != 1 || !strings.Contains(errOut, "missing.txt") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}
