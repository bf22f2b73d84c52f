package tfidf

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Keyword is one keyword or keyphrase of an article. Its JSON field
// names are stable.
type Keyword struct {
	// Term is the keyword as it reads in the article: the most frequent
	// surface of its stem there (النفط, not the stem نفط), or of its word
	// pair for a two-word keyphrase (خفض الإنتاج).
	Term string `json:"term"`
	// Key is the stem, or the two stems joined by a space. It is left out
	// of JSON, which shows readable forms only.
	Key string `json:"-"`
	// Score is the weight the keywords are ranked by (see
	// [Space.Keywords]); higher is better.
	Score float64 `json:"score"`
	// Count is the number of occurrences in the article.
	Count int `json:"count"`
	// Start and End are 0-based byte offsets of the first occurrence
	// (text[Start:End]), End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
}

type kwStat struct {
	key      string
	kind     TermKind
	count    int
	title    int // occurrences in the first paragraph (the headline)
	surfaces []surfaceCount
	start    int
	end      int
	score    float64
}

// Keywords returns up to n keywords of text, best first, scored against
// the space's document frequencies. For a word with stem s:
//
//	score = (1 + ln(count + titleCount)) × idf(s)
//
// where titleCount counts occurrences in the first paragraph (the
// headline) once more, and idf is the space's idf for s, or
// [Weights.UnseenIDF] if s is not in the vocabulary. Words dropped by
// [WithMaxDF] are never keywords, nor are stop words, numbers or words of
// one letter (see [Terms]).
//
// A pair of adjacent words becomes a keyphrase when it occurs at least
// twice and both words are among the 3n best words; it scores
//
//	(s1 + s2)/2 × (0.5 + pairCount/min(count1, count2))
//
// so a pair that always occurs together outranks its words. Keywords are
// then taken greedily by score, skipping any that shares a stem with one
// already taken: a phrase and its words, or two phrases with a common
// word, never both appear. Ties are broken by key in byte order.
//
// A sentence whose terms repeat those of an earlier sentence exactly (a
// headline printed twice, a repeated caption) is counted once.
//
// Keywords is safe for concurrent use. It returns nil if n ≤ 0.
func (s *Space) Keywords(text string, n int) []Keyword {
	if n <= 0 {
		return nil
	}
	opts := s.vec.terms
	opts.Bigrams = true
	opts.Extra = nil
	terms := dropRepeatedSentences(opts.appendTerms(nil, text))

	stats := make(map[string]*kwStat)
	var order []*kwStat
	for _, t := range terms {
		st := stats[t.Key]
		if st == nil {
			st = &kwStat{key: t.Key, kind: t.Kind, start: t.Start, end: t.End}
			stats[t.Key] = st
			order = append(order, st)
		}
		st.count++
		if t.Paragraph == 0 {
			st.title++
		}
		found := false
		for k := range st.surfaces {
			if st.surfaces[k].s == t.Surface {
				st.surfaces[k].n++
				found = true
				break
			}
		}
		if !found {
			st.surfaces = append(st.surfaces, surfaceCount{t.Surface, 1})
		}
	}

	var words []*kwStat
	for _, st := range order {
		if st.kind != Word || s.vec.IsCommon(st.key) {
			continue
		}
		idf := s.tfidf.UnseenIDF()
		if j, ok := s.vec.Column(st.key); ok {
			idf = s.tfidf.IDF(j)
		}
		st.score = (1 + math.Log(float64(st.count+st.title))) * idf
		words = append(words, st)
	}
	byScore := func(a, b *kwStat) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	}
	slices.SortFunc(words, byScore)
	good := make(map[string]*kwStat)
	for _, w := range words[:min(len(words), 3*n)] {
		good[w.key] = w
	}
	cands := words
	for _, st := range order {
		if st.kind != Bigram || st.count < 2 {
			continue
		}
		a, b := splitBigram(st.key)
		wa, wb := good[a], good[b]
		if wa == nil || wb == nil || a == b {
			continue
		}
		st.score = (wa.score + wb.score) / 2 * (0.5 + float64(st.count)/float64(min(wa.count, wb.count)))
		cands = append(cands, st)
	}
	slices.SortFunc(cands, byScore)

	used := make(map[string]bool)
	var out []Keyword
	for _, c := range cands {
		if len(out) == n {
			break
		}
		var parts []string
		if c.kind == Bigram {
			a, b := splitBigram(c.key)
			parts = []string{a, b}
		} else {
			parts = []string{c.key}
		}
		if slices.ContainsFunc(parts, func(p string) bool { return used[p] }) {
			continue
		}
		for _, p := range parts {
			used[p] = true
		}
		out = append(out, Keyword{
			Term:  bestSurface(c.surfaces),
			Key:   c.key,
			Score: c.score,
			Count: c.count,
			Start: c.start,
			End:   c.end,
		})
	}
	return out
}

// dropRepeatedSentences removes the terms of every sentence whose term keys
// are exactly those of an earlier sentence.
func dropRepeatedSentences(terms []Term) []Term {
	seen := make(map[string]bool)
	out := terms[:0]
	var sig strings.Builder
	for i := 0; i < len(terms); {
		e := i + 1
		for e < len(terms) && terms[e].Sentence == terms[i].Sentence {
			e++
		}
		sig.Reset()
		for _, t := range terms[i:e] {
			sig.WriteString(t.Key)
			sig.WriteByte(0)
		}
		if k := sig.String(); !seen[k] {
			seen[k] = true
			out = append(out, terms[i:e]...)
		}
		i = e
	}
	return out
}
