package tfidf

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func keys(ks ...string) []Term {
	var ts []Term
	for _, k := range ks {
		ts = append(ts, Term{Key: k, Surface: k, Kind: Word})
	}
	return ts
}

// dfDocs: x in 4 docs, y in 3, z in 2, w in 1; total counts x=4 y=5 z=2 w=3.
var dfDocs = [][]Term{
	keys("x", "y", "y", "z", "w", "w", "w"),
	keys("x", "y", "y", "z"),
	keys("x", "y"),
	keys("x"),
}

func TestVectorizerDocumentFrequency(t *testing.T) {
	tests := []struct {
		name string
		opts []VectorizerOption
		want []string
	}{
		{"default", nil, []string{"w", "x", "y", "z"}},
		{"minDF=2", []VectorizerOption{WithMinDF(2)}, []string{"x", "y", "z"}},
		{"minDF=4", []VectorizerOption{WithMinDF(4)}, []string{"x"}},
		{"maxDF=0.75", []VectorizerOption{WithMaxDF(0.75)}, []string{"w", "y", "z"}},
		{"maxDF=0.5", []VectorizerOption{WithMaxDF(0.5)}, []string{"w", "z"}},
		// By total count: y=5, x=4, w=3, z=2.
		{"maxFeatures=2", []VectorizerOption{WithMaxFeatures(2)}, []string{"x", "y"}},
		{"maxFeatures=3", []VectorizerOption{WithMaxFeatures(3)}, []string{"w", "x", "y"}},
		{"maxFeatures+minDF", []VectorizerOption{WithMinDF(2), WithMaxFeatures(2)}, []string{"x", "y"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := NewVectorizerTerms(dfDocs, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Vocabulary(); !slices.Equal(got, tc.want) {
				t.Errorf("vocabulary %q, want %q", got, tc.want)
			}
		})
	}
	v, _ := NewVectorizerTerms(dfDocs, WithMaxDF(0.5))
	if !v.IsCommon("x") || !v.IsCommon("y") || v.IsCommon("z") {
		t.Error("IsCommon: want x and y common, z not")
	}
	if j, ok := v.Column("z"); !ok || v.DF(j) != 2 {
		t.Errorf("DF(z) wrong: %d %v", j, ok)
	}
}

func TestVectorizerMaxFeaturesTies(t *testing.T) {
	// Every term occurs once: ties are broken by byte order.
	docs := [][]Term{keys("d", "b"), keys("c", "a")}
	for range 5 {
		v, err := NewVectorizerTerms(docs, WithMaxFeatures(2))
		if err != nil {
			t.Fatal(err)
		}
		if got := v.Vocabulary(); !slices.Equal(got, []string{"a", "b"}) {
			t.Fatalf("vocabulary %q, want [a b]", got)
		}
	}
}

func TestVectorizerErrors(t *testing.T) {
	if _, err := NewVectorizer(nil); !errors.Is(err, ErrEmptyCorpus) {
		t.Errorf("no texts: %v", err)
	}
	if _, err := NewVectorizer([]string{"في من على 2024 ، ."}); !errors.Is(err, ErrEmptyVocabulary) {
		t.Errorf("only stop words: %v", err)
	}
	if _, err := NewVectorizerTerms([][]Term{keys("a"), keys("b")}, WithMinDF(2)); !errors.Is(err, ErrEmptyVocabulary) {
		t.Errorf("no term within the limits: %v", err)
	}
	for name, o := range map[string]VectorizerOption{
		"minDF=0":        WithMinDF(0),
		"maxDF=0":        WithMaxDF(0),
		"maxDF=1.5":      WithMaxDF(1.5),
		"maxFeatures=-1": WithMaxFeatures(-1),
	} {
		if _, err := NewVectorizerTerms(dfDocs, o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := NewVectorizerTerms(dfDocs, WithMinDF(3), WithMaxDF(0.5)); err == nil {
		t.Error("maxDF below minDF: no error")
	}
}

func TestTermsArabic(t *testing.T) {
	text := "قال الوزير إن الانتخابات في 2024 ستجري، والانتخابات #الانتخابات_البرلمانية"
	terms := Terms(text, TermOptions{Bigrams: true})
	var got []string
	for _, tm := range terms {
		if tm.Kind == Word && text[tm.Start:tm.End] == "" {
			t.Errorf("empty span for %q", tm.Key)
		}
		got = append(got, tm.Kind.String()+":"+tm.Key+"/"+tm.Surface)
	}
	// قال (reporting verb), إن and في (function words) and 2024 are
	// dropped; a dropped token or punctuation breaks a bigram.
	want := []string{
		"word:وزير/الوزير",
		"word:انتخاب/الانتخابات",
		"word:ستجر/ستجري",
		"word:انتخاب/والانتخابات",
		"word:انتخاب/الانتخابات",
		"word:برلمان/البرلمانية",
		"bigram:انتخاب برلمان/الانتخابات البرلمانية",
	}
	if !slices.Equal(got, want) {
		t.Errorf("terms\n got %q\nwant %q", got, want)
	}
	extra := Terms("نص", TermOptions{Extra: func(string) []string { return []string{"Q79", ""} }})
	if len(extra) != 2 || extra[1].Kind != Extra || extra[1].Key != "Q79" || extra[1].Start != -1 {
		t.Errorf("extra terms: %+v", extra)
	}
}

func TestVectorizerSurfaces(t *testing.T) {
	texts := []string{"ارتفعت أسعار النفط والنفط", "تراجع النفط", "نفط الخليج"}
	v, err := NewVectorizer(texts)
	if err != nil {
		t.Fatal(err)
	}
	j, ok := v.Column("نفط")
	if !ok {
		t.Fatalf("stem نفط missing from %q", v.Vocabulary())
	}
	if v.Surface(j) != "النفط" || v.DF(j) != 3 {
		t.Errorf("Surface = %q DF = %d, want النفط 3", v.Surface(j), v.DF(j))
	}
	counts := v.Transform(texts)
	if counts.At(0, j) != 2 {
		t.Errorf("count of نفط in doc 0 = %v, want 2", counts.At(0, j))
	}
}

func readArticles(tb testing.TB) (names, texts []string) {
	tb.Helper()
	files, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no testdata articles: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".txt"))
		texts = append(texts, string(b))
	}
	return names, texts
}

func TestSparseAgainstDense(t *testing.T) {
	_, texts := readArticles(t)
	v, err := NewVectorizer(texts, WithTermOptions(TermOptions{Bigrams: true}))
	if err != nil {
		t.Fatal(err)
	}
	s := v.Transform(texts)
	// Dense reference built independently from the terms.
	ref := mat.NewDense(len(texts), v.Len(), nil)
	for i, text := range texts {
		for _, tm := range Terms(text, v.TermOptions()) {
			if j, ok := v.Column(tm.Key); ok {
				ref.Set(i, j, ref.At(i, j)+1)
			}
		}
	}
	if !mat.Equal(s, ref) {
		t.Fatal("CSR differs from dense reference")
	}
	if !mat.Equal(s.T(), ref.T()) {
		t.Fatal("CSR.T differs from dense reference")
	}
	if !mat.Equal(s.Dense(), ref) {
		t.Fatal("CSR.Dense differs from dense reference")
	}
	r, c := s.T().Dims()
	if r != v.Len() || c != len(texts) {
		t.Errorf("T dims %d×%d", r, c)
	}
	nnz := 0
	for i := range len(texts) {
		cols, vals := s.Row(i)
		for k, j := range cols {
			if vals[k] != ref.At(i, j) || (k > 0 && cols[k-1] >= j) {
				t.Fatalf("Row(%d) entry %d wrong", i, k)
			}
		}
		nnz += len(cols)
	}
	if nnz != s.Nnz() {
		t.Errorf("Nnz = %d, rows hold %d", s.Nnz(), nnz)
	}
	back := CSRFromMatrix(ref)
	if !mat.Equal(back, s) || back.Nnz() != s.Nnz() {
		t.Error("CSRFromMatrix(dense) differs")
	}
	if tt := CSRFromMatrix(s.T()); !mat.Equal(tt, ref.T()) {
		t.Error("CSRFromMatrix(T) differs")
	}
	if allocs := testing.AllocsPerRun(10, func() { s.Row(1) }); allocs != 0 {
		t.Errorf("Row allocates %v times", allocs)
	}
}

func TestCSRChecks(t *testing.T) {
	bad := []struct {
		name    string
		r, c    int
		indptr  []int
		indices []int
		data    []float64
	}{
		{"indptr length", 2, 2, []int{0, 1}, []int{0}, []float64{1}},
		{"column out of range", 1, 2, []int{0, 1}, []int{2}, []float64{1}},
		{"unsorted columns", 1, 3, []int{0, 2}, []int{1, 0}, []float64{1, 1}},
		{"decreasing indptr", 2, 2, []int{0, 2, 1}, []int{0, 1}, []float64{1, 1}},
	}
	for _, tc := range bad {
		if _, err := NewCSR(tc.r, tc.c, tc.indptr, tc.indices, tc.data); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	m, err := NewCSR(2, 3, []int{0, 1, 1}, []int{2}, []float64{5})
	if err != nil {
		t.Fatal(err)
	}
	if m.At(0, 2) != 5 || m.At(1, 2) != 0 || m.Dense().At(0, 2) != 5 {
		t.Error("At wrong")
	}
	defer func() {
		if recover() == nil {
			t.Error("At out of range did not panic")
		}
	}()
	m.At(2, 0)
}
