package tfidf

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/khabar-nlp/khabar/internal/binfile"
	"gonum.org/v1/gonum/mat"
)

func articleSpace(tb testing.TB, topts ...WeightOption) (*Space, []string) {
	tb.Helper()
	_, texts := readArticles(tb)
	s, err := NewSpace(texts, []VectorizerOption{WithTermOptions(TermOptions{Bigrams: true})}, topts...)
	if err != nil {
		tb.Fatal(err)
	}
	return s, texts
}

func TestSpaceRoundTrip(t *testing.T) {
	for name, opts := range map[string][]WeightOption{
		"default":   nil,
		"plain-sub": {WithPlainIDF(), WithSublinearTF(), WithoutNormalization()},
	} {
		t.Run(name, func(t *testing.T) {
			s, texts := articleSpace(t, opts...)
			var buf bytes.Buffer
			n, err := s.WriteTo(&buf)
			if err != nil || n != int64(buf.Len()) {
				t.Fatalf("WriteTo: %d, %v", n, err)
			}
			// Through a reader that returns one byte at a time.
			got, err := ReadSpace(iotest.OneByteReader(bytes.NewReader(buf.Bytes())))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Vectorizer().Vocabulary(), s.Vectorizer().Vocabulary()) ||
				!slices.Equal(got.Weights().IDFs(), s.Weights().IDFs()) ||
				got.Weights().String() != s.Weights().String() {
				t.Fatal("loaded space differs")
			}
			for j := range s.Vectorizer().Len() {
				if got.Vectorizer().Surface(j) != s.Vectorizer().Surface(j) || got.Vectorizer().DF(j) != s.Vectorizer().DF(j) {
					t.Fatalf("column %d differs", j)
				}
			}
			if !mat.Equal(got.Transform(texts), s.Transform(texts)) {
				t.Fatal("loaded space transforms differently")
			}
			var again bytes.Buffer
			got.WriteTo(&again)
			if !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Fatal("re-saved file differs")
			}
		})
	}
}

func TestReadSpaceErrors(t *testing.T) {
	s, _ := articleSpace(t)
	var buf bytes.Buffer
	s.WriteTo(&buf)
	good := buf.Bytes()
	mod := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotSpace},
		{"other file", []byte("{\"json\": true}"), ErrNotSpace},
		{"version 1", mod(func(b []byte) []byte { b[8] = 1; return b }), ErrVersion},
		{"too large", mod(func(b []byte) []byte { b[17] = 1; return b }), ErrCorrupt},
		{"header only", good[:10], ErrCorrupt},
		{"truncated", good[:len(good)/2], ErrCorrupt},
		{"flipped byte", mod(func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b }), ErrCorrupt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadSpace(bytes.NewReader(tc.data))
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	boom := errors.New("disk on fire")
	if _, err := ReadSpace(io.MultiReader(bytes.NewReader(good[:30]), iotest.ErrReader(boom))); !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "tfidf: reading TF-IDF space: ") {
		t.Errorf("read error not wrapped: %v", err)
	}
	// Bytes after the file are not read: files can follow each other in
	// one stream.
	r := bytes.NewReader(append(bytes.Clone(good), "next"...))
	if _, err := ReadSpace(r); err != nil || r.Len() != 4 {
		t.Errorf("ReadSpace of a space followed by more bytes: %v, %d bytes left", err, r.Len())
	}
}

// FuzzLoad feeds ReadSpace space bodies, saved ones and their
// corruptions, in a valid container (so that the fuzzer reaches the
// decoder past the checksum): an error or a usable space that saves back
// to the same bytes, never a panic.
func FuzzLoad(f *testing.F) {
	s, _ := articleSpace(f)
	var buf bytes.Buffer
	s.WriteTo(&buf)
	body := buf.Bytes()[binfile.HeaderSize:]
	f.Add(body)
	f.Add(body[:40])
	f.Add([]byte{0, 1, 1})
	f.Fuzz(func(t *testing.T, body []byte) {
		var file bytes.Buffer
		spaceFormat.Write(&file, body)
		data := file.Bytes()
		sp, err := ReadSpace(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error of a corrupt body: %v", err)
			}
			return
		}
		// A file that loads must be usable and save back to itself.
		sp.Transform([]string{"ارتفعت أسعار النفط"})
		sp.Keywords("ارتفعت أسعار النفط", 3)
		var out bytes.Buffer
		if _, err := sp.WriteTo(&out); err != nil || !bytes.Equal(out.Bytes(), data) {
			t.Fatalf("loaded file does not save back identically")
		}
	})
}
