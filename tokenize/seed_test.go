package tokenize

import (
	"os"
	"strings"
	"testing"
)

const seedPath = "../../shared/data/seed-article/000_354d3392e6522b73.txt"

// readSeed returns the seed article, or skips the test when ../shared is
// not beside the checkout.
func readSeed(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not available (%v): run from a checkout with ../shared beside it", err)
	}
	return string(data)
}

// TestSeedArticle checks the sentences of the Al Arabiya seed article and
// the offsets of the names in it.
func TestSeedArticle(t *testing.T) {
	text := readSeed(t)
	toks := Tokenize(text)
	checkInvariants(t, text, toks)
	sents := Sentences(toks)

	// Title, repeated title, dateline, source line, 7 body paragraphs,
	// subheading, 3 paragraphs, subheading, 3 paragraphs, subheading, a
	// paragraph of two sentences, 2 paragraphs, 2 footer lines.
	if len(sents) != 26 {
		var b strings.Builder
		for _, s := range sents {
			b.WriteString(text[s.Start:s.End] + "\n")
		}
		t.Fatalf("got %d sentences, want 26:\n%s", len(sents), b.String())
	}
	wantSentences := map[int]string{
		0:  "واشنطن توافق على سحب قواتها من العراق",
		1:  "واشنطن توافق على سحب قواتها من العراق",
		2:  "دولية وإقليمية - Wednesday, April 7, 2021 9:34:00 PM",
		3:  "العربية",
		11: "تأكيد لعلاقة الشراكة",
		15: "تثمين التعاون بين البلدين",
		19: "ملفات عديدة",
		20: "وكانت وزارة الخارجية الأميركية أعلنت أواخر الشهر الماضي أن الجولة القادمة من الحوار الاستراتيجي بين البلدين ستجري في 7 أبريل.",
		24: "| لمتابعة أهم وأحدث الأخبار انضموا إلينا عبر قناتنا على واتساب (channel whatsapp) اضغط هنا",
		25: "تسجل في النشرة اليومية عبر البريد الالكتروني",
	}
	for i, want := range wantSentences {
		if got := text[sents[i].Start:sents[i].End]; got != want {
			t.Errorf("sentence %d = %q, want %q", i, got, want)
		}
	}
	// The subheadings start sentences of their own and the paragraph
	// after them starts the next one.
	if !strings.HasPrefix(text[sents[12].Start:], "وكانت مصادر") {
		t.Errorf("sentence 12 starts %q", text[sents[12].Start:sents[12].Start+20])
	}
	if sents[20].Paragraph != sents[21].Paragraph {
		t.Error("the two sentences of one paragraph are in different paragraphs")
	}
	if sents[24].Paragraph == sents[23].Paragraph {
		t.Error("the footer is in the last body paragraph")
	}

	// Names: each occurrence found as a token sequence at exact offsets.
	names := []struct {
		name  string
		count int
	}{
		{"واشنطن", 4}, {"العراق", 7}, {"بغداد", 1}, {"فؤاد حسين", 2}, {"مصطفى الكاظمي", 1},
		{"أنتوني بلينكن", 2}, {"داعش", 2}, {"التحالف الدولي", 2}, {"وزارة الخارجية الأميركية", 1},
	}
	for _, n := range names {
		words := strings.Fields(n.name)
		var found []int
		for i := 0; i+len(words) <= len(toks); i++ {
			ok := true
			for j, w := range words {
				if toks[i+j].Text != w {
					ok = false
					break
				}
			}
			if ok {
				start, end := toks[i].Start, toks[i+len(words)-1].End
				if got := text[start:end]; got != n.name {
					t.Errorf("%s: text[%d:%d] = %q", n.name, start, end, got)
				}
				found = append(found, start)
			}
		}
		if len(found) != n.count {
			t.Errorf("%s found %d times at %v, want %d", n.name, len(found), found, n.count)
		}
	}
	// A known offset: the first name in the text.
	if toks[0].Text != "واشنطن" || toks[0].Start != 0 || toks[0].End != len("واشنطن") {
		t.Errorf("first token %+v", toks[0])
	}
	if i := strings.Index(text, "أنتوني بلينكن"); i < 0 || text[i:i+len("أنتوني")] != "أنتوني" {
		t.Error("name offsets")
	}
}
