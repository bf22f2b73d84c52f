package entities

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/entities/tagger"
	"github.com/khabar-nlp/khabar/tokenize"
)

// TrainOption configures [Train].
type TrainOption func(*trainConfig) error

type trainConfig struct {
	ext      []Option
	folds    int
	dev      []corpus.Document
	tagger   []tagger.Option
	progress func(TrainProgress)
}

// TrainWith sets the extractor options of training — the gazetteer, the
// recognisers, fuzzy matching — which should be those the model will be
// used with. Without it, training uses [New]'s defaults.
func TrainWith(opts ...Option) TrainOption {
	return func(c *trainConfig) error { c.ext = append(c.ext, opts...); return nil }
}

// WithFolds sets how many folds the training texts are cut into for the
// jackknife of the features of the names a training gazetteer adds to
// the embedded default (default 5; 1 turns it off). Such names — a
// newsroom's lists, ANERcorp's entity list — are often drawn from the
// very texts annotated for training; with the same list for training and
// testing, a model learns that a name is a listed name, and finds few
// others. So while the features of fold k are computed, an added entry is
// hidden when every name of the training annotations that it matches lies
// in fold k: for a list drawn from the annotations this is exactly a list
// built from the other folds. The default gazetteer, written from general
// knowledge rather than from the training texts, is never hidden.
func WithFolds(k int) TrainOption {
	return func(c *trainConfig) error {
		if k < 1 {
			return fmt.Errorf("entities: WithFolds(%d): want at least 1", k)
		}
		c.folds = k
		return nil
	}
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

// TrainProgress reports a step of [Train]: preparing the texts (Stage
// "features", Done of Total texts), then the tagger's iterations (Stage
// "train", with Tagger set).
type TrainProgress struct {
	Stage       string
	Done, Total int
	Tagger      tagger.Progress
}

// WithTrainProgress calls f as training goes on; f is called from one
// goroutine at a time.
func WithTrainProgress(f func(TrainProgress)) TrainOption {
	return func(c *trainConfig) error { c.progress = f; return nil }
}

// ErrNoTrainingData means Train was given no text with a token.
var ErrNoTrainingData = errors.New("entities: no training data")

// Train trains a tagging model on annotated texts (see package corpus for
// readers of CoNLL and JSONL spans). Each text is tokenized, the
// recognisers run over it as they will when the model is used, and the
// tagger learns the annotations' BIO tags of the tokens from the
// features; a token gets the type of the annotation it overlaps. MISC
// names are learnt as a type of their own. The gazetteer's features are
// jackknifed (see [WithFolds]). The same texts and options give the same
// model, byte for byte.
func Train(ctx context.Context, docs []corpus.Document, opts ...TrainOption) (*Model, error) {
	c := trainConfig{folds: 5}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	x, err := New(append([]Option{WithoutModel()}, c.ext...)...)
	if err != nil {
		return nil, err
	}
	// The recognisers run as they will beside a model.
	x.fuzzyCandidates = false
	seqs, err := x.sequences(ctx, docs, c.folds, c.progress)
	if err != nil {
		return nil, err
	}
	if len(seqs) == 0 {
		return nil, ErrNoTrainingData
	}
	topts := append([]tagger.Option{}, c.tagger...)
	if len(c.dev) > 0 {
		dev, err := x.sequences(ctx, c.dev, 1, nil)
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
	t, err := tagger.Train(ctx, featureTemplates[:], seqs, topts...)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return newModel(t)
}

// prepared is one training text, tokenized, with its candidates and the
// BIO labels of its tokens.
type prepared struct {
	doc    *Document
	labels []string
	// gold lists the candidate IDs that name an annotated name.
	gold map[string]bool
}

// sequences turns annotated texts into the tagger's sequences, one per
// sentence, with the gazetteer's candidates jackknifed over folds.
func (x *Extractor) sequences(ctx context.Context, docs []corpus.Document, folds int, progress func(TrainProgress)) ([]tagger.Sequence, error) {
	prep := make([]prepared, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(len(docs), 1))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				prep[i] = x.prepare(docs[i])
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
	// The fold of each text: contiguous blocks, so that a story's
	// sentences stay together.
	fold := func(i int) int { return i * folds / max(len(docs), 1) }
	only := map[string]int{} // added entry's ID → the only fold whose annotations it matches, or -1
	if folds > 1 {
		for i, p := range prep {
			k := fold(i)
			for id := range p.gold {
				if !x.addedEntry(id) {
					continue // the default's own entry
				}
				if f, ok := only[id]; !ok {
					only[id] = k
				} else if f != k {
					only[id] = -1
				}
			}
		}
	}
	var out []tagger.Sequence
	f := featurizer{parts: x.parts}
	sentences := 0
	for i, p := range prep {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		k := fold(i)
		cands := p.doc.Candidates
		if folds > 1 {
			cands = x.recognizeHiding(p.doc, func(m *Mention) bool { return hidden(m, only, k) })
		}
		f.prepare(p.doc, cands)
		sentenceBounds(p.doc.Tokens, func(start, end int) {
			rows := f.sentence(start, end)
			labels := validBIO(p.labels[start:end])
			// Every third sentence that ends in punctuation is also learnt
			// without it: headlines, captions and list items end on a name
			// (في الموصل), which corpora of full sentences never show.
			if sentences++; sentences%3 == 0 && len(rows) > 1 && p.doc.Tokens[end-1].Kind == tokenize.Punct {
				rows, labels = rows[:len(rows)-1], labels[:len(labels)-1]
			}
			seq := tagger.Sequence{Obs: make([][]tagger.Obs, len(rows)), Labels: labels}
			for j, r := range rows {
				seq.Obs[j] = append([]tagger.Obs(nil), r...)
			}
			out = append(out, seq)
		})
	}
	return out, nil
}

// validBIO returns labels with every I-X that follows neither B-X nor
// I-X turned into B-X: a name cut by a sentence boundary of the tokenizer
// begins again in the next sentence.
func validBIO(labels []string) []string {
	out := labels
	for i, l := range labels {
		typ, inside := strings.CutPrefix(l, "I-")
		if !inside || i > 0 && (labels[i-1] == "B-"+typ || labels[i-1] == l) {
			continue
		}
		if &out[0] == &labels[0] {
			out = slices.Clone(labels)
		}
		out[i] = "B-" + typ
	}
	return out
}

// hidden reports whether a candidate names only entries hidden in fold k.
func hidden(m *Mention, only map[string]int, k int) bool {
	if m.ID == "" || m.Kind != Exact && m.Kind != Clitic && m.Kind != Fuzzy && m.Kind != Hashtag {
		return false
	}
	if f, ok := only[m.ID]; !ok || f != k {
		return false
	}
	for _, alt := range m.Alternatives {
		if f, ok := only[alt]; !ok || f != k {
			return false
		}
	}
	return true
}

// prepare tokenizes an annotated text, runs the recognisers and labels
// its tokens.
func (x *Extractor) prepare(d corpus.Document) prepared {
	toks := x.cfg.tz.Tokenize(d.Text)
	doc := x.recognize(d.Text, toks)
	p := prepared{doc: doc, labels: make([]string, len(toks)), gold: map[string]bool{}}
	for i := range p.labels {
		p.labels[i] = "O"
	}
	t := 0
	for _, sp := range d.Spans {
		for t < len(toks) && toks[t].End <= sp.Start {
			t++
		}
		for j := t; j < len(toks) && toks[j].Start < sp.End; j++ {
			if j == t {
				p.labels[j] = "B-" + sp.Type
			} else {
				p.labels[j] = "I-" + sp.Type
			}
		}
	}
	for _, m := range doc.Candidates {
		if m.ID == "" || m.Kind == Demonym || m.Kind == Rule {
			continue
		}
		if overlapsAnnotation(m, d.Spans) {
			p.gold[m.ID] = true
			for _, alt := range m.Alternatives {
				p.gold[alt] = true
			}
		}
	}
	return p
}

func overlapsAnnotation(m Mention, spans []corpus.Span) bool {
	for _, sp := range spans {
		if m.Start < sp.End && sp.Start < m.End {
			return true
		}
	}
	return false
}

// recognizeHiding runs the recognisers over doc again with the
// candidates that hide reports removed as soon as they are found, so
// that the recognisers after them (the rules) see the text as they would
// without those entries.
func (x *Extractor) recognizeHiding(doc *Document, hide func(*Mention) bool) []Mention {
	var cands []Mention
	for _, r := range x.recognizers {
		doc.Candidates = cands
		n := len(cands)
		cands = r.Recognize(doc, cands)
		kept := cands[:n]
		for i := n; i < len(cands); i++ {
			if !hide(&cands[i]) {
				kept = append(kept, cands[i])
			}
		}
		cands = kept
	}
	doc.Candidates = cands
	return cands
}
