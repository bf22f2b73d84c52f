package tagger

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

var methods = []Method{CRF, Perceptron}

// heldOut are sentences of the tiny corpus's kind whose names never
// occur in it.
var heldOut = []string{
	"president Zaid/B-PER Qasim/I-PER said the plan",
	"talks in Sfax/B-LOC today",
	"mr Rami/B-PER met a report",
	"Bank/B-ORG Maghreb/I-ORG said on visit to Sanaa/B-LOC",
	"minister Nour/B-PER and the visit",
}

func labelsOf(m *Model, idx []int) []string {
	out := make([]string, len(idx))
	for i, y := range idx {
		out[i] = m.Labels()[y]
	}
	return out
}

func TestLearnsTinyCorpus(t *testing.T) {
	train := tinyCorpus(1, 300)
	for _, method := range methods {
		t.Run(method.String(), func(t *testing.T) {
			m, err := Train(context.Background(), tinyTemplates, train, WithMethod(method))
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PER", "I-PER"}; !slices.Equal(m.Labels(), want) {
				t.Fatalf("Labels = %v, want %v", m.Labels(), want)
			}
			for _, s := range heldOut {
				seq := tinySentence(s)
				if got := labelsOf(m, m.Tag(seq.Obs, nil)); !slices.Equal(got, seq.Labels) {
					t.Errorf("%q:\n got %v\nwant %v", s, got, seq.Labels)
				}
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	train := tinyCorpus(3, 200)
	dev := tinyCorpus(4, 50)
	for _, method := range methods {
		t.Run(method.String(), func(t *testing.T) {
			var first []byte
			for _, workers := range []int{1, 2, 3} {
				m, err := Train(context.Background(), tinyTemplates, train, WithMethod(method),
					WithWorkers(workers), WithDev(dev), WithMaxIterations(30), WithProvenance("test"))
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if _, err := m.WriteTo(&buf); err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first = buf.Bytes()
				} else if !bytes.Equal(first, buf.Bytes()) {
					t.Fatalf("workers=%d: model bytes differ from workers=1", workers)
				}
			}
		})
	}
}

func TestDevSetKeepsBest(t *testing.T) {
	train := tinyCorpus(5, 200)
	dev := tinyCorpus(6, 40)
	for _, method := range methods {
		t.Run(method.String(), func(t *testing.T) {
			var progress []Progress
			m, err := Train(context.Background(), tinyTemplates, train, WithMethod(method), WithDev(dev),
				WithEvalEvery(2), WithPatience(1), WithMaxIterations(60), WithDevTypes("PER", "LOC"),
				WithProgress(func(p Progress) { progress = append(progress, p) }))
			if err != nil {
				t.Fatal(err)
			}
			info := m.Info()
			if len(progress) != info.Iterations {
				t.Fatalf("%d progress calls, %d iterations", len(progress), info.Iterations)
			}
			best := -1.0
			for _, p := range progress {
				if p.Iteration%2 == 0 != p.Evaluated && p.Iteration != info.Iterations {
					t.Errorf("iteration %d: Evaluated = %v", p.Iteration, p.Evaluated)
				}
				if p.Evaluated && p.DevF1 > best {
					best = p.DevF1
					if !p.Best || info.BestIteration < p.Iteration {
						t.Errorf("iteration %d: F1 %v best so far, Best %v, kept %d", p.Iteration, p.DevF1, p.Best, info.BestIteration)
					}
				}
			}
			if info.DevF1 != best || best <= 0.5 {
				t.Errorf("Info.DevF1 = %v, best evaluated %v", info.DevF1, best)
			}
			if info.DevSequences != len(dev) || info.Sequences != len(train) || info.Method != method {
				t.Errorf("Info = %+v", info)
			}
		})
	}
}

func TestTrainCancelled(t *testing.T) {
	train := tinyCorpus(1, 100)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, method := range methods {
		if _, err := Train(ctx, tinyTemplates, train, WithMethod(method)); !errors.Is(err, context.Canceled) {
			t.Errorf("%v: cancelled before: err = %v", method, err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		_, err := Train(ctx, tinyTemplates, train, WithMethod(method), WithTolerance(0), WithMaxIterations(1000),
			WithProgress(func(p Progress) {
				if p.Iteration == 1 {
					cancel()
				}
			}))
		if err != context.Canceled {
			t.Errorf("%v: cancelled during training: err = %v", method, err)
		}
	}
}

func TestMinCountAndL1(t *testing.T) {
	train := tinyCorpus(7, 200)
	all, err := Train(context.Background(), tinyTemplates, train)
	if err != nil {
		t.Fatal(err)
	}
	fewer, err := Train(context.Background(), tinyTemplates, train, WithMinCount(20))
	if err != nil {
		t.Fatal(err)
	}
	if fewer.Len() >= all.Len() {
		t.Errorf("WithMinCount(20): %d values, %d without", fewer.Len(), all.Len())
	}
	sparse, err := Train(context.Background(), tinyTemplates, train, WithL1(1))
	if err != nil {
		t.Fatal(err)
	}
	if sparse.Parameters() >= all.Parameters()*3/4 {
		t.Errorf("WithL1(1): %d parameters, %d with L2 alone", sparse.Parameters(), all.Parameters())
	}
	for _, s := range heldOut[:3] {
		seq := tinySentence(s)
		if got := labelsOf(sparse, sparse.Tag(seq.Obs, nil)); !slices.Equal(got, seq.Labels) {
			t.Errorf("L1 model: %q: got %v", s, got)
		}
	}
}

func TestTrainErrors(t *testing.T) {
	good := tinyCorpus(1, 5)
	seq := func(labels ...string) Sequence {
		obs := make([][]Obs, len(labels))
		for i := range obs {
			obs[i] = []Obs{{Template: 0, Value: uint64(i)}}
		}
		return Sequence{Obs: obs, Labels: labels}
	}
	short := seq("O", "B-PER")
	short.Labels = short.Labels[:1]
	badTmpl := seq("O")
	badTmpl.Obs[0][0].Template = 3
	tests := []struct {
		name      string
		templates []Template
		train     []Sequence
		opts      []Option
		want      error
	}{
		{"no sequences", tinyTemplates, nil, nil, ErrNoData},
		{"empty sequences", tinyTemplates, []Sequence{{}, {}}, nil, ErrNoData},
		{"lengths differ", tinyTemplates, []Sequence{short}, nil, ErrData},
		{"unknown template", tinyTemplates, []Sequence{badTmpl}, nil, ErrData},
		{"not BIO", tinyTemplates, []Sequence{seq("O", "PER")}, nil, ErrData},
		{"lower-case prefix", tinyTemplates, []Sequence{seq("b-PER")}, nil, ErrData},
		{"empty type", tinyTemplates, []Sequence{seq("B-")}, nil, ErrData},
		{"I after O", tinyTemplates, []Sequence{seq("O", "I-PER")}, nil, ErrData},
		{"I at start", tinyTemplates, []Sequence{seq("I-PER")}, nil, ErrData},
		{"I after other type", tinyTemplates, []Sequence{seq("B-LOC", "I-PER")}, nil, ErrData},
		{"no templates", nil, good, nil, ErrTemplate},
		{"offset out of range", []Template{{Name: "w", Window: []int{0, 5}}}, good, nil, ErrTemplate},
		{"empty window", []Template{{Name: "w"}}, good, nil, ErrTemplate},
		{"offset twice", []Template{{Name: "w", Window: []int{1, 1}}}, good, nil, ErrTemplate},
		{"name twice", []Template{{Name: "w", Window: []int{0}}, {Name: "w", Window: []int{1}}}, good, nil, ErrTemplate},
		{"empty name", []Template{{Window: []int{0}}}, good, nil, ErrTemplate},
		{"negative L2", tinyTemplates, good, []Option{WithL2(-1)}, ErrOption},
		{"NaN L1", tinyTemplates, good, []Option{WithL1(nan())}, ErrOption},
		{"zero iterations", tinyTemplates, good, []Option{WithMaxIterations(0)}, ErrOption},
		{"zero min count", tinyTemplates, good, []Option{WithMinCount(0)}, ErrOption},
		{"zero workers", tinyTemplates, good, []Option{WithWorkers(0)}, ErrOption},
		{"bad method", tinyTemplates, good, []Option{WithMethod(7)}, ErrOption},
		{"dev types without dev", tinyTemplates, good, []Option{WithDevTypes("PER")}, ErrOption},
		{"unknown dev type", tinyTemplates, good, []Option{WithDev(good), WithDevTypes("XYZ")}, ErrOption},
		{"bad dev sequence", tinyTemplates, good, []Option{WithDev([]Sequence{seq("O", "I-LOC")})}, ErrData},
		{"dev lengths differ", tinyTemplates, good, []Option{WithDev([]Sequence{short})}, ErrData},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Train(context.Background(), tc.templates, tc.train, tc.opts...)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "tagger: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestDevUnknownTypeCountsAsMissed(t *testing.T) {
	train := tinyCorpus(1, 100)
	dev := []Sequence{tinySentence("mr Omar/B-PER said in Xanadu/B-ZZZ today")}
	m, err := Train(context.Background(), tinyTemplates, train, WithDev(dev), WithMaxIterations(20))
	if err != nil {
		t.Fatal(err)
	}
	// One of the two gold spans can be found: F1 is at most 2/3.
	if f := m.Info().DevF1; f > 2.0/3+1e-9 || f <= 0 {
		t.Errorf("DevF1 = %v, want in (0, 2/3]", f)
	}
	if slices.Contains(m.Types(), "ZZZ") {
		t.Errorf("Types = %v", m.Types())
	}
}
