package article

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse: it must not panic, and its
// blocks must be ordered, non-overlapping, in bounds and trimmed, with
// only blank text outside them; Mask must keep the length.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"عنوان\nعنوان\n\nالقاهرة - (رويترز) - نص.\n",
		"عنوان\r\n\r\nاقرأ أيضاً:\r\nخبر\r\nخبر آخر\r\n",
		"a\xffb\n\xfe\n\r\r\n\u00a0\n(\n)-\n( ) -\n",
		"\ufeff\u200f\n\u200c|\n©\n",
		"الأربعاء 7 أبريل 2021\nبقلم: فلان\nتابعونا على فيسبوك\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	files, _ := filepath.Glob("testdata/articles/*.txt")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text, Parse(text))
	})
}
