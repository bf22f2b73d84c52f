package tagger

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// spec is the content of a model built by hand: weights per
// observation, offset and label, and the transition scores.
type spec struct {
	types             []string
	templates         []Template
	trans, start, end []float32
	weights           map[Obs]map[[2]int]float32 // (offset, label) → weight
}

// build makes the Model of the spec as Train and ReadModel do.
func (s *spec) build() *Model {
	L := 1 + 2*len(s.types)
	m := &Model{types: s.types, labels: labelNames(s.types), templates: s.templates, nl: L,
		trans: s.trans, start: s.start, end: s.end}
	type value struct {
		key  uint64
		ents []entry
	}
	var values []value
	for o, ws := range s.weights {
		v := value{key: key(o.Template, o.Value)}
		codes := make([]int, 0, len(ws))
		for ol, w := range ws {
			if w != 0 {
				codes = append(codes, (ol[0]+MaxOffset)*L+ol[1])
			}
		}
		slices.Sort(codes)
		for _, c := range codes {
			v.ents = append(v.ents, entry{q: uint32(flipCode(c, L)), w: ws[[2]int{c/L - MaxOffset, c % L}]})
		}
		if len(v.ents) > 0 {
			values = append(values, v)
		}
	}
	slices.SortFunc(values, func(a, b value) int { return cmp.Compare(a.key, b.key) })
	m.newTable(len(values))
	for _, v := range values {
		lo := len(m.ents)
		m.ents = append(m.ents, v.ents...)
		m.insert(v.key, lo)
	}
	m.prepare()
	return m
}

// randomSpec returns a model over nTypes types with random weights for
// the values 0..nValues−1 of two templates.
func randomSpec(rng *rand.Rand, nTypes, nValues int, scale float64) *spec {
	types := []string{"A", "B", "C", "D"}[:nTypes]
	L := 1 + 2*nTypes
	s := &spec{types: types, templates: []Template{{Name: "t", Window: []int{-1, 0, 1}}, {Name: "u", Window: []int{0}}},
		trans: make([]float32, L*L), start: make([]float32, L), end: make([]float32, L),
		weights: make(map[Obs]map[[2]int]float32)}
	r := func() float32 { return float32(rng.NormFloat64() * scale) }
	for _, part := range [][]float32{s.trans, s.start, s.end} {
		for i := range part {
			part[i] = r()
		}
	}
	for t, tm := range s.templates {
		for v := range nValues {
			ws := make(map[[2]int]float32)
			for _, o := range tm.Window {
				for y := range L {
					if rng.IntN(3) > 0 {
						ws[[2]int{o, y}] = r()
					}
				}
			}
			s.weights[Obs{Template: uint16(t), Value: uint64(v)}] = ws
		}
	}
	return s
}

// randomObs returns n tokens of random observations of s's values, plus
// some the model does not know.
func randomObs(rng *rand.Rand, n, nValues int) [][]Obs {
	obs := make([][]Obs, n)
	for j := range obs {
		for range rng.IntN(4) {
			obs[j] = append(obs[j], Obs{Template: uint16(rng.IntN(3)), Value: uint64(rng.IntN(nValues + 2))})
		}
	}
	return obs
}

// emissionsOf computes the emission scores of obs from the spec alone.
func (s *spec) emissionsOf(obs [][]Obs) [][]float64 {
	L := 1 + 2*len(s.types)
	e := make([][]float64, len(obs))
	for i := range e {
		e[i] = make([]float64, L)
	}
	for j, tok := range obs {
		for _, o := range tok {
			for ol, w := range s.weights[o] {
				if i := j - ol[0]; i >= 0 && i < len(obs) {
					e[i][ol[1]] += float64(w)
				}
			}
		}
	}
	return e
}

// enumerate calls f with every label sequence the BIO constraint allows
// and its score.
func (s *spec) enumerate(e [][]float64, f func(path []int, score float64)) {
	L := 1 + 2*len(s.types)
	n := len(e)
	path := make([]int, n)
	var rec func(i int, score float64)
	rec = func(i int, score float64) {
		if i == n {
			f(path, score+float64(s.end[path[n-1]]))
			return
		}
		for y := range L {
			prev := -1
			add := float64(s.start[y])
			if i > 0 {
				prev = path[i-1]
				add = float64(s.trans[prev*L+y])
			}
			if canFollow(prev, y) {
				path[i] = y
				rec(i+1, score+add+e[i][y])
			}
		}
	}
	rec(0, 0)
}

func TestViterbiAgreesWithEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for trial := range 300 {
		s := randomSpec(rng, 1+rng.IntN(2), 4, 1+rng.Float64()*3)
		m := s.build()
		obs := randomObs(rng, 1+rng.IntN(5), 4)
		e := s.emissionsOf(obs)
		best := math.Inf(-1)
		s.enumerate(e, func(_ []int, score float64) { best = max(best, score) })
		got := m.Tag(obs, nil)
		var gotScore float64
		found := false
		s.enumerate(e, func(path []int, score float64) {
			if slices.Equal(path, got) {
				gotScore, found = score, true
			}
		})
		if !found {
			t.Fatalf("trial %d: Tag = %v, not a valid BIO sequence", trial, got)
		}
		if math.Abs(gotScore-best) > 1e-4*max(1, math.Abs(best)) {
			t.Fatalf("trial %d: Tag = %v scores %v, best %v", trial, got, gotScore, best)
		}
	}
}

func TestTagNeverEmitsStrayInside(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for trial := range 200 {
		m := randomSpec(rng, 1+rng.IntN(4), 30, 5).build()
		obs := randomObs(rng, rng.IntN(40), 30)
		labels := m.Tag(obs, nil)
		if len(labels) != len(obs) {
			t.Fatalf("trial %d: %d labels for %d tokens", trial, len(labels), len(obs))
		}
		// Checked on the label strings, independently of canFollow.
		names := labelsOf(m, labels)
		for i, l := range names {
			typ, inside := strings.CutPrefix(l, "I-")
			if inside && (i == 0 || names[i-1] != "B-"+typ && names[i-1] != l) {
				t.Fatalf("trial %d: %s after %v", trial, l, names[:i])
			}
		}
	}
}

func TestConstraintOverridesArgmax(t *testing.T) {
	// I-PER has the best score at every token taken alone, and no
	// transition prefers anything: unconstrained, every label would be
	// I-PER.
	s := &spec{types: []string{"PER"}, templates: []Template{{Name: "w", Window: []int{0}}},
		trans: make([]float32, 9), start: make([]float32, 3), end: make([]float32, 3),
		weights: map[Obs]map[[2]int]float32{
			{Value: 1}: {{0, 2}: 10, {0, 1}: 1},  // I-PER ≫ B-PER > O
			{Value: 2}: {{0, 2}: 10, {0, 0}: 12}, // O > I-PER
		}}
	m := s.build()
	tests := []struct {
		obs  []uint64
		want []string
	}{
		{[]uint64{1}, []string{"B-PER"}},
		{[]uint64{1, 1}, []string{"B-PER", "I-PER"}},
		{[]uint64{2, 1, 1}, []string{"O", "B-PER", "I-PER"}},
	}
	for _, tc := range tests {
		obs := make([][]Obs, len(tc.obs))
		for i, v := range tc.obs {
			obs[i] = []Obs{{Value: v}}
		}
		if got := labelsOf(m, m.Tag(obs, nil)); !slices.Equal(got, tc.want) {
			t.Errorf("Tag(%v) = %v, want %v", tc.obs, got, tc.want)
		}
		if p := m.Marginals(obs, nil)[2]; p != 0 {
			t.Errorf("Marginals(%v): I-PER at the start has probability %v", tc.obs, p)
		}
	}
}

func TestMarginalsAndSpansAgreeWithEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for trial := range 200 {
		s := randomSpec(rng, 1+rng.IntN(2), 4, 1+rng.Float64()*2)
		m := s.build()
		L := len(m.Labels())
		obs := randomObs(rng, 1+rng.IntN(5), 4)
		n := len(obs)
		e := s.emissionsOf(obs)
		want := make([]float64, n*L)
		z := 0.0
		s.enumerate(e, func(path []int, score float64) {
			p := math.Exp(score)
			z += p
			for i, y := range path {
				want[i*L+y] += p
			}
		})
		got := m.Marginals(obs, nil)
		for i := range n {
			sum := 0.0
			for y := range L {
				w := want[i*L+y] / z
				sum += got[i*L+y]
				if math.Abs(got[i*L+y]-w) > 1e-5 {
					t.Fatalf("trial %d: p(token %d = %s) = %v, enumeration %v", trial, i, m.Labels()[y], got[i*L+y], w)
				}
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Fatalf("trial %d: token %d: marginals sum to %v", trial, i, sum)
			}
		}
		spans := m.TagSpans(obs, nil)
		labels := m.Tag(obs, nil)
		var fromTag []span
		fromTag = appendSpans(fromTag, labels)
		if len(spans) != len(fromTag) {
			t.Fatalf("trial %d: TagSpans = %v, Tag = %v", trial, spans, labels)
		}
		for k, sp := range spans {
			y := 1 + 2*slices.Index(m.Types(), sp.Type)
			if fromTag[k] != (span{sp.Start, sp.End, (y - 1) / 2}) {
				t.Fatalf("trial %d: span %v, Tag gives %v", trial, sp, fromTag[k])
			}
			p := 0.0
			s.enumerate(e, func(path []int, score float64) {
				ok := path[sp.Start] == y && (sp.End == n || path[sp.End] != y+1)
				for i := sp.Start + 1; i < sp.End; i++ {
					ok = ok && path[i] == y+1
				}
				if ok {
					p += math.Exp(score)
				}
			})
			if math.Abs(sp.Prob-p/z) > 1e-5 {
				t.Fatalf("trial %d: span %+v: enumeration gives %v", trial, sp, p/z)
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	train := tinyCorpus(11, 200)
	for _, method := range methods {
		t.Run(method.String(), func(t *testing.T) {
			m, err := Train(context.Background(), tinyTemplates, train, WithMethod(method),
				WithProvenance("tiny corpus, seed 11"), WithDev(tinyCorpus(12, 20)))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			n, err := m.WriteTo(&buf)
			if err != nil || n != int64(buf.Len()) {
				t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
			}
			data := bytes.Clone(buf.Bytes())
			r, err := ReadModel(iotest.OneByteReader(&buf))
			if err != nil {
				t.Fatal(err)
			}
			if r.Info() != m.Info() || !slices.Equal(r.Labels(), m.Labels()) ||
				fmt.Sprint(r.Templates()) != fmt.Sprint(m.Templates()) || r.Len() != m.Len() || r.Parameters() != m.Parameters() {
				t.Fatalf("read model differs:\n%+v\n%+v", r.Info(), m.Info())
			}
			var again bytes.Buffer
			if _, err := r.WriteTo(&again); err != nil || !bytes.Equal(again.Bytes(), data) {
				t.Fatalf("rewritten model differs (err %v)", err)
			}
			for _, s := range append(tinyCorpus(13, 30), tinySentence("mr Zed/B-PER in Yazd/B-LOC")) {
				if !slices.Equal(m.Tag(s.Obs, nil), r.Tag(s.Obs, nil)) ||
					!slices.Equal(m.Marginals(s.Obs, nil), r.Marginals(s.Obs, nil)) ||
					!slices.Equal(m.TagSpans(s.Obs, nil), r.TagSpans(s.Obs, nil)) {
					t.Fatalf("read model tags %v differently", s.Labels)
				}
			}
		})
	}
}

func TestTagDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector")
	}
	m, err := Train(context.Background(), tinyTemplates, tinyCorpus(1, 100))
	if err != nil {
		t.Fatal(err)
	}
	obs := tinySentence("president Zaid Qasim said the plan in Sfax today").Obs
	labels := m.Tag(obs, nil)
	probs := m.Marginals(obs, nil)
	spans := m.TagSpans(obs, nil)
	if a := testing.AllocsPerRun(100, func() {
		labels = m.Tag(obs, labels)
		probs = m.Marginals(obs, probs)
		spans = m.TagSpans(obs, spans)
	}); a != 0 {
		t.Errorf("%v allocations per Tag, Marginals and TagSpans", a)
	}
	if got := m.Tag(nil, labels); len(got) != 0 {
		t.Errorf("Tag(nil) = %v", got)
	}
	if len(m.Marginals(nil, nil)) != 0 || len(m.TagSpans(nil, nil)) != 0 {
		t.Error("empty sentence gives values")
	}
}

// TestConcurrentTagging shares one model between parallel subtests (run
// with -race).
func TestConcurrentTagging(t *testing.T) {
	m, err := Train(context.Background(), tinyTemplates, tinyCorpus(1, 100))
	if err != nil {
		t.Fatal(err)
	}
	sents := tinyCorpus(21, 50)
	want := make([][]int, len(sents))
	for i, s := range sents {
		want[i] = m.Tag(s.Obs, nil)
	}
	for g := range 4 {
		t.Run(fmt.Sprint(g), func(t *testing.T) {
			t.Parallel()
			var labels []int
			var spans []Span
			for range 20 {
				for i, s := range sents {
					labels = m.Tag(s.Obs, labels)
					if !slices.Equal(labels, want[i]) {
						t.Errorf("sentence %d: %v, want %v", i, labels, want[i])
					}
					spans = m.TagSpans(s.Obs, spans)
				}
			}
		})
	}
}

// TestLattice checks that a lattice answers as Tag and TagSpans do.
func TestLattice(t *testing.T) {
	m, seqs := latticeFixture(t)
	for _, seq := range seqs {
		lat := m.Lattice(seq.Obs)
		best := lat.Best(nil)
		spans := lat.Spans(nil)
		lat.Release()
		if want := m.Tag(seq.Obs, nil); !slices.Equal(best, want) {
			t.Errorf("Best %v, Tag %v", best, want)
		}
		want := m.TagSpans(seq.Obs, nil)
		if len(spans) != len(want) {
			t.Fatalf("Spans %v, TagSpans %v", spans, want)
		}
		for i := range spans {
			if spans[i] != want[i] {
				t.Errorf("Spans %v, TagSpans %v", spans, want)
			}
		}
	}
}

func latticeFixture(t *testing.T) (*Model, []Sequence) {
	t.Helper()
	m, err := Train(context.Background(), synthTemplates(), synthCorpus(21, 200), WithMaxIterations(30))
	if err != nil {
		t.Fatal(err)
	}
	return m, synthCorpus(22, 20)
}

// TestLatticeBlocks checks that scoring a token's observations as a
// precomputed block gives the lattice of scoring them one by one.
func TestLatticeBlocks(t *testing.T) {
	m, seqs := latticeFixture(t)
	for _, seq := range seqs {
		blocks := make([]Block, len(seq.Obs))
		rest := make([][]Obs, len(seq.Obs))
		for j, obs := range seq.Obs {
			// Half of each token's observations go into its block.
			half := len(obs) / 2
			if j%3 != 0 {
				blocks[j] = m.Block(obs[:half])
				rest[j] = obs[half:]
			} else {
				rest[j] = obs
			}
		}
		a := m.Lattice(seq.Obs)
		b := m.LatticeBlocks(blocks, rest)
		ma, mb := a.Marginals(nil), m.Marginals(seq.Obs, nil)
		for i := range ma {
			if math.Abs(ma[i]-mb[i]) > 1e-9 {
				t.Fatalf("lattice marginal %d is %v, Marginals gives %v", i, ma[i], mb[i])
			}
		}
		wantSpans, gotSpans := a.Spans(nil), b.Spans(nil)
		if !slices.Equal(a.Best(nil), b.Best(nil)) || len(wantSpans) != len(gotSpans) {
			t.Fatalf("blocks change the best labels")
		}
		for i := range wantSpans {
			if math.Abs(wantSpans[i].Prob-gotSpans[i].Prob) > 1e-4 {
				t.Errorf("span %d: probability %v with blocks, %v without", i, gotSpans[i].Prob, wantSpans[i].Prob)
			}
		}
		a.Release()
		b.Release()
	}
	if b := m.Block(nil); b.Start != 0 || len(b.Scores) != 0 {
		t.Errorf("the block of no observation is %+v", b)
	}
	defer func() {
		if recover() == nil {
			t.Error("LatticeBlocks accepted blocks and observations of different lengths")
		}
	}()
	m.LatticeBlocks(make([]Block, 2), nil)
}
