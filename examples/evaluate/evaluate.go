package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// mention is a predicted name: the fields of entities.Mention the
// evaluation uses.
type mention struct {
	// Text is the surface; Start and End are byte offsets into the text
	// given to the extractor, End exclusive.
	Text       string
	Start, End int
	// Kind is how the mention was found (exact, clitic, fuzzy, rule…),
	// ID the entity's ID.
	Kind string
	ID   string
	Type gazetteer.Type
	// Misc marks a name of another kind (MISC), scored apart.
	Misc bool
}

// extractor finds the mentions of a text: Khabar's entities.Extractor in
// the program, a fake in tests.
type extractor interface {
	Mentions(text string) []mention
}

// newExtractorFunc builds an extractor matching names from x (a nil x
// means the extractor's default gazetteer), with the options of the
// command line (the tagging model).
type newExtractorFunc func(x *gazetteer.Index, opts ...entities.Option) (extractor, error)

// result is the evaluation of a gold file, whole or by folds.
type result struct {
	Corpus  *corpus.CoNLL
	Tally   tally
	FP, FN  []errorItem
	Dropped int
	Kinds   map[string]counts
	// Elapsed is the time spent in the extractor; Bytes the size of the
	// texts it read.
	Elapsed time.Duration
	Bytes   int
	// Total is the wall time of the whole run: reading, gazetteers,
	// extractor setup, extraction and scoring.
	Total time.Duration
	// Chunk is the number of sentences per extractor call, 0 for the
	// whole text in one call.
	Chunk int
	// Folds holds the per-fold results of a -folds run.
	Folds []foldResult
}

func (r *result) addOutcome(o outcome) {
	r.Tally.add(o.Tally)
	r.FP = append(r.FP, o.FP...)
	r.FN = append(r.FN, o.FN...)
	r.Dropped += o.Dropped
	if r.Kinds == nil {
		r.Kinds = make(map[string]counts)
	}
	for k, c := range o.Kinds {
		t := r.Kinds[k]
		t.add(c)
		r.Kinds[k] = t
	}
}

// foldResult is the evaluation of one held-out fold.
type foldResult struct {
	Fold      int // 1-based
	Sentences int
	Tokens    int
	// Names is the number of entries of the list made from the other
	// folds; Skipped the names of it the gazetteer could not take.
	Names, Skipped int
	Tally          tally
	Elapsed        time.Duration
}

// evaluateDoc runs ex on the text of d and scores its mentions. With
// chunk > 0, ex reads chunk sentences at a time instead of the whole
// text; with chunk 0 and -DOCSTART- lines in the gold file, it reads one
// document at a time (names are grouped within a document, as in
// articles); otherwise the whole text at once. The offsets of a part are
// shifted back into the text.
func evaluateDoc(d *document, ex extractor, chunk int) (outcome, time.Duration) {
	start := time.Now()
	var mentions []mention
	parts := d.parts(chunk)
	if len(parts) == 1 {
		mentions = ex.Mentions(d.Text)
	} else {
		for k, lo := range parts {
			from := d.Start[d.First[lo]]
			to := len(d.Text)
			if k+1 < len(parts) {
				to = d.End[d.First[parts[k+1]]-1]
			}
			for _, m := range ex.Mentions(d.Text[from:to]) {
				m.Start += from
				m.End += from
				mentions = append(mentions, m)
			}
		}
	}
	elapsed := time.Since(start)
	preds, dropped := d.predictions(mentions)
	o := score(d, preds)
	o.Dropped = dropped
	return o, elapsed
}

// parts returns the first sentence of each part the extractor reads: one
// every chunk sentences when chunk > 0, else one at every sentence that
// starts a document (-DOCSTART-), else the whole text.
func (d *document) parts(chunk int) []int {
	out := []int{0}
	for i := 1; i < len(d.First); i++ {
		if chunk > 0 && i%chunk == 0 || chunk <= 0 && d.Sentences[i].DocStart {
			out = append(out, i)
		}
	}
	return out
}

// evaluate scores ex on the whole corpus; see evaluateDoc for chunk.
func evaluate(c *corpus.CoNLL, ex extractor, chunk int) *result {
	d := newDocument(c.Sentences)
	o, elapsed := evaluateDoc(d, ex, chunk)
	r := &result{Corpus: c, Elapsed: elapsed, Bytes: len(d.Text), Chunk: chunk}
	r.addOutcome(o)
	return r
}

// foldBounds returns the sentence range [lo, hi) of fold i (0-based) of k
// contiguous folds over n sentences.
func foldBounds(n, k, i int) (lo, hi int) {
	return i * n / k, (i + 1) * n / k
}

// evaluateFolds runs k-fold evaluation: for each fold, the gold names of
// the other folds are written as a typed list (TYPE<TAB>surface, the
// format of ANERcorp's entity list, whose entries get gazetteer.ListID
// IDs) and loaded after the gazetteers of g, and the held-out fold is
// scored by the extractor newEx builds over them (with chunk as in
// evaluateDoc). log, if not nil, receives one line per fold.
func evaluateFolds(c *corpus.CoNLL, k, chunk int, g gazetteers, newEx func(*gazetteer.Index) (extractor, error), log func(string)) (*result, error) {
	n := len(c.Sentences)
	if k < 2 || k > n {
		return nil, fmt.Errorf("-folds %d: want 2 to %d (the number of sentences)", k, n)
	}
	dir, err := os.MkdirTemp("", "khabar-evaluate-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	r := &result{Corpus: c, Chunk: chunk}
	for i := 0; i < k; i++ {
		lo, hi := foldBounds(n, k, i)
		if log != nil {
			log(fmt.Sprintf("fold %d/%d: sentences %d–%d, building the gazetteer…", i+1, k, lo+1, hi))
		}
		list := filepath.Join(dir, fmt.Sprintf("fold%d-names.tsv", i+1))
		if err := writeFoldNames(list, c, lo, hi); err != nil {
			return nil, err
		}
		x, stats, err := g.open([]string{list})
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
		st := stats[len(stats)-1]
		if i == 0 && g.report != nil {
			g.reportStats(g.files, stats[:len(stats)-1])
		}
		ex, err := newEx(x)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
		d := newDocument(c.Sentences[lo:hi])
		o, elapsed := evaluateDoc(d, ex, chunk)
		r.addOutcome(o)
		r.Elapsed += elapsed
		r.Bytes += len(d.Text)
		f := foldResult{Fold: i + 1, Sentences: hi - lo, Tokens: len(d.Start), Names: st.Entries, Skipped: st.Skipped, Tally: o.Tally, Elapsed: elapsed}
		r.Folds = append(r.Folds, f)
		if log != nil {
			m := f.Tally.micro().metrics()
			msg := fmt.Sprintf("fold %d/%d: %d names from the other folds, micro-F1 %.2f%% (extraction %s)", i+1, k, f.Names, 100*float64(m.F1), elapsed.Round(time.Millisecond))
			if f.Skipped > 0 {
				msg += fmt.Sprintf(", %d names not usable", f.Skipped)
			}
			log(msg)
		}
	}
	return r, nil
}

// writeFoldNames writes, as a typed list, the scored gold names of every
// sentence of c outside [lo, hi), once per line of the gold file where
// they occur (the reader merges duplicates).
func writeFoldNames(path string, c *corpus.CoNLL, lo, hi int) error {
	var list bytes.Buffer
	list.WriteString("type\tsurface\n") // a header, so that the format is detected even when no name follows
	for i, s := range c.Sentences {
		if i < lo || i >= hi {
			writeNames(&list, s)
		}
	}
	return os.WriteFile(path, list.Bytes(), 0o600)
}

// writeNames writes the scored gold names of s as typed-list lines.
func writeNames(w *bytes.Buffer, s corpus.Sentence) {
	for _, sp := range spansOf(s) {
		if sp.Type == MISC {
			continue
		}
		w.WriteString(sp.Type.String())
		w.WriteByte('\t')
		w.WriteString(strings.Join(s.Tokens[sp.Start:sp.End], " "))
		w.WriteByte('\n')
	}
}
