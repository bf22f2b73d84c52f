// Command bench compares Khabar with peer libraries on the same input, in
// one run, and reports how much faster Khabar is.
//
// Usage:
//
//	go run . [-json] [-only PREFIX] [-time D] [-input FILE] [-size N] [-aliases N] [-cpuprofile FILE]
//
// Without -json it prints a table; with -json it prints exactly one JSON
// object, {"results":[{"name","ours","peer","unit","speedup"}…]}, where a
// speedup above 1 means Khabar is faster. Progress goes to stderr.
//
// Exit codes: 0 on success, 1 when a comparison fails, 2 on bad usage.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"
)

// Units a comparison can report in. For a time unit the speedup is
// peer/ours; for a throughput unit it is ours/peer.
const (
	unitNsPerOp = "ns/op"
	unitMBPerS  = "MB/s"
)

// comparison is one side-by-side measurement of Khabar ("ours") and a peer
// on the same input.
type comparison struct {
	// name is "family/peer", e.g. "tokenize/bleve-ar"; -only matches its
	// prefix.
	name string
	// unit is unitNsPerOp or unitMBPerS: the unit of the JSON result.
	unit string
	// setup prepares both sides for input, outside timing (build the
	// peer's pipeline, convert the input). It returns the number of input
	// bytes one operation processes, used for MB/s.
	setup func(input []byte) (bytes int64, err error)
	// ours and peer run one operation each and return a count of what they
	// produced (tokens, matches…). The count keeps the work from being
	// optimised away and is shown in the table.
	ours, peer func() int
	// ownInput says the comparison reads an input of its own (a labelled
	// sample), not the bench's; its setup returns that input's size.
	ownInput bool
}

// comparisons is the registry: one function per family file, each
// returning its comparisons. Add a family by writing family.go with a
// fooComparisons function and listing it here.
func comparisons() []comparison {
	var all []comparison
	for _, family := range [](func() []comparison){
		tokenizeComparisons,
		gazetteerComparisons,
		entitiesComparisons,
		topicsComparisons,
		englishComparisons,
	} {
		all = append(all, family()...)
	}
	return all
}

// notes receives what a setup reports besides the measurements (sizes,
// recall, build times): run points it at its stderr.
var notes io.Writer = io.Discard

// result is one line of the JSON output.
type result struct {
	Name    string  `json:"name"`
	Ours    float64 `json:"ours"`
	Peer    float64 `json:"peer"`
	Unit    string  `json:"unit"`
	Speedup float64 `json:"speedup"`
}

// report is the JSON output.
type report struct {
	Results []result `json:"results"`
}

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run parses args, runs the selected comparisons and writes the report to
// stdout and progress to stderr.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	only := fs.String("only", "", "run only the comparisons whose name starts with `PREFIX`")
	minTime := fs.Duration("time", time.Second, "minimum measuring time per side and comparison")
	inputFile := fs.String("input", "", "text `FILE` to use instead of ../../testdata/articles/*.txt (entities/naive: as its one article)")
	size := fs.Int("size", 1<<20, "repeat the input to about `N` bytes (0: use it once); entities/naive never repeats it")
	aliases := fs.Int("aliases", defaultSynthAliases, "`N` synthetic names and aliases for gazetteer/fuzzy-naive-scan")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to `FILE`")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if *minTime <= 0 {
		return usageError{"-time must be positive"}
	}
	if *size < 0 {
		return usageError{"-size must not be negative"}
	}
	if *aliases < synthNamesPerEntry {
		return usageError{fmt.Sprintf("-aliases must be at least %d", synthNamesPerEntry)}
	}
	prevAliases := synthAliases
	synthAliases, notes = *aliases, stderr
	defer func() { synthAliases, notes = prevAliases, io.Discard }()

	var selected []comparison
	for _, c := range comparisons() {
		if strings.HasPrefix(c.name, *only) {
			selected = append(selected, c)
		}
	}
	if len(selected) == 0 {
		return usageError{fmt.Sprintf("no comparison name starts with %q", *only)}
	}

	input, source, err := loadInput(*inputFile, *size)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "bench: input %s, %d bytes; -time %v per side\n", source, len(input), *minTime)
	// entities/naive extracts the articles one by one, not repeated.
	articles, _, err := readArticles(*inputFile)
	if err != nil {
		return err
	}
	prevArticles := entityArticles
	entityArticles = articles
	defer func() { entityArticles = prevArticles }()
	// The topics comparisons use the dev set of articles when there is
	// no -input and it exists, else the paragraphs of the input.
	prevTopics := topicsSource
	topicsSource = ""
	if *inputFile == "" {
		topicsSource = findDevArticles()
	}
	defer func() { topicsSource = prevTopics }()

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	var results []result
	var rows []measurement
	for i, c := range selected {
		fmt.Fprintf(stderr, "bench: [%d/%d] %s\n", i+1, len(selected), c.name)
		m, err := measure(c, input, *minTime, stderr)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		rows = append(rows, m)
		results = append(results, m.result(c.unit))
	}

	if *asJSON {
		enc := json.NewEncoder(stdout)
		return enc.Encode(report{Results: results})
	}
	return writeTable(stdout, rows, results)
}

// writeTable prints the measurements as an aligned table.
func writeTable(w io.Writer, rows []measurement, results []result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "comparison\tside\tns/op\tspread\tMB/s\tallocs/op\tB/op\tcount/op\tspeedup\t")
	for i, m := range rows {
		for j, s := range []struct {
			side string
			st   stats
		}{{"khabar", m.ours}, {"peer", m.peer}} {
			name, speedup := "", ""
			if j == 0 {
				name = m.name
				speedup = fmt.Sprintf("%.2fx (%s)", results[i].Speedup, results[i].Unit)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.0f\t±%.0f%%\t%.2f\t%.0f\t%.0f\t%d\t%s\t\n",
				name, s.side, s.st.nsPerOp, s.st.spread()*100, mbPerS(m.bytes, s.st.nsPerOp), s.st.allocsPerOp, s.st.bytesPerOp, s.st.count, speedup)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "speedup > 1: Khabar is faster (time: peer/ours; throughput: ours/peer); ns/op is the median of the rounds, spread is half their range over the median")
	return err
}
