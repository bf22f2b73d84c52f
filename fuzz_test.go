package khabar

import (
	"context"
	"errors"
	"testing"
)

// FuzzAnalyze checks that any text, Arabic, English or mixed, gives
// either ErrEmptyText or an analysis whose offsets all lie in the text,
// never a panic.
func FuzzAnalyze(f *testing.F) {
	f.Add("بلينكن يزور بغداد\n\nوصل وزير الخارجية الأميركي أنتوني بلينكن إلى بغداد.\n\nتابعونا على واتساب")
	f.Add("#العراق_اليوم \xff\xfe وبالرياض… «قال» د. فؤاد حسين: ١٢٫٥٪")
	f.Add("\r\n\r\n   \n")
	f.Add("")
	// English, and Arabic with an English paragraph: the English path.
	f.Add("Blinken visits Baghdad\n\nSecretary of State Antony Blinken met Iraq's prime minister, the State Department said.\n")
	f.Add("بلينكن في بغداد\n\n\"We discussed ISIS,\" Blinken told reporters in Baghdad on Wednesday.\n")
	f.Add("The U.S.-led coalition's base \xff near al-Kadhimi's office… \"Daesh\" — 2,500 troops")
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
