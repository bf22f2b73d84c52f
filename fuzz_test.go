package khabar

import (
	"context"
	"errors"
	"testing"
)

// FuzzAnalyze checks that any text gives either ErrEmptyText or an
// analysis whose offsets all lie in the text, never a panic.
func FuzzAnalyze(f *testing.F) {
	f.Add("بلينكن يزور بغداد\n\nوصل وزير الخارجية الأميركي أنتوني بلينكن إلى بغداد.\n\nتابعونا على واتساب")
	f.Add("#العراق_اليوم \xff\xfe وبالرياض… «قال» د. فؤاد حسين: ١٢٫٥٪")
	f.Add("\r\n\r\n   \n")
	f.Add("")
	a, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res, err := a.Analyze(context.Background(), text)
		if err != nil {
			if !errors.Is(err, ErrEmptyText) {
				t.Fatalf("Analyze(%q): %v", text, err)
			}
			return
		}
		checkOffsets(t, res)
		for i := 1; i < len(res.Topics); i++ {
			if res.Topics[i].Score > res.Topics[i-1].Score {
				t.Fatalf("topics not best first: %v", res.Topics)
			}
		}
	})
}
