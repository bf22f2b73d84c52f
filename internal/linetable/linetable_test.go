package linetable

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

type line struct {
	n       int
	text    string
	tooLong bool
}

func scanAll(t *testing.T, r io.Reader, opts Options) ([]line, error) {
	t.Helper()
	sc := NewScanner(r, opts)
	var out []line
	for sc.Next() {
		out = append(out, line{sc.Line(), sc.Text(), sc.TooLong()})
	}
	return out, sc.Err()
}

func TestScanner(t *testing.T) {
	long := strings.Repeat("ب", 40) // 80 bytes
	tests := []struct {
		name string
		in   string
		max  int
		want []line
	}{
		{"empty", "", 0, nil},
		{"no final newline", "a\nb", 0, []line{{1, "a", false}, {2, "b", false}}},
		{"CRLF", "a\r\nb\r\n", 0, []line{{1, "a", false}, {2, "b", false}}},
		{"BOM on the first line only", "\uFEFFa\n\uFEFFb\n", 0, []line{{1, "a", false}, {2, "\uFEFFb", false}}},
		{"blank lines kept", "\n\nx\n", 0, []line{{1, "", false}, {2, "", false}, {3, "x", false}}},
		{"over-long line skipped", "ok\n" + long + "\nnext\n", 50, []line{{1, "ok", false}, {2, "", true}, {3, "next", false}}},
		{"over-long last line", "ok\n" + long, 50, []line{{1, "ok", false}, {2, "", true}}},
		{"longer than the buffer", strings.Repeat("x", bufSize+10) + "\ny\n", bufSize + 10, []line{{1, strings.Repeat("x", bufSize+10), false}, {2, "y", false}}},
		{"beyond the buffer and the limit", strings.Repeat("x", 3*bufSize) + "\ny\n", bufSize + 10, []line{{1, "", true}, {2, "y", false}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, slow := range []bool{false, true} {
				var r io.Reader = strings.NewReader(tc.in)
				if slow {
					r = iotest.OneByteReader(r)
				}
				got, err := scanAll(t, r, Options{MaxLineBytes: tc.max})
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(tc.want) {
					t.Fatalf("slow=%v: %d lines %v, want %v", slow, len(got), got, tc.want)
				}
				for i := range got {
					if got[i] != tc.want[i] {
						t.Errorf("slow=%v: line %d = %+v, want %+v", slow, i, got[i], tc.want[i])
					}
				}
			}
		})
	}
}

func TestScannerReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	sc := NewScanner(io.MultiReader(strings.NewReader("a\nb\n"), iotest.ErrReader(boom)), Options{Source: "f.txt"})
	n := 0
	for sc.Next() {
		n++
	}
	err := sc.Err()
	var pe *ParseError
	if n != 2 || !errors.As(err, &pe) || !errors.Is(err, boom) || pe.Line != 3 || err.Error() != "f.txt:3: read: disk on fire" {
		t.Errorf("after %d lines: %v", n, err)
	}
}

func TestProgress(t *testing.T) {
	in := bytes.Repeat([]byte("0123456789\n"), 300_000) // 3.3 MB
	var calls []int64
	sc := NewScanner(bytes.NewReader(in), Options{Progress: func(n int64) { calls = append(calls, n) }, ProgressBase: 100})
	for sc.Next() {
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 3 || calls[len(calls)-1] != int64(len(in))+100 {
		t.Fatalf("progress calls %v, want several ending at %d", calls, len(in)+100)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i] < calls[i-1] {
			t.Fatalf("progress went back: %v", calls)
		}
	}
}

func TestErrors(t *testing.T) {
	sentinel := errors.New("pkg: bad table")
	sc := NewScanner(strings.NewReader("x\ny\n"), Options{Source: "t.tsv"})
	sc.Next()
	sc.Next()
	for _, tc := range []struct {
		err  error
		want string
	}{
		{sc.Error(sentinel), "t.tsv:2: pkg: bad table"},
		{sc.Errorf("%w: column 3", sentinel), "t.tsv:2: pkg: bad table: column 3"},
		{&ParseError{Err: sentinel}, "<input>: pkg: bad table"},
		{&ParseError{Source: "s", Line: 7, Err: sentinel}, "s:7: pkg: bad table"},
	} {
		if tc.err.Error() != tc.want || !errors.Is(tc.err, sentinel) {
			t.Errorf("%v, want %q wrapping the sentinel", tc.err, tc.want)
		}
	}
}

func TestIsComment(t *testing.T) {
	for in, want := range map[string]bool{
		"":           true,
		"   ":        true,
		"\t":         true,
		"# note":     true,
		"   # note":  true,
		"\t# data":   false, // a row whose first column is empty
		"a # b":      false,
		"بغداد\tLOC": false,
	} {
		if got := IsComment([]byte(in)); got != want {
			t.Errorf("IsComment(%q) = %v", in, got)
		}
	}
}

func TestColumnsAndUTF8(t *testing.T) {
	if got := Columns("a\t\tب"); len(got) != 3 || got[1] != "" || got[2] != "ب" {
		t.Errorf("Columns = %q", got)
	}
	for in, want := range map[string]int{"": -1, "بغداد": -1, "ab\xffc": 2, "ب\xc3": 2} {
		if got := InvalidUTF8([]byte(in)); got != want {
			t.Errorf("InvalidUTF8(%q) = %d, want %d", in, got, want)
		}
	}
}

// FuzzScanner checks that the lines and the bytes skipped add up to the
// input: every byte is in a line, a line ending, the first line's BOM or
// an over-long line.
func FuzzScanner(f *testing.F) {
	f.Add([]byte("\uFEFFa\r\nb\n\nc"), 4)
	f.Add([]byte("xxxxxxxx\ny"), 3)
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		max = (max%64+64)%64 + 1
		sc := NewScanner(bytes.NewReader(in), Options{MaxLineBytes: max})
		var rebuilt []byte
		lines := 0
		for sc.Next() {
			lines++
			if sc.Line() != lines {
				t.Fatalf("line %d numbered %d", lines, sc.Line())
			}
			if sc.TooLong() {
				if sc.Bytes() != nil {
					t.Fatal("an over-long line has bytes")
				}
				continue
			}
			if len(sc.Bytes()) > max {
				t.Fatalf("line of %d bytes over the limit %d", len(sc.Bytes()), max)
			}
			rebuilt = append(rebuilt, sc.Bytes()...)
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		if len(rebuilt) > len(in) || (len(in) > 0 && lines == 0) {
			t.Fatalf("%d bytes of lines from %d bytes of input in %d lines", len(rebuilt), len(in), lines)
		}
	})
}
