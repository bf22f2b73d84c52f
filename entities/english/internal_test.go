package english

import (
	"context"
	"os"
	"slices"
	"testing"
)

// TestBlocksMatchRows checks that tagging with the cache of word blocks
// gives the labels that tagging with every observation in the rows gives.
func TestBlocksMatchRows(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("../../testdata/english/strategic-dialogue.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := x.p.analyse(context.Background(), string(text), nil, x.model.prose)
	if err != nil {
		t.Fatal(err)
	}
	f := &featurizer{parts: x.names.parts, prose: x.model.prose}
	f.prepare(d, x.names.find(d))
	var cache blockCache
	for s := range d.sents {
		lat := x.model.t.Lattice(f.sentence(s))
		want := lat.Best(nil)
		lat.Release()
		rows, blocks := f.sentenceBlocks(s, x.model.t, &cache)
		lat = x.model.t.LatticeBlocks(blocks, rows)
		got := lat.Best(nil)
		lat.Release()
		if !slices.Equal(got, want) {
			t.Errorf("sentence %d: blocks give %v, rows %v", s, got, want)
		}
	}
}
