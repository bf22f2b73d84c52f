// Command evaluate measures Khabar against labelled data.
//
// Usage:
//
//	go run ./examples/evaluate ner -gold FILE [-lang ar|en] [-prose-only] [-gazetteer FILE]... [-no-default-gazetteer]
//	                               [-model FILE | -no-model] [-split FILE -part NAME]
//	                               [-json] [-errors N] [-folds K] [-chunk N] [-lenient]
//	go run ./examples/evaluate topics -train FILE.jsonl (-test FILE.jsonl | -folds K)
//	                               [-classifier linear|centroid|bayes] [-json]
//
// # ner
//
// ner scores the entity extractor on a CoNLL file: one token and its BIO
// tag per line, separated by a TAB or by spaces, a blank line between
// sentences. Tags are O, B-X and I-X with X one of PER (or PERS), LOC, ORG
// and MISC, in any case; MISC counts as O. An I- tag after O or after
// another type starts a span. A UTF-8 byte-order mark, CRLF line endings
// and white space around columns are accepted; with more than two columns
// the first is the token and the last the tag; -DOCSTART- lines end a
// sentence. A malformed line (one column, an unknown tag, invalid UTF-8)
// is an error reported as FILE:LINE, and the program exits with status
// 1; with -lenient such lines are skipped with a warning on stderr
// instead.
//
// The text is rebuilt by joining tokens with single spaces and sentences
// with newlines, and given to the extractor one document at a time when
// the file has -DOCSTART- lines (the CoNLL convention: names are grouped
// within a document, as in articles), else in one call; -chunk N gives
// it N sentences at a time instead (offsets are shifted back), which
// matters for a corpus without article boundaries such as ANERcorp or
// WikiANN: in one call, later short forms join full names from anywhere
// before them.
//
// -lang en scores the English extractor (package entities/english:
// prose v3's tokens, sentences and tags, the gazetteer's English names,
// the embedded English model) on English text; -model and -no-model work
// as for Arabic, with a model of `entities train -lang en`. -prose-only
// scores prose v3's own entity recogniser alone, line by line, its labels
// mapped (PERSON → PER; GPE, LOCATION, FACILITY, GSP → LOC; ORGANIZATION
// → ORG; the others MISC). Each predicted
// mention maps to the gold tokens it overlaps (by byte offsets): its span
// runs from the first to the last of them, with the mention's type. A
// span is correct when a gold span has the same tokens and type; several
// mentions with the same span and type count once. Scores are given per
// type (PER, LOC, ORG) and micro over the three: precision, recall, F1,
// and the gold, predicted and correct counts. The text table shows
// percentages; -json prints one object
//
//	{"PER":{"precision":…,"recall":…,"f1":…,"gold":…,"predicted":…,"correct":…},"LOC":{…},"ORG":{…},"micro":{…}}
//
// with precision, recall and f1 as fractions in [0, 1], 4 decimals
// (with -folds, a "folds" array follows with each fold's micro scores).
//
// -errors N lists N false positives and N false negatives, spread evenly
// through the file, each with its line, its sentence with the span marked
// ⟦ ⟧, the other side's overlapping span, the mention's match kind and
// ID, and a class (spurious, missed, wrong type, boundary, on a MISC name,
// overlaps another type); then counts by class, the precision of each
// match kind and the most frequent wrong surfaces. It cannot be combined
// with -json.
//
// -gazetteer FILE (repeatable, any format gazetteer.Open reads) adds to the
// embedded default gazetteer, later files winning; -no-default-gazetteer
// leaves the default out.
//
// The extractor tags with its embedded model; -model FILE uses a model
// trained by `examples/entities train`, -no-model runs the recognisers
// alone (gazetteer, hashtags, rules), so that the model's gain is always
// visible. Names the model tags MISC are scored apart, in a MISC row
// outside micro (and a "MISC" object in -json).
//
// -split FILE -part NAME scores only one part of the gold file's
// sentences, as a frozen split lists them (testdata/splits/
// anercorp-train.tsv: tune and check); the split must have been made for
// that file (its sentence count is checked).
//
// -folds K splits the sentences into K contiguous folds. Each fold is
// scored with a gazetteer made of the chosen gazetteers plus the gold
// names (PER, LOC, ORG spans, as TYPE<TAB>surface typed-list lines) of
// the other K−1 folds; the counts are summed over the folds, and each
// fold's micro scores are listed. Progress goes to stderr, one line per
// fold.
//
// Exit status: 0 on success, 1 on errors (unreadable or malformed gold
// file, gazetteer errors), 2 on usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/entities/english"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
)

func main() {
	e := env{stdout: os.Stdout, stderr: os.Stderr, newExtractor: newKhabarExtractor, newEnglish: newEnglishExtractor, newProse: newProseExtractor}
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		e.terminal = true
	}
	os.Exit(run(os.Args[1:], e))
}

// env is what the program needs from its process.
type env struct {
	stdout, stderr io.Writer
	// terminal says stderr is a terminal, where progress is shown.
	terminal     bool
	newExtractor newExtractorFunc
	// newEnglish and newProse build the extractors of -lang en and
	// -prose-only; nil means Khabar's English extractor and prose alone.
	newEnglish func(x *gazetteer.Index, opts ...english.Option) (extractor, error)
	newProse   func() (extractor, error)
}

const usage = `usage:
  evaluate ner -gold FILE [-lang ar|en] [-prose-only] [-gazetteer FILE]... [-no-default-gazetteer] [-model FILE | -no-model]
               [-split FILE -part NAME] [-json] [-errors N] [-folds K] [-chunk N] [-lenient]
  evaluate topics -train FILE.jsonl (-test FILE.jsonl | -folds K) [-classifier linear|centroid|bayes] [-json]
`

// run is the program without its process: it returns the exit status.
func run(args []string, e env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return 2
	}
	switch args[0] {
	case "ner":
		return runNER(args[1:], e)
	case "topics":
		return runTopics(args[1:], e)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(e.stdout, usage)
		return 0
	}
	fmt.Fprintf(e.stderr, "evaluate: unknown command %q\n%s", args[0], usage)
	return 2
}

func runNER(args []string, e env) int {
	fs := newFlagSet("evaluate ner", usage, e)
	var files cli.Files
	gold := fs.String("gold", "", "the gold `FILE`: token<TAB>tag or token tag lines, BIO tags, a blank line between sentences")
	fs.Var(&files, "gazetteer", "add a gazetteer `FILE` (any format gazetteer.Open reads; repeatable; later files win)")
	noDefault := fs.Bool("no-default-gazetteer", false, "leave the embedded default gazetteer out")
	asJSON := fs.Bool("json", false, "print the scores as one JSON object (fractions in [0, 1])")
	nErrors := fs.Int("errors", 0, "list `N` false positives and N false negatives with their context")
	folds := fs.Int("folds", 0, "`K`-fold evaluation: score each fold with the gold names of the others as a user gazetteer")
	chunk := fs.Int("chunk", 0, "give the extractor `N` sentences at a time (0: the whole text in one call)")
	lenient := fs.Bool("lenient", false, "skip malformed lines of the gold file with a warning instead of failing")
	modelPath := fs.String("model", "", "tag with the model in `FILE` (from examples/entities train) instead of the embedded one")
	noModel := fs.Bool("no-model", false, "run without a tagging model: the gazetteer, hashtags and rules alone")
	splitPath := fs.String("split", "", "score only one part of the gold file, as listed in the split `FILE` (testdata/splits/…); see -part")
	part := fs.String("part", "", "the `PART` of -split to score (tune or check)")
	language := fs.String("lang", "ar", "the `LANGUAGE` of the gold text: ar (Arabic) or en (English, read with prose)")
	proseOnly := fs.Bool("prose-only", false, "with -lang en: score prose's own entity recogniser alone (PERSON → PER; GPE, LOCATION, FACILITY, GSP → LOC; ORGANIZATION → ORG)")
	if code, ok := parseArgs(fs, args); !ok {
		return code
	}
	usageError := func(msg string) int { return badUsage(fs, e, msg) }
	switch {
	case *gold == "":
		return usageError("-gold FILE is required")
	case *nErrors < 0:
		return usageError("-errors must be 0 or more")
	case *nErrors > 0 && *asJSON:
		return usageError("-errors cannot be combined with -json")
	case *chunk < 0:
		return usageError("-chunk must be 0 or more")
	case *folds < 0 || *folds == 1:
		return usageError("-folds must be 2 or more (or 0 for no folds)")
	case *noDefault && len(files) == 0 && *folds == 0:
		return usageError(errNoGazetteer.Error())
	case *noModel && *modelPath != "":
		return usageError("-model and -no-model contradict each other")
	case (*splitPath == "") != (*part == ""):
		return usageError("-split and -part go together")
	case *language != "ar" && *language != "en":
		return usageError(fmt.Sprintf("-lang %q: want ar or en", *language))
	case *proseOnly && *language != "en":
		return usageError("-prose-only goes with -lang en")
	case *proseOnly && (*folds > 0 || *modelPath != "" || *noModel || len(files) > 0 || *noDefault):
		return usageError("-prose-only uses no gazetteer and no model of Khabar's")
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "evaluate ner: %v\n", err)
		return 1
	}

	start := time.Now()
	c, warnings, err := readGold(*gold, *lenient)
	if err != nil {
		return fail(err)
	}
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "evaluate ner: warning: %v (line skipped)\n", w)
	}
	if *splitPath != "" {
		split, err := cli.ReadSentenceSplit(*splitPath)
		if err != nil {
			return fail(err)
		}
		if c.Sentences, err = split.Select(c.Sentences, *part); err != nil {
			return fail(err)
		}
		c.Tokens = 0
		for _, s := range c.Sentences {
			c.Tokens += len(s.Tokens)
		}
		c.Name += " (" + *part + " part of " + *splitPath + ")"
	}
	if c.Tokens == 0 {
		return fail(fmt.Errorf("%s: no tokens", *gold))
	}
	build, err := extractorBuilder(e, *language, *proseOnly, *noModel, *modelPath)
	if err != nil {
		return fail(err)
	}
	g := gazetteers{files: files, noDefault: *noDefault, report: e.stderr}
	var r *result
	if *folds > 0 {
		log := func(msg string) { fmt.Fprintf(e.stderr, "evaluate ner: %s\n", msg) }
		r, err = evaluateFolds(c, *folds, *chunk, g, build, log)
		if err != nil {
			return fail(err)
		}
	} else {
		var x *gazetteer.Index
		if !*proseOnly {
			var stats []gazetteer.LoadStats
			x, stats, err = g.open(nil)
			g.reportStats(files, stats)
			if err != nil {
				return fail(err)
			}
		}
		ex, err := build(x)
		if err != nil {
			return fail(err)
		}
		if e.terminal {
			fmt.Fprintf(e.stderr, "evaluate ner: extracting from %d sentences…", len(c.Sentences))
		}
		r = evaluate(c, ex, *chunk)
		if e.terminal {
			fmt.Fprintf(e.stderr, " done in %s\n", r.Elapsed.Round(time.Millisecond))
		}
	}

	r.Total = time.Since(start)
	desc := describe(g, *folds > 0)
	if *proseOnly {
		desc = "none (prose alone)"
	}
	if *asJSON {
		err = writeJSON(e.stdout, r)
	} else {
		err = writeReport(e.stdout, r, desc, *nErrors)
	}
	if err != nil {
		return fail(fmt.Errorf("writing output: %w", err))
	}
	return 0
}

// extractorBuilder returns what builds the extractor of the command line
// over a gazetteer (nil: the default one): Khabar's Arabic or English
// extractor with the embedded model, the model in modelPath or none, or
// prose alone.
func extractorBuilder(e env, language string, proseOnly, noModel bool, modelPath string) (func(*gazetteer.Index) (extractor, error), error) {
	if proseOnly {
		newProse := e.newProse
		if newProse == nil {
			newProse = newProseExtractor
		}
		return func(*gazetteer.Index) (extractor, error) { return newProse() }, nil
	}
	if language == "en" {
		var opts []english.Option
		switch {
		case noModel:
			opts = append(opts, english.WithoutModel())
		case modelPath != "":
			m, err := english.LoadModel(modelPath)
			if err != nil {
				return nil, err
			}
			opts = append(opts, english.WithModel(m))
		}
		newEn := e.newEnglish
		if newEn == nil {
			newEn = newEnglishExtractor
		}
		return func(x *gazetteer.Index) (extractor, error) { return newEn(x, opts...) }, nil
	}
	var opts []entities.Option
	switch {
	case noModel:
		opts = append(opts, entities.WithoutModel())
	case modelPath != "":
		m, err := entities.LoadModel(modelPath)
		if err != nil {
			return nil, err
		}
		opts = append(opts, entities.WithModel(m))
	}
	return func(x *gazetteer.Index) (extractor, error) { return e.newExtractor(x, opts...) }, nil
}

// readGold reads the gold file at path.
func readGold(path string, lenient bool) (*corpus.CoNLL, []corpus.LineError, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return corpus.ReadCoNLL(f, path, lenient)
}

// describe says which gazetteers were used.
func describe(g gazetteers, folds bool) string {
	var parts []string
	if !g.noDefault {
		parts = append(parts, "default")
	}
	parts = append(parts, g.files...)
	if folds {
		parts = append(parts, "names of the other folds")
	}
	return strings.Join(parts, " + ")
}

// newFlagSet returns a subcommand's flag set, printing usage and errors
// on stderr.
func newFlagSet(name, usage string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses a subcommand's flags, which take no other argument. It
// returns false with the exit status when the program must stop: 0 after
// -h, 2 for a bad flag or an unexpected argument.
func parseArgs(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// badUsage prints what is wrong and the subcommand's usage, and returns
// the exit status of a usage error.
func badUsage(fs *flag.FlagSet, e env, msg string) int {
	fmt.Fprintf(e.stderr, "%s: %s\n", fs.Name(), msg)
	fs.Usage()
	return 2
}
