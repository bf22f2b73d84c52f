package main

import (
	"encoding/json"
	"os"
	"testing"
)

func TestTopicsEntitiesFlag(t *testing.T) {
	for _, flag := range []string{"-entities=true", "-entities=false"} {
		out, errOut, code := runEvaluate(t, nil, "topics", "-train", topicsTrain, "-test", topicsTest, flag, "-json")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", flag, code, errOut)
		}
		var got struct{ Accuracy float64 }
		if err := json.Unmarshal([]byte(out), &got); err != nil || got.Accuracy != 1 {
			t.Errorf("%s: %v %s", flag, err, out)
		}
	}
}

// devTopics is the labelled development set, outside the repository.
const devTopics = "../../../shared/data/news-topics-dev/ant-v2.1-dev.jsonl"

// TestTopicsDevCrossValidation checks the 5-fold cross-validation of the
// three classifiers, with entity and source terms, on the dev set: when
// this test was written the linear model scored 0.9022, naive Bayes
// 0.8811 and the centroid 0.8711, so it wants the linear model at 0.89 or
// more, two points above the centroid and 1.5 above naive Bayes. It takes
// about 15 seconds on one core, so it is skipped with -short and under
// the race detector.
func TestTopicsDevCrossValidation(t *testing.T) {
	if _, err := os.Stat(devTopics); err != nil {
		t.Skipf("dev topic data not available (%v); it lives in ../shared/data, outside the repository", err)
	}
	if testing.Short() || raceEnabled {
		t.Skip("5-fold cross-validation on 1,800 articles: skipped with -short and -race")
	}
	accuracy := map[string]float64{}
	for _, kind := range []string{"linear", "centroid", "bayes"} {
		out, errOut, code := runEvaluate(t, nil, "topics", "-train", devTopics, "-folds", "5", "-classifier", kind, "-json")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", kind, code, errOut)
		}
		var got struct {
			Accuracy float64 `json:"accuracy"`
			MacroF1  float64 `json:"macro_f1"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		t.Logf("5-fold CV, %s with entity and source terms: accuracy %.4f, macro-F1 %.4f", kind, got.Accuracy, got.MacroF1)
		accuracy[kind] = got.Accuracy
	}
	if l := accuracy["linear"]; l < 0.89 || l-accuracy["centroid"] < 0.02 || l-accuracy["bayes"] < 0.015 {
		t.Errorf("linear %.4f, centroid %.4f, naive Bayes %.4f: want linear ≥ 0.89, 2 points above the centroid and 1.5 above naive Bayes (0.9022, 0.8711, 0.8811 measured)",
			l, accuracy["centroid"], accuracy["bayes"])
	}
}
