package tokenize

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func TestOffsets(t *testing.T) {
	text := strings.Repeat("واشنطن 😀 Iraq ٢٠٢١ \xff", 40)
	o := NewOffsets(text)
	for i := 0; i <= len(text); i++ {
		if !utf8.RuneStart(text[min(i, len(text)-1)]) && i < len(text) {
			continue
		}
		prefix := text[:i]
		if got, want := o.Runes(i), utf8.RuneCountInString(prefix); got != want {
			t.Fatalf("Runes(%d) = %d, want %d", i, got, want)
		}
		if got, want := o.UTF16(i), len(utf16.Encode([]rune(prefix))); got != want {
			t.Fatalf("UTF16(%d) = %d, want %d", i, got, want)
		}
	}
	if o.Runes(-5) != 0 || o.Runes(len(text)+9) != utf8.RuneCountInString(text) {
		t.Error("out-of-range offsets are not clamped")
	}
}

func TestOffsetsInsideRune(t *testing.T) {
	text := "ب" // two bytes
	o := NewOffsets(text)
	if got := o.Runes(1); got != 0 {
		t.Errorf("Runes inside a rune = %d, want 0", got)
	}
}

func BenchmarkOffsets(b *testing.B) {
	text := strings.Repeat("واشنطن توافق على سحب قواتها من العراق 😀 ", 1000)
	toks := Tokenize(text)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		o := NewOffsets(text)
		for _, tk := range toks {
			benchSink += o.UTF16(tk.Start) + o.UTF16(tk.End)
		}
	}
}
