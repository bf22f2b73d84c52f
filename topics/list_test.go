package topics

import (
	"cmp"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// testArticles returns the project's test articles: title, body.
func testArticles(t testing.TB) [][2]string {
	t.Helper()
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	if len(files) == 0 {
		t.Fatal("no test articles")
	}
	var out [][2]string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(data), "\n")
		out = append(out, [2]string{title, body})
	}
	return out
}

// TestScoreListEqualsScore checks that a lexicon scores an article given
// as tokens as it scores its text: a body alone, and a body after a title
// line that the tokens leave out (its first sentence is the lead).
func TestScoreListEqualsScore(t *testing.T) {
	m := mustDefaultModel(t)
	ctx := context.Background()
	for _, a := range testArticles(t) {
		title, body := a[0], a[1]
		want := m.Score(Document{Title: title, Text: body, Extra: []string{"loc:country:IQ"}})
		l, err := tokenize.Default().List(ctx, body)
		if err != nil {
			t.Fatal(err)
		}
		got, err := m.ScoreList(ctx, ListDocument{Title: title, Tokens: l, To: l.Len(), Extra: []string{"loc:country:IQ"}})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%.30s: ScoreList = %v, %v; Score = %v", title, got, err, want)
		}
		whole := title + "\n\n" + body
		l, err = tokenize.Default().List(ctx, whole)
		if err != nil {
			t.Fatal(err)
		}
		from := 0
		for from < l.Len() && l.Start(from) < len(title) {
			from++
		}
		got, err = m.ScoreList(ctx, ListDocument{Title: title, Tokens: l, From: from, To: l.Len(), Extra: []string{"loc:country:IQ"}})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%.30s after its title: ScoreList = %v, %v; Score = %v", title, got, err, want)
		}
	}
}

func TestScoreListErrors(t *testing.T) {
	m := mustDefaultModel(t)
	ctx := context.Background()
	text := strings.Repeat("ارتفعت أسعار النفط في الأسواق. ", 20000)
	l, err := tokenize.Default().List(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	other, err := tokenize.New(tokenize.WithParagraphs(tokenize.BlankLine))
	if err != nil {
		t.Fatal(err)
	}
	ol, err := other.List(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]ListDocument{
		"no tokens":       {},
		"out of range":    {Tokens: l, From: 2, To: l.Len() + 1},
		"from after to":   {Tokens: l, From: 3, To: 2},
		"other tokenizer": {Tokens: ol, To: ol.Len()},
	} {
		if _, err := m.ScoreList(ctx, d); err == nil || !strings.HasPrefix(err.Error(), "topics: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	cctx, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	<-cctx.Done()
	if _, err := m.ScoreList(cctx, ListDocument{Tokens: l, To: l.Len()}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("expired context: err = %v", err)
	}
}

// TestClassifierScoreCounts checks that a classifier scores a document as
// the TF-IDF row of its terms (LabeledDoc.Terms) says, which it now counts
// without listing them.
func TestClassifierScoreCounts(t *testing.T) {
	for _, c := range trainAll(t) {
		sp := c.Space()
		for _, a := range testArticles(t) {
			d := LabeledDoc{Title: a[0], Text: a[1], Extra: []string{"loc:country:IQ", "", "region:arab"}}
			terms := d.Terms(c.TitleWeight(), sp.Vectorizer().TermOptions())
			cols, vals := sp.Weights().Transform(sp.Vectorizer().TransformTerms([][]tfidf.Term{terms})).Row(0)
			s := c.rawScores(cols, vals)
			want := make([]TopicScore, len(s))
			for k, v := range s {
				want[k] = TopicScore{Topic: Topic{ID: c.labels[k], Label: c.labels[k]}, Score: v}
			}
			slices.SortStableFunc(want, func(a, b TopicScore) int { return cmp.Compare(b.Score, a.Score) })
			if got := c.Score(d.Document()); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: Score = %v, want %v", c.Kind(), got, want)
			}
		}
	}
}
