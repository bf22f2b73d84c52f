package entities

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/entities/tagger"
)

// syntheticNames are invented names, in no gazetteer: what the model
// learns must come from their context.
var syntheticNames = []string{
	"زيدان قرطاجي", "مهيار الدمشقي", "سنان العبدلي", "فراس النجدي", "ريان الحلبي", "يزن الكرمي",
	"قيس المرجاني", "أوس البلقاوي", "نزار الطرابلسي", "مازن الحوراني", "طارق الزرقاوي", "بشير الجزراوي",
}

// syntheticDocs builds n annotated sentences in which a person's name
// follows a title and a place's follows مدينة.
func syntheticDocs(n int) []corpus.Document {
	titles := []string{"وقال الوزير", "وأكد الرئيس", "وصرح السفير", "وأعلن المتحدث"}
	places := []string{"قرطاج", "البلقاء", "الكرك", "جرش", "مادبا", "الطفيلة"}
	var docs []corpus.Document
	for i := range n {
		name := syntheticNames[i%len(syntheticNames)]
		place := places[(i/3)%len(places)]
		head := titles[i%len(titles)] + " "
		mid := " إن الاجتماع في مدينة "
		text := head + name + mid + place + " كان مثمرا ."
		docs = append(docs, corpus.Document{Text: text, Spans: []corpus.Span{
			{Start: len(head), End: len(head) + len(name), Type: corpus.PER},
			{Start: len(head + name + mid), End: len(head+name+mid) + len(place), Type: corpus.LOC},
		}})
	}
	return docs
}

func trainSynthetic(t testing.TB) *Model {
	t.Helper()
	m, err := Train(context.Background(), syntheticDocs(120), WithTaggerOptions(tagger.WithMethod(tagger.Perceptron), tagger.WithMaxIterations(8)))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestTrainSynthetic checks that a model learns a tiny corpus: a name
// after a title is a person, a name after مدينة a place, and both get
// generated IDs since no gazetteer knows them.
func TestTrainSynthetic(t *testing.T) {
	m := trainSynthetic(t)
	x, err := New(WithModel(m))
	if err != nil {
		t.Fatal(err)
	}
	text := "وقال الوزير قيس الزرقاوي إن الاجتماع في مدينة جرش كان مثمرا ."
	res := x.Extract(text)
	checkOffsets(t, text, res)
	var got []string
	for _, mn := range res.Mentions {
		got = append(got, fmt.Sprintf("%s %s %s", mn.Type, mn.Text, mn.Kind))
		if mn.Kind == Tagged && !strings.Contains(mn.ID, ":gen:") {
			t.Errorf("tagged mention %q has ID %q, want a generated one", mn.Text, mn.ID)
		}
	}
	want := []string{"PER قيس الزرقاوي tagged", "LOC جرش exact"} // جرش is in the gazetteer: linked
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mentions %q, want %q", got, want)
	}
	// The same model written and read back tags the same.
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	x2, err := New(WithModel(m2))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(x2.Extract(text).Mentions, res.Mentions) {
		t.Error("the model read back tags otherwise")
	}
	if m.Size() == 0 || !reflect.DeepEqual(m.Types(), []string{"LOC", "PER"}) {
		t.Errorf("model types %v, size %d", m.Types(), m.Size())
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(context.Background(), nil); !errors.Is(err, ErrNoTrainingData) {
		t.Errorf("no texts: %v", err)
	}
	if _, err := Train(context.Background(), syntheticDocs(3), WithFolds(0)); err == nil {
		t.Error("WithFolds(0) accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Train(ctx, syntheticDocs(10)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestReadModelOtherFeatures checks that a tagger model trained with
// other templates is refused.
func TestReadModelOtherFeatures(t *testing.T) {
	seq := tagger.Sequence{Obs: [][]tagger.Obs{{{Template: 0, Value: 1}}, {{Template: 0, Value: 2}}}, Labels: []string{"B-PER", "O"}}
	tm, err := tagger.Train(context.Background(), []tagger.Template{{Name: "w", Window: []int{0}}}, []tagger.Sequence{seq}, tagger.WithMethod(tagger.Perceptron))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	tm.WriteTo(&buf)
	if _, err := ReadModel(&buf); !errors.Is(err, ErrModelFeatures) {
		t.Errorf("ReadModel of other features: %v", err)
	}
	if _, err := ReadModel(strings.NewReader("not a model")); !errors.Is(err, tagger.ErrNotModel) {
		t.Errorf("ReadModel of text: %v", err)
	}
	if _, err := New(WithModel(nil)); err == nil {
		t.Error("WithModel(nil) accepted")
	}
	if _, err := New(WithoutModel(), WithModel(trainSynthetic(t))); err == nil || !strings.Contains(err.Error(), "contradict") {
		t.Errorf("WithoutModel with WithModel: %v", err)
	}
}

func TestValidBIO(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"O B-PER I-PER O", "O B-PER I-PER O"},
		{"I-PER I-PER O", "B-PER I-PER O"},
		{"O I-LOC B-ORG I-LOC", "O B-LOC B-ORG B-LOC"},
		{"B-ORG I-ORG I-LOC", "B-ORG I-ORG B-LOC"},
	} {
		if got := strings.Join(validBIO(strings.Fields(tc.in)), " "); got != tc.want {
			t.Errorf("validBIO(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestSplitAtWaw(t *testing.T) {
	x := extractorWithout(t)
	text := "قوات صالح وقوات الأمن ومحمد وليد"
	doc := x.recognize(text, x.cfg.tz.Tokenize(text))
	if got := splitAtWaw(doc, nil, 0, 4, "ORG"); !reflect.DeepEqual(got, [][2]int{{0, 2}, {2, 4}}) {
		t.Errorf("split of قوات صالح وقوات الأمن = %v", got)
	}
	// وليد begins with و but is a first name: no cut.
	if got := splitAtWaw(doc, nil, 4, 6, "PER"); !reflect.DeepEqual(got, [][2]int{{4, 6}}) {
		t.Errorf("split of ومحمد وليد = %v", got)
	}
	// A preposition between two words is left out; علي is a first name.
	text = "شيرين من حسام حبيب ومحمد علي كلاي"
	doc = x.recognize(text, x.cfg.tz.Tokenize(text))
	if got := splitAtWaw(doc, nil, 0, 4, "PER"); !reflect.DeepEqual(got, [][2]int{{0, 1}, {2, 4}}) {
		t.Errorf("split of شيرين من حسام حبيب = %v", got)
	}
	if got := splitAtWaw(doc, nil, 4, 7, "PER"); !reflect.DeepEqual(got, [][2]int{{4, 7}}) {
		t.Errorf("split of ومحمد علي كلاي = %v", got)
	}
	if got := splitAtWaw(doc, nil, 0, 4, "ORG"); !reflect.DeepEqual(got, [][2]int{{0, 4}}) {
		t.Errorf("split of شيرين من حسام حبيب, no person = %v", got)
	}
	// An organisation's name carries on across و and a definite word,
	// unless a name of the gazetteer ends before it.
	text = "وزارة الطاقة والصناعة"
	doc = x.recognize(text, x.cfg.tz.Tokenize(text))
	if got := splitAtWaw(doc, nil, 0, 3, "ORG"); !reflect.DeepEqual(got, [][2]int{{0, 3}}) {
		t.Errorf("split of وزارة الطاقة والصناعة = %v", got)
	}
	if got := splitAtWaw(doc, nil, 0, 3, "LOC"); !reflect.DeepEqual(got, [][2]int{{0, 2}, {2, 3}}) {
		t.Errorf("split of وزارة الطاقة والصناعة as a place = %v", got)
	}
	named := []Mention{{TokenStart: 0, TokenEnd: 2, Kind: Exact}}
	if got := splitAtWaw(doc, named, 0, 3, "ORG"); !reflect.DeepEqual(got, [][2]int{{0, 2}, {2, 3}}) {
		t.Errorf("split of وزارة الطاقة والصناعة after a name of the gazetteer = %v", got)
	}
}

func extractorWithout(t testing.TB) *Extractor {
	t.Helper()
	x, err := New(WithoutModel())
	if err != nil {
		t.Fatal(err)
	}
	return x
}
