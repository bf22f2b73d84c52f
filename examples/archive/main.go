// Command archive re-analyses a whole archive of Arabic news articles on
// Apache Beam: the analyses of every article, the archive's keyword
// statistics, and statistics of its people, places and organisations with
// suggestions of new names for the gazetteer. It runs in this process on
// Beam's Prism runner unless -runner names another (Flink or Spark through
// a job server, Google Cloud Dataflow); see the README for a cluster.
//
// Usage:
//
//	archive analyze  -input GLOB -output DIR [-gazetteer FILE]... [-model FILE] [-ner-model FILE] [-keyword-space FILE] [flags]
//	archive fit      -input GLOB -output FILE [-min-df N] [-max-df F] [-max-features N] [flags]
//	archive entities -input GLOB -output DIR [-gazetteer FILE]... [-ner-model FILE] [-min-articles N] [flags]
//
// # Input
//
// -input is a file pattern (archive/*.jsonl, gs://bucket/archive/*.jsonl.gz)
// on any file system Beam knows: local, gs://, s3://. Files ending in .gz
// are read through gzip. Each file holds one article per line, read as the
// analyze program reads JSONL: {"id","title","text"} ("body" for "text"),
// other fields ("source", "date" or "published", "url"…) kept. Blank
// lines are skipped.
//
// # Output
//
// analyze writes DIR/analyses-NNNNN-of-MMMMM.jsonl: one line per article,
// the same line as analyze -format jsonl prints for it (the same flags
// mean the same: -gazetteer, -no-default-gazetteer, -demonyms, -model,
// -ner-model, -sources, -keyword-space, -topics, -keywords), in no
// particular order. fit writes FILE: the keyword space of the archive
// (document frequencies of its terms, as tfidf.NewSpace would learn them
// from the same articles), which analyze -keyword-space and serve
// -keyword-space load. entities writes
// DIR/entities-NNNNN-of-MMMMM.jsonl, one line per entity:
//
//	{"id","type","name","name_en","in_gazetteer","articles","mentions",
//	 "first_date","last_date","with":[{"id","articles"}…],
//	 "forms":[{"text","count"}…],"examples":[{"file","line","id","context"}…]}
//
// ("forms" and "examples" for names the gazetteer lacks) and
// DIR/suggestions.tsv: the names the gazetteer lacks found in at least
// -min-articles articles, most articles first, as a gazetteer file in
// Khabar TSV with comments (counts, dates, spellings, contexts) for the
// editor who reviews it; analyze -gazetteer loads it as it is.
//
// Lines that are not articles, articles without text or over the size
// limit, and files that cannot be read go to the dead letters,
// DIR/dead-letters-NNNNN-of-MMMMM.jsonl (fit: FILE.dead-letters-….jsonl),
// one {"file","line","id","error"} each. At the end the program prints
// how many inputs it read and where each went: inputs = outputs + dead
// letters, always.
//
// # Running
//
// The articles of a bundle are analysed by -j goroutines (default: the
// worker's GOMAXPROCS), with one Analyzer per worker process built once.
// Gazetteer, model (-model, -ner-model) and keyword space files named by
// a URL (gs://…) are read by each worker; local files are read where they
// are on Prism and carried inside the job (up to 32 MiB each) on other
// runners. Every flag
// Beam knows (--runner, --endpoint, --project, --region,
// --staging_location, --environment_type…) is passed to Beam.
//
// Exit status: 0 when every input gave an output, 3 when some went to the
// dead letters, 1 when the job failed or could not start, 2 for a usage
// error, 130 when interrupted.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/options/jobopts"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"

	// Beam's runners and file systems (local, gs://), and s3://.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usage is the program's summary.
const usage = `usage: archive analyze  -input GLOB -output DIR [flags]   the analyses of every article
       archive fit      -input GLOB -output FILE [flags]  the archive's keyword space
       archive entities -input GLOB -output DIR [flags]   entity statistics and new names
Run "archive COMMAND -h" for a command's flags. Beam's flags (--runner,
--endpoint, --project, --region, --staging_location, …) are passed to Beam.
`

// run is the program without its process: it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if strings.HasPrefix(args[0], "-") {
		// A worker started by a runner gets Beam's flags only (--worker…).
		if err := flag.CommandLine.Parse(args); err == nil && isWorker() {
			initBeam(false)
			return 0
		}
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "help", "-h", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	c := commandNamed(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "archive: unknown command %q\n%s", args[0], usage)
		return 2
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

// commandNamed returns the subcommand name, or nil when there is none.
func commandNamed(name string) *command {
	switch name {
	case "analyze":
		return analyzeCommand()
	case "fit":
		return fitCommand()
	case "entities":
		return entitiesCommand()
	}
	return nil
}

// isWorker reports whether Beam's --worker flag is set.
func isWorker() bool {
	f := flag.CommandLine.Lookup("worker")
	return f != nil && f.Value.String() == "true"
}

var beamInit sync.Once

// initBeam starts Beam, once per process: in a worker, its harness runs
// the job's bundles until the runner is done with it. Beam logs only
// warnings and errors unless verbose.
func initBeam(verbose bool) {
	beamInit.Do(func() {
		if !verbose && !isWorker() {
			beamlog.LogLevel = "warn"
		}
		beam.Init()
	})
}

// common are the flags every command has.
type common struct {
	input, output string
	workers       int
	reshuffle     string
	shardMB       int
	verbose       bool
}

// command is one subcommand: its flags, and what it builds and reports.
type command struct {
	name  string
	flags *flag.FlagSet
	c     common
	// dirOutput is true when -output is a folder (analyze, entities).
	dirOutput bool
	// outputs are the files the command writes in its folder: prefixes
	// of sharded files, or file names with an extension.
	outputs []string
	// checkFlags checks the command's own flags.
	checkFlags func() error
	// prepare checks the files the command reads, before the job starts.
	prepare func(ctx context.Context, local bool, stderr io.Writer) error
	// build adds the command's steps to the pipeline.
	build func(s beam.Scope, lines beam.PCollection, run string) (dead beam.PCollection)
	// report prints where the inputs went; it returns the exit status.
	report func(counts map[string]int64, stdout io.Writer) int
}

func newCommand(name, summary string, dirOutput bool) *command {
	c := &command{name: name, dirOutput: dirOutput}
	fs := flag.NewFlagSet("archive "+name, flag.ContinueOnError)
	out := "write to `DIR` (a folder, local or on a Beam file system)"
	if !dirOutput {
		out = "write to `FILE` (local or on a Beam file system)"
	}
	fs.StringVar(&c.c.input, "input", "", "read the JSONL articles of the files matching `GLOB` (*.jsonl, *.jsonl.gz; local, gs://, s3://)")
	fs.StringVar(&c.c.output, "output", "", out)
	fs.IntVar(&c.c.workers, "j", 0, "analyse `N` articles at a time in each bundle (default: the worker's GOMAXPROCS)")
	fs.StringVar(&c.c.reshuffle, "reshuffle", "auto", "spread the articles over the workers after reading: on, off, or auto (on except on Prism); on helps a cluster when the input is a few large files")
	c.c.shardMB = 256
	if dirOutput {
		fs.IntVar(&c.c.shardMB, "shard-mb", c.c.shardMB, "start a new output file every `MB` megabytes or so")
	}
	fs.BoolVar(&c.c.verbose, "v", false, "show Beam's and Prism's log")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: archive %s [flags]: %s\n", name, summary)
		fs.PrintDefaults()
		fmt.Fprintln(fs.Output(), "Beam's flags (--runner, --endpoint, --project, --region, --staging_location, …) are passed to Beam; see the README.")
	}
	c.flags = fs
	return c
}

// run parses the flags, checks them, runs the job and reports.
func (c *command) run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if code, ok := c.parse(args, stderr); !ok {
		return code
	}
	fail := func(code int, err error) int {
		fmt.Fprintf(stderr, "archive %s: %v\n", c.name, err)
		return code
	}
	initBeam(c.c.verbose)
	runner := runnerName()
	local := inProcess(runner)
	if err := c.checkFiles(ctx); err != nil {
		return fail(1, err)
	}
	if err := c.prepare(ctx, local, stderr); err != nil {
		return fail(1, err)
	}

	p, s := beam.NewPipelineWithRoot()
	spread := c.c.reshuffle == "on" || c.c.reshuffle == "auto" && !local
	lines, readDead := readInputs(s, c.c.input, spread)
	id := runID()
	dead := c.build(s, lines, id)
	deadDir, deadPrefix := c.deadLetters()
	writeLines(s, beam.ParDo(s, encodeDeadLetter, beam.Flatten(s, readDead, dead)), deadDir, deadPrefix, "dead-letters", id, c.c.shardBytes())

	res, err := beam.Run(ctx, runner, p)
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "archive %s: interrupted\n", c.name)
		return 130
	}
	if err != nil {
		return fail(1, fmt.Errorf("the job failed: %w", err))
	}
	var m map[string]int64
	if res != nil {
		m = counts(res)
	}
	if len(m) == 0 {
		fmt.Fprintf(stdout, "archive %s: done, without counts (no input line, or a runner that reports none); see -output and the dead letters in %s\n", c.name, deadDir)
		return 0
	}
	return c.report(m, stdout)
}

// parse parses args, the command's flags with Beam's beside them (Beam's
// are set in flag.CommandLine), and checks them. ok is false when the job
// must not run, code then being the exit status: 0 after -h, 2 for a
// usage error, reported on stderr.
func (c *command) parse(args []string, stderr io.Writer) (code int, ok bool) {
	ours := c.flags
	ours.SetOutput(stderr)
	all := flag.NewFlagSet(ours.Name(), flag.ContinueOnError)
	all.SetOutput(stderr)
	all.Usage = ours.Usage
	ours.VisitAll(func(f *flag.Flag) { all.Var(f.Value, f.Name, f.Usage) })
	flag.CommandLine.VisitAll(func(f *flag.Flag) {
		if all.Lookup(f.Name) == nil {
			all.Var(f.Value, f.Name, f.Usage)
		}
	})
	if err := all.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	var err error
	if all.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q (the input is given by -input GLOB)", all.Arg(0))
	}
	if err == nil {
		err = c.c.checkFlags()
	}
	if err == nil {
		err = c.checkFlags()
	}
	if err != nil {
		fmt.Fprintf(stderr, "archive %s: %v\n", c.name, err)
		return 2, false
	}
	return 0, true
}

// checkFlags rejects flag values that make no sense.
func (c *common) checkFlags() error {
	switch {
	case c.input == "":
		return errors.New("-input GLOB is required")
	case c.output == "":
		return errors.New("-output is required")
	case c.workers < 0:
		return fmt.Errorf("-j %d: want 1 or more (0: GOMAXPROCS)", c.workers)
	case c.reshuffle != "auto" && c.reshuffle != "on" && c.reshuffle != "off":
		return fmt.Errorf("unknown -reshuffle %q (want auto, on or off)", c.reshuffle)
	case c.shardMB < 1:
		return fmt.Errorf("-shard-mb %d: want 1 or more", c.shardMB)
	}
	return nil
}

// checkFiles checks, before the job starts, that the input matches files
// and that the output would not mix with an earlier run's.
func (c *command) checkFiles(ctx context.Context) error {
	in := c.c.input
	if !hasScheme(in) {
		if fi, err := os.Stat(in); err == nil && fi.IsDir() {
			return fmt.Errorf("-input %s is a folder; give a file pattern such as %s", in, filepath.Join(in, "*.jsonl"))
		}
	}
	fs, err := filesystem.New(ctx, in)
	if err != nil {
		return fmt.Errorf("-input %s: %w", in, err)
	}
	files, err := fs.List(ctx, in)
	fs.Close()
	if err != nil {
		return fmt.Errorf("-input %s: %w", in, err)
	}
	if len(files) == 0 {
		return fmt.Errorf("-input %s: no file matches", in)
	}

	out := c.c.output
	if !hasScheme(out) {
		fi, err := os.Stat(out)
		switch {
		case err == nil && c.dirOutput && !fi.IsDir():
			return fmt.Errorf("-output %s is a file; give a folder", out)
		case err == nil && !c.dirOutput && fi.IsDir():
			return fmt.Errorf("-output %s is a folder; give a file name", out)
		}
	}
	dir, prefix := c.deadLetters()
	patterns := []string{shardPattern(dir, prefix)}
	for _, o := range c.outputs {
		if strings.Contains(o, ".") {
			patterns = append(patterns, joinPath(out, o))
		} else {
			patterns = append(patterns, shardPattern(out, o))
		}
	}
	fs, err = filesystem.New(ctx, out)
	if err != nil {
		return fmt.Errorf("-output %s: %w", out, err)
	}
	defer fs.Close()
	for _, p := range patterns {
		if old, _ := fs.List(ctx, p); len(old) > 0 {
			return fmt.Errorf("-output %s already holds %s and more from an earlier run; remove them or choose another -output", out, old[0])
		}
	}
	return nil
}

// suggestionsFile is the name of the entities command's draft gazetteer.
const suggestionsFile = "suggestions.tsv"

// deadLetters returns the folder and prefix of the dead-letter files:
// DIR/dead-letters-… for a folder output, FILE.dead-letters-… beside a
// file output.
func (c *command) deadLetters() (dir, prefix string) {
	if c.dirOutput {
		return c.c.output, "dead-letters"
	}
	out := c.c.output
	i := strings.LastIndex(out, "/")
	if i < 0 {
		return ".", out + ".dead-letters"
	}
	return out[:i], out[i+1:] + ".dead-letters"
}

// runnerName returns the runner --runner names, prism by default.
func runnerName() string {
	if *runners.Runner == "" {
		return "prism"
	}
	return *runners.Runner
}

// inProcess reports whether the workers of runner run in this process:
// Prism started here, with loopback workers (its default).
func inProcess(runner string) bool {
	env := strings.ToLower(*jobopts.EnvironmentType)
	return (strings.EqualFold(runner, "prism") || runner == "PrismRunner") && (env == "" || env == "loopback")
}

// runID names a run's temporary files.
func runID() string {
	var b [6]byte
	rand.Read(b[:])
	return fmt.Sprintf("%x", b)
}

// shardBytes is about the size of one output file.
func (c *common) shardBytes() int64 { return int64(c.shardMB) << 20 }

// counts sums the job's counters by name.
func counts(res beam.PipelineResult) map[string]int64 {
	m := map[string]int64{}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() == metricsNamespace {
			m[c.Name()] += c.Result()
		}
	}
	return m
}

// reportCounts prints where the inputs went: outputs (named what, in
// where) and dead letters. It returns the exit status: 1 when the counts
// do not add up, 3 when some inputs are dead letters, 0 otherwise.
func reportCounts(stdout io.Writer, name string, counts map[string]int64, outputs int64, what, where, deadWhere string) int {
	in, dead := counts["inputs"], counts["lines:dead-letters"]
	fmt.Fprintf(stdout, "archive %s: %d inputs: %d %s (%s), %d dead letters", name, in, outputs, what, where, dead)
	if dead > 0 {
		fmt.Fprintf(stdout, " (%s)", deadWhere)
	}
	fmt.Fprintln(stdout)
	switch {
	case in != outputs+dead:
		fmt.Fprintf(stdout, "archive %s: the counts do not add up: %d inputs, %d + %d out\n", name, in, outputs, dead)
		return 1
	case dead > 0:
		return 3
	}
	return 0
}

// spec returns the Analyzer spec of cfg and checks, before the job
// starts, that it builds: gazetteer lines skipped are reported on stderr
// with the files' names, and a bad file is an error.
func spec(ctx context.Context, cfg cli.AnalyzerConfig, local bool, stderr io.Writer) (analyzerSpec, error) {
	s, err := newSpec(cfg, local)
	if err != nil {
		return s, err
	}
	remote := false
	for _, p := range append(append([]string{}, cfg.Gazetteers...), cfg.Model, cfg.NerModel, cfg.KeywordSpace) {
		remote = remote || hasScheme(p)
	}
	if remote {
		_, err = s.build(ctx, stderr)
	} else {
		_, _, err = cli.NewAnalyzer(cfg, "archive: ", stderr)
	}
	return s, err
}

// analyzerFlags adds the Analyzer's flags, as analyze has them, to fs.
func analyzerFlags(fs *flag.FlagSet, cfg *cli.AnalyzerConfig, gazetteers *cli.Files) {
	fs.Var(gazetteers, "gazetteer", "add a gazetteer `FILE` (any supported format; repeatable; later files win)")
	fs.BoolVar(&cfg.NoDefault, "no-default-gazetteer", false, "leave the embedded default gazetteer out")
	fs.BoolVar(&cfg.Demonyms, "demonyms", false, "also report demonyms (الأميركية) as mentions of their place")
	fs.StringVar(&cfg.NerModel, "ner-model", "", "tag names with the model in `FILE` (examples/entities train) instead of the embedded one")
}
