package tokenize

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// tok is a compact expected token: surface, kind and byte start.
type tok struct {
	text  string
	kind  Kind
	start int
}

func TestTokenizeKinds(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []tok
	}{
		{"arabic words", "وافقت واشنطن", []tok{{"وافقت", ArabicWord, 0}, {"واشنطن", ArabicWord, 11}}},
		{"diacritics and tatweel stay inside", "قَالَ بـغـداد", []tok{{"قَالَ", ArabicWord, 0}, {"بـغـداد", ArabicWord, 11}}},
		{"arabic comma and question", "نعم، لماذا؟", []tok{{"نعم", ArabicWord, 0}, {"،", Punct, 6}, {"لماذا", ArabicWord, 9}, {"؟", Punct, 19}}},
		{"latin inside arabic", "عبر Google اليوم", []tok{{"عبر", ArabicWord, 0}, {"Google", LatinWord, 7}, {"اليوم", ArabicWord, 14}}},
		{"latin with digits and apostrophe", "G20 don't", []tok{{"G20", LatinWord, 0}, {"don't", LatinWord, 4}}},
		{"arabic-indic number", "عام ٢٠٢١", []tok{{"عام", ArabicWord, 0}, {"٢٠٢١", Number, 7}}},
		{"decimal numbers", "3.5 و١٫٥", []tok{{"3.5", Number, 0}, {"و", ArabicWord, 4}, {"١٫٥", Number, 6}}},
		{"thousands and time", "1,200 9:34:00", []tok{{"1,200", Number, 0}, {"9:34:00", Number, 6}}},
		{"number then stop", "في 7 أبريل 2021.", []tok{{"في", ArabicWord, 0}, {"7", Number, 5}, {"أبريل", ArabicWord, 7}, {"2021", Number, 18}, {".", Punct, 22}}},
		{"percent", "٣٫٥٪", []tok{{"٣٫٥", Number, 0}, {"٪", Punct, 6}}},
		{"number with latin suffix", "5G", []tok{{"5G", LatinWord, 0}}},
		{"hashtag", "#كوريا_الشمالية", []tok{{"#كوريا_الشمالية", Hashtag, 0}}},
		{"lone hash", "# 1", []tok{{"#", Symbol, 0}, {"1", Number, 2}}},
		{"mention", "@MoFA_Iraq:", []tok{{"@MoFA_Iraq", Mention, 0}, {":", Punct, 10}}},
		{"url with trailing stop", "انظر https://www.alarabiya.net/ar/iraq?id=3.", []tok{{"انظر", ArabicWord, 0}, {"https://www.alarabiya.net/ar/iraq?id=3", URL, 9}, {".", Punct, 47}}},
		{"www url in brackets", "(www.example.com)", []tok{{"(", Punct, 0}, {"www.example.com", URL, 1}, {")", Punct, 16}}},
		{"email", "راسلونا: news@example.co.uk.", []tok{{"راسلونا", ArabicWord, 0}, {":", Punct, 14}, {"news@example.co.uk", Email, 16}, {".", Punct, 34}}},
		{"not an email", "a@b", []tok{{"a", LatinWord, 0}, {"@b", Mention, 1}}},
		{"ellipsis runs", "لكن... ربما…", []tok{{"لكن", ArabicWord, 0}, {"...", Punct, 6}, {"ربما", ArabicWord, 10}, {"…", Punct, 18}}},
		{"quotes", "«نعم»", []tok{{"«", Punct, 0}, {"نعم", ArabicWord, 2}, {"»", Punct, 8}}},
		{"script change splits", "الالكترونيbefore", []tok{{"الالكتروني", ArabicWord, 0}, {"before", LatinWord, 20}}},
		{"other script", "Москва", []tok{{"Москва", Word, 0}}},
		{"symbol and emoji", "$5 😀", []tok{{"$", Symbol, 0}, {"5", Number, 1}, {"😀", Symbol, 3}}},
		{"zwnj inside word", "می\u200cخواهم", []tok{{"می\u200cخواهم", ArabicWord, 0}}},
		{"rlm between words", "بغداد\u200f واشنطن", []tok{{"بغداد", ArabicWord, 0}, {"واشنطن", ArabicWord, 14}}},
		{"invalid utf-8", "أ\xff\xfeب", []tok{{"أ", ArabicWord, 0}, {"\xff\xfe", Invalid, 2}, {"ب", ArabicWord, 4}}},
		{"nbsp is a gap", "من\u00a0الحوار", []tok{{"من", ArabicWord, 0}, {"الحوار", ArabicWord, 6}}},
		{"presentation forms", "ﺑﻐﺪﺍﺩ ﻻ", []tok{{"ﺑﻐﺪﺍﺩ", ArabicWord, 0}, {"ﻻ", ArabicWord, 16}}},
		{"empty", "", nil},
		{"only spaces", " \n\t ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.text)
			checkInvariants(t, tt.text, got)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d tokens %v, want %d", len(got), texts(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Text != w.text || g.Kind != w.kind || g.Start != w.start {
					t.Errorf("token %d = {%q %v %d}, want {%q %v %d}", i, g.Text, g.Kind, g.Start, w.text, w.kind, w.start)
				}
			}
		})
	}
}

func TestTokenNorm(t *testing.T) {
	tests := []struct{ text, norm string }{
		{"الـوِلايات", "الولايات"},
		{"٢٠٢١", "2021"},
		{"١٫٥", "1.5"},
		{"ﻻ", "لا"},
		{"إلى", "الى"},
		{"Google", "Google"},
		{"\xff", "\uFFFD"},
	}
	for _, tt := range tests {
		got := Tokenize(tt.text)
		if len(got) != 1 || got[0].Norm != tt.norm {
			t.Errorf("Tokenize(%q) = %+v, want one token with Norm %q", tt.text, got, tt.norm)
		}
	}
}

func TestHashtagParts(t *testing.T) {
	text := "تابعوا #كوريا_الشمالية و#سيول و#G20_2021"
	toks := Tokenize(text)
	checkInvariants(t, text, toks)
	want := map[string][]string{
		"#كوريا_الشمالية": {"كوريا", "الشمالية"},
		"#سيول":           {"سيول"},
		"#G20_2021":       {"G20", "2021"},
	}
	seen := 0
	for _, tk := range toks {
		if tk.Kind != Hashtag {
			continue
		}
		seen++
		var parts []string
		for _, p := range tk.Parts {
			if text[p.Start:p.End] != p.Text {
				t.Errorf("part %q has wrong offsets %d:%d", p.Text, p.Start, p.End)
			}
			if p.Start < tk.Start || p.End > tk.End {
				t.Errorf("part %q outside its hashtag", p.Text)
			}
			parts = append(parts, p.Text)
		}
		if fmt.Sprint(parts) != fmt.Sprint(want[tk.Text]) {
			t.Errorf("%s parts = %v, want %v", tk.Text, parts, want[tk.Text])
		}
	}
	if seen != 3 {
		t.Errorf("found %d hashtags in %v, want 3", seen, texts(toks))
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"full stops", "وصل الوزير. ثم غادر.", []string{"وصل الوزير.", "ثم غادر."}},
		{"question and exclamation", "هل وصل؟ نعم! غادر.", []string{"هل وصل؟", "نعم!", "غادر."}},
		{"decimal numbers", "بلغ النمو 3.5 في المئة و١٫٥ مليار. ثم", []string{"بلغ النمو 3.5 في المئة و١٫٥ مليار.", "ثم"}},
		{"ellipsis", "لكن... ربما", []string{"لكن...", "ربما"}},
		{"url and email", "زوروا www.example.com أو news@example.com اليوم. نعم", []string{"زوروا www.example.com أو news@example.com اليوم.", "نعم"}},
		{"latin initials", "قال J. P. Morgan إن. ثم", []string{"قال J. P. Morgan إن.", "ثم"}},
		{"arabic initial", "قال د. فؤاد حسين ذلك.", []string{"قال د. فؤاد حسين ذلك."}},
		{"spelled latin initials", "رأى محللو جيه.بي. مورغان وجون دبليو. هنري ذلك. ثم", []string{"رأى محللو جيه.بي. مورغان وجون دبليو. هنري ذلك.", "ثم"}},
		{"abbreviation", "Mr. Blinken met Dr. Hussein. Then", []string{"Mr. Blinken met Dr. Hussein.", "Then"}},
		{"no space after stop", "موقع العربية.نت نشر", []string{"موقع العربية.نت نشر"}},
		{"quote closes sentence", "وقال: \"نحن ملتزمون.\" وأضاف", []string{"وقال: \"نحن ملتزمون.\"", "وأضاف"}},
		{"guillemets", "وقال «سنعود.» ثم", []string{"وقال «سنعود.»", "ثم"}},
		{"line breaks", "عنوان المقال\nالفقرة الأولى", []string{"عنوان المقال", "الفقرة الأولى"}},
		{"repeated terminators", "حقا؟! نعم", []string{"حقا؟!", "نعم"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.text)
			var got []string
			for _, s := range Sentences(toks) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestParagraphModes(t *testing.T) {
	text := "سطر أول\nيكمل الجملة.\n\nفقرة ثانية"
	each := Sentences(Tokenize(text))
	if len(each) != 3 || each[2].Paragraph != 2 {
		t.Errorf("EachLine: %+v", each)
	}
	tz, err := New(WithParagraphs(BlankLine))
	if err != nil {
		t.Fatal(err)
	}
	blank := Sentences(tz.Tokenize(text))
	if len(blank) != 2 || blank[0].Paragraph != 0 || blank[1].Paragraph != 1 {
		t.Errorf("BlankLine: %+v", blank)
	}
	if got := text[blank[0].Start:blank[0].End]; got != "سطر أول\nيكمل الجملة." {
		t.Errorf("BlankLine first sentence %q", got)
	}
}

func TestOptions(t *testing.T) {
	if _, err := New(WithSteps(1 << 30)); err == nil {
		t.Error("WithSteps accepted an unknown step")
	}
	if _, err := New(WithParagraphs(9)); err == nil {
		t.Error("WithParagraphs accepted an unknown mode")
	}
	if _, err := New(WithAbbreviations(" ")); err == nil {
		t.Error("WithAbbreviations accepted an empty word")
	}
	tz, err := New(WithAbbreviations("Amb."), WithSteps(KeySteps))
	if err != nil {
		t.Fatal(err)
	}
	toks := tz.Tokenize("Amb. Smith arrived. مدرسة")
	if n := len(Sentences(toks)); n != 2 {
		t.Errorf("got %d sentences, want 2", n)
	}
	if last := toks[len(toks)-1]; last.Norm != "مدرسه" {
		t.Errorf("KeySteps Norm = %q", last.Norm)
	}
	if tz.Normalizer().Steps() != KeySteps {
		t.Error("Normalizer().Steps()")
	}
}

func TestScannerAndIterator(t *testing.T) {
	text := "واشنطن توافق على سحب قواتها من العراق. #العراق"
	want := Tokenize(text)
	var got []Token
	for tk := range Default().Tokens(text) {
		got = append(got, tk)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Tokens iterator differs from Tokenize")
	}
	for range Default().Tokens(text) {
		break // stopping early must be safe
	}
	s := Default().Scanner("أول")
	s.Reset(text)
	n := 0
	for s.Next() {
		if s.Token().Text != want[n].Text {
			t.Errorf("Scanner token %d = %q", n, s.Token().Text)
		}
		n++
	}
	if n != len(want) {
		t.Errorf("Scanner read %d tokens, want %d", n, len(want))
	}
}

func TestKindText(t *testing.T) {
	for k := ArabicWord; k <= Invalid; k++ {
		b, _ := k.MarshalText()
		var back Kind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("round trip of %v: %v %v", k, back, err)
		}
	}
	var k Kind
	if err := k.UnmarshalText([]byte("verb")); err == nil {
		t.Error("UnmarshalText accepted an unknown kind")
	}
	if Kind(0).String() != "Kind(0)" {
		t.Errorf("zero kind: %q", Kind(0).String())
	}
}

func TestConcurrentTokenize(t *testing.T) {
	text := strings.Repeat("وافقت واشنطن على سحب قواتها من العراق، وقال بلينكن: «نعم». ", 50)
	want := fmt.Sprint(Tokenize(text))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := fmt.Sprint(Default().Tokenize(text)); got != want {
				t.Error("concurrent Tokenize differs")
			}
		})
	}
	wg.Wait()
}

// checkInvariants asserts what every tokenisation must satisfy: exact
// surfaces, increasing in-bounds offsets on rune boundaries, only gaps of
// whitespace and invisible marks, and non-decreasing sentence indexes.
func checkInvariants(t *testing.T, text string, toks []Token) {
	t.Helper()
	prevEnd, prevSentence := 0, 0
	for i, tk := range toks {
		if tk.Start < prevEnd || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d %q has bad offsets %d:%d (previous end %d)", i, tk.Text, tk.Start, tk.End, prevEnd)
		}
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %d: text[%d:%d] = %q, Text = %q", i, tk.Start, tk.End, text[tk.Start:tk.End], tk.Text)
		}
		if tk.Kind != Invalid && !utf8.RuneStart(text[tk.Start]) {
			t.Fatalf("token %d %q is not on rune boundaries", i, tk.Text)
		}
		if tk.Kind == Invalid && utf8.ValidString(tk.Text) {
			t.Fatalf("token %d %q is valid UTF-8 but of kind Invalid", i, tk.Text)
		}
		if tk.Kind != Invalid && !utf8.ValidString(tk.Text) {
			t.Fatalf("token %d %q holds invalid UTF-8", i, tk.Text)
		}
		if gap := text[prevEnd:tk.Start]; !isGap(gap) {
			t.Fatalf("bytes %q before token %d are not whitespace", gap, i)
		}
		if tk.Sentence < prevSentence || tk.Sentence > prevSentence+1 {
			t.Fatalf("token %d sentence %d after %d", i, tk.Sentence, prevSentence)
		}
		prevEnd, prevSentence = tk.End, tk.Sentence
	}
	if gap := text[prevEnd:]; !isGap(gap) {
		t.Fatalf("trailing bytes %q are not whitespace", gap)
	}
}

func isGap(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
		if !(r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || isInvisible(r) || isSpaceRune(r)) {
			return false
		}
	}
	return true
}

func isSpaceRune(r rune) bool {
	return strings.ContainsRune("\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000", r)
}

func texts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, tk := range toks {
		out[i] = tk.Text
	}
	return out
}

func TestJoiningHyphen(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool // of the first hyphen
	}{
		{"كيم جونغ-أون", true},
		{"ميغيل دياز- كانيل", true},
		{"جان -بيير", true},
		{"بيروت - دمشق", false},
		{"موسم 2017-2018", false},
		{"-أون", false},
		{"جونغ-", false},
	} {
		toks := Tokenize(tc.text)
		i := slices.IndexFunc(toks, func(t Token) bool { return t.Text == "-" })
		if i < 0 {
			t.Fatalf("%q: no hyphen token in %v", tc.text, toks)
		}
		if got := JoiningHyphen(toks, i); got != tc.want {
			t.Errorf("JoiningHyphen(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
