package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// errNoDefault says how to leave the default out.
var errNoDefault = errors.New("-no-default needs at least one -gazetteer FILE")

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("gazetteer "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// fail reports err and returns the exit status of a failure. An error
// of package gazetteer already says where it comes from ("gazetteer: …",
// "file:12: gazetteer: …") and is printed as it is.
func fail(stderr io.Writer, err error) int {
	msg := err.Error()
	var pe *gazetteer.ParseError
	if !strings.HasPrefix(msg, "gazetteer: ") && !errors.As(err, &pe) {
		msg = "gazetteer: " + msg
	}
	fmt.Fprintln(stderr, msg)
	return 1
}

// runImport converts files of any supported format to Khabar TSV or
// JSONL.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("import", stderr)
	format := fs.String("format", "", "input format: tsv, jsonl, list, typed-list, geonames, wikidata (default: detected)")
	typ := fs.String("type", "", "type of the names of a plain list: PER, LOC or ORG")
	places := fs.String("places", "", "GeoNames places `FILE` (allCountries.txt or citiesN.txt) for -format geonames")
	out := fs.String("o", "-", "output `FILE` (- for standard output)")
	outFormat := fs.String("out-format", "", "output format: tsv or jsonl (default: from -o's extension, else tsv)")
	strict := fs.Bool("strict", false, "stop at the first malformed line")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "gazetteer import: no input FILE")
		return 2
	}
	inFormat := gazetteer.FormatAuto
	if *format != "" {
		f, err := gazetteer.ParseFormat(*format)
		if err != nil {
			fmt.Fprintf(stderr, "gazetteer import: %v\n", err)
			return 2
		}
		inFormat = f
	}
	opts := gazetteer.LoadOptions{Strict: *strict}
	if *typ != "" {
		t, err := gazetteer.ParseType(*typ)
		if err != nil {
			fmt.Fprintf(stderr, "gazetteer import: %v\n", err)
			return 2
		}
		opts.ListType = t
	} else if inFormat == gazetteer.FormatList {
		fmt.Fprintln(stderr, "gazetteer import: -format list needs -type PER, LOC or ORG")
		return 2
	}
	if *outFormat == "" {
		*outFormat = "tsv"
		if strings.HasSuffix(*out, ".jsonl") {
			*outFormat = "jsonl"
		}
	}
	if *outFormat != "tsv" && *outFormat != "jsonl" {
		fmt.Fprintf(stderr, "gazetteer import: unknown -out-format %q (want tsv or jsonl)\n", *outFormat)
		return 2
	}

	// Entries are collected by ID, so that the output is sorted and a
	// name found in several files appears once (later files win).
	byID := map[string]gazetteer.Entry{}
	emit := func(e gazetteer.Entry) error { byID[e.ID] = e; return nil }
	for _, path := range fs.Args() {
		opts.Source = path
		opts.Progress = progressPrinter(stderr, path)
		var st gazetteer.LoadStats
		var err error
		if inFormat == gazetteer.FormatGeoNames {
			st, err = gazetteer.LoadGeoNames(path, *places, gazetteer.GeoNamesOptions{LoadOptions: opts}, emit)
		} else {
			st, err = gazetteer.LoadFile(path, inFormat, opts, emit)
		}
		endProgress(stderr)
		if err != nil {
			return fail(stderr, err)
		}
		cli.ReportStats(stderr, "", path, st, 10)
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	seq := func(yield func(gazetteer.Entry) bool) {
		for _, id := range ids {
			if !yield(byID[id]) {
				return
			}
		}
	}
	err := writeOutput(*out, stdout, func(w io.Writer) error {
		if *outFormat == "jsonl" {
			return gazetteer.WriteJSONL(w, seq)
		}
		return gazetteer.WriteTSV(w, seq)
	})
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stderr, "wrote %d entries to %s\n", len(ids), *out)
	return 0
}

// runBuild writes the compiled form of the chosen gazetteers.
func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", stderr)
	var src sourceFlags
	src.register(fs)
	out := fs.String("o", "", "output `FILE` for the compiled index (required)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "gazetteer build: want -o FILE and no other arguments")
		return 2
	}
	start := time.Now()
	x, err := src.open(stderr)
	if err != nil {
		return fail(stderr, err)
	}
	built := time.Since(start)
	err = writeOutput(*out, stdout, func(w io.Writer) error {
		_, err := x.WriteTo(w)
		return err
	})
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stderr, "built %d entries, %d surfaces in %v; wrote %s\n", x.Len(), x.Surfaces(), built.Round(time.Millisecond), *out)
	return 0
}

// stats is what the stats command prints.
type stats struct {
	Entries     int                       `json:"entries"`
	Surfaces    int                       `json:"surfaces"`
	MemoryBytes int                       `json:"memory_bytes"`
	ByType      map[string]int            `json:"by_type"`
	BySubtype   map[string]map[string]int `json:"by_subtype"`
	Aliases     int                       `json:"aliases"`
	Demonyms    int                       `json:"demonyms"`
	WithQID     int                       `json:"with_wikidata"`
}

func runStats(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("stats", stderr)
	var src sourceFlags
	src.register(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	x, err := src.open(stderr)
	if err != nil {
		return fail(stderr, err)
	}
	st := stats{Entries: x.Len(), Surfaces: x.Surfaces(), MemoryBytes: x.MemoryUsage(),
		ByType: map[string]int{}, BySubtype: map[string]map[string]int{}}
	for e := range x.Entries() {
		t := e.Type.String()
		st.ByType[t]++
		if st.BySubtype[t] == nil {
			st.BySubtype[t] = map[string]int{}
		}
		st.BySubtype[t][e.Subtype]++
		st.Aliases += len(e.Aliases)
		st.Demonyms += len(e.Demonyms)
		if e.Wikidata != "" {
			st.WithQID++
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(st); err != nil {
			return fail(stderr, err)
		}
		return 0
	}
	fmt.Fprintf(w, "entries   %d (PER %d, LOC %d, ORG %d)\n", st.Entries, st.ByType["PER"], st.ByType["LOC"], st.ByType["ORG"])
	fmt.Fprintf(w, "surfaces  %d (names, %d aliases, %d demonyms, after normalisation)\n", st.Surfaces, st.Aliases, st.Demonyms)
	fmt.Fprintf(w, "wikidata  %d entries with a QID\n", st.WithQID)
	fmt.Fprintf(w, "memory    ~%.1f MB\n", float64(st.MemoryBytes)/(1<<20))
	for _, t := range []string{"PER", "LOC", "ORG"} {
		subs := st.BySubtype[t]
		names := make([]string, 0, len(subs))
		for s := range subs {
			names = append(names, s)
		}
		slices.SortFunc(names, func(a, b string) int { return subs[b] - subs[a] })
		parts := make([]string, len(names))
		for i, s := range names {
			parts[i] = fmt.Sprintf("%s %d", s, subs[s])
		}
		fmt.Fprintf(w, "%s: %s\n", t, strings.Join(parts, ", "))
	}
	return 0
}

// candidateJSON is one candidate of lookup -json. Field names are a
// contract: extend, never rename.
type candidateJSON struct {
	ID       string  `json:"id"`
	Type     string  `json:"type"`
	Name     string  `json:"name"`
	NameEN   string  `json:"name_en"`
	Match    string  `json:"match"`
	Distance int     `json:"distance"`
	Score    float64 `json:"score"`
	Clitic   string  `json:"clitic,omitempty"`
	Surface  string  `json:"surface,omitempty"`
}

type lookupJSON struct {
	Query      string          `json:"query"`
	Candidates []candidateJSON `json:"candidates"`
}

func runLookup(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("lookup", stderr)
	var src sourceFlags
	src.register(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	max := fs.Int("max", 10, "candidates per name (0: all)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "gazetteer lookup: no NAME")
		return 2
	}
	x, err := src.open(stderr)
	if err != nil {
		return fail(stderr, err)
	}
	results := make([]lookupJSON, 0, fs.NArg())
	for _, q := range fs.Args() {
		r := lookupJSON{Query: q, Candidates: []candidateJSON{}}
		seen := map[string]bool{} // one candidate per entry: its best
		for _, c := range x.Lookup(q) {
			if *max > 0 && len(r.Candidates) == *max {
				break
			}
			if seen[c.Entry.ID] {
				continue
			}
			seen[c.Entry.ID] = true
			r.Candidates = append(r.Candidates, candidateJSON{
				ID: c.Entry.ID, Type: c.Entry.Type.String(), Name: c.Entry.Name, NameEN: c.Entry.NameEN,
				Match: c.Method.String(), Distance: c.Distance, Score: round3(c.Score), Clitic: c.Clitic, Surface: c.Surface,
			})
		}
		results = append(results, r)
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return fail(stderr, err)
		}
		return 0
	}
	for _, r := range results {
		fmt.Fprintf(w, "%s\n", r.Query)
		if len(r.Candidates) == 0 {
			fmt.Fprintln(w, "  (no candidate)")
		}
		for _, c := range r.Candidates {
			how := c.Match
			if c.Clitic != "" {
				how += " " + c.Clitic + "+"
			}
			if c.Distance > 0 {
				how += fmt.Sprintf(" d=%d", c.Distance)
			}
			name := c.Name
			if c.NameEN != "" {
				name += " (" + c.NameEN + ")"
			}
			fmt.Fprintf(w, "  %-28s %s  %s  %s  %.3f\n", c.ID, c.Type, name, how, c.Score)
		}
	}
	return 0
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// writeOutput writes to path, or to stdout for "-", through a temporary
// file renamed into place so that a failed write leaves no half file.
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		w := bufio.NewWriter(stdout)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gazetteer-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return errors.Join(fmt.Errorf("writing %s", path), err)
	}
	return nil
}

// progressPrinter returns a LoadOptions.Progress function that shows the
// bytes read on stderr when it is a terminal, and nil otherwise.
func progressPrinter(stderr io.Writer, name string) func(int64) {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	var size int64
	if st, err := os.Stat(name); err == nil {
		size = st.Size()
	}
	start := time.Now()
	return func(n int64) {
		rate := float64(n) / (1 << 20) / max(time.Since(start).Seconds(), 1e-3)
		if size > 0 {
			fmt.Fprintf(stderr, "\r%s: %5.1f%%  %.0f MB of %.0f MB  %.1f MB/s ", name, 100*float64(n)/float64(size), float64(n)/(1<<20), float64(size)/(1<<20), rate)
		} else {
			fmt.Fprintf(stderr, "\r%s: %.0f MB  %.1f MB/s ", name, float64(n)/(1<<20), rate)
		}
	}
}

// endProgress ends the progress line on a terminal.
func endProgress(stderr io.Writer) {
	if f, ok := stderr.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprintln(stderr)
		}
	}
}
