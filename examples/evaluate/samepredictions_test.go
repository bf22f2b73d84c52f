package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/topics"
)

// TestSamePredictions checks that the three programs share one feature
// path: a classifier trained by topics train and used by analyze -model
// files every test article where evaluate topics, trained and scored on
// the same articles, files it. It runs on the repository's fixtures, and
// on the frozen split of the labelled dev articles (tuning part to train,
// check part to score) when they are present, unless -short or -race.
func TestSamePredictions(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build topics and analyze")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator), "../topics", "../analyze")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("fixtures", func(t *testing.T) {
		samePredictions(t, bin, topicsTrain, topicsTest)
	})
	t.Run("dev split", func(t *testing.T) {
		if testing.Short() || raceEnabled {
			t.Skip("training on 1,199 articles and scoring 601: skipped with -short and -race")
		}
		docs, err := topics.ReadLabeledJSONL(devdata.Open(t, devdata.NewsTopicsDev))
		if err != nil {
			t.Fatal(err)
		}
		split, err := cli.ReadSplit(devdata.Repo("testdata/splits/news-topics-dev.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		paths := map[string]string{}
		for _, part := range []string{cli.Tune, cli.Check} {
			sel, err := split.Select(docs, part)
			if err != nil {
				t.Fatal(err)
			}
			paths[part] = filepath.Join(dir, part+".jsonl")
			f, err := os.Create(paths[part])
			if err != nil {
				t.Fatal(err)
			}
			enc := json.NewEncoder(f)
			for _, d := range sel {
				enc.Encode(d)
			}
			f.Close()
		}
		samePredictions(t, bin, paths[cli.Tune], paths[cli.Check])
	})
}

// samePredictions trains on train with topics train, scores test with
// analyze -model and with evaluate topics, and compares the predictions.
func samePredictions(t *testing.T, bin, train, test string) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model.bin")
	if out, err := exec.Command(filepath.Join(bin, "topics"), "train", "-o", model, train).CombinedOutput(); err != nil {
		t.Fatalf("topics train: %v\n%s", err, out)
	}
	analyzed, err := exec.Command(filepath.Join(bin, "analyze"), "-format", "jsonl", "-progress", "off", "-model", model, "-topics", "1", "-keywords", "0", test).Output()
	if err != nil {
		t.Fatalf("analyze: %v", err)
	}
	fromAnalyze := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(analyzed))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var a struct {
			ID     string `json:"id"`
			Topics []struct {
				ID string `json:"id"`
			} `json:"topics"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil || len(a.Topics) == 0 {
			t.Fatalf("analyze output %.200s: %v", sc.Text(), err)
		}
		fromAnalyze[a.ID] = a.Topics[0].ID
	}
	preds := filepath.Join(dir, "predictions.jsonl")
	if _, errOut, code := runEvaluate(t, nil, "topics", "-train", train, "-test", test, "-predictions", preds, "-json"); code != 0 {
		t.Fatalf("evaluate topics: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(preds)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sc = bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var p topicPrediction
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		n++
		if got, ok := fromAnalyze[p.ID]; !ok || got != p.Predicted {
			t.Errorf("article %s: evaluate topics predicts %q, topics train + analyze -model %q", p.ID, p.Predicted, got)
		}
	}
	if n == 0 || n != len(fromAnalyze) {
		t.Errorf("%d predictions from evaluate, %d articles from analyze", n, len(fromAnalyze))
	}
	t.Logf("%d articles, the same prediction for each", n)
}
