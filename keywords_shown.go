package khabar

// How a keyword that names an entity is shown: the mention it shows, the
// span of that mention without its proclitic, hashtag sign or the words
// that describe the name, and the names that give no keyword.

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
)

// mentionClitic returns the proclitic letters at the start of a mention:
// its Clitic; for another whose first word is a proclitic and a head of
// the tables (لمنظمة), those letters; or for a name found by rules or by
// the tagging model whose
// first word, not a first name itself, reads as a conjunction or
// preposition before a first name or a word of the lexicon (ومحمد إيهاب،
// بنهب خزائن، بسرطان القولون), as ل before the article without its alef
// (للبيتزا), or as و or ف before a hamza on alef and three letters or
// more (وأتلتيك، وأيت أحمد; four when the name has one word), those
// letters.
func mentionClitic(m entities.Mention) string {
	if m.Clitic != "" {
		return m.Clitic
	}
	first, _, _ := strings.Cut(m.Text, " ")
	lex, err := lexicon.Default()
	if err != nil {
		return ""
	}
	key := tokenize.Key(first)
	if m.Kind != entities.Rule && m.Kind != entities.Tagged {
		// لمنظمة الخوذ البيضاء: a name of the gazetteer that the model's
		// span gave its head and the head's proclitic. No head of the
		// tables begins with a proclitic (لجنة، بنك، وزارة are whole).
		if s, ok := tokenize.StripProclitics(key); ok && !lexicon.HasArticle(s.Stem) && lex.Class(s.Stem)&(lexicon.OrgHead|lexicon.PlaceHead) != 0 && lex.Class(key) == 0 {
			return s.Prefix
		}
		return ""
	}
	if lex.Class(key)&(lexicon.FirstName|lexicon.FirstNameHead) != 0 {
		return "" // لبنى is a first name, not ل + بنى
	}
	if s, ok := tokenize.StripProclitics(key); ok && lex.Class(s.Stem)&(lexicon.FirstName|lexicon.Common) != 0 && !transliteratedKa(first, s.Prefix) {
		return s.Prefix
	}
	if rest, ok := strings.CutPrefix(key, "لل"); ok && utf8.RuneCountInString(rest) >= 3 {
		return "ل" // للبيتزا، للمعهد العالي: ل and the article without its alef
	}
	least := 4 // in a name of several words, three: وأيت أحمد
	if strings.Contains(m.Text, " ") {
		least = 3
	}
	if r, size := utf8.DecodeRuneInString(first); (r == 'و' || r == 'ف') && utf8.RuneCountInString(first[size:]) >= least {
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
		strings.HasPrefix(rest, "ل") && !strings.HasPrefix(tokenize.Key(rest), lexicon.Article) {
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
	if inGazetteer(g, e.ID) {
		return false
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
