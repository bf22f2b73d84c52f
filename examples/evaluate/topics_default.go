package main

// # topics without -train: the default model
//
// Without -train, topics scores the topic model embedded in package topics
// (topics.DefaultModel, the 17 top-level IPTC Media Topics) on -test. The
// dataset's labels are not topics, so -map says which topics each label
// stands for:
//
//	-map culture=medtop:01000000,economy=medtop:04000000,middleEast=medtop:11000000|medtop:16000000
//
// Entries are separated by commas, a label's topics by |; a topic is
// written medtop:CODE (or the bare 8-digit CODE). Every label of the test
// file must be mapped. An article counts as right when the model's best
// topic is one of its label's topics.
//
// Per-label figures need the prediction as a label: a right answer is
// the article's own label; a wrong one is the first label, in -map order,
// whose topics include the predicted topic, or else the topic itself
// (medtop:07000000 for health); an article with no lexicon term at all is
// predicted "(none)". Precision, recall and F1 are given for the labels
// of -map seen in the test file or predicted, and macro-F1 is their mean:
// predictions outside the labels (a topic code, "(none)") lower the
// recall of the article's label but are not labels themselves; they are
// counted apart ("other_topics" in JSON) and shown as columns of the
// confusion matrix (rows gold, columns predicted). -json prints the
// object of a trained classifier, {"accuracy":…,"macro_f1":…,"labels":
// {"<label>":{"precision":…,"recall":…,"f1":…}}}, with "documents",
// "classifier":"default", "other_topics" and "load_seconds".
//
// Each article goes through khabar.Analyzer as a user's would
// (khabar.Analyzer.TopicDocument): boilerplate left out, and with
// -entities (the default) the IDs and region terms of its entities given
// to the model; -entities=false scores the model on the title and text
// alone. -split SPLIT.tsv scores only the -part (check by default) of the
// frozen split; -predictions FILE writes {"id","label","predicted"} per
// article, the prediction being the mapped label as below.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/topics"
)

// noTopic is the predicted label of an article without any evidence.
const noTopic = "(none)"

// defaultModelFlags are the flags of topics that only the default model
// uses.
type defaultModelFlags struct {
	mapping string
	set     bool
}

// addDefaultModelFlags defines -map on fs.
func addDefaultModelFlags(fs *flag.FlagSet) *defaultModelFlags {
	d := &defaultModelFlags{}
	fs.Func("map", "without -train: map the test labels to IPTC topics of the default model, `label=medtop:CODE[|medtop:CODE…],…`", func(s string) error {
		d.mapping, d.set = s, true
		return nil
	})
	return d
}

// labelMap maps dataset labels to topic IDs, in the order given.
type labelMap struct {
	labels []string
	topics map[string][]string
}

// parseLabelMap parses a -map value against the topics of a model.
func parseLabelMap(s string, known []topics.Topic) (*labelMap, error) {
	ids := make(map[string]bool, len(known))
	for _, t := range known {
		ids[t.ID] = true
	}
	m := &labelMap{topics: map[string][]string{}}
	for entry := range strings.SplitSeq(s, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		label, list, ok := strings.Cut(entry, "=")
		label = strings.TrimSpace(label)
		if !ok || label == "" {
			return nil, fmt.Errorf("-map entry %q: want label=medtop:CODE", entry)
		}
		if _, dup := m.topics[label]; dup {
			return nil, fmt.Errorf("-map: label %q mapped twice", label)
		}
		var tops []string
		for id := range strings.SplitSeq(list, "|") {
			id = strings.TrimSpace(id)
			if !strings.HasPrefix(id, "medtop:") && id != "" {
				id = "medtop:" + id
			}
			if !ids[id] {
				return nil, fmt.Errorf("-map entry %q: %q is not a topic of the default model (want medtop: and one of the 17 top-level codes, such as medtop:11000000)", entry, strings.TrimPrefix(id, "medtop:"))
			}
			if !slices.Contains(tops, id) {
				tops = append(tops, id)
			}
		}
		m.labels = append(m.labels, label)
		m.topics[label] = tops
	}
	if len(m.labels) == 0 {
		return nil, fmt.Errorf("-map %q maps no label", s)
	}
	return m, nil
}

// predicted returns the label a prediction counts as for an article of
// label gold (see the file comment).
func (m *labelMap) predicted(gold, topic string) string {
	if slices.Contains(m.topics[gold], topic) {
		return gold
	}
	for _, l := range m.labels {
		if slices.Contains(m.topics[l], topic) {
			return l
		}
	}
	return topic
}

// runDefaultTopics is topics without -train. fs has been parsed.
func runDefaultTopics(fs *flag.FlagSet, e env, d *defaultModelFlags, f topicsFlags) int {
	usageError := func(msg string) int { return badUsage(fs, e, msg) }
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case f.train != "":
		return usageError("-map is for the default model and cannot be combined with -train")
	case set["classifier"] || set["folds"]:
		return usageError("-classifier and -folds need -train; without -train the default model is evaluated")
	case !d.set:
		return usageError("give -train FILE.jsonl to train a classifier, or -map label=medtop:CODE,… to evaluate the default model")
	case f.test == "":
		return usageError("give -test FILE.jsonl to evaluate the default model on")
	case set["part"] && f.split == "":
		return usageError("-part needs -split")
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "evaluate topics: %v\n", err)
		return 1
	}
	start := time.Now()
	model, err := topics.DefaultModel()
	if err != nil {
		return fail(err)
	}
	load := time.Since(start)
	m, err := parseLabelMap(d.mapping, model.Topics())
	if err != nil {
		return usageError(err.Error())
	}
	docs, err := cli.ReadLabeled(f.test)
	if err != nil {
		return fail(err)
	}
	if f.split != "" {
		split, err := cli.ReadSplit(f.split)
		if err != nil {
			return fail(err)
		}
		if docs, err = split.Select(docs, f.part); err != nil {
			return fail(fmt.Errorf("%s: %w", f.test, err))
		}
	}
	for _, doc := range docs {
		if _, ok := m.topics[doc.Category]; !ok {
			return fail(fmt.Errorf("%s: document %q has the label %q, which -map does not map", f.test, doc.ID, doc.Category))
		}
	}
	a, err := cli.TopicAnalyzer(cli.TopicFeatures{Entities: f.entities, Sources: f.sources})
	if err != nil {
		return fail(err)
	}
	if err := cli.TopicDocuments(context.Background(), a, docs); err != nil {
		return fail(err)
	}
	ev := evaluateDefault(model, m, docs)
	ev.kind, ev.train = "default", load
	names := map[string]string{}
	for _, t := range model.Topics() {
		names[t.ID] = t.Label
	}
	if err := writePredictions(f.predictions, ev.preds); err != nil {
		return fail(err)
	}
	if f.asJSON {
		err = writeDefaultJSON(e.stdout, ev, m)
	} else {
		err = writeDefaultText(e.stdout, ev, m, names)
	}
	if err != nil {
		return fail(fmt.Errorf("writing output: %w", err))
	}
	return 0
}

// evaluateDefault scores docs with model, counting each prediction under
// the label it maps back to.
func evaluateDefault(model topics.Model, m *labelMap, docs []topics.LabeledDoc) *topicEval {
	ev := newTopicEval()
	for _, doc := range docs {
		best := model.Score(doc.Document())
		pred := noTopic
		if len(best) > 0 && best[0].Score > 0 {
			pred = m.predicted(doc.Category, best[0].ID)
		}
		ev.count(doc.ID, doc.Category, pred)
	}
	return ev
}

// defaultScores returns the per-label scores of the labels of m seen in
// ev, their mean F1, and the counts of predictions outside the labels.
func defaultScores(ev *topicEval, m *labelMap) (map[string]labelScores, float64, map[string]int) {
	per := map[string]labelScores{}
	other := map[string]int{}
	var sum float64
	for g, row := range ev.conf {
		for p, n := range row {
			if _, ok := m.topics[p]; !ok {
				other[p] += n
			}
			if _, ok := m.topics[g]; !ok {
				continue
			}
			s := per[g]
			s.Gold += n
			per[g] = s
			if _, ok := m.topics[p]; ok {
				s := per[p]
				s.Predicted += n
				per[p] = s
			}
		}
	}
	for l, s := range per {
		s.setScores(ev.conf[l][l])
		sum += float64(s.F1)
		per[l] = s
	}
	return per, sum / float64(max(len(per), 1)), other
}

func writeDefaultJSON(w io.Writer, ev *topicEval, m *labelMap) error {
	per, macro, other := defaultScores(ev, m)
	v := struct {
		Accuracy    fraction               `json:"accuracy"`
		MacroF1     fraction               `json:"macro_f1"`
		Labels      map[string]labelScores `json:"labels"`
		Documents   int                    `json:"documents"`
		Classifier  string                 `json:"classifier"`
		OtherTopics map[string]int         `json:"other_topics"`
		LoadSecs    float64                `json:"load_seconds"`
	}{fraction(ev.accuracy()), fraction(macro), per, ev.n, ev.kind, other, ev.train.Seconds()}
	return json.NewEncoder(w).Encode(v)
}

func writeDefaultText(w io.Writer, ev *topicEval, m *labelMap, names map[string]string) error {
	per, macro, other := defaultScores(ev, m)
	labels := slices.Sorted(mapsKeys(per))
	others := slices.Sorted(mapsKeys(other))
	fmt.Fprintf(w, "default model (%d IPTC topics), %d labels mapped, %d documents, loaded in %s\n",
		len(names), len(m.labels), ev.n, ev.train.Round(time.Millisecond))
	writeLabelTable(w, ev.accuracy(), macro, labels, per)
	if len(others) > 0 {
		fmt.Fprintln(w, "\npredicted outside the labels:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, o := range others {
			fmt.Fprintf(tw, "  %s\t%s\t%d\n", o, names[o], other[o])
		}
		tw.Flush()
	}
	cols := append(slices.Clone(labels), others...)
	fmt.Fprintln(w, "\nconfusion matrix (rows gold, columns predicted):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\t%s\t\n", strings.Join(cols, "\t"))
	for _, g := range labels {
		if per[g].Gold == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s", g)
		for _, p := range cols {
			fmt.Fprintf(tw, "\t%d", ev.conf[g][p])
		}
		fmt.Fprintln(tw, "\t")
	}
	return tw.Flush()
}
