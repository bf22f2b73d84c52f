package article

import (
	"os"
	"strings"
	"testing"
)

const seedPath = "../../shared/data/seed-article/000_354d3392e6522b73.txt"

// TestSeedArticle checks the Al Arabiya article the project was specified
// from: its repeated title is dropped, its dateline and source line are
// metadata, its WhatsApp and newsletter lines are boilerplate, and all the
// rest is analysed.
func TestSeedArticle(t *testing.T) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not available (%v): run from a checkout with ../shared beside it", err)
	}
	text := string(data)
	st := Parse(text)
	checkInvariants(t, text, st)

	title, ok := st.Title()
	if !ok || title.Line != 1 {
		t.Fatalf("title %+v, %v", title, ok)
	}
	dups := st.Of(DuplicateTitle)
	if len(dups) != 1 || dups[0].Text(text) != title.Text(text) || dups[0].Line != 2 {
		t.Errorf("duplicate titles %v", dups)
	}
	dl := st.Of(Dateline)
	if len(dl) != 2 || !strings.Contains(dl[0].Text(text), "2021") || dl[1].Text(text) != "العربية" {
		t.Errorf("datelines %v", dl)
	}
	bp := st.Of(Boilerplate)
	if len(bp) != 2 {
		t.Fatalf("%d boilerplate blocks, want 2", len(bp))
	}
	if s := bp[0].Text(text); !strings.Contains(s, "واتساب") || !strings.Contains(s, "whatsapp") {
		t.Errorf("first boilerplate %q is not the WhatsApp line", s)
	}
	if s := bp[1].Text(text); !strings.Contains(s, "النشرة") {
		t.Errorf("second boilerplate %q is not the newsletter line", s)
	}
	if n := len(st.Of(Subheading)); n != 3 {
		t.Errorf("%d subheadings, want 3", n)
	}
	if n := len(st.Of(Paragraph)); n != 16 {
		t.Errorf("%d paragraphs, want 16", n)
	}

	m := st.Mask(text)
	if strings.Contains(m, "واتساب") || strings.Contains(m, "النشرة اليومية") || strings.Count(m, title.Text(text)) != 1 {
		t.Error("Mask kept boilerplate or the repeated title")
	}
	if !strings.Contains(m, "بلينكن") {
		t.Error("Mask dropped body text")
	}
}
