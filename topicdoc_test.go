package khabar

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/features"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// extraRecorder is a topics.Model that keeps the extra terms it was given.
type extraRecorder struct {
	mu    sync.Mutex
	extra []string
}

func (r *extraRecorder) Topics() []topics.Topic { return []topics.Topic{{ID: "t", Label: "t"}} }

func (r *extraRecorder) Score(d topics.Document) []topics.TopicScore {
	r.mu.Lock()
	r.extra = slices.Clone(d.Extra)
	r.mu.Unlock()
	return []topics.TopicScore{{Topic: topics.Topic{ID: "t", Label: "t"}, Score: 1}}
}

// TestAnalyzerSourceTerms checks what the topic model sees for an article
// with and without a source: entity IDs, region terms, then source terms,
// with WithSources; and that TopicDocument gives the same.
func TestAnalyzerSourceTerms(t *testing.T) {
	rec := &extraRecorder{}
	a, err := New(WithTopicModel(rec), WithLayers(Entities|Topics), WithSources())
	if err != nil {
		t.Fatal(err)
	}
	art := Article{Title: "زيارة", Body: "وصل الوزير إلى بغداد.", Source: " BBC_Arabic"}
	res, err := a.AnalyzeArticle(context.Background(), art)
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != "BBC_Arabic" {
		t.Errorf("Analysis.Source %q", res.Source)
	}
	if len(res.Entities) != 1 {
		t.Fatalf("entities %+v, want بغداد alone", res.Entities)
	}
	id := res.Entities[0].ID
	want := []string{id, "country:IQ", "region:arab", "source:bbc_arabic", "source:bbc_arabic|country:IQ", "source:bbc_arabic|region:arab"}
	if !slices.Equal(rec.extra, want) {
		t.Errorf("model saw %q, want %q", rec.extra, want)
	}

	art.Source = ""
	if _, err := a.AnalyzeArticle(context.Background(), art); err != nil {
		t.Fatal(err)
	}
	if want := want[:3]; !slices.Equal(rec.extra, want) {
		t.Errorf("without a source the model saw %q, want %q", rec.extra, want)
	}
	doc, err := a.TopicDocument(context.Background(), art)
	if err != nil || !slices.Equal(doc.Extra, rec.extra) || doc.Title != "زيارة" || !strings.Contains(doc.Text, "بغداد") {
		t.Errorf("TopicDocument = %+v, %v; the model saw %q", doc, err, rec.extra)
	}

	// Sources are off by default.
	b, err := New(WithTopicModel(rec), WithLayers(Entities|Topics))
	if err != nil {
		t.Fatal(err)
	}
	art.Source = "BBC_Arabic"
	if _, err := b.AnalyzeArticle(context.Background(), art); err != nil {
		t.Fatal(err)
	}
	if want := want[:3]; !slices.Equal(rec.extra, want) {
		t.Errorf("without WithSources the model saw %q, want %q", rec.extra, want)
	}
}

// TestSourceDecidesTopic trains a classifier on a two-source archive in
// which the same kind of story is filed differently by each source, and
// checks that the Analyzer's source terms let it file a new story as each
// source would.
func TestSourceDecidesTopic(t *testing.T) {
	texts := []string{
		"اجتمع الوزير في بغداد مع نظيره لبحث الأوضاع.",
		"عقد الرئيس في دمشق اجتماعا مع الوفد الزائر.",
		"بحث رئيس الوزراء في بيروت الأزمة مع الحكومة.",
		"التقى وزير الخارجية في عمان بنظيره الأردني.",
	}
	var docs []topics.LabeledDoc
	for _, text := range texts {
		docs = append(docs,
			topics.LabeledDoc{Text: text, Source: "first", Category: "world"},
			topics.LabeledDoc{Text: text, Source: "second", Category: "middle-east"})
	}
	for i := range docs {
		docs[i].Extra = features.Sources(docs[i].Source, nil)
	}
	space, err := topics.NewSpaceLabeled(docs, 1, tfidf.TermOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := topics.TrainLinear(space, docs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(WithTopicModel(c), WithLayers(Topics)); err == nil || !strings.Contains(err.Error(), "WithSources") {
		t.Fatalf("a classifier trained with sources, without WithSources: %v", err)
	}
	a, err := New(WithTopicModel(c), WithLayers(Topics), WithSources())
	if err != nil {
		t.Fatal(err)
	}
	for source, want := range map[string]string{"first": "world", "second": "middle-east"} {
		res, err := a.AnalyzeArticle(context.Background(), Article{Body: "اجتمع الرئيس في بغداد مع الوفد.", Source: source})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Topics[0].ID; got != want {
			t.Errorf("source %s: topic %s, want %s (%+v)", source, got, want, res.Topics)
		}
	}
}

// TestTopicsOfTopicDocument checks that the topics of an analysis, which
// the default model scores from the analysis's tokens, are those the model
// gives the Analyzer's TopicDocument, read from its text: for the test
// articles (boilerplate footers included), given whole or as a title and
// a body, and for an article whose title line is followed by a dateline.
func TestTopicsOfTopicDocument(t *testing.T) {
	a, err := New(WithMaxTopics(0))
	if err != nil {
		t.Fatal(err)
	}
	// With a tokenizer of its own, the Analyzer reads the text again as
	// the topic model and the keyword space read it.
	tz, err := tokenize.New(tokenize.WithParagraphs(tokenize.BlankLine))
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(WithMaxTopics(0), WithTokenizer(tz))
	if err != nil {
		t.Fatal(err)
	}
	m, err := topics.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var arts []Article
	for _, name := range []string{"economy.txt", "politics.txt", "sport.txt", "technology.txt"} {
		text := readArticle(t, name)
		title, body, _ := strings.Cut(text, "\n")
		arts = append(arts, Article{Body: text}, Article{Title: title, Body: body})
	}
	arts = append(arts, Article{Body: "ارتفاع أسعار النفط\nبغداد - رويترز\n\nارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار أوبك خفض الإنتاج.\n\nتابعونا على تويتر"})
	for _, an := range []*Analyzer{a, b} {
		for _, art := range arts {
			res, err := an.AnalyzeArticle(ctx, art)
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, res)
			doc, err := an.TopicDocument(ctx, art)
			if err != nil {
				t.Fatal(err)
			}
			if want := m.Score(doc); !slices.Equal(res.Topics, want) {
				t.Errorf("%.40q: analysis topics %v, TopicDocument's %v", art.Title+art.Body, res.Topics[:3], want[:3])
			}
			if len(res.Keywords) == 0 {
				t.Errorf("%.40q: no keywords", art.Title+art.Body)
			}
		}
	}
}
