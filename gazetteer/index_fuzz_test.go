package gazetteer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/tokenize"
)

// FuzzFind checks Find on arbitrary text: no panic, matches on whole
// tokens with exact offsets, in order, and every exact match agrees with a
// naive lookup of its tokens' keys (differential).
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"وصل أنتوني بلينكن إلى بغداد والتقى الكاظمي",
		"والأمم المتحدة وللأمم المتحدة بالعراق للعراق بلنكن جوتيريش",
		"الخارجية الأميركية. الأمم. المتحدة \xff\xfe",
		"#الأمم_المتحدة @UN ISIS",
	} {
		f.Add(s)
	}
	x := buildTest(f, testEntries...)
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokenize.Tokenize(text)
		for _, kind := range []MatchKind{LeftmostLongest, Overlapping} {
			prevStart := -1
			for _, m := range x.Find(text, toks, FindOptions{Kind: kind, Fuzzy: true}) {
				if m.TokenStart < 0 || m.TokenEnd > len(toks) || m.TokenStart >= m.TokenEnd {
					t.Fatalf("bad token range %d:%d", m.TokenStart, m.TokenEnd)
				}
				if m.Start != toks[m.TokenStart].Start || m.End != toks[m.TokenEnd-1].End {
					t.Fatalf("match %d:%d is not on its tokens", m.Start, m.End)
				}
				if kind == LeftmostLongest && m.Start < prevStart {
					t.Fatalf("matches out of order")
				}
				prevStart = m.Start
				if len(m.IDs) == 0 || m.Score <= 0 || m.Score > 1 {
					t.Fatalf("match without IDs or with score %v", m.Score)
				}
				if m.Method == Exact {
					keys := make([]string, 0, m.TokenEnd-m.TokenStart)
					for _, tk := range toks[m.TokenStart:m.TokenEnd] {
						keys = append(keys, tokenize.Key(tk.Norm))
					}
					if x.postings(strings.Join(keys, " ")) == nil {
						t.Fatalf("exact match %q is not a surface", text[m.Start:m.End])
					}
				}
			}
		}
		_ = x.Lookup(text)
	})
}

// FuzzReadCompiled feeds damaged compiled files to ReadCompiled: an error
// or a usable index, never a panic.
func FuzzReadCompiled(f *testing.F) {
	x := buildTest(f, testEntries...)
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(compiledFormat.Magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		try := func(data []byte) {
			y, err := ReadCompiled(bytes.NewReader(data))
			if err != nil {
				return
			}
			text := "وبغداد والأمم المتحدة بلنكن"
			_ = y.Find(text, tokenize.Tokenize(text), FindOptions{Fuzzy: true, Kind: Overlapping})
			_ = y.Lookup("بلنكن")
		}
		try(data)
		// The same bytes with a valid header and checksum, to reach the
		// decoder.
		var fixed bytes.Buffer
		compiledFormat.Write(&fixed, data)
		try(fixed.Bytes())
	})
}
