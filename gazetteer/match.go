package gazetteer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar/tokenize"
)

// Method says how a match was made.
type Method uint8

// Match methods, in the order they are preferred when two candidates cover
// the same tokens.
const (
	// Exact: the tokens' keys equal a name or alias.
	Exact Method = iota + 1
	// Clitic: the first word matched after proclitics were stripped
	// (وبغداد → و + بغداد); [Match.Clitic] holds them.
	Clitic
	// Demonym: the tokens are a demonym of a place (الأميركية → the
	// United States). Callers decide whether to keep it.
	Demonym
	// Fuzzy: the tokens are within a few edits of a name (بلنكن →
	// بلينكن); [Match.Distance] holds the edits.
	Fuzzy
)

var methodNames = [...]string{Exact: "exact", Clitic: "clitic", Demonym: "demonym", Fuzzy: "fuzzy"}

// String returns "exact", "clitic", "demonym" or "fuzzy".
func (m Method) String() string {
	if int(m) < len(methodNames) && methodNames[m] != "" {
		return methodNames[m]
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// MarshalText encodes the method as its name.
func (m Method) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// MatchKind chooses which matches [Index.Find] reports.
type MatchKind uint8

const (
	// LeftmostLongest reports non-overlapping matches: scanning from the
	// left, at each token the match covering the most tokens wins; among
	// matches of one length, exact beats clitic beats demonym beats fuzzy.
	// والأمم المتحدة gives one match (clitic, two words), never الأمم alone.
	// It is the default.
	LeftmostLongest MatchKind = iota
	// Overlapping reports every candidate match, at every start and length:
	// "وزارة الخارجية الأميركية" also yields the demonym الأميركية.
	Overlapping
)

// String returns "leftmost-longest" or "overlapping".
func (k MatchKind) String() string {
	switch k {
	case LeftmostLongest:
		return "leftmost-longest"
	case Overlapping:
		return "overlapping"
	}
	return fmt.Sprintf("MatchKind(%d)", uint8(k))
}

// Match is a name found in a text.
type Match struct {
	// Start and End are byte offsets into the text, End exclusive: the
	// whole tokens matched, proclitics included (text[Start:End] is
	// "وبغداد", not "بغداد").
	Start, End int
	// TokenStart and TokenEnd index the tokens matched: tokens[TokenStart:TokenEnd].
	TokenStart, TokenEnd int
	// IDs are the entries the tokens name, best ranked first (see
	// [Builder]). There are several when entries share a surface.
	IDs []string
	// Method says how the match was made.
	Method Method
	// Clitic holds the proclitic letters stripped from the first token, as
	// written ("و", "ب", "وب"), for Method Clitic.
	Clitic string
	// Distance is the edit distance of a fuzzy match, 0 otherwise.
	Distance int
	// Score is the confidence in (0, 1]: 1 for exact matches, a little
	// less after clitics, as a demonym, and by distance for fuzzy ones.
	Score float64
}

// Scores of the methods. A fuzzy match scores at most scoreFuzzyMax,
// less by its weighted distance over its length, so that it never
// outranks an exact, clitic or demonym match.
const (
	scoreExact    = 1.0
	scoreClitic   = 0.95
	scoreDemonym  = 0.9
	scoreFuzzyMax = 0.9
)

// FindOptions select what [Index.Find] looks for. The zero value finds
// exact and clitic matches, leftmost-longest.
type FindOptions struct {
	// Kind is LeftmostLongest (default) or Overlapping.
	Kind MatchKind
	// Fuzzy enables fuzzy matching of words not otherwise matched.
	Fuzzy bool
	// NoClitics disables proclitic stripping.
	NoClitics bool
	// NoDemonyms leaves demonym matches out.
	NoDemonyms bool
	// MaxFuzzy is the number of fuzzy candidates kept per word; 0 means 3.
	MaxFuzzy int
	// Keys, when it has one key per token, holds the tokens' keys as
	// computed by [TokenKeys]; Find computes them otherwise.
	Keys []string
	// FuzzySkip, if not nil, reports tokens that fuzzy matching must not
	// try, such as words a caller knows to be ordinary vocabulary. It
	// saves time and false matches.
	FuzzySkip func(token int) bool
}

// Find returns the matches of the index's names in the tokens of text, in
// text order. tokens must come from tokenizing text (tokenize.Tokenize or a
// Tokenizer with any options). Matches never cross a sentence. A single
// word that is a function word (decided on its Norm form, before ى and ة
// are folded: على is one, علي is not) or a month or weekday name is never
// a match, whatever names the gazetteer holds.
//
// Fuzzy matching (opts.Fuzzy) only considers runs of one or two Arabic or
// Latin words that no exact, clitic or demonym match covers and that are
// not stop words, two words first; see the fuzzy rules in the package
// overview.
func (x *Index) Find(text string, tokens []tokenize.Token, opts FindOptions) []Match {
	keys := opts.Keys
	if len(keys) != len(tokens) {
		keys = TokenKeys(tokens)
	}
	var out []Match
	var buf []byte
	i := 0
	for i < len(tokens) {
		found := x.matchesAt(text, tokens, keys, i, opts, &buf)
		if len(found) == 0 {
			i++
			continue
		}
		if opts.Kind == Overlapping {
			out = append(out, found...)
			i++
			continue
		}
		best := found[0] // matchesAt orders by length, then method
		out = append(out, best)
		i = best.TokenEnd
	}
	if opts.Fuzzy {
		out = x.addFuzzy(tokens, keys, out, opts)
	}
	return out
}

// keyNormalizer applies the folds that Key adds to a token's Norm form.
var keyNormalizer = tokenize.NewNormalizer(tokenize.KeySteps)

// TokenKeys returns the matching keys of tokens: tokenize.Key of each
// token's Norm form. The keys that differ from the Norm form are built in
// one buffer and share one string, so that the whole costs two or three
// allocations. Pass them in [FindOptions.Keys] to match the same tokens
// several times without computing them again.
func TokenKeys(tokens []tokenize.Token) []string {
	keys := make([]string, len(tokens))
	type span struct{ i, off, end int }
	var changed []span
	var buf []byte
	for i := range tokens {
		norm := tokens[i].Norm
		if keyNormalizer.IsNormal(norm) {
			keys[i] = norm
			continue
		}
		off := len(buf)
		buf = keyNormalizer.Append(buf, norm)
		changed = append(changed, span{i, off, len(buf)})
	}
	all := string(buf)
	for _, c := range changed {
		keys[c.i] = all[c.off:c.end]
	}
	return keys
}

// matchesAt returns the exact, clitic and demonym matches starting at
// token i, longest first, then by method.
func (x *Index) matchesAt(text string, tokens []tokenize.Token, keys []string, i int, opts FindOptions, buf *[]byte) []Match {
	first := keys[i]
	if first == "" || !tokens[i].Kind.IsWord() && tokens[i].Kind != tokenize.Number && tokens[i].Kind != tokenize.Hashtag {
		return nil
	}
	var found []Match
	// The tokens of the words from i on, as many as the longest name
	// that starts with the first has, a hyphen between two of them
	// passed over (see tokenize.JoiningHyphen).
	var at [16]int
	words := append(at[:0], i)
	try := func(firstKey string, clitic string) {
		maxWords := x.maxWordsAt(firstKey)
		for j := words[len(words)-1] + 1; len(words) < maxWords && j < len(tokens); j++ {
			if !tokenize.JoiningHyphen(tokens, j) {
				words = append(words, j)
			}
		}
		for n := min(maxWords, len(words)); n >= 1; n-- {
			last := words[n-1]
			if tokens[last].Sentence != tokens[i].Sentence {
				continue
			}
			b := append((*buf)[:0], firstKey...)
			for _, j := range words[1:n] {
				b = append(b, ' ')
				b = append(b, keys[j]...)
			}
			*buf = b
			posts := x.postings(string(b))
			if posts == nil {
				continue
			}
			if n == 1 && (isCalendarWord(firstKey) || tokenize.IsStopWord(tokens[i].Norm)) {
				// A function word is never a name on its own, even when its
				// key equals one (على/علي), nor is a month (آب/إب).
				continue
			}
			found = x.appendMatches(found, tokens, i, last+1, posts, clitic, opts)
		}
	}
	try(first, "")
	if !opts.NoClitics && tokens[i].Kind == tokenize.ArabicWord {
		// The future particle س begins verbs, never names: ستدمر is "will
		// destroy", not س + تدمر (Palmyra).
		if sp, ok := tokenize.FirstKnown(first, x.known); ok && sp.Prep != tokenize.FutSa {
			try(sp.Stem, sp.Prefix)
		}
	}
	slices.SortStableFunc(found, func(a, b Match) int {
		if c := (b.TokenEnd - b.TokenStart) - (a.TokenEnd - a.TokenStart); c != 0 {
			return c
		}
		return int(a.Method) - int(b.Method)
	})
	return found
}

// appendMatches appends the matches of tokens[start:end] for its
// postings: one for the names, one for the demonyms.
func (x *Index) appendMatches(found []Match, tokens []tokenize.Token, start, end int, posts []posting, clitic string, opts FindOptions) []Match {
	var names, demonyms []string
	for _, p := range posts {
		id := x.entries[p.entry()].ID
		if p.isDemonym() {
			if !opts.NoDemonyms && !slices.Contains(names, id) {
				demonyms = append(demonyms, id)
			}
		} else {
			names = append(names, id)
		}
	}
	m := Match{Start: tokens[start].Start, End: tokens[end-1].End, TokenStart: start, TokenEnd: end}
	if len(names) > 0 {
		m.IDs, m.Method, m.Score = names, Exact, scoreExact
		if clitic != "" {
			m.Method, m.Clitic, m.Score = Clitic, clitic, scoreClitic
		}
		found = append(found, m)
	}
	if len(demonyms) > 0 {
		m.IDs, m.Method, m.Clitic, m.Score = demonyms, Demonym, clitic, scoreDemonym
		found = append(found, m)
	}
	return found
}

// addFuzzy adds fuzzy matches for the words no match covers, keeping text
// order.
func (x *Index) addFuzzy(tokens []tokenize.Token, keys []string, out []Match, opts FindOptions) []Match {
	covered := make([]bool, len(tokens))
	for _, m := range out {
		for j := m.TokenStart; j < m.TokenEnd; j++ {
			covered[j] = true
		}
	}
	maxFuzzy := opts.MaxFuzzy
	if maxFuzzy <= 0 {
		maxFuzzy = 3
	}
	var fuzzy []Match
	lookup := func(key string) (Match, bool) { return x.fuzzyMatch(key, maxFuzzy) }
	candidate := func(i int) bool {
		t := tokens[i]
		return !covered[i] && (t.Kind == tokenize.ArabicWord || t.Kind == tokenize.LatinWord) &&
			(opts.FuzzySkip == nil || !opts.FuzzySkip(i)) && !tokenize.IsStopWord(t.Norm)
	}
	for i := 0; i < len(tokens); i++ {
		if !candidate(i) {
			continue
		}
		// Two words first (انطوني بلنكن), then one.
		if i+1 < len(tokens) && candidate(i+1) && tokens[i+1].Sentence == tokens[i].Sentence {
			if m, ok := lookup(keys[i] + " " + keys[i+1]); ok {
				m.Start, m.End, m.TokenStart, m.TokenEnd = tokens[i].Start, tokens[i+1].End, i, i+2
				fuzzy = append(fuzzy, m)
				i++
				continue
			}
		}
		if m, ok := lookup(keys[i]); ok {
			m.Start, m.End, m.TokenStart, m.TokenEnd = tokens[i].Start, tokens[i].End, i, i+1
			fuzzy = append(fuzzy, m)
		}
	}
	if len(fuzzy) == 0 {
		return out
	}
	out = append(out, fuzzy...)
	slices.SortStableFunc(out, func(a, b Match) int { return a.TokenStart - b.TokenStart })
	return out
}

// fuzzyMatch returns the best fuzzy match of one key: the IDs of up to
// max candidate surfaces of the best distance, demonyms excluded.
func (x *Index) fuzzyMatch(key string, max int) (Match, bool) {
	cands := x.fuzzyLookup(key, fuzzyMinLetters)
	var m Match
	for _, c := range cands {
		if len(m.IDs) > 0 && c.score < m.Score {
			break
		}
		for _, p := range x.postingsOf(int(c.key)) {
			if p.isDemonym() {
				continue
			}
			if id := x.entries[p.entry()].ID; !slices.Contains(m.IDs, id) && len(m.IDs) < max {
				if len(m.IDs) == 0 {
					m.Method, m.Distance, m.Score = Fuzzy, c.distance, c.score
				}
				m.IDs = append(m.IDs, id)
			}
		}
	}
	return m, len(m.IDs) > 0
}

// Candidate is one answer of [Index.Lookup].
type Candidate struct {
	// Entry is a copy of the entry found.
	Entry Entry
	// Method says how the query matched it.
	Method Method
	// Clitic holds the proclitics stripped from the query, if any.
	Clitic string
	// Surface is the name, alias or demonym of the entry that matched, in
	// key form.
	Surface string
	// Distance is the edit distance for fuzzy candidates.
	Distance int
	// Score is the candidate's confidence in (0, 1].
	Score float64
}

// Lookup returns every candidate for a name given on its own (a query,
// not running text): exact, after proclitics, as a demonym and fuzzy,
// best first. It is what the gazetteer lookup command prints.
func (x *Index) Lookup(name string) []Candidate {
	key, _ := surfaceKey(x.tz, name)
	if key == "" {
		return nil
	}
	var out []Candidate
	seen := map[string]bool{}
	addPosts := func(surface string, posts []posting, method Method, clitic string, dist int, score float64) {
		for _, p := range posts {
			e := &x.entries[p.entry()]
			m := method
			if p.isDemonym() {
				m = Demonym
			}
			tag := e.ID + "/" + m.String()
			if seen[tag] {
				continue
			}
			seen[tag] = true
			s := score
			if m == Demonym {
				s = min(score, scoreDemonym)
			}
			out = append(out, Candidate{Entry: e.clone(), Method: m, Clitic: clitic, Surface: surface, Distance: dist, Score: s})
		}
	}
	addPosts(key, x.postings(key), Exact, "", 0, scoreExact)
	first, rest, _ := strings.Cut(key, " ")
	if len(out) == 0 {
		for _, sp := range tokenize.Proclitics(first) {
			if sp.Prep == tokenize.FutSa {
				continue // a verb, not a name (ستدمر)
			}
			k := sp.Stem
			if rest != "" {
				k += " " + rest
			}
			if posts := x.postings(k); posts != nil {
				addPosts(k, posts, Clitic, sp.Prefix, 0, scoreClitic)
				break
			}
		}
	}
	found := map[int]bool{}
	for _, c := range out {
		found[int(x.byID[c.Entry.ID])] = true
	}
	for _, c := range x.fuzzyLookup(key, fuzzyMinQuery) {
		k := x.keys.strs[c.key]
		var posts []posting
		for _, p := range x.postings(k) {
			if !found[p.entry()] { // already found exactly or after clitics
				posts = append(posts, p)
			}
		}
		addPosts(k, posts, Fuzzy, "", c.distance, c.score)
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}
