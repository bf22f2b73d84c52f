package entities

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/entities/tagger"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// The tagger's observations. Each template names one kind of thing
// observed at a token and the window of labels it is a feature of (see
// tagger.Template). A model stores the names and windows it was trained
// with, and Extract refuses a model whose templates differ from these
// (the features would not mean the same).
const (
	tBias     = iota // a constant: label priors
	tWord            // the word's Norm form
	tKey             // its key
	tStem            // its key without proclitics
	tKeyPre          // prefixes of 1–3 letters of the key
	tKeySuf          // suffixes of 1–3 letters of the key
	tStemPre         // prefixes of the stem, when it is not the key
	tStemSuf         // suffixes of the stem, when it is not the key
	tShape           // script, length, capital letter, digits
	tClass           // the lexicon's classes of the word and of its stem
	tCommon          // common vocabulary (lexicon.Common)
	tStop            // function word, reporting verb, number word
	tFlags           // article, proclitics before the article, a leading و, first in sentence
	tCand            // a candidate covering the token: kind, type, begin/inside
	tPrior           // a gazetteer candidate's type and prior, bucketed
	tBigram          // the word before and the word
	tClassKey        // the classes of the word before and the key
	tCandWord        // a candidate's kind and type with the word before's key
	tNamePart        // the key is the first, a middle or the last word of a gazetteer name
	numTemplates
)

var featureTemplates = [numTemplates]tagger.Template{
	tBias:     {Name: "bias", Window: []int{0}},
	tWord:     {Name: "w", Window: []int{-2, -1, 0, 1, 2}},
	tKey:      {Name: "k", Window: []int{0}},
	tStem:     {Name: "s", Window: []int{-1, 0, 1}},
	tKeyPre:   {Name: "kp", Window: []int{0}},
	tKeySuf:   {Name: "kx", Window: []int{0}},
	tStemPre:  {Name: "sp", Window: []int{0}},
	tStemSuf:  {Name: "sx", Window: []int{0}},
	tShape:    {Name: "shape", Window: []int{-1, 0, 1}},
	tClass:    {Name: "class", Window: []int{-2, -1, 0, 1, 2}},
	tCommon:   {Name: "common", Window: []int{-1, 0, 1}},
	tStop:     {Name: "stop", Window: []int{-1, 0, 1}},
	tFlags:    {Name: "flags", Window: []int{-1, 0, 1}},
	tCand:     {Name: "cand", Window: []int{-2, -1, 0, 1, 2}},
	tPrior:    {Name: "prior", Window: []int{0}},
	tBigram:   {Name: "w-1|w", Window: []int{0}},
	tClassKey: {Name: "c-1|k", Window: []int{0}},
	tCandWord: {Name: "cand|k-1", Window: []int{0}},
	tNamePart: {Name: "namepart", Window: []int{-1, 0, 1}},
}

// Flags observed with tFlags.
const (
	flagDefinite = iota + 1
	flagCliticArticle
	flagWaw
	flagFirst
	flagLatinUpper
)

// candCode packs what a candidate says of one token: its kind, type and
// whether the token begins it, and for rules the kind of rule.
func candCode(m *Mention, begin bool) uint64 {
	v := uint64(m.Kind)<<8 | uint64(m.Type)<<4
	if begin {
		v |= 1
	}
	if m.Kind == Rule {
		kind, _, _ := strings.Cut(m.rule, ":")
		v ^= tagger.Hash(kind) << 16
	}
	return v
}

// featurizer builds the observations of one document, sentence by
// sentence. It is not safe for concurrent use; Extract takes one per
// call.
type featurizer struct {
	doc   *Document
	obs   []tagger.Obs   // all observations of the sentence, flat
	rows  [][]tagger.Obs // per token, slices of obs
	cands [][]candObs    // per token of the document, what the candidates say
	stems []string
	parts map[string]uint16 // the extractor's name parts (see nameParts)
	// words caches, for the text being read, the observations of each
	// word (wordObs[r[0]:r[1]]).
	words   map[wordKey][2]int
	wordObs []tagger.Obs
	blocks  []tagger.Block
}

// blockCache keeps, for the words an extractor has met, the block of
// scores that the model gives their own observations (form, key, stem,
// affixes, shape, classes: tagger.Model.AddBlock), so that a word met
// before costs one lookup here instead of twenty in the model. It is safe
// for concurrent use and bounded: a shard that fills up is emptied.
type blockCache struct {
	shards [blockShards]blockShard
}

const (
	blockShards = 16
	// maxBlockWords bounds the words a cache keeps: with 9 labels and
	// windows of ±2 a block is at most 180 bytes, so at most about 14 MiB
	// in all, keys included.
	maxBlockWords = 1 << 16
)

type blockShard struct {
	mu sync.RWMutex
	m  map[wordKey]tagger.Block
}

func (c *blockCache) shard(k wordKey) *blockShard {
	return &c.shards[tagger.Hash(k.text)%blockShards]
}

func (c *blockCache) get(k wordKey) (tagger.Block, bool) {
	s := c.shard(k)
	s.mu.RLock()
	blk, ok := s.m[k]
	s.mu.RUnlock()
	return blk, ok
}

// put keeps blk for k, with copies of k's strings (not slices of the
// text being read, which would stay alive with them).
func (c *blockCache) put(k wordKey, blk tagger.Block) {
	s := c.shard(k)
	s.mu.Lock()
	if s.m == nil || len(s.m) >= maxBlockWords/blockShards {
		s.m = make(map[wordKey]tagger.Block)
	}
	s.m[wordKey{text: strings.Clone(k.text), stem: strings.Clone(k.stem)}] = blk
	s.mu.Unlock()
}

// nameParts maps the key of every word of the gazetteer's multi-word
// names to where it stands in them (first, middle, last) for each type:
// bit 3·(type−1) + position.
func nameParts(x *gazetteer.Index) map[string]uint16 {
	parts := map[string]uint16{}
	var keys []string
	for e := range x.Entries() {
		if e.Type < gazetteer.PER || e.Type > gazetteer.ORG {
			continue
		}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			keys = keys[:0]
			for _, t := range tokenize.Tokenize(name) {
				if t.Kind.IsWord() {
					keys = append(keys, tokenize.Key(t.Norm))
				}
			}
			if len(keys) < 2 {
				continue
			}
			for i, k := range keys {
				pos := 1 // middle
				switch i {
				case 0:
					pos = 0
				case len(keys) - 1:
					pos = 2
				}
				parts[k] |= 1 << (3*(uint(e.Type)-1) + uint(pos))
			}
		}
	}
	return parts
}

type candObs struct {
	code  uint64
	prior uint64 // tPrior value, 0 if none
}

// prepare records what the candidates say of each token and each token's
// stem. cands are the candidates to observe (the training code hides
// some, see jackknife).
func (f *featurizer) prepare(doc *Document, cands []Mention) {
	f.doc = doc
	n := len(doc.Tokens)
	if f.words == nil {
		f.words = map[wordKey][2]int{}
	}
	clear(f.words)
	f.wordObs = f.wordObs[:0]
	if cap(f.cands) < n {
		f.cands = make([][]candObs, n)
		f.stems = make([]string, n)
	}
	f.cands, f.stems = f.cands[:n], f.stems[:n]
	for i := range f.cands {
		f.cands[i] = f.cands[i][:0]
		f.stems[i] = ""
	}
	for k := range cands {
		m := &cands[k]
		if m.Kind == Hashtag || m.TokenStart < 0 || m.TokenEnd > n || m.TokenStart >= m.TokenEnd {
			if m.Kind == Hashtag && m.TokenStart >= 0 && m.TokenStart < n {
				f.cands[m.TokenStart] = append(f.cands[m.TokenStart], candObs{code: candCode(m, true)})
			}
			continue
		}
		var prior uint64
		if m.Kind == Exact || m.Kind == Clitic || m.Kind == Fuzzy {
			prior = uint64(m.Type)<<8 | uint64(min(m.prior*5, 4)) + 1
		}
		for i := m.TokenStart; i < m.TokenEnd; i++ {
			f.cands[i] = append(f.cands[i], candObs{code: candCode(m, i == m.TokenStart), prior: prior})
		}
		if m.Clitic != "" && m.Kind != Demonym {
			f.stems[m.TokenStart] = strings.TrimPrefix(doc.Keys[m.TokenStart], m.Clitic)
		}
	}
	for i := range n {
		if f.stems[i] != "" {
			continue
		}
		key := doc.Keys[i]
		switch w := &doc.Words[i]; {
		case w.Split.Stem != "":
			f.stems[i] = w.Split.Stem
		case w.CliticArticle:
			if sp, ok := tokenize.StripProclitics(key); ok {
				f.stems[i] = sp.Stem
			} else {
				f.stems[i] = key
			}
		default:
			f.stems[i] = key
		}
	}
}

// sentence returns the observations of tokens [start, end), valid until
// the next call.
func (f *featurizer) sentence(start, end int) [][]tagger.Obs {
	f.obs = f.obs[:0]
	f.rows = f.rows[:0]
	for i := start; i < end; i++ {
		lo := len(f.obs)
		f.token(i, i == start)
		f.rows = append(f.rows, f.obs[lo:len(f.obs):len(f.obs)])
	}
	// f.obs may have moved while growing: slice the rows again.
	off := 0
	for k := range f.rows {
		n := len(f.rows[k])
		f.rows[k] = f.obs[off : off+n : off+n]
		off += n
	}
	return f.rows
}

func (f *featurizer) add(t int, v uint64) {
	f.obs = append(f.obs, tagger.Obs{Template: uint16(t), Value: v})
}

func (f *featurizer) addString(t int, s string) { f.add(t, tagger.Hash(s)) }

// stopCodes maps the words of tokenize's stop lists, in Norm form, to
// the code tStop observes: 1 a function word, 2 a reporting verb, 3 a
// number word. Built once; read only.
var stopCodes = sync.OnceValue(func() map[string]uint64 {
	m := map[string]uint64{}
	for code, list := range []tokenize.StopList{tokenize.NumberWords, tokenize.ReportingVerbs, tokenize.FunctionWords} {
		for _, w := range list.Words() {
			m[w] = uint64(3 - code)
		}
	}
	return m
})

// token appends the observations of token i: those of its word, the same
// wherever the word is in the text and computed once per text, then those
// of its context.
func (f *featurizer) token(i int, first bool) {
	t := &f.doc.Tokens[i]
	stem := f.stems[i]
	wk := wordKey{text: t.Text, stem: stem}
	if r, ok := f.words[wk]; ok {
		f.obs = append(f.obs, f.wordObs[r[0]:r[1]]...)
	} else {
		lo := len(f.obs)
		f.word(i, t, f.doc.Keys[i], stem)
		f.words[wk] = [2]int{len(f.wordObs), len(f.wordObs) + len(f.obs) - lo}
		f.wordObs = append(f.wordObs, f.obs[lo:]...)
	}
	f.context(i, first)
}

// sentenceBlocks is sentence for tagging with the extractor's cache of
// word blocks: the rows hold only each token's context observations, and
// blocks[k] the block of the word of token start+k (its own
// observations, scored once per word by the model). The rows and blocks
// are valid until the next call.
func (f *featurizer) sentenceBlocks(start, end int, m *tagger.Model, cache *blockCache) ([][]tagger.Obs, []tagger.Block) {
	f.obs = f.obs[:0]
	f.rows = f.rows[:0]
	f.blocks = f.blocks[:0]
	for i := start; i < end; i++ {
		t := &f.doc.Tokens[i]
		wk := wordKey{text: t.Text, stem: f.stems[i]}
		blk, ok := cache.get(wk)
		if !ok {
			lo := len(f.obs)
			f.word(i, t, f.doc.Keys[i], wk.stem)
			blk = m.Block(f.obs[lo:])
			f.obs = f.obs[:lo]
			cache.put(wk, blk)
		}
		f.blocks = append(f.blocks, blk)
		lo := len(f.obs)
		f.context(i, i == start)
		f.rows = append(f.rows, f.obs[lo:len(f.obs):len(f.obs)])
	}
	off := 0
	for k := range f.rows {
		n := len(f.rows[k])
		f.rows[k] = f.obs[off : off+n : off+n]
		off += n
	}
	return f.rows, f.blocks
}

// context appends the observations of token i that depend on the words
// around it and on the candidates covering it.
func (f *featurizer) context(i int, first bool) {
	doc := f.doc
	t := &doc.Tokens[i]
	key := doc.Keys[i]
	if first {
		f.add(tFlags, flagFirst)
	}
	prevKey := ""
	var prevClass lexicon.Class
	if !first && i > 0 {
		prevKey = doc.Keys[i-1]
		prevClass = doc.Words[i-1].Class | doc.Words[i-1].StemClass
	}
	for _, c := range f.cands[i] {
		f.add(tCand, c.code)
		if c.prior != 0 {
			f.add(tPrior, c.prior)
		}
		var h tagger.Hasher
		h.Uint64(c.code)
		h.String(prevKey)
		f.add(tCandWord, h.Sum())
	}
	var h tagger.Hasher
	h.String(prevKey)
	h.String(t.Norm)
	f.add(tBigram, h.Sum())
	h.Reset()
	h.Uint64(uint64(prevClass))
	h.String(key)
	f.add(tClassKey, h.Sum())
}

// wordKey identifies a word for the cache of its observations.
type wordKey struct{ text, stem string }

// word appends the observations of token i's word alone.
func (f *featurizer) word(i int, t *tokenize.Token, key, stem string) {
	w := &f.doc.Words[i]
	f.add(tBias, 1)
	f.addString(tWord, t.Norm)
	f.addString(tKey, key)
	f.addString(tStem, stem)
	if t.Kind.IsWord() {
		f.affixes(tKeyPre, tKeySuf, key)
		if stem != key {
			f.affixes(tStemPre, tStemSuf, stem)
		}
	}
	f.add(tShape, shape(t))
	for c := w.Class; c != 0; c &= c - 1 {
		f.add(tClass, uint64(c&-c))
	}
	for c := w.StemClass; c != 0; c &= c - 1 {
		f.add(tClass, uint64(c&-c)<<32)
	}
	if t.Kind == tokenize.ArabicWord && f.doc.Common(i) {
		f.add(tCommon, 1)
	}
	if code := stopCodes()[t.Norm]; code != 0 && t.Kind == tokenize.ArabicWord {
		f.add(tStop, code)
	} else if t.Kind == tokenize.LatinWord && tokenize.EnglishFunctionWords.Contains(t.Norm) {
		f.add(tStop, 4)
	}
	if w.Definite {
		f.add(tFlags, flagDefinite)
	}
	if w.CliticArticle {
		f.add(tFlags, flagCliticArticle)
	}
	if t.Kind == tokenize.ArabicWord && strings.HasPrefix(key, "و") && runesAtLeast(key, 4) && w.Class&lexicon.FirstName == 0 {
		f.add(tFlags, flagWaw)
	}
	if t.Kind == tokenize.LatinWord {
		if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsUpper(r) {
			f.add(tFlags, flagLatinUpper)
		}
	}
	if np := f.parts[stem]; np != 0 {
		for b := np; b != 0; b &= b - 1 {
			f.add(tNamePart, uint64(b&-b))
		}
	}
}

// affixes observes the prefixes and suffixes of 1–3 letters of s, when s
// is longer than the affix.
func (f *featurizer) affixes(pre, suf int, s string) {
	end := 0
	for n := 1; n <= 3; n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		if size == 0 || end+size >= len(s) {
			break
		}
		end += size
		var h tagger.Hasher
		h.String(s[:end])
		f.add(pre, h.Sum())
	}
	start := len(s)
	for n := 1; n <= 3; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:start])
		if size == 0 || start-size <= 0 {
			break
		}
		start -= size
		var h tagger.Hasher
		h.String(s[start:])
		f.add(suf, h.Sum())
	}
}

// shape summarises a token: its kind, its length in letters (1, 2, 3, 4,
// 5–6, 7 or more) and, for Latin words, the case of its letters.
func shape(t *tokenize.Token) uint64 {
	n := utf8.RuneCountInString(t.Norm)
	var l uint64
	switch {
	case n <= 4:
		l = uint64(n)
	case n <= 6:
		l = 5
	default:
		l = 6
	}
	v := uint64(t.Kind)<<8 | l
	if t.Kind == tokenize.LatinWord {
		r, _ := utf8.DecodeRuneInString(t.Text)
		switch {
		case strings.ToUpper(t.Text) == t.Text:
			v |= 3 << 4
		case unicode.IsUpper(r):
			v |= 1 << 4
		}
	}
	return v
}

// sentenceBounds calls f for the token range of every sentence of toks.
func sentenceBounds(toks []tokenize.Token, f func(start, end int)) {
	start := 0
	for i := 1; i <= len(toks); i++ {
		if i == len(toks) || toks[i].Sentence != toks[start].Sentence {
			f(start, i)
			start = i
		}
	}
}

// typeOfLabel maps a tagger type to a gazetteer type; MISC and unknown
// types give 0.
func typeOfLabel(s string) gazetteer.Type {
	switch s {
	case "PER":
		return gazetteer.PER
	case "LOC":
		return gazetteer.LOC
	case "ORG":
		return gazetteer.ORG
	}
	return 0
}
