package topics

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/khabar-nlp/khabar/internal/binfile"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

var tinyCorpus = []LabeledDoc{
	{ID: "s1", Category: "sport", Title: "فوز الفريق في المباراة", Text: "سجل اللاعب هدفا في المباراة وفاز الفريق بالدوري"},
	{ID: "s2", Category: "sport", Title: "المدرب واللاعبون", Text: "قال المدرب إن اللاعبين استعدوا للمباراة النهائية في الملعب"},
	{ID: "s3", Category: "sport", Title: "هدف في الدقيقة الأخيرة", Text: "أحرز المهاجم هدف الفوز للفريق في الملعب"},
	{ID: "e1", Category: "economy", Title: "ارتفاع أسعار النفط", Text: "ارتفعت أسعار النفط في الأسواق وتراجع سعر الدولار"},
	{ID: "e2", Category: "economy", Title: "البنك المركزي والفائدة", Text: "رفع البنك المركزي سعر الفائدة لمواجهة التضخم في الأسواق"},
	{ID: "e3", Category: "economy", Title: "الأسهم في البورصة", Text: "تراجعت الأسهم في البورصة مع ارتفاع التضخم وأسعار النفط"},
	{ID: "c1", Category: "culture", Title: "مهرجان السينما", Text: "افتتح مهرجان السينما بعرض فيلم جديد للمخرج"},
	{ID: "c2", Category: "culture", Title: "معرض الكتاب", Text: "زار الجمهور معرض الكتاب ووقع الروائي روايته الجديدة"},
	{ID: "c3", Category: "culture", Title: "حفل غنائي", Text: "أحيت المطربة حفلا غنائيا وعرض فيلم عن الرواية"},
}

var tinyQueries = []struct{ text, want string }{
	{"سجل المهاجم هدفا للفريق في المباراة", "sport"},
	{"أسعار النفط والتضخم في الأسواق", "economy"},
	{"فيلم جديد في مهرجان السينما", "culture"},
}

func tinySpace(t testing.TB) *tfidf.Space {
	t.Helper()
	texts := make([]string, len(tinyCorpus))
	for i, d := range tinyCorpus {
		texts[i] = d.Content(DefaultTitleWeight)
	}
	s, err := tfidf.NewSpace(texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func trainAll(t testing.TB) []*Classifier {
	t.Helper()
	s := tinySpace(t)
	c1, err := TrainCentroid(s, tinyCorpus)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := TrainLinear(s, tinyCorpus)
	if err != nil {
		t.Fatal(err)
	}
	c3, err := TrainBayes(s, tinyCorpus)
	if err != nil {
		t.Fatal(err)
	}
	return []*Classifier{c1, c2, c3}
}

func checkObvious(t *testing.T, c *Classifier) {
	t.Helper()
	for _, q := range tinyQueries {
		got := scoresOf(c, LabeledDoc{Text: q.text})
		if len(got) != 3 {
			t.Fatalf("%s: %d scores, want 3", c.Kind(), len(got))
		}
		if got[0].Label != q.want {
			t.Errorf("%s: %q → %v, want %s first", c.Kind(), q.text, got, q.want)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Score > got[i-1].Score {
				t.Errorf("%s: scores not best first: %v", c.Kind(), got)
			}
		}
	}
}

func TestClassifiersTiny(t *testing.T) {
	for _, c := range trainAll(t) {
		t.Run(c.Kind().String(), func(t *testing.T) {
			checkObvious(t, c)
			if got := strings.Join(c.Labels(), ","); got != "culture,economy,sport" {
				t.Errorf("Labels() = %s", got)
			}
			if c.Kind() != Centroid {
				var sum float64
				for _, s := range scoresOf(c, LabeledDoc{Text: tinyQueries[0].text}) {
					sum += s.Score
				}
				if sum < 0.999 || sum > 1.001 {
					t.Errorf("probabilities sum to %v", sum)
				}
			}
			// Every training document gets its own label.
			for _, d := range tinyCorpus {
				if got := scoresOf(c, d)[0].Label; got != d.Category {
					t.Errorf("%s → %s, want %s", d.ID, got, d.Category)
				}
			}
			// A text with no known term still scores every label.
			if got := scoresOf(c, LabeledDoc{Text: "xyz"}); len(got) != 3 {
				t.Errorf("unknown text: %v", got)
			}
		})
	}
}

func TestTrainLinearDeterministic(t *testing.T) {
	s := tinySpace(t)
	a, _ := TrainLinear(s, tinyCorpus, WithSeed(7))
	b, _ := TrainLinear(s, tinyCorpus, WithSeed(7))
	var ba, bb bytes.Buffer
	a.WriteTo(&ba)
	b.WriteTo(&bb)
	if !bytes.Equal(ba.Bytes(), bb.Bytes()) {
		t.Error("same seed, different models")
	}
}

// labelScore is a label's score, for comparisons.
type labelScore struct {
	Label string
	Score float64
}

// scoresOf returns the scores of c for d, best first.
func scoresOf(c *Classifier, d LabeledDoc) []labelScore {
	var out []labelScore
	for _, s := range c.Score(d.Document()) {
		out = append(out, labelScore{s.Label, s.Score})
	}
	return out
}

func TestTrainErrors(t *testing.T) {
	s := tinySpace(t)
	trainers := map[string]func(*tfidf.Space, []LabeledDoc) error{
		"centroid": func(s *tfidf.Space, d []LabeledDoc) error { _, err := TrainCentroid(s, d); return err },
		"linear":   func(s *tfidf.Space, d []LabeledDoc) error { _, err := TrainLinear(s, d); return err },
		"bayes":    func(s *tfidf.Space, d []LabeledDoc) error { _, err := TrainBayes(s, d); return err },
	}
	for name, train := range trainers {
		if err := train(s, nil); !errors.Is(err, tfidf.ErrEmptyCorpus) {
			t.Errorf("%s, no docs: %v", name, err)
		}
		if err := train(s, []LabeledDoc{{ID: "x", Text: "نص"}}); !errors.Is(err, ErrNoLabel) || !strings.Contains(err.Error(), `"x"`) {
			t.Errorf("%s, no label: %v", name, err)
		}
	}
	// Every invalid option is refused by the trainers that take it; the
	// others do not compile (TrainBayes(s, docs, WithEpochs(3))).
	var errs []error
	for _, o := range []LinearOption{WithTitleWeight(-1), WithEpochs(0), WithLearningRate(0), WithL2(-1), WithL2(1)} {
		_, err := TrainLinear(s, tinyCorpus, o)
		errs = append(errs, err)
	}
	for _, o := range []BayesOption{WithTitleWeight(-1), WithSmoothing(0), WithSmoothing(101)} {
		_, err := TrainBayes(s, tinyCorpus, o)
		errs = append(errs, err)
	}
	_, err := TrainCentroid(s, tinyCorpus, WithTitleWeight(-1))
	errs = append(errs, err)
	for i, err := range errs {
		if err == nil || !strings.HasPrefix(err.Error(), "topics: ") {
			t.Errorf("invalid option %d: %v", i, err)
		}
	}
}

func TestClassifierRoundTrip(t *testing.T) {
	for _, c := range trainAll(t) {
		var buf bytes.Buffer
		n, err := c.WriteTo(&buf)
		if err != nil || n != int64(buf.Len()) {
			t.Fatalf("WriteTo: %d, %v", n, err)
		}
		saved := bytes.Clone(buf.Bytes())
		d, err := ReadClassifier(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind() != c.Kind() || d.TitleWeight() != c.TitleWeight() {
			t.Errorf("kind/title weight changed")
		}
		for _, q := range tinyQueries {
			a, b := scoresOf(c, LabeledDoc{Text: q.text}), scoresOf(d, LabeledDoc{Text: q.text})
			for i := range a {
				if a[i] != b[i] {
					t.Errorf("%s: scores differ after load: %v vs %v", c.Kind(), a, b)
					break
				}
			}
		}
		var again bytes.Buffer
		d.WriteTo(&again)
		if !bytes.Equal(saved, again.Bytes()) {
			t.Errorf("%s: re-saved file differs", c.Kind())
		}
	}
}

func TestReadClassifierErrors(t *testing.T) {
	c := trainAll(t)[1]
	var buf bytes.Buffer
	c.WriteTo(&buf)
	good := buf.Bytes()
	var sp bytes.Buffer
	c.Space().WriteTo(&sp)

	flip := bytes.Clone(good)
	flip[len(flip)/2] ^= 0xff
	version := bytes.Clone(good)
	binary.LittleEndian.PutUint16(version[8:], 99)
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrNotClassifier, ""},
		{"text", []byte("hello, world"), ErrNotClassifier, ""},
		{"a space", sp.Bytes(), ErrNotClassifier, "tfidf.ReadSpace"},
		{"header only", good[:10], ErrCorruptClassifier, "truncated"},
		{"version", version, ErrVersion, "version 99"},
		{"truncated", good[:len(good)-9], ErrCorruptClassifier, "truncated"},
		{"flipped byte", flip, ErrCorruptClassifier, "checksum"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadClassifier(bytes.NewReader(tc.data))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want %v containing %q", err, tc.want, tc.msg)
			}
		})
	}
	// A bad payload with a valid checksum is still caught.
	body := bytes.Clone(good[binfile.HeaderSize:])
	body[0] = 9 // unknown kind
	var bad bytes.Buffer
	classifierFormat.Write(&bad, body)
	if _, err := ReadClassifier(&bad); !errors.Is(err, ErrCorruptClassifier) || !strings.Contains(err.Error(), "kind") {
		t.Errorf("bad kind: %v", err)
	}
	// A space file is not a classifier, and the reverse.
	if _, err := tfidf.ReadSpace(bytes.NewReader(good)); !errors.Is(err, tfidf.ErrNotSpace) {
		t.Errorf("tfidf.ReadSpace of a classifier: %v", err)
	}
}

func TestClassifierConcurrent(t *testing.T) {
	for _, c := range trainAll(t) {
		t.Run(c.Kind().String(), func(t *testing.T) {
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					for range 20 {
						for _, q := range tinyQueries {
							if got := scoresOf(c, LabeledDoc{Text: q.text})[0].Label; got != q.want {
								t.Errorf("%q → %s", q.text, got)
							}
						}
					}
				})
			}
			wg.Wait()
		})
	}
}

func TestReadLabeledJSONL(t *testing.T) {
	in := "\uFEFF" + `{"id":"1","category":"sport","title":"عنوان","text":"نص","source":"x"}` + "\n\n" +
		`{"id":"2","category":"economy","title":"","text":"نص آخر"}` + "\r\n"
	docs, err := ReadLabeledJSONL(iotest.OneByteReader(strings.NewReader(in)))
	if err != nil || len(docs) != 2 || docs[0].Category != "sport" || docs[1].Text != "نص آخر" || docs[0].Title != "عنوان" || docs[0].Source != "x" || docs[1].Source != "" {
		t.Fatalf("got %+v, %v", docs, err)
	}
	if got := docs[0].Content(2); got != "عنوان\nعنوان\nنص" {
		t.Errorf("Content(2) = %q", got)
	}
	ok := `{"id":"1","category":"a","text":"t"}` + "\n"
	tests := []struct{ name, in, msg string }{
		{"not JSON", ok + "{oops\n", "line 2:"},
		{"no category", ok + ok + `{"id":"3","text":"t"}`, `line 3: empty or missing "category"`},
		{"no text", `{"id":"1","category":"a"}`, `line 1: no "title" or "text"`},
		{"array", ok + "[1]\n", "line 2:"},
		{"bad UTF-8", ok + "{\"category\":\"a\",\"text\":\"\xff\"}\n", "line 2: invalid UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadLabeledJSONL(strings.NewReader(tc.in))
			if !errors.Is(err, ErrJSONL) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want %q", err, tc.msg)
			}
		})
	}
}
