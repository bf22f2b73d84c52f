package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/examples/archive/internal/stats"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// analysedEntities returns, from analyses (analyze -format jsonl lines),
// the number of articles and of mentions of each entity ID.
func analysedEntities(t *testing.T, analyses []string) (articles, mentions map[string]int) {
	t.Helper()
	articles, mentions = map[string]int{}, map[string]int{}
	for _, l := range analyses {
		var a struct {
			Entities []struct {
				ID    string
				Count int
			}
		}
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Entities {
			articles[e.ID]++
			mentions[e.ID] += e.Count
		}
	}
	return articles, mentions
}

// checkEntities runs archive entities and archive analyze over input and
// checks the entity statistics against the analyses: every entity, with
// its articles and mentions; and that the suggestions load, unchanged, as
// a gazetteer (no line skipped), one entry per new name of at least two
// articles. It returns the entity lines by ID and the suggestions file.
func checkEntities(t *testing.T, input string) (map[string]stats.Line, string) {
	t.Helper()
	out := t.TempDir()
	stdout, stderr, code := runArchive(t, "entities", "-input", input, "-output", out)
	if code != 0 && code != 3 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	an := t.TempDir()
	if _, stderr, code := runArchive(t, "analyze", "-input", input, "-output", an, "-keywords", "0", "-topics", "1"); code != 0 && code != 3 {
		t.Fatalf("analyze: exit %d\n%s", code, stderr)
	}
	articles, mentions := analysedEntities(t, readLines(t, filepath.Join(an, "analyses-*-of-*.jsonl")))

	got := map[string]stats.Line{}
	for _, l := range readLines(t, filepath.Join(out, "entities-*-of-*.jsonl")) {
		var e stats.Line
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		got[e.ID] = e
	}
	if len(got) != len(articles) {
		t.Errorf("%d entities, want the %d of the analyses", len(got), len(articles))
	}
	def, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	newNames := 0
	for id, e := range got {
		if e.Articles != articles[id] || e.Mentions != mentions[id] {
			t.Errorf("%s: %d articles, %d mentions; the analyses say %d, %d", id, e.Articles, e.Mentions, articles[id], mentions[id])
		}
		if _, known := def.Entry(id); len(e.With) > 10 || e.InGazetteer != known {
			t.Errorf("%s: %d co-occurring, in gazetteer %v, want %v", id, len(e.With), e.InGazetteer, known)
		}
		if !e.InGazetteer && e.Articles >= 2 {
			newNames++
		}
	}

	suggestions := filepath.Join(out, suggestionsFile)
	_, stats, err := cli.OpenGazetteer([]string{suggestions}, false)
	if err != nil {
		t.Fatal(err)
	}
	if stats[0].Skipped != 0 || stats[0].Entries != newNames || newNames == 0 {
		t.Errorf("suggestions: %d entries, %d lines skipped; want the %d new names of 2 articles or more", stats[0].Entries, stats[0].Skipped, newNames)
	}
	// analyze -gazetteer loads it as it is: no warning, and the names
	// are now found in the gazetteer, under the same IDs.
	a, x, err := cli.NewAnalyzer(cli.AnalyzerConfig{Gazetteers: []string{suggestions}}, "analyze: ", io.Discard)
	if err != nil || a == nil {
		t.Fatal(err)
	}
	for id, e := range got {
		if e.InGazetteer {
			continue
		}
		if _, ok := x.Entry(id); ok != (e.Articles >= 2) {
			t.Errorf("%s (%d articles): in the gazetteer with the suggestions: %v", id, e.Articles, ok)
		}
	}
	return got, suggestions
}

// named returns the entity of lines named name (its ID is the
// extractor's to choose).
func named(t *testing.T, lines map[string]stats.Line, name string) stats.Line {
	t.Helper()
	for _, l := range lines {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("no entity named %s", name)
	return stats.Line{}
}

func TestEntitiesFixture(t *testing.T) {
	got, suggestions := checkEntities(t, fixture)
	haddad := named(t, got, "سليم الحداد")
	want := stats.Line{Type: "PER", Name: "سليم الحداد", Articles: 3, Mentions: 8,
		FirstDate: "2018-02-18T09:30:00+03:00", LastDate: "2018-03-10T12:00:00+03:00"}
	if haddad.Type != want.Type || haddad.Articles != want.Articles || haddad.Mentions != want.Mentions ||
		haddad.FirstDate != want.FirstDate || haddad.LastDate != want.LastDate || haddad.InGazetteer {
		t.Errorf("%+v, want %+v", haddad, want)
	}
	if len(haddad.Examples) != 3 || haddad.Examples[0].Line != 1 || haddad.Examples[1].Line != 2 || haddad.Examples[2].Line != 9 ||
		!strings.Contains(haddad.Examples[0].Context, "«سليم الحداد»") || haddad.Examples[0].ID != "kh-001" {
		t.Errorf("examples %+v", haddad.Examples)
	}
	if len(haddad.Forms) != 2 || haddad.Forms[0] != (stats.CountedForm{Text: "سليم الحداد", Count: 5}) || haddad.Forms[1] != (stats.CountedForm{Text: "الحداد", Count: 3}) {
		t.Errorf("forms %+v", haddad.Forms)
	}
	if len(haddad.With) == 0 || haddad.With[0].Articles < 1 {
		t.Errorf("with %+v", haddad.With)
	}
	// The article without a readable date counts without one.
	if opec := got["org:opec"]; opec.Articles != 1 || opec.FirstDate != "" {
		t.Errorf("OPEC %+v: want one article, no date", opec)
	}
	b, err := os.ReadFile(suggestions)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	saadi := named(t, got, "فؤاد السعدي")
	first, second := strings.Index(text, "\n"+haddad.ID+"\tPER\t\tسليم الحداد\t"), strings.Index(text, "\n"+saadi.ID+"\tPER\t\tفؤاد السعدي\t")
	if first < 0 || second < first || !strings.Contains(text, "# 3 articles, 8 mentions, 2018-02-18 to 2018-03-10; written سليم الحداد ×5, الحداد ×3\n") {
		t.Errorf("suggestions, most articles first, with their counts:\n%s", text)
	}
}

// TestEntitiesDev runs archive entities on the 1,800 dev articles; the
// new names it suggests load with analyze -gazetteer as they are.
func TestEntitiesDev(t *testing.T) {
	dev := devArticles(t)
	if testing.Short() {
		t.Skip("-short: 1,800 articles")
	}
	_, suggestions := checkEntities(t, dev)
	_, stderr := runAnalyze(t, "-format", "jsonl", "-gazetteer", suggestions, fixture)
	if strings.Contains(stderr, "skipped") || !strings.Contains(stderr, "2 of 9 inputs failed") {
		t.Errorf("analyze -gazetteer %s: %s", suggestions, stderr)
	}
}
