package gazetteer

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var loadBenchSink int

// BenchmarkReadTSV reads the embedded gazetteer's files.
func BenchmarkReadTSV(b *testing.B) {
	files, _ := filepath.Glob("data/*.tsv")
	var data [][]byte
	size := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		size += len(d)
	}
	if len(data) == 0 {
		b.Skip("no data/*.tsv")
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	entries := 0
	for b.Loop() {
		for _, d := range data {
			st, err := ReadTSV(bytes.NewReader(d), LoadOptions{Strict: true}, func(Entry) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			entries += st.Entries
		}
	}
	loadBenchSink = entries
	b.ReportMetric(float64(entries)/b.Elapsed().Seconds(), "entries/s")
}

// syntheticWikidataDump writes a dump of n entities in Wikidata's JSON
// form: one in arabicEvery has an Arabic label and a known class, the
// others only English and French labels, as in the real dump where most
// entities have no Arabic name. Each entity carries filler claims to a
// realistic size of a few KB.
func syntheticWikidataDump(n, arabicEvery int) []byte {
	rng := rand.New(rand.NewPCG(1, 1))
	var b bytes.Buffer
	b.WriteString("[\n")
	classes := []string{"Q5", "Q515", "Q7278", "Q11424", "Q4022"}
	for i := range n {
		q := fmt.Sprintf("Q%d", 1000+i)
		b.WriteString(`{"type":"item","id":"` + q + `","labels":{"en":{"language":"en","value":"Entity ` + q + `"},"fr":{"language":"fr","value":"Entité ` + q + `"}`)
		if i%arabicEvery == 0 {
			b.WriteString(`,"ar":{"language":"ar","value":"كيان رقم ` + q + `"}`)
		}
		b.WriteString(`},"descriptions":{"en":{"language":"en","value":"a synthetic entity"}},"aliases":{`)
		if i%arabicEvery == 0 {
			b.WriteString(`"ar":[{"language":"ar","value":"كيان ` + q + `"}]`)
		}
		b.WriteString(`},"claims":{"P31":[{"mainsnak":{"snaktype":"value","property":"P31","hash":"0123456789abcdef0123456789abcdef01234567","datavalue":{"value":{"entity-type":"item","numeric-id":5,"id":"`)
		b.WriteString(classes[rng.IntN(len(classes))])
		b.WriteString(`"},"type":"wikibase-entityid"},"datatype":"wikibase-item"},"type":"statement","id":"` + q + `$00000000-0000-0000-0000-000000000000","rank":"normal"}]`)
		for p := range 5 + rng.IntN(20) {
			fmt.Fprintf(&b, `,"P%d":[{"mainsnak":{"snaktype":"value","property":"P%d","hash":"0123456789abcdef0123456789abcdef01234567","datavalue":{"value":"%s","type":"string"},"datatype":"string"},"type":"statement","id":"%s$%d","rank":"normal","references":[{"hash":"fedcba9876543210fedcba9876543210fedcba98","snaks":{"P248":[{"snaktype":"value","property":"P248","datavalue":{"value":{"entity-type":"item","numeric-id":36578,"id":"Q36578"},"type":"wikibase-entityid"},"datatype":"wikibase-item"}]},"snaks-order":["P248"]}]}]`,
				100+p, 100+p, strings.Repeat("x", 10+rng.IntN(40)), q, p)
		}
		b.WriteString(`},"sitelinks":{"enwiki":{"site":"enwiki","title":"Entity ` + q + `","badges":[]}},"lastrevid":123456789,"modified":"2024-01-01T00:00:00Z"}`)
		if i < n-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// BenchmarkReadWikidata reads a synthetic dump where one entity in ten
// has an Arabic name, with the default pre-filter and parsing every line.
func BenchmarkReadWikidata(b *testing.B) {
	dump := syntheticWikidataDump(2000, 10)
	for _, parseAll := range []bool{false, true} {
		b.Run(fmt.Sprintf("parseAll=%v", parseAll), func(b *testing.B) {
			b.SetBytes(int64(len(dump)))
			b.ReportAllocs()
			entries := 0
			for b.Loop() {
				st, err := ReadWikidata(bytes.NewReader(dump), WikidataOptions{LoadOptions: LoadOptions{Strict: true}, ParseAll: parseAll}, func(Entry) error { return nil })
				if err != nil {
					b.Fatal(err)
				}
				entries += st.Entries
			}
			loadBenchSink = entries
			b.ReportMetric(float64(len(dump))/2000, "B/entity")
		})
	}
}
