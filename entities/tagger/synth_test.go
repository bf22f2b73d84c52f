package tagger

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// This file generates synthetic corpora for tests and benchmarks.

// tinyTemplates are the templates of the tiny word corpus: the word in a
// window of ±1, a capitalisation shape in a window of ±1 and the word's
// first letter.
var tinyTemplates = []Template{
	{Name: "w", Window: []int{-1, 0, 1}},
	{Name: "shape", Window: []int{-1, 0, 1}},
	{Name: "pre1", Window: []int{0}},
}

// tinyObs returns the observations of a sentence of words for the tiny
// templates.
func tinyObs(words []string) [][]Obs {
	obs := make([][]Obs, len(words))
	for j, w := range words {
		shape := "lower"
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			shape = "Cap"
		}
		obs[j] = []Obs{
			{Template: 0, Value: Hash(strings.ToLower(w))},
			{Template: 1, Value: Hash(shape)},
			{Template: 2, Value: Hash(w[:1])},
		}
	}
	return obs
}

// tinySentence parses "word/LABEL word …" (a bare word is O).
func tinySentence(s string) Sequence {
	var words, labels []string
	for _, f := range strings.Fields(s) {
		w, l, ok := strings.Cut(f, "/")
		if !ok {
			l = "O"
		}
		words = append(words, w)
		labels = append(labels, l)
	}
	return Sequence{Obs: tinyObs(words), Labels: labels}
}

// tinyCorpus generates n sentences in which persons follow a title,
// places follow "in" or "to", and organisations are a head ("Bank",
// "Ministry") and a capitalised word; names are capitalised.
func tinyCorpus(seed uint64, n int) []Sequence {
	rng := rand.New(rand.NewPCG(seed, 2))
	first := []string{"Adam", "Sara", "Omar", "Lina", "Karim", "Huda", "Tariq", "Mona"}
	last := []string{"Haddad", "Nasser", "Khoury", "Saleh", "Aziz", "Mansour"}
	places := []string{"Cairo", "Beirut", "Tunis", "Amman", "Rabat", "Doha"}
	orgs := []string{"Central", "Arab", "National", "Gulf"}
	common := []string{"the", "said", "on", "a", "report", "today", "met", "visit", "new", "plan", "and", "talks"}
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	out := make([]Sequence, n)
	for i := range out {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			switch rng.IntN(5) {
			case 0:
				b.WriteString(pick([]string{"president", "minister", "mr"}) + " " + pick(first) + "/B-PER ")
				if rng.IntN(2) == 0 {
					b.WriteString(pick(last) + "/I-PER ")
				}
			case 1:
				b.WriteString(pick([]string{"in", "to"}) + " " + pick(places) + "/B-LOC ")
			case 2:
				b.WriteString(pick([]string{"Bank", "Ministry"}) + "/B-ORG " + pick(orgs) + "/I-ORG ")
			default:
				b.WriteString(pick(common) + " ")
			}
			b.WriteString(pick(common) + " ")
		}
		out[i] = tinySentence(b.String())
	}
	return out
}

// synthTemplates imitate the feature set of a news tagger: words and
// normalised keys in windows, affixes, shapes, list and word-class
// features, and conjunctions at the token.
func synthTemplates() []Template {
	t := []Template{
		{Name: "w", Window: []int{-2, -1, 0, 1, 2}},
		{Name: "key", Window: []int{-1, 0, 1}},
		{Name: "stem", Window: []int{-1, 0, 1}},
		{Name: "shape", Window: []int{-1, 0, 1}},
		{Name: "gaz", Window: []int{-1, 0, 1}},
		{Name: "cls", Window: []int{-1, 0, 1}},
		{Name: "bias", Window: []int{0}},
	}
	for _, name := range []string{"pre1", "pre2", "pre3", "suf1", "suf2", "suf3"} {
		t = append(t, Template{Name: name, Window: []int{0}})
	}
	for i := range 16 {
		t = append(t, Template{Name: "conj" + string(rune('a'+i)), Window: []int{0}})
	}
	return t
}

// synthCorpus generates n sentences of about 25 tokens over a Zipfian
// vocabulary, with entities of four types preceded by trigger words
// with some probability. Every token has len(synthTemplates())
// observations, minus the gazetteer and word-class ones it lacks (about
// 27 in all).
func synthCorpus(seed uint64, n int) []Sequence {
	rng := rand.New(rand.NewPCG(seed, 3))
	const vocab = 40000
	zipf := rand.NewZipf(rng, 1.1, 2, vocab-1)
	types := []string{"PER", "LOC", "ORG", "MISC"}
	out := make([]Sequence, n)
	nt := len(synthTemplates())
	var words []uint64
	var labels []string
	for i := range out {
		words, labels = words[:0], labels[:0]
		size := 15 + rng.IntN(20)
		for len(words) < size {
			if rng.Float64() < 0.12 {
				t := rng.IntN(len(types))
				if rng.Float64() < 0.6 {
					words = append(words, uint64(1_000_000+t)) // trigger
					labels = append(labels, "O")
				}
				vocabType := t
				if rng.Float64() < 0.05 {
					vocabType = rng.IntN(len(types))
				}
				missed := rng.Float64() < 0.05 // an annotator's miss
				for k := range 1 + rng.IntN(3) {
					w := uint64(100_000*(vocabType+1)) + zipf.Uint64()%5000
					if rng.Float64() < 0.3 {
						w = zipf.Uint64()
					}
					words = append(words, w)
					l := "I-" + types[t]
					if k == 0 {
						l = "B-" + types[t]
					}
					if missed {
						l = "O"
					}
					labels = append(labels, l)
				}
				continue
			}
			words = append(words, zipf.Uint64())
			labels = append(labels, "O")
		}
		out[i] = Sequence{Obs: synthObs(rng, nt, words, labels), Labels: slices.Clone(labels)}
	}
	return out
}

// synthObs computes the observations of a synthetic sentence.
func synthObs(rng *rand.Rand, nt int, words []uint64, labels []string) [][]Obs {
	n := len(words)
	at := func(j int) uint64 {
		if j < 0 || j >= n {
			return math.MaxUint64 - 1 // padding
		}
		return words[j]
	}
	val := func(parts ...uint64) uint64 {
		var h Hasher
		for _, p := range parts {
			h.Uint64(p)
		}
		return h.Sum()
	}
	shape := func(w uint64) uint64 {
		if w >= 100_000 && w < 1_000_000 {
			return 1 + w%2
		}
		return w % 4 / 3 * 3
	}
	obs := make([][]Obs, n)
	flat := make([]Obs, 0, n*nt)
	for j, w := range words {
		start := len(flat)
		add := func(t int, parts ...uint64) {
			flat = append(flat, Obs{Template: uint16(t), Value: val(parts...)})
		}
		add(0, w)
		add(1, w/2)
		add(2, w/8)
		add(3, shape(w))
		if labels[j] != "O" && rng.Float64() < 0.5 {
			add(4, uint64(labels[j][0]), uint64(labels[j][2]))
		}
		if w >= 1_000_000 || w < 50 {
			add(5, w)
		}
		add(6)
		for k, m := range []uint64{7, 61, 499, 11, 97, 887} {
			add(7+k, w%m)
		}
		prev, next := at(j-1), at(j+1)
		conj := [][]uint64{
			{prev, w}, {w, next}, {prev / 2, w / 2}, {w / 2, next / 2}, {at(j-2) / 2, prev / 2},
			{next / 2, at(j+2) / 2}, {prev / 8, w / 8}, {shape(prev), shape(w), shape(next)},
			{w % 97, next % 97}, {prev % 97, w % 97}, {w % 499, w % 887}, {prev, next},
			{w / 8, next / 8}, {w % 61, shape(next)}, {prev % 89, shape(w)}, {w % 37, at(j+2) % 37},
		}
		for k, c := range conj {
			add(13+k, c...)
		}
		obs[j] = flat[start:len(flat):len(flat)]
	}
	return obs
}
