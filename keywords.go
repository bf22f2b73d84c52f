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
		if shown[term] || slices.ContainsFunc(names, func(t typedTerm) bool {
			return t.typ == e.Type && (sameWords(t.term, term) || sameSkeleton(t.term, term))
		}) {
			// Two entities written alike, or one written in part
			// (ليما beside فابيو ليما, which grouping keeps apart) or
			// spelt two ways (كاركاسون، كركاسون): one keyword.
			continue
		}
		shown[term] = true
		names = append(names, typedTerm{e.Type, term})
		name := e.Name
		if m.Kind == entities.Rule {
			name = term // a name found by rules is named by its text
		}
		out = append(out, tfidf.Keyword{Term: term, Name: name, Entity: e.ID, Key: k.Key, Score: k.Score, Count: e.Count, Start: start, End: end})
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

// typedTerm is the term of an entity's keyword and the entity's type.
type typedTerm struct {
	typ  gazetteer.Type
	term string
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

// mentionClitic returns the proclitic letters at the start of a mention:
// its Clitic, or for a name found by rules or by the tagging model whose
// first word, not a first name itself, reads as a conjunction or
// preposition before a first name or a word of the lexicon (ومحمد إيهاب،
// بنهب خزائن، بسرطان القولون), as ل before the article without its alef
// (للبيتزا), or as و or ف before a hamza on alef (وأتلتيك), those
// letters.
func mentionClitic(m entities.Mention) string {
	if m.Clitic != "" || m.Kind != entities.Rule && m.Kind != entities.Tagged {
		return m.Clitic
	}
	first, _, _ := strings.Cut(m.Text, " ")
	lex, err := lexicon.Default()
	if err != nil {
		return ""
	}
	key := tokenize.Key(first)
	if lex.Class(key)&(lexicon.FirstName|lexicon.FirstNameHead) != 0 {
		return "" // لبنى is a first name, not ل + بنى
	}
	if s, ok := tokenize.StripProclitics(key); ok && lex.Class(s.Stem)&(lexicon.FirstName|lexicon.Common) != 0 && !transliteratedKa(first, s.Prefix) {
		return s.Prefix
	}
	if rest, ok := strings.CutPrefix(key, "لل"); ok && utf8.RuneCountInString(rest) >= 3 {
		return "ل" // للبيتزا، للمعهد العالي: ل and the article without its alef
	}
	if r, size := utf8.DecodeRuneInString(first); (r == 'و' || r == 'ف') && utf8.RuneCountInString(first[size:]) >= 4 {
		if h, _ := utf8.DecodeRuneInString(first[size:]); h == 'أ' || h == 'إ' || h == 'آ' {
			return string(r) // وأتلتيك بلباو: no word begins with و and a hamza on alef
		}
	}
	return ""
}

// transliteratedKa reports whether the proclitic letters prefix of word,
// as written, end in ك before a bare alef that begins no article: a
// foreign name's Ka (كايلي، كاري), where the preposition would come
// before a hamza (كإيلي) or the article (كالعادة).
func transliteratedKa(word, prefix string) bool {
	if !strings.HasSuffix(prefix, "ك") {
		return false
	}
	rest := []rune(word)
	n := utf8.RuneCountInString(prefix)
	return len(rest) > n+1 && rest[n] == 'ا' && rest[n+1] != 'ل'
}

// procliticLetters returns the number of letters before the name in a
// mention of an entity named name: its proclitic's, and the ل of the
// article that ل drops (للنيجر = ل + النيجر: the name shown is نيجر, not
// لنيجر; لليبيا = ل + ليبيا).
func procliticLetters(m entities.Mention, name string) int {
	c := mentionClitic(m)
	n := utf8.RuneCountInString(c)
	if rest := strings.TrimPrefix(m.Text, c); strings.HasSuffix(c, "ل") && strings.HasPrefix(tokenize.Key(name), lexicon.Article) &&
		!strings.HasPrefix(tokenize.Key(rest), lexicon.Article) {
		n++
	}
	return n
}

// shownMention returns the mention of e a keyword shows: one that writes
// the entity's name, else one of the most words, a proclitic the
// gazetteer's match found apart unless it took the article's alef (للأمم
// المتحدة); among those, one without a proclitic, written without marks
// or tatweel, the longest, the first; def if every mention has a
// proclitic. ومايك بومبيو shows مايك بومبيو, not the بومبيو written
// alone; برشلونة shows before برشلونة الإسباني.
func shownMention(text string, e entities.Entity, def entities.Mention) entities.Mention {
	type rank struct {
		canonical, plain, bare, clean bool // writes e's name; no hashtag sign; no proclitic; no marks
		words, length                 int
	}
	nameWords := countWords(e.Name, isNameSpace)
	var name string // nameKey(e.Name), built when a mention has as many words
	var lastText string
	var lastCanonical bool
	canonical := func(rest string) bool {
		switch {
		case rest == e.Name:
			return true
		case strings.Contains(rest, "_") || countWords(rest, isNameSpace) != nameWords:
			return false // not #بنك_السودان_المركزي
		case rest == lastText:
			return lastCanonical
		}
		if name == "" {
			name = nameKey(e.Name)
		}
		lastText, lastCanonical = rest, nameKey(rest) == name
		return lastCanonical
	}
	rankOf := func(m entities.Mention) rank {
		return rank{canonical: canonical(m.Text[len(m.Clitic):]), plain: !strings.Contains(m.Text, "#"), bare: m.Clitic == "", clean: isClean(m.Text),
			words: countWords(m.Text, unicode.IsSpace), length: m.End - m.Start}
	}
	better := func(c, b rank) bool {
		switch {
		case c.canonical != b.canonical:
			return c.canonical
		case c.plain != b.plain:
			return c.plain // إيمانويل ماكرون before إيمانويل #ماكرون
		case c.words != b.words:
			return c.words > b.words // a hashtag is one word
		case c.bare != b.bare:
			return c.bare
		case c.clean != b.clean:
			return c.clean
		}
		return c.length > b.length
	}
	best, found := def, false
	var bestRank rank
	for _, c := range e.Mentions {
		if c.Clitic != "" && (c.Kind != entities.Clitic || procliticLetters(c, e.Name) != utf8.RuneCountInString(c.Clitic)) {
			continue
		}
		if r := rankOf(c); !found || better(r, bestRank) {
			best, bestRank, found = c, r, true
		}
	}
	return best
}

// shownSpan returns the span of text[start:end], a mention of e, that
// its keyword shows: the part after the last hashtag sign, which no name
// holds (ماكرون of إيمانويل #ماكرون); a name without an underscore with
// the words one joins to it (كيم_يونغ_أون, not كيم; معاهدة_لشبونة, not
// لشبونة); the name of e's gazetteer entry alone when the mention writes
// it and then definite words that describe it (ليفربول of ليفربول
// الإنجليزي، الضفة الغربية of الضفة الغربية المحتلة; not توني of توني
// كروس); and a place or an organisation without the demonym after its
// last word when that word has no article (سالسبيري of سالسبيري
// البريطانية; not الجيش السوري, البنك المركزي الإيراني, nor the person
// صفوان المصري). It reports false for a word of the lexicon's tables and
// a demonym (بنك سويسري), no name.
func shownSpan(text string, g *gazetteer.Index, e entities.Entity, start, end int) (int, int, bool) {
	if i := strings.LastIndexByte(text[start:end], '#'); i >= 0 && start+i+1 < end {
		start += i + 1
	}
	if !strings.Contains(text[start:end], "_") {
		start, end = underscoreRun(text, start, end)
	}
	if g == nil || e.Type == gazetteer.PER {
		return start, end, true
	}
	var ends []int // the end of each word but the last
	for i, r := range text[start:end] {
		if unicode.IsSpace(r) {
			ends = append(ends, start+i)
		}
	}
	if len(ends) == 0 {
		return start, end, true
	}
	if entry, ok := g.Summary(e.ID); ok {
		name := nameKey(entry.Name)
		for k, w := range ends {
			if nameKey(text[start:w]) == name && definiteWords(text[w:end]) {
				return start, ends[k], true
			}
		}
	}
	last := ends[len(ends)-1]
	prev := text[start:last]
	if i := strings.LastIndexFunc(prev, unicode.IsSpace); i >= 0 {
		prev = prev[i+1:]
	}
	if lexicon.HasArticle(tokenize.Key(prev)) || !isDemonym(g, strings.TrimLeftFunc(text[last:end], unicode.IsSpace)) {
		return start, end, true
	}
	if lex, err := lexicon.Default(); err == nil && len(ends) == 1 && lex.Class(tokenize.Key(prev))&(lexicon.Common|lexicon.NotName) != 0 {
		return start, end, false
	}
	return start, last, true
}

// bareFirstName reports whether term, the keyword of a person e whom the
// gazetteer does not know and the article names once or twice, is a first
// name of the lexicon alone (عمرو، جوزيف): it does not say who the
// article means. A person the article keeps calling by a first name (a
// pseudonym, مارتن four times) is its subject.
func bareFirstName(g *gazetteer.Index, e entities.Entity, term string) bool {
	if e.Type != gazetteer.PER || e.Count > 2 || strings.ContainsFunc(term, isNameSpace) {
		return false
	}
	if g != nil {
		if _, known := g.Summary(e.ID); known {
			return false
		}
	}
	lex, err := lexicon.Default()
	return err == nil && lex.Class(tokenize.Key(term))&lexicon.FirstName != 0
}

// definiteWords reports whether every word of s has the article.
func definiteWords(s string) bool {
	for w := range strings.FieldsSeq(s) {
		if !lexicon.HasArticle(tokenize.Key(w)) {
			return false
		}
	}
	return true
}

// underscoreRun returns text[start:end] with the words that underscores
// join to it on either side, as a hashtag writes a name of several words.
func underscoreRun(text string, start, end int) (int, int) {
	isWord := func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }
	for start > 0 && text[start-1] == '_' {
		start = strings.LastIndexFunc(text[:start-1], func(r rune) bool { return !isWord(r) }) + 1
	}
	for end < len(text) && text[end] == '_' {
		if i := strings.IndexFunc(text[end:], func(r rune) bool { return !isWord(r) }); i >= 0 {
			end += i
		} else {
			end = len(text)
		}
	}
	return start, end
}

// isDemonym reports whether the gazetteer knows a word as a demonym.
func isDemonym(g *gazetteer.Index, word string) bool {
	return slices.ContainsFunc(g.Lookup(word), func(c gazetteer.Candidate) bool { return c.Method == gazetteer.Demonym })
}

// countWords returns the number of words of s that sep separates.
func countWords(s string, sep func(rune) bool) int {
	n, in := 0, false
	for _, r := range s {
		if sep(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// shorterPiece reports whether m, a mention of a person or an
// organisation e, has a mention of another entity of e's type right
// before or after it, a space apart and
// no proclitic between, at least as long: the model cut one name in two
// (ماركوس | ألونسو ميندوزا، منظمة هيومن رايتس | ووتش), and the longer
// piece stands for it. A place beside a place is another place (نجران
// السعودية).
func shorterPiece(text string, ents []entities.Entity, e entities.Entity, m entities.Mention) bool {
	for _, o := range ents {
		if o.ID == e.ID || o.Type != e.Type || e.Type == gazetteer.LOC {
			continue
		}
		for _, n := range o.Mentions {
			after := n.Start == m.End+1 && n.Clitic == ""
			before := n.End+1 == m.Start && m.Clitic == ""
			if (after || before) && text[min(m.End, n.End)] == ' ' && len(n.Text) >= len(m.Text) && !weakName(n) {
				return true
			}
		}
	}
	return false
}

// hyphenated returns m with the words joined to it by a hyphen that the
// tagging model left out: كلود أرنو written جان-كلود أرنو is shown whole.
func hyphenated(text string, m entities.Mention) entities.Mention {
	if m.Clitic != "" {
		return m
	}
	for m.Start >= 2 && text[m.Start-1] == '-' && unicode.IsLetter(lastRune(text[:m.Start-1])) {
		m.Start = strings.LastIndexFunc(text[:m.Start-1], func(r rune) bool { return !unicode.IsLetter(r) }) + 1
	}
	for m.End < len(text)-1 && text[m.End] == '-' {
		r, _ := utf8.DecodeRuneInString(text[m.End+1:])
		if !unicode.IsLetter(r) {
			break
		}
		rest := text[m.End+1:]
		if i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
			m.End += 1 + i
		} else {
			m.End = len(text)
		}
	}
	m.Text = text[m.Start:m.End]
	return m
}

// lastRune returns the last rune of s, or utf8.RuneError.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// joinedMention returns m joined with the mentions of e right after it,
// a space apart: the pieces of one name that the model cut and the
// gazetteer linked each to it (بيت and لحم, Bethlehem).
func joinedMention(text string, e entities.Entity, m entities.Mention) entities.Mention {
	for {
		if m.End >= len(text) || text[m.End] != ' ' {
			return m
		}
		k := slices.IndexFunc(e.Mentions, func(n entities.Mention) bool { return n.Start == m.End+1 })
		if k < 0 {
			return m
		}
		m.End = e.Mentions[k].End
		m.Text = text[m.Start:m.End]
	}
}

// nameKey returns the Key of a name with its hyphens and underscores read
// as spaces (كيم جونغ-أون is كيم جونغ أون).
func nameKey(s string) string {
	return strings.Join(strings.FieldsFunc(tokenize.Key(s), isNameSpace), " ")
}

// isNameSpace reports whether r separates the words of a name.
func isNameSpace(r rune) bool { return r == ' ' || r == '-' || r == '_' || unicode.IsSpace(r) }

// isClean reports whether s has no diacritics, tatweel or invisible marks.
func isClean(s string) bool {
	for _, r := range s {
		if r == 0x0640 || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
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
