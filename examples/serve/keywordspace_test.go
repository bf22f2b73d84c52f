package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// TestKeywordSpaceFlag checks -keyword-space: the server's keywords are
// those of an Analyzer given the saved space, and a file that is not a
// space stops the server from starting.
func TestKeywordSpaceFlag(t *testing.T) {
	var texts []string
	for _, name := range []string{"politics", "economy", "sport", "technology"} {
		b, err := os.ReadFile("../../testdata/articles/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	space, err := tfidf.NewSpace(texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "space.bin")
	var buf bytes.Buffer
	if _, err := space.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	url, _, _ := start(t, "-keyword-space", file, "-keywords", "5", "-access-log=false")
	resp, err := http.Post(url+"/v1/analyze", "text/plain", strings.NewReader(texts[1]))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		Keywords []struct {
			Term string `json:"term"`
		} `json:"keywords"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range res.Keywords {
		got = append(got, k.Term)
	}
	a, err := khabar.New(khabar.WithKeywordSpace(space), khabar.WithKeywords(5))
	if err != nil {
		t.Fatal(err)
	}
	want, err := a.Analyze(context.Background(), texts[1])
	if err != nil {
		t.Fatal(err)
	}
	var wantTerms []string
	for _, k := range want.Keywords {
		wantTerms = append(wantTerms, k.Term)
	}
	if len(got) != 5 || !slices.Equal(got, wantTerms) {
		t.Errorf("keywords %q, want the Analyzer's with the space: %q", got, wantTerms)
	}

	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code := run(ctx, []string{"-keyword-space", "main.go"}, &stderr); code != 1 || !strings.Contains(stderr.String(), "-keyword-space main.go: tfidf: not a saved TF-IDF space") {
		t.Errorf("-keyword-space main.go: exit %d, %q", code, stderr.String())
	}
}
