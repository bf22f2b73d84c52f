package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The end-to-end test drives the page in headless Chromium. It needs no Go
// module beyond the standard library: Chromium loads the page from an
// httptest server with --dump-dom and a virtual time budget (which waits
// for the page's fetch to finish), and prints the DOM it ends with. A hook
// script added to the page for the test (and allowed by its own hash in
// the Content-Security-Policy, which stays on) fills the text box and
// submits the form, or presses "try a sample", as an editor would.
//
// Chromium is found as $KHABAR_CHROMIUM, or chromium, chromium-browser,
// google-chrome-stable or google-chrome on the PATH. Without it the test
// is skipped, unless KHABAR_E2E=1 (as CI sets it), when it fails.

// xssLine is appended to the article: the page must show it as text.
const xssLine = "\n<img src=x onerror=\"document.title='pwned'\"><b>عريض</b>"

func chromium(t *testing.T) string {
	t.Helper()
	required := os.Getenv("KHABAR_E2E") == "1"
	if p := os.Getenv("KHABAR_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if required {
		t.Fatal("KHABAR_E2E=1 but no Chromium was found: install Debian's chromium package (apt-get install chromium) or set KHABAR_CHROMIUM to the browser's path")
	}
	t.Skip("end-to-end page test skipped: Chromium not found (apt-get install chromium, or set KHABAR_CHROMIUM); with KHABAR_E2E=1 this is a failure")
	return ""
}

// hookHandler serves s, and at /?e2e=NAME the page with the hook script
// hooks[NAME] run after the page's own script.
func hookHandler(t *testing.T, s *Server, hooks map[string]string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Query().Get("e2e")
		if r.URL.Path != "/" || name == "" {
			s.ServeHTTP(w, r)
			return
		}
		js, ok := hooks[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		page := rec.Body.String()
		i := strings.LastIndex(page, "</body>")
		if i < 0 {
			t.Error("page has no </body>")
			http.Error(w, "no </body>", 500)
			return
		}
		page = page[:i] + "<script>" + js + "</script>\n" + page[i:]
		sum := sha256.Sum256([]byte(js))
		csp := strings.Replace(rec.Header().Get("Content-Security-Policy"), "script-src ",
			"script-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"' ", 1)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.Write([]byte(page))
	})
}

// dumpDOM loads url in headless Chromium and returns the DOM it ends with.
// When $KHABAR_E2E_SCREENSHOTS names a directory, it also saves
// screenshots there, at a phone's and a desktop's width, to look at.
func dumpDOM(t *testing.T, browser, url string) string {
	t.Helper()
	if dir := os.Getenv("KHABAR_E2E_SCREENSHOTS"); dir != "" {
		for _, size := range []string{"412,1800", "1280,1400"} {
			file := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "-")+"-"+strings.Replace(size, ",", "x", 1)+".png")
			runChromium(t, browser, "--window-size="+size, "--screenshot="+file, url)
		}
	}
	return runChromium(t, browser, "--window-size=412,915", "--dump-dom", url)
}

// runChromium runs headless Chromium with args after the common flags and
// returns what it printed.
func runChromium(t *testing.T, browser string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-first-run", "--no-default-browser-check", "--disable-extensions",
		"--disable-background-networking", "--disable-sync", "--mute-audio",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
		"--virtual-time-budget=30000"}, args...)...)
	ownProcessGroup(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v after %v\n%s", browser, err, time.Since(start), tail(stderr.String(), 3000))
	}
	t.Logf("Chromium took %v", time.Since(start).Round(time.Millisecond))
	if stdout.Len() == 0 && !strings.HasPrefix(args[len(args)-2], "--screenshot") {
		t.Fatalf("%s printed no DOM\n%s", browser, tail(stderr.String(), 3000))
	}
	return stdout.String()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// mark is one highlight element of the dumped page.
type mark struct {
	class, id, typ, match, title, text string
	start, end                         int
}

var (
	markRE    = regexp.MustCompile(`(?s)<mark ([^>]*)>([^<]*)</mark>`)
	attrRE    = regexp.MustCompile(`([a-z-]+)="([^"]*)"`)
	articleRE = regexp.MustCompile(`(?s)<div id="article"[^>]*>(.*?)</div>`)
	stateRE   = regexp.MustCompile(`<body[^>]*data-state="([a-z]+)"`)
)

func marks(t *testing.T, dom string) []mark {
	t.Helper()
	var out []mark
	for _, m := range markRE.FindAllStringSubmatch(dom, -1) {
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(m[1], -1) {
			attrs[a[1]] = html.UnescapeString(a[2])
		}
		start, err1 := strconv.Atoi(attrs["data-start"])
		end, err2 := strconv.Atoi(attrs["data-end"])
		if err1 != nil || err2 != nil {
			t.Fatalf("mark without offsets: %s", m[0])
		}
		out = append(out, mark{class: attrs["class"], id: attrs["data-id"], typ: attrs["data-type"], match: attrs["data-match"],
			title: attrs["title"], text: html.UnescapeString(m[2]), start: start, end: end})
	}
	return out
}

// checkPage checks a page after an analysis of text: finished without
// error, one highlight per mention of the API's answer, each showing
// exactly the bytes its offsets name, coloured by type, with the ID,
// English name and match kind on hover.
func checkPage(t *testing.T, s *Server, dom, text string, wantIDs map[string]string) {
	t.Helper()
	if m := stateRE.FindStringSubmatch(dom); m == nil || m[1] != "done" {
		st := regexp.MustCompile(`(?s)<p id="status"[^>]*>(.*?)</p>`).FindStringSubmatch(dom)
		t.Fatalf("page state %v, status %v", m, st)
	}
	art := articleRE.FindStringSubmatch(dom)
	if art == nil {
		t.Fatal("no #article in the page")
	}
	if strings.Contains(art[1], "<img") || strings.Contains(art[1], "<b>") || strings.Contains(dom, "<title>pwned") {
		t.Error("text of the article was parsed as HTML")
	}

	var res apiResponse
	if err := json.Unmarshal(post(t, s, "text/plain", text).Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	type key struct{ start, end int }
	want := map[key]string{}
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			want[key{m.Start, m.End}] = e.ID
		}
	}
	got := marks(t, dom)
	if len(got) != len(want) {
		t.Errorf("%d highlights, want one per mention: %d", len(got), len(want))
	}
	seen := map[string]bool{}
	for _, m := range got {
		if m.start < 0 || m.end > len(text) || m.start >= m.end || text[m.start:m.end] != m.text {
			t.Errorf("highlight %q at %d:%d does not show those bytes of the text", m.text, m.start, m.end)
			continue
		}
		if want[key{m.start, m.end}] != m.id {
			t.Errorf("highlight %q at %d:%d is %q, want %q", m.text, m.start, m.end, m.id, want[key{m.start, m.end}])
		}
		if m.class != "ent ent-"+m.typ || !strings.Contains(m.title, "ID: "+m.id) || !strings.Contains(m.title, "("+m.match+")") {
			t.Errorf("highlight %q: class %q, title %q", m.text, m.class, m.title)
		}
		seen[m.id] = true
		if typ, ok := wantIDs[m.id]; ok && typ != m.typ {
			t.Errorf("%s highlighted as %s, want %s", m.id, m.typ, typ)
		}
	}
	for id := range wantIDs {
		if !seen[id] {
			t.Errorf("no highlight for %s", id)
		}
		if !strings.Contains(dom, `<li data-id="`+id+`">`) {
			t.Errorf("%s missing from the list of names", id)
		}
	}
}

func TestPageEndToEnd(t *testing.T) {
	browser := chromium(t)
	s := newServer(t, Config{})
	politics := readArticle(t, "politics.txt") + xssLine
	text, _ := json.Marshal(politics)
	hooks := map[string]string{
		"submit": fmt.Sprintf("document.getElementById('text').value = %s;\ndocument.getElementById('form').requestSubmit();", text),
		"sample": "document.getElementById('sample').click();",
	}
	ts := httptest.NewServer(hookHandler(t, s, hooks))
	defer ts.Close()

	t.Run("submit", func(t *testing.T) {
		dom := dumpDOM(t, browser, ts.URL+"/?e2e=submit")
		checkPage(t, s, dom, politics, map[string]string{
			"per:antony-blinken": "PER", "per:fuad-hussein": "PER",
			"loc:city:baghdad": "LOC", "loc:city:riyadh": "LOC",
			"org:isis": "ORG", "org:united-nations": "ORG",
		})
		art := articleRE.FindStringSubmatch(dom)[1]
		if !strings.Contains(art, html.EscapeString(`<img src=x onerror=`)) {
			t.Error("the appended HTML is not shown as text")
		}
		boiler := regexp.MustCompile(`<span class="blk blk-boilerplate"[^>]*>[^<]*واتساب`)
		if !boiler.MatchString(art) {
			t.Error("the WhatsApp footer is not shown as boilerplate")
		}
		if !strings.Contains(art, `<span class="blk blk-title"`) {
			t.Error("no title block")
		}
	})
	t.Run("sample", func(t *testing.T) {
		dom := dumpDOM(t, browser, ts.URL+"/?e2e=sample")
		sample, err := assets.ReadFile("assets/sample.txt")
		if err != nil {
			t.Fatal(err)
		}
		checkPage(t, s, dom, string(sample), map[string]string{
			"per:ayman-safadi": "PER", "loc:city:aqaba": "LOC", "org:world-bank": "ORG",
		})
	})
}
