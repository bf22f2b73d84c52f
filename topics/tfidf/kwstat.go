package tfidf

// What Keywords counts of each candidate as it reads an article: its
// occurrences and their display forms, the words beside them, and the
// names given to it.

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// spanIndex answers questions about the spans it was built from (the
// names given to Keywords) in logarithmic time.
type spanIndex struct {
	sorted []Span // the spans, by start
	ends   []int  // ends[i]: the largest end of sorted[:i+1]
}

// newSpanIndex indexes spans.
func newSpanIndex(spans []Span) spanIndex {
	sorted := slices.Clone(spans)
	slices.SortStableFunc(sorted, func(a, b Span) int { return cmp.Compare(a.Start, b.Start) })
	x := spanIndex{sorted: sorted, ends: make([]int, len(sorted))}
	for i, sp := range sorted {
		x.ends[i] = sp.End
		if i > 0 {
			x.ends[i] = max(x.ends[i], x.ends[i-1])
		}
	}
	return x
}

// after returns the index of the first span that starts after start.
func (x spanIndex) after(start int) int {
	i, _ := slices.BinarySearchFunc(x.sorted, start+1, func(sp Span, s int) int { return cmp.Compare(sp.Start, s) })
	return i
}

// contains reports whether [start, end) lies inside one of the spans: one
// of those that start at or before start ends at or after end.
func (x spanIndex) contains(start, end int) bool {
	i := x.after(start) - 1
	return i >= 0 && x.ends[i] >= end
}

// proclitic reports whether a span that starts at start and holds
// [start, end) has proclitics.
func (x spanIndex) proclitic(start, end int) bool {
	i, _ := slices.BinarySearchFunc(x.sorted, start, func(s Span, t int) int { return cmp.Compare(s.Start, t) })
	for ; i < len(x.sorted) && x.sorted[i].Start == start; i++ {
		if x.sorted[i].End >= end && x.sorted[i].Proclitic > 0 {
			return true
		}
	}
	return false
}

// nameInside returns the start of a span that begins inside the word
// [start, end) and ends at its end, the first such span.
func (x spanIndex) nameInside(start, end int) (int, bool) {
	for i := x.after(start); i < len(x.sorted) && x.sorted[i].Start < end; i++ {
		if x.sorted[i].End >= end {
			return x.sorted[i].Start, true
		}
	}
	return 0, false
}

// occurrence is a span of text where a keyword candidate occurs.
type occurrence struct {
	start, end int
	surface    string // its display form
	clean      bool   // the text is its display form (no marks, no tatweel)
	rank       int    // 2: a noun or name; 1: an adjective or no evidence; 0: a pronoun form
	clitic     bool   // a proclitic was left out of the span
}

// form counts the occurrences of a keyword candidate with one display
// form and rank, and keeps the first of them and the first written
// without marks or tatweel.
type form struct {
	surface  string
	rank     int
	count    int
	first    occurrence
	clean    occurrence
	hasClean bool
}

type kwStat struct {
	key  string
	kind TermKind
	name bool // some occurrence lies in a name the caller gave
	// tableNoun reports a noun of the lexicon's tables.
	tableNoun bool
	// clitic reports that some occurrence lost a proclitic.
	clitic bool
	// def reports a definite word outside the names.
	def bool
	// degree reports a word that some occurrence outside the names
	// writes as an adjective of degree (see wordView.degree).
	degree bool
	// arabic reports a word that some occurrence outside the names
	// writes in Arabic letters (see wordView.foreign).
	arabic bool
	// heads counts the occurrences of a phrase whose second word,
	// indefinite and no adjective, heads a construct with the word after
	// it (دوري أبطال أوروبا).
	heads int
	// described counts the occurrences of a phrase whose second word
	// has an adjective after it (جبهات الساحل الغربي).
	described int
	// The words right before and right after the occurrences.
	before, after neighbour
	count         int
	title         int    // occurrences in the first paragraph (the headline)
	forms         []form // by display form and rank, in order of first occurrence
	score         float64
}

// add counts an occurrence.
func (st *kwStat) add(o occurrence) {
	k := slices.IndexFunc(st.forms, func(f form) bool { return f.rank == o.rank && f.surface == o.surface })
	if k < 0 {
		k = len(st.forms)
		st.forms = append(st.forms, form{surface: o.surface, rank: o.rank, first: o})
	}
	f := &st.forms[k]
	f.count++
	if o.clean && !f.hasClean {
		f.clean, f.hasClean = o, true
	}
}

// conjoined reports whether surface is another occurrence's surface
// with و or ف before it (وبرنت beside برنت): a form not to show.
func (st *kwStat) conjoined(surface string) bool {
	rest, ok := strings.CutPrefix(surface, "و")
	if !ok {
		rest, ok = strings.CutPrefix(surface, "ف")
	}
	return ok && slices.ContainsFunc(st.forms, func(f form) bool { return f.surface == rest })
}

// descriptorHeads returns the term keys of the nouns that, with an
// adjective after them, name again a club, a team, a company or a place
// the article names (النادي البافاري for Bayern, العاصمة الفرنسية for
// Paris): no keyword.
var descriptorHeads = sync.OnceValue(func() map[string]bool {
	return termKeys("النادي الفريق المنتخب العملاق العملاقة الشركة العاصمة المدينة البلد الدولة المملكة الإمارة الجزيرة القارة")
})

// timeAdjectives returns the term keys of the adjectives that place a
// thing in time (الجديد، السابق، المقبل): any story's thing may be new or
// former, so a phrase they end (الخدمة الجديدة، الرئيس السابق) says no
// more than its noun.
var timeAdjectives = sync.OnceValue(func() map[string]bool {
	return termKeys("الجديد الجديدة جديد جديدة الحالي الحالية السابق السابقة المقبل المقبلة القادم القادمة الماضي الماضية الأخير الأخيرة")
})

// termKeys returns the term keys of the words of list, separated by
// spaces.
func termKeys(list string) map[string]bool {
	keys := map[string]bool{}
	for _, w := range strings.Fields(list) {
		for _, t := range Terms(w, TermOptions{}) {
			keys[t.Key] = true
		}
	}
	return keys
}

// prevKey returns the first key of a bigram's key.
func prevKey(key string) string {
	a, _ := splitBigram(key)
	return a
}

// contextKey returns a hash of a word's term key as a phrase's
// neighbour, without a first letter that may be a proclitic (و ف ب ك ل)
// when three letters or more are left, so that لدوري أبطال أوروبا and
// دوري أبطال أوروبا have the same word before أبطال أوروبا. It does not
// allocate.
func contextKey(key []byte) uint64 {
	r, size := utf8.DecodeRune(key)
	if strings.ContainsRune("وفبكل", r) && utf8.RuneCount(key[size:]) >= 3 {
		key = key[size:]
	}
	h := uint64(14695981039346656037) // FNV-1a
	for _, c := range key {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// neighbour is what the occurrences of a word or phrase have on one side:
// the contextKey of the word right there at the first occurrence that has
// one, how many have one, and whether another has another.
type neighbour struct {
	key   uint64
	n     int
	same  int // how many have the first one's
	mixed bool
}

// note records the word next to an occurrence.
func (nb *neighbour) note(k uint64) {
	nb.n++
	if nb.n == 1 {
		nb.key = k
	}
	if k == nb.key {
		nb.same++
	} else {
		nb.mixed = true
	}
}

// always reports whether each of count occurrences has the same word.
func (nb neighbour) always(count int) bool {
	return nb.n == count && !nb.mixed
}

// fragment reports whether a word or phrase written twice or more is
// part of a longer one: the article writes the same word right before
// every occurrence (مجلس إدارة الأكاديمية, البنية التحتية الإيرانية) or
// right after it (دوري أبطال أوروبا، البلوك تشين).
func (st *kwStat) fragment() bool {
	return st.count >= 2 && (st.before.always(st.count) || st.after.always(st.count))
}

// best returns the best rank of the occurrences, but 1 for a definite
// word written more often as the adjective of the word before it than
// otherwise (الأحياء الفقيرة، المناطق الفقيرة): an adjective the article
// also writes once alone is still an adjective.
func (st *kwStat) best() int {
	rank := 0
	var byRank [3]int
	for _, f := range st.forms {
		rank = max(rank, f.rank)
		byRank[f.rank] += f.count
	}
	if rank == 2 && st.def && byRank[1] > byRank[2] {
		return 1
	}
	return rank
}

// shown returns the occurrence a keyword shows: among its occurrences of
// the best rank, and not conjoined when others are, one of its most
// frequent display form (see bestSurface), the first written without
// marks or tatweel if there is one, else the first.
func (st *kwStat) shown() occurrence {
	rank := st.best()
	if o, ok := st.pick(rank, true); ok {
		return o
	}
	o, _ := st.pick(rank, false)
	return o
}

// pick is shown among the occurrences of the given rank, conjoined ones
// left out when skipConj is set; it reports false if none is left.
func (st *kwStat) pick(rank int, skipConj bool) (occurrence, bool) {
	var forms []surfaceCount
	var kept []*form
	for k := range st.forms {
		if f := &st.forms[k]; f.rank == rank && !(skipConj && st.conjoined(f.surface)) {
			forms = append(forms, surfaceCount{f.surface, f.count})
			kept = append(kept, f)
		}
	}
	if len(forms) == 0 {
		return occurrence{}, false
	}
	best := bestSurface(forms)
	for _, f := range kept {
		if f.surface == best {
			if f.hasClean {
				return f.clean, true
			}
			return f.first, true
		}
	}
	return occurrence{}, false // not reached: best is one of the forms
}
