// Package server is the HTTP side of examples/serve: the JSON API over one
// shared khabar.Analyzer, and the page that highlights what it finds.
//
// # API
//
//	POST /v1/analyze   analyse one article
//	GET  /healthz      {"status":"ok"} while the server runs
//	GET  /             the highlighting page (HTML, no external assets)
//
// POST /v1/analyze takes either plain text (Content-Type text/plain, UTF-8;
// the first line is the title) or a JSON article (Content-Type
// application/json): {"id": "…", "title": "…", "text": "…"}, "body" being
// accepted for "text" and a numeric id kept as its digits; an optional
// "source" (the article's feed) is passed on as khabar.Article.Source. It answers 200
// with the khabar.Analysis object, as `analyze -format json` prints it,
// plus "body_start" when a JSON article's title was put before its text.
// Every start/end in it is a 0-based byte offset, end exclusive, into the
// analysed text: the request body for plain text; for a JSON article its
// text, or its title, a blank line and its text (title + "\n\n" + text)
// when the text does not start with the title line, in which case
// "body_start" is the offset where the text begins.
//
// Every error is a JSON object {"error": "…"} with its status: 400 for
// malformed JSON or a JSON article without a "text" (or "body") field
// (null and {} included), 404 for an unknown path, 405 for a wrong method
// (with an Allow header), 413 for a body over the size limit (checked
// first, whatever the content type), 415 for another content type or
// charset, 422 for a text without letters or digits, 503 when the server
// is too busy to start the analysis in time (with a Retry-After header,
// in seconds), when the analysis did not end in time or when the server
// is shutting down. When the client goes away, its analysis is cancelled.
//
// # Admission
//
// A request's analysis starts when its turn comes, by size (see
// [Config.MaxInflightBytes]): requests of more than a sixteenth of the
// byte budget are large, and wait in a queue of their own, first come
// first served, until the bytes of the large requests in analysis fit in
// the budget (one runs alone whatever its size); smaller ones wait only
// for one of [Config.MaxConcurrent] slots. So a few large articles queue
// among themselves while small ones keep flowing, and the memory of the
// analyses in progress stays bounded. A request that would wait longer
// than [Config.MaxQueueWait] — judged from the bytes queued ahead of it
// and the speed of the large analyses so far, or seen when it has waited
// that long — is answered 503 with Retry-After at once.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/khabar-nlp/khabar"
)

// Defaults of [Config] and of the HTTP server's timeouts.
const (
	// DefaultMaxBytes is the largest request body accepted (1 MiB; a long
	// news article is under 100 KiB).
	DefaultMaxBytes = 1 << 20
	// DefaultAnalyzeTimeout bounds one analysis.
	DefaultAnalyzeTimeout = 20 * time.Second
	// DefaultMaxQueueWait bounds the wait for a request's turn.
	DefaultMaxQueueWait = 10 * time.Second

	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 40 * time.Second
	IdleTimeout       = 2 * time.Minute
)

// Config tunes a [Server]. The zero Config gives the defaults.
type Config struct {
	// MaxBytes is the largest request body accepted (default
	// DefaultMaxBytes); a larger one is answered 413.
	MaxBytes int64
	// MaxConcurrent is how many small requests are analysed at once
	// (default 2×GOMAXPROCS); other small requests wait for a slot, or
	// for their client to go away. Large ones are bounded by
	// MaxInflightBytes instead.
	MaxConcurrent int
	// MaxInflightBytes is the budget of bytes of large requests in
	// analysis at once (default MaxBytes: one request of the largest size
	// at a time, which on two cores leaves one for the small ones). A
	// request of more than a sixteenth of it is large: it waits for its
	// turn in a queue of large requests until it fits in the budget (or
	// runs alone when it is larger). An analysis takes tens of bytes of
	// memory per byte of text, so the budget bounds the server's memory.
	MaxInflightBytes int64
	// MaxQueueWait bounds the wait for a request's turn (default
	// DefaultMaxQueueWait, and never more than AnalyzeTimeout): a request
	// that would wait longer, or has waited that long, is answered 503
	// with a Retry-After header.
	MaxQueueWait time.Duration
	// AnalyzeTimeout bounds the wait for a request's turn and its
	// analysis (default DefaultAnalyzeTimeout); past it the answer is 503.
	AnalyzeTimeout time.Duration
	// Log receives one line per request; nil logs nothing.
	Log *slog.Logger
}

// Server answers the API and serves the page. It is an http.Handler, safe
// for concurrent use; build it with [New].
type Server struct {
	analyzer *khabar.Analyzer
	cfg      Config
	admit    *admission
	page     *page
	mux      *http.ServeMux
}

// New returns a Server over a, which it shares between all requests.
func New(a *khabar.Analyzer, cfg Config) (*Server, error) {
	if a == nil {
		return nil, errors.New("server: nil Analyzer")
	}
	if cfg.MaxBytes < 0 || cfg.MaxConcurrent < 0 || cfg.AnalyzeTimeout < 0 || cfg.MaxInflightBytes < 0 || cfg.MaxQueueWait < 0 {
		return nil, fmt.Errorf("server: negative limit in %+v", cfg)
	}
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.MaxConcurrent == 0 {
		cfg.MaxConcurrent = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.AnalyzeTimeout == 0 {
		cfg.AnalyzeTimeout = DefaultAnalyzeTimeout
	}
	if cfg.MaxInflightBytes == 0 {
		cfg.MaxInflightBytes = cfg.MaxBytes
	}
	if cfg.MaxQueueWait == 0 {
		cfg.MaxQueueWait = DefaultMaxQueueWait
	}
	cfg.MaxQueueWait = min(cfg.MaxQueueWait, cfg.AnalyzeTimeout)
	p, err := newPage(cfg.MaxBytes)
	if err != nil {
		return nil, err
	}
	s := &Server{analyzer: a, cfg: cfg, admit: newAdmission(cfg.MaxInflightBytes, cfg.MaxConcurrent, cfg.MaxQueueWait), page: p, mux: http.NewServeMux()}
	s.mux.Handle("/v1/analyze", allow(s.analyze, http.MethodPost))
	s.mux.Handle("/healthz", allow(s.healthz, http.MethodGet, http.MethodHead))
	s.mux.Handle("/{$}", allow(s.page.serve, http.MethodGet, http.MethodHead))
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such path: "+r.URL.Path+" (the API is POST /v1/analyze)")
	})
	return s, nil
}

// NewHTTPServer returns an http.Server for h on addr with the package's
// timeouts.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// ServeHTTP routes a request, logging it when the Config asks for it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Log == nil {
		s.mux.ServeHTTP(w, r)
		return
	}
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	s.cfg.Log.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes),
		slog.Duration("took", time.Since(start)), slog.String("remote", r.RemoteAddr))
}

// allow answers 405 with an Allow header to methods other than those
// given.
func allow(h http.HandlerFunc, methods ...string) http.Handler {
	list := strings.Join(methods, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		w.Header().Set("Allow", list)
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed; use %s", r.Method, list))
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// response is the answer to /v1/analyze: the Analysis and, for a JSON
// article whose title was put before its text, where the text begins.
type response struct {
	*khabar.Analysis
	BodyStart int `json:"body_start,omitempty"`
}

// jsonArticle is the JSON request body. ID takes a string or a number.
type jsonArticle struct {
	ID    json.RawMessage `json:"id"`
	Title string          `json:"title"`
	Text  *string         `json:"text"`
	Body  *string         `json:"body"`
	// Source is the article's feed; see khabar.Article.Source.
	Source string `json:"source"`
}

func (s *Server) analyze(w http.ResponseWriter, r *http.Request) {
	art, plain, ok := s.readArticle(w, r)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.AnalyzeTimeout)
	defer cancel()
	release, err := s.admit.acquire(ctx, int64(len(art.Title)+len(art.Body)))
	var busy *busyError
	switch {
	case errors.As(err, &busy):
		w.Header().Set("Retry-After", busy.retryAfterSeconds())
		writeError(w, http.StatusServiceUnavailable, busy.Error())
		return
	case err != nil:
		s.writeContextError(w, r, ctx)
		return
	}
	var res *khabar.Analysis
	if plain {
		res, err = s.analyzer.Analyze(ctx, art.Body)
	} else {
		res, err = s.analyzer.AnalyzeArticle(ctx, art)
	}
	release()
	switch {
	case errors.Is(err, khabar.ErrEmptyText):
		writeError(w, http.StatusUnprocessableEntity, "the text has no letters or digits to analyse")
		return
	case errors.Is(err, khabar.ErrTooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, err.Error())
		return
	case ctx.Err() != nil:
		s.writeContextError(w, r, ctx)
		return
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	out := response{Analysis: res}
	if !plain && res.Text != art.Body {
		out.BodyStart = len(res.Text) - len(art.Body)
	}
	writeJSON(w, http.StatusOK, out)
}

// readArticle reads the request's article, or answers the error and
// reports false. The size is checked first: an oversize body is 413
// whatever its content type, or lack of one.
func (s *Server) readArticle(w http.ResponseWriter, r *http.Request) (art khabar.Article, plain, ok bool) {
	if r.ContentLength > s.cfg.MaxBytes {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body of %d bytes is over the limit of %d bytes", r.ContentLength, s.cfg.MaxBytes))
		return art, false, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is over the limit of %d bytes", s.cfg.MaxBytes))
			return art, false, false
		}
		writeError(w, http.StatusBadRequest, "reading the request body: "+err.Error())
		return art, false, false
	}
	kind, err := bodyKind(r.Header.Get("Content-Type"))
	if err != nil {
		writeError(w, http.StatusUnsupportedMediaType, err.Error())
		return art, false, false
	}
	if kind == "text" {
		return khabar.Article{Body: string(body)}, true, true
	}
	if art, err = decodeArticle(body); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return art, false, false
	}
	return art, false, true
}

// writeContextError answers a request whose analysis was cut short: 503
// when the server's own deadline passed; when the client went away nobody
// reads the answer, which is written only for the log.
func (s *Server) writeContextError(w http.ResponseWriter, r *http.Request, ctx context.Context) {
	if r.Context().Err() != nil {
		writeError(w, http.StatusServiceUnavailable, "request cancelled")
		return
	}
	writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("the analysis did not finish within %v", s.cfg.AnalyzeTimeout))
}

// bodyKind returns "text" or "json" for a Content-Type header, or an
// error for anything else, including a charset other than UTF-8.
func bodyKind(header string) (string, error) {
	const want = "send Content-Type text/plain (UTF-8) or application/json"
	if header == "" {
		return "", errors.New("missing Content-Type: " + want)
	}
	mt, params, err := mime.ParseMediaType(header)
	if err != nil {
		return "", fmt.Errorf("malformed Content-Type %q: %s", header, want)
	}
	var kind string
	switch {
	case mt == "text/plain":
		kind = "text"
	case mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"):
		kind = "json"
	default:
		return "", fmt.Errorf("unsupported Content-Type %q: %s", mt, want)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		return "", fmt.Errorf("unsupported charset %q: send UTF-8", cs)
	}
	return kind, nil
}

// decodeArticle reads a JSON article: exactly one object, "text" or
// "body" holding the text.
func decodeArticle(body []byte) (khabar.Article, error) {
	var ja jsonArticle
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&ja); err != nil {
		return khabar.Article{}, fmt.Errorf("malformed JSON article: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return khabar.Article{}, errors.New("malformed JSON article: more data after the object")
	}
	if ja.Text != nil && ja.Body != nil {
		return khabar.Article{}, errors.New(`JSON article has both "text" and "body"; send one`)
	}
	if ja.Text == nil && ja.Body == nil {
		return khabar.Article{}, errors.New(`JSON article has no "text" field: send {"text": "…"} ("body" is accepted too)`)
	}
	art := khabar.Article{Title: ja.Title, Source: ja.Source}
	switch {
	case ja.Text != nil:
		art.Body = *ja.Text
	case ja.Body != nil:
		art.Body = *ja.Body
	}
	id, err := articleID(ja.ID)
	if err != nil {
		return khabar.Article{}, err
	}
	art.ID = id
	return art, nil
}

// articleID reads an id given as a string or a number (kept as its
// digits); null or absent is no id.
func articleID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", errors.New(`malformed JSON article: "id" must be a string or a number`)
}

// writeJSON writes v as the JSON answer, with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // a failed write means the client has gone
}

// writeError writes {"error": msg} with status.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// statusRecorder remembers the status and size of an answer for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
