package tfidf

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/tokenize"
)

// TestScanTermsEqualsTerms checks that ScanTerms reports the terms of
// Terms, keys, kinds and offsets, and stops when asked to.
func TestScanTermsEqualsTerms(t *testing.T) {
	_, texts := readArticles(t)
	texts = append(texts, "#بلينكن_في_بغداد زار. بغداد اليوم، و2021 الرياض", "")
	for _, bigrams := range []bool{false, true} {
		opts := TermOptions{Bigrams: bigrams}
		for _, text := range texts {
			var got []Term
			ScanTerms(tokenize.Default().Tokens(text), opts, func(r *TermRef) bool {
				got = append(got, Term{Key: string(r.Key), Surface: display.String(text[r.Start:r.End]), Kind: r.Kind,
					Start: r.Start, End: r.End, Sentence: r.Sentence, Paragraph: r.Paragraph})
				return true
			})
			want := Terms(text, opts)
			for k := range want {
				if want[k].Kind == Bigram {
					want[k].Surface = display.String(text[want[k].Start:want[k].End])
				}
			}
			for k := range got {
				if got[k].Kind == Bigram {
					got[k].Surface = display.String(text[got[k].Start:got[k].End])
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("bigrams %v, %.40q: ScanTerms differs from Terms", bigrams, text)
			}
			n := 0
			if ScanTerms(tokenize.Default().Tokens(text), opts, func(*TermRef) bool { n++; return n < 3 }) && len(want) >= 3 || n > 3 {
				t.Fatalf("ScanTerms did not stop (%d terms)", n)
			}
		}
	}
}

// TestSpanIndex compares spanIndex with a scan of the spans.
func TestSpanIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 1))
	for range 200 {
		var spans []Span
		for range rng.IntN(8) {
			s := rng.IntN(50)
			spans = append(spans, Span{Start: s, End: s + rng.IntN(10)})
		}
		x := newSpanIndex(spans)
		for start := range 60 {
			for end := start; end < start+12; end++ {
				want := false
				for _, sp := range spans {
					want = want || sp.Start <= start && end <= sp.End
				}
				if got := x.contains(start, end); got != want {
					t.Fatalf("spans %v: contains(%d, %d) = %v", spans, start, end, got)
				}
				wantAt, wantIn := 0, false
				for _, sp := range spans {
					if start < sp.Start && sp.Start < end && sp.End >= end && (!wantIn || sp.Start < wantAt) {
						wantAt, wantIn = sp.Start, true
					}
				}
				if at, in := x.nameInside(start, end); at != wantAt || in != wantIn {
					t.Fatalf("spans %v: nameInside(%d, %d) = %d, %v; want %d, %v", spans, start, end, at, in, wantAt, wantIn)
				}
			}
		}
	}
}

// TestKeywordsList checks that KeywordsList gives the keywords of
// Keywords, that the blank spans of a ListBlanked give none, and that it
// refuses tokens of another tokenizer and stops with its context.
func TestKeywordsList(t *testing.T) {
	s, err := DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, texts := readArticles(t)
	// A text of more than checkEvery tokens too: the context is looked at
	// as they are read.
	long := strings.Repeat(strings.Join(texts, "\n\n")+"\n\n", 8)
	if n := len(tokenize.Default().Tokenize(long)); n <= checkEvery {
		t.Fatalf("the long text has %d tokens", n)
	}
	for _, text := range append(texts, long) {
		names := []Span{{Start: 0, End: 40}, {Start: 200, End: 260}}
		want := s.Keywords(text, 10, names...)
		l, err := tokenize.Default().List(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.KeywordsList(ctx, l, 10, names...)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("KeywordsList = %v, %v; Keywords = %v", got, err, want)
		}
		// Blank the first half: its keywords are those of the text with
		// that half masked.
		half := strings.LastIndexByte(text[:len(text)/2], '\n')
		masked := strings.Repeat(" ", half) + text[half:]
		l, err = tokenize.Default().ListBlanked(ctx, text, []tokenize.Span{{Start: 0, End: half}})
		if err != nil {
			t.Fatal(err)
		}
		got, err = s.KeywordsList(ctx, l, 10)
		if want := s.Keywords(masked, 10); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("blanked: KeywordsList = %v, %v; Keywords of the mask = %v", got, err, want)
		}
	}
	other, err := tokenize.New(tokenize.WithParagraphs(tokenize.BlankLine))
	if err != nil {
		t.Fatal(err)
	}
	l, err := other.List(ctx, texts[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.KeywordsList(ctx, l, 10); err == nil || !strings.HasPrefix(err.Error(), "tfidf: ") {
		t.Errorf("other tokenizer: err = %v", err)
	}
	l, err = tokenize.Default().List(ctx, strings.Repeat(texts[0], 20))
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.KeywordsList(cctx, l, 10); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}
