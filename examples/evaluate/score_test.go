package main

import (
	"encoding/json"
	"math"
	"testing"
)

func TestMetrics(t *testing.T) {
	tests := []struct {
		name    string
		c       counts
		p, r, f float64
	}{
		{"perfect", counts{Gold: 4, Predicted: 4, Correct: 4}, 1, 1, 1},
		{"nothing predicted", counts{Gold: 4}, 0, 0, 0},
		{"nothing gold", counts{Predicted: 3}, 0, 0, 0},
		{"empty", counts{}, 0, 0, 0},
		{"half and third", counts{Gold: 6, Predicted: 4, Correct: 2}, 0.5, 1.0 / 3, 0.4},
		{"P 1/3 R 1/3", counts{Gold: 3, Predicted: 3, Correct: 1}, 1.0 / 3, 1.0 / 3, 1.0 / 3},
		{"P 2/3 R 1/2", counts{Gold: 4, Predicted: 3, Correct: 2}, 2.0 / 3, 0.5, 4.0 / 7},
		{"all wrong", counts{Gold: 5, Predicted: 5}, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.c.metrics()
			if !near(float64(m.Precision), tc.p) || !near(float64(m.Recall), tc.r) || !near(float64(m.F1), tc.f) {
				t.Errorf("P/R/F1 = %v/%v/%v, want %v/%v/%v", m.Precision, m.Recall, m.F1, tc.p, tc.r, tc.f)
			}
			if m.Gold != tc.c.Gold || m.Predicted != tc.c.Predicted || m.Correct != tc.c.Correct {
				t.Errorf("counts = %+v", m)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestFractionJSON(t *testing.T) {
	for in, want := range map[float64]string{0: "0.0000", 1: "1.0000", 5.0 / 11: "0.4545", 2.0 / 3: "0.6667", math.NaN(): "0.0000"} {
		got, err := json.Marshal(fraction(in))
		if err != nil || string(got) != want {
			t.Errorf("marshal %v = %s, %v; want %s", in, got, err, want)
		}
	}
}

// TestScoreFixture scores fixtureNames on testdata/gold.conll. Worked by
// hand from the fixture's comments:
//
//	PER gold 3 (أنتوني بلينكن, مصطفى الكاظمي, فؤاد حسين), predicted 3
//	    (أنتوني بلينكن ✓, الكاظمي, تايتانيك), correct 1: P = R = F1 = 1/3
//	LOC gold 4 (بغداد, بواشنطن, الموصل, نيويورك), predicted 3 (بغداد ✓,
//	    العراقية, واشنطن→بواشنطن ✓), correct 2: P 2/3, R 1/2, F1 4/7
//	ORG gold 5 (وزارة الخارجية الأميركية, التحالف الدولي, داعش, الأمم
//	    المتحدة, العربية), predicted 4 (وزارة… ✓, داعش ✓, الموصل, الأمم
//	    المتحدة نيويورك), correct 2: P 1/2, R 2/5, F1 4/9
//	micro gold 12, predicted 10, correct 5: P 1/2, R 5/12, F1 5/11
func TestScoreFixture(t *testing.T) {
	r := evaluate(fixture(t), fixtureNames, 0)
	s := r.Tally.scores()
	tests := []struct {
		name                     string
		m                        metrics
		gold, predicted, correct int
		p, r, f                  float64
	}{
		{"PER", s.PER, 3, 3, 1, 1.0 / 3, 1.0 / 3, 1.0 / 3},
		{"LOC", s.LOC, 4, 3, 2, 2.0 / 3, 0.5, 4.0 / 7},
		{"ORG", s.ORG, 5, 4, 2, 0.5, 0.4, 4.0 / 9},
		{"micro", s.Micro, 12, 10, 5, 0.5, 5.0 / 12, 5.0 / 11},
	}
	for _, tc := range tests {
		m := tc.m
		if m.Gold != tc.gold || m.Predicted != tc.predicted || m.Correct != tc.correct {
			t.Errorf("%s counts = %d/%d/%d, want %d/%d/%d", tc.name, m.Gold, m.Predicted, m.Correct, tc.gold, tc.predicted, tc.correct)
		}
		if !near(float64(m.Precision), tc.p) || !near(float64(m.Recall), tc.r) || !near(float64(m.F1), tc.f) {
			t.Errorf("%s P/R/F1 = %v/%v/%v, want %v/%v/%v", tc.name, m.Precision, m.Recall, m.F1, tc.p, tc.r, tc.f)
		}
	}

	type want struct {
		surface string
		typ     label
		class   errorClass
	}
	check := func(kind string, items []errorItem, wants []want) {
		t.Helper()
		if len(items) != len(wants) {
			t.Errorf("%s: %d errors, want %d", kind, len(items), len(wants))
		}
		for i := range min(len(items), len(wants)) {
			e, w := items[i], wants[i]
			if got := e.Doc.surface(e.Span); got != w.surface || e.Span.Type != w.typ || e.Class != w.class {
				t.Errorf("%s %d = %s %q [%v], want %s %q [%v]", kind, i, e.Span.Type, got, e.Class, w.typ, w.surface, w.class)
			}
		}
	}
	check("FP", r.FP, []want{
		{"الكاظمي", PER, boundary},
		{"العراقية", LOC, spurious},
		{"تايتانيك", PER, overlapMISC},
		{"الموصل", ORG, wrongType},
		{"الأمم المتحدة نيويورك", ORG, boundary},
	})
	check("FN", r.FN, []want{
		{"مصطفى الكاظمي", PER, boundary},
		{"التحالف الدولي", ORG, missed},
		{"فؤاد حسين", PER, missed},
		{"الموصل", LOC, wrongType},
		{"الأمم المتحدة", ORG, boundary},
		{"نيويورك", LOC, overlapOther},
		{"العربية", ORG, missed},
	})
	if k := r.Kinds["exact"]; k.Predicted != 4 || k.Correct != 3 {
		t.Errorf("exact kind counts = %+v, want 4 predicted, 3 correct", k)
	}
	if k := r.Kinds["clitic"]; k.Predicted != 1 || k.Correct != 1 {
		t.Errorf("clitic kind counts = %+v", k)
	}
}

// recorder remembers the texts it is given.
type recorder struct {
	ex    extractor
	texts []string
}

func (r *recorder) Mentions(text string) []mention {
	r.texts = append(r.texts, text)
	return r.ex.Mentions(text)
}

// TestChunk gives the extractor a few sentences at a time: the texts are
// whole sentences, and the scores equal those of one call, since the fake
// extractor looks at no context.
func TestChunk(t *testing.T) {
	c := fixture(t)
	whole := evaluate(c, fixtureNames, 0).Tally
	for _, chunk := range []int{1, 2, 4, 6, 100} {
		rec := &recorder{ex: fixtureNames}
		got := evaluate(c, rec, chunk).Tally
		if got != whole {
			t.Errorf("chunk %d: tally %v, want %v", chunk, got, whole)
		}
		if want := (len(c.Sentences) + chunk - 1) / chunk; len(rec.texts) != want {
			t.Errorf("chunk %d: %d calls, want %d", chunk, len(rec.texts), want)
		}
		if chunk == 2 && rec.texts[1] != "وقالت وزارة الخارجية الأميركية في بيان بواشنطن إن التحالف الدولي سيواصل الحرب على داعش .\nوشاهد الرئيس فيلم تايتانيك مع فؤاد حسين في الموصل" {
			t.Errorf("chunk 2: second text %q", rec.texts[1])
		}
	}
}
