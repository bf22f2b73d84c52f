package topics

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// extraCorpus has the same words in every document: only the Extra terms
// tell the labels apart.
var extraCorpus = []LabeledDoc{
	{ID: "a1", Category: "arab", Text: "انتخابات البرلمان", Extra: []string{"region:arab"}},
	{ID: "a2", Category: "arab", Text: "انتخابات البرلمان", Extra: []string{"region:arab"}},
	{ID: "o1", Category: "other", Text: "انتخابات البرلمان", Extra: []string{"region:other"}},
	{ID: "o2", Category: "other", Text: "انتخابات البرلمان", Extra: []string{"region:other"}},
}

func TestLabeledDocTerms(t *testing.T) {
	d := LabeledDoc{Title: "البرلمان", Text: "انتخابات البرلمان", Extra: []string{"country:IQ", "", "region:arab"}}
	got := d.Terms(2, tfidf.TermOptions{})
	var keys []string
	for _, term := range got {
		keys = append(keys, term.Key+"/"+term.Kind.String())
	}
	want := []string{"برلم/word", "برلم/word", "انتخاب/word", "برلم/word", "country:IQ/extra", "region:arab/extra"}
	if !slices.Equal(keys, want) {
		t.Fatalf("terms %v, want %v", keys, want)
	}
	if e := got[len(got)-1]; e.Surface != "region:arab" || e.Start != -1 || e.End != -1 || e.Sentence != -1 || e.Paragraph != -1 {
		t.Errorf("extra term %+v", e)
	}
	// tfidf.TermOptions.Extra still applies, before d.Extra.
	opts := tfidf.TermOptions{Extra: func(string) []string { return []string{"tag:x"} }}
	got = LabeledDoc{Text: "انتخابات", Extra: []string{"region:arab"}}.Terms(0, opts)
	if len(got) != 3 || got[1].Key != "tag:x" || got[2].Key != "region:arab" {
		t.Errorf("with tfidf.TermOptions.Extra: %+v", got)
	}
}

func TestNewSpaceLabeled(t *testing.T) {
	s, err := NewSpaceLabeled(extraCorpus, 0, tfidf.TermOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := s.Vectorizer()
	if got, want := v.Vocabulary(), []string{"region:arab", "region:other", "انتخاب", "برلم"}; !slices.Equal(got, want) {
		t.Fatalf("vocabulary %q, want %q", got, want)
	}
	j, _ := v.Column("region:arab")
	if v.DF(j) != 2 {
		t.Errorf("df(region:arab) = %d, want 2", v.DF(j))
	}
	// idf = ln((1+4)/(1+2)) + 1
	if got, want := s.Weights().IDF(j), math.Log(5.0/3)+1; math.Abs(got-want) > 1e-12 {
		t.Errorf("idf(region:arab) = %v, want %v", got, want)
	}
	if _, err := NewSpaceLabeled(nil, 0, tfidf.TermOptions{}, nil); !errors.Is(err, tfidf.ErrEmptyCorpus) {
		t.Errorf("no documents: %v, want tfidf.ErrEmptyCorpus", err)
	}
	if _, err := NewSpaceLabeled(extraCorpus, -1, tfidf.TermOptions{}, nil); err == nil {
		t.Error("title weight -1: no error")
	}
	if _, err := NewSpaceLabeled(extraCorpus, 0, tfidf.TermOptions{}, []tfidf.VectorizerOption{tfidf.WithMinDF(0)}); err == nil {
		t.Error("tfidf.WithMinDF(0): no error")
	}
}

// TestCentroidExtraByHand checks the centroid scores against values
// computed by hand. Every document's row is (1, 1, i) over (انتخاب, برلم,
// its region), with i = idf(region) = ln(5/3)+1 (smooth idf, 4 documents,
// df 2); the two words have idf ln(5/5)+1 = 1. Both documents of a label
// are equal, so its centroid is that row, normalised. A query with the
// same region has cosine 1; with the other region, 2/(2+i²); with no
// region, 2/√(2·(2+i²)) for both labels.
func TestCentroidExtraByHand(t *testing.T) {
	s, err := NewSpaceLabeled(extraCorpus, 0, tfidf.TermOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := TrainCentroid(s, extraCorpus, WithTitleWeight(0))
	if err != nil {
		t.Fatal(err)
	}
	i := math.Log(5.0/3) + 1
	q := LabeledDoc{Text: "انتخابات البرلمان", Extra: []string{"region:other", "not-in-vocabulary"}}
	got := scoresOf(c, q)
	want := []labelScore{{"other", 1}, {"arab", 2 / (2 + i*i)}}
	if !closeScores(got, want) {
		t.Errorf("ScoresDoc %v, want %v", got, want)
	}
	noRegion := 2 / math.Sqrt(2*(2+i*i))
	if got, want := scoresOf(c, LabeledDoc{Text: "انتخابات البرلمان"}), []labelScore{{"arab", noRegion}, {"other", noRegion}}; !closeScores(got, want) {
		t.Errorf("Scores without extra terms %v, want %v (a tie, in label order)", got, want)
	}
}

func closeScores(got, want []labelScore) bool {
	if len(got) != len(want) {
		return false
	}
	for k := range got {
		if got[k].Label != want[k].Label || math.Abs(got[k].Score-want[k].Score) > 1e-12 {
			return false
		}
	}
	return true
}

func TestLinearExtra(t *testing.T) {
	s, err := NewSpaceLabeled(extraCorpus, DefaultTitleWeight, tfidf.TermOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := TrainLinear(s, extraCorpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"arab", "other"} {
		d := LabeledDoc{Title: "البرلمان", Text: "انتخابات", Extra: []string{"region:" + region}}
		got := scoresOf(c, d)
		if got[0].Label != region || got[0].Score < 0.6 || math.Abs(got[0].Score+got[1].Score-1) > 1e-12 {
			t.Errorf("region %s: %v", region, got)
		}
	}
	// Without its extra terms a document is a tie (up to training noise).
	if got := scoresOf(c, LabeledDoc{Text: "انتخابات البرلمان"}); math.Abs(got[0].Score-0.5) > 0.05 {
		t.Errorf("no extra terms: %v, want about 0.5 each", got)
	}

	// Extra terms live in the space's vocabulary, so a saved classifier
	// scores them the same way.
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	c2, err := ReadClassifier(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range extraCorpus {
		if a, b := scoresOf(c, d), scoresOf(c2, d); !closeScores(a, b) {
			t.Errorf("%s: before saving %v, after loading %v", d.ID, a, b)
		}
	}
}

// TestTrainIgnoresUnknownExtra checks that a space built without the
// extra terms (tfidf.NewSpace over texts) ignores them, as before LabeledDoc
// had Extra.
func TestTrainIgnoresUnknownExtra(t *testing.T) {
	texts := make([]string, len(extraCorpus))
	for i, d := range extraCorpus {
		texts[i] = d.Content(DefaultTitleWeight)
	}
	s, err := tfidf.NewSpace(texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := TrainCentroid(s, extraCorpus)
	if err != nil {
		t.Fatal(err)
	}
	got := scoresOf(c, extraCorpus[0])
	if math.Abs(got[0].Score-got[1].Score) > 1e-12 {
		t.Errorf("scores %v, want a tie", got)
	}
}

func TestReadLabeledJSONLIgnoresExtra(t *testing.T) {
	docs, err := ReadLabeledJSONL(strings.NewReader(`{"id":"1","category":"a","text":"نص","Extra":["x"],"extra":["y"]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Extra != nil {
		t.Errorf("docs %+v: Extra must not come from JSON", docs)
	}
}

// TestBayesByHand checks naive Bayes against values computed by hand on
// extraCorpus. Every row is (1, 1, i)/n over (انتخاب, برلم, its region),
// i = ln(5/3)+1 and n = √(2+i²) (see TestCentroidExtraByHand). The two
// rows of label arab sum to 2/n, 2/n and 2i/n over انتخاب, برلم and
// region:arab, and to 0 over region:other; with α added to each of the
// 4 terms, θ = (W + α)/(2(2+i)/n + 4α). A query row of the other region
// scores ln ½ + (ln θ(انتخاب) + ln θ(برلم) + i·ln θ(region:other))/n for
// label arab, and the same with θ(region:other) of label other, which is
// θ(region:arab) of label arab by symmetry; the scores are the softmax of
// the two.
func TestBayesByHand(t *testing.T) {
	const alpha = 0.5
	s, err := NewSpaceLabeled(extraCorpus, 0, tfidf.TermOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := TrainBayes(s, extraCorpus, WithTitleWeight(0), WithSmoothing(alpha))
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind() != Bayes || c.Kind().String() != "bayes" {
		t.Errorf("kind %v", c.Kind())
	}
	i := math.Log(5.0/3) + 1
	n := math.Sqrt(2 + i*i)
	total := 2*(2+i)/n + 4*alpha
	word := math.Log((2/n + alpha) / total)
	same := math.Log((2*i/n + alpha) / total)
	other := math.Log(alpha / total)
	sOther := math.Log(0.5) + (2*word+i*same)/n
	sArab := math.Log(0.5) + (2*word+i*other)/n
	pOther := 1 / (1 + math.Exp(sArab-sOther))
	q := LabeledDoc{Text: "انتخابات البرلمان", Extra: []string{"region:other"}}
	want := []labelScore{{"other", pOther}, {"arab", 1 - pOther}}
	if got := scoresOf(c, q); !closeScores(got, want) {
		t.Errorf("ScoresDoc %v, want %v", got, want)
	}
	// Without the region both labels are alike: ½ each.
	if got, want := scoresOf(c, LabeledDoc{Text: "انتخابات البرلمان"}), []labelScore{{"arab", 0.5}, {"other", 0.5}}; !closeScores(got, want) {
		t.Errorf("Scores without extra terms %v, want %v", got, want)
	}
}
