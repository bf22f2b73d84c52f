package khabar

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/khabar-nlp/khabar/article"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// shared is one Analyzer for the tests that use the defaults: building it
// decodes the embedded gazetteer and topic model once.
var shared = sync.OnceValues(func() (*Analyzer, error) { return New() })

func defaultAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func readArticle(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkOffsets checks that every mention, keyword, sentence and block lies
// in res.Text where it says it does.
func checkOffsets(t *testing.T, res *Analysis) {
	t.Helper()
	text := res.Text
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Errorf("%s: mention %q at %d:%d does not match the text", e.ID, m.Text, m.Start, m.End)
			}
		}
	}
	for _, k := range res.Keywords {
		if k.Start < 0 || k.End > len(text) || k.Start >= k.End {
			t.Errorf("keyword %q: bad span %d:%d", k.Term, k.Start, k.End)
		}
	}
	for _, s := range res.Sentences {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Errorf("sentence span %d:%d out of %d bytes", s.Start, s.End, len(text))
		}
	}
	for _, b := range res.Structure {
		if b.Start < 0 || b.End > len(text) || b.Start > b.End {
			t.Errorf("block %v span %d:%d out of %d bytes", b.Kind, b.Start, b.End, len(text))
		}
	}
}

func entityIDs(res *Analysis) []string {
	var ids []string
	for _, e := range res.Entities {
		ids = append(ids, e.ID)
	}
	return ids
}

func TestAnalyzePolitics(t *testing.T) {
	a := defaultAnalyzer(t)
	text := readArticle(t, "politics.txt")
	res, err := a.Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, res)
	if want := "بلينكن يزور بغداد والرياض لبحث أمن المنطقة ومواجهة داعش"; res.Title != want {
		t.Errorf("Title = %q, want %q", res.Title, want)
	}
	if res.Language != "ar" || len(res.Warnings) != 0 {
		t.Errorf("Language %q, warnings %q; want ar and none", res.Language, res.Warnings)
	}
	if res.SentenceCount < 10 || res.SentenceCount != len(res.Sentences) {
		t.Errorf("SentenceCount = %d with %d sentences", res.SentenceCount, len(res.Sentences))
	}
	ids := entityIDs(res)
	for _, want := range []string{"per:antony-blinken", "loc:city:baghdad", "loc:city:riyadh", "org:isis", "per:faisal-bin-farhan"} {
		if !slices.Contains(ids, want) {
			t.Errorf("entities %v lack %s", ids, want)
		}
	}
	// The repeated title line is left out: Blinken's first two mentions
	// are in the title and in the body, not in the duplicate.
	dup := strings.Index(text[1:], "بلينكن يزور") + 1
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Start >= dup && m.Start < dup+len("بلينكن يزور") {
				t.Errorf("mention %q at %d is in the repeated title line", m.Text, m.Start)
			}
		}
	}
	if len(res.Topics) == 0 {
		t.Fatal("no topics")
	}
	if top := res.Topics[0].ID; top != "medtop:11000000" && top != "medtop:16000000" {
		t.Errorf("top topic %v, want politics or conflict", res.Topics[0])
	}
	for i := 1; i < len(res.Topics); i++ {
		if res.Topics[i].Score > res.Topics[i-1].Score {
			t.Fatalf("topics not best first: %v", res.Topics)
		}
	}
	if len(res.Keywords) != DefaultKeywords {
		t.Errorf("%d keywords, want %d", len(res.Keywords), DefaultKeywords)
	}
	var terms []string
	for _, k := range res.Keywords {
		terms = append(terms, k.Term)
	}
	// Words of names are shown as the names: أنتوني بلينكن, not بلينكن.
	for _, want := range []string{"أنتوني بلينكن", "فؤاد حسين", "البحر الأحمر"} {
		if !slices.Contains(terms, want) {
			t.Errorf("keywords %q lack %q", terms, want)
		}
	}
	if slices.Contains(terms, "فرحان") || slices.Contains(terms, "بلينكن") {
		t.Errorf("keywords %q hold a bare word of a name", terms)
	}
}

func TestAnalyzeTopicsOfArticles(t *testing.T) {
	a := defaultAnalyzer(t)
	for file, want := range map[string]string{
		"sport.txt":      "medtop:15000000",
		"economy.txt":    "medtop:04000000",
		"technology.txt": "medtop:13000000",
	} {
		res, err := a.Analyze(context.Background(), readArticle(t, file))
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, res)
		if len(res.Topics) == 0 || res.Topics[0].ID != want {
			t.Errorf("%s: topics %v, want %s first", file, res.Topics[:min(3, len(res.Topics))], want)
		}
	}
}

func TestAnalyzeErrors(t *testing.T) {
	a := defaultAnalyzer(t)
	for _, text := range []string{"", "   \n\t\n", "… – «»"} {
		if _, err := a.Analyze(context.Background(), text); !errors.Is(err, ErrEmptyText) {
			t.Errorf("Analyze(%q) error %v, want ErrEmptyText", text, err)
		}
	}
	small, err := New(WithMaxBytes(16), WithLayers(Structure|Entities))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := small.Analyze(context.Background(), strings.Repeat("بغداد ", 10)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("error %v, want ErrTooLarge", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Analyze(ctx, "زار بلينكن بغداد."); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestAnalyzeInvalidUTF8(t *testing.T) {
	a := defaultAnalyzer(t)
	text := "زار بلينكن \xff\xfe بغداد أمس."
	res, err := a.Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, res)
	if !slices.Contains(entityIDs(res), "loc:city:baghdad") {
		t.Errorf("entities %v lack Baghdad", entityIDs(res))
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "2 bytes of invalid UTF-8") {
		t.Errorf("warnings %q, want one about 2 bytes of invalid UTF-8", res.Warnings)
	}
}

func TestAnalyzeNeitherArabicNorEnglish(t *testing.T) {
	res, err := defaultAnalyzer(t).Analyze(context.Background(), "Le ministre s'est rendu à Bagdad mardi pour des entretiens avec le gouvernement irakien.")
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "und" || len(res.Warnings) != 1 {
		t.Errorf("Language %q warnings %q, want und with a warning", res.Language, res.Warnings)
	}
}

func TestAnalyzeArticle(t *testing.T) {
	a := defaultAnalyzer(t)
	art := Article{ID: "a1", Title: "بلينكن في بغداد", Body: "وصل وزير الخارجية الأميركي إلى بغداد اليوم."}
	res, err := a.AnalyzeArticle(context.Background(), art)
	if err != nil {
		t.Fatal(err)
	}
	if res.ID != "a1" || res.Title != art.Title || res.Text != art.Title+"\n\n"+art.Body {
		t.Errorf("ID %q Title %q Text %q", res.ID, res.Title, res.Text)
	}
	checkOffsets(t, res)
	var baghdad []int
	for _, e := range res.Entities {
		if e.ID == "loc:city:baghdad" {
			for _, m := range e.Mentions {
				baghdad = append(baghdad, m.Start)
			}
		}
	}
	if want := []int{len("بلينكن في "), len(art.Title+"\n\n") + strings.Index(art.Body, "بغداد")}; !slices.Equal(baghdad, want) {
		t.Errorf("Baghdad at %v, want %v", baghdad, want)
	}

	// A body that already starts with the title is analysed as it is.
	art.Body = art.Title + "\n" + art.Body
	res, err = a.AnalyzeArticle(context.Background(), art)
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != art.Body {
		t.Errorf("Text %q, want the body unchanged", res.Text)
	}
}

func TestAnalyzeBoilerplateLeftOut(t *testing.T) {
	text := "القمة العربية تبحث الأزمة في السودان\n\n" +
		"افتتحت في القاهرة اليوم القمة العربية بحضور قادة الدول الأعضاء لبحث الأزمة في السودان.\n\n" +
		"تابعونا على واتساب وتلغرام لآخر أخبار بغداد ودمشق\n"
	res, err := defaultAnalyzer(t).Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	footer := strings.Index(text, "تابعونا")
	var kinds []article.Kind
	for _, b := range res.Structure {
		kinds = append(kinds, b.Kind)
	}
	if !slices.Contains(kinds, article.Boilerplate) {
		t.Fatalf("structure %v has no boilerplate", kinds)
	}
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Start >= footer {
				t.Errorf("mention %q at %d is in the footer", m.Text, m.Start)
			}
		}
	}
	if !slices.Contains(entityIDs(res), "loc:city:cairo") {
		t.Errorf("entities %v lack Cairo", entityIDs(res))
	}
}

func TestOptions(t *testing.T) {
	tsv := "id\ttype\tsubtype\tname\tname_en\taliases\tdemonyms\tcountry\tparent\twikidata\tprior\n" +
		"org:test-khabar-agency\tORG\t\tوكالة خبر للأنباء\tKhabar News Agency\tخبر\t\t\t\t\t0.9\n"
	a, err := New(WithGazetteerReader("extra.tsv", strings.NewReader(tsv)), WithLayers(Entities))
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Analyze(context.Background(), "قالت وكالة خبر للأنباء إن الوفد وصل إلى بغداد.")
	if err != nil {
		t.Fatal(err)
	}
	ids := entityIDs(res)
	if !slices.Contains(ids, "org:test-khabar-agency") || !slices.Contains(ids, "loc:city:baghdad") {
		t.Errorf("entities %v, want the added agency and Baghdad", ids)
	}
	if len(res.Topics) != 0 || len(res.Keywords) != 0 || res.Structure != nil {
		t.Errorf("layers left out gave topics %v keywords %v structure %v", res.Topics, res.Keywords, res.Structure)
	}

	for name, opts := range map[string][]Option{
		"no gazetteer":  {WithoutDefaultGazetteer()},
		"bad layers":    {WithLayers(1 << 7)},
		"nil model":     {WithTopicModel(nil)},
		"bad keywords":  {WithKeywords(-1)},
		"missing file":  {WithGazetteerFiles(filepath.Join(t.TempDir(), "missing.tsv"))},
		"bad reader":    {WithGazetteerReader("bad.tsv", strings.NewReader("id\ttype\nx\n"))},
		"zero max size": {WithMaxBytes(0)},
	} {
		if _, err := New(opts...); err == nil || !strings.HasPrefix(err.Error(), "khabar: ") {
			t.Errorf("%s: New = %v, want an error", name, err)
		}
	}
}

// TestOptionsContradict checks that New refuses options that say opposite
// things, with an error naming both.
func TestOptionsContradict(t *testing.T) {
	lex, err := topics.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	space, err := tfidf.DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	b := gazetteer.NewBuilder()
	b.Add(gazetteer.Entry{ID: "loc:city:x", Type: gazetteer.LOC, Name: "مدينة إكس"})
	small, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts []Option
		want []string // substrings of the error: both options
	}{
		{"model without the topics layer", []Option{WithLayers(Entities), WithTopicModel(lex)}, []string{"WithTopicModel", "WithLayers(Entities)"}},
		{"max topics without the topics layer", []Option{WithMaxTopics(3), WithLayers(Structure | Keywords)}, []string{"WithMaxTopics(3)", "WithLayers(Structure|Keywords)"}},
		{"sources without the topics layer", []Option{WithLayers(Entities), WithSources()}, []string{"WithSources", "WithLayers(Entities)"}},
		{"keyword space without keywords", []Option{WithKeywordSpace(space), WithLayers(Topics)}, []string{"WithKeywordSpace", "WithLayers(Topics)"}},
		{"keyword count without keywords", []Option{WithLayers(Entities), WithKeywords(3)}, []string{"WithKeywords(3)", "WithLayers(Entities)"}},
		{"gazetteer without entities", []Option{WithLayers(Topics), WithGazetteer(g)}, []string{"WithGazetteer", "WithLayers(Topics)"}},
		{"gazetteer files without entities", []Option{WithGazetteerFiles("x.tsv"), WithLayers(Topics | Keywords)}, []string{"WithGazetteerFiles", "WithLayers(Topics|Keywords)"}},
		{"entity options without entities", []Option{WithLayers(Topics), WithEntityOptions(entities.WithDemonyms(true))}, []string{"WithEntityOptions", "WithLayers(Topics)"}},
		{"rules without structure", []Option{WithLayers(Entities), WithStructureRules(article.DefaultRules())}, []string{"WithStructureRules", "WithLayers(Entities)"}},
		{"gazetteer and no default", []Option{WithoutDefaultGazetteer(), WithGazetteer(small)}, []string{"WithGazetteer", "WithoutDefaultGazetteer"}},
		{"two models", []Option{WithTopicModel(lex), WithTopicModel(lex)}, []string{"WithTopicModel given twice"}},
		{"two keyword counts", []Option{WithKeywords(3), WithKeywords(5)}, []string{"WithKeywords(3)", "WithKeywords(5)"}},
		{"two layer sets", []Option{WithLayers(Topics), WithLayers(Entities)}, []string{"WithLayers(Topics)", "WithLayers(Entities)"}},
		{"an entity gazetteer of its own", []Option{WithEntityOptions(entities.WithGazetteer(small))}, []string{"WithEntityOptions(entities.WithGazetteer", "WithGazetteer"}},
	}
	for _, tc := range tests {
		_, err := New(tc.opts...)
		if err == nil {
			t.Errorf("%s: New succeeded", tc.name)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not name %q", tc.name, err, w)
			}
		}
	}
	// The same options, consistent, are accepted.
	if _, err := New(WithLayers(Entities|Topics), WithTopicModel(lex), WithGazetteer(small), WithMaxTopics(3)); err != nil {
		t.Error(err)
	}
}

// TestStructureRules checks that rules given to New reach structure
// recognition: a footer phrase of one's own is left out of the analysis.
func TestStructureRules(t *testing.T) {
	text := "القمة العربية في القاهرة\n\nافتتحت في القاهرة القمة العربية بحضور القادة.\n\nمسابقة خبر الكبرى تنطلق من بغداد\n"
	rules, err := article.DefaultRules().Extend(strings.NewReader("start  مسابقة خبر الكبرى\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		opts    []Option
		baghdad bool
	}{
		{"default rules", nil, true},
		{"extended rules", []Option{WithStructureRules(rules)}, false},
	} {
		a, err := New(tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		res, err := a.Analyze(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(entityIDs(res), "loc:city:baghdad"); got != tc.baghdad {
			t.Errorf("%s: Baghdad found %v, want %v (structure %+v)", tc.name, got, tc.baghdad, res.Structure)
		}
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	a := defaultAnalyzer(t)
	texts := []string{readArticle(t, "politics.txt"), readArticle(t, "sport.txt"), readArticle(t, "economy.txt")}
	want := make([]*Analysis, len(texts))
	for i, text := range texts {
		res, err := a.Analyze(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = res
	}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			i := g % len(texts)
			res, err := a.Analyze(context.Background(), texts[i])
			if err != nil {
				t.Error(err)
				return
			}
			if !slices.Equal(entityIDs(res), entityIDs(want[i])) || res.Topics[0] != want[i].Topics[0] {
				t.Errorf("text %d: concurrent result differs", i)
			}
		})
	}
	wg.Wait()
}

func BenchmarkAnalyze(b *testing.B) {
	a := defaultAnalyzer(b)
	text := readArticle(b, "politics.txt")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := a.Analyze(context.Background(), text); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWithEntityModel checks that the Analyzer tags with the model it is
// given, and refuses a model given with its contradictions.
func TestWithEntityModel(t *testing.T) {
	m, err := entities.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(WithEntityModel(m), WithLayers(Entities))
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Analyze(context.Background(), "وقال الوزير يفغيني كافلنيكوف إن الوفد وصل إلى بغداد.")
	if err != nil {
		t.Fatal(err)
	}
	if ids := entityIDs(res); !slices.Contains(ids, "loc:city:baghdad") || !slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, "per:gen:") }) {
		t.Errorf("entities %v, want Baghdad and the person the model finds", ids)
	}
	for name, opts := range map[string][]Option{
		"nil model":      {WithEntityModel(nil)},
		"given twice":    {WithEntityModel(m), WithEntityModel(m)},
		"without model":  {WithEntityModel(m), WithEntityOptions(entities.WithoutModel())},
		"layer left out": {WithEntityModel(m), WithLayers(Topics)},
	} {
		if _, err := New(opts...); err == nil {
			t.Errorf("%s: New accepted it", name)
		}
	}
}
