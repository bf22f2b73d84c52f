package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/khabar-nlp/khabar/examples/internal/cli"
)

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("topics train", stderr)
	out := fs.String("o", "", "write the classifier to `FILE` (required)")
	kind := fs.String("classifier", "linear", "`kind` of classifier: linear (logistic regression), centroid (TF-IDF Rocchio) or bayes (multinomial naive Bayes)")
	withEntities := fs.Bool("entities", true, "add the IDs, countries and regions of each article's entities to its features, as the Analyzer gives them to a model (-entities=false is for measuring what they add)")
	withSources := fs.Bool("sources", false, "add each article's \"source\" field, alone and paired with each region term, to its features; analyze and serve then need -sources too")
	file, code, ok := parseFile(fs, args)
	if !ok {
		return code
	}
	switch {
	case *out == "":
		return badUsage(fs, "-o FILE is required")
	case *kind != "linear" && *kind != "centroid" && *kind != "bayes":
		return badUsage(fs, fmt.Sprintf("-classifier %q: want linear, centroid or bayes", *kind))
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "topics train: %v\n", err)
		return 1
	}

	docs, err := cli.ReadLabeled(file)
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	fmt.Fprintf(stderr, "topics train: %d articles from %s; training a %s classifier…\n", len(docs), file, *kind)
	a, err := cli.TopicAnalyzer(cli.TopicFeatures{Entities: *withEntities, Sources: *withSources})
	if err != nil {
		return fail(err)
	}
	if err := cli.TopicDocuments(ctx, a, docs); err != nil {
		return fail(fmt.Errorf("%s: %w", file, err))
	}
	c, err := cli.TrainClassifier(docs, *kind)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", file, err))
	}
	n, err := writeFileAtomic(*out, func(w io.Writer) (int64, error) { return c.WriteTo(w) })
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stderr, "topics train: %s classifier, %d labels %v, %d terms, written to %s (%d bytes) in %v\n",
		c.Kind(), len(c.Labels()), c.Labels(), c.Space().Vectorizer().Len(), *out, n, time.Since(start).Round(time.Millisecond))
	return 0
}

// writeFileAtomic writes path through write into a temporary file of the
// same directory, renamed to path only when everything was written, so
// that a failure never leaves a partial file. It returns the bytes
// written.
func writeFileAtomic(path string, write func(io.Writer) (int64, error)) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	bw := bufio.NewWriter(tmp)
	err = tmp.Chmod(0o644) // CreateTemp makes it private
	var n int64
	if err == nil {
		n, err = write(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	return n, nil
}
