package khabar

// The keywords of an analysis as the entities show them: a keyword that
// lies in a mention is shown as that entity (its mention's text, its name
// and ID), once, and the words of names the keyword space judges are
// chosen here.

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// nameKeywords returns the first n of kws with the keywords that lie in a
// mention of an entity shown as that entity: a word of a name (فرحان of
// فيصل بن فرحان, الأحمر of البحر الأحمر) becomes the mention's own text
// (the first mention without a proclitic, or the mention without its
// proclitic), with the entity's name and ID beside it and its mention
// count, and an entity appears once, at its best keyword's rank and score.
// A news agency, or an outlet the headline does not name, is a credit
// and no keyword; nor is a word that is a word of a person's name shown.
// A mention in a longer name of the gazetteer, looked up in toks (the
// text's tokens; nil to skip), is shown as that name when it is the
// entity's own (كيم جونغ أون) and gives no keyword when it is another
// entry's (باريس of باريس سان جرمان).
func nameKeywords(text string, toks *tokenize.List, kws []tfidf.Keyword, ents []entities.Entity, g *gazetteer.Index, n int) []tfidf.Keyword {
	around := newNameWindows(g, text, toks)
	out := make([]tfidf.Keyword, 0, min(n, len(kws)))
	taken := map[string]bool{} // entity IDs
	shown := map[string]bool{} // terms
	var names []typedTerm      // the entities' terms
	headline := len(text)
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		headline = i
	}
	for _, k := range kws {
		if _, _, ok := mentionAt(ents, k.Start, k.End); !ok {
			shown[k.Term] = true
		}
	}
	for _, k := range kws {
		e, m, ok := mentionAt(ents, k.Start, k.End)
		if !ok {
			if !inNameRepeat(text, ents, k.Start, k.End) {
				out = append(out, k)
			}
			continue
		}
		if taken[e.ID] || credit(g, e, headline) {
			continue
		}
		taken[e.ID] = true
		m = hyphenated(text, joinedMention(text, e, shownMention(text, e, m)))
		start, end := -1, m.End
		if x, ok := around.enclosingName(m); ok {
			own := slices.Contains(x.IDs, e.ID)
			switch {
			case !own:
				alone, ok := around.aloneMention(e)
				if !ok {
					// باريس of باريس سان جرمان، إيرلندا of إيرلندا
					// الشمالية: another entry's name, not this one.
					continue
				}
				// مدريد of أتلتيكو مدريد, where the article names the
				// city on its own too: shown there.
				m = hyphenated(text, joinedMention(text, e, alone))
				end = m.End
			case around.wholeName(m, x):
				// الدفاع الأميركية in وزارة الدفاع الأميركية، رونالدو
				// in كريستيانو رونالدو: the name whole.
				start, end = x.Start+len(x.Clitic), x.End
			}
		}
		if start < 0 {
			if shorterPiece(text, ents, e, m) {
				continue
			}
			start = m.Start + tfidf.SkipLetters(text[m.Start:m.End], procliticLetters(m, e.Name))
			if m.Kind != entities.Exact && m.Kind != entities.Clitic && strings.HasPrefix(text[start:end], "ل") && mentionClitic(m) == "ل" {
				// للبيتزا: the model's name is written only after ل
				// with the article's alef dropped, which no span of the
				// text shows without the proclitic.
				continue
			}
		}
		if start, end, ok = shownSpan(text, g, e, start, end); !ok {
			continue
		}
		term := text[start:end]
		if bareFirstName(g, e, term) {
			continue
		}
		name := e.Name
		if m.Kind == entities.Rule {
			name = term // a name found by rules is named by its text
		}
		kw := tfidf.Keyword{Term: term, Name: name, Entity: e.ID, Key: k.Key, Score: k.Score, Count: e.Count, Start: start, End: end}
		if shown[term] {
			continue
		}
		if i := slices.IndexFunc(names, func(t typedTerm) bool {
			return t.typ == e.Type && (sameWords(t.term, term) || sameSkeleton(t.term, term))
		}); i >= 0 {
			// Two entities written alike, or one written in part
			// (ليما beside فابيو ليما, which grouping keeps apart) or
			// spelt two ways (كاركاسون، كركاسون): one keyword, at the
			// first one's rank. A part the model found that the full
			// name of a gazetteer entry holds is shown as that name
			// (شيرين عبد الوهاب, not the شيرين said more often).
			if t := names[i]; countWords(term, unicode.IsSpace) > countWords(t.term, unicode.IsSpace) && inGazetteer(g, e.ID) && !inGazetteer(g, out[t.at].Entity) {
				kw.Score, kw.Key = out[t.at].Score, out[t.at].Key
				out[t.at] = kw
				names[i].term = term
				shown[term] = true
			}
			continue
		}
		shown[term] = true
		names = append(names, typedTerm{e.Type, term, len(out)})
		out = append(out, kw)
	}
	// A word outside the mentions that is a word of a person's name shown
	// (the headline's السدحان beside عبدالله السدحان), or a word of a name
	// of several (المملكة of المملكة العربية السعودية، الصندوق of صندوق
	// النقد الدولي، التعمير of بنك التعمير الصيني), is a piece of that
	// entity.
	var inNames map[string]bool // built on first use: most keywords are names
	out = slices.DeleteFunc(out, func(k tfidf.Keyword) bool {
		if k.Entity != "" || strings.Contains(k.Term, " ") {
			return false
		}
		if inNames == nil {
			inNames = nameWords(ents)
		}
		return inNames[bareKey(k.Term)] || slices.ContainsFunc(names, func(t typedTerm) bool {
			return t.typ == gazetteer.PER && slices.Contains(strings.Fields(t.term), k.Term)
		})
	})
	if len(out) == 0 {
		return nil
	}
	return out[:min(n, len(out))]
}

// nameWords returns the words of the mentions of several words of ents,
// as bareKey gives them.
func nameWords(ents []entities.Entity) map[string]bool {
	words := map[string]bool{}
	for _, e := range ents {
		for _, m := range e.Mentions {
			ws := strings.FieldsFunc(m.Text[len(m.Clitic):], func(r rune) bool { return r == ' ' || r == '_' })
			if len(ws) >= 2 {
				for _, w := range ws {
					words[bareKey(w)] = true
				}
			}
		}
	}
	return words
}

// bareKey returns the Key of a word without the article.
func bareKey(w string) string {
	k := tokenize.Key(w)
	if lexicon.HasArticle(k) {
		return k[len(lexicon.Article):]
	}
	return k
}

// inGazetteer reports whether id is the ID of an entry of g.
func inGazetteer(g *gazetteer.Index, id string) bool {
	if g == nil {
		return false
	}
	_, ok := g.Summary(id)
	return ok
}

// typedTerm is the term of an entity's keyword and the entity's type.
type typedTerm struct {
	typ  gazetteer.Type
	term string
	at   int // the index of its keyword in the list built
}

// sameSkeleton reports whether two names have one skeleton
// ([gazetteer.Skeleton]) of four letters or more: shorter ones join names
// that differ (ليما، لومي).
func sameSkeleton(a, b string) bool {
	sa := gazetteer.Skeleton(tokenize.Key(a))
	return utf8.RuneCountInString(strings.ReplaceAll(sa, " ", "")) >= 4 && sa == gazetteer.Skeleton(tokenize.Key(b))
}

// sameWords reports whether the words of one of a and b are all words of
// the other.
func sameWords(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for _, w := range wa {
		if !slices.Contains(wb, w) {
			return false
		}
	}
	return true
}

// credit reports whether an entity is a news agency, or an outlet the
// headline does not name: the source a story credits (وفقا لرويترز،
// قالت مصادر للعربية.نت), not what it is about. headline is the offset
// where the first line of the text ends.
func credit(g *gazetteer.Index, e entities.Entity, headline int) bool {
	if g == nil {
		return false
	}
	s, ok := g.Summary(e.ID)
	if !ok || s.Subtype != "news-agency" && s.Subtype != "media" {
		return false
	}
	return s.Subtype == "news-agency" || !slices.ContainsFunc(e.Mentions, func(m entities.Mention) bool { return m.Start < headline })
}

// mentionSpans returns the spans of the mentions of ents, a non-nil
// slice, for keywords to take their words as names. A mention of one word
// of the lexicon's tables (المتوسط, the Mediterranean or the average) is
// left out, and so is an entity found once, weakly (see weakName) or as
// a piece of a longer name (see namePiece): keywords judge such words as
// any other.
func mentionSpans(text string, ents []entities.Entity) []tfidf.Span {
	lex, _ := lexicon.Default()
	out := []tfidf.Span{}
	for _, e := range ents {
		if len(e.Mentions) == 1 && (weakName(e.Mentions[0]) || lex != nil && namePiece(text, e.Mentions[0], lex, ents)) {
			continue
		}
		for _, m := range e.Mentions {
			if lex != nil && !strings.ContainsAny(m.Text, " _") && lex.Analyze(tokenize.Key(m.Text)).Class&lexicon.Common != 0 {
				continue
			}
			out = append(out, tfidf.Span{Start: m.Start, End: m.End, Proclitic: tfidf.SkipLetters(m.Text, utf8.RuneCountInString(mentionClitic(m)))})
		}
	}
	return out
}

// weakName reports whether a mention is a name the tagging model found in
// Arabic script, with no gazetteer entry, below minKeywordNameScore
// (ميغابايت، ممثلو as persons). A name in Latin letters is seldom
// anything else (J.P. Morgan).
func weakName(m entities.Mention) bool {
	return m.Kind == entities.Tagged && m.Score < minKeywordNameScore && !strings.ContainsFunc(m.Text, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) })
}

// namePiece reports whether a mention of one word that the tagging model
// found, or a short form of a name, stands beside the rest of a name: a
// first name before or after it, outside the mentions, a space between
// (فايز of أحمد فايز, فاروق of مي فاروق), or any word joined to it by a
// hyphen (جوزيف of جاك-جوزيف).
func namePiece(text string, m entities.Mention, lex *lexicon.Lexicon, ents []entities.Entity) bool {
	if m.Kind != entities.Tagged && m.Kind != entities.Partial || strings.ContainsAny(m.Text, " _-") {
		return false
	}
	firstName := func(w string) bool {
		names := lexicon.FirstName | lexicon.FirstNameHead
		k := tokenize.Key(w)
		bare, conj := strings.CutPrefix(k, "و") // ومي فاروق
		return lex.Class(k)&names != 0 || conj && lex.Class(bare)&names != 0
	}
	before := text[:m.Start]
	if w, ok := strings.CutSuffix(before, " "); ok || strings.HasSuffix(before, "-") {
		if !ok {
			w = before[:len(before)-1]
		}
		word := w[strings.LastIndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
		if word != "" && (!ok || firstName(word)) && !inMention(ents, len(w)-1) {
			return true
		}
	}
	after := text[m.End:]
	if w, ok := strings.CutPrefix(after, " "); ok || strings.HasPrefix(after, "-") {
		if !ok {
			w = after[1:]
		}
		i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if i < 0 {
			i = len(w)
		}
		if i > 0 && (!ok || firstName(w[:i])) && !inMention(ents, len(text)-len(w)) {
			return true
		}
	}
	return false
}

// inMention reports whether the byte at offset i lies in a mention of ents.
func inMention(ents []entities.Entity, i int) bool {
	for _, e := range ents {
		for _, m := range e.Mentions {
			if m.Start <= i && i < m.End {
				return true
			}
		}
	}
	return false
}

// minKeywordNameScore is the least probability of a name the tagging model
// found once, with no gazetteer entry, for keywords to take it as a name.
// Below it, about half of such names are common words (the tuning part of
// the dev split).
const minKeywordNameScore = 0.5

// inNameRepeat reports whether text[start:end] lies in a name of several
// words written again where no mention marks it: أبحاث in the second
// الوكالة الدولية لأبحاث السرطان of an article that names the agency
// twice, a word of a name and no keyword of its own there.
func inNameRepeat(text string, ents []entities.Entity, start, end int) bool {
	for _, e := range ents {
		for i, m := range e.Mentions {
			if i == maxPieceMentions {
				break
			}
			name := m.Text[len(m.Clitic):]
			if !strings.Contains(name, " ") || len(name) <= end-start {
				continue
			}
			from, to := max(0, end-len(name)), min(len(text), start+len(name))
			for at := from; at <= to-len(name); {
				j := strings.Index(text[at:to], name)
				if j < 0 {
					break
				}
				if at+j <= start && end <= at+j+len(name) {
					return true
				}
				at += j + 1
			}
		}
	}
	return false
}

// mentionAt returns the entity and mention whose span holds [start, end).
func mentionAt(ents []entities.Entity, start, end int) (entities.Entity, entities.Mention, bool) {
	for _, e := range ents {
		for _, m := range e.Mentions {
			if m.Start <= start && end <= m.End {
				return e, m, true
			}
		}
	}
	return entities.Entity{}, entities.Mention{}, false
}

// nameWindows finds the names of the gazetteer in the few tokens around
// a mention, reusing one buffer of tokens: not safe for concurrent use.
type nameWindows struct {
	g    *gazetteer.Index // nil: no names are looked for
	lex  *lexicon.Lexicon
	text string
	toks *tokenize.List
	buf  []tokenize.Token
}

// newNameWindows returns the nameWindows of text, whose tokens are toks
// (nil: no names are looked for).
func newNameWindows(g *gazetteer.Index, text string, toks *tokenize.List) *nameWindows {
	lex, err := lexicon.Default()
	if err != nil || toks == nil {
		g = nil
	}
	return &nameWindows{g: g, lex: lex, text: text, toks: toks}
}

// aroundTokens is how many tokens on each side of a mention enclosingName
// reads.
const aroundTokens = 4

// enclosing is a longer name of the gazetteer that holds a mention.
type enclosing struct {
	gazetteer.Match
	// demonymAfter says that the words the name adds after the mention
	// are a demonym (برشلونة الإسباني).
	demonymAfter bool
}

// enclosingName returns the longest name of the gazetteer, of two words
// or more and matched exactly (proclitics apart), that holds the mention
// m and more words, within aroundTokens tokens of it in its sentence: the
// name m is a piece of (باريس of باريس سان جرمان، الدفاع الأميركية of
// وزارة الدفاع الأميركية).
func (w *nameWindows) enclosingName(m entities.Mention) (enclosing, bool) {
	if w.g == nil || w.toks.Len() == 0 {
		return enclosing{}, false
	}
	l := w.toks
	first := sort.Search(l.Len(), func(i int) bool { return l.End(i) > m.Start })
	last := sort.Search(l.Len(), func(i int) bool { return l.Start(i) >= m.End })
	if first >= last {
		return enclosing{}, false
	}
	from, to := first, last
	for from > 0 && first-from < aroundTokens && l.Sentence(from-1) == l.Sentence(first) {
		from--
	}
	for to < l.Len() && to-last < aroundTokens && l.Sentence(to) == l.Sentence(last-1) {
		to++
	}
	w.buf = l.AppendTokens(w.buf[:0], from, to)
	matches := w.g.Find(w.text, w.buf, gazetteer.FindOptions{Kind: gazetteer.Overlapping})
	var best enclosing
	found := false
	for _, x := range matches {
		if x.Method != gazetteer.Exact && x.Method != gazetteer.Clitic || x.TokenEnd-x.TokenStart < 2 ||
			x.Start > m.Start || x.End < m.End || x.End-x.Start <= m.End-m.Start || len(x.IDs) == 0 {
			continue
		}
		if !found || x.End-x.Start > best.End-best.Start {
			best, found = enclosing{Match: x}, true
		}
	}
	best.demonymAfter = found && slices.ContainsFunc(matches, func(d gazetteer.Match) bool {
		return d.Method == gazetteer.Demonym && d.Start >= m.End && d.End <= best.End
	})
	return best, found
}

// maxPieceMentions is how many mentions of an entity aloneMention reads.
const maxPieceMentions = 8

// aloneMention returns the first mention of e (of the first
// maxPieceMentions) that lies in no longer name of another entry of the
// gazetteer, and false when every one does: then e is a piece of other
// names, not an entity the article names (باريس only in باريس سان جرمان).
// A place head before a place (محافظة إدلب، منطقة تبوك) names the same
// place, not another.
func (w *nameWindows) aloneMention(e entities.Entity) (entities.Mention, bool) {
	for _, m := range e.Mentions[:min(len(e.Mentions), maxPieceMentions)] {
		x, ok := w.enclosingName(m)
		if !ok || slices.Contains(x.IDs, e.ID) {
			return m, true
		}
		head := strings.TrimSpace(w.text[x.Start+len(x.Clitic) : m.Start+len(m.Clitic)])
		if _, isHead := w.lex.PlaceHead(tokenize.Key(head)); isHead && x.End == m.End {
			return m, true
		}
	}
	return entities.Mention{}, false
}

// wholeName reports whether x, a longer name of m's own entry, is the
// name a keyword shows rather than m: not when a word x adds before m is
// a word of the lexicon (شركة أبل، محافظة الحديدة، الملك عبدالله الثاني)
// and m's first word is no common word, nor when the words it adds after
// m are a demonym (برشلونة الإسباني).
func (w *nameWindows) wholeName(m entities.Mention, x enclosing) bool {
	name := m.Start + len(m.Clitic)
	if before := strings.Fields(w.text[x.Start+len(x.Clitic) : name]); len(before) > 0 {
		// كيم of كيم جونغ أون is a word of the name; شركة of شركة أبل
		// or موقع of موقع تويتر is a word of the language, needed only
		// before a name of common words (وزارة الدفاع الأميركية).
		known := false
		for _, word := range before {
			key := tokenize.Key(word)
			c := w.lex.Analyze(key).Class
			_, org := w.lex.OrgHead(key)
			_, place := w.lex.PlaceHead(key)
			known = known || c&(lexicon.FirstName|lexicon.FirstNameHead) == 0 &&
				(c != 0 || org || place || lexicon.CommonShape(key, lexicon.HasArticle(key), false) || tokenize.IsStopWord(tokenize.Normalize(word)))
		}
		first, _, _ := strings.Cut(w.text[name:m.End], " ")
		if known && w.lex.Analyze(tokenize.Key(first)).Class&lexicon.Common == 0 {
			return false
		}
	}
	return !x.demonymAfter
}
