package main

// # topics
//
// topics trains a classifier of package topics on -train (JSONL lines
// {"id","category","title","text"[,"source"]}) and scores it on -test:
// accuracy, macro-F1 (the mean F1 over every label seen in the gold or
// predicted labels), per-label precision, recall and F1, and a confusion
// matrix (rows gold, columns predicted). -classifier picks linear
// (multinomial logistic regression, the default), centroid (TF-IDF
// Rocchio) or bayes (multinomial naive Bayes, the usual baseline).
//
// Every article, for training and for scoring, becomes the document the
// Analyzer gives a topic model (khabar.Analyzer.TopicDocument, through
// cli.TopicDocuments): boilerplate left out, the title apart, and the
// IDs, countries and regions of its entities as extra terms — what
// analyze and serve give a model trained by topics train, so that these
// figures are those of that model in service. -entities=false leaves the
// entity terms out, to measure what they add. -sources (off by default)
// adds each article's "source" field, alone and paired with each region
// term.
//
// -split FILE takes a frozen tuning/check split (testdata/splits/): the
// classifier is trained on the tuning part of -train and scored on its
// check part, or, with -folds, cross-validated inside the tuning part.
// -folds K runs stratified K-fold cross-validation: the documents of
// each label are shuffled with a fixed seed and dealt round-robin to the
// folds; each fold is scored by a model trained (TF-IDF space included)
// on the other K−1, and the counts are summed. -predictions FILE writes
// one JSON line per scored article, {"id","label","predicted"}. -json
// prints {"accuracy":…,"macro_f1":…,"labels":{"<label>":{"precision":…,
// "recall":…,"f1":…}}} plus the document count, the classifier, the
// features and the training seconds. Without -train, -map evaluates the
// default topic model instead (see topics_default.go).

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/topics"
)

const topicsUsage = `usage:
  evaluate topics -train FILE.jsonl (-test FILE.jsonl | -folds K | -split SPLIT.tsv [-folds K]) [-classifier linear|centroid|bayes] [-entities=false] [-sources] [-predictions FILE] [-json]
  evaluate topics -test FILE.jsonl [-split SPLIT.tsv [-part tune|check]] -map label=medtop:CODE[|medtop:CODE…],… [-entities=false] [-predictions FILE] [-json]
`

// topicsFlags are the flags of evaluate topics.
type topicsFlags struct {
	train, test, kind, split, part, predictions string
	asJSON, entities, sources                   bool
	folds                                       int
}

func runTopics(args []string, e env) int {
	fs := newFlagSet("evaluate topics", topicsUsage, e)
	var f topicsFlags
	fs.StringVar(&f.train, "train", "", "labelled training `FILE.jsonl` ({\"id\",\"category\",\"title\",\"text\"} per line)")
	fs.StringVar(&f.test, "test", "", "labelled test `FILE.jsonl`")
	fs.StringVar(&f.kind, "classifier", "linear", "`kind`: linear (logistic regression), centroid (TF-IDF Rocchio) or bayes (multinomial naive Bayes)")
	fs.BoolVar(&f.asJSON, "json", false, "print the scores as one JSON object (fractions in [0, 1])")
	fs.IntVar(&f.folds, "folds", 0, "stratified `K`-fold cross-validation on -train alone (fixed seed), inside its tuning part with -split")
	fs.StringVar(&f.split, "split", "", "a frozen tuning/check `SPLIT.tsv` of the articles (testdata/splits/): train on the tuning part, score the check part")
	fs.StringVar(&f.part, "part", cli.Check, "with -split and the default model: the `part` scored, tune or check")
	fs.StringVar(&f.predictions, "predictions", "", "write one JSON line per scored article, {\"id\",\"label\",\"predicted\"}, to `FILE`")
	dm := addDefaultModelFlags(fs)
	fs.BoolVar(&f.entities, "entities", true, "give each article's entity IDs, countries and regions to the model, as the Analyzer does (false: words alone)")
	fs.BoolVar(&f.sources, "sources", false, "give each article's \"source\" field, alone and paired with each region term, to the model")
	if code, ok := parseArgs(fs, args); !ok {
		return code
	}
	usageError := func(msg string) int { return badUsage(fs, e, msg) }
	switch {
	case f.part != cli.Tune && f.part != cli.Check:
		return usageError(fmt.Sprintf("-part %q: want tune or check", f.part))
	case f.train == "" || dm.set:
		return runDefaultTopics(fs, e, dm, f)
	case f.kind != "centroid" && f.kind != "linear" && f.kind != "bayes":
		return usageError(fmt.Sprintf("-classifier %q: want linear, centroid or bayes", f.kind))
	case f.folds < 0 || f.folds == 1:
		return usageError("-folds must be 2 or more (or 0 for no folds)")
	case (f.folds > 0 || f.split != "") && f.test != "":
		return usageError("-folds and -split take the test articles from -train; they cannot be combined with -test")
	case f.folds == 0 && f.test == "" && f.split == "":
		return usageError("give -test FILE.jsonl, -folds K or -split SPLIT.tsv")
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "evaluate topics: %v\n", err)
		return 1
	}
	trainDocs, err := cli.ReadLabeled(f.train)
	if err != nil {
		return fail(err)
	}
	var testDocs []topics.LabeledDoc
	switch {
	case f.split != "":
		split, err := cli.ReadSplit(f.split)
		if err != nil {
			return fail(err)
		}
		all := trainDocs
		if trainDocs, err = split.Select(all, cli.Tune); err != nil {
			return fail(fmt.Errorf("%s: %w", f.train, err))
		}
		if f.folds == 0 {
			testDocs, _ = split.Select(all, cli.Check)
		}
	case f.test != "":
		if testDocs, err = cli.ReadLabeled(f.test); err != nil {
			return fail(err)
		}
	}
	a, err := cli.TopicAnalyzer(cli.TopicFeatures{Entities: f.entities, Sources: f.sources})
	if err != nil {
		return fail(err)
	}
	ctx := context.Background()
	for _, docs := range [][]topics.LabeledDoc{trainDocs, testDocs} {
		if err := cli.TopicDocuments(ctx, a, docs); err != nil {
			return fail(err)
		}
	}
	var ev *topicEval
	if f.folds > 0 {
		if f.folds > len(trainDocs) {
			return fail(fmt.Errorf("%s: %d documents, too few for %d folds", f.train, len(trainDocs), f.folds))
		}
		ev = newTopicEval()
		part := stratifiedFolds(trainDocs, f.folds, 1)
		for i := range f.folds {
			var tr, te []topics.LabeledDoc
			for j, d := range trainDocs {
				if part[j] == i {
					te = append(te, d)
				} else {
					tr = append(tr, d)
				}
			}
			fe, err := evaluateTopics(tr, te, f.kind)
			if err != nil {
				return fail(fmt.Errorf("fold %d: %w", i+1, err))
			}
			fmt.Fprintf(e.stderr, "evaluate topics: fold %d/%d: accuracy %.4f on %d documents, %s\n",
				i+1, f.folds, fe.accuracy(), fe.n, fe.train.Round(time.Millisecond))
			ev.add(fe)
		}
	} else if ev, err = evaluateTopics(trainDocs, testDocs, f.kind); err != nil {
		return fail(err)
	}
	ev.kind, ev.folds, ev.split = f.kind, f.folds, f.split != ""
	ev.features = []string{"words"}
	if f.entities {
		ev.features = append(ev.features, "entities")
	}
	if f.sources && slices.ContainsFunc(trainDocs, func(d topics.LabeledDoc) bool { return d.Source != "" }) {
		ev.features = append(ev.features, "sources")
	}
	if err := writePredictions(f.predictions, ev.preds); err != nil {
		return fail(err)
	}
	if f.asJSON {
		err = ev.writeJSON(e.stdout)
	} else {
		err = ev.writeText(e.stdout)
	}
	if err != nil {
		return fail(fmt.Errorf("writing output: %w", err))
	}
	return 0
}

// topicPrediction is one scored article: its ID, gold label and topicPrediction.
type topicPrediction struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Predicted string `json:"predicted"`
}

// writePredictions writes preds to path as JSON lines, unless path is
// empty.
func writePredictions(path string, preds []topicPrediction) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, p := range preds {
		if err := enc.Encode(p); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// stratifiedFolds gives each document a fold in [0, k): the documents of
// each label, shuffled with seed, are dealt to the folds in turn, the
// next label starting where the previous one stopped.
func stratifiedFolds(docs []topics.LabeledDoc, k int, seed uint64) []int {
	byLabel := map[string][]int{}
	for i, d := range docs {
		byLabel[d.Category] = append(byLabel[d.Category], i)
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	part := make([]int, len(docs))
	next := 0
	for _, l := range slices.Sorted(mapsKeys(byLabel)) {
		idx := byLabel[l]
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, i := range idx {
			part[i] = next % k
			next++
		}
	}
	return part
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// evaluateTopics trains a space and a classifier on tr and scores te.
func evaluateTopics(tr, te []topics.LabeledDoc, kind string) (*topicEval, error) {
	start := time.Now()
	c, err := cli.TrainClassifier(tr, kind)
	if err != nil {
		return nil, err
	}
	ev := newTopicEval()
	ev.train = time.Since(start)
	for _, d := range te {
		ev.count(d.ID, d.Category, c.Score(d.Document())[0].Label)
	}
	return ev, nil
}

// topicEval holds a confusion matrix: gold label → predicted label → count.
type topicEval struct {
	conf  map[string]map[string]int
	preds []topicPrediction // in the order scored
	n     int
	train time.Duration
	kind  string
	folds int
	split bool // trained on a split's tuning part
	// features names the kinds of terms the classifier saw: words, and
	// entities and sources when they were added.
	features []string
}

func newTopicEval() *topicEval { return &topicEval{conf: map[string]map[string]int{}} }

func (ev *topicEval) count(id, gold, pred string) {
	if ev.conf[gold] == nil {
		ev.conf[gold] = map[string]int{}
	}
	ev.conf[gold][pred]++
	ev.n++
	ev.preds = append(ev.preds, topicPrediction{id, gold, pred})
}

func (ev *topicEval) add(o *topicEval) {
	for _, p := range o.preds {
		ev.count(p.ID, p.Label, p.Predicted)
	}
	ev.train += o.train
}

// labels returns every gold or predicted label, sorted.
func (ev *topicEval) labels() []string {
	seen := map[string]bool{}
	for g, row := range ev.conf {
		seen[g] = true
		for p := range row {
			seen[p] = true
		}
	}
	return slices.Sorted(mapsKeys(seen))
}

func (ev *topicEval) accuracy() float64 {
	right := 0
	for g, row := range ev.conf {
		right += row[g]
	}
	return ratio(right, ev.n)
}

type labelScores struct {
	Precision fraction `json:"precision"`
	Recall    fraction `json:"recall"`
	F1        fraction `json:"f1"`
	Gold      int      `json:"gold"`
	Predicted int      `json:"predicted"`
}

func (ev *topicEval) perLabel() (map[string]labelScores, float64) {
	out := map[string]labelScores{}
	var sum float64
	labels := ev.labels()
	for _, l := range labels {
		var s labelScores
		for g, row := range ev.conf {
			s.Predicted += row[l]
			if g == l {
				for _, n := range row {
					s.Gold += n
				}
			}
		}
		s.setScores(ev.conf[l][l])
		sum += float64(s.F1)
		out[l] = s
	}
	return out, sum / float64(max(len(labels), 1))
}

// setScores sets the precision, recall and F1 of s from its number of
// right predictions and its gold and predicted counts.
func (s *labelScores) setScores(right int) {
	p, r := ratio(right, s.Predicted), ratio(right, s.Gold)
	s.Precision, s.Recall = fraction(p), fraction(r)
	if p+r > 0 {
		s.F1 = fraction(2 * p * r / (p + r))
	}
}

func (ev *topicEval) writeJSON(w io.Writer) error {
	per, macro := ev.perLabel()
	v := struct {
		Accuracy   fraction               `json:"accuracy"`
		MacroF1    fraction               `json:"macro_f1"`
		Labels     map[string]labelScores `json:"labels"`
		Documents  int                    `json:"documents"`
		Classifier string                 `json:"classifier"`
		Folds      int                    `json:"folds,omitempty"`
		TrainSecs  float64                `json:"train_seconds"`
		Features   []string               `json:"features"`
	}{fraction(ev.accuracy()), fraction(macro), per, ev.n, ev.kind, ev.folds, ev.train.Seconds(), ev.features}
	enc := json.NewEncoder(w)
	return enc.Encode(v)
}

// writeLabelTable prints the accuracy, the macro-F1 and a table of the
// per-label scores of labels.
func writeLabelTable(w io.Writer, accuracy, macro float64, labels []string, per map[string]labelScores) {
	fmt.Fprintf(w, "accuracy %.2f%%  macro-F1 %.2f%%\n\n", 100*accuracy, 100*macro)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "label\tprecision\trecall\tF1\tgold\tpredicted\t")
	for _, l := range labels {
		s := per[l]
		fmt.Fprintf(tw, "%s\t%.2f%%\t%.2f%%\t%.2f%%\t%d\t%d\t\n", l, 100*s.Precision, 100*s.Recall, 100*s.F1, s.Gold, s.Predicted)
	}
	tw.Flush()
}

func (ev *topicEval) writeText(w io.Writer) error {
	per, macro := ev.perLabel()
	labels := ev.labels()
	how := "held-out test file"
	switch {
	case ev.folds > 0 && ev.split:
		how = fmt.Sprintf("%d-fold stratified cross-validation inside the tuning part", ev.folds)
	case ev.folds > 0:
		how = fmt.Sprintf("%d-fold stratified cross-validation", ev.folds)
	case ev.split:
		how = "trained on the tuning part, scored on the check part"
	}
	fmt.Fprintf(w, "classifier %s on %s, %s, %d documents, training %s\n", ev.kind, strings.Join(ev.features, "+"), how, ev.n, ev.train.Round(time.Millisecond))
	writeLabelTable(w, ev.accuracy(), macro, labels, per)
	fmt.Fprintln(w, "\nconfusion matrix (rows gold, columns predicted):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\t%s\t\n", strings.Join(labels, "\t"))
	for _, g := range labels {
		fmt.Fprintf(tw, "%s", g)
		for _, p := range labels {
			fmt.Fprintf(tw, "\t%d", ev.conf[g][p])
		}
		fmt.Fprintln(tw, "\t")
	}
	return tw.Flush()
}
