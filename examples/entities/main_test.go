package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/english"
)

// writeSpans writes n annotated sentences as JSONL spans, the format an
// annotation tool exports: a person after a title, a place after في.
func writeSpans(t *testing.T, path string, n int) {
	t.Helper()
	people := []string{"زيدان القرطاجي", "مهيار الدمشقي", "سنان العبدلي", "فراس النجدي", "ريان الحلبي", "يزن الكرمي", "قيس المرجاني", "أوس البلقاوي"}
	places := []string{"قرطاج", "الكرك", "جرش", "مادبا", "الطفيلة", "معان"}
	titles := []string{"وقال الوزير", "وأكد السفير", "وصرح المتحدث باسم الحكومة", "وأعلن النائب"}
	var b bytes.Buffer
	for i := range n {
		head := titles[i%len(titles)] + " "
		name := people[i%len(people)]
		mid := " خلال زيارته إلى "
		place := places[(i/2)%len(places)]
		text := head + name + mid + place + " إن المشروع سيكتمل قريبا ."
		rec := map[string]any{
			"id":   fmt.Sprintf("s%d", i),
			"text": text,
			"entities": []map[string]any{
				{"start": len(head), "end": len(head + name), "type": "PER"},
				{"start": len(head + name + mid), "end": len(head + name + mid + place), "type": "LOC"},
			},
		}
		line, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTrainJSONL trains on a 200-sentence JSONL file end to end, as a
// newsroom would on its own annotations, then uses the model.
func TestTrainJSONL(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "annotated.jsonl")
	writeSpans(t, data, 200)
	model := filepath.Join(dir, "newsroom.model")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"train", "-o", model, "-method", "perceptron", "-iterations", "5", data}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "newsroom.model: ") || !strings.Contains(errOut.String(), "preparing texts: 200/200") || !strings.Contains(errOut.String(), "iteration 1:") {
		t.Errorf("output %q, progress %q", out.String(), errOut.String())
	}
	m, err := entities.LoadModel(model)
	if err != nil {
		t.Fatal(err)
	}
	x, err := entities.New(entities.WithModel(m))
	if err != nil {
		t.Fatal(err)
	}
	text := "وقال الوزير أوس الحلبي خلال زيارته إلى مادبا إن المشروع سيكتمل قريبا ."
	var got []string
	for _, mn := range x.Extract(text).Mentions {
		got = append(got, mn.Type.String()+" "+mn.Text)
	}
	if strings.Join(got, ", ") != "PER أوس الحلبي, LOC مادبا" {
		t.Errorf("the trained model finds %q", got)
	}
	// The same input and flags give the same file, byte for byte.
	model2 := filepath.Join(dir, "again.model")
	if code := run(context.Background(), []string{"train", "-o", model2, "-method", "perceptron", "-iterations", "5", data}, &out, &errOut); code != 0 {
		t.Fatal(errOut.String())
	}
	a, _ := os.ReadFile(model)
	b, _ := os.ReadFile(model2)
	if !bytes.Equal(a, b) {
		t.Error("two runs on the same data wrote different models")
	}
}

func TestTrainCoNLLWithDev(t *testing.T) {
	dir := t.TempDir()
	conll := "وقال\tO\nالوزير\tO\nزيدان\tB-PERS\nالقرطاجي\tI-PERS\nفي\tO\nجرش\tB-LOC\n.\tO\n\n" +
		"وأكد\tO\nالسفير\tO\nمهيار\tB-PER\nالدمشقي\tI-PER\nفي\tO\nمعان\tB-LOC\n.\tO\n"
	train := filepath.Join(dir, "train.conll")
	os.WriteFile(train, []byte(strings.Repeat(conll+"\n", 20)), 0o644)
	dev := filepath.Join(dir, "dev.conll")
	os.WriteFile(dev, []byte(conll), 0o644)
	model := filepath.Join(dir, "m")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"train", "-o", model, "-dev", dev, "-method", "perceptron", "-iterations", "4", train}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "dev F1") || !strings.Contains(out.String(), "development F1") {
		t.Errorf("no development scores: %q %q", out.String(), errOut.String())
	}
}

// TestTrainEnglish trains an English model on a small CoNLL file
// written for the tests and reads it back with package entities/english.
func TestTrainEnglish(t *testing.T) {
	dir := t.TempDir()
	conll := "Minister\tO\nRaed\tB-PER\nAbu\tI-PER\nSoud\tI-PER\nvisited\tO\nAqaba\tB-LOC\n.\tO\n\n" +
		"The\tO\nWorld\tB-ORG\nBank\tI-ORG\nlent\tO\nJordan\tB-LOC\nmoney\tO\n.\tO\n"
	train := filepath.Join(dir, "train.conll")
	os.WriteFile(train, []byte(strings.Repeat(conll+"\n", 10)), 0o644)
	model := filepath.Join(dir, "en.model")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"train", "-lang", "en", "-o", model, "-iterations", "5", train}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	m, err := english.LoadModel(model)
	if err != nil {
		t.Fatal(err)
	}
	if m.ProseLabels() || m.Size() == 0 {
		t.Errorf("model: prose labels %v, %d weights", m.ProseLabels(), m.Size())
	}
	if _, err := entities.LoadModel(model); err == nil {
		t.Error("an English model read as an Arabic one")
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"text":"abc","entities":[{"start":0,"end":9,"type":"PER"}]}`+"\n"), 0o644)
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "usage:"},
		{[]string{"fly"}, 2, `unknown command "fly"`},
		{[]string{"train", "x.conll"}, 2, "-o MODEL is required"},
		{[]string{"train", "-o", "m"}, 2, "no training FILE"},
		{[]string{"train", "-o", "m", "-method", "svm", "x"}, 2, `-method "svm"`},
		{[]string{"train", "-o", "m", "-split", "s.tsv", "x"}, 2, "-split and -part go together"},
		{[]string{"train", "-o", filepath.Join(dir, "m"), bad}, 1, "bad.jsonl:1: corpus: bad span"},
		{[]string{"train", "-o", filepath.Join(dir, "m"), filepath.Join(dir, "missing.conll")}, 1, "no such file"},
		{[]string{"names"}, 2, "want FILE"},
		{[]string{"train", "-o", "m", "-lang", "fr", "x"}, 2, `-lang "fr"`},
		{[]string{"train", "-o", "m", "-prose", "x"}, 2, "go with -lang en"},
		{[]string{"train", "-o", "m", "-lang", "en", "-folds", "3", "x"}, 2, "-folds applies to Arabic"},
	}
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tc.args, &out, &errOut)
		if code != tc.code || !strings.Contains(errOut.String(), tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d with %q", tc.args, code, errOut.String(), tc.code, tc.msg)
		}
	}
}

func TestNames(t *testing.T) {
	dir := t.TempDir()
	conll := filepath.Join(dir, "g.conll")
	os.WriteFile(conll, []byte("زار\tO\nبلينكن\tB-PERS\nبغداد\tB-LOC\n\nبغداد\tB-LOC\nتايتانيك\tB-MISC\n"), 0o644)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"names", conll}, &out, &errOut); code != 0 {
		t.Fatal(errOut.String())
	}
	want := "type\tsurface\tcount\nLOC\tبغداد\t2\nPER\tبلينكن\t1\n"
	if out.String() != want {
		t.Errorf("names\n%s\nwant\n%s", out.String(), want)
	}
}
