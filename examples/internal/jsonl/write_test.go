package jsonl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar"
)

func TestNewDocument(t *testing.T) {
	a, err := khabar.New(khabar.WithLayers(khabar.Structure))
	if err != nil {
		t.Fatal(err)
	}
	art, err := Parse([]byte(`{"id":"7","title":"زيارة","text":"وصل الوزير إلى بغداد.","url":"https://e.example/7"}`))
	if err != nil {
		t.Fatal(err)
	}
	an, err := a.AnalyzeArticle(context.Background(), art.Article)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, NewDocument(an, Location{File: "a.jsonl", Line: 3}, &art), false); err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"file":       `"a.jsonl"`,
		"line":       `3`,
		"id":         `"7"`,
		"body_start": fmt.Sprint(len("زيارة\n\n")),
		"meta":       `{"url":"https://e.example/7"}`,
	} {
		if string(got[key]) != want {
			t.Errorf("%s: %s, want %s", key, got[key], want)
		}
	}
	if !strings.HasPrefix(buf.String(), `{"file":"a.jsonl","line":3,"id":"7",`) || strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("not one line in field order: %.80s", buf.String())
	}

	// A plain-text article: no line, no body_start, no meta.
	an, err = a.Analyze(context.Background(), "عنوان\n\nنص")
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := Encode(&buf, NewDocument(an, Location{File: "a.txt"}, nil), true); err != nil {
		t.Fatal(err)
	}
	got = nil
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"line", "body_start", "meta"} {
		if v, ok := got[absent]; ok {
			t.Errorf("plain-text document has %q: %s", absent, v)
		}
	}
	if !strings.Contains(buf.String(), "\n  \"file\": \"a.txt\"") {
		t.Errorf("not indented:\n%s", buf.String())
	}
}

func ExampleReadLines() {
	input := "{\"id\":\"1\",\"title\":\"عنوان\",\"text\":\"نص\",\"category\":\"sport\"}\n\n{\"id\":\"2\"}\nnot json\n"
	ReadLines("archive.jsonl", strings.NewReader(input), func(l Line) bool {
		art, err := Parse(l.Data)
		if err != nil {
			fmt.Fprintf(os.Stdout, "%s: %v\n", l.Loc, err)
			return true
		}
		fmt.Printf("%s: id %s, title %s, meta %s\n", l.Loc, art.ID, art.Title, art.Meta["category"])
		return true
	})
	// Output:
	// archive.jsonl:1: id 1, title عنوان, meta "sport"
	// archive.jsonl:3: no "text" field
	// archive.jsonl:4: malformed JSONL: invalid character 'o' in literal null (expecting 'u')
}
