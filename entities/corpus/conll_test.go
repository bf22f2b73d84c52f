package corpus

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

// sentText writes a corpus's sentences as "tok/TAG tok/TAG", one string
// per sentence, for comparison.
func sentText(c *CoNLL) []string {
	var out []string
	for _, s := range c.Sentences {
		var parts []string
		for i, tok := range s.Tokens {
			parts = append(parts, tok+"/"+s.Tags[i].String())
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func TestReadCoNLL(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		lenient bool
		want    []string
		lines   [][]int  // per sentence, when checked
		errs    []string // expected error or warning lines
	}{
		{
			name:  "tab",
			in:    "زار\tO\nبلينكن\tB-PERS\nبغداد\tB-LOC\n\nوقال\tO\n",
			want:  []string{"زار/O بلينكن/B-PER بغداد/B-LOC", "وقال/O"},
			lines: [][]int{{1, 2, 3}, {5}},
		},
		{
			name: "spaces",
			in:   "زار O\nبلينكن   B-PER\n\nبواشنطن B-LOC",
			want: []string{"زار/O بلينكن/B-PER", "بواشنطن/B-LOC"},
		},
		{
			name:  "BOM, CRLF, trailing spaces and blank runs",
			in:    "\uFEFFزار\tO  \r\nبغداد\tB-LOC \t\r\n\r\n  \r\n\r\nأمس O\r\n",
			want:  []string{"زار/O بغداد/B-LOC", "أمس/O"},
			lines: [][]int{{1, 2}, {6}},
		},
		{
			name: "lower-case tags and MISC",
			in:   "فيلم o\nتايتانيك b-misc\nالجديد i-Misc\nفي O\nلندن b-loc\n",
			want: []string{"فيلم/O تايتانيك/B-MISC الجديد/I-MISC في/O لندن/B-LOC"},
		},
		{
			name: "more columns: first is the token, last the tag",
			in:   "-DOCSTART- -X- O O\n\nبغداد NNP B-NP B-LOC\nأمس NN I-NP O\n",
			want: []string{"بغداد/B-LOC أمس/O"},
		},
		{
			name: "DOCSTART ends a sentence",
			in:   "أمس O\n-DOCSTART-\nبغداد B-LOC\n",
			want: []string{"أمس/O", "بغداد/B-LOC"},
		},
		{
			name: "TAB-separated token holding a space",
			in:   "نيو يورك\tB-LOC\n",
			want: []string{"نيو يورك/B-LOC"},
		},
		{
			name: "one column",
			in:   "زار\tO\nبغداد\n\nأمس O\n",
			errs: []string{"gold.conll:2: one column"},
		},
		{
			name: "unknown tag and empty token",
			in:   "زار\tB-PERSON\n\tO\nأمس\tE-LOC\n",
			errs: []string{`gold.conll:1: unknown tag "B-PERSON"`, "gold.conll:2: empty token", `gold.conll:3: unknown tag "E-LOC"`},
		},
		{
			name: "invalid UTF-8",
			in:   "زار\tO\n\xff\xfe\tB-LOC\n",
			errs: []string{"gold.conll:2: invalid UTF-8"},
		},
		{
			name:    "lenient skips malformed lines with warnings",
			in:      "زار\tO\nبغداد\nأمس\tO\n\xff\tO\n",
			lenient: true,
			want:    []string{"زار/O أمس/O"},
			errs:    []string{"gold.conll:2: one column", "gold.conll:4: invalid UTF-8"},
		},
		{
			name: "empty input",
			in:   "\n\n",
			want: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, slow := range []bool{false, true} {
				r := strings.NewReader(tc.in)
				var c *CoNLL
				var warns []LineError
				var err error
				if slow {
					c, warns, err = ReadCoNLL(iotest.HalfReader(iotest.OneByteReader(r)), "gold.conll", tc.lenient)
				} else {
					c, warns, err = ReadCoNLL(r, "gold.conll", tc.lenient)
				}
				if tc.want == nil && tc.errs != nil && !tc.lenient {
					var me *MalformedError
					if !errors.As(err, &me) {
						t.Fatalf("err = %v, want a malformedError", err)
					}
					if me.Count != len(tc.errs) {
						t.Errorf("count = %d, want %d", me.Count, len(tc.errs))
					}
					for _, want := range tc.errs {
						if !strings.Contains(err.Error(), want) {
							t.Errorf("error %q lacks %q", err, want)
						}
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := sentText(c); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
					t.Errorf("sentences\n got %q\nwant %q", got, tc.want)
				}
				if len(warns) != len(tc.errs) {
					t.Errorf("warnings %v, want %v", warns, tc.errs)
				}
				for i := range min(len(warns), len(tc.errs)) {
					if !strings.HasPrefix(warns[i].Error(), tc.errs[i]) {
						t.Errorf("warning %d = %q, want prefix %q", i, warns[i], tc.errs[i])
					}
				}
				for i, lines := range tc.lines {
					if got := c.Sentences[i].Lines; !equalInts(got, lines) {
						t.Errorf("sentence %d lines = %v, want %v", i, got, lines)
					}
				}
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReadCoNLLLongLine(t *testing.T) {
	in := "زار O\n" + strings.Repeat("x", MaxLineBytes+10) + " O\nأمس O\n"
	_, _, err := ReadCoNLL(strings.NewReader(in), "g", false)
	if err == nil || !strings.Contains(err.Error(), "g:2: line longer than") {
		t.Fatalf("err = %v", err)
	}
	c, warns, err := ReadCoNLL(strings.NewReader(in), "g", true)
	if err != nil || len(warns) != 1 || c.Tokens != 2 {
		t.Fatalf("lenient: %v %v %+v", err, warns, c)
	}
}

func TestReadCoNLLManyErrors(t *testing.T) {
	in := strings.Repeat("بغداد\n", 30)
	_, _, err := ReadCoNLL(strings.NewReader(in), "g", false)
	var me *MalformedError
	if !errors.As(err, &me) || me.Count != 30 || len(me.Lines) != MaxListed {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "… and 10 more") {
		t.Errorf("error does not say how many are not listed: %v", err)
	}
}

func TestParseTag(t *testing.T) {
	tests := []struct {
		in    string
		want  Tag
		valid bool
	}{
		{"O", Tag{}, true},
		{"o", Tag{}, true},
		{"B-PERS", Tag{true, PER}, true},
		{"B-PER", Tag{true, PER}, true},
		{"I-PERS", Tag{false, PER}, true},
		{"I-LOC", Tag{false, LOC}, true},
		{"B-ORG", Tag{true, ORG}, true},
		{"B-MISC", Tag{true, MISC}, true},
		{"b-misc", Tag{true, MISC}, true},
		{"", Tag{}, false},
		{"B", Tag{}, false},
		{"B-", Tag{}, false},
		{"S-LOC", Tag{}, false},
		{"B-GPE", Tag{}, false},
		{"BLOC", Tag{}, false},
	}
	for _, tc := range tests {
		got, ok := ParseTag(tc.in)
		if ok != tc.valid || got != tc.want {
			t.Errorf("ParseTag(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.valid)
		}
	}
}

func TestBIOSpans(t *testing.T) {
	tags := func(s string) []Tag {
		var out []Tag
		for _, f := range strings.Fields(s) {
			tg, ok := ParseTag(f)
			if !ok {
				t.Fatalf("bad tag %q", f)
			}
			out = append(out, tg)
		}
		return out
	}
	tests := []struct {
		name string
		tags string
		want []TokenSpan
	}{
		{"empty", "", nil},
		{"all O", "O O O", nil},
		{"one token", "O B-LOC O", []TokenSpan{{1, 2, LOC}}},
		{"B I I", "B-PER I-PER I-PER O", []TokenSpan{{0, 3, PER}}},
		{"adjacent B B", "B-LOC B-LOC", []TokenSpan{{0, 1, LOC}, {1, 2, LOC}}},
		{"I without B starts a span", "O I-ORG I-ORG O", []TokenSpan{{1, 3, ORG}}},
		{"I at the start", "I-PER O", []TokenSpan{{0, 1, PER}}},
		{"I-X after B-Y starts a new span", "B-ORG I-ORG I-LOC", []TokenSpan{{0, 2, ORG}, {2, 3, LOC}}},
		{"I-X after I-Y", "I-ORG I-LOC I-LOC", []TokenSpan{{0, 1, ORG}, {1, 3, LOC}}},
		{"MISC is a span too", "B-MISC I-MISC B-PER", []TokenSpan{{0, 2, MISC}, {2, 3, PER}}},
		{"I after O after B", "B-LOC O I-LOC", []TokenSpan{{0, 1, LOC}, {2, 3, LOC}}},
		{"last token", "O O B-PER", []TokenSpan{{2, 3, PER}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Sentence{Tags: tags(tc.tags)}.Spans()
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}
