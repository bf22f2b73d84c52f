package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/agnivade/levenshtein"

	"github.com/khabar-nlp/khabar/gazetteer"
)

// sample is a small Arabic news text with diacritics, tatweel, a hashtag,
// digits of both kinds and a Latin name, so that both sides do real work.
const sample = `أعلنت وزارة الاقتصاد يوم الأحد ٢٠ مارس 2025 أنّ معدّل التضخّم تراجع إلى 3.5٪.
وقال الوزيرُ في مؤتمر صحفي: «سنواصل الإصلاحات»، مضيفاً أن شركة Google ستفتح مكتباً في الـقـاهـرة.
#الاقتصاد_المصري`

func writeSample(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.txt")
	if err := os.WriteFile(path, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// testAliases is the size of the synthetic gazetteer in tests: big enough
// for every kind of name, small enough for the naive scan to be quick.
const testAliases = 2000

// TestJSON runs every comparison once with a tiny budget and checks the
// shape of the JSON report.
func TestJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"-json", "-time", "5ms", "-size", "4096", "-aliases", fmt.Sprint(testAliases), "-input", writeSample(t)}
	if err := run(args, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}

	// Exactly one JSON object, with exactly the documented keys.
	dec := json.NewDecoder(bytes.NewReader(stdout.Bytes()))
	var raw map[string][]map[string]any
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("decode %q: %v", stdout.String(), err)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value on stdout: %q", stdout.String())
	}
	if len(raw) != 1 || raw["results"] == nil {
		t.Fatalf("top-level keys: got %v, want only results", raw)
	}

	var rep report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range comparisons() {
		want = append(want, c.name)
	}
	var got []string
	for i, r := range rep.Results {
		got = append(got, r.Name)
		keys := make([]string, 0, len(raw["results"][i]))
		for k := range raw["results"][i] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if wantKeys := []string{"name", "ours", "peer", "speedup", "unit"}; !reflect.DeepEqual(keys, wantKeys) {
			t.Errorf("%s: keys %v, want %v", r.Name, keys, wantKeys)
		}
		if r.Unit != unitNsPerOp && r.Unit != unitMBPerS {
			t.Errorf("%s: unit %q", r.Name, r.Unit)
		}
		if r.Ours <= 0 || r.Peer <= 0 || r.Speedup <= 0 {
			t.Errorf("%s: ours %v, peer %v, speedup %v: want positive values", r.Name, r.Ours, r.Peer, r.Speedup)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results %v, want %v", got, want)
	}
	if !strings.Contains(stderr.String(), "bench: [1/") {
		t.Errorf("no progress on stderr: %q", stderr.String())
	}
}

// TestComparisons checks that every comparison is well formed and that
// both sides produce something on the sample.
func TestComparisons(t *testing.T) {
	defer func(n int) { synthAliases = n }(synthAliases)
	synthAliases = testAliases
	seen := map[string]bool{}
	for _, c := range comparisons() {
		if seen[c.name] {
			t.Errorf("duplicate comparison %q", c.name)
		}
		seen[c.name] = true
		if !strings.Contains(c.name, "/") {
			t.Errorf("%q: want family/peer", c.name)
		}
		n, err := c.setup([]byte(sample))
		if err != nil {
			t.Errorf("%s: setup: %v", c.name, err)
			continue
		}
		if c.unit == unitMBPerS && !c.ownInput && n != int64(len(sample)) {
			t.Errorf("%s: setup reported %d bytes, want %d", c.name, n, len(sample))
		}
		if got := c.ours(); got <= 0 {
			t.Errorf("%s: ours produced %d", c.name, got)
		}
		if got := c.peer(); got <= 0 {
			t.Errorf("%s: peer produced %d", c.name, got)
		}
	}
}

// TestFuzzyQueries checks the respelt names of gazetteer/fuzzy-naive-scan:
// each is one edit (or one swap) away from the name it was made from,
// within that name's budget, and both sides find most intended entries.
func TestFuzzyQueries(t *testing.T) {
	g, err := synthGazetteerOf(testAliases)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(g.entries), testAliases/synthNamesPerEntry; got != want {
		t.Errorf("%d entries, want %d", got, want)
	}
	qs := g.queries(fuzzyQueries)
	if len(qs) != fuzzyQueries {
		t.Fatalf("%d queries, want %d", len(qs), fuzzyQueries)
	}
	deletions := 0
	for _, q := range qs {
		swapped := len(q.text) == len(q.name) && levenshtein.ComputeDistance(q.text, q.name) == 2
		if d := levenshtein.ComputeDistance(q.text, q.name); d != 1 && !swapped {
			t.Errorf("%q from %q: distance %d, want 1 or a swap", q.text, q.name, d)
		}
		if editBudget(q.name) < 1 {
			t.Errorf("%q: made from %q, which allows no edit", q.text, q.name)
		}
		if !slices.Contains(g.entries[q.entry].Names(), q.name) {
			t.Errorf("%q: entry %d has no name %q", q.text, q.entry, q.name)
		}
		if letters(q.text) < letters(q.name) {
			deletions++
		}
	}
	if deletions != len(qs)/3+1 && deletions != len(qs)/3 {
		t.Errorf("%d queries with a long vowel removed, want a third", deletions)
	}
	if again := g.queries(fuzzyQueries); !reflect.DeepEqual(again, qs) {
		t.Error("queries differ from one call to the next")
	}
	ours, scan := g.recall(qs)
	// Plain Levenshtein counts a swap as two edits, more than names under
	// eight letters allow: the scan misses those.
	if scan < len(qs)*8/10 {
		t.Errorf("scan finds %d of %d intended entries, want at least 80%%", scan, len(qs))
	}
	if ours < len(qs)*9/10 {
		t.Errorf("khabar finds %d of %d intended entries, want at least 90%%", ours, len(qs))
	}
}

func TestSpeedup(t *testing.T) {
	m := measurement{name: "x/y", bytes: 1e6, ours: stats{nsPerOp: 1e6}, peer: stats{nsPerOp: 3e6}}
	for _, unit := range []string{unitNsPerOp, unitMBPerS} {
		if r := m.result(unit); r.Speedup != 3 {
			t.Errorf("%s: speedup %v, want 3 (Khabar three times faster)", unit, r.Speedup)
		}
	}
	if r := m.result(unitMBPerS); r.Ours != 1000 || r.Peer != 333.333 {
		t.Errorf("MB/s: ours %v, peer %v; want 1000, 333.333", r.Ours, r.Peer)
	}
}

func TestOnly(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"-json", "-time", "5ms", "-size", "0", "-only", "tokenize/nlp", "-input", writeSample(t)}
	if err := run(args, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	var rep report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Name != "tokenize/nlp-regexp" {
		t.Errorf("-only tokenize/nlp: got %+v", rep.Results)
	}

	err := run([]string{"-only", "nothing"}, &stdout, &stderr)
	if _, ok := err.(usageError); !ok {
		t.Errorf("-only nothing: got %v, want a usage error", err)
	}
}

func TestDefaultInput(t *testing.T) {
	dir, err := findArticles()
	if err != nil {
		t.Skipf("default input not available: %v", err)
	}
	text, _, err := loadInput("", 1<<16)
	if err != nil {
		t.Fatalf("loadInput from %s: %v", dir, err)
	}
	if len(text) < 1<<16 {
		t.Errorf("input is %d bytes, want at least %d", len(text), 1<<16)
	}
	// The articles of entities/naive are the input, not repeated.
	articles, _, err := readArticles("")
	if err != nil {
		t.Fatal(err)
	}
	once, _, err := loadInput("", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) < 2 || strings.Join(articles, "\n\n") != string(once) {
		t.Errorf("%d articles: joined, they are not the input", len(articles))
	}
}

// TestNaiveMatcher checks the baseline of entities/naive: n-grams in the
// map, punctuation trimmed, and the Levenshtein pass within the budget of
// each one-word name.
func TestNaiveMatcher(t *testing.T) {
	m, err := defaultNaiveMatcher()
	if err != nil {
		t.Fatal(err)
	}
	// 0 وأكد 1 التحالف 2 الدولي 3 في 4 بغداد، 5 والعراق 6 ومصر 7 «واشنطن»
	text := "وأكد التحالف الدولي في بغداد، والعراق ومصر «واشنطن»"
	got := map[[2]int]naiveMatch{}
	for _, nm := range m.find(strings.Fields(text)) {
		got[[2]int{nm.start, nm.end}] = nm
	}
	for _, want := range []naiveMatch{
		{start: 1, end: 3, key: "التحالف الدولي", typ: gazetteer.ORG},
		{start: 4, end: 5, key: "بغداد", typ: gazetteer.LOC},
		{start: 5, end: 6, key: "العراق", typ: gazetteer.LOC, fuzzy: true}, // one edit, six letters
		{start: 7, end: 8, key: "واشنطن", typ: gazetteer.LOC},
	} {
		if g, ok := got[[2]int{want.start, want.end}]; !ok || g != want {
			t.Errorf("words [%d, %d): got %+v (found %v), want %+v", want.start, want.end, g, ok, want)
		}
	}
	// مصر has three letters: no edit allowed, so ومصر is not مصر.
	if g, ok := got[[2]int{6, 7}]; ok && g.key == "مصر" {
		t.Errorf("ومصر matched مصر: %+v", g)
	}
	for _, a := range m.fuzzy {
		if strings.Contains(a.key, " ") || a.budget != editBudget(a.key) || a.budget < 1 {
			t.Fatalf("fuzzy name %+v: want one word of five letters or more, with its budget", a)
		}
	}
}

// TestCompareQuality checks the quality note of entities/naive on a short
// text with four of the seed names.
func TestCompareQuality(t *testing.T) {
	x, err := defaultExtractor()
	if err != nil {
		t.Fatal(err)
	}
	m, err := defaultNaiveMatcher()
	if err != nil {
		t.Fatal(err)
	}
	text := "قال وزير الخارجية الأميركي أنتوني بلينكن في بغداد إن للعراق دورا كبيرا.\nوكانت وزارة الخارجية الأميركية أعلنت ذلك."
	q := compareQuality(text, x, m)
	if q.occurrences != 4 {
		t.Errorf("%d occurrences of the seed names, want 4 (بلينكن، بغداد، للعراق، وزارة…)", q.occurrences)
	}
	if q.naiveOcc != q.occurrences || q.naiveNames != 4 {
		t.Errorf("naive finds %d occurrences and %d names, want %d and 4", q.naiveOcc, q.naiveNames, q.occurrences)
	}
	if q.oursOcc != q.occurrences || q.oursNames != 4 {
		t.Errorf("khabar finds %d occurrences and %d names, want %d and 4", q.oursOcc, q.oursNames, q.occurrences)
	}
}

// BenchmarkComparisons runs each side on its own under the testing
// package, for profiling one side:
//
//	go test -run '^$' -bench 'Comparisons/tokenize/bleve-ar/khabar' -cpuprofile cpu.out
func BenchmarkComparisons(b *testing.B) {
	input, _, err := loadInput("", 1<<20)
	if err != nil {
		b.Skip(err)
	}
	// entities/naive extracts the articles one by one, as run does.
	defer func(a []string) { entityArticles = a }(entityArticles)
	if entityArticles, _, err = readArticles(""); err != nil {
		b.Fatal(err)
	}
	for _, c := range comparisons() {
		n, err := c.setup(input)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range []struct {
			name string
			fn   func() int
		}{{"khabar", c.ours}, {"peer", c.peer}} {
			b.Run(c.name+"/"+s.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(n)
				for b.Loop() { // b.Loop keeps the calls from being optimised away
					s.fn()
				}
			})
		}
	}
}
