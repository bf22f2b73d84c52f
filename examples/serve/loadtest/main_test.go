package main

import (
	"bytes"
	"context"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestShortRun runs the load test briefly against an in-process server:
// it must answer every request and report its figures.
func TestShortRun(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"-c", "4", "-d", "1s", "-articles", "../../../testdata/articles/*.txt"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d\n%s%s", code, stdout.String(), stderr.String())
	}
	out := stdout.String()
	for _, re := range []string{`requests: [1-9]\d* answered in .*requests/s`, `latency: p50 \S+, p90 \S+, p99 \S+, max \S+`, `(?m)^errors: 0$`} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", re, out)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-c", "0"}, {"-mode", "xml"}, {"extra"}, {"-articles", "no/such/*.txt"}} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != 2 {
			t.Errorf("%v: exit status %d, want 2", args, code)
		}
		if !strings.HasPrefix(stderr.String(), "loadtest: ") {
			t.Errorf("%v: stderr %q", args, stderr.String())
		}
	}
}

// TestLargeClients runs the load test briefly with clients posting a long
// article beside the small ones: both latencies and the peak memory are
// reported.
func TestLargeClients(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses long articles")
	}
	var stdout, stderr bytes.Buffer
	args := []string{"-c", "2", "-large", "2", "-large-bytes", "65536", "-d", "2s", "-articles", "../../../testdata/articles/*.txt"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d\n%s%s", code, stdout.String(), stderr.String())
	}
	out := stdout.String()
	want := []string{`and 2 clients posting a 6\d{4}-byte article`, `(?m)^small: [1-9]\d* answered, p50 `, `(?m)^large: (\d+ answered, p50 |none answered)`,
		`(?m)^shed: \d+ large requests`, `(?m)^errors: 0$`}
	if runtime.GOOS == "linux" {
		want = append(want, `(?m)^rss: peak \d+ MB$`)
	}
	for _, re := range want {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", re, out)
		}
	}
}
