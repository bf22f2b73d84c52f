package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabar-nlp/khabar"
)

// articlesDir holds the repository's test articles.
const articlesDir = "../../../../testdata/articles"

// sharedAnalyzer is built once for every test of the package, as the
// program builds it once for every request.
var sharedAnalyzer = sync.OnceValues(func() (*khabar.Analyzer, error) { return khabar.New() })

func analyzer(t testing.TB) *khabar.Analyzer {
	t.Helper()
	a, err := sharedAnalyzer()
	if err != nil {
		t.Fatalf("khabar.New: %v", err)
	}
	return a
}

func newServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	s, err := New(analyzer(t), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func readArticle(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(articlesDir, name))
	if err != nil {
		t.Fatalf("test article: %v", err)
	}
	return string(b)
}

// apiResponse is the answer of /v1/analyze as a client reads it.
type apiResponse struct {
	ID            string `json:"id"`
	Source        string `json:"source"`
	Title         string `json:"title"`
	Language      string `json:"language"`
	SentenceCount int    `json:"sentence_count"`
	Sentences     []struct {
		Start, End int
	} `json:"sentences"`
	Entities []struct {
		ID       string  `json:"id"`
		Type     string  `json:"type"`
		Name     string  `json:"name"`
		NameEN   string  `json:"name_en"`
		Count    int     `json:"count"`
		Salience float64 `json:"salience"`
		Mentions []struct {
			Text  string  `json:"text"`
			Start int     `json:"start"`
			End   int     `json:"end"`
			Match string  `json:"match"`
			Score float64 `json:"score"`
		} `json:"mentions"`
	} `json:"entities"`
	Topics []struct {
		ID      string  `json:"id"`
		Label   string  `json:"label"`
		LabelAR string  `json:"label_ar"`
		Score   float64 `json:"score"`
	} `json:"topics"`
	Keywords []struct {
		Term       string  `json:"term"`
		Score      float64 `json:"score"`
		Count      int     `json:"count"`
		Start, End int
	} `json:"keywords"`
	BodyStart int `json:"body_start"`
}

func post(t testing.TB, h http.Handler, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/v1/analyze", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// checkOffsets checks that every offset of res points into text at what
// it says.
func checkOffsets(t *testing.T, text string, res apiResponse) {
	t.Helper()
	in := func(s, e int) bool { return 0 <= s && s <= e && e <= len(text) }
	if len(res.Entities) == 0 {
		t.Fatal("no entities")
	}
	for _, e := range res.Entities {
		if e.ID == "" || e.Name == "" || e.Count != len(e.Mentions) || e.Salience < 0 || e.Salience > 1 {
			t.Errorf("entity %+v: missing fields", e)
		}
		switch e.Type {
		case "PER", "LOC", "ORG":
		default:
			t.Errorf("entity %s: type %q", e.ID, e.Type)
		}
		for _, m := range e.Mentions {
			if !in(m.Start, m.End) || text[m.Start:m.End] != m.Text {
				t.Errorf("entity %s: mention %q at %d:%d does not match the text", e.ID, m.Text, m.Start, m.End)
			}
			if m.Match == "" || m.Score <= 0 || m.Score > 1 {
				t.Errorf("entity %s: mention %+v: match or score missing", e.ID, m)
			}
		}
	}
	for _, s := range res.Sentences {
		if !in(s.Start, s.End) {
			t.Errorf("sentence %d:%d out of the text", s.Start, s.End)
		}
	}
	if res.SentenceCount != len(res.Sentences) || res.SentenceCount == 0 {
		t.Errorf("sentence_count %d, %d sentences", res.SentenceCount, len(res.Sentences))
	}
	for _, k := range res.Keywords {
		if !in(k.Start, k.End) || k.Term == "" {
			t.Errorf("keyword %+v out of the text", k)
		}
	}
}

func decode(t *testing.T, w *httptest.ResponseRecorder) apiResponse {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, body %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var res apiResponse
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatalf("answer is not JSON: %v", err)
	}
	return res
}

// TestAnalyzePlainText posts a test article as plain text and checks the
// answer's shape and offsets, and that it is the Analysis the library
// gives, field for field.
func TestAnalyzePlainText(t *testing.T) {
	s := newServer(t, Config{})
	text := readArticle(t, "politics.txt")
	w := post(t, s, "text/plain; charset=utf-8", text)
	res := decode(t, w)
	checkOffsets(t, text, res)
	if res.Language != "ar" || !strings.HasPrefix(res.Title, "بلينكن يزور بغداد") {
		t.Errorf("language %q, title %q", res.Language, res.Title)
	}
	want := map[string]string{"per:antony-blinken": "PER", "loc:city:baghdad": "LOC", "org:isis": "ORG"}
	for _, e := range res.Entities {
		if typ, ok := want[e.ID]; ok {
			if e.Type != typ {
				t.Errorf("%s: type %s, want %s", e.ID, e.Type, typ)
			}
			delete(want, e.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("entities missing: %v", want)
	}

	// The same JSON object as the library's Analysis (what analyze -format
	// json prints), with the same field names.
	var got, lib map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	a, err := analyzer(t).Analyze(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(a)
	if err := json.Unmarshal(b, &lib); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, lib) {
		t.Errorf("answer differs from the library's Analysis:\n got %.300s\nwant %.300s", w.Body, b)
	}
	for _, k := range []string{"title", "language", "sentence_count", "sentences", "entities", "topics", "keywords"} {
		if _, ok := got[k]; !ok {
			t.Errorf("answer has no %q", k)
		}
	}
	if _, ok := got["body_start"]; ok {
		t.Error("plain text answer has body_start")
	}
}

// TestAnalyzeEnglish posts an English article: the answer says "en",
// its offsets are exact, and its names have the IDs of the Arabic ones.
func TestAnalyzeEnglish(t *testing.T) {
	s := newServer(t, Config{})
	b, err := os.ReadFile(filepath.Join(articlesDir, "..", "english", "strategic-dialogue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	res := decode(t, post(t, s, "text/plain; charset=utf-8", text))
	checkOffsets(t, text, res)
	if res.Language != "en" {
		t.Errorf("language %q, want en", res.Language)
	}
	want := map[string]string{"per:antony-blinken": "PER", "loc:city:baghdad": "LOC", "org:isis": "ORG"}
	for _, e := range res.Entities {
		if typ, ok := want[e.ID]; ok && e.Type == typ {
			delete(want, e.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("entities missing: %v", want)
	}
}

// TestAnalyzeJSONArticle posts JSON articles: offsets then refer to the
// title, a blank line and the text, and body_start says where the text
// begins.
func TestAnalyzeJSONArticle(t *testing.T) {
	s := newServer(t, Config{})
	politics := readArticle(t, "politics.txt")
	_, body, _ := strings.Cut(politics, "\n")
	tests := []struct {
		name, req, id, title, text, source string
		bodyStart                          int
	}{
		{"title and text", `{"id":"a-1","title":"زيارة بلينكن","text":"وصل بلينكن إلى بغداد ثم توجه إلى الرياض."}`,
			"a-1", "زيارة بلينكن", "زيارة بلينكن\n\nوصل بلينكن إلى بغداد ثم توجه إلى الرياض.", "", len("زيارة بلينكن\n\n")},
		{"numeric id, body field", `{"id":12345,"body":"وصل بلينكن إلى بغداد."}`,
			"12345", "", "وصل بلينكن إلى بغداد.", "", 0},
		{"text starts with the title", `{"title":"زيارة بلينكن","text":"زيارة بلينكن\n\nوصل بلينكن إلى بغداد."}`,
			"", "زيارة بلينكن", "زيارة بلينكن\n\nوصل بلينكن إلى بغداد.", "", 0},
		{"extra fields", `{"id":"x","text":"وصل بلينكن إلى بغداد.","url":"https://example.com/1","category":"politics"}`,
			"x", "", "وصل بلينكن إلى بغداد.", "", 0},
		{"source", `{"id":"s","text":"وصل بلينكن إلى بغداد.","source":"bbc_arabic"}`,
			"s", "", "وصل بلينكن إلى بغداد.", "bbc_arabic", 0},
		{"whole article", mustJSON(t, map[string]string{"id": "p", "text": politics}), "p", "", politics, "", 0},
		{"title split from the article", mustJSON(t, map[string]string{"title": "عنوان آخر", "text": body}), "", "عنوان آخر", "عنوان آخر\n\n" + body, "", len("عنوان آخر\n\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := post(t, s, "application/json", tt.req)
			res := decode(t, w)
			checkOffsets(t, tt.text, res)
			if res.ID != tt.id || res.BodyStart != tt.bodyStart || res.Source != tt.source {
				t.Errorf("id %q body_start %d source %q, want %q %d %q", res.ID, res.BodyStart, res.Source, tt.id, tt.bodyStart, tt.source)
			}
			if tt.title != "" && res.Title != tt.title {
				t.Errorf("title %q, want %q", res.Title, tt.title)
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestErrors checks each refusal: its status, a JSON {"error": …} body,
// and the Allow header of a 405.
func TestErrors(t *testing.T) {
	const limit = 4 << 10
	s := newServer(t, Config{MaxBytes: limit})
	big := strings.Repeat("بغداد ", limit/len("بغداد ")+10)
	tests := []struct {
		name, method, path, contentType string
		body                            io.Reader
		status                          int
		allow                           string
	}{
		{"bad JSON", "POST", "/v1/analyze", "application/json", strings.NewReader(`{"text": "بغداد`), 400, ""},
		{"JSON not an object", "POST", "/v1/analyze", "application/json", strings.NewReader(`["بغداد"]`), 400, ""},
		{"JSON with trailing data", "POST", "/v1/analyze", "application/json", strings.NewReader(`{"text":"بغداد"} {}`), 400, ""},
		{"JSON text not a string", "POST", "/v1/analyze", "application/json", strings.NewReader(`{"text":42}`), 400, ""},
		{"JSON id an object", "POST", "/v1/analyze", "application/json", strings.NewReader(`{"id":{},"text":"بغداد"}`), 400, ""},
		{"JSON text and body", "POST", "/v1/analyze", "application/json", strings.NewReader(`{"text":"بغداد","body":"بغداد"}`), 400, ""},
		{"oversize plain text", "POST", "/v1/analyze", "text/plain", strings.NewReader(big), 413, ""},
		{"oversize, length unknown", "POST", "/v1/analyze", "text/plain", io.MultiReader(strings.NewReader(big)), 413, ""},
		{"oversize JSON", "POST", "/v1/analyze", "application/json", strings.NewReader(mustJSON(t, map[string]string{"text": big})), 413, ""},
		{"empty body", "POST", "/v1/analyze", "text/plain", strings.NewReader(""), 422, ""},
		{"only spaces and punctuation", "POST", "/v1/analyze", "text/plain; charset=utf-8", strings.NewReader(" \n\t… ، .!"), 422, ""},
		{"JSON empty text", "POST", "/v1/analyze", "application/json", strings.NewReader(`{"id":"1","text":""}`), 422, ""},
		{"JSON without text", "POST", "/v1/analyze", "application/json", strings.NewReader(`{}`), 400, ""},
		{"JSON null", "POST", "/v1/analyze", "application/json", strings.NewReader(`null`), 400, ""},
		{"JSON null text", "POST", "/v1/analyze", "application/json", strings.NewReader(`{"id":"1","text":null}`), 400, ""},
		{"oversize without content type", "POST", "/v1/analyze", "", strings.NewReader(big), 413, ""},
		{"oversize without content type, length unknown", "POST", "/v1/analyze", "", io.MultiReader(strings.NewReader(big)), 413, ""},
		{"oversize HTML", "POST", "/v1/analyze", "text/html", strings.NewReader(big), 413, ""},
		{"GET analyze", "GET", "/v1/analyze", "", nil, 405, "POST"},
		{"PUT analyze", "PUT", "/v1/analyze", "text/plain", strings.NewReader("بغداد"), 405, "POST"},
		{"DELETE analyze", "DELETE", "/v1/analyze", "", nil, 405, "POST"},
		{"POST healthz", "POST", "/healthz", "text/plain", strings.NewReader("x"), 405, "GET, HEAD"},
		{"POST page", "POST", "/", "text/plain", strings.NewReader("x"), 405, "GET, HEAD"},
		{"no content type", "POST", "/v1/analyze", "", strings.NewReader("بغداد"), 415, ""},
		{"form", "POST", "/v1/analyze", "application/x-www-form-urlencoded", strings.NewReader("text=x"), 415, ""},
		{"HTML", "POST", "/v1/analyze", "text/html", strings.NewReader("<p>بغداد</p>"), 415, ""},
		{"Latin-1", "POST", "/v1/analyze", "text/plain; charset=iso-8859-1", strings.NewReader("Baghdad"), 415, ""},
		{"malformed content type", "POST", "/v1/analyze", "text/plain; charset", strings.NewReader("بغداد"), 415, ""},
		{"unknown path", "GET", "/v2/analyze", "", nil, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.path, tt.body)
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			if _, ok := tt.body.(*strings.Reader); !ok {
				r.ContentLength = -1
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d (body %s)", w.Code, tt.status, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			var e map[string]string
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e["error"] == "" || len(e) != 1 {
				t.Errorf("body %q is not {\"error\": …} (%v)", w.Body, err)
			}
			if got := w.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
		})
	}
}

// TestHealthz checks the health answer, for GET and HEAD.
func TestHealthz(t *testing.T) {
	s := newServer(t, Config{})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"status":"ok"}` {
		t.Errorf("GET /healthz: %d %s", w.Code, w.Body)
	}
	w = httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("HEAD", "/healthz", nil))
	if w.Code != 200 {
		t.Errorf("HEAD /healthz: %d", w.Code)
	}
}

// TestPage checks the page: right-to-left Arabic, a viewport for phones,
// nothing loaded from elsewhere, and a Content-Security-Policy whose
// hashes are those of its inline style sheet and script.
func TestPage(t *testing.T) {
	s := newServer(t, Config{MaxBytes: 12345})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	html := w.Body.String()
	for _, want := range []string{
		`<html lang="ar" dir="rtl">`,
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`data-max-bytes="12345"`,
		`id="sample"`,
		`الأردن ومصر يبحثان أمن المياه`, // the sample article
		`TextEncoder`,
		`box.dir = data.language === 'en' ? 'ltr'`, // an English article left to right
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`).FindString(html); m != "" {
		t.Errorf("page loads an external asset: %s", m)
	}
	if strings.Contains(html, "innerHTML") {
		t.Error("page script uses innerHTML")
	}
	csp := w.Header().Get("Content-Security-Policy")
	for _, tag := range []string{"script", "style"} {
		m := regexp.MustCompile(`(?s)<`+tag+`>(.*?)</`+tag+`>`).FindAllStringSubmatch(html, -1)
		if len(m) != 1 {
			t.Fatalf("%d inline <%s> elements, want 1", len(m), tag)
		}
		sum := sha256.Sum256([]byte(m[0][1]))
		want := fmt.Sprintf("%s-src 'sha256-%s'", tag, base64.StdEncoding.EncodeToString(sum[:]))
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
}

// TestConcurrent sends 50 requests at once to one server (run it with
// -race) and checks each answer against the article's own analysis.
func TestConcurrent(t *testing.T) {
	s := newServer(t, Config{MaxConcurrent: 4})
	ts := httptest.NewServer(s)
	defer ts.Close()
	names := []string{"politics.txt", "economy.txt", "sport.txt", "technology.txt"}
	want := map[string]string{}
	for _, n := range names {
		text := readArticle(t, n)
		a, err := analyzer(t).Analyze(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(a)
		want[n] = string(b)
	}
	const clients = 50
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		wg.Go(func() {
			name := names[i%len(names)]
			text := readArticle(t, name)
			var resp *http.Response
			var err error
			if i%2 == 0 {
				resp, err = http.Post(ts.URL+"/v1/analyze", "text/plain; charset=utf-8", strings.NewReader(text))
			} else {
				resp, err = http.Post(ts.URL+"/v1/analyze", "application/json", strings.NewReader(mustJSONString(text)))
			}
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil || resp.StatusCode != 200 {
				errs <- fmt.Errorf("%s: status %d, %v: %s", name, resp.StatusCode, err, body)
				return
			}
			if got := strings.TrimSpace(string(body)); got != want[name] {
				errs <- fmt.Errorf("%s: answer differs from the article's analysis", name)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func mustJSONString(text string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]string{"text": text}); err != nil {
		panic(err)
	}
	return buf.String()
}

// TestCancel checks that a request whose client has gone is not analysed,
// that one waiting too long for a slot is answered 503 with Retry-After,
// and one whose analysis runs past its time 503 without.
func TestCancel(t *testing.T) {
	s := newServer(t, Config{MaxConcurrent: 1, MaxQueueWait: 50 * time.Millisecond})
	text := readArticle(t, "politics.txt")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequestWithContext(ctx, "POST", "/v1/analyze", strings.NewReader(text))
	r.Header.Set("Content-Type", "text/plain")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "cancelled") {
		t.Errorf("cancelled request: %d %s", w.Code, w.Body)
	}

	s.admit.slots <- struct{}{} // every slot busy
	start := time.Now()
	w = post(t, s, "text/plain", text)
	<-s.admit.slots
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "busy") || w.Header().Get("Retry-After") != "1" {
		t.Errorf("request waiting over its time: %d %s %v", w.Code, w.Body, w.Header())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("request over its time took %v", d)
	}
	// With the slot free again, the same request is answered.
	if w := post(t, s, "text/plain", text); w.Code != 200 {
		t.Errorf("after the slot was freed: %d %s", w.Code, w.Body)
	}

	// No time at all for the analysis: its turn comes (a free slot is
	// taken before the clock is looked at), the analysis does not end.
	s = newServer(t, Config{AnalyzeTimeout: time.Nanosecond})
	w = post(t, s, "text/plain", text)
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "did not finish") || w.Header().Get("Retry-After") != "" {
		t.Errorf("analysis over its time: %d %s %v", w.Code, w.Body, w.Header())
	}
}

// TestAccessLog checks that a Config.Log gets one line per request.
func TestAccessLog(t *testing.T) {
	var buf bytes.Buffer
	s := newServer(t, Config{Log: slog.New(slog.NewTextHandler(&buf, nil))})
	post(t, s, "text/plain", "بغداد")
	post(t, s, "text/html", "بغداد")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "status=200") || !strings.Contains(lines[1], "status=415") {
		t.Errorf("log:\n%s", buf.String())
	}
}

func TestNewRejects(t *testing.T) {
	if _, err := New(nil, Config{}); err == nil {
		t.Error("New(nil) gave no error")
	}
	if _, err := New(analyzer(t), Config{MaxBytes: -1}); err == nil {
		t.Error("negative MaxBytes gave no error")
	}
}

// TestNoTextField checks that a JSON article without text is a client
// error that says so, not an empty article (issue 15: null and {} were
// answered 422 "no letters").
func TestNoTextField(t *testing.T) {
	s := newServer(t, Config{})
	for _, body := range []string{`null`, `{}`, `{"text":null}`, `{"id":"7","title":"عنوان"}`, ` null `} {
		w := post(t, s, "application/json", body)
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), `no \"text\" field`) {
			t.Errorf("%s: %d %s", body, w.Code, w.Body)
		}
	}
	// An empty text is there, and has no letters: 422.
	if w := post(t, s, "application/json", `{"text":""}`); w.Code != http.StatusUnprocessableEntity {
		t.Errorf(`{"text":""}: %d %s`, w.Code, w.Body)
	}
}
