package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// syncBuffer is a bytes.Buffer that run may write while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listeningRE = regexp.MustCompile(`listening on (http://[^/\s]+)/`)

// start runs the program on a free port until the returned stop is
// called, which returns the exit status.
func start(t *testing.T, args ...string) (url string, stderr *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), stderr) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := listeningRE.FindStringSubmatch(stderr.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d before listening:\n%s", code, stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start:\n%s", stderr)
		}
	}
	var once sync.Once
	code := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop")
			}
		})
		return code
	}
	t.Cleanup(func() { stop() })
	return url, stderr, stop
}

// TestServeAndShutdown starts the program, uses the API and the page,
// then stops it as SIGTERM would, while a request is in flight.
func TestServeAndShutdown(t *testing.T) {
	url, stderr, stop := start(t, "-access-log=true")
	resp, err := http.Get(url + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Get(url + "/")
	if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("page: %v %v", resp, err)
	}
	resp.Body.Close()

	text, err := os.ReadFile("../../testdata/articles/economy.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Requests in flight when the server is told to stop are answered.
	var wg sync.WaitGroup
	codes := make(chan int, 8)
	for range 8 {
		wg.Go(func() {
			resp, err := http.Post(url+"/v1/analyze", "text/plain; charset=utf-8", bytes.NewReader(text))
			if err != nil {
				codes <- -1
				return
			}
			var res struct {
				Entities []struct {
					Mentions []struct {
						Text       string
						Start, End int
					}
				}
			}
			if json.NewDecoder(resp.Body).Decode(&res) != nil || len(res.Entities) == 0 {
				codes <- -2
			} else {
				codes <- resp.StatusCode
			}
			resp.Body.Close()
		})
	}
	time.Sleep(5 * time.Millisecond)
	if code := stop(); code != 0 {
		t.Errorf("exit status %d after shutdown, want 0\n%s", code, stderr)
	}
	wg.Wait()
	close(codes)
	for c := range codes {
		// A request sent after the listener closed fails to connect (-1);
		// one that was accepted must be answered in full.
		if c != 200 && c != -1 {
			t.Errorf("request during shutdown: %d", c)
		}
	}
	log := stderr.String()
	for _, want := range []string{"shutting down", "stopped", "path=/healthz status=200"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

// TestGazetteerFlag adds a gazetteer file and finds its entry.
func TestGazetteerFlag(t *testing.T) {
	file := filepath.Join(t.TempDir(), "extra.tsv")
	tsv := "id\ttype\tsubtype\tname\tname_en\taliases\tdemonyms\tcountry\tparent\twikidata\tprior\n" +
		"org:test-khabar-weekly\tORG\tnewspaper\tأسبوعية خبر التجريبية\tKhabar Test Weekly\t\t\t\t\t\t0.5\n"
	if err := os.WriteFile(file, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	url, _, _ := start(t, "-gazetteer", file, "-access-log=false")
	text := "عنوان\n\nنشرت أسبوعية خبر التجريبية تقريراً عن بغداد."
	resp, err := http.Post(url+"/v1/analyze", "text/plain", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		Entities []struct {
			ID     string `json:"id"`
			NameEN string `json:"name_en"`
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range res.Entities {
		ids[e.ID] = true
	}
	if !ids["org:test-khabar-weekly"] || !ids["loc:city:baghdad"] {
		t.Errorf("entities %+v: want the added one and the default one", res.Entities)
	}
}

// TestModelFlag trains a small topic classifier on the test articles,
// saves it, and serves with it: answers then carry its topics.
func TestModelFlag(t *testing.T) {
	var docs []topics.LabeledDoc
	for _, name := range []string{"politics", "economy", "sport", "technology"} {
		b, err := os.ReadFile("../../testdata/articles/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(b), "\n")
		docs = append(docs, topics.LabeledDoc{ID: name, Category: name, Title: title, Text: body})
	}
	space, err := topics.NewSpaceLabeled(docs, topics.DefaultTitleWeight, tfidf.TermOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := topics.TrainCentroid(space, docs)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "model.bin")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	url, _, _ := start(t, "-model", file, "-topics", "2", "-access-log=false")
	sport, err := os.ReadFile("../../testdata/articles/sport.txt")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(url+"/v1/analyze", "text/plain", bytes.NewReader(sport))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		Topics []struct {
			ID    string  `json:"id"`
			Label string  `json:"label"`
			Score float64 `json:"score"`
		} `json:"topics"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	if len(res.Topics) != 2 || res.Topics[0].ID != "sport" {
		t.Errorf("topics %+v, want 2 with sport first", res.Topics)
	}
}

// TestUsage checks the refusals before the server starts.
func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown flag", []string{"-nope"}, 2, "flag provided but not defined"},
		{"stray argument", []string{"article.txt"}, 2, "unexpected argument"},
		{"negative topics", []string{"-topics", "-1"}, 2, "-topics"},
		{"zero max bytes", []string{"-max-bytes", "0"}, 2, "-max-bytes"},
		{"negative byte budget", []string{"-max-inflight-bytes", "-1"}, 2, "-max-inflight-bytes"},
		{"zero queue wait", []string{"-max-queue-wait", "0s"}, 2, "-max-queue-wait"},
		{"no gazetteer at all", []string{"-no-default-gazetteer"}, 2, "-no-default-gazetteer"},
		{"missing model", []string{"-model", filepath.Join(t.TempDir(), "none.bin")}, 1, "-model"},
		{"not a model", []string{"-model", "main.go"}, 1, "-model main.go"},
		{"missing gazetteer", []string{"-gazetteer", filepath.Join(t.TempDir(), "none.tsv")}, 1, "none.tsv"},
		{"bad address", []string{"-addr", "127.0.0.1:99999"}, 1, "serve:"},
		{"help", []string{"-h"}, 0, "usage: serve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr syncBuffer
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // should the server start, it stops at once
			if code := run(ctx, tt.args, &stderr); code != tt.code {
				t.Errorf("exit status %d, want %d\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr.String())
			}
		})
	}
}
