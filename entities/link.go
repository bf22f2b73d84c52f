package entities

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strings"
	"sync"

	"github.com/khabar-nlp/khabar/entities/tagger"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// featurizers recycles the per-call scratch space of tag.
var featurizers = sync.Pool{New: func() any { return new(featurizer) }}

// tag runs the model over every sentence of doc and links the names it
// finds: it returns the mentions of people, places and organisations, and
// the names of other kinds (MISC).
func (x *Extractor) tag(doc *Document, cands []Mention) (mentions, other []Mention) {
	f := featurizers.Get().(*featurizer)
	defer func() {
		f.doc = nil
		clear(f.stems)
		featurizers.Put(f)
	}()
	f.parts = x.parts
	f.prepare(doc, cands)
	var spans []tagger.Span
	covered := make([]bool, len(doc.Tokens))
	l := linker{x: x, doc: doc, cands: cands, stems: f.stems}
	sentenceBounds(doc.Tokens, func(start, end int) {
		spans = x.model.t.TagSpans(f.sentence(start, end), spans)
		for _, sp := range spans {
			s, e := start+sp.Start, start+sp.End
			for _, part := range splitAtWaw(doc, s, e) {
				m, ok := l.link(part[0], part[1], sp.Type, sp.Prob)
				if !ok {
					other = append(other, m)
					continue
				}
				for i := part[0]; i < part[1]; i++ {
					covered[i] = true
				}
				mentions = append(mentions, m)
			}
		}
	})
	// Names inside hashtags: the tokens the model leaves out.
	for _, c := range cands {
		if c.Kind == Hashtag && !covered[c.TokenStart] {
			mentions = append(mentions, c)
		}
	}
	slices.SortStableFunc(mentions, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
	return mentions, other
}

// splitAtWaw cuts tokens [s, e) before every word inside it that begins
// with the conjunction و (وقوات in قوات صالح وقوات الأمن): a name does not
// run across "and".
func splitAtWaw(doc *Document, s, e int) [][2]int {
	var out [][2]int
	start := s
	for i := s + 1; i < e; i++ {
		if conjWaw(doc, i) {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	return append(out, [2]int{start, e})
}

// conjWaw reports whether token i reads as و + a word: it begins with و,
// has four letters or more, and is not a first name.
func conjWaw(doc *Document, i int) bool {
	t := &doc.Tokens[i]
	if t.Kind != tokenize.ArabicWord || !strings.HasPrefix(doc.Keys[i], "و") || !runesAtLeast(doc.Keys[i], 4) {
		return false
	}
	return doc.Words[i].Class&(lexicon.FirstName|lexicon.FirstNameHead) == 0
}

// linker gives the names the model finds their IDs.
type linker struct {
	x     *Extractor
	doc   *Document
	cands []Mention
	stems []string
}

// link returns the mention of tokens [s, e) found by the model with type
// typ and probability prob. It links a gazetteer entry of the same type
// whose candidate has the same tokens, or failing that the one that
// overlaps most while covering at least half of the shorter of the two;
// a name no entry links gets a generated ID. ok is false for a type that
// is not a person, place or organisation (MISC).
func (l *linker) link(s, e int, typ string, prob float64) (m Mention, ok bool) {
	doc := l.doc
	start, end := doc.Tokens[s].Start, doc.Tokens[e-1].End
	m = Mention{Text: doc.Text[start:end], Start: start, End: end, Kind: Tagged, Score: roundScore(prob), TokenStart: s, TokenEnd: e}
	gt := typeOfLabel(typ)
	if gt == 0 {
		return m, false
	}
	m.Type = gt
	best, bestRank := -1, [3]int{}
	for k := range l.cands {
		c := &l.cands[k]
		if c.ID == "" || c.Type != gt || !linkable(c.Kind) {
			continue
		}
		lo, hi := max(s, c.TokenStart), min(e, c.TokenEnd)
		if hi <= lo {
			continue
		}
		overlap := hi - lo
		same := 0
		if c.TokenStart == s && c.TokenEnd == e {
			same = 1
		} else if 2*overlap < min(e-s, c.TokenEnd-c.TokenStart) || !(c.TokenStart >= s && c.TokenEnd <= e || s >= c.TokenStart && e <= c.TokenEnd) {
			continue
		}
		rank := [3]int{same, overlap, -int(c.Kind)}
		if best < 0 || cmp.Compare(rank[0], bestRank[0]) > 0 ||
			rank[0] == bestRank[0] && (rank[1] > bestRank[1] || rank[1] == bestRank[1] && rank[2] > bestRank[2]) {
			best, bestRank = k, rank
		}
	}
	if best >= 0 {
		c := &l.cands[best]
		m.ID, m.Kind, m.Alternatives = c.ID, c.Kind, c.Alternatives
		if c.TokenStart == s {
			m.Clitic = c.Clitic
		}
		return m, true
	}
	// No candidate: the words may still be a name of the gazetteer that
	// Find leaves out on its own (a month's spelling: إب, Ibb; a common
	// word: صور, Tyre) but that the model reads as a name here.
	for _, c := range l.x.cfg.gaz.Lookup(doc.Text[start:end]) {
		if c.Entry.Type == gt && (c.Method == gazetteer.Exact || c.Method == gazetteer.Clitic) {
			m.ID, m.Clitic = c.Entry.ID, c.Clitic
			m.Kind = Exact
			if c.Method == gazetteer.Clitic {
				m.Kind = Clitic
			}
			return m, true
		}
	}
	keys := slices.Clone(doc.Keys[s:e])
	if stem := l.stems[s]; stem != "" && stem != keys[0] && strings.HasSuffix(keys[0], stem) {
		m.Clitic = keys[0][:len(keys[0])-len(stem)]
		keys[0] = stem
	}
	m.ID = generatedID(gt, keys)
	return m, true
}

// linkable reports whether a candidate's kind may give a tagged name its
// ID: the gazetteer's matches and a caller's recognisers' candidates, not
// rules (whose IDs are generated) nor demonyms.
func linkable(k Kind) bool {
	return k != Rule && k != Demonym && k != Hashtag && k != Partial && k != Tagged
}

// roundScore keeps three decimals of a probability, at least 0.001.
func roundScore(p float64) float64 {
	return max(float64(int(p*1000+0.5))/1000, 0.001)
}

// generatedID returns the stable ID of a name no gazetteer entry links:
// its type, "gen" and a hash of its keys, so that the same name gets the
// same ID in every text ("per:gen:3f2a9c1b0d4e").
func generatedID(t gazetteer.Type, keys []string) string {
	sum := sha1.Sum([]byte(strings.Join(keys, " ")))
	return strings.ToLower(t.String()) + ":gen:" + hex.EncodeToString(sum[:6])
}
