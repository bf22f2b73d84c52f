package main

import (
	"bufio"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
)

// runNames writes the annotated names of the input files as a typed list.
func runNames(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("entities names", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	splitPath := fs.String("split", "", "list the names of one part of the CoNLL input, as listed in the split `FILE`; see -part")
	part := fs.String("part", "", "the `PART` of -split (tune)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 || (*splitPath == "") != (*part == "") {
		fmt.Fprintln(stderr, "entities names: want FILE..., and -split with -part")
		fs.Usage()
		return 2
	}
	var split *cli.SentenceSplit
	if *splitPath != "" {
		var err error
		if split, err = cli.ReadSentenceSplit(*splitPath); err != nil {
			fmt.Fprintf(stderr, "entities names: %v\n", err)
			return 1
		}
	}
	type name struct {
		typ, text string
		count     int
	}
	byName := map[[2]string]*name{}
	var names []*name
	for _, path := range fs.Args() {
		docs, err := readDocs(path, split, *part, 1)
		if err != nil {
			fmt.Fprintf(stderr, "entities names: %v\n", err)
			return 1
		}
		for _, d := range docs {
			for _, s := range d.Spans {
				if s.Type == corpus.MISC {
					continue
				}
				text := strings.Join(strings.Fields(d.Text[s.Start:s.End]), " ")
				k := [2]string{s.Type, text}
				n := byName[k]
				if n == nil {
					n = &name{typ: s.Type, text: text}
					byName[k] = n
					names = append(names, n)
				}
				n.count++
			}
		}
	}
	slices.SortStableFunc(names, func(a, b *name) int { return cmp.Compare(b.count, a.count) })
	w := bufio.NewWriter(stdout)
	fmt.Fprintln(w, "type\tsurface\tcount")
	for _, n := range names {
		fmt.Fprintf(w, "%s\t%s\t%d\n", n.typ, n.text, n.count)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "entities names: %v\n", err)
		return 1
	}
	return 0
}
