package english

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/entities/tagger"
	"github.com/khabar-nlp/khabar/tokenize"
)

// The tagger's observations for English. A model stores the names and
// windows it was trained with; a model is read only if its templates are
// these, or these without the last (prose's label), which a model trained
// without prose's labels lacks.
const (
	tBias     = iota // a constant: label priors
	tWord            // the word as written
	tLower           // the word in lower case
	tPrefix          // its prefixes of 1–4 letters, lower case
	tSuffix          // its suffixes of 1–4 letters, lower case
	tShape           // its shape: case, digits, dots, hyphens, length
	tPOS             // its part of speech (prose)
	tPOSPair         // the parts of speech of the word before and of the word
	tCand            // a gazetteer name covering the token: type, begin/inside, name or demonym
	tPrior           // a gazetteer name's type and prior, bucketed
	tFlags           // first in its sentence, after "the", a function word, in a headline
	tBigram          // the word before and the word, lower case
	tNamePart        // the word is the first, a middle or the last word of a gazetteer name
	tProse           // prose's own entity label (B-PERSON, I-GPE, O…)
	numTemplates
)

var featureTemplates = [numTemplates]tagger.Template{
	tBias:     {Name: "en:bias", Window: []int{0}},
	tWord:     {Name: "en:w", Window: []int{-2, -1, 0, 1, 2}},
	tLower:    {Name: "en:lw", Window: []int{-1, 0, 1}},
	tPrefix:   {Name: "en:pre", Window: []int{0}},
	tSuffix:   {Name: "en:suf", Window: []int{0}},
	tShape:    {Name: "en:shape", Window: []int{-2, -1, 0, 1, 2}},
	tPOS:      {Name: "en:pos", Window: []int{-2, -1, 0, 1, 2}},
	tPOSPair:  {Name: "en:pos-1|pos", Window: []int{0}},
	tCand:     {Name: "en:cand", Window: []int{-2, -1, 0, 1, 2}},
	tPrior:    {Name: "en:prior", Window: []int{0}},
	tFlags:    {Name: "en:flags", Window: []int{-1, 0, 1}},
	tBigram:   {Name: "en:lw-1|lw", Window: []int{0}},
	tNamePart: {Name: "en:namepart", Window: []int{-1, 0, 1}},
	tProse:    {Name: "en:prose", Window: []int{-1, 0, 1}},
}

// Flags observed with tFlags.
const (
	flagFirst = iota + 1
	flagAfterThe
	flagFunction
	flagHeadline
)

// featurizer builds the observations of one document, sentence by
// sentence. It is not safe for concurrent use; each extraction takes one.
type featurizer struct {
	doc   *document
	prose bool // observe prose's labels
	parts map[string]uint16
	cands [][]candObs // per token, what the gazetteer's names say
	obs   []tagger.Obs
	rows  [][]tagger.Obs
	// headline marks the sentences written in title case.
	headline []bool
	blocks   []tagger.Block
}

type candObs struct {
	code, prior uint64
}

// prepare records what the candidates say of each token.
func (f *featurizer) prepare(d *document, cands []candidate) {
	f.doc = d
	n := len(d.toks)
	if cap(f.cands) < n {
		f.cands = make([][]candObs, n)
	}
	f.cands = f.cands[:n]
	for i := range f.cands {
		f.cands[i] = f.cands[i][:0]
	}
	for _, c := range cands {
		var prior uint64
		if !c.demonym {
			prior = uint64(c.typ)<<8 | uint64(min(c.prior*5, 4)) + 1
		}
		for i := c.start; i < c.end; i++ {
			code := uint64(c.typ) << 4
			if i == c.start {
				code |= 1
			}
			if c.demonym {
				code |= 2
			}
			f.cands[i] = append(f.cands[i], candObs{code: code, prior: prior})
		}
	}
	f.headline = f.headline[:0]
	for _, s := range d.sents {
		f.headline = append(f.headline, titleCase(d, s))
	}
}

// titleCase reports whether a sentence is written as a headline: three
// words of four letters or more, nearly all capitalised.
func titleCase(d *document, s Sentence) bool {
	words, caps := 0, 0
	for i := s.TokenStart; i < s.TokenEnd; i++ {
		if utf8.RuneCountInString(d.toks[i].Text) < 4 || d.shapes[i] == shapeOther {
			continue
		}
		words++
		if d.shapes[i].capitalised() {
			caps++
		}
	}
	return words >= 3 && caps*5 >= words*4
}

func (f *featurizer) add(t int, v uint64) {
	f.obs = append(f.obs, tagger.Obs{Template: uint16(t), Value: v})
}

// sentence returns the observations of the tokens of sentence s, valid
// until the next call.
func (f *featurizer) sentence(s int) [][]tagger.Obs {
	f.obs = f.obs[:0]
	f.rows = f.rows[:0]
	sent := f.doc.sents[s]
	for i := sent.TokenStart; i < sent.TokenEnd; i++ {
		lo := len(f.obs)
		f.word(i)
		f.context(i, s)
		f.rows = append(f.rows, f.obs[lo:len(f.obs):len(f.obs)])
	}
	f.reslice()
	return f.rows
}

// reslice points the rows at f.obs again after it may have moved while
// growing.
func (f *featurizer) reslice() {
	off := 0
	for k := range f.rows {
		n := len(f.rows[k])
		f.rows[k] = f.obs[off : off+n : off+n]
		off += n
	}
}

// sentenceBlocks is sentence for tagging with a cache of word blocks:
// the rows hold each token's context observations only, and the blocks
// the model's scores of each word's own observations, computed once per
// word. Both are valid until the next call.
func (f *featurizer) sentenceBlocks(s int, m *tagger.Model, cache *blockCache) ([][]tagger.Obs, []tagger.Block) {
	f.obs = f.obs[:0]
	f.rows = f.rows[:0]
	f.blocks = f.blocks[:0]
	sent := f.doc.sents[s]
	for i := sent.TokenStart; i < sent.TokenEnd; i++ {
		w := f.doc.toks[i].Text
		blk, ok := cache.get(w)
		if !ok {
			lo := len(f.obs)
			f.word(i)
			blk = m.Block(f.obs[lo:])
			f.obs = f.obs[:lo]
			cache.put(w, blk)
		}
		f.blocks = append(f.blocks, blk)
		lo := len(f.obs)
		f.context(i, s)
		f.rows = append(f.rows, f.obs[lo:len(f.obs):len(f.obs)])
	}
	f.reslice()
	return f.rows, f.blocks
}

// word appends the observations of token i's word alone: the same
// wherever the word stands.
func (f *featurizer) word(i int) {
	w := f.doc.toks[i].Text
	lower := f.doc.keys[i]
	f.add(tBias, 1)
	f.add(tWord, tagger.Hash(w))
	f.add(tLower, tagger.Hash(lower))
	f.affixes(lower)
	f.add(tShape, wordShape(w))
	if tokenize.EnglishFunctionWords.Contains(lower) {
		f.add(tFlags, flagFunction)
	}
	for b := f.parts[lower]; b != 0; b &= b - 1 {
		f.add(tNamePart, uint64(b&-b))
	}
}

// affixes observes the prefixes and suffixes of 1–4 letters of s, when s
// is longer than the affix.
func (f *featurizer) affixes(s string) {
	end := 0
	for n := 1; n <= 4; n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		if size == 0 || end+size >= len(s) {
			break
		}
		end += size
		f.add(tPrefix, tagger.Hash(s[:end]))
	}
	start := len(s)
	for n := 1; n <= 4; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:start])
		if size == 0 || start-size <= 0 {
			break
		}
		start -= size
		f.add(tSuffix, tagger.Hash(s[start:]))
	}
}

// context appends the observations of token i, in sentence s, that depend
// on the words around it and on the gazetteer.
func (f *featurizer) context(i, s int) {
	d := f.doc
	first := i == d.sents[s].TokenStart
	if first {
		f.add(tFlags, flagFirst)
	} else if d.keys[i-1] == "the" {
		f.add(tFlags, flagAfterThe)
	}
	if f.headline[s] {
		f.add(tFlags, flagHeadline)
	}
	f.add(tPOS, tagger.Hash(d.toks[i].Tag))
	var h tagger.Hasher
	prevTag, prevKey := "", ""
	if !first {
		prevTag, prevKey = d.toks[i-1].Tag, d.keys[i-1]
	}
	h.String(prevTag)
	h.String(d.toks[i].Tag)
	f.add(tPOSPair, h.Sum())
	h.Reset()
	h.String(prevKey)
	h.String(d.keys[i])
	f.add(tBigram, h.Sum())
	for _, c := range f.cands[i] {
		f.add(tCand, c.code)
		if c.prior != 0 {
			f.add(tPrior, c.prior)
		}
	}
	if f.prose && i < len(d.labels) {
		f.add(tProse, tagger.Hash(d.labels[i]))
	}
}

// wordShape summarises how a word is written: each letter as X or x, each
// digit as d, other characters as themselves, runs of one class shortened
// to two (McDonald: XxXx, U.S.: X.X., 2021: dd, al-Kadhimi: xx-Xx), and
// its length in bands.
func wordShape(w string) uint64 {
	var b [32]byte
	n, run := 0, 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
		} else {
			run = 1
		}
		last = c
		if run > 2 || n == len(b) {
			continue
		}
		b[n] = c
		n++
	}
	var h tagger.Hasher
	h.String(string(b[:n]))
	l := utf8.RuneCountInString(w)
	switch {
	case l > 8:
		l = 9
	case l > 5:
		l = 6
	}
	h.Uint64(uint64(l))
	return h.Sum()
}

// blockCache keeps, for the words an extractor has met, the block of
// scores that the model gives their own observations, so that a word met
// before costs one lookup instead of a dozen. It is safe for concurrent
// use and bounded: a shard that fills up is emptied.
type blockCache struct {
	shards [blockShards]blockShard
}

const (
	blockShards = 16
	// maxBlockWords bounds the words a cache keeps (a block is at most a
	// few hundred bytes).
	maxBlockWords = 1 << 16
)

type blockShard struct {
	mu sync.RWMutex
	m  map[string]tagger.Block
}

func (c *blockCache) get(w string) (tagger.Block, bool) {
	s := &c.shards[tagger.Hash(w)%blockShards]
	s.mu.RLock()
	blk, ok := s.m[w]
	s.mu.RUnlock()
	return blk, ok
}

// put keeps blk for a copy of w (not a slice of the text being read,
// which would stay alive with it).
func (c *blockCache) put(w string, blk tagger.Block) {
	s := &c.shards[tagger.Hash(w)%blockShards]
	s.mu.Lock()
	if s.m == nil || len(s.m) >= maxBlockWords/blockShards {
		s.m = make(map[string]tagger.Block)
	}
	s.m[strings.Clone(w)] = blk
	s.mu.Unlock()
}
