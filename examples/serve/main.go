// Command serve runs Khabar as an HTTP service: a JSON API for a CMS or a
// tagging pipeline, and a page where an editor pastes an article and sees
// its people, places and organisations highlighted.
//
// Usage:
//
//	go run ./examples/serve [flags]
//	go run ./examples/serve -addr 127.0.0.1:8080 -model topics.bin -gazetteer extra.tsv
//
// Then open http://127.0.0.1:8080/, or call the API:
//
//	curl -s -H 'Content-Type: text/plain; charset=utf-8' --data-binary @testdata/articles/politics.txt http://127.0.0.1:8080/v1/analyze
//	curl -s -H 'Content-Type: application/json' -d '{"id":"1","title":"…","text":"…"}' http://127.0.0.1:8080/v1/analyze
//
// # API
//
//	POST /v1/analyze   plain text (text/plain, UTF-8; first line = title)
//	                   or a JSON article {"id","title","text"[,"source"]} (application/json);
//	                   answers the khabar.Analysis object, the same JSON as
//	                   `analyze -format json` (id, title, language,
//	                   sentence_count, sentences, entities, topics, keywords,
//	                   structure, warnings), plus "body_start" when a JSON
//	                   article's title was put before its text.
//	GET  /healthz      {"status":"ok"}
//	GET  /             the highlighting page
//
// Offsets are 0-based byte offsets into the UTF-8 text, end exclusive.
// Errors are {"error": "…"} with status 400 (malformed JSON), 404, 405
// (wrong method), 413 (body over -max-bytes), 415 (content type or
// charset), 422 (no text to analyse) or 503 (too busy to start within
// -max-queue-wait, with Retry-After; analysis over -analyze-timeout). See
// package examples/serve/internal/server for the details.
//
// # Flags
//
// -gazetteer adds a gazetteer file in any format the gazetteer package
// reads (repeatable; later files win) to the embedded default, which
// -no-default-gazetteer leaves out; -demonyms reports demonyms
// (الأميركية) as mentions of their place. -ner-model tags names with a
// model trained by `examples/entities train` instead of the embedded one.
// -model uses a topic classifier
// saved by topics.Classifier.WriteTo instead of the default topic model;
// -sources gives it the "source" of JSON articles (for a model trained by
// topics train -sources). -keyword-space scores keywords against the
// document frequencies saved by tfidf.Space.WriteTo (examples/archive fit
// writes them from a whole archive) instead of the embedded background.
// -topics and -keywords bound how many of each an answer lists.
//
// The server builds one Analyzer at start and shares it. A request's
// analysis starts when its turn comes: requests of more than a sixteenth
// of -max-inflight-bytes (default -max-bytes) are large and wait,
// first come first served, until the bytes of large requests in analysis
// fit in that budget (one runs alone whatever its size); smaller ones
// wait only for one of -max-concurrent slots. So a few large articles
// queue among themselves while small ones keep flowing, and the memory of
// the analyses in progress stays bounded. A request that would wait
// longer than -max-queue-wait for its turn is answered 503 with a
// Retry-After header. Reading a request, writing an answer and idle
// keep-alive connections are bounded by timeouts. On
// SIGINT or SIGTERM the server stops accepting connections, lets the
// requests in flight finish (for up to -shutdown-timeout) and exits 0.
// Exit status: 0 after a clean shutdown, 1 when the server cannot start
// or stops on an error, 2 for a usage error.
//
// # Tests and load
//
// go test ./examples/serve/... runs the API suite and, when Chromium is
// installed (or KHABAR_E2E=1, when its absence is a failure), drives the
// page in headless Chromium; KHABAR_E2E_SCREENSHOTS=DIR also saves
// screenshots of the page at a phone's and a desktop's width. The load
// test posts the test articles from 50 clients for 30 s and reports
// requests/s, p50/p90/p99 latency and errors:
//
//	go run ./examples/serve/loadtest                                  # in-process server
//	go run ./examples/serve/loadtest -url http://127.0.0.1:8080       # a running one
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/examples/serve/internal/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(code)
}

// config is what the flags ask for.
type config struct {
	addr            string
	gazetteers      cli.Files
	noDefault       bool
	demonyms        bool
	model           string
	nerModel        string
	sources         bool
	keywordSpace    string
	topics          int
	keywords        int
	maxBytes        int64
	maxConcurrent   int
	maxInflight     int64
	maxQueueWait    time.Duration
	analyzeTimeout  time.Duration
	shutdownTimeout time.Duration
	accessLog       bool
}

// run is the program without its process: it serves until ctx is done and
// returns the exit status. It writes "listening on http://ADDR/" to stderr
// once the server accepts connections.
func run(ctx context.Context, args []string, stderr io.Writer) int {
	var cfg config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0 picks a free one)")
	fs.Var(&cfg.gazetteers, "gazetteer", "add a gazetteer `FILE` (any supported format; repeatable; later files win)")
	fs.BoolVar(&cfg.noDefault, "no-default-gazetteer", false, "leave the embedded default gazetteer out")
	fs.BoolVar(&cfg.demonyms, "demonyms", false, "also report demonyms (الأميركية) as mentions of their place")
	fs.StringVar(&cfg.model, "model", "", "use the topic classifier saved in `FILE` (topics.Classifier.WriteTo) instead of the default topic model")
	fs.StringVar(&cfg.nerModel, "ner-model", "", "tag names with the model in `FILE` (examples/entities train) instead of the embedded one")
	fs.BoolVar(&cfg.sources, "sources", false, "give each JSON article's \"source\" to the topic model (for a -model trained by topics train -sources)")
	fs.StringVar(&cfg.keywordSpace, "keyword-space", "", "score keywords against the document frequencies saved in `FILE` (archive fit, tfidf.Space.WriteTo) instead of the embedded background")
	fs.IntVar(&cfg.topics, "topics", 5, "list the `N` best topics (0: every topic of the model)")
	fs.IntVar(&cfg.keywords, "keywords", 10, "list the `N` best keywords (0: none)")
	fs.Int64Var(&cfg.maxBytes, "max-bytes", server.DefaultMaxBytes, "largest request body in `BYTES`; larger ones are answered 413")
	fs.IntVar(&cfg.maxConcurrent, "max-concurrent", 0, "analyse at most `N` small requests at once (default 2×GOMAXPROCS)")
	fs.Int64Var(&cfg.maxInflight, "max-inflight-bytes", 0, "analyse large requests together up to `BYTES` (default -max-bytes); the others queue")
	fs.DurationVar(&cfg.maxQueueWait, "max-queue-wait", server.DefaultMaxQueueWait, "answer 503 with Retry-After to a request that would wait longer than `D` for its turn")
	fs.DurationVar(&cfg.analyzeTimeout, "analyze-timeout", server.DefaultAnalyzeTimeout, "give up on one analysis after `D` (503)")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 15*time.Second, "on SIGINT/SIGTERM, wait up to `D` for requests in flight")
	fs.BoolVar(&cfg.accessLog, "access-log", true, "log one line per request on standard error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: serve [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if err := cfg.check(); err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 2
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	start := time.Now()
	a, err := newAnalyzer(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	scfg := server.Config{MaxBytes: cfg.maxBytes, MaxConcurrent: cfg.maxConcurrent, AnalyzeTimeout: cfg.analyzeTimeout,
		MaxInflightBytes: cfg.maxInflight, MaxQueueWait: cfg.maxQueueWait}
	if cfg.accessLog {
		scfg.Log = logger
	}
	h, err := server.New(a, scfg)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	srv := server.NewHTTPServer(cfg.addr, h)
	srv.ErrorLog = slog.NewLogLogger(logger.Handler(), slog.LevelWarn)
	fmt.Fprintf(stderr, "serve: analyzer ready in %v; listening on http://%s/\n", time.Since(start).Round(time.Millisecond), ln.Addr())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "serve: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintf(stderr, "serve: shutdown: %v\n", err)
		srv.Close()
		return 1
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "serve: stopped")
	return 0
}

// check rejects flag values that make no sense, rather than ignoring them.
func (c *config) check() error {
	switch {
	case c.topics < 0:
		return fmt.Errorf("-topics %d: want 0 or more", c.topics)
	case c.keywords < 0:
		return fmt.Errorf("-keywords %d: want 0 or more", c.keywords)
	case c.maxBytes <= 0:
		return fmt.Errorf("-max-bytes %d: want more than 0", c.maxBytes)
	case c.maxConcurrent < 0:
		return fmt.Errorf("-max-concurrent %d: want 0 (default) or more", c.maxConcurrent)
	case c.maxInflight < 0:
		return fmt.Errorf("-max-inflight-bytes %d: want 0 (default) or more", c.maxInflight)
	case c.maxQueueWait <= 0:
		return fmt.Errorf("-max-queue-wait %v: want more than 0", c.maxQueueWait)
	case c.analyzeTimeout <= 0:
		return fmt.Errorf("-analyze-timeout %v: want more than 0", c.analyzeTimeout)
	case c.shutdownTimeout <= 0:
		return fmt.Errorf("-shutdown-timeout %v: want more than 0", c.shutdownTimeout)
	case c.noDefault && len(c.gazetteers) == 0:
		return errors.New("-no-default-gazetteer needs at least one -gazetteer FILE")
	}
	return nil
}

// newAnalyzer builds the one Analyzer the server shares.
func newAnalyzer(cfg config) (*khabar.Analyzer, error) {
	opts := []khabar.Option{
		khabar.WithEntityOptions(entities.WithDemonyms(cfg.demonyms)),
		khabar.WithKeywords(cfg.keywords),
		khabar.WithMaxTopics(cfg.topics),
		// The server's body limit decides; the analyzer's must not be lower.
		khabar.WithMaxBytes(int(max(cfg.maxBytes, khabar.DefaultMaxBytes))),
	}
	if cfg.noDefault {
		opts = append(opts, khabar.WithoutDefaultGazetteer())
	}
	if len(cfg.gazetteers) > 0 {
		opts = append(opts, khabar.WithGazetteerFiles(cfg.gazetteers...))
	}
	if cfg.model != "" {
		m, err := cli.ReadModel(cfg.model)
		if err != nil {
			return nil, err
		}
		opts = append(opts, khabar.WithTopicModel(m))
	}
	if cfg.sources {
		opts = append(opts, khabar.WithSources())
	}
	nerOpts, err := cli.EntityModel(cfg.nerModel)
	if err != nil {
		return nil, err
	}
	opts = append(opts, nerOpts...)
	if cfg.keywordSpace != "" {
		s, err := cli.ReadKeywordSpace(cfg.keywordSpace)
		if err != nil {
			return nil, err
		}
		opts = append(opts, khabar.WithKeywordSpace(s))
	}
	return khabar.New(opts...)
}
