package entities

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/khabar-nlp/khabar/gazetteer"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const seedPath = "../../shared/data/seed-article/000_354d3392e6522b73.txt"

var defaultExtractor = sync.OnceValues(func() (*Extractor, error) { return New() })

func extractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := defaultExtractor()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// checkOffsets asserts that every mention's offsets give its text.
func checkOffsets(t testing.TB, text string, res *Result) {
	t.Helper()
	for _, e := range res.Entities {
		if len(e.Mentions) != e.Count || e.Count == 0 {
			t.Fatalf("%s: count %d with %d mentions", e.ID, e.Count, len(e.Mentions))
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("%s: mention %q at %d:%d does not match the text", e.ID, m.Text, m.Start, m.End)
			}
			if m.ID != e.ID || m.Type != e.Type {
				t.Fatalf("mention %q of %s has ID %s type %v", m.Text, e.ID, m.ID, m.Type)
			}
		}
		if e.Salience < 0 || e.Salience > 1 {
			t.Fatalf("%s: salience %v", e.ID, e.Salience)
		}
	}
}

// entityOf returns the entity that has a mention with the given text.
func entityOf(res *Result, text string) (Entity, bool) {
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Text == text {
				return e, true
			}
		}
	}
	return Entity{}, false
}

func TestSeedArticle(t *testing.T) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not available (%v): run from a checkout with ../shared beside it", err)
	}
	text := string(data)
	res := extractor(t).Extract(text)
	checkOffsets(t, text, res)
	want := []struct {
		surface string
		typ     gazetteer.Type
		id      string
	}{
		{"واشنطن", gazetteer.LOC, "loc:city:washington-dc"},
		{"العراق", gazetteer.LOC, "loc:country:IQ"},
		{"بغداد", gazetteer.LOC, "loc:city:baghdad"},
		{"أنتوني بلينكن", gazetteer.PER, "per:antony-blinken"},
		{"مصطفى الكاظمي", gazetteer.PER, "per:mustafa-al-kadhimi"},
		{"فؤاد حسين", gazetteer.PER, "per:fuad-hussein"},
		{"داعش", gazetteer.ORG, "org:isis"},
		{"التحالف الدولي", gazetteer.ORG, "org:global-coalition-against-daesh"},
		{"وزارة الخارجية الأميركية", gazetteer.ORG, "org:us-department-of-state"},
		{"العربية", gazetteer.ORG, "org:al-arabiya"},
	}
	for _, w := range want {
		e, ok := entityOf(res, w.surface)
		if !ok || e.Type != w.typ || e.ID != w.id {
			t.Errorf("%s: got %s %v, want %s %v", w.surface, e.ID, e.Type, w.id, w.typ)
		}
	}
	// بلينكن is mentioned twice in full; العراق eight times with للعراق.
	if e, _ := entityOf(res, "للعراق"); e.ID != "loc:country:IQ" || e.Count < 8 {
		t.Errorf("العراق: %d mentions in %s, want at least 8 including للعراق", e.Count, e.ID)
	}
	// Nothing invented: every name of the seed article is in the
	// gazetteer, so no entity has a generated ID.
	for _, e := range res.Entities {
		if strings.Contains(e.ID, ":gen:") {
			t.Errorf("entity %s %q of no gazetteer entry in the seed article", e.ID, e.Name)
		}
	}
	// The most salient entity is the one of the title.
	if len(res.Entities) == 0 || (res.Entities[0].ID != "loc:city:washington-dc" && res.Entities[0].ID != "loc:country:IQ") {
		t.Errorf("most salient: %+v", res.Entities[:min(3, len(res.Entities))])
	}
}

// TestGoldenArticles compares the entities of each testdata article with
// testdata/golden/entities-<name>.json (rewrite with -update).
func TestGoldenArticles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	if len(files) < 3 {
		t.Fatalf("want the testdata articles, got %v", files)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			res := extractor(t).Extract(text)
			checkOffsets(t, text, res)
			var b strings.Builder
			for _, e := range res.Entities {
				var ms []string
				for _, m := range e.Mentions {
					ms = append(ms, fmt.Sprintf("%d:%d %s %q", m.Start, m.End, m.Kind, m.Text))
				}
				fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%s\n", e.Type, e.ID, e.Name, e.Count, strings.Join(ms, " | "))
			}
			got := b.String()
			golden := filepath.Join("../testdata/golden", "entities-"+name+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./entities -update)", err)
			}
			if got != string(want) {
				t.Errorf("entities differ from %s; check and run with -update:\n%s", golden, got)
			}
		})
	}
}

func TestPartialsAndGrouping(t *testing.T) {
	text := "استقبل الرئيس المصري عبد الفتاح السيسي وزير الخارجية أنتوني بلينكن. وقال بلينكن إن السيسي أكد دعمه، ثم غادر بلينكن."
	res := extractor(t).Extract(text)
	checkOffsets(t, text, res)
	e, ok := entityOf(res, "أنتوني بلينكن")
	if !ok || e.Count != 3 {
		t.Errorf("Blinken: %+v, want 3 mentions in one entity", e)
	}
	if e, _ := entityOf(res, "السيسي"); e.Count != 2 {
		t.Errorf("Sisi: %+v, want 2 mentions", e)
	}
}

func TestDemonymsOption(t *testing.T) {
	text := "قال المسؤول الأميركي إن الوفد العراقي وصل."
	if e, ok := entityOf(extractor(t).Extract(text), "الأميركي"); ok {
		t.Errorf("demonym reported by default: %+v", e)
	}
	x, err := New(WithDemonyms(true))
	if err != nil {
		t.Fatal(err)
	}
	e, ok := entityOf(x.Extract(text), "الأميركي")
	if !ok || e.ID != "loc:country:US" || e.Mentions[0].Kind != Demonym {
		t.Errorf("WithDemonyms: %+v", e)
	}
}

func TestHashtags(t *testing.T) {
	text := "وتصدر وسم #بلينكن_في_بغداد و#العراق المنصات."
	res := extractor(t).Extract(text)
	checkOffsets(t, text, res)
	for _, w := range []string{"بلينكن", "بغداد", "العراق"} {
		e, ok := entityOf(res, w)
		if !ok || e.Mentions[0].Kind != Hashtag {
			t.Errorf("%s in a hashtag: %+v", w, e)
		}
	}
}

func TestOptionsAndCandidates(t *testing.T) {
	if _, err := New(WithGazetteer(nil)); err == nil {
		t.Error("nil gazetteer accepted")
	}
	if _, err := New(WithTokenizer(nil)); err == nil {
		t.Error("nil tokenizer accepted")
	}
	b := gazetteer.NewBuilder()
	if err := b.Add(gazetteer.Entry{ID: "per:huda", Type: gazetteer.PER, Name: "هدى العطار"}); err != nil {
		t.Fatal(err)
	}
	g, _ := b.Build()
	x, err := New(WithGazetteer(g), WithRules(false), WithFuzzy(false), WithCandidates(true))
	if err != nil {
		t.Fatal(err)
	}
	text := "التقت هدى العطار وفد بغداد"
	res := x.Extract(text)
	if len(res.Entities) != 1 || res.Entities[0].ID != "per:huda" {
		t.Errorf("custom gazetteer: %+v", res.Entities)
	}
	if len(res.Candidates) == 0 {
		t.Error("WithCandidates kept no candidates")
	}
	if x.Gazetteer() != g {
		t.Error("Gazetteer()")
	}
}

func TestJSONFieldNames(t *testing.T) {
	res := extractor(t).Extract("وصل بلينكن إلى بغداد")
	b, err := json.Marshal(res.Entities)
	if err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, e := range back {
		for _, k := range []string{"id", "type", "name", "name_en", "count", "salience", "mentions"} {
			if _, ok := e[k]; !ok {
				t.Errorf("entity JSON lacks %q: %s", k, b)
			}
		}
		for _, m := range e["mentions"].([]any) {
			for _, k := range []string{"text", "start", "end", "match", "score"} {
				if _, ok := m.(map[string]any)[k]; !ok {
					t.Errorf("mention JSON lacks %q: %s", k, b)
				}
			}
		}
	}
}

func TestEmptyAndHostileInput(t *testing.T) {
	x := extractor(t)
	for _, text := range []string{"", " \n ", "\xff\xfe\xfd", strings.Repeat("بغداد ", 2000), "#_ @ # ...", strings.Repeat("\u200f", 100)} {
		res := x.Extract(text)
		checkOffsets(t, text, res)
	}
}

func TestConcurrentExtract(t *testing.T) {
	x := extractor(t)
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	var texts, want []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
		b, _ := json.Marshal(x.Extract(string(data)).Entities)
		want = append(want, string(b))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range texts {
				j := (i + g) % len(texts)
				b, _ := json.Marshal(x.Extract(texts[j]).Entities)
				if string(b) != want[j] {
					t.Errorf("concurrent Extract of text %d differs", j)
				}
			}
		})
	}
	wg.Wait()
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"وقال الرئيس الفلسطيني محمود عباس إن وزارة الخارجية الأميركية وبغداد #العراق",
		"أنتوني بلينكن ... بلينكن وبلينكن للعراق \xff",
		"في مدينة الموصل وحركة فتح والشيخ",
	} {
		f.Add(s)
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		res := x.Extract(text)
		checkOffsets(t, text, res)
		prev := -1
		for _, m := range res.Mentions {
			if m.Start < prev {
				t.Fatalf("mentions out of order or overlapping at %d", m.Start)
			}
			prev = m.End
		}
		if !slices.IsSortedFunc(res.Entities, func(a, b Entity) int {
			switch {
			case a.Salience > b.Salience:
				return -1
			case a.Salience < b.Salience:
				return 1
			}
			return 0
		}) {
			t.Fatal("entities not sorted by salience")
		}
	})
}
