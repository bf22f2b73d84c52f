package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestFolds runs 2-fold evaluation on testdata/folds.conll with a
// gazetteer-backed extractor and no default gazetteer. By hand:
//
//	fold 1 = sentences 1–2, gazetteer from 3–4: بلينكن PER, بغداد LOC,
//	  الكاظمي PER, القاهرة LOC. Found: بلينكن ✓, بغداد ✓; missed وزارة
//	  الخارجية. Micro: gold 3, predicted 2, correct 2, F1 0.8.
//	fold 2 = sentences 3–4, gazetteer from 1–2: بلينكن, بغداد, وزارة
//	  الخارجية. Found: بلينكن ✓, بغداد ✓; missed الكاظمي, القاهرة. Micro:
//	  gold 4, predicted 2, correct 2, F1 2/3.
//	Sum: PER 3/2/2, LOC 3/2/2, ORG 1/0/0; micro 7/4/4.
func TestFolds(t *testing.T) {
	out, errOut, code := runEvaluate(t, newGazExtractor, "ner", "-gold", "testdata/folds.conll", "-folds", "2", "-no-default-gazetteer", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		PER, LOC, ORG, Micro metrics
		Folds                []struct {
			Fold, Sentences, Tokens, Names int
			Micro                          metrics
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, tc := range []struct {
		name string
		m    metrics
		want [3]int
	}{
		{"PER", got.PER, [3]int{3, 2, 2}},
		{"LOC", got.LOC, [3]int{3, 2, 2}},
		{"ORG", got.ORG, [3]int{1, 0, 0}},
		{"micro", got.Micro, [3]int{7, 4, 4}},
		{"fold 1", got.Folds[0].Micro, [3]int{3, 2, 2}},
		{"fold 2", got.Folds[1].Micro, [3]int{4, 2, 2}},
	} {
		if c := [3]int{tc.m.Gold, tc.m.Predicted, tc.m.Correct}; c != tc.want {
			t.Errorf("%s gold/predicted/correct = %v, want %v", tc.name, c, tc.want)
		}
	}
	if len(got.Folds) != 2 || got.Folds[0].Sentences != 2 || got.Folds[0].Names != 4 || got.Folds[1].Names != 3 {
		t.Errorf("folds = %+v", got.Folds)
	}
	if !near(float64(got.Folds[0].Micro.F1), 0.8) || !near(float64(got.Folds[1].Micro.F1), 0.6667) {
		t.Errorf("fold F1 = %v, %v", got.Folds[0].Micro.F1, got.Folds[1].Micro.F1)
	}
	for _, want := range []string{"fold 1/2: sentences 1–2", "fold 2/2: 3 names from the other folds, micro-F1 66.67%"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("progress lacks %q:\n%s", want, errOut)
		}
	}
}

// TestFoldsWithUserGazetteer adds a -gazetteer file beside the fold
// names: وزارة الخارجية is now found in fold 1 too.
func TestFoldsWithUserGazetteer(t *testing.T) {
	out, errOut, code := runEvaluate(t, newGazExtractor, "ner", "-gold", "testdata/folds.conll", "-folds", "2", "-no-default-gazetteer", "-gazetteer", "testdata/orgs.tsv", "-errors", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"gazetteer: testdata/orgs.tsv + names of the other folds",
		"2-fold evaluation",
		"ORG       100.00%    100.00%    100.00%        1          1        1",
		"micro     100.00%     71.43%     83.33%        7          5        5",
		"1               2        8        4    100.00%    100.00%    100.00%",
		"FN 1. PER «الكاظمي» — predicted: nothing",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "testdata/orgs.tsv: 1 entries") {
		t.Errorf("stderr does not report the user gazetteer once:\n%s", errOut)
	}
}

func TestFoldBounds(t *testing.T) {
	n, k := 3963, 5
	prev := 0
	for i := range k {
		lo, hi := foldBounds(n, k, i)
		if lo != prev || hi-lo < n/k || hi-lo > n/k+1 {
			t.Errorf("fold %d = [%d, %d)", i, lo, hi)
		}
		prev = hi
	}
	if prev != n {
		t.Errorf("folds end at %d, want %d", prev, n)
	}
}
