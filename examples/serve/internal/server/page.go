package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
)

// The page's parts: the HTML template, its style sheet and script (put
// inline, so the page needs nothing else), and the sample article of the
// "try a sample" button.
//
//go:embed assets/index.html assets/page.css assets/page.js assets/sample.txt
var assets embed.FS

// page is the rendered page and its Content-Security-Policy, which allows
// exactly the inline style sheet and script (by their SHA-256) and
// requests to this server.
type page struct {
	html []byte
	csp  string
}

func newPage(maxBytes int64) (*page, error) {
	read := func(name string) string {
		b, err := assets.ReadFile("assets/" + name)
		if err != nil {
			panic(err) // embedded above: cannot fail
		}
		return string(b)
	}
	t, err := template.New("index.html").Parse(read("index.html"))
	if err != nil {
		return nil, fmt.Errorf("server: page template: %w", err)
	}
	css, js := read("page.css"), read("page.js")
	var buf bytes.Buffer
	err = t.Execute(&buf, struct {
		CSS      template.CSS
		JS       template.JS
		Sample   string
		MaxBytes int64
	}{template.CSS(css), template.JS(js), read("sample.txt"), maxBytes})
	if err != nil {
		return nil, fmt.Errorf("server: page template: %w", err)
	}
	csp := fmt.Sprintf("default-src 'none'; script-src '%s'; style-src '%s'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
		hash(js), hash(css))
	return &page{html: buf.Bytes(), csp: csp}, nil
}

// hash returns the CSP source expression of an inline script or style.
func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

func (p *page) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", p.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-cache")
	w.Write(p.html)
}
