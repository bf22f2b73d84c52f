package tokenize

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

func TestNormalizerSteps(t *testing.T) {
	tests := []struct {
		name  string
		steps Step
		in    string
		want  string
	}{
		{"diacritics harakat", StripDiacritics, "مُصْطَفَى", "مصطفى"},
		{"diacritics tanwin", StripDiacritics, "افتراضياً", "افتراضيا"},
		{"diacritics shadda", StripDiacritics, "تحوّل", "تحول"},
		{"diacritics superscript alef", StripDiacritics, "هٰذا", "هذا"},
		{"diacritics quranic marks", StripDiacritics, "الله\u0610", "الله"},
		{"diacritics keep letters", StripDiacritics, "العراق", "العراق"},
		{"tatweel", StripTatweel, "بـغـداد", "بغداد"},
		{"tatweel only", StripDiacritics, "بـغـداد", "بـغـداد"},
		{"alef hamza above", FoldAlef, "أحمد", "احمد"},
		{"alef hamza below", FoldAlef, "إيران", "ايران"},
		{"alef madda", FoldAlef, "آسيا", "اسيا"},
		{"alef wasla", FoldAlef, "ٱلله", "الله"},
		{"alef maqsura", FoldYeh, "على", "علي"},
		{"alef maqsura off", FoldAlef, "على", "على"},
		{"teh marbuta", FoldTehMarbuta, "السعودية", "السعوديه"},
		{"persian kaf and yeh", FoldPersian, "کرمانشاه ایران", "كرمانشاه ايران"},
		{"persian heh", FoldPersian, "ھذا", "هذا"},
		{"arabic-indic digits", FoldDigits, "٢٠٢١", "2021"},
		{"persian digits", FoldDigits, "۱۴۰۰", "1400"},
		{"decimal separator", FoldDigits, "١٫٥", "1.5"},
		{"percent", FoldDigits, "٣٫٥٪", "3.5%"},
		{"thousands separator", FoldDigits, "١٬٢٠٠", "1,200"},
		{"lam-alef ligature", NFKC, "ﻻ", "لا"},
		{"allah ligature", NFKC, "ﷲ", "الله"},
		{"presentation forms", NFKC, "ﺑﻐﺪﺍﺩ", "بغداد"},
		{"full-width latin", NFKC, "ＡＢＣ", "ABC"},
		{"zwnj", StripInvisible, "می\u200cخواهم", "میخواهم"},
		{"rlm lrm bom", StripInvisible, "\u200fبغداد\u200e\ufeff", "بغداد"},
		{"arabic letter mark", StripInvisible, "\u061cالعراق", "العراق"},
		{"lower case", LowerCase, "Blinken IRAQ", "blinken iraq"},
		{"no steps", 0, "أُمّة", "أُمّة"},
		{"default keeps alef maqsura", DefaultSteps, "إلى", "الى"},
		{"default keeps teh marbuta", DefaultSteps, "الأميركية", "الاميركية"},
		{"default all", DefaultSteps, "الـوِلايات ٢٠٢١ ﻻ", "الولايات 2021 لا"},
		{"key all", KeySteps, "الأميركيّة على ٱلـعراق", "الاميركيه علي العراق"},
		{"invalid utf-8 replaced", KeySteps, "أ\xffب", "ا\uFFFDب"},
		{"invalid utf-8 with only NFKC", NFKC, "\xff", "\uFFFD"},
		{"stray bytes around a mark stay apart", KeySteps, "\xd9ُ\x8e0", "\uFFFD\uFFFD0"},
		{"empty", KeySteps, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := NewNormalizer(tt.steps)
			if got := n.String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := string(n.Append([]byte("x"), tt.in)); got != "x"+tt.want {
				t.Errorf("Append(%q) = %q, want %q", tt.in, got, "x"+tt.want)
			}
			if got := n.IsNormal(tt.in); got != (tt.in == tt.want) {
				t.Errorf("IsNormal(%q) = %v", tt.in, got)
			}
		})
	}
}

// TestKeyCollisions documents the collisions that folding creates
// (DESIGN §2): they are why stop words are decided on the Norm form.
func TestKeyCollisions(t *testing.T) {
	pairs := []struct{ a, b string }{
		{"على", "علي"},     // "on" and the name Ali
		{"إلى", "الي"},     // "to" and "automatic"
		{"مدرسة", "مدرسه"}, // teh marbuta and heh
		{"أمل", "امل"},     // hamza and bare alef
	}
	for _, p := range pairs {
		if Key(p.a) != Key(p.b) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want equal", p.a, Key(p.a), p.b, Key(p.b))
		}
	}
	if Normalize("على") == Normalize("علي") {
		t.Error("Normalize must keep على and علي apart")
	}
}

func TestNormalizeNoAllocWhenNormal(t *testing.T) {
	s := "واشنطن توافق على سحب قواتها من العراق"
	if got := Normalize(s); got != s {
		t.Fatalf("Normalize changed %q to %q", s, got)
	}
	allocs := testing.AllocsPerRun(100, func() { _ = Normalize(s) })
	if allocs != 0 {
		t.Errorf("Normalize of a normal string allocates %v times", allocs)
	}
}

func TestStepString(t *testing.T) {
	if got := (StripDiacritics | FoldAlef).String(); got != "StripDiacritics|FoldAlef" {
		t.Errorf("got %q", got)
	}
	if got := Step(0).String(); got != "0" {
		t.Errorf("got %q", got)
	}
	if got := Step(1 << 20).String(); got != "unknown" {
		t.Errorf("got %q", got)
	}
}

// TestTransformerMatchesString checks the streaming form against String,
// reading through a reader that returns one byte at a time.
func TestTransformerMatchesString(t *testing.T) {
	text := "خلال الجولة الثالثة من الحوار الاستراتيجي الأميركي ـ العراقي ﻻ ﷲ ٢٠٢١ مُصطفى\u200f هٰذا ٱلله"
	text = strings.Repeat(text+"\n", 200)
	for _, steps := range []Step{DefaultSteps, KeySteps, StripDiacritics, NFKC | FoldDigits} {
		n := NewNormalizer(steps)
		want := n.String(text)
		got, err := io.ReadAll(transform.NewReader(iotest.OneByteReader(strings.NewReader(text)), n.Transformer()))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("steps %v: transformer output differs from String", steps)
		}
		var buf bytes.Buffer
		w := transform.NewWriter(&buf, n.Transformer())
		if _, err := io.WriteString(w, text); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("steps %v: transform writer differs from String", steps)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"مُصْطَفَى", "ﻻ ﷲ", "٣٫٥٪", "\xff\xfe", "Blinken", "ٱلـعراق", "\xd9ُ\x8e0", "\xf5\u0343"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key is not idempotent on %q: %q then %q", s, k, Key(k))
		}
		if !utf8.ValidString(k) {
			t.Errorf("Key(%q) = %q is not valid UTF-8", s, k)
		}
		n := Normalize(s)
		if len(s) > 0 && strings.ToValidUTF8(s, "") == s && len(n) > 18*len(s)+16 { // NFKC grows ﷺ (3 bytes) to 33
			t.Errorf("Normalize(%q) grew to %d bytes", s, len(n))
		}
	})
}
