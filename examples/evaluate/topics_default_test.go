package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/topics"
)

const testMap = "sport=medtop:15000000,economy=medtop:04000000,culture=medtop:01000000"

func TestDefaultTopicsUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no -map", []string{"topics", "-test", topicsTest}, 2, "or -map label=medtop:CODE"},
		{"no -test", []string{"topics", "-map", testMap}, 2, "give -test FILE.jsonl"},
		{"-map with -train", []string{"topics", "-train", topicsTrain, "-test", topicsTest, "-map", testMap}, 2, "cannot be combined with -train"},
		{"-classifier without -train", []string{"topics", "-test", topicsTest, "-map", testMap, "-classifier", "centroid"}, 2, "need -train"},
		{"-folds without -train", []string{"topics", "-test", topicsTest, "-map", testMap, "-folds", "3"}, 2, "need -train"},
		{"no =", []string{"topics", "-test", topicsTest, "-map", "sport"}, 2, `-map entry "sport": want label=medtop:CODE`},
		{"empty label", []string{"topics", "-test", topicsTest, "-map", "=medtop:15000000"}, 2, "want label=medtop:CODE"},
		{"unknown topic", []string{"topics", "-test", topicsTest, "-map", "sport=medtop:99000000"}, 2, `"99000000" is not a topic`},
		{"empty topic", []string{"topics", "-test", topicsTest, "-map", "sport=medtop:15000000|"}, 2, "is not a topic"},
		{"label twice", []string{"topics", "-test", topicsTest, "-map", "sport=15000000,sport=11000000"}, 2, `label "sport" mapped twice`},
		{"nothing mapped", []string{"topics", "-test", topicsTest, "-map", ","}, 2, "maps no label"},
		{"unmapped label", []string{"topics", "-test", topicsTest, "-map", "sport=medtop:15000000"}, 1, `the label "economy", which -map does not map`},
		{"missing file", []string{"topics", "-test", "testdata/nope.jsonl", "-map", testMap}, 1, "nope.jsonl"},
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

func TestDefaultTopicsText(t *testing.T) {
	out, errOut, code := runEvaluate(t, nil, "topics", "-test", topicsTest, "-map", testMap)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"default model (17 IPTC topics), 3 labels mapped, 3 documents", "accuracy 100.00%", "macro-F1 100.00%", "confusion matrix", "culture"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestDefaultTopicsJSON(t *testing.T) {
	// Two culture articles: one about a court case (predicted crime,
	// outside the labels), one with no lexicon word at all.
	path := filepath.Join(t.TempDir(), "test.jsonl")
	lines := []string{
		`{"id":"s","category":"sport","title":"المباراة","text":"فاز المنتخب في المباراة وتأهل إلى النهائي"}`,
		`{"id":"e","category":"economy","title":"البورصة","text":"ارتفعت الأسهم في البورصة وصعد الدولار"}`,
		`{"id":"p","category":"news","title":"الانتخابات","text":"فاز الحزب في الانتخابات البرلمانية"}`,
		`{"id":"c1","category":"culture","title":"المحكمة","text":"قضت المحكمة بسجن المتهم بعد أن أحالته النيابة"}`,
		`{"id":"c2","category":"culture","title":"شيء","text":"لا شيء هنا"}`,
	}
	os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	out, errOut, code := runEvaluate(t, nil, "topics", "-test", path, "-json",
		"-map", "culture=medtop:01000000,economy=medtop:04000000,sport=medtop:15000000,news=medtop:11000000|medtop:16000000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var v struct {
		Accuracy    float64                                            `json:"accuracy"`
		MacroF1     float64                                            `json:"macro_f1"`
		Labels      map[string]struct{ Precision, Recall, F1 float64 } `json:"labels"`
		Documents   int                                                `json:"documents"`
		Classifier  string                                             `json:"classifier"`
		OtherTopics map[string]int                                     `json:"other_topics"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if v.Accuracy != 0.6 || v.Documents != 5 || v.Classifier != "default" || len(v.Labels) != 4 {
		t.Errorf("got %+v", v)
	}
	if c := v.Labels["culture"]; c.Recall != 0 || c.Precision != 0 || v.Labels["news"].F1 != 1 {
		t.Errorf("labels %+v", v.Labels)
	}
	// Macro-F1 over the four labels: (1 + 1 + 1 + 0) / 4.
	if v.MacroF1 != 0.75 {
		t.Errorf("macro-F1 %v, want 0.75", v.MacroF1)
	}
	if v.OtherTopics["medtop:02000000"] != 1 || v.OtherTopics[noTopic] != 1 {
		t.Errorf("other topics %v", v.OtherTopics)
	}
}

func TestLabelMapPredicted(t *testing.T) {
	m, err := parseLabelMap("a=medtop:11000000|medtop:16000000, b=11000000 ,c=medtop:04000000", []topics.Topic{
		{ID: "medtop:11000000"}, {ID: "medtop:16000000"}, {ID: "medtop:04000000"}, {ID: "medtop:07000000"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ gold, topic, want string }{
		{"a", "medtop:16000000", "a"},               // right
		{"b", "medtop:11000000", "b"},               // right: b's own topic, though a lists it first
		{"c", "medtop:11000000", "a"},               // wrong: first label in -map order
		{"c", "medtop:07000000", "medtop:07000000"}, // outside the labels
	}
	for _, tc := range tests {
		if got := m.predicted(tc.gold, tc.topic); got != tc.want {
			t.Errorf("predicted(%s, %s) = %s, want %s", tc.gold, tc.topic, got, tc.want)
		}
	}
}

// Maps of the dev labels to the topics of the default model: merged (a
// world-news label counts as right as politics or as conflict) and
// one-to-one.
const (
	mergedMap   = "culture=medtop:01000000,economy=medtop:04000000,sport=medtop:15000000,technology=medtop:13000000,internationalNews=medtop:11000000|medtop:16000000,middleEast=medtop:11000000|medtop:16000000"
	oneToOneMap = "culture=medtop:01000000,economy=medtop:04000000,sport=medtop:15000000,technology=medtop:13000000,internationalNews=medtop:11000000,middleEast=medtop:16000000"
)

// TestTopicsDevSplit runs the README's figures on the check part of the
// frozen split of the labelled dev articles, when they are present, and
// wants each at least 2 points below what was measured when the README
// was written (README.md, "Topics"): the default model with both maps,
// and the three classifiers trained on the tuning part (words and
// entities, no sources). It takes about half a minute, so it is skipped
// with -short and -race.
func TestTopicsDevSplit(t *testing.T) {
	dev := devdata.Path(devdata.NewsTopicsDev)
	if _, err := os.Stat(dev); err != nil {
		t.Skipf("dev data absent (%v): skipping", err)
	}
	if testing.Short() || raceEnabled {
		t.Skip("the README's topic figures: skipped with -short and -race")
	}
	split := devdata.Repo("testdata/splits/news-topics-dev.tsv")
	for _, tc := range []struct {
		name            string
		args            []string
		accuracy, macro float64 // measured
	}{
		{"default, merged map", []string{"-test", dev, "-map", mergedMap}, 0.8203, 0.8647},
		{"default, one-to-one map", []string{"-test", dev, "-map", oneToOneMap}, 0.7221, 0.7603},
		{"linear", []string{"-train", dev}, 0.8885, 0.8861},
		{"centroid", []string{"-train", dev, "-classifier", "centroid"}, 0.8785, 0.8774},
		{"bayes", []string{"-train", dev, "-classifier", "bayes"}, 0.8586, 0.8541},
	} {
		out, errOut, code := runEvaluate(t, nil, append([]string{"topics", "-split", split, "-json"}, tc.args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errOut)
		}
		var v struct {
			Accuracy  float64 `json:"accuracy"`
			MacroF1   float64 `json:"macro_f1"`
			Documents int     `json:"documents"`
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%s: %v: %s", tc.name, err, out)
		}
		if v.Documents != 601 || v.Accuracy < tc.accuracy-0.02 || v.MacroF1 < tc.macro-0.02 {
			t.Errorf("%s: accuracy %.4f, macro-F1 %.4f on %d articles; want 601 and at most 2 points below %.4f, %.4f",
				tc.name, v.Accuracy, v.MacroF1, v.Documents, tc.accuracy, tc.macro)
		}
	}
}
