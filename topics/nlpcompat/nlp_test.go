package nlpcompat

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/james-bowman/nlp"
	"github.com/khabar-nlp/khabar/topics/tfidf"
	"gonum.org/v1/gonum/mat"
)

func TestNLPPipeline(t *testing.T) {
	texts := articles(t)
	p := nlp.NewPipeline(&Vectoriser{}, &Transformer{})
	m, err := p.FitTransform(texts...)
	if err != nil {
		t.Fatal(err)
	}
	// nlp's orientation: terms × documents; ours transposed.
	s, err := tfidf.NewSpace(texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := s.Transform(texts)
	r, c := m.Dims()
	if r != s.Vectorizer().Len() || c != len(texts) {
		t.Fatalf("pipeline dims %d×%d, want %d×%d", r, c, s.Vectorizer().Len(), len(texts))
	}
	if !mat.EqualApprox(m, want.T(), 1e-12) {
		t.Fatal("pipeline output differs from Space.Transform")
	}
	// Our tokeniser inside nlp's own vectoriser and TF-IDF.
	cv := nlp.NewCountVectoriser()
	cv.Tokeniser = Tokeniser{}
	theirs := nlp.NewPipeline(cv, nlp.NewTfidfTransformer())
	tm, err := theirs.FitTransform(texts...)
	if err != nil {
		t.Fatal(err)
	}
	if tr, _ := tm.Dims(); tr != s.Vectorizer().Len() {
		t.Errorf("nlp CountVectoriser with Tokeniser found %d terms, we found %d", tr, s.Vectorizer().Len())
	}
	// Our TF-IDF on nlp's sparse counts.
	counts, err := cv.Transform(texts...)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := (&Transformer{}).FitTransform(counts)
	if err != nil {
		t.Fatal(err)
	}
	if _, c := ours.Dims(); c != len(texts) {
		t.Errorf("TF-IDF of nlp counts has %d columns", c)
	}
	if _, err := (&Vectoriser{}).FitTransform("في من"); err == nil {
		t.Error("empty vocabulary: no error from the adapter")
	}
}

// articles returns the texts of the project's sample articles.
func articles(t *testing.T) []string {
	files, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata articles: %v", err)
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}
