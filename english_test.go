package khabar

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/internal/devdata"
)

// The people, places and organisations that the English test article
// and the Arabic seed article both name, with their gazetteer IDs.
var sharedIDs = map[string]string{
	"Blinken":                 "per:antony-blinken",
	"Kadhimi":                 "per:mustafa-al-kadhimi",
	"Fuad Hussein":            "per:fuad-hussein",
	"Washington":              "loc:city:washington-dc",
	"Iraq":                    "loc:country:IQ",
	"Baghdad":                 "loc:city:baghdad",
	"ISIS":                    "org:isis",
	"international coalition": "org:global-coalition-against-daesh",
	"State Department":        "org:us-department-of-state",
}

func readEnglishArticle(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/english/strategic-dialogue.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEnglishArticle checks the analysis of the English test article: its
// language, its offsets, its topic, and the IDs of the names it shares
// with the Arabic seed article.
func TestEnglishArticle(t *testing.T) {
	text := readEnglishArticle(t)
	res, err := defaultAnalyzer(t).Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "en" || len(res.Warnings) != 0 {
		t.Errorf("Language %q, warnings %q; want en and none", res.Language, res.Warnings)
	}
	checkOffsets(t, res)
	if len(res.Topics) == 0 || res.Topics[0].ID != "medtop:11000000" && res.Topics[0].ID != "medtop:16000000" {
		t.Errorf("topics %v; want politics or conflict first", res.Topics)
	}
	if res.SentenceCount < 20 {
		t.Errorf("%d sentences; want 20 or more", res.SentenceCount)
	}
	ids := map[string]bool{}
	for _, e := range res.Entities {
		ids[e.ID] = true
	}
	for name, id := range sharedIDs {
		if !ids[id] {
			t.Errorf("%s: no entity %s", name, id)
		}
	}
	if len(res.Keywords) == 0 {
		t.Error("no keywords")
	}
	// Keywords are nouns, noun phrases and names: the article's verbs
	// (agreed, said) and numbers (two countries) are none.
	var terms []string
	for _, k := range res.Keywords {
		terms = append(terms, k.Term)
		if k.Term != res.Text[k.Start:k.End] {
			t.Errorf("keyword %q is not the text at %d:%d", k.Term, k.Start, k.End)
		}
	}
	for _, bad := range []string{"agreed", "said", "two countries"} {
		if slices.Contains(terms, bad) {
			t.Errorf("keywords %q hold %q", terms, bad)
		}
	}
	if !slices.Contains(terms, "State Department") {
		t.Errorf("keywords %q lack State Department", terms)
	}
}

// TestEnglishArabicSameIDs checks that the Arabic seed article gives the
// names it shares with the English test article the same IDs.
func TestEnglishArabicSameIDs(t *testing.T) {
	seed := devdata.Path("seed-article/000_354d3392e6522b73.txt")
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Skipf("evaluation data absent (%v): skipping", err)
	}
	a := defaultAnalyzer(t)
	ar, err := a.Analyze(context.Background(), string(b))
	if err != nil {
		t.Fatal(err)
	}
	en, err := a.Analyze(context.Background(), readEnglishArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	in := func(res *Analysis) map[string]bool {
		m := map[string]bool{}
		for _, e := range res.Entities {
			m[e.ID] = true
		}
		return m
	}
	arIDs, enIDs := in(ar), in(en)
	for name, id := range sharedIDs {
		if !arIDs[id] || !enIDs[id] {
			t.Errorf("%s (%s): in the Arabic article %v, in the English one %v", name, id, arIDs[id], enIDs[id])
		}
	}
}

// TestMixedArticle checks that the English paragraph of an Arabic article
// is read by the English pipeline: its names get the IDs of the Arabic
// ones, at exact offsets.
func TestMixedArticle(t *testing.T) {
	text := "بلينكن يلتقي فؤاد حسين في واشنطن\n\nالتقى وزير الخارجية الأميركي أنتوني بلينكن نظيره العراقي فؤاد حسين في واشنطن.\n\n" +
		"\"We discussed the fight against ISIS,\" Blinken told reporters at the State Department on Wednesday.\n"
	res, err := defaultAnalyzer(t).Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "ar" {
		t.Errorf("Language %q; want ar", res.Language)
	}
	checkOffsets(t, res)
	english := strings.Index(text, "\"We")
	found := map[string]bool{}
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Start >= english {
				found[e.ID] = true
			}
		}
	}
	for _, id := range []string{"org:isis", "per:antony-blinken", "org:us-department-of-state"} {
		if !found[id] {
			t.Errorf("no mention of %s in the English paragraph; entities %v", id, res.Entities)
		}
	}
}

// englishArticle4K returns an English article of about 4 KB: the test
// article and then its paragraphs again, up to the last line that ends
// before 4,096 bytes.
func englishArticle4K(tb testing.TB) string {
	text := readEnglishArticle(tb)
	body := text[strings.Index(text, "\n\n"):]
	for len(text) < 4096 {
		text += body
	}
	return text[:strings.LastIndexByte(text[:4096], '\n')+1]
}

// BenchmarkAnalyzeEnglish measures the whole analysis of a 4 KB English
// article on one goroutine. articles/cpu-s counts the articles analysed
// per second of the process's CPU time (user and system), the figure per
// core that a machine shared with other work still measures; articles/s
// is per second of wall time.
func BenchmarkAnalyzeEnglish(b *testing.B) {
	a := defaultAnalyzer(b)
	text := englishArticle4K(b)
	ctx := context.Background()
	// One analysis before timing fills the caches a service keeps warm
	// (the model's word blocks, the stems).
	if _, err := a.Analyze(ctx, text); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := a.Analyze(ctx, text); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
