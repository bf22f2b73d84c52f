package main

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
)

// analyzeCommand is archive analyze: analyze -format jsonl over an
// archive.
func analyzeCommand() *command {
	c := newCommand("analyze", "the analyses of every article, as analyze -format jsonl prints them", true)
	c.outputs = []string{"analyses"}
	var cfg cli.AnalyzerConfig
	var gazetteers cli.Files
	analyzerFlags(c.flags, &cfg, &gazetteers)
	c.flags.StringVar(&cfg.Model, "model", "", "use the topic classifier saved in `FILE` (topics.Classifier.WriteTo) instead of the default topic model")
	c.flags.BoolVar(&cfg.Sources, "sources", false, "give each article's \"source\" to the topic model (for a -model trained by topics train -sources)")
	c.flags.StringVar(&cfg.KeywordSpace, "keyword-space", "", "score keywords against the document frequencies saved in `FILE` (archive fit) instead of the embedded background")
	c.flags.IntVar(&cfg.Keywords, "keywords", 10, "list the `N` best keywords (0: none)")
	c.flags.IntVar(&cfg.Topics, "topics", 3, "list the `N` best topics (0: every topic)")
	c.checkFlags = func() error {
		switch {
		case cfg.Keywords < 0:
			return fmt.Errorf("-keywords %d: want 0 or more", cfg.Keywords)
		case cfg.Topics < 0:
			return fmt.Errorf("-topics %d: want 0 or more", cfg.Topics)
		}
		return nil
	}
	var sp analyzerSpec
	c.prepare = func(ctx context.Context, local bool, stderr io.Writer) error {
		cfg.Gazetteers = gazetteers
		var err error
		sp, err = spec(ctx, cfg, local, stderr)
		return err
	}
	c.build = func(s beam.Scope, lines beam.PCollection, run string) beam.PCollection {
		analyses, dead := analyzeArticles(s, lines, sp, c.c.workers)
		writeLines(s, analyses, c.c.output, "analyses", "analyses", run, c.c.shardBytes())
		return dead
	}
	c.report = func(counts map[string]int64, stdout io.Writer) int {
		return reportCounts(stdout, c.name, counts, counts["lines:analyses"], "analyses", shardPattern(c.c.output, "analyses"), shardPattern(c.c.output, "dead-letters"))
	}
	return c
}

// fitCommand is archive fit: the keyword space of an archive.
func fitCommand() *command {
	c := newCommand("fit", "the archive's keyword space (document frequencies) for -keyword-space", false)
	var o spaceOptions
	c.flags.IntVar(&o.MinDF, "min-df", 1, "keep the terms of at least `N` articles (a large archive: 2 or more keeps the file small; rarer terms score as unseen)")
	c.flags.Float64Var(&o.MaxDF, "max-df", 1, "drop the terms of more than the fraction `F` of the articles")
	c.flags.IntVar(&o.MaxFeatures, "max-features", 0, "keep the `N` most frequent terms at most (0: no limit)")
	c.prepare = func(context.Context, bool, io.Writer) error { return nil }
	c.checkFlags = func() error {
		switch {
		case o.MinDF < 1:
			return fmt.Errorf("-min-df %d: want 1 or more", o.MinDF)
		case !(o.MaxDF > 0 && o.MaxDF <= 1):
			return fmt.Errorf("-max-df %v: want a fraction in (0, 1]", o.MaxDF)
		case o.MaxFeatures < 0:
			return fmt.Errorf("-max-features %d: want 0 (no limit) or more", o.MaxFeatures)
		}
		return nil
	}
	c.build = func(s beam.Scope, lines beam.PCollection, _ string) beam.PCollection {
		return fitSpace(s, lines, c.c.output, o, c.c.workers)
	}
	c.report = func(counts map[string]int64, stdout io.Writer) int {
		dir, prefix := c.deadLetters()
		code := reportCounts(stdout, c.name, counts, counts["articles"], "articles counted", c.c.output, shardPattern(dir, prefix))
		if counts["space-terms"] == 0 {
			fmt.Fprintf(stdout, "archive fit: no keyword space written: %s\n", noSpace(counts["articles"], o))
			return 1
		}
		fmt.Fprintf(stdout, "archive fit: %s: %d terms of %d articles\n", c.c.output, counts["space-terms"], counts["space-articles"])
		return code
	}
	return c
}

// noSpace says why no keyword space was written.
func noSpace(articles int64, o spaceOptions) string {
	if articles == 0 {
		return "no article to learn from"
	}
	return fmt.Sprintf("no term is left from %d articles with -min-df %d -max-df %v -max-features %d", articles, o.MinDF, o.MaxDF, o.MaxFeatures)
}

// entitiesCommand is archive entities: entity statistics and new names.
func entitiesCommand() *command {
	c := newCommand("entities", "statistics of every entity, and the new names as a draft gazetteer", true)
	c.outputs = []string{"entities", suggestionsFile}
	var cfg cli.AnalyzerConfig
	var gazetteers cli.Files
	analyzerFlags(c.flags, &cfg, &gazetteers)
	o := entityOptions{}
	c.flags.IntVar(&o.MinArticles, "min-articles", 2, "suggest the new names of at least `N` articles")
	c.flags.IntVar(&o.Examples, "examples", 3, "keep `N` example contexts of each new name")
	c.flags.IntVar(&o.With, "with", 10, "list the `N` entities met most often in the same articles")
	c.checkFlags = func() error {
		switch {
		case o.MinArticles < 1:
			return fmt.Errorf("-min-articles %d: want 1 or more", o.MinArticles)
		case o.Examples < 0:
			return fmt.Errorf("-examples %d: want 0 or more", o.Examples)
		case o.With < 0:
			return fmt.Errorf("-with %d: want 0 or more", o.With)
		}
		return nil
	}
	var sp analyzerSpec
	c.prepare = func(ctx context.Context, local bool, stderr io.Writer) error {
		cfg.Gazetteers = gazetteers
		cfg.Layers = khabar.Structure | khabar.Entities
		var err error
		sp, err = spec(ctx, cfg, local, stderr)
		return err
	}
	c.build = func(s beam.Scope, lines beam.PCollection, run string) beam.PCollection {
		ents, dead := entityStatistics(s, lines, sp, c.c.workers, o, joinPath(c.c.output, suggestionsFile))
		writeLines(s, ents, c.c.output, "entities", "entities", run, c.c.shardBytes())
		return dead
	}
	c.report = func(counts map[string]int64, stdout io.Writer) int {
		code := reportCounts(stdout, c.name, counts, counts["articles"], "articles analysed", shardPattern(c.c.output, "entities"), shardPattern(c.c.output, "dead-letters"))
		fmt.Fprintf(stdout, "archive entities: %d entities; new names in at least %d articles: %d (%s)\n",
			counts["lines:entities"], o.MinArticles, counts["suggestions"], joinPath(c.c.output, suggestionsFile))
		if n := counts["unreadable-dates"]; n > 0 {
			fmt.Fprintf(stdout, "archive entities: %d articles have a date in a form not read (they count without a date)\n", n)
		}
		return code
	}
	return c
}
