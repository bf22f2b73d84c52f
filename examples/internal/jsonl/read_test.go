package jsonl

import (
	"bufio"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestLineReader(t *testing.T) {
	long := strings.Repeat("ب", 40) // 80 bytes
	tests := []struct {
		name  string
		input string
		want  []string // "!" marks a line too long
	}{
		{"empty", "", nil},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"final newline", "a\nb\n", []string{"a", "b"}},
		{"crlf", "a\r\nb\r\n", []string{"a", "b"}},
		{"blank lines", "\n\na\n", []string{"", "", "a"}},
		{"too long", "a\n" + long + "\nb", []string{"a", "!", "b"}},
		{"too long at the end", "a\n" + long, []string{"a", "!"}},
		{"at the limit", strings.Repeat("x", 64) + "\r\n", []string{strings.Repeat("x", 64)}},
	}
	for _, tt := range tests {
		for _, slow := range []bool{false, true} {
			var r io.Reader = strings.NewReader(tt.input)
			if slow {
				r = iotest.OneByteReader(r)
			}
			// A 16-byte buffer makes long lines span several ReadSlice calls.
			lr := lineReader{r: bufio.NewReaderSize(r, 16), max: 64}
			var got []string
			for {
				line, tooLong, err := lr.next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if tooLong {
					got = append(got, "!")
				} else {
					got = append(got, string(line))
				}
				if lr.line != len(got) {
					t.Errorf("%s: line %d after %d lines", tt.name, lr.line, len(got))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("%s (slow %v): %q, want %q", tt.name, slow, got, tt.want)
			}
		}
	}
}

func TestReadLines(t *testing.T) {
	long := strings.Repeat("x", 80)
	tests := []struct {
		name  string
		input string
		want  []string // "line:data" or "line!error"
	}{
		{"blank lines skipped, numbers kept", "\n{\"a\":1}\n  \t\n{\"b\":2}\n", []string{"2:{\"a\":1}", "4:{\"b\":2}"}},
		{"byte-order mark on line 1 only", "\ufeff{}\n\ufeff{}\n", []string{"1:{}", "2:\ufeff{}"}},
		{"a lone byte-order mark is blank", "\ufeff\n{}", []string{"2:{}"}},
		{"too long, then on", "{}\n" + long + "\n{}", []string{"1:{}", "2!line longer than 0 MiB", "3:{}"}},
	}
	for _, tt := range tests {
		var got []string
		ok := readLines("f.jsonl", bufio.NewReaderSize(strings.NewReader(tt.input), 16), 64, func(l Line) bool {
			if l.Loc.File != "f.jsonl" {
				t.Errorf("%s: file %q", tt.name, l.Loc.File)
			}
			if l.Err != nil {
				got = append(got, l.Loc.String()[len("f.jsonl:"):]+"!"+l.Err.Error())
			} else {
				got = append(got, l.Loc.String()[len("f.jsonl:"):]+":"+string(l.Data))
			}
			return true
		})
		if !ok || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q (%v), want %q", tt.name, got, ok, tt.want)
		}
	}
}

func TestReadLinesStops(t *testing.T) {
	n := 0
	if ReadLines("f", strings.NewReader("{}\n{}\n{}\n"), func(Line) bool { n++; return n < 2 }) {
		t.Error("ReadLines went on after yield returned false")
	}
	if n != 2 {
		t.Errorf("%d lines read, want 2", n)
	}
}

func TestReadLinesError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader("{}\n{}"), iotest.ErrReader(boom))
	var got []Line
	if !ReadLines("f", r, func(l Line) bool { got = append(got, l); return true }) {
		t.Fatal("ReadLines returned false")
	}
	if len(got) != 2 || got[0].Err != nil || !errors.Is(got[1].Err, boom) || got[1].Loc.Line != 2 {
		t.Errorf("got %+v, want line 1 then the read error at line 2", got)
	}
}

func TestLocation(t *testing.T) {
	for loc, want := range map[Location]string{
		{File: "a.jsonl", Line: 3}: "a.jsonl:3",
		{File: "a.txt"}:            "a.txt",
		{File: "-", Line: 1}:       "-:1",
	} {
		if got := loc.String(); got != want {
			t.Errorf("%#v: %q, want %q", loc, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		line, id, title, body, source, meta, warning, err string
	}{
		{line: `{"id":"x","title":"ع","text":"ن"}`, id: "x", title: "ع", body: "ن"},
		{line: `{"id":123,"body":"ن","url":"https://e.example/1","category":"sport"}`, id: "123", body: "ن", meta: "category,url"},
		{line: `{"id":"s","text":"ن","source":"bbc_arabic","url":"u"}`, id: "s", body: "ن", source: "bbc_arabic", meta: "source,url"},
		{line: `{"id":null,"title":null,"text":""}`},
		{line: "{\"text\":\"\xffن\"}", body: "\ufffdن", warning: "invalid UTF-8"},
		{line: `{"text":"ن","source":7}`, err: `"source" is 7, want a string`},
		{line: `{"id":"x"}`, err: `no "text" field`},
		{line: `{"text":5}`, err: `"text" is 5, want a string`},
		{line: `{"id":[1],"text":""}`, err: `"id" is [1], want a string or a number`},
		{line: `{"title":{},"text":""}`, err: `"title" is {}, want a string`},
		{line: `{"title":"` + strings.Repeat("x", 50) + `,"text":""}`, err: "malformed JSONL"},
		{line: `{"title":["` + strings.Repeat("x", 50) + `"],"text":""}`, err: `"title" is ["` + strings.Repeat("x", 38) + `…, want a string`},
		{line: `null`, err: "want a JSON object, got null"},
		{line: `"text"`, err: "want a JSON object, got string"},
		{line: `{"text":"ن"`, err: "malformed JSONL: unexpected end of JSON input"},
	}
	for _, tt := range tests {
		art, err := Parse([]byte(tt.line))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.line, err, tt.err)
			}
			continue
		}
		var keys []string
		for k := range art.Meta {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if err != nil || art.ID != tt.id || art.Title != tt.title || art.Body != tt.body || art.Source != tt.source || strings.Join(keys, ",") != tt.meta {
			t.Errorf("%s: %+v %v %v", tt.line, art, keys, err)
		}
		if w := strings.Join(art.Warnings, "; "); !strings.Contains(w, tt.warning) || (tt.warning == "") != (w == "") {
			t.Errorf("%s: warnings %q, want %q", tt.line, w, tt.warning)
		}
	}
}
