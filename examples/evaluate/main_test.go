package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/gazetteer"
)

const gold = "testdata/gold.conll"

func TestUsage(t *testing.T) {
	fake := fixedExtractor(fixtureNames)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no command", nil, 2, "usage:"},
		{"unknown command", []string{"clusters"}, 2, `unknown command "clusters"`},
		{"help", []string{"help"}, 0, ""},
		{"ner -h", []string{"ner", "-h"}, 0, "-no-default-gazetteer"},
		{"no -gold", []string{"ner"}, 2, "-gold FILE is required"},
		{"unknown flag", []string{"ner", "-gold", gold, "-frobnicate"}, 2, "frobnicate"},
		{"extra argument", []string{"ner", "-gold", gold, "more"}, 2, `unexpected argument "more"`},
		{"negative -errors", []string{"ner", "-gold", gold, "-errors", "-1"}, 2, "-errors must be"},
		{"-errors with -json", []string{"ner", "-gold", gold, "-errors", "3", "-json"}, 2, "cannot be combined"},
		{"-folds 1", []string{"ner", "-gold", gold, "-folds", "1"}, 2, "-folds must be"},
		{"no gazetteer at all", []string{"ner", "-gold", gold, "-no-default-gazetteer"}, 2, "needs at least one -gazetteer"},
		{"missing gold file", []string{"ner", "-gold", "testdata/nope.conll"}, 1, "nope.conll"},
		{"missing gazetteer file", []string{"ner", "-gold", gold, "-gazetteer", "testdata/nope.tsv"}, 1, "nope.tsv"},
		{"more folds than sentences", []string{"ner", "-gold", gold, "-folds", "7"}, 1, "want 2 to 6"},
		{"-model and -no-model", []string{"ner", "-gold", gold, "-model", "m", "-no-model"}, 2, "contradict each other"},
		{"-split without -part", []string{"ner", "-gold", gold, "-split", "s.tsv"}, 2, "-split and -part go together"},
		{"missing model", []string{"ner", "-gold", gold, "-model", "testdata/nope.model"}, 1, "nope.model"},
		{"not a model", []string{"ner", "-gold", gold, "-model", gold}, 1, "not a tagger model"},
		{"split of another file", []string{"ner", "-gold", gold, "-split", "../../testdata/splits/anercorp-train.tsv", "-part", "check"}, 1, "not the file the split was made for"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runEvaluate(t, fake, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out+errOut, tc.msg) {
				t.Errorf("output lacks %q:\n%s%s", tc.msg, out, errOut)
			}
		})
	}
}

func TestMalformedGold(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.conll")
	if err := os.WriteFile(path, []byte("زار\tO\nبغداد\nأمس\tO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", path)
	if code != 1 || !strings.Contains(errOut, path+":2: one column") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	out, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", path, "-lenient")
	if code != 0 || !strings.Contains(errOut, "warning: "+path+":2: one column") || !strings.Contains(errOut, "line skipped") {
		t.Fatalf("lenient: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "1 sentences, 2 tokens") {
		t.Errorf("lenient output: %s", out)
	}
	empty := filepath.Join(dir, "empty.conll")
	os.WriteFile(empty, []byte("\n\n"), 0o644)
	if _, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", empty); code != 1 || !strings.Contains(errOut, "no tokens") {
		t.Errorf("empty gold: exit %d, %q", code, errOut)
	}
}

func TestJSON(t *testing.T) {
	out, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", gold, "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// One object, one line, fields in the documented order.
	if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, `{"PER":{"precision":`) {
		t.Fatalf("not one JSON object on one line: %q", out)
	}
	wantOrder := regexp.MustCompile(`^\{"PER":\{[^}]*\},"LOC":\{[^}]*\},"ORG":\{[^}]*\},"micro":\{"precision":[0-9.]+,"recall":[0-9.]+,"f1":[0-9.]+,"gold":\d+,"predicted":\d+,"correct":\d+\}\}\n$`)
	if !wantOrder.MatchString(out) {
		t.Errorf("JSON shape differs: %s", out)
	}
	for _, num := range regexp.MustCompile(`"(precision|recall|f1)":([^,}]*)`).FindAllStringSubmatch(out, -1) {
		if !regexp.MustCompile(`^[01]\.\d{4}$`).MatchString(num[2]) {
			t.Errorf("%s = %s, want a fraction with 4 decimals", num[1], num[2])
		}
	}
	var got map[string]map[string]json.Number
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Errorf("keys: %v", got)
	}
	want := map[string]map[string]string{
		"PER":   {"precision": "0.3333", "recall": "0.3333", "f1": "0.3333", "gold": "3", "predicted": "3", "correct": "1"},
		"LOC":   {"precision": "0.6667", "recall": "0.5000", "f1": "0.5714", "gold": "4", "predicted": "3", "correct": "2"},
		"ORG":   {"precision": "0.5000", "recall": "0.4000", "f1": "0.4444", "gold": "5", "predicted": "4", "correct": "2"},
		"micro": {"precision": "0.5000", "recall": "0.4167", "f1": "0.4545", "gold": "12", "predicted": "10", "correct": "5"},
	}
	for typ, fields := range want {
		if len(got[typ]) != len(fields) {
			t.Errorf("%s has fields %v, want %v", typ, got[typ], fields)
		}
		for k, v := range fields {
			if string(got[typ][k]) != v {
				t.Errorf("%s.%s = %s, want %s", typ, k, got[typ][k], v)
			}
		}
	}
}

func TestTextTable(t *testing.T) {
	out, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", gold)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"gold: testdata/gold.conll — 6 sentences, 55 tokens",
		"gazetteer: default",
		"PER        33.33%     33.33%     33.33%        3          3        1",
		"LOC        66.67%     50.00%     57.14%        4          3        2",
		"ORG        50.00%     40.00%     44.44%        5          4        2",
		"micro      50.00%     41.67%     45.45%       12         10        5",
		"extraction: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "false positives") {
		t.Errorf("errors listed without -errors:\n%s", out)
	}
}

func TestErrors(t *testing.T) {
	out, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", gold, "-errors", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		// 5 false positives, 3 shown: numbers 0, 1 and 3 of them.
		"false positives: 5, 3 shown, spread evenly through the file",
		"FP 1. PER «الكاظمي» partial fake:الكاظمي — gold: PER «مصطفى الكاظمي» [boundary (same type, other tokens)]",
		"    line 16: والتقى رئيس الوزراء مصطفى ⟦الكاظمي⟧ في العاصمة العراقية .",
		"FP 2. LOC «العراقية» demonym fake:العراقية — gold: O [spurious (no gold name there)]",
		"FP 3. ORG «الموصل» exact fake:الموصل — gold: LOC «الموصل» [wrong type (same tokens)]",
		"false negatives: 7, 3 shown",
		"FN 1. PER «مصطفى الكاظمي» — predicted: PER «الكاظمي» partial fake:الكاظمي [boundary (same type, other tokens)]",
		"    line 15: والتقى رئيس الوزراء ⟦مصطفى الكاظمي⟧ في العاصمة العراقية .",
		"FN 2. PER «فؤاد حسين» — predicted: nothing [missed (nothing predicted there)]",
		"errors by class:",
		"on a MISC name                                1  (PER 1, LOC 0, ORG 0)",
		"predictions by match kind:",
		"clitic              1        1    100.00%",
		"most frequent false negatives:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// A mention covering part of its token shows both.
	out, _, _ = runEvaluate(t, fixedExtractor(fakeExtractor{{"واشنطن", gazetteer.ORG, "clitic"}}), "ner", "-gold", gold, "-errors", "10")
	want := "FP 1. ORG «بواشنطن» clitic fake:واشنطن (mention «واشنطن») — gold: LOC «بواشنطن» [wrong type (same tokens)]"
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

func TestContext(t *testing.T) {
	c := mustCorpus(t, strings.Repeat("كلمة O\n", 30)+"بغداد B-LOC\n"+strings.Repeat("كلمة O\n", 30)+"\nأمس O\n")
	d := newDocument(c.Sentences)
	got := d.context(span{30, 31, LOC}, 2)
	if want := "… كلمة كلمة ⟦بغداد⟧ كلمة كلمة …"; got != want {
		t.Errorf("context = %q, want %q", got, want)
	}
	got = d.context(span{60, 62, LOC}, 3)
	if want := "… كلمة كلمة كلمة ⟦كلمة ⏎ أمس⟧"; got != want {
		t.Errorf("context across sentences = %q, want %q", got, want)
	}
}

func TestSample(t *testing.T) {
	items := make([]errorItem, 10)
	for i := range items {
		items[i].Span.Start = i
	}
	var got []int
	for _, e := range sample(items, 4) {
		got = append(got, e.Span.Start)
	}
	if !slices.Equal(got, []int{0, 2, 5, 7}) {
		t.Errorf("sample = %v", got)
	}
	if len(sample(items, 20)) != 10 || sample(items, 0) != nil {
		t.Error("sample of all or none")
	}
}

// TestSplit scores one part of a gold file, as a split file lists it.
func TestSplit(t *testing.T) {
	dir := t.TempDir()
	c, _, err := readGold(gold, false)
	if err != nil {
		t.Fatal(err)
	}
	n := len(c.Sentences)
	split := filepath.Join(dir, "split.tsv")
	body := fmt.Sprintf("# test split\npart\tfirst\tlast\ntune\t1\t%d\ncheck\t%d\t%d\n", n-2, n-1, n)
	if err := os.WriteFile(split, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", gold, "-split", split, "-part", "check", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var whole, part scores
	json.Unmarshal([]byte(out), &part)
	out, _, _ = runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", gold, "-json")
	json.Unmarshal([]byte(out), &whole)
	if part.Micro.Gold == 0 || part.Micro.Gold >= whole.Micro.Gold {
		t.Errorf("the check part has %d gold names, the whole file %d", part.Micro.Gold, whole.Micro.Gold)
	}
	if _, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", gold, "-split", split, "-part", "dev"); code != 1 || !strings.Contains(errOut, `no part "dev"`) {
		t.Errorf("unknown part: exit %d, %s", code, errOut)
	}
	os.WriteFile(split, []byte("part\tfirst\tlast\ntune\t2\t3\n"), 0o644)
	if _, errOut, code := runEvaluate(t, fixedExtractor(fixtureNames), "ner", "-gold", gold, "-split", split, "-part", "tune"); code != 1 || !strings.Contains(errOut, "want 1") {
		t.Errorf("a split that does not start at 1: exit %d, %s", code, errOut)
	}
}
