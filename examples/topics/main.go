// Command topics trains topic classifiers and groups a batch of Arabic
// news articles into stories, with package topics.
//
// Usage:
//
//	go run ./examples/topics train -o FILE [-classifier linear|centroid|bayes] FILE.jsonl
//	go run ./examples/topics keywords [-n N] [-background FILE.jsonl] [-json] FILE|FILE.jsonl
//	go run ./examples/topics cluster [-k N] [-json] FILE.jsonl
//	go run ./examples/topics background -o FILE [-split FILE -part NAME] [-sentences N] [-min-docs K] FILE.conll
//
// # train
//
// train reads labelled articles, one JSON object per line
// {"id","category","title","text"[,"source"]} (topics.ReadLabeledJSONL),
// turns each into the document the Analyzer gives a topic model
// (khabar.Analyzer.TopicDocument: boilerplate left out, the title apart,
// and the IDs, countries and regions of its entities as extra terms),
// learns a TF-IDF space from them (terms in at least two articles,
// sublinear tf, the title counted topics.DefaultTitleWeight times: the
// recipe of examples/evaluate topics, so its scores apply) and trains a
// classifier: linear (multinomial logistic regression, the default),
// centroid (TF-IDF Rocchio) or bayes (multinomial naive Bayes). The
// classifier, with its space, is written to -o in the format
// topics.ReadClassifier reads (the file is written whole or not at all).
// A summary goes to stderr. -entities=false leaves the entity terms out
// (to measure what they add: analyze and serve always give them).
// -sources (off by default) adds the "source" field of each article,
// alone and paired with each region term; analyze and serve then need
// -sources too, and khabar.Analyzer the WithSources option.
//
// # keywords
//
// keywords prints the -n best keywords and keyphrases of a plain-text
// article (FILE, or - for standard input), or of every article of a JSONL
// file ({"id","title","text"} per line; a name ending in .jsonl or a
// first byte '{'), found as analyze finds them (khabar.Analyzer: names
// from the entities, boilerplate left out): score, count and the keyword
// exactly as the article writes it. They are scored against the embedded
// background frequencies (tfidf.DefaultSpace), or against those of an
// archive given with -background (JSONL articles {"title","text"}).
// -json prints {"keywords":[{"term","name","entity","score","count",
// "start","end"}…]}, one line per article (with "id" and "body_start" for
// JSONL), start and end being byte offsets of the occurrence shown in the
// text analysed: the file as read, or a JSONL article's title, a blank
// line and its text.
//
// # cluster
//
// cluster reads articles, one JSON object per line {"id","title","text"}
// plus, optionally, "extra": a list of terms such as entity IDs that take
// part in the features, and "category", which is only shown; blank lines
// are skipped. It groups them with stories.Cluster (TF-IDF, LSA, k-means
// with the number of clusters chosen by silhouette unless -k is given) and
// prints each cluster, largest first, with its c-TF-IDF label terms and its
// articles, closest to the centroid first: similarity, id and title (or
// the beginning of the text). -json prints one object instead:
//
//	{"articles":N,"dimensions":D,"silhouette":S,
//	 "clusters":[{"size":…,"terms":[{"term","key","score"}…],
//	              "members":[{"id","title","category","similarity"}…]}…],
//	 "unclustered":[{"id","title","category"}…]}
//
// ("category" is left out when the input has none). Articles with no
// usable term are listed as unclustered. Progress goes to stderr.
//
// Exit status: 0 on success, 1 on errors (unreadable or malformed input,
// too many clusters for the articles, a file that cannot be written), 2 on
// usage errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := runContext(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage:
  topics train -o FILE [-classifier linear|centroid|bayes] FILE.jsonl
  topics keywords [-n N] [-background FILE.jsonl] [-json] FILE|FILE.jsonl
  topics cluster [-k N] [-json] FILE.jsonl
  topics background -o FILE [-split FILE -part NAME] [-sentences N] [-min-docs K] FILE.conll
`

// run is the program without its process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run with a context that interrupts long work.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "train":
		return runTrain(ctx, args[1:], stdout, stderr)
	case "cluster":
		return runCluster(ctx, args[1:], stdout, stderr)
	case "keywords":
		return runKeywords(args[1:], stdout, stderr)
	case "background":
		return runBackground(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "topics: unknown command %q\n%s", args[0], usage)
	return 2
}

// newFlagSet returns a flag set for a subcommand that prints the usage on
// errors.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFile parses a subcommand's flags, which may come before or after
// its one file argument. It returns the file, or false with the exit
// status when the program must stop: 0 after -h, 2 for a bad flag or a
// wrong number of arguments.
func parseFile(fs *flag.FlagSet, args []string) (string, int, bool) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", 0, false
			}
			return "", 2, false
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch len(files) {
	case 0:
		return "", badUsage(fs, "a FILE.jsonl argument is required"), false
	case 1:
		return files[0], 0, true
	}
	return "", badUsage(fs, fmt.Sprintf("unexpected argument %q", files[1])), false
}

// badUsage prints what is wrong and the usage, and returns the exit status
// of a usage error.
func badUsage(fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(fs.Output(), "%s: %s\n", fs.Name(), msg)
	fs.Usage()
	return 2
}
