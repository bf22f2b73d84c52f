package main

// # topics
//
// topics trains a classifier of package topics on -train (JSONL lines
// {"id","category","title","text"}) and scores it on -test: accuracy,
// macro-F1 (the mean F1 over every label seen in the gold or predicted
// labels), per-label precision, recall and F1, and a confusion matrix
// (rows gold, columns predicted). -classifier picks linear (multinomial
// logistic regression, the default), centroid (TF-IDF Rocchio) or bayes
// (multinomial naive Bayes, the usual baseline).
// -entities (on by default) adds terms derived from each article's
// entities to its features: the country and region terms of cli.RegionTerms,
// as khabar.Analyzer gives them to a model. -sources (on by default) adds
// khabar.SourceTerms for lines with a "source" field: the feed alone and
// paired with each of those entity terms, so that the model learns how
// each source files each region (one files all Arab-world news as
// international, another keeps Iran and Turkey in its Middle East
// section).
// -folds K instead runs stratified K-fold cross-validation on -train
// alone: the documents of each label are shuffled with a fixed seed and
// dealt round-robin to the folds; each fold is scored by a model trained
// (TF-IDF space included) on the other K−1, and the counts are summed.
// -json prints {"accuracy":…,"macro_f1":…,"labels":{"<label>":
// {"precision":…,"recall":…,"f1":…}}} plus the document count, the
// classifier and the training seconds. Without -train, -map evaluates the
// default topic model instead (see topics_default.go).

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/topics"
)

const topicsUsage = `usage:
  evaluate topics -train FILE.jsonl (-test FILE.jsonl | -folds K) [-classifier linear|centroid|bayes] [-json]
  evaluate topics -test FILE.jsonl -map label=medtop:CODE[|medtop:CODE…],… [-json]
`

func runTopics(args []string, e env) int {
	fs := newFlagSet("evaluate topics", topicsUsage, e)
	train := fs.String("train", "", "labelled training `FILE.jsonl` ({\"id\",\"category\",\"title\",\"text\"} per line)")
	test := fs.String("test", "", "labelled test `FILE.jsonl`")
	kind := fs.String("classifier", "linear", "`kind`: linear (logistic regression), centroid (TF-IDF Rocchio) or bayes (multinomial naive Bayes)")
	asJSON := fs.Bool("json", false, "print the scores as one JSON object (fractions in [0, 1])")
	folds := fs.Int("folds", 0, "stratified `K`-fold cross-validation on -train alone (fixed seed)")
	dm := addDefaultModelFlags(fs)
	withEntities := fs.Bool("entities", true, "add terms from each article's entities (country codes, Arab world or not) to the features, as the Analyzer does")
	withSources := fs.Bool("sources", true, "add each article's \"source\" field, alone and paired with each entity term, to the features, as the Analyzer does for an Article with a Source")
	if code, ok := parseArgs(fs, args); !ok {
		return code
	}
	usageError := func(msg string) int { return badUsage(fs, e, msg) }
	switch {
	case *train == "" || dm.set:
		return runDefaultTopics(fs, e, dm, *train, *test, *asJSON, *withEntities)
	case *kind != "centroid" && *kind != "linear" && *kind != "bayes":
		return usageError(fmt.Sprintf("-classifier %q: want linear, centroid or bayes", *kind))
	case *folds < 0 || *folds == 1:
		return usageError("-folds must be 2 or more (or 0 for no folds)")
	case *folds > 0 && *test != "":
		return usageError("-folds cannot be combined with -test")
	case *folds == 0 && *test == "":
		return usageError("give -test FILE.jsonl or -folds K")
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "evaluate topics: %v\n", err)
		return 1
	}
	trainDocs, err := cli.ReadLabeled(*train)
	if err != nil {
		return fail(err)
	}
	which := cli.TopicTerms{Regions: *withEntities, Sources: *withSources}
	if err := cli.AddTopicTerms(trainDocs, which); err != nil {
		return fail(err)
	}
	var ev *topicEval
	if *folds > 0 {
		if *folds > len(trainDocs) {
			return fail(fmt.Errorf("%s: %d documents, too few for %d folds", *train, len(trainDocs), *folds))
		}
		ev = newTopicEval()
		part := stratifiedFolds(trainDocs, *folds, 1)
		for i := range *folds {
			var tr, te []topics.LabeledDoc
			for j, d := range trainDocs {
				if part[j] == i {
					te = append(te, d)
				} else {
					tr = append(tr, d)
				}
			}
			f, err := evaluateTopics(tr, te, *kind)
			if err != nil {
				return fail(fmt.Errorf("fold %d: %w", i+1, err))
			}
			fmt.Fprintf(e.stderr, "evaluate topics: fold %d/%d: accuracy %.4f on %d documents, %s\n",
				i+1, *folds, f.accuracy(), f.n, f.train.Round(time.Millisecond))
			ev.add(f)
		}
	} else {
		testDocs, err := cli.ReadLabeled(*test)
		if err != nil {
			return fail(err)
		}
		if err := cli.AddTopicTerms(testDocs, which); err != nil {
			return fail(err)
		}
		ev, err = evaluateTopics(trainDocs, testDocs, *kind)
		if err != nil {
			return fail(err)
		}
	}
	ev.kind, ev.folds = *kind, *folds
	ev.features = []string{"words"}
	if *withEntities {
		ev.features = append(ev.features, "entities")
	}
	if *withSources && slices.ContainsFunc(trainDocs, func(d topics.LabeledDoc) bool { return d.Source != "" }) {
		ev.features = append(ev.features, "sources")
	}
	if *asJSON {
		err = ev.writeJSON(e.stdout)
	} else {
		err = ev.writeText(e.stdout)
	}
	if err != nil {
		return fail(fmt.Errorf("writing output: %w", err))
	}
	return 0
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
		ev.count(d.Category, c.Score(d.Document())[0].Label)
	}
	return ev, nil
}

// topicEval holds a confusion matrix: gold label → predicted label → count.
type topicEval struct {
	conf  map[string]map[string]int
	n     int
	train time.Duration
	kind  string
	folds int
	// features names the kinds of terms the classifier saw: words, and
	// entities and sources when they were added.
	features []string
}

func newTopicEval() *topicEval { return &topicEval{conf: map[string]map[string]int{}} }

func (ev *topicEval) count(gold, pred string) {
	if ev.conf[gold] == nil {
		ev.conf[gold] = map[string]int{}
	}
	ev.conf[gold][pred]++
	ev.n++
}

func (ev *topicEval) add(o *topicEval) {
	for g, row := range o.conf {
		for p, n := range row {
			for range n {
				ev.count(g, p)
			}
		}
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
	if ev.folds > 0 {
		how = fmt.Sprintf("%d-fold stratified cross-validation", ev.folds)
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
