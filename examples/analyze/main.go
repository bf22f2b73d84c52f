// Command analyze reads an Arabic news article and prints its analysis:
// its people, places and organisations, its sentences and, with -tokens,
// its tokens.
//
// Usage:
//
//	go run ./examples/analyze [-format text|json] [-tokens] [-unicode-offsets]
//		[-gazetteer FILE]... [-no-default-gazetteer] [-demonyms] FILE
//	go run ./examples/analyze -format json -tokens - < article.txt
//
// FILE "-" reads standard input. All start/end offsets are byte offsets
// into the input exactly as read; -unicode-offsets adds rune and UTF-16
// offsets beside them. -gazetteer adds a gazetteer file in any format the
// gazetteer package reads (repeatable; later files win) to the embedded
// default, which -no-default-gazetteer leaves out.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
)

// errNoDefault says how to leave the default gazetteer out.
var errNoDefault = errors.New("-no-default-gazetteer needs at least one -gazetteer FILE")

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the program without its process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	tokens := fs.Bool("tokens", false, "also print every token")
	unicodeOffsets := fs.Bool("unicode-offsets", false, "add rune and UTF-16 offsets beside byte offsets")
	var gazetteers cli.Files
	fs.Var(&gazetteers, "gazetteer", "add a gazetteer `FILE` (any supported format; repeatable; later files win)")
	noDefault := fs.Bool("no-default-gazetteer", false, "leave the embedded default gazetteer out")
	demonyms := fs.Bool("demonyms", false, "also report demonyms (الأميركية) as mentions of their place")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: analyze [flags] FILE   (FILE - reads standard input)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "analyze: unknown -format %q (want text or json)\n", *format)
		return 2
	}
	name := fs.Arg(0)
	ex, err := newExtractor(gazetteers, *noDefault, *demonyms, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "analyze: %v\n", err)
		return 1
	}
	data, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "analyze: %v\n", err)
		return 1
	}
	doc := analyze(string(data), ex, options{tokens: *tokens, unicodeOffsets: *unicodeOffsets})
	w := bufio.NewWriter(stdout)
	if *format == "json" {
		err = writeJSON(w, doc)
	} else {
		err = writeText(w, name, doc)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "analyze: writing output: %v\n", err)
		return 1
	}
	for _, warning := range doc.Warnings {
		fmt.Fprintf(stderr, "analyze: %s: %s\n", name, warning)
	}
	return 0
}

// maxInput bounds what analyze reads, so that a wrong argument (a disk
// image, /dev/zero) fails clearly instead of exhausting memory.
const maxInput = 64 << 20

func readInput(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > maxInput {
		return nil, errors.New(name + ": input larger than 64 MiB")
	}
	return data, nil
}
