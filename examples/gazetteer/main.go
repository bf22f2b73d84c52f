// Command gazetteer imports, builds, inspects and queries Khabar
// gazetteers.
//
// Usage:
//
//	gazetteer import -format FORMAT [-type TYPE] [-places FILE] [-o OUT] [-out-format tsv|jsonl] FILE...
//	gazetteer build [-gazetteer FILE]... [-no-default] -o OUT
//	gazetteer stats [-gazetteer FILE]... [-no-default] [-json]
//	gazetteer lookup [-gazetteer FILE]... [-no-default] [-json] NAME...
//
// FORMAT is tsv, jsonl, list (one name per line, with -type), typed-list
// (TYPE<TAB>NAME), geonames (alternateNamesV2, with -places
// allCountries.txt or citiesN.txt) or wikidata (a JSON dump). Without
// -gazetteer the embedded default is used; -gazetteer adds files to it,
// later files winning over earlier ones, and -no-default leaves it out.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  gazetteer import -format FORMAT [-type TYPE] [-places FILE] [-o OUT] [-out-format tsv|jsonl] FILE...
  gazetteer build  [-gazetteer FILE]... [-no-default] -o OUT
  gazetteer stats  [-gazetteer FILE]... [-no-default] [-json]
  gazetteer lookup [-gazetteer FILE]... [-no-default] [-json] NAME...
`

// run is the program without its process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmds := map[string]func([]string, io.Writer, io.Writer) int{
		"import": runImport,
		"build":  runBuild,
		"stats":  runStats,
		"lookup": runLookup,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "gazetteer: unknown command %q\n%s", args[0], usage)
		return 2
	}
	return cmd(args[1:], stdout, stderr)
}
