package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeJSONL writes docs as JSON lines in dir and returns the path.
func writeJSONL(t *testing.T, dir, name string, docs []map[string]string) string {
	t.Helper()
	var b strings.Builder
	for _, d := range docs {
		line, _ := json.Marshal(d)
		b.Write(append(line, '\n'))
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTopicsEntitiesFlag gives every article the same words but its
// capital: the capitals of the test articles are not in the training
// articles, so only the region terms of their entities (Arab world or
// not) tell the labels apart. With -entities the classifier gets them
// all right; without, it cannot do better than one label for all.
func TestTopicsEntitiesFlag(t *testing.T) {
	place := func(label, city string, i int) map[string]string {
		return map[string]string{"id": fmt.Sprint(label, i), "category": label, "text": "وصل الوزير إلى " + city + " في زيارة رسمية لبحث العلاقات."}
	}
	var train, test []map[string]string
	for i, c := range []string{"بغداد", "دمشق", "بيروت", "الرياض"} {
		train = append(train, place("arab", c, i))
	}
	for i, c := range []string{"باريس", "لندن", "برلين", "مدريد"} {
		train = append(train, place("other", c, i))
	}
	test = append(test, place("arab", "القاهرة", 9), place("arab", "الدوحة", 10), place("other", "روما", 11), place("other", "طوكيو", 12))
	dir := t.TempDir()
	trainPath, testPath := writeJSONL(t, dir, "train.jsonl", train), writeJSONL(t, dir, "test.jsonl", test)
	for _, tc := range []struct {
		flag     string
		accuracy float64
		features string
	}{
		{"-entities=true", 1, `"features":["words","entities"]`},
		{"-entities=false", 0.5, `"features":["words"]`},
	} {
		out, errOut, code := runEvaluate(t, nil, "topics", "-train", trainPath, "-test", testPath, tc.flag, "-json")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.flag, code, errOut)
		}
		var got struct{ Accuracy float64 }
		if err := json.Unmarshal([]byte(out), &got); err != nil || got.Accuracy != tc.accuracy || !strings.Contains(out, tc.features) {
			t.Errorf("%s: accuracy %v (want %v), want %s in %s (%v)", tc.flag, got.Accuracy, tc.accuracy, tc.features, out, err)
		}
	}
}
