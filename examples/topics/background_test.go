package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackground counts a small CoNLL corpus: two documents of two
// sentences, the words of names left out, each word under the band of
// its document fraction.
func TestBackground(t *testing.T) {
	conll := strings.Join([]string{
		"أعلنت\tO", "الحكومة\tO", "خطة\tO", "جديدة\tO", "", // document 1
		"وقال\tO", "محمد\tB-PERS", "إن\tO", "الخطة\tO", "تبدأ\tO", "",
		"رفضت\tO", "الحكومة\tO", "الاتفاق\tO", "", // document 2
		"وزار\tO", "الحكومة\tB-ORG", "محمد\tB-PERS", "", // a name's word is not counted
	}, "\n") + "\n"
	in := writeFile(t, "corpus.tsv", conll)
	out := filepath.Join(t.TempDir(), "news-df.txt")
	_, stderr, code := runTopics(t, "background", "-o", out, "-sentences", "2", "-min-docs", "1", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	// الحكومة is in both documents; خطة/الخطة in document 1 only (one
	// term); محمد only inside names.
	for _, want := range []string{"# 2 documents of 2 sentences", "@docs 100000\n@df 1\nالحكومة\n@df 0.5\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("list lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "محمد") {
		t.Errorf("a word of a name is listed:\n%s", got)
	}
	if !strings.Contains(stderr, "2 documents") {
		t.Errorf("summary %q", stderr)
	}

	// Words in fewer documents than -min-docs are left out.
	_, _, code = runTopics(t, "background", "-o", out, "-sentences", "2", "-min-docs", "2", in)
	if b, _ := os.ReadFile(out); code != 0 || strings.Contains(string(b), "الاتفاق") || !strings.Contains(string(b), "الحكومة") {
		t.Errorf("-min-docs 2 (exit %d):\n%s", code, b)
	}

	for _, args := range [][]string{
		{"background", in},
		{"background", "-o", out, "-split", "x.tsv", in},
		{"background", "-o", out, "-sentences", "0", in},
	} {
		if _, _, code := runTopics(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	if _, stderr, code := runTopics(t, "background", "-o", out, filepath.Join(t.TempDir(), "missing.tsv")); code != 1 || !strings.Contains(stderr, "missing.tsv") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
}
