package topics

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// ClassifierKind says how a [Classifier] was trained and what its scores
// mean.
type ClassifierKind uint8

const (
	// Centroid is a TF-IDF centroid (Rocchio) classifier: each label is
	// the mean of the L2-normalised TF-IDF rows of its training
	// documents, itself normalised; a text's score for a label is the
	// cosine between its TF-IDF row and that centroid, in [0, 1].
	Centroid ClassifierKind = iota + 1
	// Linear is multinomial logistic regression over the TF-IDF rows,
	// trained by stochastic gradient descent; a text's scores are the
	// softmax probabilities of the labels (they sum to 1).
	Linear
	// Bayes is multinomial naive Bayes over the TF-IDF rows, taken as
	// fractional term counts; a text's scores are the posterior
	// probabilities of the labels (they sum to 1). It is the usual
	// baseline of text classification, kept for comparison: the linear
	// model is more accurate.
	Bayes
)

// String returns "centroid", "linear" or "bayes".
func (k ClassifierKind) String() string {
	switch k {
	case Centroid:
		return "centroid"
	case Linear:
		return "linear"
	case Bayes:
		return "bayes"
	}
	return fmt.Sprintf("ClassifierKind(%d)", uint8(k))
}

// LabelScore is the score of one label for a text.
type LabelScore struct {
	Label string
	Score float64
}

// ClassifierOption configures [TrainCentroid], [TrainLinear] and
// [TrainBayes].
type ClassifierOption func(*classifierConfig) error

type classifierConfig struct {
	titleWeight int
	epochs      int
	rate        float64
	l2          float64
	seed        uint64
	smoothing   float64
}

// Defaults of the classifier options.
const (
	DefaultTitleWeight  = 3
	DefaultEpochs       = 12
	DefaultLearningRate = 1.0
	DefaultL2           = 1e-6
	DefaultSeed         = 1
	DefaultSmoothing    = 0.1
)

// WithTitleWeight makes the title of a [LabeledDoc] count n times (default
// [DefaultTitleWeight]; 0 ignores titles): see [LabeledDoc.Content]. It
// returns an error from the trainer if n < 0.
func WithTitleWeight(n int) ClassifierOption {
	return func(c *classifierConfig) error {
		if n < 0 {
			return fmt.Errorf("topics: title weight %d, want 0 or more", n)
		}
		c.titleWeight = n
		return nil
	}
}

// WithEpochs sets the number of passes over the training documents of
// [TrainLinear] (default [DefaultEpochs]). It returns an error from the
// trainer if n < 1. The other trainers ignore it.
func WithEpochs(n int) ClassifierOption {
	return func(c *classifierConfig) error {
		if n < 1 {
			return fmt.Errorf("topics: %d epochs, want 1 or more", n)
		}
		c.epochs = n
		return nil
	}
}

// WithLearningRate sets the initial step size η₀ of [TrainLinear] (default
// [DefaultLearningRate]); epoch e (from 0) uses η₀/(1+e/2). It returns an
// error from the trainer unless 0 < rate ≤ 100. The other trainers ignore
// it.
func WithLearningRate(rate float64) ClassifierOption {
	return func(c *classifierConfig) error {
		if !(rate > 0 && rate <= 100) {
			return fmt.Errorf("topics: learning rate %v, want 0 < rate ≤ 100", rate)
		}
		c.rate = rate
		return nil
	}
}

// WithL2 sets the L2 regularisation strength λ of [TrainLinear] (default
// [DefaultL2]): each step shrinks the weights by a factor 1 − ηλ. It
// returns an error from the trainer unless 0 ≤ λ < 1. The other trainers
// ignore it.
func WithL2(lambda float64) ClassifierOption {
	return func(c *classifierConfig) error {
		if !(lambda >= 0 && lambda < 1) {
			return fmt.Errorf("topics: L2 strength %v, want 0 ≤ λ < 1", lambda)
		}
		c.l2 = lambda
		return nil
	}
}

// WithSmoothing sets the additive (Lidstone) smoothing α of [TrainBayes]
// (default [DefaultSmoothing]): every term gets α added to its weight in
// every label. The rows are TF-IDF rows of unit length, whose entries are
// far below 1, so the textbook α = 1 drowns the evidence: 0.1 did best of
// 1, 0.3, 0.1, 0.03 and 0.01 in cross-validation on labelled news. It returns an error from the trainer unless 0 < α ≤ 100.
// The other trainers ignore it.
func WithSmoothing(alpha float64) ClassifierOption {
	return func(c *classifierConfig) error {
		if !(alpha > 0 && alpha <= 100) {
			return fmt.Errorf("topics: smoothing %v, want 0 < α ≤ 100", alpha)
		}
		c.smoothing = alpha
		return nil
	}
}

// WithSeed sets the seed of the shuffling of [TrainLinear] (default
// [DefaultSeed]); the same documents, options and seed give the same
// model. The other trainers ignore it.
func WithSeed(seed uint64) ClassifierOption {
	return func(c *classifierConfig) error { c.seed = seed; return nil }
}

// Classifier assigns labels to texts from TF-IDF rows of a [Space]. It is
// built by [TrainCentroid], [TrainLinear] or [TrainBayes] (or read by
// [ReadClassifier]) and never changes afterwards; it is safe for
// concurrent use.
//
// Its weights form a terms × labels table (one row per column of the
// space's vocabulary) plus a bias per label.
type Classifier struct {
	kind        ClassifierKind
	space       *Space
	labels      []string  // sorted
	weights     []float64 // term j, label k at j*len(labels)+k
	bias        []float64 // per label; zero for Centroid
	titleWeight int
}

// ErrNoLabel is returned (wrapped, naming the document) by the trainers
// when a document has an empty Category.
var ErrNoLabel = errors.New("topics: document without a category")

// prepare checks options and documents and returns the TF-IDF rows, the
// sorted labels and the label index of each document.
func prepare(space *Space, docs []LabeledDoc, opts []ClassifierOption) (classifierConfig, *CSR, []string, []int, error) {
	if space == nil {
		panic("topics: nil Space")
	}
	c := classifierConfig{titleWeight: DefaultTitleWeight, epochs: DefaultEpochs,
		rate: DefaultLearningRate, l2: DefaultL2, seed: DefaultSeed, smoothing: DefaultSmoothing}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return c, nil, nil, nil, err
		}
	}
	if len(docs) == 0 {
		return c, nil, nil, nil, ErrEmptyCorpus
	}
	seen := map[string]bool{}
	terms := make([][]Term, len(docs))
	for i, d := range docs {
		if d.Category == "" {
			return c, nil, nil, nil, fmt.Errorf("%w: document %d (id %q)", ErrNoLabel, i, d.ID)
		}
		seen[d.Category] = true
		terms[i] = d.Terms(c.titleWeight, space.vec.terms)
	}
	labels := sortedKeys(seen)
	y := make([]int, len(docs))
	for i, d := range docs {
		y[i], _ = slices.BinarySearch(labels, d.Category)
	}
	return c, space.tfidf.Transform(space.vec.TransformTerms(terms)), labels, y, nil
}

// labelSums returns the sum of the rows of x of each of the L labels, as
// a terms × labels table (term j, label k at j*L+k); y gives each row's
// label.
func labelSums(x *CSR, y []int, L int) []float64 {
	_, nTerms := x.Dims()
	w := make([]float64, nTerms*L)
	for i, k := range y {
		cols, vals := x.Row(i)
		for n, j := range cols {
			w[j*L+k] += vals[n]
		}
	}
	return w
}

// TrainCentroid builds a TF-IDF centroid (Rocchio) classifier: see
// [Centroid]. Each document is turned into a TF-IDF row of space from its
// [LabeledDoc.Terms] with the [WithTitleWeight] option: the terms of its
// title and body, plus its Extra terms (build the space with
// [NewSpaceLabeled] so that they are in the vocabulary; the space should
// normalise rows, its default). Labels are the distinct categories of
// docs, in byte order.
//
// It returns [ErrEmptyCorpus] for no documents, an error wrapping
// [ErrNoLabel] for a document without a category, or an error for an
// invalid option. It panics if space is nil.
func TrainCentroid(space *Space, docs []LabeledDoc, opts ...ClassifierOption) (*Classifier, error) {
	c, x, labels, y, err := prepare(space, docs, opts)
	if err != nil {
		return nil, err
	}
	L := len(labels)
	_, nTerms := x.Dims()
	w := labelSums(x, y, L)
	// Normalise each centroid (the mean's scale does not matter for the
	// cosine).
	norms := make([]float64, L)
	for j := range nTerms {
		for k := range L {
			norms[k] += w[j*L+k] * w[j*L+k]
		}
	}
	for k := range norms {
		if norms[k] > 0 {
			norms[k] = 1 / math.Sqrt(norms[k])
		}
	}
	for j := range nTerms {
		for k := range L {
			w[j*L+k] *= norms[k]
		}
	}
	return &Classifier{kind: Centroid, space: space, labels: labels, weights: w,
		bias: make([]float64, L), titleWeight: c.titleWeight}, nil
}

// TrainLinear builds a multinomial logistic regression classifier: see
// [Linear]. Documents become TF-IDF rows as in [TrainCentroid]. Training
// minimises the cross-entropy plus (λ/2)‖W‖² by plain SGD, one document at
// a time: [WithEpochs] passes, each over the documents in an order
// shuffled by a PCG generator seeded with [WithSeed], with step size
// η₀/(1+e/2) in epoch e ([WithLearningRate]) and L2 strength λ ([WithL2]).
// The regulariser is applied lazily through a common scale factor, so a
// step costs O(non-zeros × labels). Biases are not regularised.
//
// Errors are those of [TrainCentroid].
func TrainLinear(space *Space, docs []LabeledDoc, opts ...ClassifierOption) (*Classifier, error) {
	c, x, labels, y, err := prepare(space, docs, opts)
	if err != nil {
		return nil, err
	}
	L := len(labels)
	_, nTerms := x.Dims()
	w := make([]float64, nTerms*L) // true weights are scale × w
	b := make([]float64, L)
	scale := 1.0
	p := make([]float64, L)
	order := make([]int, len(y))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(c.seed, 0x6b68616261720001))
	for e := range c.epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		eta := c.rate / (1 + float64(e)/2)
		for _, i := range order {
			cols, vals := x.Row(i)
			linearScores(p, w, b, scale, L, cols, vals)
			softmax(p)
			p[y[i]]--
			scale *= 1 - eta*c.l2
			if scale < 1e-9 {
				for j := range w {
					w[j] *= scale
				}
				scale = 1
			}
			step := eta / scale
			for n, j := range cols {
				row := w[j*L : j*L+L]
				g := step * vals[n]
				for k := range row {
					row[k] -= g * p[k]
				}
			}
			for k := range b {
				b[k] -= eta * p[k]
			}
		}
	}
	for j := range w {
		w[j] *= scale
	}
	return &Classifier{kind: Linear, space: space, labels: labels, weights: w,
		bias: b, titleWeight: c.titleWeight}, nil
}

// linearScores sets s[k] = scale·(x·W[:,k]) + b[k].
func linearScores(s, w, b []float64, scale float64, L int, cols []int, vals []float64) {
	for k := range s {
		s[k] = 0
	}
	for n, j := range cols {
		row := w[j*L : j*L+L]
		v := vals[n]
		for k := range s {
			s[k] += v * row[k]
		}
	}
	for k := range s {
		s[k] = scale*s[k] + b[k]
	}
}

// softmax replaces s by its softmax, computed stably.
func softmax(s []float64) {
	m := slices.Max(s)
	var sum float64
	for k, v := range s {
		s[k] = math.Exp(v - m)
		sum += s[k]
	}
	for k := range s {
		s[k] /= sum
	}
}

// Kind returns how the classifier was trained.
func (c *Classifier) Kind() ClassifierKind { return c.kind }

// Labels returns a copy of the labels, in byte order.
func (c *Classifier) Labels() []string { return slices.Clone(c.labels) }

// TrainBayes builds a multinomial naive Bayes classifier: see [Bayes].
// Documents become TF-IDF rows as in [TrainCentroid]. With N_k documents
// of label k out of N, and W_jk the sum of column j over the rows of label
// k, the weight of term j for label k is ln((W_jk + α) / Σ_j (W_jk + α))
// and the bias of label k is ln(N_k / N) ([WithSmoothing] sets α). A
// text's scores are the softmax of bias + row · weights.
//
// Errors are those of [TrainCentroid].
func TrainBayes(space *Space, docs []LabeledDoc, opts ...ClassifierOption) (*Classifier, error) {
	c, x, labels, y, err := prepare(space, docs, opts)
	if err != nil {
		return nil, err
	}
	L := len(labels)
	_, nTerms := x.Dims()
	w := labelSums(x, y, L)
	b := make([]float64, L)
	for _, k := range y {
		b[k]++
	}
	total := make([]float64, L)
	for j := range nTerms {
		for k := range L {
			w[j*L+k] += c.smoothing
			total[k] += w[j*L+k]
		}
	}
	for j := range nTerms {
		for k := range L {
			w[j*L+k] = math.Log(w[j*L+k] / total[k])
		}
	}
	for k := range b {
		b[k] = math.Log(b[k] / float64(len(y)))
	}
	return &Classifier{kind: Bayes, space: space, labels: labels, weights: w,
		bias: b, titleWeight: c.titleWeight}, nil
}

// Space returns the TF-IDF space the classifier works in.
func (c *Classifier) Space() *Space { return c.space }

// TitleWeight returns how many times [Classifier.ScoresDoc] counts a title.
func (c *Classifier) TitleWeight() int { return c.titleWeight }

// Scores returns a score for every label of the classifier for text (the
// whole article; see [Classifier.ScoresDoc] to weight a title), best
// first, ties in label order. Scores are cosines for [Centroid] and
// probabilities for [Linear] and [Bayes]. A text with no term of the
// vocabulary scores 0 for every label (Centroid) or gets the label priors
// learned in the biases (Linear, Bayes). It allocates the result and the text's TF-IDF row.
func (c *Classifier) Scores(text string) []LabelScore {
	return c.labelScores(c.rawScores(c.space.Transform([]string{text}).Row(0)))
}

// labelScores pairs raw scores with their labels, best first.
func (c *Classifier) labelScores(s []float64) []LabelScore {
	out := make([]LabelScore, len(s))
	for k, v := range s {
		out[k] = LabelScore{Label: c.labels[k], Score: v}
	}
	slices.SortStableFunc(out, func(a, b LabelScore) int { return cmp.Compare(b.Score, a.Score) })
	return out
}

// rawScores returns the score of each label, in label order, for one
// TF-IDF row.
func (c *Classifier) rawScores(cols []int, vals []float64) []float64 {
	s := make([]float64, len(c.labels))
	linearScores(s, c.weights, c.bias, 1, len(c.labels), cols, vals)
	if c.kind == Linear || c.kind == Bayes {
		softmax(s)
	}
	return s
}

// ScoresDoc returns a score for every label for d as documents were seen
// in training: the terms of [LabeledDoc.Terms] with the classifier's
// title weight, d.Extra included (extra terms outside the space's
// vocabulary are ignored). It gives the same scores as [Classifier.Score]
// of a [Document] with d's title, text and extra terms.
func (c *Classifier) ScoresDoc(d LabeledDoc) []LabelScore {
	counts := c.space.vec.TransformTerms([][]Term{d.Terms(c.titleWeight, c.space.vec.terms)})
	return c.labelScores(c.rawScores(c.space.tfidf.Transform(counts).Row(0)))
}
