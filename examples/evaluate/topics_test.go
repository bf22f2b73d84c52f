package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/topics"
)

const (
	topicsTrain = "testdata/topics-train.jsonl"
	topicsTest  = "testdata/topics-test.jsonl"
)

func TestTopicsUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no -train", []string{"topics", "-test", topicsTest}, 2, "give -train FILE.jsonl to train a classifier, or -map"},
		{"no -test or -folds", []string{"topics", "-train", topicsTrain}, 2, "give -test"},
		{"bad classifier", []string{"topics", "-train", topicsTrain, "-test", topicsTest, "-classifier", "svm"}, 2, `-classifier "svm": want linear, centroid or bayes`},
		{"-folds 1", []string{"topics", "-train", topicsTrain, "-folds", "1"}, 2, "-folds must be"},
		{"-folds and -test", []string{"topics", "-train", topicsTrain, "-test", topicsTest, "-folds", "2"}, 2, "cannot be combined"},
		{"extra argument", []string{"topics", "-train", topicsTrain, "x"}, 2, `unexpected argument "x"`},
		{"help", []string{"topics", "-h"}, 0, "-classifier"},
		{"missing file", []string{"topics", "-train", "testdata/nope.jsonl", "-test", topicsTest}, 1, "nope.jsonl"},
		{"too many folds", []string{"topics", "-train", topicsTrain, "-folds", "50"}, 1, "too few for 50 folds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runEvaluate(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.msg) {
				t.Fatalf("exit %d (want %d), output lacks %q?\n%s%s", code, tc.code, tc.msg, out, errOut)
			}
		})
	}
}

func TestTopicsBadJSONL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(path, []byte(`{"id":"1","category":"a","text":"نص"}`+"\n{nope\n"), 0o644)
	_, errOut, code := runEvaluate(t, nil, "topics", "-train", path, "-test", topicsTest)
	if code != 1 || !strings.Contains(errOut, path) || !strings.Contains(errOut, "line 2") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestTopicsText(t *testing.T) {
	for _, kind := range []string{"centroid", "linear", "bayes"} {
		out, errOut, code := runEvaluate(t, nil, "topics", "-train", topicsTrain, "-test", topicsTest, "-classifier", kind)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", kind, code, errOut)
		}
		for _, want := range []string{"classifier " + kind, "accuracy 100.00%", "macro-F1 100.00%", "confusion matrix", "economy"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", kind, want, out)
			}
		}
	}
}

func TestTopicsJSON(t *testing.T) {
	out, errOut, code := runEvaluate(t, nil, "topics", "-train", topicsTrain, "-test", topicsTest, "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Accuracy float64                       `json:"accuracy"`
		MacroF1  float64                       `json:"macro_f1"`
		Labels   map[string]map[string]float64 `json:"labels"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Accuracy != 1 || got.MacroF1 != 1 || len(got.Labels) != 3 || got.Labels["sport"]["f1"] != 1 {
		t.Errorf("JSON %s", out)
	}
}

func TestTopicsFolds(t *testing.T) {
	out, errOut, code := runEvaluate(t, nil, "topics", "-train", topicsTrain, "-folds", "2", "-classifier", "centroid", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "fold 2/2") || !strings.Contains(out, `"documents":12`) || !strings.Contains(out, `"folds":2`) {
		t.Errorf("stdout %s\nstderr %s", out, errOut)
	}
}

func TestStratifiedFolds(t *testing.T) {
	var docs []topics.LabeledDoc
	for i := range 10 {
		docs = append(docs, topics.LabeledDoc{Category: "a"})
		if i < 5 {
			docs = append(docs, topics.LabeledDoc{Category: "b"})
		}
	}
	part := stratifiedFolds(docs, 5, 1)
	per := map[[2]any]int{}
	for i, d := range docs {
		per[[2]any{d.Category, part[i]}]++
	}
	for f := range 5 {
		if per[[2]any{"a", f}] != 2 || per[[2]any{"b", f}] != 1 {
			t.Errorf("fold %d: %d a, %d b; want 2 and 1", f, per[[2]any{"a", f}], per[[2]any{"b", f}])
		}
	}
	again := stratifiedFolds(docs, 5, 1)
	for i := range part {
		if part[i] != again[i] {
			t.Fatal("folds not deterministic")
		}
	}
}

// TestTopicsSources files the same stories under a different label for
// each of two sources: only the source terms can tell them apart.
func TestTopicsSources(t *testing.T) {
	stories := []string{
		"اجتمع الوزير في بغداد مع نظيره لبحث الأوضاع الأمنية.",
		"عقد الرئيس في دمشق اجتماعا مع الوفد الزائر.",
		"بحث رئيس الوزراء في بيروت الأزمة السياسية مع الحكومة.",
		"التقى وزير الخارجية في القاهرة بنظيره لبحث العلاقات.",
		"ناقش البرلمان في الرباط مشروع قانون الانتخابات.",
		"استقبل الأمير في الدوحة وفدا حكوميا رفيعا.",
	}
	dir := t.TempDir()
	var train, test []map[string]string
	for i, s := range stories {
		for source, label := range map[string]string{"wire_a": "world", "wire_b": "middle_east"} {
			d := map[string]string{"id": fmt.Sprint(i), "source": source, "category": label, "text": s}
			if i < 4 {
				train = append(train, d)
			} else {
				test = append(test, d)
			}
		}
	}
	trainPath, testPath := writeJSONL(t, dir, "train.jsonl", train), writeJSONL(t, dir, "test.jsonl", test)
	for _, tc := range []struct {
		sources  string
		accuracy float64
		features string
	}{
		{"true", 1, `"features":["words","entities","sources"]`},
		{"false", 0.5, `"features":["words","entities"]`},
	} {
		out, errOut, code := runEvaluate(t, nil, "topics", "-train", trainPath, "-test", testPath, "-sources="+tc.sources, "-json")
		if code != 0 {
			t.Fatalf("-sources=%s: exit %d: %s", tc.sources, code, errOut)
		}
		var got struct {
			Accuracy float64 `json:"accuracy"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Accuracy != tc.accuracy || !strings.Contains(out, tc.features) {
			t.Errorf("-sources=%s: accuracy %v (want %v), want %s in %s", tc.sources, got.Accuracy, tc.accuracy, tc.features, out)
		}
	}
}
