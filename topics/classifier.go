package topics

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/khabar-nlp/khabar/topics/tfidf"
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

// Defaults of the classifier options.
const (
	// DefaultTitleWeight is how many times a title counts.
	DefaultTitleWeight = 3
	// DefaultEpochs is the number of passes of [TrainLinear].
	DefaultEpochs = 12
	// DefaultLearningRate is the initial step size of [TrainLinear].
	DefaultLearningRate = 1.0
	// DefaultL2 is the L2 regularisation strength of [TrainLinear].
	DefaultL2 = 1e-6
	// DefaultSeed seeds the shuffling of [TrainLinear].
	DefaultSeed = 1
	// DefaultSmoothing is the additive smoothing of [TrainBayes].
	DefaultSmoothing = 0.1
)

// trainConfig holds the settings of every trainer; each takes only the
// options that apply to it.
type trainConfig struct {
	titleWeight int
	epochs      int
	rate        float64
	l2          float64
	seed        uint64
	smoothing   float64
}

// CentroidOption configures [TrainCentroid]: [WithTitleWeight].
type CentroidOption interface{ centroid(*trainConfig) error }

// LinearOption configures [TrainLinear]: [WithTitleWeight], [WithEpochs],
// [WithLearningRate], [WithL2] and [WithSeed].
type LinearOption interface{ linear(*trainConfig) error }

// BayesOption configures [TrainBayes]: [WithTitleWeight] and
// [WithSmoothing].
type BayesOption interface{ bayes(*trainConfig) error }

// TitleWeightOption is the option of [WithTitleWeight], which every
// trainer takes.
type TitleWeightOption int

func (o TitleWeightOption) set(c *trainConfig) error {
	if o < 0 {
		return fmt.Errorf("topics: title weight %d, want 0 or more", int(o))
	}
	c.titleWeight = int(o)
	return nil
}

func (o TitleWeightOption) centroid(c *trainConfig) error { return o.set(c) }
func (o TitleWeightOption) linear(c *trainConfig) error   { return o.set(c) }
func (o TitleWeightOption) bayes(c *trainConfig) error    { return o.set(c) }

// linearOption is an option of TrainLinear only.
type linearOption func(*trainConfig) error

func (o linearOption) linear(c *trainConfig) error { return o(c) }

// bayesOption is an option of TrainBayes only.
type bayesOption func(*trainConfig) error

func (o bayesOption) bayes(c *trainConfig) error { return o(c) }

// WithTitleWeight makes the title of a [LabeledDoc] count n times (default
// [DefaultTitleWeight]; 0 ignores titles): see [LabeledDoc.Content]. Every
// trainer takes it; it returns an error from the trainer if n < 0.
func WithTitleWeight(n int) TitleWeightOption { return TitleWeightOption(n) }

// WithEpochs sets the number of passes over the training documents of
// [TrainLinear] (default [DefaultEpochs]). It returns an error from the
// trainer if n < 1.
func WithEpochs(n int) LinearOption {
	return linearOption(func(c *trainConfig) error {
		if n < 1 {
			return fmt.Errorf("topics: %d epochs, want 1 or more", n)
		}
		c.epochs = n
		return nil
	})
}

// WithLearningRate sets the initial step size η₀ of [TrainLinear] (default
// [DefaultLearningRate]); epoch e (from 0) uses η₀/(1+e/2). It returns an
// error from the trainer unless 0 < rate ≤ 100.
func WithLearningRate(rate float64) LinearOption {
	return linearOption(func(c *trainConfig) error {
		if !(rate > 0 && rate <= 100) {
			return fmt.Errorf("topics: learning rate %v, want 0 < rate ≤ 100", rate)
		}
		c.rate = rate
		return nil
	})
}

// WithL2 sets the L2 regularisation strength λ of [TrainLinear] (default
// [DefaultL2]): each step shrinks the weights by a factor 1 − ηλ. It
// returns an error from the trainer unless 0 ≤ λ < 1.
func WithL2(lambda float64) LinearOption {
	return linearOption(func(c *trainConfig) error {
		if !(lambda >= 0 && lambda < 1) {
			return fmt.Errorf("topics: L2 strength %v, want 0 ≤ λ < 1", lambda)
		}
		c.l2 = lambda
		return nil
	})
}

// WithSeed sets the seed of the shuffling of [TrainLinear] (default
// [DefaultSeed]); the same documents, options and seed give the same
// model.
func WithSeed(seed uint64) LinearOption {
	return linearOption(func(c *trainConfig) error { c.seed = seed; return nil })
}

// WithSmoothing sets the additive (Lidstone) smoothing α of [TrainBayes]
// (default [DefaultSmoothing]): every term gets α added to its weight in
// every label. The rows are TF-IDF rows of unit length, whose entries are
// far below 1, so the textbook α = 1 drowns the evidence: 0.1 did best of
// 1, 0.3, 0.1, 0.03 and 0.01 in cross-validation on labelled news. It
// returns an error from the trainer unless 0 < α ≤ 100.
func WithSmoothing(alpha float64) BayesOption {
	return bayesOption(func(c *trainConfig) error {
		if !(alpha > 0 && alpha <= 100) {
			return fmt.Errorf("topics: smoothing %v, want 0 < α ≤ 100", alpha)
		}
		c.smoothing = alpha
		return nil
	})
}

// Classifier assigns labels to texts from TF-IDF rows of a [tfidf.Space]. It is
// built by [TrainCentroid], [TrainLinear] or [TrainBayes] (or read by
// [ReadClassifier]) and never changes afterwards; it is safe for
// concurrent use.
//
// Its weights form a terms × labels table (one row per column of the
// space's vocabulary) plus a bias per label.
type Classifier struct {
	kind        ClassifierKind
	space       *tfidf.Space
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
func prepare[O any](space *tfidf.Space, docs []LabeledDoc, opts []O, apply func(O, *trainConfig) error) (trainConfig, *tfidf.CSR, []string, []int, error) {
	if space == nil {
		panic("topics: nil Space")
	}
	c := trainConfig{titleWeight: DefaultTitleWeight, epochs: DefaultEpochs,
		rate: DefaultLearningRate, l2: DefaultL2, seed: DefaultSeed, smoothing: DefaultSmoothing}
	for _, o := range opts {
		if err := apply(o, &c); err != nil {
			return c, nil, nil, nil, err
		}
	}
	if len(docs) == 0 {
		return c, nil, nil, nil, tfidf.ErrEmptyCorpus
	}
	seen := map[string]bool{}
	terms := make([][]tfidf.Term, len(docs))
	for i, d := range docs {
		if d.Category == "" {
			return c, nil, nil, nil, fmt.Errorf("%w: document %d (id %q)", ErrNoLabel, i, d.ID)
		}
		seen[d.Category] = true
		terms[i] = d.Terms(c.titleWeight, space.Vectorizer().TermOptions())
	}
	labels := slices.Sorted(maps.Keys(seen))
	y := make([]int, len(docs))
	for i, d := range docs {
		y[i], _ = slices.BinarySearch(labels, d.Category)
	}
	return c, space.Weights().Transform(space.Vectorizer().TransformTerms(terms)), labels, y, nil
}

// labelSums returns the sum of the rows of x of each of the L labels, as
// a terms × labels table (term j, label k at j*L+k); y gives each row's
// label.
func labelSums(x *tfidf.CSR, y []int, L int) []float64 {
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
// It returns [tfidf.ErrEmptyCorpus] for no documents, an error wrapping
// [ErrNoLabel] for a document without a category, or an error for an
// invalid option. It panics if space is nil.
func TrainCentroid(space *tfidf.Space, docs []LabeledDoc, opts ...CentroidOption) (*Classifier, error) {
	c, x, labels, y, err := prepare(space, docs, opts, CentroidOption.centroid)
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
func TrainLinear(space *tfidf.Space, docs []LabeledDoc, opts ...LinearOption) (*Classifier, error) {
	c, x, labels, y, err := prepare(space, docs, opts, LinearOption.linear)
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
func TrainBayes(space *tfidf.Space, docs []LabeledDoc, opts ...BayesOption) (*Classifier, error) {
	c, x, labels, y, err := prepare(space, docs, opts, BayesOption.bayes)
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
func (c *Classifier) Space() *tfidf.Space { return c.space }

// TitleWeight returns how many times [Classifier.ScoresDoc] counts a title.
func (c *Classifier) TitleWeight() int { return c.titleWeight }

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
