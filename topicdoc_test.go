package khabar

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

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
