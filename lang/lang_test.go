package lang

import (
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/tokenize"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"arabic", "وافقت واشنطن على سحب قواتها القتالية من العراق.", Arabic},
		{"arabic with Latin words", "أعلنت شركة Google عن أدوات جديدة في مساعدها الذكي Gemini.", Arabic},
		{"arabic with diacritics and digits", "قالَ الوزيرُ إنّ التضخم بلغ ٣٫٥٪ في 2024.", Arabic},
		{"english", "The United States agreed on Wednesday to withdraw its remaining combat forces from Iraq, the two governments said.", English},
		{"english headline", "Blinken meets Kadhimi in Baghdad", English},
		{"english with arabic name", "Iraq's foreign minister, Fuad Hussein (فؤاد حسين), said the talks went well and that more would follow.", English},
		{"upper-case english", "THE TALKS WILL RESUME IN BAGHDAD", English},
		{"french", "Le ministre des affaires étrangères a rencontré son homologue irakien à Bagdad mercredi pour discuter de la sécurité.", Undetermined},
		{"german", "Der Außenminister traf seinen irakischen Amtskollegen am Mittwoch in Bagdad, um über die Sicherheit zu sprechen.", Undetermined},
		{"latin without english words", "Pixel 3 XL", Undetermined},
		{"russian", "Министр иностранных дел встретился с иракским коллегой в Багдаде.", Undetermined},
		{"hebrew", "שר החוץ נפגש עם עמיתו העיראקי בבגדד", Undetermined},
		{"chinese", "外交部长在巴格达会见了伊拉克外长。", Undetermined},
		{"no letters", "2024 - 12:30 ... !!", Undetermined},
		{"empty", "", Undetermined},
		{"invalid utf-8", "the talks \xff\xfe in Baghdad", English},
		{"curly apostrophe", "Iraq’s minister said it’s time", English},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect(tc.text); got != tc.want {
				t.Errorf("Detect(%q) = %q (%+v), want %q", tc.text, got, Count(tc.text), tc.want)
			}
		})
	}
}

func TestCount(t *testing.T) {
	got := Count("The talks in بغداد: Iraq’s minister, Привет!")
	want := Stats{Arabic: 5, Latin: 23, Other: 6, Words: 5, Common: 2}
	if got != want {
		t.Errorf("Count = %+v, want %+v", got, want)
	}
	if got.Letters() != 34 {
		t.Errorf("Letters = %d, want 34", got.Letters())
	}
	if s := got.Add(got); s.Latin != 46 || s.Common != 4 {
		t.Errorf("Add = %+v", s)
	}
}

func TestParagraphs(t *testing.T) {
	ar := "وافقت واشنطن على سحب قواتها من العراق.\n"
	en := "The State Department said the talks would resume in Baghdad next month.\n"
	for _, tc := range []struct {
		name string
		text string
		want []Span
	}{
		{"empty", "", nil},
		{"arabic", ar + ar, []Span{{0, 2 * len(ar), Arabic}}},
		{"english", en + "\n" + en, []Span{{0, 2*len(en) + 1, English}}},
		{"mixed", ar + en + ar, []Span{{0, len(ar), Arabic}, {len(ar), len(ar) + len(en), English}, {len(ar) + len(en), 2*len(ar) + len(en), Arabic}}},
		{"caption in an english text", en + "Antony Blinken\n" + en, []Span{{0, 2*len(en) + 15, English}}},
		{"product line in an arabic text", ar + "Pixel 3 XL\n" + ar, []Span{{0, 2*len(ar) + 11, Arabic}}},
		{"blank lines join", "\n\n" + en, []Span{{0, len(en) + 2, English}}},
		{"no final line break", ar + "The talks will resume.", []Span{{0, len(ar), Arabic}, {len(ar), len(ar) + 22, English}}},
		{"cyrillic line", ar + "Министр встретился с коллегой.\n", []Span{{0, len(ar), Arabic}, {len(ar), len(ar) + len("Министр встретился с коллегой.\n"), Undetermined}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Paragraphs(tc.text)
			if len(got) != len(tc.want) {
				t.Fatalf("Paragraphs = %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("span %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
			checkCover(t, tc.text, got)
		})
	}
}

// checkCover checks that spans cover text in order without gaps.
func checkCover(t *testing.T, text string, spans []Span) {
	t.Helper()
	at := 0
	for _, s := range spans {
		if s.Start != at || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("span %+v after offset %d in a text of %d bytes", s, at, len(text))
		}
		at = s.End
	}
	if at != len(text) {
		t.Fatalf("spans end at %d, text at %d", at, len(text))
	}
}

func TestLatinRuns(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"product", "أطلقت غوغل هاتف Pixel 3 XL الجديد", []string{"Pixel 3 XL"}},
		{"initials", "وتوقع بنك J.P. Morgan أن يبلغ", []string{"J.P. Morgan"}},
		{"spaced initials", "محللو بنك J. P. Morgan أن", []string{"J. P. Morgan"}},
		{"middle initial", "مالك ليفربول John W. Henry (جون دبليو. هنري)", []string{"John W. Henry"}},
		{"ampersand", "شركة AT&T الأميركية", []string{"AT&T"}},
		{"plus", "تحالف أوبك+ (OPEC+) تمديد", []string{"OPEC+"}},
		{"two runs", "شركات مثل OpenAI وGoogle و Nvidia", []string{"OpenAI", "Google", "Nvidia"}},
		{"number is no run", "في عام 2024 قال", nil},
		{"number then word", "بنسبة 3 Gbps", []string{"Gbps"}},
		{"comma ends", "Microsoft, Google", []string{"Microsoft", "Google"}},
		{"sentence ends", "Apple. Google", []string{"Apple", "Google"}},
		{"url and mention", "موقع https://www.opec.org وحساب @IMFNews", nil},
		{"trailing dot", "شركة Inc. الأميركية", []string{"Inc"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			toks := tokenize.Tokenize(tc.text)
			var got []string
			for _, r := range LatinRuns(toks) {
				if r.Start != toks[r.TokenStart].Start || r.End != toks[r.TokenEnd-1].End {
					t.Errorf("run %+v: offsets do not match its tokens", r)
				}
				got = append(got, tc.text[r.Start:r.End])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("LatinRuns = %q, want %q", got, tc.want)
			}
		})
	}
}
