package stats

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/gazetteer"
)

func TestMentionContext(t *testing.T) {
	words := func(n int) string { return strings.Repeat("كلمة ", n) } // 9 bytes a word
	first := "قال الوزير سليم الحداد إن."
	tests := []struct {
		name, text, mention string
		sentences           bool // the text's lines are its sentences
		want                string
	}{
		{"whole sentence", first + "\nجملة أخرى.", "سليم الحداد", true, "قال الوزير «سليم الحداد» إن."},
		{"cut on both sides", words(40) + "الحداد " + words(40), "الحداد", false,
			"…" + words(13) + "«الحداد» " + strings.TrimSpace(words(13)) + "…"},
		{"line breaks and tabs become spaces", "أ\tب\nالحداد\r\nج", "الحداد", false, "أ ب «الحداد»  ج"},
		{"mention at the start", "الحداد قال", "الحداد", false, "«الحداد» قال"},
	}
	for _, tt := range tests {
		var sents []khabar.Sentence
		if tt.sentences {
			start := 0
			for line := range strings.SplitSeq(tt.text, "\n") {
				sents = append(sents, khabar.Sentence{Start: start, End: start + len(line)})
				start += len(line) + 1
			}
		}
		start := strings.Index(tt.text, tt.mention)
		if got := MentionContext(tt.text, sents, start, start+len(tt.mention)); got != tt.want {
			t.Errorf("%s: %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// FuzzMentionContext checks that any text and any span within it give a
// context on one line, valid UTF-8 where the text is, holding the mention.
func FuzzMentionContext(f *testing.F) {
	f.Add("قال الوزير سليم الحداد إن الموازنة جاهزة.", 20, 41)
	f.Add("a\nb\tc", 2, 3)
	f.Add("\xff\xfeالحداد", 2, 14)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || end > len(text) || start > end {
			return
		}
		sents := []khabar.Sentence{{Start: 0, End: len(text) / 2}, {Start: len(text) / 2, End: len(text)}}
		got := MentionContext(text, sents, start, end)
		if strings.ContainsAny(got, "\n\r\t") {
			t.Fatalf("not one line: %q", got)
		}
		if !strings.Contains(got, "«") || !strings.Contains(got, "»") {
			t.Fatalf("no mention marks: %q", got)
		}
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from valid text: %q", got)
		}
	})
}

func TestWrittenName(t *testing.T) {
	for _, tt := range []struct {
		e    Entity
		want string
	}{
		{Entity{Name: "وكالة الانباء", Forms: map[string]int{"وكالة الأنباء": 9, "لوكالة الأنباء": 12}}, "وكالة الأنباء"},
		{Entity{Name: "سيرغي سكريبال", Forms: map[string]int{"سكريبال": 15, "سيرغي سكريبال": 11}}, "سيرغي سكريبال"},
		{Entity{Name: "اندرو", Forms: map[string]int{"آندرو": 2, "أندرو": 5}}, "أندرو"},
		{Entity{Name: "فؤاد السعدي"}, "فؤاد السعدي"},
	} {
		if got := WrittenName(tt.e); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestWriteSuggestions(t *testing.T) {
	rows := []Row{
		{ID: "per:rule:2", Stats: Entity{Type: "PER", Name: "فؤاد السعدي", Articles: 2, Mentions: 4, Forms: map[string]int{"فؤاد السعدي": 3, "السعدي": 1},
			First: "2018-02-20T14:05:00+03:00", Last: "2018-03-02T08:00:00Z",
			Examples: []Example{{File: "a.jsonl", Line: 2, ID: "kh-2", Context: "قال الدكتور «فؤاد السعدي» إن"}}}},
		{ID: "org:rule:bad", Stats: Entity{Type: "ORG", Name: "شركة | المدار", Articles: 5, Mentions: 5}},
		{ID: "per:rule:1", Stats: Entity{Type: "PER", Name: "سليم الحداد", Articles: 3, Mentions: 8}},
		{ID: "per:rule:3", Stats: Entity{Type: "PER", Name: "نادر", Articles: 2, Mentions: 9}},
	}
	var buf bytes.Buffer
	n, err := WriteSuggestions(&buf, rows, 2)
	if err != nil || n != 3 {
		t.Fatalf("%d entries, %v; want 3", n, err)
	}
	out := buf.String()
	// Most articles first, then most mentions; the name that cannot be an
	// entry stays a comment.
	order := []string{"org:rule:bad", "\nper:rule:1\t", "\nper:rule:3\t", "\nper:rule:2\t"}
	last := -1
	for _, s := range order {
		i := strings.Index(out, s)
		if i <= last {
			t.Fatalf("%q out of order in\n%s", s, out)
		}
		last = i
	}
	for _, want := range []string{
		"# 2 articles, 4 mentions, 2018-02-20 to 2018-03-02; written فؤاد السعدي ×3, السعدي ×1\n#   a.jsonl:2 (kh-2): قال الدكتور «فؤاد السعدي» إن\nper:rule:2\tPER\t\tفؤاد السعدي\t",
		"# not an entry: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	// The project's TSV reader takes it as it is.
	var ids []string
	st, err := gazetteer.ReadTSV(strings.NewReader(out), gazetteer.LoadOptions{Strict: true}, func(e gazetteer.Entry) error {
		ids = append(ids, e.ID)
		return nil
	})
	if err != nil || st.Skipped != 0 || strings.Join(ids, " ") != "per:rule:1 per:rule:3 per:rule:2" {
		t.Errorf("read back %v, %+v, %v", ids, st, err)
	}
}

// FuzzWriteSuggestions checks that whatever the names, spellings, files
// and contexts of the new names, the draft gazetteer loads as it is: the
// project's TSV reader, strict, reads back exactly the entries written,
// with their IDs, in order; comments never spill onto a line of their own.
func FuzzWriteSuggestions(f *testing.F) {
	f.Add("per:rule:1", "PER", "سليم الحداد", "الحداد", "a.jsonl", 2, "kh-2", "قال «سليم الحداد» إن", "2018-02-20T14:05:00+03:00", 3, "org:rule:2", "ORG", "شركة المدار")
	f.Add("per:rule:1", "PER", "a|b", "x\ny", "dir/a\nb.jsonl", 0, "id\tx", "c\rd", "", 1, "x", "MISC", "\t")
	f.Fuzz(func(t *testing.T, id, typ, name, form, file string, line int, exID, context, date string, articles int, id2, typ2, name2 string) {
		rows := []Row{
			{ID: id, Stats: Entity{Type: typ, Name: name, Articles: articles, Mentions: articles + 1, First: date, Last: date,
				Forms:    map[string]int{form: 2, name: 1},
				Examples: []Example{{File: file, Line: line, ID: exID, Context: context}}}},
			{ID: id2, Stats: Entity{Type: typ2, Name: name2, Articles: 1, Mentions: 1}},
		}
		var buf bytes.Buffer
		n, err := WriteSuggestions(&buf, rows, 1)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, r := range rows { // sorted by WriteSuggestions
			if strings.Contains(buf.String(), "\n"+r.ID+"\t") {
				want = append(want, r.ID)
			}
		}
		var got []string
		st, err := gazetteer.ReadTSV(bytes.NewReader(buf.Bytes()), gazetteer.LoadOptions{Strict: true}, func(e gazetteer.Entry) error {
			got = append(got, e.ID)
			return nil
		})
		if err != nil || st.Skipped != 0 || len(got) != n || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%d entries written, read back %q (%+v, %v); want %q\n%s", n, got, st, err, want, buf.String())
		}
	})
}
