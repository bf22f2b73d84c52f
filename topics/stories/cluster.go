// Package stories groups a batch of articles (a day of news) by story:
// TF-IDF over the batch, latent semantic analysis (package lsa), k-means
// with the number of stories chosen by silhouette, and a label of
// class-based TF-IDF terms for each story ([Cluster]).
package stories

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/lsa"
	"github.com/khabar-nlp/khabar/topics/tfidf"
	"gonum.org/v1/gonum/floats"
)

// Defaults of the clustering options.
const (
	// DefaultSeed seeds the randomized SVD and k-means++.
	DefaultSeed = 1
	// DefaultRestarts is the number of k-means++ runs per number of
	// clusters tried; the one with the lowest inertia is kept.
	DefaultRestarts = 5
	// DefaultLabelTerms is the number of c-TF-IDF terms labelling each
	// cluster.
	DefaultLabelTerms = 6
	// DefaultTitleWeight is how many times [Cluster] counts the
	// title of a [topics.Document].
	DefaultTitleWeight = 2
	// MaxDefaultCount caps the largest number of clusters tried when
	// neither [WithCount] nor [WithCountRange] says otherwise.
	MaxDefaultCount = 50
	// maxIterations bounds Lloyd's iterations of one k-means run.
	maxIterations = 100
	// silhouetteSample is the largest number of documents the silhouette
	// is computed on.
	silhouetteSample = 2000
)

// ErrTooManyStories is returned (wrapped) by [Cluster] when
// [WithCount] asks for more clusters than there are documents with
// terms.
var ErrTooManyStories = errors.New("stories: more stories asked for than documents")

// Clustering is the result of [Cluster]: the documents of a batch grouped
// into stories. Document numbers are indexes into the slice given to
// Cluster.
type Clustering struct {
	// Stories are the groups, largest first (ties: the one with the
	// smaller first document first).
	Stories []Story
	// Assignment gives, for each document, the index in Stories of its
	// cluster, or -1 if it is unclustered.
	Assignment []int
	// Unclustered lists, in order, the documents with no term of the
	// batch's vocabulary (empty, or only stop words and numbers), which
	// belong to no cluster.
	Unclustered []int
	// Silhouette is the mean silhouette coefficient of the partition,
	// in [−1, 1], with cosine distances in the LSA space (see [Cluster]);
	// 0 for a single cluster.
	Silhouette float64
	// Dimensions is the number of LSA dimensions the documents were
	// clustered in.
	Dimensions int
}

// Story is one group of documents of a [Clustering].
type Story struct {
	// Members are the cluster's documents, closest to the centroid
	// first (ties: smaller document number first).
	Members []Member
	// Terms label the cluster: its best terms by class-based TF-IDF,
	// best first (see [Cluster]).
	Terms []LabelTerm
}

// Member is one document of a [Story].
type Member struct {
	// Doc is the document's index in the slice given to [Cluster].
	Doc int
	// Similarity is the cosine between the document and the cluster's
	// centroid in the LSA space, in [−1, 1]; higher is more central.
	Similarity float64
}

// LabelTerm is one labelling term of a [Story].
type LabelTerm struct {
	// Term is the term as it reads: its most frequent surface in the
	// batch (النفط, not the stem نفط).
	Term string
	// Key is the stem (two stems joined by a space for a bigram).
	Key string
	// Score is the term's class-based TF-IDF weight in the cluster.
	Score float64
}

// Option configures [Cluster].
type Option func(*config) error

type config struct {
	k, minK, maxK int
	dims          int
	restarts      int
	seed          uint64
	labelTerms    int
	titleWeight   int
	terms         tfidf.TermOptions
	lsa           []lsa.Option
}

// count returns an option setting the int that field gives to n, or
// failing with an error naming what unless lo ≤ n ≤ hi.
func count(n, lo, hi int, what string, field func(*config) *int) Option {
	return func(c *config) error {
		if n < lo || n > hi {
			if hi == math.MaxInt {
				return fmt.Errorf("stories: %d %s: want %d or more", n, what, lo)
			}
			return fmt.Errorf("stories: %d %s: want %d to %d", n, what, lo, hi)
		}
		*field(c) = n
		return nil
	}
}

// WithCount fixes the number of clusters to k instead of choosing it.
// It returns an error from [Cluster] if k < 1, or one wrapping
// ErrTooManyStories if the batch has fewer than k documents with terms.
func WithCount(k int) Option {
	return count(k, 1, math.MaxInt, "clusters", func(c *config) *int { return &c.k })
}

// WithCountRange sets the numbers of clusters tried when the number is
// chosen (default 2 to min(2+⌈√n⌉, [MaxDefaultCount]) for n documents
// with terms). The range is clipped to [2, n−1]. It returns an error from
// [Cluster] unless 2 ≤ min ≤ max.
func WithCountRange(min, max int) Option {
	return func(c *config) error {
		if min < 2 || max < min {
			return fmt.Errorf("stories: cluster range [%d, %d]: want 2 ≤ min ≤ max", min, max)
		}
		c.minK, c.maxK = min, max
		return nil
	}
}

// WithDimensions sets the number of LSA dimensions (default min(100,
// max(10, n/5)) for n documents with terms, itself at most n and the
// vocabulary size). It returns an error from [Cluster] if d < 1.
func WithDimensions(d int) Option {
	return count(d, 1, math.MaxInt, "LSA dimensions", func(c *config) *int { return &c.dims })
}

// WithRestarts sets the number of k-means++ runs per number of clusters
// (default [DefaultRestarts]). It returns an error from [Cluster] unless
// 1 ≤ n ≤ 1000.
func WithRestarts(n int) Option {
	return count(n, 1, 1000, "k-means restarts", func(c *config) *int { return &c.restarts })
}

// WithSeed sets the seed of the randomized SVD and of k-means++
// (default [DefaultSeed]). The same documents, options and seed give the
// same clustering.
func WithSeed(seed uint64) Option {
	return func(c *config) error {
		c.seed = seed
		return nil
	}
}

// WithLabelTerms sets the number of terms labelling each cluster (default
// [DefaultLabelTerms]; 0 for none). It returns an error from [Cluster] if
// n < 0.
func WithLabelTerms(n int) Option {
	return count(n, 0, math.MaxInt, "label terms", func(c *config) *int { return &c.labelTerms })
}

// WithTitleWeight makes the title of each [topics.Document] count n times
// (default [DefaultTitleWeight]; 0 ignores titles). It returns an
// error from [Cluster] if n < 0.
func WithTitleWeight(n int) Option {
	return count(n, 0, math.MaxInt, "title weight", func(c *config) *int { return &c.titleWeight })
}

// WithTermOptions sets how texts become terms (default: the zero
// [tfidf.TermOptions], single words from the default tokenizer). With Bigrams,
// two-word terms take part in the features and may label clusters.
func WithTermOptions(o tfidf.TermOptions) Option {
	return func(c *config) error {
		c.terms = o
		return nil
	}
}

// WithLSA passes options to [lsa.Fit] (oversampling, power
// iterations); a seed given there overrides [WithSeed] for the SVD.
func WithLSA(opts ...lsa.Option) Option {
	return func(c *config) error {
		c.lsa = append(c.lsa, opts...)
		return nil
	}
}

// Cluster groups a batch of articles (a day of stories) by story:
//
//  1. Each document becomes terms ([tfidf.Terms] with [WithTermOptions])
//     of its title, counted [WithTitleWeight] times, and its text,
//     plus its Extra terms (entity IDs) as given. A vocabulary is learned
//     from the batch, and the documents are weighted by TF-IDF (smooth idf,
//     sublinear tf, rows of unit length; see [tfidf.Weights]). Documents with no
//     term are set aside (Clustering.Unclustered).
//
//  2. [lsa.Fit] projects the documents into d dimensions ([WithDimensions]),
//     and each projected row is scaled to unit length.
//
//  3. k-means with k-means++ seeding groups the rows, [WithRestarts] runs
//     per k, each from a generator seeded with the seed, k and the run;
//     Lloyd's iterations stop when no document moves (at most 100), and
//     the run of lowest inertia (sum of squared Euclidean distances to the
//     centroids) is kept. A cluster left empty takes the document farthest
//     from its centroid.
//
//  4. The number of clusters is [WithCount], or else the k of the range
//     ([WithCountRange]) whose partition has the highest mean silhouette
//     (ties: the smaller k). A document's silhouette is (b−a)/max(a, b),
//     where a is its mean cosine distance (1 − cosine) to the other
//     documents of its cluster and b the smallest mean distance to the
//     documents of another cluster; it is 0 for a document alone in its
//     cluster. Above 2,000 documents the silhouette is computed on a
//     seeded sample of 2,000. With fewer than three documents and no
//     WithCount, each document is its own cluster.
//
//  5. Each cluster c is labelled by class-based TF-IDF over the term
//     counts: with tf(t,c) the count of term t in c's documents, w(c) the
//     total count of c's terms, f(t) the count of t in all clustered
//     documents and A the mean of w over the clusters,
//
//     score(t, c) = tf(t,c)/w(c) × ln(1 + A/f(t))
//
//     Terms occurring in only one document of a cluster of several are
//     passed over, as are Extra terms. Terms are taken by score (on a
//     tie, a two-word term first), skipping any that shares a stem with
//     one already taken, so a phrase and its words never both appear.
//     Each is shown in its most frequent surface form
//     ([tfidf.Vectorizer.Surface]).
//
// Members are ordered by their cosine with the cluster's centroid (the
// mean of its unit rows), highest first.
//
// Cluster checks ctx between the steps, the power iterations and the
// k-means runs, and returns ctx.Err() if it is done. It returns
// [tfidf.ErrEmptyCorpus] for no documents, [tfidf.ErrEmptyVocabulary] if no document has a
// term, an error wrapping ErrTooManyStories (see [WithCount]), or an
// error for an invalid option. It is safe for concurrent use and does not
// keep docs. The work grows with the documents n, the dimensions d and the
// largest k tried, K, as O(n·K²·d·iterations·restarts) for k-means plus
// O(min(n, 2000)²·(d+K)) for the silhouettes.
func Cluster(ctx context.Context, docs []topics.Document, opts ...Option) (*Clustering, error) {
	cfg := config{restarts: DefaultRestarts, seed: DefaultSeed, labelTerms: DefaultLabelTerms, titleWeight: DefaultTitleWeight}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if len(docs) == 0 {
		return nil, tfidf.ErrEmptyCorpus
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// 1. Terms, vocabulary, TF-IDF.
	docTerms := make([][]tfidf.Term, len(docs))
	for i, d := range docs {
		docTerms[i] = topics.LabeledDoc{Title: d.Title, Text: d.Text, Extra: d.Extra}.Terms(cfg.titleWeight, cfg.terms)
	}
	vec, err := tfidf.NewVectorizerTerms(docTerms, tfidf.WithTermOptions(cfg.terms))
	if err != nil {
		return nil, err
	}
	labelable := make([]bool, vec.Len())
	for _, ts := range docTerms {
		for _, t := range ts {
			if t.Kind != tfidf.Extra {
				if j, ok := vec.Column(t.Key); ok {
					labelable[j] = true
				}
			}
		}
	}
	counts := vec.TransformTerms(docTerms)
	weighting, err := tfidf.NewWeights(counts, tfidf.WithSublinearTF())
	if err != nil {
		return nil, err
	}
	weights := weighting.Transform(counts)

	res := &Clustering{Assignment: make([]int, len(docs))}
	var kept []int // documents with terms
	for i := range docs {
		if cols, _ := weights.Row(i); len(cols) > 0 {
			kept = append(kept, i)
		} else {
			res.Unclustered = append(res.Unclustered, i)
			res.Assignment[i] = -1
		}
	}
	n := len(kept)
	if n == 0 {
		return nil, tfidf.ErrEmptyVocabulary
	}
	if cfg.k > n {
		return nil, fmt.Errorf("%w: %d asked for %d documents with terms", ErrTooManyStories, cfg.k, n)
	}
	x := weights.SelectRows(kept)

	// 2. LSA, rows of unit length.
	dims := cfg.dims
	if dims == 0 {
		dims = min(100, max(10, n/5))
	}
	lsaOpts := append([]lsa.Option{lsa.WithSeed(cfg.seed)}, cfg.lsa...)
	proj, err := lsa.Fit(ctx, x, dims, lsaOpts...)
	if err != nil {
		return nil, err
	}
	d := proj.K()
	points := proj.Documents().RawMatrix().Data // n × d, row-major: a copy
	for i := range n {
		p := points[i*d : (i+1)*d]
		if norm := floats.Norm(p, 2); norm > 0 {
			floats.Scale(1/norm, p)
		}
	}
	res.Dimensions = d

	// 3–4. k-means over the candidate numbers of clusters.
	var ks []int
	switch {
	case cfg.k > 0:
		ks = []int{cfg.k}
	case n < 3:
		ks = []int{n}
	default:
		lo, hi := 2, min(2+int(math.Ceil(math.Sqrt(float64(n)))), MaxDefaultCount)
		if cfg.maxK > 0 {
			lo, hi = cfg.minK, cfg.maxK
		}
		hi = min(hi, n-1)
		lo = min(lo, hi)
		for k := lo; k <= hi; k++ {
			ks = append(ks, k)
		}
	}
	sil := newSilhouette(points, n, d, cfg.seed)
	var best []int
	bestScore, bestK := math.Inf(-1), 0
	for _, k := range ks {
		assign, err := kmeans(ctx, points, n, d, k, cfg.restarts, cfg.seed)
		if err != nil {
			return nil, err
		}
		score := sil.score(assign, k)
		if len(ks) == 1 || score > bestScore {
			best, bestScore, bestK = assign, score, k
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Silhouette = bestScore

	// Build the clusters.
	members := make([][]int, bestK) // row indexes into points
	for i, c := range best {
		members[c] = append(members[c], i)
	}
	members = slices.DeleteFunc(members, func(m []int) bool { return len(m) == 0 })
	slices.SortStableFunc(members, func(a, b []int) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a[0], b[0]))
	})
	res.Stories = make([]Story, len(members))
	centroid := make([]float64, d)
	for ci, rows := range members {
		clear(centroid)
		for _, i := range rows {
			floats.Add(centroid, points[i*d:(i+1)*d])
		}
		if norm := floats.Norm(centroid, 2); norm > 0 {
			floats.Scale(1/norm, centroid)
		}
		ms := make([]Member, len(rows))
		for m, i := range rows {
			ms[m] = Member{Doc: kept[i], Similarity: floats.Dot(centroid, points[i*d:(i+1)*d])}
			res.Assignment[kept[i]] = ci
		}
		slices.SortStableFunc(ms, func(a, b Member) int {
			return cmp.Or(cmp.Compare(b.Similarity, a.Similarity), cmp.Compare(a.Doc, b.Doc))
		})
		res.Stories[ci].Members = ms
	}

	// 5. Labels by class-based TF-IDF.
	if cfg.labelTerms > 0 {
		labelClusters(res, counts, vec, labelable, cfg.labelTerms)
	}
	return res, nil
}

// labelClusters sets the Terms of each cluster of res from the term counts
// of its documents (see Cluster, step 5).
func labelClusters(res *Clustering, counts *tfidf.CSR, vec *tfidf.Vectorizer, labelable []bool, n int) {
	terms := vec.Len()
	tf := make([][]float64, len(res.Stories)) // cluster → term → count
	df := make([][]int, len(res.Stories))     // cluster → term → documents
	total := make([]float64, terms)           // f(t)
	var sumW float64
	w := make([]float64, len(res.Stories))
	for c, cl := range res.Stories {
		tf[c] = make([]float64, terms)
		df[c] = make([]int, terms)
		for _, m := range cl.Members {
			cols, vals := counts.Row(m.Doc)
			for k, j := range cols {
				tf[c][j] += vals[k]
				df[c][j]++
				total[j] += vals[k]
				w[c] += vals[k]
			}
		}
		sumW += w[c]
	}
	avg := sumW / float64(len(res.Stories))
	type scored struct {
		j     int
		score float64
	}
	for c := range res.Stories {
		if w[c] == 0 {
			continue
		}
		minDocs := min(2, len(res.Stories[c].Members))
		var cand []scored
		for j, t := range tf[c] {
			if t == 0 || !labelable[j] || df[c][j] < minDocs {
				continue
			}
			cand = append(cand, scored{j, t / w[c] * math.Log(1+avg/total[j])})
		}
		// Best first; on a tie a phrase before a word, then by key.
		slices.SortFunc(cand, func(a, b scored) int {
			ka, kb := vec.Term(a.j), vec.Term(b.j)
			return cmp.Or(cmp.Compare(b.score, a.score),
				cmp.Compare(strings.Count(kb, " "), strings.Count(ka, " ")), cmp.Compare(ka, kb))
		})
		var out []LabelTerm
		taken := map[string]bool{}
	next:
		for _, s := range cand {
			if len(out) == n {
				break
			}
			key := vec.Term(s.j)
			stems := strings.Fields(key)
			for _, st := range stems {
				if taken[st] {
					continue next
				}
			}
			for _, st := range stems {
				taken[st] = true
			}
			out = append(out, LabelTerm{Term: vec.Surface(s.j), Key: key, Score: s.score})
		}
		res.Stories[c].Terms = out
	}
}

// kmeans clusters the n unit rows of points (n × d, row-major) into k
// groups: the best of restarts k-means++ runs by inertia. It returns the
// cluster of each row.
func kmeans(ctx context.Context, points []float64, n, d, k, restarts int, seed uint64) ([]int, error) {
	var best []int
	bestInertia := math.Inf(1)
	centers := make([]float64, k*d)
	assign := make([]int, n)
	for run := range restarts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng := rand.New(rand.NewPCG(seed, uint64(k)<<32|uint64(run)))
		seedCenters(rng, points, n, d, k, centers)
		inertia := lloyd(points, n, d, k, centers, assign)
		if inertia < bestInertia || best == nil {
			bestInertia = inertia
			best = slices.Clone(assign)
		}
	}
	return best, nil
}

// seedCenters chooses k initial centers by k-means++: the first uniformly,
// each next one with probability proportional to its squared distance to
// the nearest center already chosen (uniformly if all distances are 0).
func seedCenters(rng *rand.Rand, points []float64, n, d, k int, centers []float64) {
	dist := make([]float64, n)
	first := rng.IntN(n)
	copy(centers[:d], points[first*d:(first+1)*d])
	for i := range n {
		dist[i] = sqDist(points[i*d:(i+1)*d], centers[:d])
	}
	for c := 1; c < k; c++ {
		sum := floats.Sum(dist)
		pick := -1
		if sum > 0 {
			r := rng.Float64() * sum
			for i, v := range dist {
				if r -= v; r < 0 {
					pick = i
					break
				}
			}
			if pick < 0 { // rounding: take the last point with weight
				for i := n - 1; i >= 0; i-- {
					if dist[i] > 0 {
						pick = i
						break
					}
				}
			}
		} else {
			pick = rng.IntN(n)
		}
		ctr := centers[c*d : (c+1)*d]
		copy(ctr, points[pick*d:(pick+1)*d])
		for i := range n {
			dist[i] = min(dist[i], sqDist(points[i*d:(i+1)*d], ctr))
		}
	}
}

// lloyd runs Lloyd's iterations from centers, leaving the final centers
// and the assignment in place, and returns the inertia.
func lloyd(points []float64, n, d, k int, centers []float64, assign []int) float64 {
	for i := range assign {
		assign[i] = -1
	}
	size := make([]int, k)
	dist := make([]float64, n)
	pn := make([]float64, n) // ‖p‖²
	for i := range n {
		p := points[i*d : (i+1)*d]
		pn[i] = floats.Dot(p, p)
	}
	cn := make([]float64, k) // ‖c‖²
	for iter := 0; ; iter++ {
		for c := range k {
			ctr := centers[c*d : (c+1)*d]
			cn[c] = floats.Dot(ctr, ctr)
		}
		moved := 0
		for i := range n {
			p := points[i*d : (i+1)*d]
			bc, bd := 0, math.Inf(1)
			for c := range k {
				// ‖p−c‖² = ‖p‖² + ‖c‖² − 2 p·c, with the dot product
				// in assembly.
				if dd := pn[i] + cn[c] - 2*floats.Dot(p, centers[c*d:(c+1)*d]); dd < bd {
					bc, bd = c, dd
				}
			}
			bd = max(bd, 0)
			if assign[i] != bc {
				assign[i] = bc
				moved++
			}
			dist[i] = bd
		}
		if moved == 0 || iter == maxIterations {
			return floats.Sum(dist)
		}
		// Recompute the centers; an empty cluster takes the point
		// farthest from its center.
		clear(centers)
		clear(size)
		for i, c := range assign {
			floats.Add(centers[c*d:(c+1)*d], points[i*d:(i+1)*d])
			size[c]++
		}
		for c := range k {
			if size[c] == 0 {
				far := floats.MaxIdx(dist)
				size[assign[far]]--
				floats.Sub(centers[assign[far]*d:(assign[far]+1)*d], points[far*d:(far+1)*d])
				assign[far] = c
				size[c] = 1
				dist[far] = 0
				copy(centers[c*d:(c+1)*d], points[far*d:(far+1)*d])
			}
		}
		for c := range k {
			if size[c] > 1 {
				floats.Scale(1/float64(size[c]), centers[c*d:(c+1)*d])
			}
		}
	}
}

func sqDist(a, b []float64) float64 {
	var s float64
	for i, x := range a {
		t := x - b[i]
		s += t * t
	}
	return s
}

// silhouette computes mean silhouettes over a fixed sample of the points,
// from their cosine distances computed once.
type silhouette struct {
	sample []int     // indexes of the sampled points
	dist   []float32 // len(sample)² cosine distances
}

func newSilhouette(points []float64, n, d int, seed uint64) *silhouette {
	s := &silhouette{sample: make([]int, n)}
	for i := range s.sample {
		s.sample[i] = i
	}
	if n > silhouetteSample {
		rng := rand.New(rand.NewPCG(seed, 0x73696c))
		rng.Shuffle(n, func(i, j int) { s.sample[i], s.sample[j] = s.sample[j], s.sample[i] })
		s.sample = s.sample[:silhouetteSample]
		slices.Sort(s.sample)
	}
	m := len(s.sample)
	s.dist = make([]float32, m*m)
	for a, i := range s.sample {
		for b := a + 1; b < m; b++ {
			j := s.sample[b]
			dd := float32(1 - floats.Dot(points[i*d:(i+1)*d], points[j*d:(j+1)*d]))
			s.dist[a*m+b], s.dist[b*m+a] = dd, dd
		}
	}
	return s
}

// score returns the mean silhouette of the sampled points under assign
// (k clusters), 0 if there is only one cluster.
func (s *silhouette) score(assign []int, k int) float64 {
	m := len(s.sample)
	size := make([]int, k)
	for _, i := range s.sample {
		size[assign[i]]++
	}
	nonEmpty := 0
	for _, c := range size {
		if c > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 2 {
		return 0
	}
	sum := make([]float64, k)
	var total float64
	for a, i := range s.sample {
		own := assign[i]
		if size[own] == 1 {
			continue // a document alone scores 0
		}
		clear(sum)
		row := s.dist[a*m : (a+1)*m]
		for b, j := range s.sample {
			sum[assign[j]] += float64(row[b])
		}
		in := sum[own] / float64(size[own]-1)
		out := math.Inf(1)
		for c, v := range sum {
			if c != own && size[c] > 0 {
				out = min(out, v/float64(size[c]))
			}
		}
		if den := max(in, out); den > 0 {
			total += (out - in) / den
		}
	}
	return total / float64(m)
}
