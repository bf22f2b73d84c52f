package corpus

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

func TestJoin(t *testing.T) {
	c, _, err := ReadCoNLL(strings.NewReader("زار\tO\nبلينكن\tB-PERS\nبغداد\tB-LOC\n\nوزارة\tB-ORG\nالخارجية\tI-ORG\n"), "t", false)
	if err != nil {
		t.Fatal(err)
	}
	j := Join(c.Sentences)
	if j.Text != "زار بلينكن بغداد\nوزارة الخارجية" {
		t.Fatalf("text %q", j.Text)
	}
	want := []Span{{7, 19, PER}, {20, 30, LOC}, {31, 58, ORG}}
	if !reflect.DeepEqual(j.Spans, want) {
		t.Errorf("spans %v, want %v", j.Spans, want)
	}
	for _, s := range j.Spans {
		if s.End > len(j.Text) {
			t.Fatalf("span %v outside the text", s)
		}
	}
	if got := j.Text[j.Spans[2].Start:j.Spans[2].End]; got != "وزارة الخارجية" {
		t.Errorf("ORG span covers %q", got)
	}
	if !reflect.DeepEqual(j.First, []int{0, 3}) || len(j.Start) != 5 || j.Text[j.Start[4]:j.End[4]] != "الخارجية" {
		t.Errorf("token offsets %v %v %v", j.First, j.Start, j.End)
	}
}

func TestDocuments(t *testing.T) {
	in := "أ\tO\n\nب\tO\n\nت\tO\n"
	c, _, _ := ReadCoNLL(strings.NewReader(in), "f", false)
	if got := Documents(c, 1); len(got) != 3 || got[1].Text != "ب" || got[1].Source != "f:3" {
		t.Errorf("one sentence a document: %+v", got)
	}
	if got := Documents(c, 2); len(got) != 2 || got[0].Text != "أ\nب" {
		t.Errorf("two sentences a document: %+v", got)
	}
	if got := Documents(c, 0); len(got) != 1 {
		t.Errorf("all in one: %+v", got)
	}
	c, _, _ = ReadCoNLL(strings.NewReader("-DOCSTART- O\n\nأ O\n\nب O\n-DOCSTART- O\nت O\n"), "f", false)
	if got := Documents(c, 1); len(got) != 2 || got[0].Text != "أ\nب" || got[1].Text != "ت" {
		t.Errorf("documents at -DOCSTART-: %+v", got)
	}
}

func TestReadSpans(t *testing.T) {
	good := `{"id":"a1","text":"زار بلينكن بغداد","entities":[{"start":20,"end":30,"type":"loc"},{"start":7,"end":19,"type":"PERS"}]}` + "\n\n" +
		`{"id":7,"text":"لا أسماء هنا"}` + "\n"
	for _, slow := range []bool{false, true} {
		r := iotestReader(good, slow)
		docs, err := ReadSpans(r, "s.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 2 || docs[0].ID != "a1" || docs[1].ID != "7" || docs[1].Source != "s.jsonl:3" {
			t.Fatalf("docs %+v", docs)
		}
		want := []Span{{7, 19, PER}, {20, 30, LOC}} // sorted, types canonical
		if !reflect.DeepEqual(docs[0].Spans, want) {
			t.Errorf("spans %v, want %v", docs[0].Spans, want)
		}
	}
	tests := []struct {
		name, line string
		want       error
		text       string
	}{
		{"not JSON", `{"text": `, ErrBadJSON, "s.jsonl:1:"},
		{"no text", `{"entities":[]}`, ErrBadJSON, `no "text" field`},
		{"outside", `{"text":"abc","entities":[{"start":1,"end":9,"type":"PER"}]}`, ErrBadSpan, "outside"},
		{"empty span", `{"text":"abc","entities":[{"start":2,"end":2,"type":"PER"}]}`, ErrBadSpan, "empty"},
		{"cuts a letter", `{"text":"بغداد","entities":[{"start":1,"end":4,"type":"LOC"}]}`, ErrBadSpan, "cuts a character"},
		{"overlap", `{"text":"abcdef","entities":[{"start":0,"end":4,"type":"PER"},{"start":2,"end":6,"type":"LOC"}]}`, ErrBadSpan, "overlaps"},
		{"type", `{"text":"abc","entities":[{"start":0,"end":1,"type":"GPE"}]}`, ErrBadSpan, `type "GPE"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadSpans(strings.NewReader(tc.line+"\n"), "s.jsonl")
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) || !strings.HasPrefix(err.Error(), "s.jsonl:1: ") {
				t.Errorf("err = %v, want %v with %q at s.jsonl:1", err, tc.want, tc.text)
			}
		})
	}
}

func iotestReader(s string, slow bool) *strings.Reader {
	if !slow {
		return strings.NewReader(s)
	}
	// Read through a one-byte reader into a new strings.Reader: the
	// scanner must not depend on the chunks it is given.
	var b strings.Builder
	r := iotest.OneByteReader(strings.NewReader(s))
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return strings.NewReader(b.String())
}

func FuzzReadSpans(f *testing.F) {
	f.Add(`{"text":"زار بلينكن بغداد","entities":[{"start":7,"end":19,"type":"PER"}]}`)
	f.Add(`{"text":"x","entities":[{"start":0,"end":1,"type":"misc"},{"start":0,"end":1,"type":"LOC"}]}`)
	f.Add("\ufeff{\"text\":\"\"}\n\n{}")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadSpans(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, d := range docs {
			end := 0
			for _, s := range d.Spans {
				if s.Start < end || s.Start >= s.End || s.End > len(d.Text) || !boundary(d.Text, s.Start) || !boundary(d.Text, s.End) {
					t.Fatalf("bad span %v in %q", s, d.Text)
				}
				if _, ok := ParseType(s.Type); !ok || s.Type != strings.ToUpper(s.Type) {
					t.Fatalf("type %q not canonical", s.Type)
				}
				end = s.End
			}
		}
	})
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("زار\tO\nبلينكن\tB-PERS\nبغداد\tB-LOC\n\nوقال\tO\n")
	f.Add("O I-ORG\nx I-LOC\n-DOCSTART- O\n")
	f.Add("\tO\nبغداد\n\xff\tB-LOC")
	f.Fuzz(func(t *testing.T, in string) {
		c, _, err := ReadCoNLL(strings.NewReader(in), "fuzz", true)
		if err != nil {
			t.Fatal(err) // lenient reading fails only on I/O errors
		}
		j := Join(c.Sentences)
		for _, s := range j.Spans {
			if s.Start < 0 || s.End > len(j.Text) || s.Start >= s.End {
				t.Fatalf("bad span %v", s)
			}
		}
		for i := range j.Start {
			if j.Start[i] > j.End[i] || j.End[i] > len(j.Text) {
				t.Fatalf("bad token %d", i)
			}
		}
	})
}
