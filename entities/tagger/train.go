package tagger

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Errors of the package, testable with errors.Is.
var (
	// ErrNoData: the training set has no token.
	ErrNoData = errors.New("tagger: no training data")
	// ErrData: a training or development sequence is malformed (lengths
	// that differ, an unknown template, a label that is not BIO, an I-X
	// that follows neither B-X nor I-X).
	ErrData = errors.New("tagger: bad training data")
	// ErrTemplate: a template has no name, a name used twice, or a bad
	// window.
	ErrTemplate = errors.New("tagger: bad template")
	// ErrOption: an option was given a value out of range, or options
	// contradict each other.
	ErrOption = errors.New("tagger: bad option")
	// ErrNotModel: the input is not a tagger model file.
	ErrNotModel = errors.New("tagger: not a tagger model")
	// ErrVersion: the model file has another format version.
	ErrVersion = errors.New("tagger: unsupported model version")
	// ErrCorrupt: the model file is truncated, altered, too large or
	// inconsistent.
	ErrCorrupt = errors.New("tagger: corrupt model file")
)

// MaxTemplates is the largest number of templates.
const MaxTemplates = 1 << 16

// Sequence is one training or development sentence: the observations of
// each token and its gold label ("O", "B-X" or "I-X").
type Sequence struct {
	Obs    [][]Obs
	Labels []string
}

// Train trains a model from the training sequences, whose observations
// use the given templates (Obs.Template indexes templates), with the
// options' method (default [CRF]). The labels must be BIO labels: the
// model's label set is "O" plus B-X and I-X for every type X of the
// training labels.
//
// Features are (template, value, window offset, label) for the labels
// the value was seen with at that offset in the training data, plus
// label-to-label transitions and start and end scores. The same data
// and options give the same model, byte for byte, whatever the number
// of workers.
//
// Train returns ctx.Err() if ctx is cancelled, or an error wrapping
// [ErrNoData], [ErrData], [ErrTemplate] or [ErrOption]. It copies what
// it keeps; the inputs are not modified.
func Train(ctx context.Context, templates []Template, train []Sequence, opts ...Option) (*Model, error) {
	began := time.Now()
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	tmpls, err := checkTemplates(templates)
	if err != nil {
		return nil, err
	}
	types, err := collectTypes(train)
	if err != nil {
		return nil, err
	}
	li := newLabelIndex(types)
	d, err := newDataset(tmpls, li, train, cfg.minCount)
	if err != nil {
		return nil, err
	}
	if d.train.tokens() == 0 {
		return nil, ErrNoData
	}
	info := Info{
		Method: cfg.method, MaxIterations: cfg.maxIter, MinCount: cfg.minCount,
		Sequences: len(train), Tokens: d.train.tokens(), Provenance: cfg.provenance,
	}
	if cfg.method == CRF {
		info.L1, info.L2, info.Tolerance = cfg.l1, cfg.l2, cfg.tolerance
	} else {
		info.Seed = cfg.seed
	}
	var ev *evaluator
	if cfg.dev != nil {
		if ev, err = newEvaluator(d, li, cfg.dev, cfg.devTypes, len(tmpls)); err != nil {
			return nil, err
		}
		info.EvalEvery, info.Patience = cfg.evalEvery, cfg.patience
		info.DevSequences, info.DevTokens = len(cfg.dev), ev.dev.tokens()
	}
	run := &trainer{cfg: cfg, d: d, ev: ev, began: began, info: &info}
	var theta []float64
	if cfg.method == CRF {
		theta, err = run.crf(ctx)
	} else {
		theta, err = run.perceptron(ctx)
	}
	if err != nil {
		return nil, err
	}
	return d.model(tmpls, types, info, theta), nil
}

// model builds the model of the parameter vector θ, keeping the values
// with a non-zero weight (in float32).
func (d *dataset) model(tmpls []Template, types []string, info Info, theta []float64) *Model {
	L := d.L
	m := &Model{types: types, labels: labelNames(types), templates: tmpls, info: info, nl: L}
	trans, start, end := d.transitions(theta)
	m.trans = make([]float32, L*L)
	for a := range L {
		for b := range L {
			if canFollow(a, b) {
				m.trans[a*L+b] = float32(trans[a*L+b])
			}
		}
	}
	m.start = make([]float32, L)
	m.end = make([]float32, L)
	for y := range L {
		if canFollow(-1, y) {
			m.start[y] = float32(start[y])
		}
		m.end[y] = float32(end[y])
	}
	nonZero := func(v int) bool {
		for p := d.gLo[d.gBase[v]]; p < d.gLo[d.gBase[v+1]]; p++ {
			if float32(theta[p]) != 0 {
				return true
			}
		}
		return false
	}
	n := 0
	for v := range d.keys {
		if nonZero(v) {
			n++
		}
	}
	m.newTable(n)
	for v, k := range d.keys {
		if !nonZero(v) {
			continue
		}
		lo := len(m.ents)
		for g := d.gBase[v]; g < d.gBase[v+1]; g++ {
			o := int(d.gOff[g])
			for p := d.gLo[g]; p < d.gLo[g+1]; p++ {
				if w := float32(theta[p]); w != 0 {
					m.ents = append(m.ents, entry{q: uint32((MaxOffset-o)*L + int(d.pLabel[p])), w: w})
				}
			}
		}
		m.insert(k, lo)
	}
	m.ents = slices.Clip(m.ents)
	m.prepare()
	return m
}

// checkTemplates validates the templates and returns a copy with sorted
// windows.
func checkTemplates(templates []Template) ([]Template, error) {
	if len(templates) == 0 {
		return nil, fmt.Errorf("%w: no template", ErrTemplate)
	}
	if len(templates) > MaxTemplates {
		return nil, fmt.Errorf("%w: %d templates, at most %d", ErrTemplate, len(templates), MaxTemplates)
	}
	out := make([]Template, len(templates))
	seen := make(map[string]bool, len(templates))
	for i, t := range templates {
		if err := checkTemplate(t.Name, t.Window); err != nil {
			return nil, fmt.Errorf("%w: template %d: %w", ErrTemplate, i, err)
		}
		if seen[t.Name] {
			return nil, fmt.Errorf("%w: template %d: name %q used twice", ErrTemplate, i, t.Name)
		}
		seen[t.Name] = true
		w := slices.Clone(t.Window)
		slices.Sort(w)
		out[i] = Template{Name: t.Name, Window: w}
	}
	return out, nil
}

func checkTemplate(name string, window []int) error {
	if name == "" {
		return errors.New("empty name")
	}
	if len(window) == 0 {
		return fmt.Errorf("%q has an empty window", name)
	}
	for i, o := range window {
		if o < -MaxOffset || o > MaxOffset {
			return fmt.Errorf("%q: offset %d out of [-%d, %d]", name, o, MaxOffset, MaxOffset)
		}
		if slices.Contains(window[:i], o) {
			return fmt.Errorf("%q: offset %d twice", name, o)
		}
	}
	return nil
}

// collectTypes returns the sorted entity types of the training labels.
func collectTypes(train []Sequence) ([]string, error) {
	seen := make(map[string]bool)
	var types []string
	for i, s := range train {
		for j, l := range s.Labels {
			p, t, ok := splitLabel(l)
			if !ok {
				return nil, fmt.Errorf("%w: sequence %d, token %d: label %q is not O, B-TYPE or I-TYPE", ErrData, i, j, l)
			}
			if p != 'O' && !seen[t] {
				seen[t] = true
				types = append(types, t)
			}
		}
	}
	slices.Sort(types)
	if err := checkTypes(types); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrData, err)
	}
	return types, nil
}

// checkSequence checks the shape of a sequence against the templates.
func checkSequence(s Sequence, nTemplates int) error {
	if len(s.Obs) != len(s.Labels) {
		return fmt.Errorf("%d tokens of observations, %d labels", len(s.Obs), len(s.Labels))
	}
	for j, tok := range s.Obs {
		for _, o := range tok {
			if int(o.Template) >= nTemplates {
				return fmt.Errorf("token %d: template %d, only %d templates", j, o.Template, nTemplates)
			}
		}
	}
	return nil
}

// trainer holds what both training methods share.
type trainer struct {
	cfg   *config
	d     *dataset
	ev    *evaluator
	began time.Time
	info  *Info

	best      []float64 // the weights of the best evaluation
	bestF1    float64
	sinceBest int
}

// report records the end of an iteration: it scores the development set
// when due (last tells that this is the last iteration), keeps the best
// weights, calls the progress function and tells whether training
// should end early.
func (t *trainer) report(iter int, loss float64, theta []float64, last bool) (stop bool) {
	p := Progress{Method: t.cfg.method, Iteration: iter, Loss: loss}
	t.info.Iterations, t.info.Loss = iter, loss
	if t.ev == nil {
		t.info.BestIteration = iter
	} else if iter%t.cfg.evalEvery == 0 || last {
		p.Evaluated = true
		p.DevF1 = t.ev.f1(theta)
		if t.best == nil || p.DevF1 > t.bestF1 {
			p.Best = true
			t.best = append(t.best[:0], theta...)
			t.bestF1, t.sinceBest = p.DevF1, 0
			t.info.BestIteration, t.info.DevF1 = iter, p.DevF1
		} else {
			t.sinceBest++
			stop = t.cfg.patience > 0 && t.sinceBest >= t.cfg.patience
		}
	}
	if t.cfg.progress != nil {
		p.Elapsed = time.Since(t.began)
		t.cfg.progress(p)
	}
	return stop
}

// result returns the weights the model keeps: the best evaluated ones
// with a development set, else theta.
func (t *trainer) result(theta []float64) []float64 {
	if t.best != nil {
		return t.best
	}
	return theta
}
