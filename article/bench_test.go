package article

import (
	"os"
	"strings"
	"testing"
)

var sinkStructure Structure

// BenchmarkParse measures Parse on one article and on a 4 MB text of
// articles one after another (MB/s).
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/articles/agency-dateline.txt")
	if err != nil {
		b.Fatal(err)
	}
	one := string(data)
	many := strings.Repeat(one+"\n", (4<<20)/len(one))
	for _, bc := range []struct {
		name, text string
	}{{"article", one}, {"4MB", many}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				sinkStructure = Parse(bc.text)
			}
		})
	}
}

func BenchmarkMask(b *testing.B) {
	text := string(must(os.ReadFile("testdata/articles/agency-dateline.txt")))
	st := Parse(text)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		sinkString = st.Mask(text)
	}
}

var sinkString string

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
