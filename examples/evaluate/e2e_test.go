package main

import (
	"encoding/json"
	"testing"
)

// TestEndToEnd runs Khabar's extractor with the default gazetteer on the
// fixture: the names the default gazetteer certainly holds must be found
// with their gold span and type, and the JSON must have its shape.
func TestEndToEnd(t *testing.T) {
	ex, err := newKhabarExtractor(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := fixture(t)
	d := newDocument(c.Sentences)
	for _, m := range ex.Mentions(d.Text) {
		if m.Start < 0 || m.End > len(d.Text) || m.Start >= m.End || d.Text[m.Start:m.End] != m.Text {
			t.Errorf("mention %+v: offsets do not give its text", m)
		}
	}
	r := evaluate(c, ex, 0)
	missed := map[string]bool{}
	for _, e := range r.FN {
		missed[e.Doc.surface(e.Span)] = true
	}
	for _, name := range []string{"بغداد", "بواشنطن", "داعش", "الموصل"} {
		if missed[name] {
			t.Errorf("%s not found with its gold span and type", name)
		}
	}
	if r.Tally.micro().Correct < 4 {
		t.Errorf("only %d names correct", r.Tally.micro().Correct)
	}

	out, errOut, code := runEvaluate(t, newKhabarExtractor, "ner", "-gold", gold, "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]map[string]float64
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) < 4 || len(got) > 5 || len(got["micro"]) != 6 {
		t.Fatalf("JSON %s: %v", out, err)
	}
	if _, misc := got["MISC"]; misc != (len(got) == 5) {
		t.Errorf("JSON keys %v: the fifth may only be MISC", got)
	}
	// -no-model runs the recognisers alone: other predictions, no MISC.
	rulesOut, errOut, code := runEvaluate(t, newKhabarExtractor, "ner", "-gold", gold, "-no-model", "-json")
	if code != 0 {
		t.Fatalf("-no-model: exit %d: %s", code, errOut)
	}
	var rules map[string]map[string]float64
	json.Unmarshal([]byte(rulesOut), &rules)
	if rulesOut == out || rules["MISC"] != nil {
		t.Errorf("-no-model changed nothing or tagged MISC:\n%s\n%s", out, rulesOut)
	}
	if _, errOut, code := runEvaluate(t, newKhabarExtractor, "ner", "-gold", "testdata/folds.conll", "-folds", "2"); code != 0 {
		t.Fatalf("-folds: exit %d: %s", code, errOut)
	}
}
