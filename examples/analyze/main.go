// Command analyze reads Arabic and English news articles and prints their
// analysis: language, title, topics, keywords, people, places and
// organisations, sentences and, with -tokens, tokens. It runs
// khabar.Analyzer over one article or a whole archive; an English article
// (and an English paragraph of an Arabic one) goes through the English
// pipeline, with the IDs an Arabic article gives the same people, places
// and organisations. -tokens lists the tokens of Khabar's tokenizer in
// both languages.
//
// Usage:
//
//	go run ./examples/analyze [flags] INPUT...
//	go run ./examples/analyze -format json testdata/articles/politics.txt
//	go run ./examples/analyze -format jsonl -j 4 archive/ > analyses.jsonl
//	go run ./examples/analyze -format json -tokens - < article.txt
//
// # Inputs
//
// Each INPUT is a file, a directory or "-" for standard input, any
// number of them, read in the order given:
//
//   - a file named *.jsonl holds one article per line, a JSON object
//     {"id": …, "title": …, "text": …} ("body" is accepted for "text"; a
//     numeric id is kept as its digits). Its other fields (category, url,
//     source, date…) are copied, verbatim, to the "meta" object of the
//     article's result. "source" is also the article's khabar.Article
//     Source, given to the topic model with -sources (for a model trained
//     by examples/topics train -sources). Blank lines are skipped. Any
//     other file is one plain-text article whose first line is its title.
//   - a directory is walked recursively, in lexical order, for *.txt
//     (plain text) and *.jsonl files; other files are left alone, and so
//     is anything that is not a regular file once symbolic links are
//     followed (a FIFO, a device, a socket, a link to a directory). A
//     link that leads nowhere is reported as a failed input.
//   - "-" reads standard input: JSONL when its first non-blank byte is
//     "{", plain text otherwise.
//
// -jsonl reads standard input and the files named on the command line as
// JSONL whatever their name.
//
// # Output
//
// -format selects the output, one result per article in input order:
//
//   - text: a readable summary: title, topics, keywords, entities with
//     their byte offsets, and with -tokens every sentence and token.
//     What could drive the terminal showing it — control characters,
//     the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
//     U+2066–U+2069) and bytes that are not UTF-8 — is written escaped
//     (\t, \n, \x1b, \u202e, \xff), wherever it comes from.
//   - json: the analysis as an indented JSON object; several articles
//     give a stream of objects, one after another (as jq reads them). A
//     single plain-text input gives exactly one object.
//   - jsonl: the same objects, compact, one line per article.
//   - ninjs: an IPTC ninjs 2.1 news item per article, one compact line
//     each; see ninjs.go for the mapping.
//
// The JSON object is khabar.Analysis (id, title, language,
// sentence_count, sentences, entities, topics, keywords, structure,
// warnings; see the root package) with, beside it: "file" (the input it
// came from, "-" for standard input) and "line" (its 1-based line in a
// JSONL input), "meta" (a JSONL article's other fields), "body_start" and
// "tokens" (with -tokens). Field names are a contract: extended, never
// renamed.
//
// All start/end offsets are 0-based byte offsets, end exclusive, into the
// analysed text: the file as read, or for a JSONL article its text, or
// its title, a blank line and its text (title + "\n\n" + text) when the
// text does not start with the title line; then "body_start" gives the
// offset where the text begins. -unicode-offsets adds rune and UTF-16
// offsets (rune_start, rune_end, utf16_start, utf16_end) to sentences,
// mentions, keywords, structure blocks and tokens: what a JavaScript
// page needs to highlight them (String.prototype.slice counts UTF-16
// code units). A token's "sentence" is the index of its sentence in
// "sentences", or -1 for tokens in boilerplate (left out of analysis).
//
// # Models
//
// -gazetteer adds a gazetteer file in any format the gazetteer package
// reads (repeatable; later files win) to the embedded default, which
// -no-default-gazetteer leaves out. -model uses a topic classifier saved
// by topics.Classifier.WriteTo instead of the embedded default topic
// model. -ner-model uses an entity tagging model trained by
// `examples/entities train` instead of the embedded one. -keyword-space
// scores keywords against the document frequencies saved by
// tfidf.Space.WriteTo (examples/archive fit writes them from a whole
// archive) instead of the embedded background. -topics N prints the N
// best topics (default 3; 0 prints every topic of the model) and
// -keywords N the N best keywords (default 10; 0 leaves keywords out).
//
// # Batches
//
// -j N analyses N articles at a time (default GOMAXPROCS, the number of
// CPUs); the output keeps the input order whatever N, and at most 4×N
// articles are held in memory at once, so an archive of any size streams
// through. The output of an article is built as it is written, never held
// whole: with -tokens it runs to a hundred bytes and more per byte of
// text, and writing it takes a few bytes of memory per byte of text. When standard error is a terminal, a progress bar shows the
// articles done, the rate and, when the total is known (files and JSONL
// lines are counted ahead, standard input is not), the time left;
// -progress on|off forces it. -stats prints the elapsed time, the rate and
// the memory used at the end.
//
// A bad input (an unreadable file, a malformed JSONL line, an article the
// analyzer rejects, such as one without text or over 8 MiB) is reported
// with its file and line, the rest goes on, every failure is listed at the
// end on standard error, and the exit status is 1. Text with invalid
// UTF-8 is analysed, with a warning in its result (and on standard
// error). Exit status: 0 when every article was analysed, 1 when some
// input failed or output could not be written, 2 for a usage error, 130
// when interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// config is what the flags ask for.
type config struct {
	format         string
	tokens         bool
	unicodeOffsets bool
	analyzer       cli.AnalyzerConfig
	workers        int
	jsonl          bool
	progress       string
	stats          bool
	names          string
}

var formats = []string{"text", "json", "jsonl", "ninjs"}

// run is the program without its process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var cfg config
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.format, "format", "text", "output `format`: text, json, jsonl or ninjs")
	fs.BoolVar(&cfg.tokens, "tokens", false, "also print every token (text, json, jsonl)")
	fs.BoolVar(&cfg.unicodeOffsets, "unicode-offsets", false, "add rune and UTF-16 offsets beside byte offsets")
	var gazetteers cli.Files
	fs.Var(&gazetteers, "gazetteer", "add a gazetteer `FILE` (any supported format; repeatable; later files win)")
	fs.BoolVar(&cfg.analyzer.NoDefault, "no-default-gazetteer", false, "leave the embedded default gazetteer out")
	fs.BoolVar(&cfg.analyzer.Demonyms, "demonyms", false, "also report demonyms (الأميركية) as mentions of their place")
	fs.StringVar(&cfg.analyzer.Model, "model", "", "use the topic classifier saved in `FILE` (topics.Classifier.WriteTo) instead of the default topic model")
	fs.StringVar(&cfg.analyzer.NerModel, "ner-model", "", "tag names with the model in `FILE` (examples/entities train) instead of the embedded one")
	fs.StringVar(&cfg.analyzer.KeywordSpace, "keyword-space", "", "score keywords against the document frequencies saved in `FILE` (archive fit, tfidf.Space.WriteTo) instead of the embedded background")
	fs.BoolVar(&cfg.analyzer.Sources, "sources", false, "give each JSONL article's \"source\" to the topic model, alone and paired with each region term (for a -model trained by topics train -sources)")
	fs.IntVar(&cfg.workers, "j", 0, "analyse `N` articles at a time (default GOMAXPROCS); output keeps input order")
	fs.IntVar(&cfg.analyzer.Keywords, "keywords", 10, "print the `N` best keywords (0: none)")
	fs.IntVar(&cfg.analyzer.Topics, "topics", 3, "print the `N` best topics (0: every topic)")
	fs.BoolVar(&cfg.jsonl, "jsonl", false, "read standard input and named files as JSONL articles whatever their name")
	fs.StringVar(&cfg.progress, "progress", "auto", "progress bar on standard error: auto (when it is a terminal), on or off")
	fs.BoolVar(&cfg.stats, "stats", false, "print the elapsed time, articles/s and memory used on standard error at the end")
	fs.StringVar(&cfg.names, "names", "ar", "ninjs: name entities and topics in `LANG` ar (Arabic) or en (English where known)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: analyze [flags] INPUT...   (files, directories of *.txt and *.jsonl, - for standard input)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg.analyzer.Gazetteers = gazetteers
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if err := cfg.check(); err != nil {
		fmt.Fprintf(stderr, "analyze: %v\n", err)
		return 2
	}
	if cfg.workers == 0 {
		cfg.workers = runtime.GOMAXPROCS(0)
	}

	an, err := newAnalyzer(cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "analyze: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	b := &batch{
		cfg:      cfg,
		analyzer: an,
		inputs:   fs.Args(),
		stdin:    stdin,
		stdout:   stdout,
		stderr:   stderr,
		progress: newProgress(cfg.progress, stderr),
	}
	return b.run(ctx)
}

// check rejects flag values and combinations that make no sense, rather
// than ignoring them.
func (c *config) check() error {
	known := false
	for _, f := range formats {
		known = known || c.format == f
	}
	switch {
	case !known:
		return fmt.Errorf("unknown -format %q (want %s)", c.format, strings.Join(formats, ", "))
	case c.workers < 0:
		return fmt.Errorf("-j %d: want 1 or more (0: GOMAXPROCS)", c.workers)
	case c.analyzer.Keywords < 0:
		return fmt.Errorf("-keywords %d: want 0 or more", c.analyzer.Keywords)
	case c.analyzer.Topics < 0:
		return fmt.Errorf("-topics %d: want 0 or more", c.analyzer.Topics)
	case c.format == "ninjs" && (c.tokens || c.unicodeOffsets):
		return errors.New("-tokens and -unicode-offsets do not apply to -format ninjs")
	case c.progress != "auto" && c.progress != "on" && c.progress != "off":
		return fmt.Errorf("unknown -progress %q (want auto, on or off)", c.progress)
	case c.names != "ar" && c.names != "en":
		return fmt.Errorf("unknown -names %q (want ar or en)", c.names)
	case c.names != "ar" && c.format != "ninjs":
		return errors.New("-names applies to -format ninjs only")
	}
	return nil
}
