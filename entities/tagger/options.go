package tagger

import (
	"fmt"
	"math"
	"runtime"
	"time"
)

// Method is a training method.
type Method uint8

// The training methods.
const (
	// CRF maximises the regularised conditional log-likelihood of a
	// first-order linear-chain CRF with L-BFGS (OWL-QN when L1 is on).
	CRF Method = iota
	// Perceptron trains an averaged structured perceptron with Viterbi
	// decoding.
	Perceptron
)

// String returns "crf" or "perceptron".
func (m Method) String() string {
	switch m {
	case CRF:
		return "crf"
	case Perceptron:
		return "perceptron"
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// Defaults of the training options.
const (
	// DefaultL2 is the CRF's L2 coefficient c2 (CRFsuite's default).
	DefaultL2 = 1.0
	// DefaultCRFIterations is the most L-BFGS iterations of the CRF.
	DefaultCRFIterations = 200
	// DefaultEpochs is the most passes of the perceptron.
	DefaultEpochs = 20
	// DefaultTolerance stops the CRF when the objective improved by
	// less than this fraction over the last 10 iterations.
	DefaultTolerance = 1e-5
	// DefaultCRFEvalEvery and DefaultPerceptronEvalEvery are how often
	// (iterations, epochs) the development set is scored.
	DefaultCRFEvalEvery        = 10
	DefaultPerceptronEvalEvery = 1
	// DefaultPatience is how many evaluations on the development set
	// without a better F1 end training.
	DefaultPatience = 5
	// DefaultSeed seeds the perceptron's shuffling.
	DefaultSeed = 1
)

// Option configures [Train]. An option given a value out of range makes
// Train return an error wrapping [ErrOption].
type Option func(*config) error

type config struct {
	method      Method
	l1, l2      float64
	maxIter     int // 0: the method's default
	tolerance   float64
	minCount    int
	dev         []Sequence
	devTypes    []string
	evalEvery   int // 0: the method's default
	patience    int
	seed        uint64
	progress    func(Progress)
	workers     int
	provenance  string
	devTypesSet bool
}

func newConfig(opts []Option) (*config, error) {
	c := &config{
		l2:        DefaultL2,
		tolerance: DefaultTolerance,
		minCount:  1,
		patience:  DefaultPatience,
		seed:      DefaultSeed,
		workers:   runtime.GOMAXPROCS(0),
	}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrOption, err)
		}
	}
	if c.maxIter == 0 {
		c.maxIter = DefaultCRFIterations
		if c.method == Perceptron {
			c.maxIter = DefaultEpochs
		}
	}
	if c.evalEvery == 0 {
		c.evalEvery = DefaultCRFEvalEvery
		if c.method == Perceptron {
			c.evalEvery = DefaultPerceptronEvalEvery
		}
	}
	if c.devTypesSet && c.dev == nil {
		return nil, fmt.Errorf("%w: WithDevTypes without WithDev", ErrOption)
	}
	return c, nil
}

// WithMethod chooses the training method (default [CRF]).
func WithMethod(m Method) Option {
	return func(c *config) error {
		if m != CRF && m != Perceptron {
			return fmt.Errorf("unknown method %d", m)
		}
		c.method = m
		return nil
	}
}

// WithL2 sets the coefficient c2 of the CRF's L2 term c2·‖θ‖² (default
// [DefaultL2]; CRFsuite's convention). It must be finite and 0 or more.
// The perceptron ignores it.
func WithL2(c2 float64) Option {
	return func(c *config) error {
		if !(c2 >= 0 && c2 < math.Inf(1)) {
			return fmt.Errorf("L2 coefficient %v, want 0 or more", c2)
		}
		c.l2 = c2
		return nil
	}
}

// WithL1 sets the coefficient c1 of the CRF's L1 term c1·‖θ‖₁ (default
// 0, off). With c1 > 0 the CRF is trained with OWL-QN, which sets many
// weights to exactly zero: the model file keeps only non-zero weights,
// so L1 makes it smaller. It must be finite and 0 or more. The
// perceptron ignores it.
func WithL1(c1 float64) Option {
	return func(c *config) error {
		if !(c1 >= 0 && c1 < math.Inf(1)) {
			return fmt.Errorf("L1 coefficient %v, want 0 or more", c1)
		}
		c.l1 = c1
		return nil
	}
}

// WithMaxIterations sets the most L-BFGS iterations of the CRF (default
// [DefaultCRFIterations]) or passes over the data of the perceptron
// (default [DefaultEpochs]). It must be 1 or more.
func WithMaxIterations(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("%d iterations, want 1 or more", n)
		}
		c.maxIter = n
		return nil
	}
}

// WithTolerance stops the CRF when its objective improved by less than
// the fraction tol over the last 10 iterations (default
// [DefaultTolerance]; 0 runs to the iteration limit unless the gradient
// vanishes). The perceptron ignores it.
func WithTolerance(tol float64) Option {
	return func(c *config) error {
		if !(tol >= 0 && tol < 1) {
			return fmt.Errorf("tolerance %v, want 0 ≤ tol < 1", tol)
		}
		c.tolerance = tol
		return nil
	}
}

// WithMinCount drops the observation values (template and value) seen at
// fewer than n training tokens (default 1, keep all). It must be 1 or
// more.
func WithMinCount(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("minimum count %d, want 1 or more", n)
		}
		c.minCount = n
		return nil
	}
}

// WithDev gives a development set: every few iterations ([WithEvalEvery])
// the weights are scored on it by span-level micro F1, the model keeps
// the weights of the best evaluation, and training ends after
// [WithPatience] evaluations without a better one. Its labels must be
// BIO labels; types absent from the training data count as missed
// spans. Its sequences are checked like the training set's.
func WithDev(dev []Sequence) Option {
	return func(c *config) error {
		c.dev = dev
		return nil
	}
}

// WithDevTypes limits the development F1 to spans of the given types
// (for example PER, LOC and ORG when MISC is not scored). Types must
// occur in the training data; it needs [WithDev].
func WithDevTypes(types ...string) Option {
	return func(c *config) error {
		if len(types) == 0 {
			return fmt.Errorf("WithDevTypes with no type")
		}
		c.devTypes = append([]string(nil), types...)
		c.devTypesSet = true
		return nil
	}
}

// WithEvalEvery scores the development set every k iterations of the
// CRF (default [DefaultCRFEvalEvery]) or every k epochs of the
// perceptron (default [DefaultPerceptronEvalEvery]), and after the last
// one. Without [WithDev] it has no effect. It must be 1 or more.
func WithEvalEvery(k int) Option {
	return func(c *config) error {
		if k < 1 {
			return fmt.Errorf("evaluation every %d iterations, want 1 or more", k)
		}
		c.evalEvery = k
		return nil
	}
}

// WithPatience ends training after n evaluations on the development set
// without a better F1 (default [DefaultPatience]); 0 never ends early
// but still keeps the best weights. Without [WithDev] it has no effect.
func WithPatience(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("patience %d, want 0 or more", n)
		}
		c.patience = n
		return nil
	}
}

// WithSeed seeds the perceptron's shuffling of the training sequences
// (PCG; default [DefaultSeed]). The CRF does not use randomness.
func WithSeed(seed uint64) Option {
	return func(c *config) error {
		c.seed = seed
		return nil
	}
}

// WithProgress calls f after every iteration (epoch) of training, from
// the goroutine that called Train.
func WithProgress(f func(Progress)) Option {
	return func(c *config) error {
		c.progress = f
		return nil
	}
}

// WithWorkers sets how many goroutines compute the CRF's gradient
// (default GOMAXPROCS). The model does not depend on it: partial sums
// are kept in fixed point and added exactly. The perceptron is
// sequential and ignores it.
func WithWorkers(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("%d workers, want 1 or more", n)
		}
		c.workers = n
		return nil
	}
}

// WithProvenance records a free-form text (data, command, licence) in
// the model's [Info] and file.
func WithProvenance(s string) Option {
	return func(c *config) error {
		c.provenance = s
		return nil
	}
}

// Progress reports one iteration of training to the function given
// with [WithProgress].
type Progress struct {
	Method Method
	// Iteration counts L-BFGS iterations or epochs from 1.
	Iteration int
	// Loss is the CRF's objective (regularised negative log-likelihood)
	// or the fraction of training tokens the perceptron mislabelled
	// during the epoch.
	Loss float64
	// Evaluated is true when the development set was scored after this
	// iteration; DevF1 is then its span-level micro F1 and Best tells
	// whether it is the best so far (whose weights are kept).
	Evaluated bool
	DevF1     float64
	Best      bool
	// Elapsed is the time since Train started.
	Elapsed time.Duration
}

// Info describes how a model was trained. It is saved with the model
// and holds nothing that depends on the machine or the time, so the
// same data and options give the same model file.
type Info struct {
	Method        Method
	L1, L2        float64 // CRF only
	Tolerance     float64 // CRF only
	MaxIterations int
	MinCount      int
	Seed          uint64 // perceptron only
	EvalEvery     int    // with a development set
	Patience      int    // with a development set
	// Iterations is how many iterations (epochs) ran; BestIteration is
	// the one whose weights the model has (the last without a
	// development set).
	Iterations, BestIteration int
	// Sequences and Tokens count the training data, DevSequences and
	// DevTokens the development set (0 without one).
	Sequences, Tokens       int
	DevSequences, DevTokens int
	// DevF1 is the development F1 of the kept weights (0 without a
	// development set); Loss is the training loss at the last iteration
	// (see [Progress.Loss]).
	DevF1, Loss float64
	// Provenance is the text given with [WithProvenance].
	Provenance string
}
