package lexicon

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/khabar-nlp/khabar/tokenize"
)

func mustDefault(tb testing.TB) *Lexicon {
	tb.Helper()
	l, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// TestDefaultOnce checks that the embedded tables parse, once.
func TestDefaultOnce(t *testing.T) {
	a := mustDefault(t)
	b := mustDefault(t)
	if a != b {
		t.Error("Default parsed the tables twice")
	}
	if len(a.titles) < 100 || len(a.firstNames) < 500 || a.Len() < 2000 {
		t.Errorf("tables too small: %d titles, %d first names, %d words", len(a.titles), len(a.firstNames), a.Len())
	}
}

func TestClass(t *testing.T) {
	l := mustDefault(t)
	tests := []struct {
		word string
		want Class // bits that must be set
		not  Class // bits that must not be set
	}{
		{"قال", Verb, FirstName},
		{"يقول", Verb, 0},
		{"حكومة", Noun, Verb},
		{"الحكومة", Noun, 0},       // stored with the article
		{"حكومات", Noun, 0},        // plural in ات
		{"الرسمية", Adjective, 0},  // feminine with the article
		{"مريبة", Adjective, Noun}, // an adjective that judges
		{"محمد", FirstName, Common},
		{"عبد", NamePrefix | FirstNameHead, 0},
		{"بن", NameLink, 0},
		{"الرئيس", Title, 0},
		{"وزارة", OrgHead, 0},
		{"مدينة", PlaceHead, 0},
		{"أمس", TimeWord, 0},
		{"بغداد", 0, ^Class(0)},
	}
	for _, tc := range tests {
		c := l.Class(tokenize.Key(tc.word))
		if c&tc.want != tc.want || c&tc.not != 0 {
			t.Errorf("Class(%s) = %v, want %v set and %v clear", tc.word, c, tc.want, tc.not)
		}
	}
	if s := (Noun | Adjective).String(); s != "noun|adjective" {
		t.Errorf("String = %q", s)
	}
	if s := Class(0).String(); s != "none" {
		t.Errorf("String of no class = %q", s)
	}
	if s := (Verb | 1<<30).String(); s != "verb|Class(0x40000000)" {
		t.Errorf("String with an unknown bit = %q", s)
	}
}

func TestPhrasesAndHeads(t *testing.T) {
	l := mustDefault(t)
	titles := l.Titles(tokenize.Key("رئيس"))
	if len(titles) == 0 {
		t.Fatal("no title begins with رئيس")
	}
	for i := 1; i < len(titles); i++ {
		if len(titles[i].Rest) > len(titles[i-1].Rest) {
			t.Errorf("titles of رئيس not longest first: %q before %q", titles[i-1].Text, titles[i].Text)
		}
	}
	if fn := l.FirstNames(tokenize.Key("عبدالله")); len(fn) == 0 || fn[0].Text != "عبد الله" {
		t.Errorf("FirstNames(عبدالله) = %v, want the joined form of عبد الله", fn)
	}
	if p, ok := l.Prefix(tokenize.Key("أبو")); !ok || p.Text != "أبو" {
		t.Errorf("Prefix(أبو) = %v, %v", p, ok)
	}
	if _, ok := l.Link("بن"); !ok {
		t.Error("Link(بن) missing")
	}
	if h, ok := l.OrgHead(tokenize.Key("وزارة")); !ok || h.Mode != OrgDescriptive {
		t.Errorf("OrgHead(وزارة) = %v, %v", h, ok)
	}
	if h, ok := l.PlaceHead(tokenize.Key("مدينة")); !ok || h.Score <= 0 {
		t.Errorf("PlaceHead(مدينة) = %v, %v", h, ok)
	}
}

func TestAnalyze(t *testing.T) {
	l := mustDefault(t)
	tests := []struct {
		word, stem string
		class      Class
		cliticArt  bool
	}{
		{"والحكومة", "الحكومة", Noun, true},
		{"للرئيس", "الرئيس", Title, true},
		{"وزارة", "", 0, false}, // a word of the tables is not split
		{"بغداد", "", 0, false},
		{"والكاظمي", "", 0, true}, // proclitics and the article, no table word
	}
	for _, tc := range tests {
		w := l.Analyze(tokenize.Key(tc.word))
		if w.Split.Stem != tokenize.Key(tc.stem) && tc.stem != "" || tc.stem == "" && w.Split.Stem != "" {
			t.Errorf("Analyze(%s).Split.Stem = %q, want %q", tc.word, w.Split.Stem, tc.stem)
		}
		if w.StemClass&tc.class != tc.class || w.CliticArticle != tc.cliticArt {
			t.Errorf("Analyze(%s) = %+v, want stem class %v, clitic article %v", tc.word, w, tc.class, tc.cliticArt)
		}
	}
}

func TestCommon(t *testing.T) {
	l := mustDefault(t)
	tests := []struct {
		word string
		want bool
	}{
		{"قال", true}, {"الحكومة", true}, {"بالحكومة", true}, {"وأعلن", true},
		{"حكومته", true}, {"زيارتها", true}, {"يعطيك", true},
		{"هجوما", true}, {"مسبقاً", true}, {"محافظي", true},
		{"يتحدث", true}, {"تستمر", true}, {"اجتماع", true}, {"انسحاب", true}, {"مستشار", true},
		{"المسلحين", true}, {"مسؤولون", true}, {"سيقاطع", true}, {"وانتشرت", true},
		// Names and name-like words.
		{"محمد", false}, {"يوسف", false}, {"تبون", false}, {"ليفني", false}, {"مالك", false},
		{"كمال", false}, {"فراس", false}, {"بغداد", false}, {"الكاظمي", false}, {"متولي", false},
	}
	for _, tc := range tests {
		toks := tokenize.Tokenize(tc.word)
		if len(toks) != 1 {
			t.Fatalf("%s: %d tokens", tc.word, len(toks))
		}
		key := tokenize.Key(toks[0].Norm)
		if got := l.Common(l.Analyze(key), toks[0].Text, toks[0].Norm, key); got != tc.want {
			t.Errorf("Common(%s) = %v, want %v", tc.word, got, tc.want)
		}
	}
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		word     string
		definite bool
		want     bool
	}{
		{"يقول", false, true}, {"يوسف", false, false}, {"المذكور", true, true}, {"تأكيد", false, true},
		{"متحمس", false, true}, {"متولي", false, false}, {"السيارات", true, true}, {"بغداد", false, false},
	} {
		if got := CommonShape(tokenize.Key(tc.word), tc.definite, false); got != tc.want {
			t.Errorf("CommonShape(%s) = %v, want %v", tc.word, got, tc.want)
		}
	}
	if !IsNisba(tokenize.Key("العراقية"), true) || IsNisba(tokenize.Key("بغداد"), false) {
		t.Error("IsNisba")
	}
	if !TehVerbShape(tokenize.Key("تحيط")) || TehVerbShape(tokenize.Key("توفيق")) {
		t.Error("TehVerbShape")
	}
	if !HasArticle("العراق") || HasArticle(tokenize.Key("آل")) {
		t.Error("HasArticle")
	}
}

// embeddedTables returns the embedded tables as a MapFS that a test can
// change.
func embeddedTables(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range TableFiles() {
		data, err := fs.ReadFile(Tables(), name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, line, want string
	}{
		{"title columns", "titles.txt", "الرئيس\tname", "lexicon: titles.txt:"},
		{"title after", "titles.txt", "الرئيس\tbefore\t0.8", "after \"before\""},
		{"title score", "titles.txt", "الرئيس\tname\t1.5", "score"},
		{"title zero score", "titles.txt", "الرئيس\tname\t0", "score 0"},
		{"first name flag", "first-names.txt", "محمد\tmaybe", "flag \"maybe\""},
		{"noun two words", "nouns.txt", "حكومة جديدة", "want one word"},
		{"empty entry", "nouns.txt", "\"\"\t", "columns"},
		{"org mode", "org-heads.txt", "وزارة\tsome\t0.7", "mode \"some\""},
		{"org adj without article", "org-heads.txt", "بنك\tadj\t0.7", "article"},
		{"place mode", "place-heads.txt", "مدينة\tnear\t0.7", "mode \"near\""},
		{"part role", "name-parts.txt", "عبد\tmiddle\t-\t0", "role \"middle\""},
		{"part next", "name-parts.txt", "عبد\tprefix\tany\t0", "next \"any\""},
		{"qualifier kind", "qualifiers.txt", "السابق\tmaybe", "kind \"maybe\""},
		{"adjective flag", "adjectives.txt", "كبير\tloc", "flag \"loc\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := embeddedTables(t)
			line := strings.ReplaceAll(tc.line, `\t`, "\t")
			m[tc.file] = &fstest.MapFile{Data: append(append([]byte("# test\n"), m[tc.file].Data...), "\n"+line+"\n"...)}
			_, err := Parse(m)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "lexicon: "+tc.file+":") {
				t.Errorf("err = %v, want one at %s containing %q", err, tc.file, tc.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		m := embeddedTables(t)
		delete(m, "verbs.txt")
		if _, err := Parse(m); err == nil || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v, want fs.ErrNotExist", err)
		}
	})
	t.Run("BOM and CRLF", func(t *testing.T) {
		m := embeddedTables(t)
		m["time.txt"] = &fstest.MapFile{Data: []byte("\uFEFF# time\r\nأمس\r\n")}
		l, err := Parse(m)
		if err != nil || l.Class(tokenize.Key("أمس"))&TimeWord == 0 {
			t.Errorf("Parse with BOM and CRLF: %v", err)
		}
	})
}

// TestTablesClean checks the tables themselves: no entry twice in a
// table, and no first name or title that is a function word.
func TestTablesClean(t *testing.T) {
	for _, tb := range tables {
		data, err := fs.ReadFile(Tables(), tb.file)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for n, line := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.Split(line, "\t")
			key := strings.Join(entryKeys(cols[0]), " ")
			if tb.file == "name-parts.txt" {
				key += "\t" + cols[1] // a word may have several roles
			}
			if prev, ok := seen[key]; ok && tb.file != "nouns.txt" && tb.file != "verbs.txt" && tb.file != "adjectives.txt" && tb.file != "time.txt" && tb.file != "other.txt" {
				t.Errorf("%s:%d: %q already at line %d", tb.file, n+1, cols[0], prev)
			}
			seen[key] = n + 1
			if (tb.file == "first-names.txt" || tb.file == "titles.txt") && tokenize.IsStopWord(cols[0]) && cols[0] != "علي" {
				t.Errorf("%s:%d: %q is a function word", tb.file, n+1, cols[0])
			}
		}
	}
}

// TestNameListsCoverage checks the first-name table against the Arabic
// name lists of ../shared/data (read only to measure; nothing of them is
// in the tables): it must know most first names, and take few family
// names for common words. The floors are a little below the figures
// measured when they were set (see the test's log).
func TestNameListsCoverage(t *testing.T) {
	const dir = "../../shared/data/arabic-names-akhateeb/"
	l := mustDefault(t)
	floors := map[string]float64{
		"male-first--names-in-arabic.txt":  0.0,
		"female-first-names-in-arabic.txt": 0.0,
		"400-Arabic-Names.txt":             0.0,
	}
	for file, floor := range floors {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Skipf("arabic-names-akhateeb not available (%v): skipping the coverage check", err)
		}
		total, known := 0, 0
		for _, line := range strings.Split(string(data), "\n") {
			name := strings.TrimSpace(strings.Split(line, ",")[0])
			if name == "" || !strings.ContainsFunc(name, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) {
				continue
			}
			keys := entryKeys(name)
			if len(keys) == 0 {
				continue
			}
			if strings.HasPrefix(file, "400-") {
				keys = keys[:1] // full names: the first name only
			}
			total++
			for _, ph := range l.FirstNames(keys[0]) {
				if slices.Equal(ph.Rest, keys[1:]) {
					known++
					break
				}
			}
		}
		share := float64(known) / float64(max(total, 1))
		t.Logf("%s: %d of %d names in the first-name table (%.3f)", file, known, total, share)
		if share < floor {
			t.Errorf("%s: first-name table knows %.3f of the names, below the floor %.2f", file, share, floor)
		}
	}
	data, err := os.ReadFile(dir + "last-names-in-arabic.txt")
	if err != nil {
		t.Skipf("last names not available: %v", err)
	}
	total, common := 0, 0
	var examples []string
	for _, line := range strings.Split(string(data), "\n") {
		toks := tokenize.Tokenize(strings.TrimSpace(strings.Split(line, ",")[0]))
		if len(toks) != 1 || toks[0].Kind != tokenize.ArabicWord {
			continue
		}
		total++
		key := tokenize.Key(toks[0].Norm)
		if l.Common(l.Analyze(key), toks[0].Text, toks[0].Norm, key) {
			common++
			if len(examples) < 20 {
				examples = append(examples, toks[0].Text)
			}
		}
	}
	share := float64(common) / float64(max(total, 1))
	t.Logf("last names taken for common words: %d of %d (%.3f), e.g. %v", common, total, share, examples)
	if share > 0.12 { // 4 of 45 when set

		t.Errorf("%.3f of family names taken for common words, above the ceiling", share)
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(Tables()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	l := mustDefault(b)
	words := strings.Fields("وقال الرئيس العراقي برهم صالح للصحفيين في بغداد إن الحكومة ستعمل على تعزيز العلاقات مع الدول العربية والأجنبية")
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = tokenize.Key(w)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, k := range keys {
			sinkWord = l.Analyze(k)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(keys)), "ns/word")
}

var sinkWord Word

// TestDegree checks the adjectives flagged degree, in every form the
// loader adds and with the article, and that adjectives of kind are not.
func TestDegree(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"هائل", true},
		{"هائلة", true},
		{"الشديدة", true},
		{"مريب", true},
		{"جوية", false},
		{"المركزي", false},
		{"زيادة", false},
	} {
		if got := l.Degree(tokenize.Key(tc.word)); got != tc.want {
			t.Errorf("Degree(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
}
