package tfidf

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDefaultSpace(t *testing.T) {
	s, err := DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	if s2, _ := DefaultSpace(); s2 != s {
		t.Error("DefaultSpace returned two different spaces")
	}
	if n := s.Vectorizer().Len(); n < 500 {
		t.Errorf("vocabulary of %d words, want at least 500", n)
	}
	if s.Weights().Docs() != 100000 {
		t.Errorf("%d nominal documents, want 100000", s.Weights().Docs())
	}
	generic, _ := s.Vectorizer().Column(Terms("الحكومة", TermOptions{})[0].Key)
	topical, _ := s.Vectorizer().Column(Terms("الانتخابات", TermOptions{})[0].Key)
	if !(s.Weights().IDF(generic) < s.Weights().IDF(topical) && s.Weights().IDF(topical) < s.Weights().UnseenIDF()) {
		t.Errorf("idf(الحكومة)=%.2f idf(الانتخابات)=%.2f unseen=%.2f: want increasing",
			s.Weights().IDF(generic), s.Weights().IDF(topical), s.Weights().UnseenIDF())
	}
	if j, _ := s.Vectorizer().Column("حكوم"); s.Vectorizer().Surface(j) != "الحكومة" {
		t.Errorf("surface of حكوم = %q", s.Vectorizer().Surface(j))
	}
	// ستجري is in the list measured on news text, with الحكومة and
	// الانتخابات; قالت and إن are stop words.
	if m := s.Transform([]string{"قالت الحكومة إن الانتخابات ستجري"}); m.Nnz() != 3 {
		t.Errorf("Transform: %d non-zeros, want 3", m.Nnz())
	}
}

// TestDefaultSpaceKeywords checks the keywords of the test articles:
// names and specific words in, generic news words out.
// TestDefaultSpaceGeneralWords checks that words of every kind of story
// are in the background, and that the words sharing a stem with one of
// them that name what a story is about are not (الفقر beside الفقرة،
// حماس beside الحماس, which the background list leaves out).
func TestDefaultSpaceGeneralWords(t *testing.T) {
	s, err := DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	unseen := s.Weights().UnseenIDF()
	for _, w := range strings.Fields("البلد الدلائل التقاط الرابح توقيف إلغاء تسهيل تمكين المنشورات الشفاف المستفيدين والد") {
		if idf := s.idf(Terms(w, TermOptions{})[0].Key); idf >= unseen {
			t.Errorf("%s: idf %.2f, the unseen idf: want it in the background", w, idf)
		}
	}
	written, _, err := readBackground(backgroundFile, strings.NewReader(background))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range strings.Fields("الفقر حماس السندات التعريفات الأهلية المصالحة الشائعات البشرة الملابس") {
		key := Terms(w, TermOptions{})[0].Key
		if k := slices.IndexFunc(written, func(r dfRow) bool { return r.key == key }); k >= 0 {
			t.Errorf("%s: the written background lists its stem %q (as %s): it names what a story is about", w, key, written[k].surface)
		}
	}
}

func TestDefaultSpaceKeywords(t *testing.T) {
	s, err := DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	generic := []string{"الحكومة", "الرئيس", "العام", "اليوم", "قال", "أضاف", "وزير", "الوزير", "الدولة", "مصادر", "بنسبة", "العربية"}
	tests := []struct {
		file string
		want []string
	}{
		{"politics.txt", []string{"بلينكن", "داعش"}},
		{"economy.txt", []string{"أوبك", "برنت", "أرامكو"}},
		// صلاح is also a noun of the lexicon's tables (righteousness):
		// alone it counts as a common word; khabar.Analyzer, which knows
		// it for a name, gives it as one (TestAnalyzeTopicsOfArticles).
		{"sport.txt", []string{"ليفربول", "إثيوبيا", "الفراعنة"}},
		{"technology.txt", []string{"الذكاء الاصطناعي", "جيتكس جلوبال"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			kws := s.Keywords(string(b), 12)
			var got []string
			for _, k := range kws {
				got = append(got, k.Term)
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("keywords %v lack %q", got, w)
				}
			}
			for _, g := range got {
				for _, w := range strings.Fields(g) {
					if slices.Contains(generic, w) {
						t.Errorf("keywords %v contain the generic word %q", got, w)
					}
				}
			}
		})
	}
}

func TestReadBackgroundErrors(t *testing.T) {
	tests := []struct{ name, text, msg string }{
		{"no docs", "@df 0.5\nالحكومة\n", "before @docs"},
		{"bad docs", "@docs x\n", "@docs"},
		{"bad df", "@docs 10\n@df 2\n", "@df"},
		{"stop word", "@docs 10\n@df 0.5\nالحكومة في\n", `"في"`},
		{"empty", "# nothing\n", "no words"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := readBackground("bg.txt", strings.NewReader(tc.text))
			if !errors.Is(err, errBackground) || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "bg.txt") {
				t.Errorf("error %v, want one naming bg.txt with %q", err, tc.msg)
			}
		})
	}
	rows, n, err := readBackground("bg.txt", strings.NewReader("@docs 10\n@df 0.1\nالحكومة\n@df 0.5\nحكومة الرئيس\n"))
	if err != nil || n != 10 || len(rows) != 2 || rows[0].df != 5 || rows[0].surface != "الحكومة" {
		t.Errorf("rows %v, n %d, err %v: want الحكومة with df 5 (the higher band)", rows, n, err)
	}
	if _, err := newSpaceDF(rows, 0); !errors.Is(err, ErrEmptyCorpus) {
		t.Errorf("n = 0: %v", err)
	}
	if _, err := newSpaceDF(nil, 10); !errors.Is(err, ErrEmptyVocabulary) {
		t.Errorf("no rows: %v", err)
	}
	if _, err := newSpaceDF([]dfRow{{"a", "a", 11}}, 10); err == nil {
		t.Error("df > n: no error")
	}
}
