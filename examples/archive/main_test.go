package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestUsage checks the refusals before any job starts.
func TestUsage(t *testing.T) {
	dir := t.TempDir()
	notModel := filepath.Join(dir, "model.bin")
	if err := os.WriteFile(notModel, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, "usage: archive analyze"},
		{"unknown command", []string{"serve"}, 2, `unknown command "serve"`},
		{"help", []string{"analyze", "-h"}, 0, "-keyword-space"},
		{"no input", []string{"analyze", "-output", dir}, 2, "-input GLOB is required"},
		{"no output", []string{"fit", "-input", fixture}, 2, "-output is required"},
		{"stray argument", []string{"analyze", "-input", fixture, "-output", dir, "more.jsonl"}, 2, "unexpected argument"},
		{"bad reshuffle", []string{"entities", "-input", fixture, "-output", dir, "-reshuffle", "maybe"}, 2, "-reshuffle"},
		{"negative j", []string{"analyze", "-input", fixture, "-output", dir, "-j", "-1"}, 2, "-j -1"},
		{"input folder", []string{"analyze", "-input", "testdata", "-output", dir}, 1, "is a folder; give a file pattern such as testdata/*.jsonl"},
		{"no match", []string{"analyze", "-input", "testdata/*.csv", "-output", dir}, 1, "no file matches"},
		{"output is a file", []string{"analyze", "-input", fixture, "-output", fixture}, 1, "is a file; give a folder"},
		{"fit output is a folder", []string{"fit", "-input", fixture, "-output", dir}, 1, "is a folder; give a file name"},
		{"bad model", []string{"analyze", "-input", fixture, "-output", dir, "-model", notModel}, 1, "not a saved topic classifier"},
		{"bad ner-model", []string{"entities", "-input", fixture, "-output", dir, "-ner-model", notModel}, 1, "-ner-model"},
		{"missing gazetteer", []string{"entities", "-input", fixture, "-output", dir, "-gazetteer", filepath.Join(dir, "none.tsv")}, 1, "none.tsv"},
		{"no gazetteer at all", []string{"entities", "-input", fixture, "-output", dir, "-no-default-gazetteer"}, 1, "-no-default-gazetteer needs at least one -gazetteer FILE"},
		{"bad min-df", []string{"fit", "-input", fixture, "-output", filepath.Join(dir, "s.bin"), "-min-df", "0"}, 2, "-min-df 0"},
		{"bad max-df", []string{"fit", "-input", fixture, "-output", filepath.Join(dir, "s.bin"), "-max-df", "1.5"}, 2, "-max-df 1.5"},
		{"bad min-articles", []string{"entities", "-input", fixture, "-output", dir, "-min-articles", "0"}, 2, "-min-articles 0"},
		{"worker flags without a worker", []string{"--id", "1"}, 2, "usage: archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runArchive(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
				t.Errorf("exit %d, want %d and %q:\n%s%s", code, tt.code, tt.want, stdout, stderr)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("refused runs wrote into %s: %d entries", dir, len(entries))
	}
}

func TestPaths(t *testing.T) {
	for p, want := range map[string]bool{
		"gs://bucket/a/*.jsonl": true,
		"s3://b/x":              true,
		"memfs://x":             true,
		"archive/*.jsonl":       false,
		"/data/a.jsonl":         false,
		"./odd://name":          false,
		`C:\data\a.jsonl`:       false,
	} {
		if got := hasScheme(p); got != want {
			t.Errorf("hasScheme(%q) = %v", p, got)
		}
	}
	if got := joinPath("gs://b/out/", "x.jsonl"); got != "gs://b/out/x.jsonl" {
		t.Errorf("joinPath: %q", got)
	}
	for _, tt := range []struct {
		output, dir, prefix string
	}{
		{"space.bin", ".", "space.bin.dead-letters"},
		{"gs://b/models/space.bin", "gs://b/models", "space.bin.dead-letters"},
	} {
		c := fitCommand()
		c.c.output = tt.output
		if dir, prefix := c.deadLetters(); dir != tt.dir || prefix != tt.prefix {
			t.Errorf("%s: dead letters %s %s, want %s %s", tt.output, dir, prefix, tt.dir, tt.prefix)
		}
	}
}

func TestPool(t *testing.T) {
	for _, workers := range []int{1, 3, 0} {
		p := newPool(workers, func(n int) int {
			if n == 7 {
				panic("seven")
			}
			return n * n
		}, func(n int, r any) int { return -n })
		var got []int
		emit := func(n int) { got = append(got, n) }
		for n := range 20 {
			p.put(n, emit)
		}
		p.finish(emit)
		slices.Sort(got)
		var want []int
		for n := range 20 {
			if n == 7 {
				want = append(want, -7)
			} else {
				want = append(want, n*n)
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("workers %d: %v, want %v", workers, got, want)
		}
	}
}

// TestREADMECommands parses every archive command the README's section
// shows, and checks that every Beam flag it names exists: a command
// copied from the README must not fail on its flags.
func TestREADMECommands(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "### `examples/archive`")
	if start < 0 {
		t.Fatal("no archive section in the README")
	}
	section := text[start:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	// Beam's flags are global: put them back as they were.
	saved := map[string]string{}
	flag.CommandLine.VisitAll(func(f *flag.Flag) { saved[f.Name] = f.Value.String() })
	defer flag.CommandLine.VisitAll(func(f *flag.Flag) {
		if f.Value.String() != saved[f.Name] {
			f.Value.Set(saved[f.Name])
		}
	})
	commands := 0
	for _, block := range strings.Split(section, "```sh\n")[1:] {
		block = block[:strings.Index(block, "```")]
		for _, line := range strings.Split(strings.ReplaceAll(block, "\\\n", " "), "\n") {
			if i := strings.Index(line, "#"); i >= 0 {
				line = line[:i]
			}
			for _, part := range strings.Split(line, "&&") {
				words := strings.Fields(strings.ReplaceAll(part, "'", ""))
				if len(words) < 4 || words[0] != "go" || words[1] != "run" || words[2] != "." {
					continue
				}
				commands++
				c := commandNamed(words[3])
				if c == nil {
					t.Errorf("%s: no such command", part)
					continue
				}
				var stderr strings.Builder
				if code, ok := c.parse(words[4:], &stderr); !ok {
					t.Errorf("%s: exit %d: %s", strings.Join(words, " "), code, stderr.String())
				}
			}
		}
	}
	if commands < 5 {
		t.Errorf("%d archive commands found in the README, want the 5 it shows at least", commands)
	}
	for _, name := range regexp.MustCompile("`--([a-z_]+)").FindAllStringSubmatch(section, -1) {
		if flag.CommandLine.Lookup(name[1]) == nil {
			t.Errorf("the README names --%s, which Beam does not have", name[1])
		}
	}
}
