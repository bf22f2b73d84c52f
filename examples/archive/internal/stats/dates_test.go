package stats

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" when not read
	}{
		{"Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18T21:35:43+04:00"},
		{"Mon, 02 Apr 2018 10:00:00 GMT", "2018-04-02T10:00:00Z"},
		{"Mon, 2 Apr 2018 10:00:00 +0000", "2018-04-02T10:00:00Z"},
		{"2018-03-02T08:00:00Z", "2018-03-02T08:00:00Z"},
		{"2018-03-02T08:00:00.250+03:00", "2018-03-02T08:00:00+03:00"},
		{" 2018-03-09 ", "2018-03-09T00:00:00Z"},
		{"2018-03-09 14:30:00", "2018-03-09T14:30:00Z"},
		{"02 Apr 18 10:00 GMT", "2018-04-02T10:00:00Z"},
		{"unknown date", ""},
		{"2018-13-45", ""},
		{"", ""},
		{"١٢ فبراير ٢٠١٨", ""},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if s := got.Format(time.RFC3339); ok != (tt.want != "") || ok && s != tt.want {
			t.Errorf("%q: %s %v, want %q", tt.in, s, ok, tt.want)
		}
	}
}

func TestArticleDate(t *testing.T) {
	tests := []struct {
		meta          string
		want          string
		present, read bool
	}{
		{`{"date":"2018-03-09","published":"Sun, 18 Feb 2018 21:35:43 +0400"}`, "2018-03-09T00:00:00Z", true, true},
		{`{"published":"Sun, 18 Feb 2018 21:35:43 +0400"}`, "2018-02-18T21:35:43+04:00", true, true},
		{`{"date":null,"published":"2018-01-01"}`, "2018-01-01T00:00:00Z", true, true},
		{`{"date":"  "}`, "", false, false},
		{`{"date":"soon"}`, "", true, false},
		{`{"date":20180309}`, "", true, false},
		{`{"url":"https://e.example"}`, "", false, false},
		{`{}`, "", false, false},
	}
	for _, tt := range tests {
		var meta map[string]json.RawMessage
		if err := json.Unmarshal([]byte(tt.meta), &meta); err != nil {
			t.Fatal(err)
		}
		got, present, ok := ArticleDate(meta)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want || present != tt.present || ok != tt.read {
			t.Errorf("%s: %q %v %v, want %q %v %v", tt.meta, s, present, ok, tt.want, tt.present, tt.read)
		}
	}
}

// FuzzParseDate checks that any string gives a date or none, never a
// panic, and that a date read is one of the forms read back unchanged.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"Sun, 18 Feb 2018 21:35:43 +0400", "2018-03-09", "2018-03-02T08:00:00Z", "Mon, 02 Apr 2018 10:00:00 GMT", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			if !d.IsZero() {
				t.Fatalf("%q: not read, but %v", s, d)
			}
			return
		}
		again, ok := ParseDate(d.Format(time.RFC3339Nano))
		if !ok || !again.Equal(d) {
			t.Fatalf("%q: %v does not read back (%v %v)", s, d, again, ok)
		}
	})
}
