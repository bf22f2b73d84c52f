// Command loadtest measures examples/serve under load: N clients post
// test articles to POST /v1/analyze, each as soon as its last answer came,
// for a fixed time, then it reports requests per second, latency
// percentiles and errors. It exits 1 when any request failed.
//
// Usage, from the repository's root:
//
//	go run ./examples/serve/loadtest                       # in-process server, 50 clients, 30 s
//	go run ./examples/serve/loadtest -c 50 -d 30s -url http://127.0.0.1:8080
//
// Without -url it starts the server in the same process, on a free
// loopback port, with the default Analyzer and the server's defaults, so
// the clients and the server share the machine's CPUs. With -url it
// targets a running server (start it with -access-log=false to measure
// the analysis rather than the log).
//
// Articles are the files matched by -articles (default the repository's
// testdata/articles/*.txt), sent in turn, alternately as plain text and as
// a JSON article ({"id","text"}), or only one way with -mode text|json.
// Before the clock starts, each article is sent once and its answer is
// checked (status 200, entities found, every mention's offsets naming its
// text). During the run a request counts as an error unless it is
// answered 200 with a JSON object.
//
// # Large requests
//
// -large N adds N clients that post, back to back, one long plain-text
// article of -large-bytes bytes (default 1 MiB, the server's default
// limit) built from the same articles, to see whether the server stays
// fair: the small requests' latency is then reported apart from the large
// ones'. A large request the server sheds with 503 and a Retry-After
// header (it would have waited too long for its turn) is counted as shed,
// not as an error, and its client comes back after the time the header
// gives. The peak resident memory of the server is reported
// when it can be read: the in-process server's (the whole process, the
// clients' request bodies included), or with -pid that of the server
// process at -url (Linux, from /proc). The check of fairness:
//
//	go run ./examples/serve/loadtest -c 2 -large 8 -d 30s
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/serve/internal/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// request is one prepared request body.
type request struct {
	name, contentType string
	body              []byte
	text              string // the analysed text, to check offsets against
}

// result is what one client saw.
type result struct {
	large     bool
	latencies []time.Duration
	errors    int
	shed      int // large requests answered 503 with Retry-After
	firstErr  error
	bytes     int64
}

// shedError is a 503 answer with a Retry-After header.
type shedError struct {
	retryAfter time.Duration
	body       []byte
}

func (e *shedError) Error() string {
	return fmt.Sprintf("shed: 503, retry after %v: %.200s", e.retryAfter, e.body)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "", "target server `URL` (default: start one in this process)")
	clients := fs.Int("c", 50, "`N` concurrent clients")
	duration := fs.Duration("d", 30*time.Second, "run for `D`")
	pattern := fs.String("articles", "testdata/articles/*.txt", "`GLOB` of plain-text articles to send")
	mode := fs.String("mode", "mixed", "send articles as text, json or mixed (alternately)")
	timeout := fs.Duration("timeout", 30*time.Second, "give up on one request after `D` (an error)")
	large := fs.Int("large", 0, "`N` more clients posting one long article each, back to back")
	largeBytes := fs.Int("large-bytes", server.DefaultMaxBytes, "size of the long article in `BYTES`")
	pid := fs.Int("pid", 0, "report the peak memory of the server process `PID` at -url (Linux)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *clients < 1 || *duration <= 0 || *timeout <= 0 || (*mode != "mixed" && *mode != "text" && *mode != "json") ||
		*large < 0 || *largeBytes < 1024 || *pid < 0 {
		fmt.Fprintln(stderr, "loadtest: want -c ≥ 1, -d and -timeout > 0, -mode text|json|mixed, -large ≥ 0, -large-bytes ≥ 1024, -pid ≥ 0, and no arguments")
		return 2
	}
	reqs, avg, err := prepare(*pattern, *mode)
	if err != nil {
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		return 2
	}
	var long request
	if *large > 0 {
		long = longArticle(reqs, *largeBytes)
	}

	target, where := *url, "server at "+*url
	if target == "" {
		base, stop, err := startServer()
		if err != nil {
			fmt.Fprintf(stderr, "loadtest: %v\n", err)
			return 1
		}
		defer stop()
		target, where = base, fmt.Sprintf("in-process server at %s", base)
	}
	endpoint := target + "/v1/analyze"
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: *clients, MaxIdleConnsPerHost: *clients, MaxConnsPerHost: *clients,
		DisableCompression: true, IdleConnTimeout: time.Minute,
	}}
	defer client.CloseIdleConnections()

	for _, r := range reqs {
		if err := check(ctx, client, endpoint, r, *timeout); err != nil {
			fmt.Fprintf(stderr, "loadtest: checking %s: %v\n", r.name, err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "loadtest: %d clients for %v against the %s (GOMAXPROCS=%d); %d articles (%s), %d request bodies, average %.1f KB\n",
		*clients, *duration, where, runtime.GOMAXPROCS(0), len(reqs)/modeCount(*mode), *pattern, len(reqs), avg/1024)
	if *large > 0 {
		fmt.Fprintf(stdout, "loadtest: and %d clients posting a %d-byte article\n", *large, len(long.body))
		client.Transport.(*http.Transport).MaxConnsPerHost += *large
	}

	runCtx, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()
	results := make([]result, *clients+*large)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range results {
		wg.Go(func() {
			res := &results[c]
			res.large = c >= *clients
			for i := c; runCtx.Err() == nil; i++ {
				r := reqs[i%len(reqs)]
				if res.large {
					r = long
				}
				t0 := time.Now()
				n, err := send(ctx, client, endpoint, r, *timeout)
				var shed *shedError
				if res.large && errors.As(err, &shed) {
					// Come back when the server says, as a client should.
					res.shed++
					select {
					case <-time.After(shed.retryAfter):
					case <-runCtx.Done():
					}
					continue
				}
				if err != nil {
					if runCtx.Err() != nil && res.large {
						break // cut short by the end of the run
					}
					res.errors++
					if res.firstErr == nil {
						res.firstErr = fmt.Errorf("%s: %w", r.name, err)
					}
					continue
				}
				res.latencies = append(res.latencies, time.Since(t0))
				res.bytes += n
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	var all, small, big []time.Duration
	errCount, shed, sent := 0, 0, int64(0)
	var firstErr error
	for _, r := range results {
		all = append(all, r.latencies...)
		if r.large {
			big = append(big, r.latencies...)
		} else {
			small = append(small, r.latencies...)
		}
		errCount += r.errors
		shed += r.shed
		sent += r.bytes
		if firstErr == nil {
			firstErr = r.firstErr
		}
	}
	slices.Sort(all)
	ok := len(all)
	fmt.Fprintf(stdout, "requests: %d answered in %v: %.1f requests/s, %.2f MB/s of article text\n",
		ok, elapsed.Round(time.Millisecond), float64(ok)/elapsed.Seconds(), float64(sent)/elapsed.Seconds()/1e6)
	if ok > 0 {
		fmt.Fprintf(stdout, "latency: p50 %v, p90 %v, p99 %v, max %v\n",
			pct(all, 50), pct(all, 90), pct(all, 99), all[len(all)-1].Round(time.Microsecond))
	}
	if *large > 0 {
		for _, part := range []struct {
			name string
			lat  []time.Duration
		}{{"small", small}, {"large", big}} {
			slices.Sort(part.lat)
			if len(part.lat) == 0 {
				fmt.Fprintf(stdout, "%s: none answered\n", part.name)
				continue
			}
			fmt.Fprintf(stdout, "%s: %d answered, p50 %v, p90 %v, p99 %v, max %v\n", part.name, len(part.lat),
				pct(part.lat, 50), pct(part.lat, 90), pct(part.lat, 99), part.lat[len(part.lat)-1].Round(time.Microsecond))
		}
		fmt.Fprintf(stdout, "shed: %d large requests answered 503 with Retry-After\n", shed)
	}
	if *url == "" || *pid > 0 {
		if rss, err := peakRSS(*pid); err == nil {
			fmt.Fprintf(stdout, "rss: peak %.0f MB\n", float64(rss)/1e6)
		}
	}
	fmt.Fprintf(stdout, "errors: %d\n", errCount)
	if errCount > 0 {
		fmt.Fprintf(stderr, "loadtest: first error: %v\n", firstErr)
		return 1
	}
	if ok == 0 {
		fmt.Fprintln(stderr, "loadtest: no request was answered")
		return 1
	}
	return 0
}

func modeCount(mode string) int {
	if mode == "mixed" {
		return 2
	}
	return 1
}

// pct returns the p-th percentile of sorted latencies (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	i = min(max(i-1, 0), len(sorted)-1)
	return sorted[i].Round(time.Microsecond)
}

// prepare reads the articles and builds the request bodies.
func prepare(pattern, mode string) ([]request, float64, error) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, 0, err
	}
	if len(files) == 0 {
		return nil, 0, fmt.Errorf("no article matches %s (run from the repository's root, or set -articles)", pattern)
	}
	var reqs []request
	total := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, 0, err
		}
		name := filepath.Base(f)
		if mode != "json" {
			reqs = append(reqs, request{name: name + " (text)", contentType: "text/plain; charset=utf-8", body: b, text: string(b)})
			total += len(b)
		}
		if mode != "text" {
			j, err := json.Marshal(map[string]string{"id": name, "text": string(b)})
			if err != nil {
				return nil, 0, err
			}
			reqs = append(reqs, request{name: name + " (json)", contentType: "application/json", body: j, text: string(b)})
			total += len(j)
		}
	}
	return reqs, float64(total) / float64(len(reqs)), nil
}

// longArticle returns a plain-text article of at most size bytes: a
// title, then the bodies of the articles of reqs, repeated.
func longArticle(reqs []request, size int) request {
	var b strings.Builder
	b.WriteString("مقال طويل لاختبار الحمل\n\n")
	for i := 0; ; i++ {
		_, body, _ := strings.Cut(reqs[i%len(reqs)].text, "\n")
		body = strings.TrimSpace(body) + "\n\n"
		if b.Len()+len(body) > size {
			break
		}
		b.WriteString(body)
	}
	text := b.String()
	return request{name: "long article (text)", contentType: "text/plain; charset=utf-8", body: []byte(text), text: text}
}

// send posts one request and reads the whole answer, which must be 200
// and a JSON object; it returns the size of the request body.
func send(ctx context.Context, client *http.Client, endpoint string, r request, timeout time.Duration) (int64, error) {
	body, err := post(ctx, client, endpoint, r, timeout)
	if err != nil {
		return 0, err
	}
	if len(body) < 2 || body[0] != '{' {
		return 0, fmt.Errorf("answer is not a JSON object: %.80q", body)
	}
	return int64(len(r.body)), nil
}

func post(ctx context.Context, client *http.Client, endpoint string, r request, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(r.body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", r.contentType)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "" {
		secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
		if err != nil || secs < 0 {
			return nil, fmt.Errorf("status 503 with a malformed Retry-After %q", resp.Header.Get("Retry-After"))
		}
		return nil, &shedError{time.Duration(secs) * time.Second, body}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d: %.200s", resp.StatusCode, body)
	}
	return body, nil
}

// check sends r once and checks the answer in full.
func check(ctx context.Context, client *http.Client, endpoint string, r request, timeout time.Duration) error {
	body, err := post(ctx, client, endpoint, r, timeout)
	if err != nil {
		return err
	}
	var res struct {
		Entities []struct {
			ID       string `json:"id"`
			Mentions []struct {
				Text       string `json:"text"`
				Start, End int
			} `json:"mentions"`
		} `json:"entities"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		return err
	}
	if len(res.Entities) == 0 {
		return errors.New("no entities")
	}
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.Start > m.End || m.End > len(r.text) || r.text[m.Start:m.End] != m.Text {
				return fmt.Errorf("%s: mention %q at %d:%d does not match the text", e.ID, m.Text, m.Start, m.End)
			}
		}
	}
	return nil
}

// startServer starts examples/serve's handler on a free loopback port and
// returns its base URL and a function that shuts it down.
func startServer() (string, func(), error) {
	a, err := khabar.New()
	if err != nil {
		return "", nil, err
	}
	h, err := server.New(a, server.Config{})
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := server.NewHTTPServer(ln.Addr().String(), h)
	go srv.Serve(ln)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String(), stop, nil
}
