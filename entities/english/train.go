package english

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode"

	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/entities/tagger"
)

// TrainOption configures [Train].
type TrainOption func(*trainConfig) error

type trainConfig struct {
	ext       []Option
	prose     bool
	fragments bool
	dev       []corpus.Document
	tagger    []tagger.Option
	progress  func(TrainProgress)
}

// TrainWith sets the extractor options of training — the gazetteer —
// which should be those the model will be used with.
func TrainWith(opts ...Option) TrainOption {
	return func(c *trainConfig) error { c.ext = append(c.ext, opts...); return nil }
}

// WithProseLabels makes the model read prose's own entity labels as one
// more observation (off by default). prose's recogniser costs about 45 µs
// a token, ten times the rest of the English pipeline, for a small gain
// (see model/README.md).
func WithProseLabels(on bool) TrainOption {
	return func(c *trainConfig) error { c.prose = on; return nil }
}

// WithFragments keeps the training sentences that are one name from end
// to end — a title, a list item, a caption: "Atlantic City", "” Anders
// Lindström ”" — which are left out by default. They make up two fifths
// of WikiANN, and a model that learns from them that a name may run to
// the end of its sentence tags whole news sentences as names ("ISIS
// remnants still carry out attacks in northern Iraq" as one organisation).
// News sentences are never one name; headlines that are one name alone
// are rare.
func WithFragments(on bool) TrainOption {
	return func(c *trainConfig) error { c.fragments = on; return nil }
}

// WithDevDocuments sets development texts: training keeps the weights
// that score best on them and stops when they stop improving.
func WithDevDocuments(docs []corpus.Document) TrainOption {
	return func(c *trainConfig) error { c.dev = docs; return nil }
}

// WithTaggerOptions passes options to the tagger's trainer: the method
// (CRF or perceptron), regularisation, iterations, workers.
func WithTaggerOptions(opts ...tagger.Option) TrainOption {
	return func(c *trainConfig) error { c.tagger = append(c.tagger, opts...); return nil }
}

// TrainProgress reports a step of [Train]: reading the texts with prose
// (Stage "features", Done of Total texts), then the tagger's iterations
// (Stage "train", with Tagger set).
type TrainProgress struct {
	Stage       string
	Done, Total int
	Tagger      tagger.Progress
}

// WithTrainProgress calls f as training goes on, from one goroutine at a
// time.
func WithTrainProgress(f func(TrainProgress)) TrainOption {
	return func(c *trainConfig) error { c.progress = f; return nil }
}

// ErrNoTrainingData means Train was given no text with a token.
var ErrNoTrainingData = errors.New("english: no training data")

// Train trains a tagging model on annotated English texts (package corpus
// reads CoNLL and JSONL spans). Each text is read as extraction reads it
// — prose's sentences, tokens and parts of speech, the gazetteer's names
// — and the tagger learns the annotations' BIO tags of the tokens: a
// token gets the type of the annotation it overlaps. MISC names are
// learnt as a type of their own. The same texts and options give the same
// model, byte for byte.
func Train(ctx context.Context, docs []corpus.Document, opts ...TrainOption) (*Model, error) {
	var c trainConfig
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	x, err := New(append([]Option{WithoutModel()}, c.ext...)...)
	if err != nil {
		return nil, err
	}
	seqs, err := x.sequences(ctx, docs, c.prose, c.fragments, c.progress)
	if err != nil {
		return nil, err
	}
	if len(seqs) == 0 {
		return nil, ErrNoTrainingData
	}
	topts := append([]tagger.Option{}, c.tagger...)
	if len(c.dev) > 0 {
		dev, err := x.sequences(ctx, c.dev, c.prose, true, nil)
		if err != nil {
			return nil, err
		}
		topts = append(topts, tagger.WithDev(dev))
	}
	if c.progress != nil {
		topts = append(topts, tagger.WithProgress(func(p tagger.Progress) {
			c.progress(TrainProgress{Stage: "train", Tagger: p})
		}))
	}
	t, err := tagger.Train(ctx, templates(c.prose), seqs, topts...)
	if err != nil {
		return nil, fmt.Errorf("english: %w", err)
	}
	return newModel(t)
}

// sequences turns annotated texts into the tagger's sequences, one per
// sentence (without the sentences that are one name, unless fragments is
// set), reading the texts on every processor.
func (x *Extractor) sequences(ctx context.Context, docs []corpus.Document, prose, fragments bool, progress func(TrainProgress)) ([]tagger.Sequence, error) {
	per := make([][]tagger.Sequence, len(docs))
	errs := make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(len(docs), 1))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := &featurizer{parts: x.names.parts, prose: prose}
			for i := range next {
				per[i], errs[i] = x.prepare(ctx, f, docs[i], prose, fragments)
				if progress != nil {
					mu.Lock()
					done++
					progress(TrainProgress{Stage: "features", Done: done, Total: len(docs)})
					mu.Unlock()
				}
			}
		}()
	}
	var err error
	for i := range docs {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	var out []tagger.Sequence
	for i, s := range per {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, s...)
	}
	return out, nil
}

// prepare reads one annotated text and returns the sequences of its
// sentences (see sequences for fragments).
func (x *Extractor) prepare(ctx context.Context, f *featurizer, d corpus.Document, prose, fragments bool) ([]tagger.Sequence, error) {
	doc, err := x.p.analyse(ctx, d.Text, nil, prose)
	if err != nil {
		return nil, err
	}
	labels := make([]string, len(doc.toks))
	for i := range labels {
		labels[i] = "O"
	}
	t := 0
	for _, sp := range d.Spans {
		for t < len(doc.toks) && doc.toks[t].End <= sp.Start {
			t++
		}
		for j := t; j < len(doc.toks) && doc.toks[j].Start < sp.End; j++ {
			if j == t {
				labels[j] = "B-" + sp.Type
			} else {
				labels[j] = "I-" + sp.Type
			}
		}
	}
	f.prepare(doc, x.names.find(doc))
	var out []tagger.Sequence
	for s, sent := range doc.sents {
		if !fragments && oneName(doc, labels, sent) {
			continue
		}
		rows := f.sentence(s)
		seq := tagger.Sequence{Obs: make([][]tagger.Obs, len(rows)), Labels: validBIO(labels[sent.TokenStart:sent.TokenEnd])}
		for j, r := range rows {
			seq.Obs[j] = append([]tagger.Obs(nil), r...)
		}
		out = append(out, seq)
	}
	f.doc = nil
	return out, nil
}

// oneName reports whether every word of a sentence (every token with a
// letter or a digit) lies in a name.
func oneName(d *document, labels []string, s Sentence) bool {
	for i := s.TokenStart; i < s.TokenEnd; i++ {
		if labels[i] == "O" && (d.shapes[i] != shapeOther || strings.ContainsFunc(d.toks[i].Text, unicode.IsDigit)) {
			return false
		}
	}
	return true
}

// validBIO returns labels with every I-X that follows neither B-X nor
// I-X turned into B-X: a name cut by a sentence boundary begins again in
// the next sentence.
func validBIO(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l
		typ, inside := strings.CutPrefix(l, "I-")
		if inside && (i == 0 || labels[i-1] != "B-"+typ && labels[i-1] != l) {
			out[i] = "B-" + typ
		}
	}
	return out
}
