package stories

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/lsa"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// stories are short news items written for these tests: three about one
// football match, three about an OPEC+ decision on oil output, three about
// an earthquake. Each group shares its story's words but tells it
// differently.
var stories = []struct {
	story string
	doc   topics.Document
}{
	{"football", topics.Document{
		Title: "الأهلي يفوز على الزمالك في قمة الدوري",
		Text:  "فاز الأهلي على الزمالك بهدفين مقابل هدف في المباراة التي أقيمت مساء الجمعة على ملعب القاهرة الدولي. وسجل المهاجم هدف الفوز في الدقيقة الأخيرة من المباراة.",
	}},
	{"football", topics.Document{
		Title: "هدف قاتل يمنح الأهلي الفوز في مباراة القمة",
		Text:  "حسم الأهلي مباراة القمة أمام الزمالك بهدف في الدقيقة الأخيرة، ليبتعد بصدارة الدوري. وقال مدرب الزمالك إن فريقه استحق التعادل في المباراة.",
	}},
	{"football", topics.Document{
		Title: "جماهير الزمالك غاضبة بعد الخسارة أمام الأهلي",
		Text:  "عبرت جماهير الزمالك عن غضبها بعد خسارة الفريق أمام الأهلي في الدوري. وطالب المشجعون المدرب بتغيير خطة اللعب قبل المباراة المقبلة، بعد هدف الأهلي المتأخر.",
	}},
	{"oil", topics.Document{
		Title: "أوبك+ تقرر خفض إنتاج النفط",
		Text:  "قررت مجموعة أوبك+ خفض إنتاج النفط بمقدار مليوني برميل يوميا اعتبارا من الشهر المقبل، في محاولة لدعم أسعار النفط التي تراجعت في الأسابيع الماضية.",
	}},
	{"oil", topics.Document{
		Title: "أسعار النفط ترتفع بعد قرار أوبك+",
		Text:  "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك+ خفض الإنتاج، وصعد خام برنت إلى أعلى مستوى له منذ أشهر. ويرى محللون أن خفض الإنتاج سيقلص المعروض من النفط.",
	}},
	{"oil", topics.Document{
		Title: "واشنطن تنتقد خفض إنتاج أوبك+",
		Text:  "انتقدت الولايات المتحدة قرار أوبك+ خفض إنتاج النفط، وقالت إن القرار سيرفع أسعار الوقود. ودافعت السعودية عن خفض الإنتاج وقالت إنه يهدف إلى استقرار سوق النفط.",
	}},
	{"quake", topics.Document{
		Title: "زلزال بقوة 6.8 درجات يضرب جنوب تركيا",
		Text:  "ضرب زلزال بقوة 6.8 درجات على مقياس ريختر جنوب تركيا فجر الاثنين، وأدى إلى انهيار مبان ومقتل العشرات. وهرعت فرق الإنقاذ إلى المناطق المتضررة من الزلزال.",
	}},
	{"quake", topics.Document{
		Title: "ارتفاع عدد ضحايا الزلزال في تركيا",
		Text:  "ارتفع عدد ضحايا الزلزال الذي ضرب جنوب تركيا إلى أكثر من مئة قتيل، فيما تواصل فرق الإنقاذ البحث عن ناجين تحت أنقاض المباني المنهارة.",
	}},
	{"quake", topics.Document{
		Title: "هزات ارتدادية بعد زلزال تركيا",
		Text:  "شعر سكان جنوب تركيا بهزات ارتدادية قوية بعد الزلزال المدمر، وقضى آلاف الأشخاص ليلتهم في العراء خوفا من انهيار المباني. وأرسلت دول عدة فرق إنقاذ لمساعدة ضحايا الزلزال.",
	}},
}

func storyDocs() ([]topics.Document, []string) {
	docs := make([]topics.Document, len(stories))
	labels := make([]string, len(stories))
	for i, s := range stories {
		docs[i], labels[i] = s.doc, s.story
	}
	return docs, labels
}

// groups returns the documents of each cluster as sorted slices, sorted.
func groups(c *Clustering) [][]int {
	var out [][]int
	for _, cl := range c.Stories {
		var g []int
		for _, m := range cl.Members {
			g = append(g, m.Doc)
		}
		slices.Sort(g)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}

func TestClusterStories(t *testing.T) {
	docs, _ := storyDocs()
	want := [][]int{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}
	for _, tc := range []struct {
		name string
		opts []Option
	}{
		{"chosen k", nil},
		{"given k", []Option{WithCount(3)}},
		{"bigrams", []Option{WithTermOptions(tfidf.TermOptions{Bigrams: true})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Cluster(context.Background(), docs, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := groups(c); !reflect.DeepEqual(got, want) {
				t.Fatalf("clusters %v, want %v", got, want)
			}
			if c.Silhouette <= 0.2 {
				t.Errorf("silhouette %.3f for well-separated stories", c.Silhouette)
			}
			wantTerms := map[int][]string{0: {"الأهلي", "الزمالك", "المباراة"}, 3: {"النفط", "أوبك", "خفض", "إنتاج", "الإنتاج"}, 6: {"الزلزال", "زلزال", "تركيا"}}
			for ci, cl := range c.Stories {
				if len(cl.Terms) == 0 || len(cl.Terms) > DefaultLabelTerms {
					t.Errorf("cluster %d: %d label terms", ci, len(cl.Terms))
				}
				var terms []string
				for _, lt := range cl.Terms {
					terms = append(terms, lt.Term)
					if lt.Score <= 0 {
						t.Errorf("cluster %d: term %q scores %v", ci, lt.Term, lt.Score)
					}
				}
				first := groups(&Clustering{Stories: []Story{cl}})[0][0]
				found := 0
				for _, w := range wantTerms[first] {
					if slices.Contains(terms, w) {
						found++
					}
				}
				if found < 2 {
					t.Errorf("cluster of document %d labelled %v, want at least two of %v", first, terms, wantTerms[first])
				}
				// Members are ordered by similarity to the centroid.
				if !slices.IsSortedFunc(cl.Members, func(a, b Member) int { return cmp.Compare(b.Similarity, a.Similarity) }) {
					t.Errorf("cluster %d: members not by decreasing similarity: %+v", ci, cl.Members)
				}
				for _, m := range cl.Members {
					if c.Assignment[m.Doc] != ci {
						t.Errorf("document %d in cluster %d, assigned %d", m.Doc, ci, c.Assignment[m.Doc])
					}
					if m.Similarity <= 0 || m.Similarity > 1+1e-9 {
						t.Errorf("document %d: similarity %v", m.Doc, m.Similarity)
					}
				}
			}
			for _, cl := range c.Stories {
				t.Logf("%v %v", cl.Members, cl.Terms)
			}
		})
	}
}

func TestClusterDeterministic(t *testing.T) {
	docs, _ := storyDocs()
	// Shuffle the stories so that no group is contiguous.
	rng := rand.New(rand.NewPCG(5, 5))
	rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	a, err := Cluster(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Cluster(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs with the same seed differ")
	}
	if len(a.Stories) != 3 {
		t.Errorf("%d clusters of shuffled stories, want 3", len(a.Stories))
	}
}

func TestClusterExtraTerms(t *testing.T) {
	// Six texts with no word in common except within pairs made by
	// Extra: the entity IDs alone group them.
	texts := []string{"قطار", "سفينة", "طائرة", "دراجة", "حافلة", "شاحنة"}
	extra := [][]string{{"loc:a", "per:x"}, {"loc:b", "per:y"}, {"loc:a", "per:x"}, {"loc:c", "per:z"}, {"loc:b", "per:y"}, {"loc:c", "per:z"}}
	docs := make([]topics.Document, len(texts))
	for i := range texts {
		docs[i] = topics.Document{Text: texts[i], Extra: extra[i]}
	}
	c, err := Cluster(context.Background(), docs, WithCount(3))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := groups(c), [][]int{{0, 2}, {1, 4}, {3, 5}}; !reflect.DeepEqual(got, want) {
		t.Errorf("clusters %v, want %v", got, want)
	}
	for _, cl := range c.Stories {
		for _, lt := range cl.Terms {
			if strings.Contains(lt.Term, ":") {
				t.Errorf("Extra term %q used as a label", lt.Term)
			}
		}
	}
}

func TestClusterEdgeCases(t *testing.T) {
	ctx := context.Background()
	docs, _ := storyDocs()
	if _, err := Cluster(ctx, nil); !errors.Is(err, tfidf.ErrEmptyCorpus) {
		t.Errorf("no documents: %v", err)
	}
	if _, err := Cluster(ctx, []topics.Document{{Text: "في من على"}, {}}); !errors.Is(err, tfidf.ErrEmptyVocabulary) {
		t.Errorf("only stop words: %v", err)
	}
	if _, err := Cluster(ctx, docs, WithCount(10)); !errors.Is(err, ErrTooManyStories) {
		t.Errorf("10 clusters for 9 documents: %v", err)
	}
	for _, o := range []Option{WithCount(0), WithCountRange(1, 3), WithCountRange(4, 3), WithDimensions(0), WithRestarts(0), WithLabelTerms(-1), WithTitleWeight(-1), WithLSA(lsa.WithOversampling(-2))} {
		if _, err := Cluster(ctx, docs, o); err == nil {
			t.Error("invalid option accepted")
		}
	}

	// Every document its own cluster.
	c, err := Cluster(ctx, docs, WithCount(9))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Stories) != 9 {
		t.Errorf("%d clusters, want 9", len(c.Stories))
	}
	// One cluster.
	c, err = Cluster(ctx, docs, WithCount(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Stories) != 1 || len(c.Stories[0].Members) != 9 || c.Silhouette != 0 {
		t.Errorf("one cluster: %d clusters, silhouette %v", len(c.Stories), c.Silhouette)
	}

	// Documents without terms are set aside.
	withEmpty := append([]topics.Document{{Title: "", Text: "١٢٣ في"}}, docs...)
	c, err = Cluster(ctx, withEmpty)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Unclustered, []int{0}) || c.Assignment[0] != -1 {
		t.Errorf("unclustered %v, assignment %d", c.Unclustered, c.Assignment[0])
	}
	if len(c.Stories) != 3 {
		t.Errorf("%d clusters with an empty document, want 3", len(c.Stories))
	}

	// One and two documents; identical documents.
	for _, tc := range []struct {
		docs []topics.Document
		want int
	}{
		{docs[:1], 1},
		{docs[:2], 2},
		{[]topics.Document{docs[0], docs[0], docs[0], docs[0]}, -1},
	} {
		c, err := Cluster(ctx, tc.docs)
		if err != nil {
			t.Fatalf("%d documents: %v", len(tc.docs), err)
		}
		if tc.want > 0 && len(c.Stories) != tc.want {
			t.Errorf("%d documents: %d clusters, want %d", len(tc.docs), len(c.Stories), tc.want)
		}
		n := 0
		for _, cl := range c.Stories {
			n += len(cl.Members)
		}
		if n != len(tc.docs) || math.IsNaN(c.Silhouette) {
			t.Errorf("%d documents: %d members, silhouette %v", len(tc.docs), n, c.Silhouette)
		}
	}

	// A range beyond the documents is clipped.
	if _, err := Cluster(ctx, docs, WithCountRange(20, 40)); err != nil {
		t.Errorf("range beyond the documents: %v", err)
	}
	// No labels.
	c, err = Cluster(ctx, docs, WithLabelTerms(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range c.Stories {
		if cl.Terms != nil {
			t.Errorf("WithLabelTerms(0): terms %v", cl.Terms)
		}
	}
}

func TestClusterContext(t *testing.T) {
	docs, _ := storyDocs()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Cluster(ctx, docs); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestKMeansSeparated checks k-means on well-separated synthetic groups:
// unit vectors near k orthogonal directions.
func TestKMeansSeparated(t *testing.T) {
	const d, k, per = 8, 4, 25
	rng := rand.New(rand.NewPCG(3, 3))
	n := k * per
	points := make([]float64, n*d)
	truth := make([]int, n)
	perm := rng.Perm(n)
	for idx, i := range perm {
		g := idx % k
		truth[i] = g
		p := points[i*d : (i+1)*d]
		for j := range p {
			p[j] = 0.05 * rng.NormFloat64()
		}
		p[g] += 1
		var norm float64
		for _, x := range p {
			norm += x * x
		}
		for j := range p {
			p[j] /= math.Sqrt(norm)
		}
	}
	assign, err := kmeans(context.Background(), points, n, d, k, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The partition matches the truth up to renaming.
	rename := map[int]int{}
	for i, c := range assign {
		if g, ok := rename[c]; ok && g != truth[i] {
			t.Fatalf("point %d: cluster %d holds groups %d and %d", i, c, g, truth[i])
		}
		rename[c] = truth[i]
	}
	if len(rename) != k {
		t.Errorf("%d clusters, want %d", len(rename), k)
	}
	// The silhouette picks k among 2..8.
	sil := newSilhouette(points, n, d, 1)
	bestK, best := 0, math.Inf(-1)
	for kk := 2; kk <= 8; kk++ {
		a, _ := kmeans(context.Background(), points, n, d, kk, 3, 1)
		if s := sil.score(a, kk); s > best {
			bestK, best = kk, s
		}
	}
	if bestK != k {
		t.Errorf("silhouette chose %d clusters, want %d", bestK, k)
	}
}

// syntheticStories returns n short documents about n/per stories, each
// story with its own words plus words shared by all.
func syntheticStories(n, per int) []topics.Document {
	rng := rand.New(rand.NewPCG(9, 9))
	common := strings.Fields("الحكومة الرئيس المدينة العالم البلاد الشعب الوزير اليوم")
	docs := make([]topics.Document, n)
	for i := range docs {
		s := i / per
		var words []string
		for w := range 6 {
			words = append(words, fmt.Sprintf("قصة%dكلمة%d", s, w))
		}
		var text []string
		for range 30 {
			if rng.IntN(3) == 0 {
				text = append(text, common[rng.IntN(len(common))])
			} else {
				text = append(text, words[rng.IntN(len(words))])
			}
		}
		docs[i] = topics.Document{Title: strings.Join(text[:5], " "), Text: strings.Join(text, " ")}
	}
	return docs
}

var sinkClustering *Clustering

func BenchmarkCluster(b *testing.B) {
	run := func(b *testing.B, docs []topics.Document) {
		b.ReportAllocs()
		for b.Loop() {
			c, err := Cluster(context.Background(), docs)
			if err != nil {
				b.Fatal(err)
			}
			sinkClustering = c
		}
	}
	b.Run("stories=9", func(b *testing.B) {
		docs, _ := storyDocs()
		run(b, docs)
	})
	b.Run("synthetic/docs=300", func(b *testing.B) {
		run(b, syntheticStories(300, 10))
	})
	b.Run("ant-dev/docs=300", func(b *testing.B) {
		texts := devdata.Texts(b)[:300]
		docs := make([]topics.Document, len(texts))
		for i, t := range texts {
			docs[i] = topics.Document{Text: t}
		}
		run(b, docs)
	})
}
