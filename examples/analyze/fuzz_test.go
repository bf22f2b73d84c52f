package main

import (
	"strings"
	"testing"
)

// FuzzParseArticle checks that a JSONL line gives an article or an error,
// never a panic, and that an error says what is wrong with the line.
func FuzzParseArticle(f *testing.F) {
	f.Add(`{"id":"1","title":"عنوان","text":"نص الخبر","category":"sport"}`)
	f.Add(`{"id":42,"body":"نص"}`)
	f.Add(`{"id":[1],"text":"x"}`)
	f.Add(`null`)
	f.Add(`[1,2`)
	f.Add("{\"text\":\"\xff\"}")
	f.Fuzz(func(t *testing.T, line string) {
		art, meta, err := parseArticle([]byte(line))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		for k := range meta {
			if k == "id" || k == "title" || (k == "text" && !strings.Contains(line, `"body"`)) {
				t.Fatalf("field %q kept in meta as well as in %+v", k, art)
			}
		}
	})
}
