package main

import (
	"os"
	"testing"

	"github.com/khabar-nlp/khabar/entities/corpus"
)

// anercorp is the ANERcorp train split, shared by the project and never
// copied here.
const anercorp = "../../../shared/data/anercorp/ANERcorp_CamelLab_train.reconstructed.tsv"

// TestANERcorpCounts reads ANERcorp train and checks the counts its README
// gives (sentences, tokens, entity mentions per type).
func TestANERcorpCounts(t *testing.T) {
	f, err := os.Open(anercorp)
	if err != nil {
		t.Skipf("ANERcorp not available (%v); it lives in ../shared/data, outside the repository", err)
	}
	defer f.Close()
	c, warns, err := corpus.ReadCoNLL(f, anercorp, false)
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	if len(c.Sentences) != 3963 || c.Tokens != 125088 {
		t.Errorf("%d sentences, %d tokens; want 3963, 125088", len(c.Sentences), c.Tokens)
	}
	d := newDocument(c.Sentences)
	var n [MISC + 1]int
	for _, s := range d.Gold {
		n[s.Type]++
	}
	if n[PER] != 2735 || n[LOC] != 3779 || n[ORG] != 1586 || n[MISC] != 900 {
		t.Errorf("spans PER %d LOC %d ORG %d MISC %d; want 2735, 3779, 1586, 900", n[PER], n[LOC], n[ORG], n[MISC])
	}
}
