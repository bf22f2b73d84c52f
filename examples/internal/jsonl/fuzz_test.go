package jsonl

import (
	"strings"
	"testing"
)

// FuzzParse checks that a JSONL line gives an article or an error, never
// a panic, and that an error says what is wrong with the line.
func FuzzParse(f *testing.F) {
	f.Add(`{"id":"1","title":"عنوان","text":"نص الخبر","category":"sport"}`)
	f.Add(`{"id":42,"body":"نص"}`)
	f.Add(`{"id":[1],"text":"x"}`)
	f.Add(`null`)
	f.Add(`[1,2`)
	f.Add("{\"text\":\"\xff\"}")
	f.Fuzz(func(t *testing.T, line string) {
		art, err := Parse([]byte(line))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		for k := range art.Meta {
			if k == "id" || k == "title" || (k == "text" && !strings.Contains(line, `"body"`)) {
				t.Fatalf("field %q kept in meta as well as in %+v", k, art)
			}
		}
	})
}

// FuzzReadLines checks that every line of an input is accounted for: the
// lines read, in order, are the input's non-blank lines, whatever their
// breaks, so that a pipeline counting them loses none.
func FuzzReadLines(f *testing.F) {
	f.Add("{}\n\n{\"text\":\"ن\"}\r\n  \n{}")
	f.Add("\ufeff{}\n\ufeff")
	f.Add("\r\n\r\n\n")
	f.Fuzz(func(t *testing.T, input string) {
		var want []string
		for i, l := range strings.Split(input, "\n") {
			l = strings.TrimSuffix(l, "\r")
			if i == 0 {
				l = strings.TrimPrefix(l, "\ufeff")
			}
			if strings.TrimSpace(l) != "" {
				want = append(want, l)
			}
		}
		var got []string
		ReadLines("f", strings.NewReader(input), func(l Line) bool {
			if l.Err != nil {
				t.Fatalf("line %d: %v", l.Loc.Line, l.Err)
			}
			got = append(got, string(l.Data))
			return true
		})
		if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
			t.Fatalf("lines %q, want %q", got, want)
		}
	})
}
