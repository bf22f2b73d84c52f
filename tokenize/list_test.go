package tokenize

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/khabar-nlp/khabar/internal/heapwatch"
)

// checkListMatches checks that l holds exactly toks: every accessor, the
// Token values and the sentences.
func checkListMatches(t *testing.T, text string, l *List, toks []Token) {
	t.Helper()
	if l.Len() != len(toks) {
		t.Fatalf("List has %d tokens, Tokenize %d", l.Len(), len(toks))
	}
	var buf []byte
	for i, want := range toks {
		got := l.Token(i)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("token %d: List gives %+v, Tokenize %+v", i, got, want)
		}
		if l.Text(i) != want.Text || l.Norm(i) != want.Norm || l.Kind(i) != want.Kind ||
			l.Start(i) != want.Start || l.End(i) != want.End ||
			l.Sentence(i) != want.Sentence || l.Paragraph(i) != want.Paragraph {
			t.Fatalf("token %d: accessors differ from %+v", i, want)
		}
		if l.NormChanged(i) != (want.Norm != want.Text) {
			t.Fatalf("token %d %q: NormChanged = %v", i, want.Text, l.NormChanged(i))
		}
		buf = l.AppendNorm(buf[:0], i)
		if string(buf) != want.Norm {
			t.Fatalf("token %d: AppendNorm = %q, want %q", i, buf, want.Norm)
		}
	}
	if got, want := slices.Collect(l.Sentences()), Sentences(toks); !slices.Equal(got, want) {
		t.Fatalf("List sentences %v, want %v", got, want)
	}
	if got := l.AppendTokens(nil, 0, l.Len()); !reflect.DeepEqual(got, toks) && len(toks) > 0 {
		t.Fatal("AppendTokens over the whole list differs from Tokenize")
	}
}

func TestListMatchesTokenize(t *testing.T) {
	texts := []string{
		"",
		" \n ",
		"وافقت واشنطن على سحب قواتها من الـعِراق عام ٢٠٢١.",
		"تابعوا #كوريا_الشمالية و@MoFA_Iraq على https://example.com. news@example.com",
		"قَالَ بـغـداد ٢٠٢١ ١٫٥ 3.5% ﻻ ﷲ ﷺ",
		"J. P. Morgan. د. فؤاد؟! «نعم.» \"لا.\"\n\nفقرة ثانية",
		"a\xffb\xfe\xfd ب\x80 ً",
		strings.Repeat("كلمة. ", 3*listBlock), // several blocks
	}
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	tz, err := New(WithSteps(KeySteps), WithParagraphs(BlankLine))
	if err != nil {
		t.Fatal(err)
	}
	for _, tzr := range []*Tokenizer{Default(), tz} {
		for _, text := range texts {
			l, err := tzr.List(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			checkListMatches(t, text, l, tzr.Tokenize(text))
		}
	}
}

// TestListProperties compares List with Tokenize on the random texts of
// TestTokenizeProperties.
func TestListProperties(t *testing.T) {
	pieces := []string{
		"واشنطن", "الـعِراق", "#كوريا_الشمالية", "@UN_x", "3.5", ".", "؟", " ", "\n", "\n\n", "\xff", "ﻻ", "ً", "J.", "Google",
	}
	rng := rand.New(rand.NewPCG(2026, 15))
	for range 500 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		l, err := Default().List(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		checkListMatches(t, text, l, Tokenize(text))
	}
}

// masked returns text with every byte of the spans but \n and \r
// replaced by a space, as article.Structure.Mask masks blocks.
func masked(text string, spans []Span) string {
	b := []byte(text)
	for _, sp := range spans {
		for i := sp.Start; i < sp.End; i++ {
			if b[i] != '\n' && b[i] != '\r' {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// randomSpans returns up to n spans of text in order, not overlapping,
// anywhere (inside words and runes too), empty ones included.
func randomSpans(rng *rand.Rand, text string, n int) []Span {
	if len(text) == 0 {
		return nil
	}
	cuts := make([]int, 2*rng.IntN(n+1))
	for i := range cuts {
		cuts[i] = rng.IntN(len(text) + 1)
	}
	slices.Sort(cuts)
	var out []Span
	for i := 0; i < len(cuts); i += 2 {
		out = append(out, Span{cuts[i], cuts[i+1]})
	}
	return out
}

// checkBlanked checks that ListBlanked reads text with the spans blank as
// Tokenize reads the masked text.
func checkBlanked(t *testing.T, tz *Tokenizer, text string, spans []Span) {
	t.Helper()
	l, err := tz.ListBlanked(context.Background(), text, spans)
	if err != nil {
		t.Fatal(err)
	}
	if l.Source() != text || l.Tokenizer() != tz {
		t.Fatal("Source or Tokenizer is not the List's")
	}
	m := masked(text, spans)
	want := tz.Tokenize(m)
	if l.Len() != len(want) {
		t.Fatalf("%q blank %v: ListBlanked has %d tokens, Tokenize of the mask %d", text, spans, l.Len(), len(want))
	}
	if got := l.AppendTokens(nil, 0, l.Len()); len(want) > 0 && !reflect.DeepEqual(got, want) {
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%q blank %v: token %d is %+v, want %+v", text, spans, i, got[i], want[i])
			}
		}
	}
}

func TestListBlanked(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		blank []Span
	}{
		{"none", "قال الوزير. ثم ذهب", nil},
		{"a line", "العنوان\nتابعونا على واتساب\nنص المقال.", []Span{{15, 43}}},
		{"line breaks kept", "أ\nب\r\nج\rد\n\nهـ", []Span{{2, 12}}},
		{"crlf across the edge", "أ\rب\nج", []Span{{3, 4}}},
		{"cr at the edge", "أب\r\nج", []Span{{0, 4}}},
		{"inside a word", "واشنطن", []Span{{2, 6}}},
		{"inside a rune", "بغداد", []Span{{1, 3}}},
		{"adjacent", "قال. الوزير إن بغداد", []Span{{0, 4}, {4, 9}, {9, 9}}},
		{"all", "بغداد\n\nالرياض", []Span{{0, len("بغداد\n\nالرياض")}}},
		{"terminator before", "انتهى.\nتابعونا\nبدأ", []Span{{12, 26}}},
	}
	tz, err := New(WithParagraphs(BlankLine))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkBlanked(t, Default(), tt.text, tt.blank)
			checkBlanked(t, tz, tt.text, tt.blank)
		})
	}
}

func TestListBlankedProperties(t *testing.T) {
	pieces := []string{
		"واشنطن", "الـعِراق", "#كوريا_الشمالية", "@UN_x", "3.5", ".", "؟", " ", "\n", "\r", "\r\n", "\n\n", "\xff", "ﻻ",
		"ً", "J.", "Google", "\u2029", "\u200f", "https://a.b/c",
	}
	tz, err := New(WithParagraphs(BlankLine))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2026, 16))
	for range 1000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		spans := randomSpans(rng, text, 3)
		checkBlanked(t, Default(), text, spans)
		checkBlanked(t, tz, text, spans)
		if t.Failed() {
			return
		}
	}
}

func TestListBlankedBadSpans(t *testing.T) {
	for _, spans := range [][]Span{{{-1, 2}}, {{2, 1}}, {{0, 100}}, {{0, 4}, {3, 5}}} {
		if _, err := Default().ListBlanked(context.Background(), "كلمة واحدة", spans); err == nil || !strings.HasPrefix(err.Error(), "tokenize: ListBlanked:") {
			t.Errorf("spans %v: err = %v, want a ListBlanked error", spans, err)
		}
	}
}

func TestListWindows(t *testing.T) {
	text := strings.Repeat("قال الوزير #بغداد_اليوم إن الاتفاق تم. ", 2000)
	l, err := Default().List(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	toks := Tokenize(text)
	var window []Token
	for s := range l.Sentences() {
		window = l.AppendTokens(window[:0], s.From, s.To)
		if !reflect.DeepEqual(window, toks[s.From:s.To]) {
			t.Fatalf("window %d:%d differs", s.From, s.To)
		}
	}
	for i, tk := range l.All() {
		if tk.Start != toks[i].Start {
			t.Fatalf("All: token %d at %d, want %d", i, tk.Start, toks[i].Start)
		}
		if i == 10 {
			break
		}
	}
}

func TestListPanicsOutOfRange(t *testing.T) {
	l, err := Default().List(context.Background(), "كلمة واحدة")
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(){
		"Start(-1)":          func() { l.Start(-1) },
		"Text(2)":            func() { l.Text(2) },
		"AppendTokens(1, 0)": func() { l.AppendTokens(nil, 1, 0) },
		"AppendTokens(0, 3)": func() { l.AppendTokens(nil, 0, 3) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}

func TestListConcurrent(t *testing.T) {
	text := strings.Repeat("تابعوا #كوريا_الشمالية في الأخبار. ", 500)
	l, err := Default().List(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	want := Tokenize(text)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range l.Len() {
				if tk := l.Token(i); !reflect.DeepEqual(tk, want[i]) {
					t.Errorf("token %d differs", i)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestContextCancels checks that a done context stops TokenizeContext and
// List at once, and that a deadline passing during a long text is seen
// within 100 ms (a few tries, as a busy machine can hold up any
// goroutine that long).
func TestContextCancels(t *testing.T) {
	text := strings.Repeat("وافقت واشنطن على سحب قواتها من العراق. ", 200_000) // 8 MB
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if toks, err := Default().TokenizeContext(ctx, "كلمة"); !errors.Is(err, context.Canceled) || toks != nil {
		t.Errorf("TokenizeContext with a cancelled context = %d tokens, %v", len(toks), err)
	}
	if l, err := Default().List(ctx, "كلمة"); !errors.Is(err, context.Canceled) || l != nil {
		t.Errorf("List with a cancelled context = %v, %v", l, err)
	}
	for name, f := range map[string]func(context.Context) error{
		"TokenizeContext": func(ctx context.Context) error { _, err := Default().TokenizeContext(ctx, text); return err },
		"List":            func(ctx context.Context) error { _, err := Default().List(ctx, text); return err },
	} {
		var late time.Duration
		for range 3 {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			start := time.Now()
			err := f(ctx)
			late = time.Since(start) - 20*time.Millisecond
			cancel()
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("%s: err = %v, want the deadline", name, err)
			}
			if late <= 100*time.Millisecond {
				break
			}
		}
		if late > 100*time.Millisecond {
			t.Errorf("%s returned %v after its deadline", name, late)
		}
	}
}

func TestPackedTokenSize(t *testing.T) {
	if n := unsafe.Sizeof(packedToken{}); n != 20 {
		t.Errorf("packedToken is %d bytes; the docs say 20", n)
	}
}

// costTexts returns about 8 MB of news text and 8 MB of one-word
// sentences, for the cost tests.
func costTexts(tb testing.TB) map[string]string {
	tb.Helper()
	files, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no testdata articles: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		all.Write(data)
		all.WriteByte('\n')
	}
	const size = 8_000_000
	news := strings.Repeat(all.String(), size/all.Len())
	var words strings.Builder
	for i, w := range strings.Fields(all.String()) {
		if words.Len() > size {
			break
		}
		words.WriteString(w)
		words.WriteString(". ")
		if i%16 == 15 {
			words.WriteByte('\n')
		}
	}
	one := words.String()
	for len(one) < size {
		one += one
	}
	return map[string]string{"news": news, "one-word-sentences": one[:strings.LastIndexByte(one[:size], ' ')+1]}
}

// TestListCost checks the memory of a List: about 20 bytes a token,
// growing without a second copy, so that the peak heap of tokenizing 8 MB
// stays within 25 bytes per input byte even when a sentence is one word.
func TestListCost(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("tokenizes 16 MB: skipped with -short and -race")
	}
	for name, text := range costTexts(t) {
		var l *List
		r := heapwatch.Measure(func() {
			var err error
			if l, err = Default().List(context.Background(), text); err != nil {
				t.Fatal(err)
			}
		})
		perToken := float64(l.MemoryUsage()) / float64(l.Len())
		t.Logf("%s: %d bytes, %d tokens, %.1f bytes a token, peak heap %.2f bytes per input byte, %v",
			name, len(text), l.Len(), perToken, r.PerByte(len(text)), r.Duration)
		if perToken > 21 {
			t.Errorf("%s: %.1f bytes a token, want 20", name, perToken)
		}
		if got := r.PerByte(len(text)); got > 25 {
			t.Errorf("%s: peak heap %.1f bytes per input byte, want ≤ 25", name, got)
		}
	}
}

// TestListLinear checks that tokenizing grows linearly with the text:
// 8 MB takes about ten times as long as 0.8 MB, more when the larger
// text no longer fits in the processor's caches, but nowhere near the
// hundred times of a quadratic step. It takes the fastest of three runs
// each, and tries three times, as timings on a busy machine are noisy.
func TestListLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("tokenizes 8 MB several times: skipped with -short and -race")
	}
	text := costTexts(t)["one-word-sentences"]
	small := text[:strings.LastIndexByte(text[:len(text)/10], ' ')+1]
	best := func(s string) time.Duration {
		d := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			if _, err := Default().List(context.Background(), s); err != nil {
				t.Fatal(err)
			}
			d = min(d, time.Since(start))
		}
		return d
	}
	const bound = 20
	var ratio float64
	for range 3 {
		ds, dl := best(small), best(text)
		ratio = float64(dl) / float64(ds)
		t.Logf("0.8 MB: %v, 8 MB: %v (×%.1f)", ds, dl, ratio)
		if ratio <= bound {
			return
		}
	}
	t.Errorf("8 MB took %.1f times as long as 0.8 MB, want ≤ %d", ratio, bound)
}
