package tagger

import (
	"math"
	"slices"
	"sync"
)

// MaxOffset is the largest distance, in tokens, between the token that
// makes an observation and the token whose label it is a feature of.
const MaxOffset = 4

// Template declares one kind of observation: its name (for people and
// files: "w", "pre2", "gaz") and the window of offsets it is a feature
// at. An observation of the template at token j is the feature
// "Name[o]" of the label of token j−o for each offset o of Window; in
// the usual notation, w[-1] is the word before the token, so a word
// template with Window {-2, -1, 0, 1, 2} makes the word at token j a
// feature of tokens j+2, j+1, j, j−1 and j−2. Offsets are in
// [-MaxOffset, MaxOffset], distinct, at least one.
type Template struct {
	Name   string
	Window []int
}

// Obs is one observation made at a token: the template (its index in
// the templates given to [Train]) and the hash of what was observed
// (see [Hash] and [Hasher]).
type Obs struct {
	Template uint16
	Value    uint64
}

// Span is an entity mention found by [Model.TagSpans]: the tokens
// Start to End−1 (0-based, End exclusive) labelled B-Type, I-Type, …,
// with Prob the probability of exactly that labelling of those tokens
// (see [Model.TagSpans]).
type Span struct {
	Start, End int
	Type       string
	Prob       float64
}

// Model is a trained tagger: built by [Train] or read by [ReadModel], it
// never changes afterwards and is safe for concurrent use. Its methods
// take their scratch space from a pool held by the model.
type Model struct {
	types     []string
	labels    []string
	templates []Template
	info      Info
	nl        int
	nvalues   int
	nweights  int

	// The table maps the key of an observation (see key) to its weights:
	// open addressing with linear probing, indexed by the top bits of
	// the key, at most 0.7 full. See slot.
	slots []slot
	// filter holds one bit per value at k&fmask of its key k, so that
	// most absent values are refused without a probe of the table.
	filter []uint64
	fmask  uint64
	shift  uint
	ents   []entry

	// Transition, start and end scores as stored; transT (column-major,
	// transT[b*L+a] = a→b) and the start scores hold -Inf where the BIO
	// constraint forbids.
	trans, start, end []float32
	transT, startC    []float32
	pot               potentials

	pool sync.Pool // of *scratch
}

// slot is one cell of the hash table. An empty slot has b == 0. A value
// with one weight keeps it in the slot, saving a memory access: b is
// inlineFlag | its window index and a the weight's bits. Otherwise its
// weights are ents[a:b].
type slot struct {
	key  uint64
	a, b uint32
}

const inlineFlag = 1 << 31

// entry is one weight of an observation value: w goes to the score at
// index q of the window of the observing token j, the 2·MaxOffset+1
// rows of tokens j−MaxOffset … j+MaxOffset. For label y at window
// offset o (the label of token j−o), q = (MaxOffset−o)·L + y.
type entry struct {
	q uint32
	w float32
}

// weights locates the weights ents[a:b] of a value observed at the
// token whose window starts at sc[at].
type weights struct {
	at, a, b uint32
}

// window is an observing token's window of scores seen as an array, so
// that indexing needs no bounds check: q < (2·MaxOffset+1)·255 < 4096.
type window = [4096]float32

// scratch is the per-call working memory of the tagging methods.
type scratch struct {
	sc    []float32 // emission scores: n+2·MaxOffset rows of L, and slack for the last window
	found []weights
	delta []float32
	path  []int
	e     []float64
	fw    forward
}

// Labels returns the model's labels: "O", then B-X and I-X for each
// entity type X in increasing order. Tag's label indexes index it. The
// slice is the model's own: do not modify it.
func (m *Model) Labels() []string { return m.labels }

// Types returns the model's entity types in increasing order. The slice
// is the model's own: do not modify it.
func (m *Model) Types() []string { return m.types }

// Templates returns the templates the model was trained with; the
// observations given to Tag must use the same template indexes. The
// slices are the model's own: do not modify them.
func (m *Model) Templates() []Template { return m.templates }

// Info returns how the model was trained.
func (m *Model) Info() Info { return m.info }

// Len returns the number of distinct observation values the model has
// weights for.
func (m *Model) Len() int { return m.nvalues }

// Parameters returns the number of non-zero weights of observation
// values (transitions not included).
func (m *Model) Parameters() int { return m.nweights }

// MemoryUsage returns the approximate number of bytes the model holds.
func (m *Model) MemoryUsage() int {
	const slotSize, entrySize = 16, 8
	return len(m.slots)*slotSize + len(m.ents)*entrySize + 4*len(m.trans)*3 + 8*len(m.pot.psi)
}

// Tag returns the most probable label sequence (Viterbi, under the BIO
// constraint: an I-X only after B-X or I-X) for a sentence given the
// observations of each of its tokens, as indexes into [Model.Labels],
// appended to dst[:0]. Observations the model has no weights for —
// unseen values, unknown template indexes — contribute nothing. Tag
// allocates only when dst or its pooled scratch space must grow; it
// costs one table lookup per observation plus L² operations per token.
func (m *Model) Tag(obs [][]Obs, dst []int) []int {
	s := m.get()
	sc := m.emissions(s, obs)
	dst = m.decode(s, sc, dst)
	m.pool.Put(s)
	return dst
}

// Marginals writes the probability of every label at every token,
// p(label k at token i | observations) at dst[i·L+k] for the L labels of
// [Model.Labels], computed by forward–backward, to dst (grown if
// shorter than n·L) and returns dst[:n·L]. Under a CRF these are the
// model's probabilities; under a perceptron they are the softmax of its
// scores, a ranking more than a probability. Every row sums to 1 and
// labels the constraint forbids everywhere get 0.
func (m *Model) Marginals(obs [][]Obs, dst []float64) []float64 {
	s := m.get()
	sc := m.emissions(s, obs)
	L := m.nl
	n := len(obs)
	dst = grow(dst, n*L)
	if n > 0 {
		m.forwardBackward(s, sc)
		a, b, z := s.fw.alpha, s.fw.beta, s.fw.z
		for i := range dst {
			dst[i] = a[i] * b[i] / z
		}
	}
	m.pool.Put(s)
	return dst
}

// TagSpans decodes like [Model.Tag] and appends to dst[:0] the spans of
// the best label sequence, each with the probability that its tokens
// carry exactly its labels (B-X, then I-X up to End−1, and no I-X at
// End), from the same forward–backward pass as [Model.Marginals]. It
// costs about twice Tag.
func (m *Model) TagSpans(obs [][]Obs, dst []Span) []Span {
	s := m.get()
	sc := m.emissions(s, obs)
	s.path = m.decode(s, sc, s.path)
	dst = m.spans(s, sc, len(obs) > 0, dst)
	m.pool.Put(s)
	return dst
}

// spans runs forward–backward over sc when fb is set and appends to
// dst[:0] the spans of the best path s.path with their probabilities.
func (m *Model) spans(s *scratch, sc []float32, fb bool, dst []Span) []Span {
	dst = dst[:0]
	if fb {
		m.forwardBackward(s, sc)
	}
	path, L := s.path, m.nl
	for i := 0; i < len(path); {
		y := path[i]
		if y == 0 {
			i++
			continue
		}
		// The path's prefix probability, then the sum over the labels
		// that may follow without continuing the span.
		p := s.fw.alpha[i*L+y]
		j := i + 1
		for ; j < len(path) && path[j] == path[i]+1; j++ {
			p *= m.pot.psi[path[j-1]*L+path[j]] * s.e[j*L+path[j]] / s.fw.c[j]
		}
		last := path[j-1]
		tail := s.fw.beta[(j-1)*L+last]
		if j < len(path) {
			tail = 0
			for b := range L {
				if b != path[i]+1 {
					tail += m.pot.psi[last*L+b] * s.e[j*L+b] * s.fw.beta[j*L+b]
				}
			}
			tail /= s.fw.c[j]
		}
		dst = append(dst, Span{Start: i, End: j, Type: m.types[(y-1)/2], Prob: p * tail / s.fw.z})
		i = j
	}
	return dst
}

// Lattice is one sequence scored once for several questions: its best
// labels ([Lattice.Best]), then, only if asked, the probabilities of
// their spans ([Lattice.Spans]), which need a forward–backward pass that
// Best does not. It saves a second scoring of the observations when a
// caller decides after decoding whether it wants probabilities. Get one
// with [Model.Lattice] and give its memory back with [Lattice.Release];
// a Lattice is not safe for concurrent use.
type Lattice struct {
	m  *Model
	s  *scratch
	sc []float32
	n  int
	fb bool // forward–backward has run
	vb bool // Viterbi has run: s.path is the best path
}

// Lattice scores obs and returns the lattice of the sequence.
func (m *Model) Lattice(obs [][]Obs) Lattice {
	s := m.get()
	return Lattice{m: m, s: s, sc: m.emissions(s, obs), n: len(obs)}
}

// Block is what a set of observations made at one token gives to the
// labels of the tokens of its window, precomputed by [Model.Block]:
// Scores are the window's scores from index Start on, the window being
// (2·MaxOffset+1)·len(Labels()) numbers, row by row from the token
// MaxOffset places after the observing one to the token MaxOffset places
// before it. A Block holds only the span of the window that is not zero.
type Block struct {
	Start  int
	Scores []float32
}

// Block returns the block of obs made at one token. A caller that sees
// the same observations at many tokens (a word's own: its form, affixes,
// classes) computes their block once and gives it to
// [Model.LatticeBlocks] for each of those tokens, sparing the lookups.
// The block's Scores are newly allocated.
func (m *Model) Block(obs []Obs) Block {
	s := m.get()
	m.emissions(s, [][]Obs{obs})
	win := s.sc[:(2*MaxOffset+1)*m.nl] // the token's window starts MaxOffset rows before its row
	lo, hi := 0, len(win)
	for lo < hi && win[lo] == 0 {
		lo++
	}
	for hi > lo && win[hi-1] == 0 {
		hi--
	}
	var b Block
	if lo < hi {
		b = Block{Start: lo, Scores: slices.Clone(win[lo:hi])}
	}
	m.pool.Put(s)
	return b
}

// LatticeBlocks scores a sequence whose token j has the observations
// obs[j] and the precomputed block blocks[j] (see [Model.Block]; the
// zero Block adds nothing); len(blocks) must be len(obs). The result is
// the lattice Lattice(obs) would give had obs[j] also held the
// observations of blocks[j]. It panics if the lengths differ.
func (m *Model) LatticeBlocks(blocks []Block, obs [][]Obs) Lattice {
	if len(blocks) != len(obs) {
		panic("tagger: LatticeBlocks: blocks and observations of different lengths")
	}
	s := m.get()
	return Lattice{m: m, s: s, sc: m.emissionsBlocks(s, blocks, obs), n: len(obs)}
}

// Best appends to dst[:0] the best label sequence, as [Model.Tag] does.
func (l *Lattice) Best(dst []int) []int {
	l.decode()
	return append(dst[:0], l.s.path...)
}

func (l *Lattice) decode() {
	if !l.vb {
		l.s.path = l.m.decode(l.s, l.sc, l.s.path)
		l.vb = true
	}
}

// Spans appends to dst[:0] the spans of the best label sequence with
// their probabilities, as [Model.TagSpans] does.
func (l *Lattice) Spans(dst []Span) []Span {
	l.decode()
	dst = l.m.spans(l.s, l.sc, l.n > 0 && !l.fb, dst)
	l.fb = true
	return dst
}

// Marginals appends to dst[:0] the probability of each label at each
// token, as [Model.Marginals] does: dst[j·len(Labels())+y] for label y at
// token j.
func (l *Lattice) Marginals(dst []float64) []float64 {
	L := l.m.nl
	dst = grow(dst, l.n*L)
	if l.n == 0 {
		return dst
	}
	if !l.fb {
		l.m.forwardBackward(l.s, l.sc)
		l.fb = true
	}
	a, b, z := l.s.fw.alpha, l.s.fw.beta, l.s.fw.z
	for i := range dst {
		dst[i] = a[i] * b[i] / z
	}
	return dst
}

// Release gives the lattice's memory back to the model; the lattice may
// not be used afterwards.
func (l *Lattice) Release() {
	if l.s != nil {
		l.m.pool.Put(l.s)
		l.s = nil
	}
}

func (m *Model) get() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return new(scratch)
}

// emissions computes the emission scores of obs into s.sc and returns
// the n rows of the sentence's tokens. It works in two passes: the
// first looks every observation up, adding single weights at once and
// noting where the other values' weights are; the second adds those.
// Keeping the lookups together lets the processor overlap their cache
// misses, and keeps the adding loop small enough for its variables to
// stay in registers (measured: about 1.5× faster than one pass).
func (m *Model) emissions(s *scratch, obs [][]Obs) []float32 {
	return m.emissionsBlocks(s, nil, obs)
}

// emissionsBlocks is emissions with, for each token j, the precomputed
// block blocks[j] added (nil blocks, or an empty block, add nothing).
func (m *Model) emissionsBlocks(s *scratch, blocks []Block, obs [][]Obs) []float32 {
	const wmask = uint32(len(window{}) - 1)
	L := m.nl
	n := len(obs)
	s.sc = grow(s.sc, (n+2*MaxOffset)*L+len(window{}))
	sc := s.sc
	clear(sc[:(n+2*MaxOffset)*L])
	if blocks != nil {
		bl := (2*MaxOffset + 1) * L
		for j, blk := range blocks[:n] {
			if len(blk.Scores) == 0 || blk.Start < 0 || blk.Start+len(blk.Scores) > bl {
				continue
			}
			dst := sc[j*L+blk.Start : j*L+blk.Start+len(blk.Scores)]
			for i, v := range blk.Scores {
				dst[i] += v
			}
		}
	}
	slots, shift := m.slots, m.shift
	mask := len(slots) - 1
	filter, fmask := m.filter, m.fmask
	found := s.found[:0]
	for j, tok := range obs {
		win := (*window)(sc[j*L:])
		for _, o := range tok {
			k := key(o.Template, o.Value)
			if f := k & fmask; filter[f>>6]&(1<<(f&63)) == 0 {
				continue
			}
			for i := int(k>>shift) & mask; ; i = (i + 1) & mask {
				sl := &slots[i]
				if sl.key == k && sl.b != 0 {
					if sl.b&inlineFlag != 0 {
						win[sl.b&wmask] += math.Float32frombits(sl.a)
					} else {
						found = append(found, weights{at: uint32(j * L), a: sl.a, b: sl.b})
					}
					break
				}
				if sl.b == 0 {
					break
				}
			}
		}
	}
	ents := m.ents
	for _, f := range found {
		win := (*window)(sc[f.at:])
		for _, e := range ents[f.a:f.b] {
			win[e.q&wmask] += e.w
		}
	}
	s.found = found
	return sc[MaxOffset*L : (n+MaxOffset)*L]
}

func (m *Model) decode(s *scratch, sc []float32, dst []int) []int {
	s.delta = grow(s.delta, len(sc))
	return viterbi(sc, m.nl, m.transT, m.startC, m.end, s.delta, dst)
}

// forwardBackward runs forward–backward over the emission scores sc
// into s.e and s.fw.
func (m *Model) forwardBackward(s *scratch, sc []float32) {
	L := m.nl
	s.e = grow(s.e, len(sc))
	for i := 0; i < len(sc); i += L {
		expShifted(s.e[i:i+L], sc[i:i+L])
	}
	s.fw.run(&m.pot, s.e, L)
}

// prepare derives the decoding tables from the stored scores.
func (m *Model) prepare() {
	L := m.nl
	m.transT = make([]float32, L*L)
	m.startC = make([]float32, L)
	inf := float32(math.Inf(-1))
	for a := range L {
		for b := range L {
			v := m.trans[a*L+b]
			if !canFollow(a, b) {
				v = inf
			}
			m.transT[b*L+a] = v
		}
	}
	for y := range L {
		m.startC[y] = m.start[y]
		if !canFollow(-1, y) {
			m.startC[y] = inf
		}
	}
	trans := make([]float32, L*L)
	for a := range L {
		for b := range L {
			trans[a*L+b] = m.transT[b*L+a]
		}
	}
	setPotentials(&m.pot, L, trans, m.startC, m.end)
}
