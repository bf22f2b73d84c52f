package tagger

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
)

// FuzzReadModel checks that no input makes ReadModel panic, and that a
// model it accepts tags any observations without panicking and writes
// a file it reads back.
func FuzzReadModel(f *testing.F) {
	m, err := Train(context.Background(), tinyTemplates, tinyCorpus(1, 20), WithMaxIterations(5))
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	good := buf.Bytes()
	f.Add(good, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add(good[:len(good)/2], []byte{0})
	f.Add(file(validParts().encode()), []byte("observations"))
	f.Add([]byte("KHBRTAGR"), []byte{})
	f.Fuzz(func(t *testing.T, data, obsBytes []byte) {
		m, err := ReadModel(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Observations from the second input: 9 bytes each (template,
		// value), a zero template byte ending a token.
		var obs [][]Obs
		var tok []Obs
		for len(obsBytes) >= 9 {
			o := Obs{Template: uint16(obsBytes[0] % 4), Value: binary.LittleEndian.Uint64(obsBytes[1:9]) % 8}
			tok = append(tok, o)
			if obsBytes[0]&0x80 != 0 {
				obs = append(obs, tok)
				tok = nil
			}
			obsBytes = obsBytes[9:]
		}
		obs = append(obs, tok, nil)
		labels := m.Tag(obs, nil)
		if len(labels) != len(obs) {
			t.Fatalf("%d labels for %d tokens", len(labels), len(obs))
		}
		for _, y := range labels {
			if y < 0 || y >= len(m.Labels()) {
				t.Fatalf("label %d out of range", y)
			}
		}
		m.Marginals(obs, nil)
		m.TagSpans(obs, nil)
		var out bytes.Buffer
		if _, err := m.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadModel(&out); err != nil {
			t.Fatalf("rewritten model: %v", err)
		}
	})
}
