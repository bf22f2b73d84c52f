package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
)

// batch analyses every article of the inputs with a pool of workers and
// writes the results in input order.
type batch struct {
	cfg      config
	analyzer *analyzer
	inputs   []string
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	progress *progress
}

// result is one job done: its rendered output, or its analysis to be
// written when its turn comes, or why it failed.
type result struct {
	seq      int
	loc      location
	out      []byte
	analysis *khabar.Analysis // written by the writer when out is nil
	job      job
	warnings []string
	err      error
}

// renderAhead is the longest analysed text whose output a worker renders
// ahead of its turn. The output of a longer one — with -tokens, a hundred
// bytes and more per byte of text — is streamed to the output by the
// writer when its turn comes, so that it is never held in memory.
const renderAhead = 64 << 10

// failure is an input that gave no result.
type failure struct {
	loc location
	err error
}

// run analyses the batch and returns the exit status.
//
// A producer reads the inputs into jobs, cfg.workers workers analyse and
// render them, and this goroutine writes the results in input order. A
// semaphore of 4×workers slots, taken when a job is made and given back
// when its result is written, bounds the articles held in memory however
// long the batch and however slow one article.
func (b *batch) run(parent context.Context) int {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	start := time.Now()
	window := 4 * b.cfg.workers
	slots := make(chan struct{}, window)
	jobs := make(chan job)
	results := make(chan result, window)

	go func() {
		defer close(jobs)
		produce(ctx, b.inputs, b.cfg.jsonl, b.stdin, func(j job) bool {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	for range b.cfg.workers {
		wg.Go(func() {
			for j := range jobs {
				results <- b.process(ctx, j)
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	if b.progress.on {
		go func() {
			n, known := count(ctx, b.inputs, b.cfg.jsonl)
			if known {
				b.progress.setTotal(n)
			}
		}()
	}

	out := bufio.NewWriterSize(b.stdout, 64<<10)
	var (
		failures []failure
		writeErr error
		done     int
	)
	pending := map[int]result{}
	next := 0
	// write writes the results that are next in input order.
	write := func() {
		for writeErr == nil {
			r, ok := pending[next]
			if !ok {
				return
			}
			delete(pending, next)
			next++
			<-slots
			done++
			if r.err != nil {
				failures = append(failures, failure{r.loc, r.err})
				if b.progress.on {
					b.progress.message(fmt.Sprintf("analyze: %s: %v", r.loc, r.err))
				}
			} else {
				var err error
				if r.out != nil {
					_, err = out.Write(r.out)
				} else {
					err = b.emit(out, r.analysis, r.job)
				}
				if err != nil {
					writeErr = err
					return
				}
				for _, w := range r.warnings {
					b.progress.message(fmt.Sprintf("analyze: %s: %s", r.loc, w))
				}
			}
			b.progress.update(done, len(failures))
		}
	}
	// Stop at the end, at a failed write or at an interrupt, without
	// waiting for the producer: it may be blocked reading standard input.
loop:
	for writeErr == nil {
		select {
		case r, ok := <-results:
			if !ok {
				break loop
			}
			pending[r.seq] = r
			write()
			if len(results) == 0 && writeErr == nil {
				// Nothing else ready: let a reader downstream see what is done.
				writeErr = out.Flush()
			}
		case <-parent.Done():
			break loop
		}
	}
	cancel()
	if writeErr == nil {
		writeErr = out.Flush()
	}
	b.progress.finish(done, len(failures))
	if b.cfg.stats {
		writeStats(b.stderr, done, time.Since(start))
	}
	code := 0
	if parent.Err() != nil {
		// Articles cut short by the interrupt are not failures.
		failures = slices.DeleteFunc(failures, func(f failure) bool { return errors.Is(f.err, context.Canceled) })
	}
	if len(failures) > 0 {
		fmt.Fprintf(b.stderr, "analyze: %d of %d inputs failed:\n", len(failures), done)
		for _, f := range failures {
			fmt.Fprintf(b.stderr, "  %s: %v\n", f.loc, f.err)
		}
		code = 1
	}
	if writeErr != nil {
		fmt.Fprintf(b.stderr, "analyze: writing output: %v\n", writeErr)
		code = 1
	}
	if parent.Err() != nil {
		fmt.Fprintf(b.stderr, "analyze: interrupted after %d inputs\n", done)
		code = 130
	}
	return code
}

// process analyses and renders one job.
func (b *batch) process(ctx context.Context, j job) result {
	r := result{seq: j.seq, loc: j.loc, err: j.err}
	if j.err != nil {
		return r
	}
	var a *khabar.Analysis
	if j.plain {
		a, r.err = b.analyzer.Analyze(ctx, j.text)
	} else {
		a, r.err = b.analyzer.AnalyzeArticle(ctx, j.art.Article)
	}
	if r.err != nil {
		r.err = cli.ArticleError(r.err)
		return r
	}
	a.Warnings = append(a.Warnings, j.art.Warnings...)
	r.warnings = a.Warnings
	if len(a.Text) > renderAhead {
		r.analysis, r.job = a, j
		return r
	}
	r.out, r.err = b.render(a, j)
	return r
}
