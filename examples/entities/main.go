// Command entities trains the tagging model of Khabar's entity extractor
// on a newsroom's own annotated texts.
//
// Usage:
//
//	go run ./examples/entities train -o MODEL [-lang ar|en] [-prose] [-fragments] [-dev FILE] [-gazetteer FILE]... [-no-default-gazetteer]
//	                                 [-split FILE -part NAME] [-method crf|perceptron] [-iterations N]
//	                                 [-l2 C] [-l1 C] [-min-count N] [-folds K] [-seed N] FILE...
//	go run ./examples/entities names [-split FILE -part NAME] FILE... > names.tsv
//
// names writes the names of annotated files as a typed list
// (TYPE<TAB>name<TAB>count, the format of ANERcorp's entity list, which
// -gazetteer reads): PER, LOC and ORG names with how often each is
// annotated, most frequent first. A list made from the training part only
// is what a newsroom's "train list" is; train with it as -gazetteer and
// its features are jackknifed.
//
// # Input
//
// Each FILE is either CoNLL — one token and its tag per line, separated
// by a TAB or spaces, a blank line between sentences, BIO or IOB1 tags
// with PER (or PERS), LOC, ORG and MISC — or JSONL spans, one text per
// line with its names as byte offsets, as annotation tools export them:
//
//	{"text": "…", "entities": [{"start": 0, "end": 12, "type": "PER"}, …]}
//
// A file whose name ends in .jsonl, or whose first character is '{', is
// read as JSONL spans; any other as CoNLL. -split and -part keep one part
// of the sentences of a CoNLL file, as listed in a split file of
// testdata/splits (how the embedded model was trained on the tuning part
// of ANERcorp only). -dev FILE (same formats) is scored while training:
// the model keeps the weights that do best on it and training stops when
// they stop improving.
//
// # English
//
// -lang en trains a model of package entities/english on English texts,
// read as it reads them (prose v3's sentences, tokens and tags, the
// gazetteer's English names); -prose adds prose's own entity label as a
// feature (five times slower to use, see entities/english/model/README.md),
// -fragments keeps the training sentences that are one name from end to
// end (titles, list items), which are left out by default. -folds applies
// to Arabic training only. entities/english/model/README.md gives the
// command that rebuilt the embedded English model from WikiANN.
//
// # Gazetteer
//
// The model learns from what the gazetteer finds in the text, so train it
// with the gazetteers you will extract with: -gazetteer FILE (repeatable,
// any format gazetteer.Open reads) adds to the embedded default,
// -no-default-gazetteer leaves it out. The gazetteer's features on the
// training texts are jackknifed over -folds K contiguous folds (default
// 5; 1 turns it off): see entities.WithFolds.
//
// # Output
//
// -o MODEL is written in the tagger's versioned, checksummed format, for
// `analyze -ner-model MODEL`, `serve -ner-model MODEL`,
// `evaluate ner -model MODEL` and entities.LoadModel. Progress goes to
// stderr: the texts prepared, then each training iteration with its loss
// (and development F1 with -dev). The same input and flags give the same
// file, byte for byte.
//
// Exit status: 0 on success, 1 on errors (unreadable or malformed input,
// training failure), 2 on usage errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/entities/english"
	"github.com/khabar-nlp/khabar/entities/tagger"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// The CRF's regularisation by default, chosen by 5-fold cross-validation
// on the tuning part of ANERcorp's train split (testdata/splits): L1 0.1
// with L2 0.1 scored as well as L2 alone (micro-F1 78.8 and 78.7) with a
// tenth of the weights.
const (
	defaultL1 = 0.1
	defaultL2 = 0.1
)

const usage = `usage:
  entities train -o MODEL [-lang ar|en] [-prose] [-fragments] [-dev FILE] [-gazetteer FILE]... [-no-default-gazetteer]
                 [-split FILE -part NAME] [-method crf|perceptron] [-iterations N]
                 [-l2 C] [-l1 C] [-min-count N] [-folds K] [-seed N] FILE...
  entities names [-split FILE -part NAME] FILE...
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program without its process: it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "train":
		return runTrain(ctx, args[1:], stdout, stderr)
	case "names":
		return runNames(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "entities: unknown command %q\n%s", args[0], usage)
	return 2
}

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("entities train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	var gazFiles cli.Files
	out := fs.String("o", "", "write the model to `MODEL`")
	dev := fs.String("dev", "", "development `FILE` (CoNLL or JSONL spans): keep the best weights on it and stop early")
	fs.Var(&gazFiles, "gazetteer", "add a gazetteer `FILE` to the default (any format gazetteer.Open reads; repeatable)")
	noDefault := fs.Bool("no-default-gazetteer", false, "leave the embedded default gazetteer out")
	splitPath := fs.String("split", "", "train on one part of the CoNLL input, as listed in the split `FILE`; see -part")
	part := fs.String("part", "", "the `PART` of -split to train on (tune)")
	method := fs.String("method", "crf", "training `METHOD`: crf (L-BFGS) or perceptron (averaged)")
	iterations := fs.Int("iterations", 0, "at most `N` L-BFGS iterations or perceptron epochs (0: the tagger's default)")
	l2 := fs.Float64("l2", defaultL2, "L2 regularisation `C` of the CRF")
	l1 := fs.Float64("l1", defaultL1, "L1 regularisation `C` of the CRF (0: none); L1 keeps the model small")
	minCount := fs.Int("min-count", 0, "drop observations seen fewer than `N` times (0: the tagger's default)")
	folds := fs.Int("folds", 5, "jackknife the gazetteer's features over `K` folds (1: off)")
	seed := fs.Uint64("seed", 1, "random `SEED` of the perceptron's shuffling")
	docSentences := fs.Int("doc-sentences", 1, "cut a CoNLL file without -DOCSTART- lines into texts of `N` sentences")
	language := fs.String("lang", "ar", "the `LANGUAGE` of the texts: ar (Arabic) or en (English, read with prose)")
	proseLabels := fs.Bool("prose", false, "with -lang en: the model also reads prose's own entity labels")
	fragments := fs.Bool("fragments", false, "with -lang en: also learn from the sentences that are one name from end to end (titles, list items)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	bad := func(msg string) int {
		fmt.Fprintf(stderr, "entities train: %s\n", msg)
		fs.Usage()
		return 2
	}
	switch {
	case *out == "":
		return bad("-o MODEL is required")
	case fs.NArg() == 0:
		return bad("no training FILE")
	case (*splitPath == "") != (*part == ""):
		return bad("-split and -part go together")
	case *method != "crf" && *method != "perceptron":
		return bad(fmt.Sprintf("-method %q: want crf or perceptron", *method))
	case *folds < 1:
		return bad("-folds must be 1 or more")
	case *l1 < 0 || *l2 < 0:
		return bad("-l1 and -l2 must be 0 or more")
	case *noDefault && len(gazFiles) == 0:
		return bad(cli.ErrNoGazetteer.Error())
	case *language != "ar" && *language != "en":
		return bad(fmt.Sprintf("-lang %q: want ar or en", *language))
	case (*proseLabels || *fragments) && *language != "en":
		return bad("-prose and -fragments go with -lang en")
	case *language == "en" && flagSet(fs, "folds"):
		return bad("-folds applies to Arabic training (-lang ar)")
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "entities train: %v\n", err)
		return 1
	}
	var split *cli.SentenceSplit
	if *splitPath != "" {
		var err error
		if split, err = cli.ReadSentenceSplit(*splitPath); err != nil {
			return fail(err)
		}
	}
	var docs []corpus.Document
	for _, path := range fs.Args() {
		d, err := readDocs(path, split, *part, *docSentences)
		if err != nil {
			return fail(err)
		}
		docs = append(docs, d...)
	}
	if len(docs) == 0 {
		return fail(errors.New("the input holds no text"))
	}
	var devDocs []corpus.Document
	if *dev != "" {
		var err error
		if devDocs, err = readDocs(*dev, nil, "", *docSentences); err != nil {
			return fail(err)
		}
	}
	var gaz *gazetteer.Index
	if len(gazFiles) > 0 || *noDefault {
		x, stats, err := cli.OpenGazetteer(gazFiles, *noDefault)
		for i, st := range stats {
			cli.ReportStats(stderr, "entities train: ", gazFiles[i], st, 5)
		}
		if err != nil {
			return fail(err)
		}
		gaz = x
	}
	topts := []tagger.Option{tagger.WithSeed(*seed), tagger.WithProvenance(provenance(args))}
	if *method == "perceptron" {
		topts = append(topts, tagger.WithMethod(tagger.Perceptron))
	}
	if *iterations > 0 {
		topts = append(topts, tagger.WithMaxIterations(*iterations))
	}
	if *method == "crf" {
		topts = append(topts, tagger.WithL2(*l2))
		if *l1 > 0 {
			topts = append(topts, tagger.WithL1(*l1))
		}
	}
	if *minCount > 0 {
		topts = append(topts, tagger.WithMinCount(*minCount))
	}
	if len(devDocs) > 0 {
		// The development F1 counts people, places and organisations, of
		// the types the training texts have.
		if types := scoredTypes(docs); len(types) > 0 {
			topts = append(topts, tagger.WithDevTypes(types...))
		}
	}
	p := &progress{w: stderr, start: time.Now()}
	fmt.Fprintf(stderr, "entities train: %d texts, %d development texts, method %s, language %s\n", len(docs), len(devDocs), *method, *language)
	var m trained
	var err error
	if *language == "en" {
		m, err = trainEnglish(ctx, docs, devDocs, gaz, *proseLabels, *fragments, topts, p)
	} else {
		m, err = trainArabic(ctx, docs, devDocs, gaz, *folds, topts, p)
	}
	if err != nil {
		return fail(err)
	}
	if err := writeModel(*out, m); err != nil {
		return fail(err)
	}
	info := m.Info()
	fmt.Fprintf(stdout, "%s: %d weights, %s, %d iterations (best %d), %d sentences, %d tokens, trained in %s\n",
		*out, m.Size(), info.Method, info.Iterations, info.BestIteration, info.Sequences, info.Tokens, time.Since(p.start).Round(time.Second))
	if info.DevSequences > 0 {
		fmt.Fprintf(stdout, "development F1 (PER, LOC, ORG tokens spans): %.4f\n", info.DevF1)
	}
	return 0
}

// readDocs reads one input file: JSONL spans or CoNLL, a part of it when
// split is set.
func readDocs(path string, split *cli.SentenceSplit, part string, perDoc int) ([]corpus.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	first := strings.TrimLeft(strings.TrimPrefix(string(head[:n]), "\uFEFF"), " \t\r\n")
	if strings.HasSuffix(path, ".jsonl") || strings.HasPrefix(first, "{") {
		if split != nil {
			return nil, fmt.Errorf("%s: -split applies to CoNLL files only", path)
		}
		return corpus.ReadSpans(f, path)
	}
	c, _, err := corpus.ReadCoNLL(f, path, false)
	if err != nil {
		return nil, err
	}
	if split != nil {
		if c.Sentences, err = split.Select(c.Sentences, part); err != nil {
			return nil, err
		}
	}
	return corpus.Documents(c, perDoc), nil
}

// trained is a model of either language.
type trained interface {
	io.WriterTo
	Info() tagger.Info
	Size() int
}

// trainArabic trains a model of package entities.
func trainArabic(ctx context.Context, docs, dev []corpus.Document, gaz *gazetteer.Index, folds int, topts []tagger.Option, p *progress) (trained, error) {
	var ext []entities.Option
	if gaz != nil {
		ext = append(ext, entities.WithGazetteer(gaz))
	}
	opts := []entities.TrainOption{
		entities.TrainWith(ext...), entities.WithFolds(folds),
		entities.WithTaggerOptions(topts...), entities.WithTrainProgress(p.report),
	}
	if len(dev) > 0 {
		opts = append(opts, entities.WithDevDocuments(dev))
	}
	return entities.Train(ctx, docs, opts...)
}

// trainEnglish trains a model of package entities/english.
func trainEnglish(ctx context.Context, docs, dev []corpus.Document, gaz *gazetteer.Index, prose, fragments bool, topts []tagger.Option, p *progress) (trained, error) {
	var ext []english.Option
	if gaz != nil {
		ext = append(ext, english.WithGazetteer(gaz))
	}
	opts := []english.TrainOption{
		english.TrainWith(ext...), english.WithProseLabels(prose), english.WithFragments(fragments), english.WithTaggerOptions(topts...),
		english.WithTrainProgress(func(tp english.TrainProgress) { p.report(entities.TrainProgress(tp)) }),
	}
	if len(dev) > 0 {
		opts = append(opts, english.WithDevDocuments(dev))
	}
	return english.Train(ctx, docs, opts...)
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// writeModel writes m to path through a temporary file, so that a failed
// run never leaves half a model.
func writeModel(path string, m io.WriterTo) error {
	tmp, err := os.CreateTemp(dirOf(path), ".model-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := m.WriteTo(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func dirOf(path string) string {
	if i := strings.LastIndexByte(path, os.PathSeparator); i >= 0 {
		return path[:i+1]
	}
	return "."
}

// provenance describes the training run for the model file: the command
// line without the output file, which gives the data and options (no
// time, no machine, so that the same run gives the same bytes).
func provenance(args []string) string {
	var kept []string
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "-o" || args[i] == "--o":
			i++
			continue
		case strings.HasPrefix(args[i], "-o=") || strings.HasPrefix(args[i], "--o="):
			continue
		}
		kept = append(kept, args[i])
	}
	return "examples/entities " + strings.Join(kept, " ")
}

// scoredTypes returns which of PER, LOC and ORG the texts annotate.
func scoredTypes(docs []corpus.Document) []string {
	seen := map[string]bool{}
	for _, d := range docs {
		for _, s := range d.Spans {
			seen[s.Type] = true
		}
	}
	var out []string
	for _, t := range []string{corpus.PER, corpus.LOC, corpus.ORG} {
		if seen[t] {
			out = append(out, t)
		}
	}
	return out
}

// progress prints training progress on one line that it rewrites.
type progress struct {
	w     io.Writer
	start time.Time
	last  time.Time
}

func (p *progress) report(tp entities.TrainProgress) {
	now := time.Now()
	switch tp.Stage {
	case "features":
		if tp.Done == tp.Total || now.Sub(p.last) > 500*time.Millisecond {
			p.last = now
			fmt.Fprintf(p.w, "\rpreparing texts: %d/%d", tp.Done, tp.Total)
			if tp.Done == tp.Total {
				fmt.Fprintln(p.w)
			}
		}
	case "train":
		t := tp.Tagger
		line := fmt.Sprintf("iteration %d: loss %.4g", t.Iteration, t.Loss)
		if t.Evaluated {
			line += fmt.Sprintf(", dev F1 %.4f", t.DevF1)
			if t.Best {
				line += " (best)"
			}
		}
		fmt.Fprintf(p.w, "%s [%s]\n", line, t.Elapsed.Round(time.Second))
	}
}
