package article

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the recognisers, in words (runs of non-space characters that
// hold a letter or a digit) and runes. They are documented in doc.go.
const (
	maxTitleWords   = 25
	maxTitleRunes   = 200
	maxHeadingWords = 12
	maxHeadingRunes = 100
	maxPromoWords   = 30
	maxStartWords   = 40
	maxMetaWords    = 15
	maxTailWords    = 12
	maxSourceWords  = 4
	maxRelatedWords = 15
	prefixWords     = 8    // words read from the start of a line too long for promo rules
	minWrapWords    = 6    // a paragraph line wrapped inside a sentence has at least this many words
	sentenceWords   = 12   // a promo line longer than this that ends in a full stop is a sentence
	maxKeyBytes     = 2000 // longer lines are body text; their words are never matched
	leadLines       = 3    // metadata or boilerplate lines allowed before the title
	headerLines     = 5    // metadata lines allowed between the title and the body
)

// Parse recognises the structure of an article given as plain text, using
// DefaultRules. See the package documentation for what it recognises.
func Parse(text string) Structure { return DefaultRules().Parse(text) }

// Parse recognises the structure of text with the rules of r. It runs in
// time linear in len(text), never panics, and accepts any bytes: invalid
// UTF-8 is content like any other, and offsets stay byte offsets into
// text.
func (r *Rules) Parse(text string) Structure {
	s, _ := r.ParseContext(context.Background(), text)
	return s
}

// ParseContext is [Rules.Parse] for texts of any length: it checks ctx
// every 64 KiB of text and every thousand lines, and returns ctx's error
// when ctx is done.
func (r *Rules) ParseContext(ctx context.Context, text string) (Structure, error) {
	p := parser{text: text, r: r, ctx: ctx}
	if p.split(); p.err != nil {
		return Structure{}, p.err
	}
	p.blocks = make([]Block, 0, len(p.lines))
	p.from = make([]int, 0, len(p.lines))
	if p.run(); p.err != nil {
		return Structure{}, p.err
	}
	return Structure{Blocks: p.blocks}, nil
}

// Between two looks at the context, a parser reads checkBytes of text
// when it splits it into lines and checkLines lines when it classifies
// them.
const (
	checkBytes = 1 << 16
	checkLines = 1024
)

// done reports whether the parser's context is done, keeping its error.
func (p *parser) done() bool {
	p.err = p.ctx.Err()
	return p.err != nil
}

// line is one non-blank line of the text.
type line struct {
	start, end int  // trimmed span
	num        int  // 1-based line number
	gap        bool // a blank line, or the start of the text, comes before it
	words      int
	runes      int
	first      rune     // first rune
	last       rune     // last rune, closing quotes and brackets skipped
	closer     bool     // the line ends with a closing quote or bracket
	kw         []string // words of the Key form; nil for long lines
	partial    bool     // kw holds only the first words of the line

	boiler      bool // matches a boilerplate rule
	relatedHead bool // a related-links head with nothing else on the line
	meta        bool // starts with a metadata phrase
	date        bool // a date line
}

// ends reports whether the line ends a sentence, or a quotation.
func (l *line) ends() bool {
	return l.closer || isTerminal(l.last)
}

type parser struct {
	text   string
	r      *Rules
	lines  []line
	blocks []Block
	from   []int // index of the first line of each block
	ctx    context.Context
	err    error // ctx's error, once it is done
}

func (p *parser) add(k Kind, start, end, li int) {
	p.blocks = append(p.blocks, Block{Kind: k, Start: start, End: end, Line: p.lines[li].num})
	p.from = append(p.from, li)
}

// split finds the non-blank lines of the text and classifies each on its
// own.
func (p *parser) split() {
	text := p.text
	p.lines = make([]line, 0, strings.Count(text, "\n")/2+1)
	num, gap := 0, true
	checked := 0
	for pos := 0; pos <= len(text); {
		if pos-checked >= checkBytes {
			if checked = pos; p.done() {
				return
			}
		}
		end, next := len(text), len(text)+1
		if i := strings.IndexAny(text[pos:], "\r\n"); i >= 0 {
			end, next = pos+i, pos+i+1
			if text[end] == '\r' && next < len(text) && text[next] == '\n' {
				next++
			}
		}
		num++
		s, e := trim(text, pos, end)
		if s == e {
			gap = true
		} else {
			l := line{start: s, end: e, num: num, gap: gap}
			if p.measure(&l); p.err != nil {
				return
			}
			p.lines = append(p.lines, l)
			gap = false
		}
		pos = next
	}
}

// measure fills in the counts and the rule matches of l. It stops early
// when the parser's context is done.
func (p *parser) measure(l *line) {
	s := p.text[l.start:l.end]
	inField, alnum := false, false
	for i, check := 0, checkBytes; i < len(s); {
		if i >= check {
			// A line of megabytes.
			if check += checkBytes; p.done() {
				return
			}
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if i == 0 {
			l.first = c
		}
		i += size
		l.runes++
		if isSpace(c) {
			if inField && alnum {
				l.words++
			}
			inField, alnum = false, false
			continue
		}
		inField = true
		if isAlnum(c) || (c == utf8.RuneError && size == 1) {
			alnum = true
		}
	}
	if inField && alnum {
		l.words++
	}
	for e := len(s); e > 0; {
		c, size := utf8.DecodeLastRuneInString(s[:e])
		e -= size
		if isCloser(c) {
			l.closer = true
			continue
		}
		l.last = c
		break
	}
	if l.words == 0 {
		// Only punctuation and symbols: a rule, a separator, a stray "|".
		l.boiler = true
		return
	}
	if len(s) > maxKeyBytes || l.words > maxStartWords {
		return
	}
	r := p.r
	if l.words > maxPromoWords {
		// Only rules that look at the start of the line apply: read the
		// first words only.
		l.partial = true
		s = s[:prefixEnd(s, prefixWords)]
	}
	l.kw = keyWords(s, make([]string, 0, min(l.words, prefixWords)+2))
	kw := l.kw
	if len(kw) == 0 {
		return
	}
	sentence := l.words > sentenceWords && l.last == '.'
	switch {
	case !l.partial && !sentence && (r.promo.anywhere(kw) || containsAny(s, r.symbols)):
		l.boiler = true
	case r.start.at(kw, 0) > 0:
		l.boiler = true
	case l.partial:
	case len(kw) <= 4 && r.line[strings.Join(kw, " ")]:
		l.boiler = true
	case len(kw) >= 2 && allIn(kw, r.only):
		l.boiler = true
	}
	if n := r.related.at(kw, 0); n > 0 {
		l.boiler = true
		l.relatedHead = n == len(kw) && !l.partial
	}
	if l.boiler || l.words > maxMetaWords {
		return
	}
	l.meta = r.meta.at(kw, 0) > 0
	l.date = r.isDate(kw)
}

// isDate reports whether the words name a day and are mostly date words,
// time words and numbers.
func (r *Rules) isDate(kw []string) bool {
	anchor, year, small := false, false, false
	nums, dateish := 0, 0
	for _, w := range kw {
		switch {
		case r.date[w]:
			anchor = true
			dateish++
		case r.time[w]:
			dateish++
		case allDigits(w):
			nums++
			dateish++
			if n := atoi(w); len(w) == 4 && n >= 1300 && n <= 2100 {
				year = true
			} else if n >= 1 && n <= 31 {
				small = true
			}
		}
	}
	if nums >= 3 && year && small {
		anchor = true // 7/4/2021, 2021-04-07
	}
	return anchor && nums > 0 && 2*dateish > len(kw)
}

// run assigns a kind to every line, in one pass.
func (p *parser) run() {
	ls := p.lines
	n := len(ls)
	i := 0

	// Metadata or boilerplate before the title.
	for ; i < n && i < leadLines; i++ {
		if ls[i].boiler {
			p.add(Boilerplate, ls[i].start, ls[i].end, i)
		} else if ls[i].meta || ls[i].date {
			p.add(Dateline, ls[i].start, ls[i].end, i)
		} else {
			break
		}
	}

	// The title and its repetitions.
	if i < n && ls[i].words <= maxTitleWords && ls[i].runes <= maxTitleRunes &&
		!(ls[i].last == '.' && ls[i].words > sentenceWords) {
		p.add(Title, ls[i].start, ls[i].end, i)
		key := strings.Join(ls[i].kw, " ")
		for i++; i < n && key != "" && !ls[i].partial && len(ls[i].kw) == len(ls[i-1].kw) && strings.Join(ls[i].kw, " ") == key; i++ {
			p.add(DuplicateTitle, ls[i].start, ls[i].end, i)
		}

		// The header: datelines, sources, bylines between title and body.
		for h := 0; i < n && h < headerLines; h++ {
			l := &ls[i]
			if l.boiler {
				i = p.boilerplate(i)
				continue
			}
			if !(l.meta || l.date || p.sourceLine(l)) {
				break
			}
			p.add(Dateline, l.start, l.end, i)
			i++
		}
	}

	// The body.
	open := -1 // index of a paragraph block the next line may continue
	first := true
	for i < n {
		if i%checkLines == 0 && p.done() {
			return
		}
		l := &ls[i]
		switch {
		case l.boiler:
			i = p.boilerplate(i)
			open = -1
			continue
		case p.heading(i):
			p.add(Subheading, l.start, l.end, i)
			open = -1
		case open >= 0 && !l.gap && !ls[i-1].ends() && ls[i-1].words >= minWrapWords && !isBullet(l.first):
			// A line wrapped inside a sentence continues the paragraph.
			p.blocks[open].End = l.end
		default:
			start := l.start
			if first {
				if k := datelinePrefix(p.text[l.start:l.end]); k > 0 {
					p.add(Dateline, l.start, l.start+k, i)
					start, _ = trim(p.text, l.start+k, l.end)
				}
			}
			if start < l.end {
				p.add(Paragraph, start, l.end, i)
				open = len(p.blocks) - 1
			}
		}
		first = false
		i++
	}

	// The tail: source and byline lines after the last paragraph.
	for b := len(p.blocks) - 1; b >= 0; b-- {
		blk := &p.blocks[b]
		if blk.Kind == Boilerplate || blk.Kind == Dateline {
			continue
		}
		l := &ls[p.from[b]]
		if blk.Kind != Paragraph || blk.Start != l.start || blk.End != l.end ||
			l.words > maxTailWords || !(l.meta || l.date) {
			break
		}
		blk.Kind = Dateline
	}
}

// boilerplate adds line i as Boilerplate, and after a related-links head
// the list of headlines under it. It returns the index of the next line
// to classify.
func (p *parser) boilerplate(i int) int {
	ls := p.lines
	p.add(Boilerplate, ls[i].start, ls[i].end, i)
	head := ls[i].relatedHead
	i++
	if !head {
		return i
	}
	for ; i < len(ls); i++ {
		l := &ls[i]
		if l.boiler && !l.relatedHead {
			p.add(Boilerplate, l.start, l.end, i)
			continue
		}
		if l.boiler || l.words > maxRelatedWords || l.ends() {
			break
		}
		// A subheading directly followed by its paragraph ends the list.
		if i+1 < len(ls) && !ls[i+1].gap && p.paragraphLike(&ls[i+1], l.words) {
			break
		}
		p.add(Boilerplate, l.start, l.end, i)
	}
	return i
}

// heading reports whether line i is a subheading: short, not ending in
// sentence punctuation, after the end of a paragraph, and followed by a
// longer paragraph.
func (p *parser) heading(i int) bool {
	ls := p.lines
	l := &ls[i]
	if l.words > maxHeadingWords || l.runes > maxHeadingRunes || len(l.kw) == 0 || i+1 >= len(ls) {
		return false
	}
	switch l.last {
	case '.', '!', '…', '۔', ':', '،', ',', ';', '؛', '-', '–', '—':
		return false
	}
	if isBullet(l.first) {
		return false
	}
	if !l.gap && i > 0 && len(p.blocks) > 0 && p.blocks[len(p.blocks)-1].Kind == Paragraph && !ls[i-1].ends() {
		return false // the tail of a wrapped sentence
	}
	return p.paragraphLike(&ls[i+1], l.words)
}

// paragraphLike reports whether l reads as body text longer than a line of
// words words.
func (p *parser) paragraphLike(l *line, words int) bool {
	return !l.boiler && l.words > words && (l.words > maxHeadingWords || l.ends())
}

// sourceLine reports whether l, in the header, is a short source, place or
// agency line: "العربية", "الرياض - وكالات", "القاهرة - (رويترز) -".
func (p *parser) sourceLine(l *line) bool {
	s := p.text[l.start:l.end]
	if datelinePrefix(s) == len(s) {
		return true
	}
	return l.words <= maxSourceWords && len(l.kw) > 0 && !l.ends() && l.last != ':' && !isBullet(l.first)
}

// datelinePrefix returns the length of an agency dateline at the start of
// s, "القاهرة - (رويترز) - ", "دبي، الإمارات العربية المتحدة (CNN)-- " or
// "CAIRO (Reuters) - ", up to and including the dash after the
// parenthesis; 0 if there is none.
func datelinePrefix(s string) int {
	open := strings.IndexByte(s[:min(len(s), 120)], '(')
	if open <= 0 {
		return 0
	}
	place := strings.TrimRight(s[:open], " \t-–—")
	// One comma may part a city from its country: "أتلانتا، الولايات
	// المتحدة الأمريكية (CNN) –".
	city, country, pair := strings.Cut(place, "،")
	if !pair {
		city, country, pair = strings.Cut(place, ",")
	}
	if pair && (strings.TrimSpace(city) == "" || strings.TrimSpace(country) == "") {
		return 0
	}
	if place == "" || fields(place) > 5 || strings.ContainsAny(city+country, "،,:؛;!?؟\"«»()") {
		return 0
	}
	close := strings.IndexByte(s[open:min(len(s), open+80)], ')')
	if close < 0 {
		return 0
	}
	close += open
	inner := s[open+1 : close]
	if n := fields(inner); n < 1 || n > 4 || strings.ContainsFunc(inner, unicode.IsDigit) {
		return 0
	}
	if pair && strings.ContainsFunc(inner, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
		return 0 // with a comma, only a Latin source: (CNN), (AFP)
	}
	end := close + 1
	for end < len(s) && (s[end] == ' ' || s[end] == '\t') {
		end++
	}
	c, size := utf8.DecodeRuneInString(s[end:])
	if c != '-' && c != '–' && c != '—' {
		return 0
	}
	end += size
	for strings.HasPrefix(s[end:], "-") {
		end++ // (CNN)--
	}
	return end
}

// trim returns the span of text[start:end] without the white space and
// invisible marks around it.
func trim(text string, start, end int) (int, int) {
	for start < end {
		c, size := utf8.DecodeRuneInString(text[start:end])
		if !isSpace(c) || (c == utf8.RuneError && size == 1) {
			break
		}
		start += size
	}
	for end > start {
		c, size := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(c) || (c == utf8.RuneError && size == 1) {
			break
		}
		end -= size
	}
	return start, end
}

// isSpace reports white space and the invisible marks that carry no
// content at the edge of a line: zero-width space, joiners, direction
// marks and embeddings, word joiner, soft hyphen, BOM.
func isSpace(c rune) bool {
	switch {
	case c < 0x80:
		return c == ' ' || c >= '\t' && c <= '\r'
	case c >= 0x0600 && c <= 0x06FF:
		return false
	case unicode.IsSpace(c):
		return true
	case c >= 0x200B && c <= 0x200F, c >= 0x202A && c <= 0x202E, c >= 0x2060 && c <= 0x2069,
		c == 0x00AD, c == 0xFEFF:
		return true
	}
	return false
}

// isAlnum reports letters and digits, with fast paths for ASCII and the
// Arabic block.
func isAlnum(c rune) bool {
	switch {
	case c < 0x80:
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	case c >= 0x0621 && c <= 0x064A, c >= 0x0660 && c <= 0x0669, c >= 0x0671 && c <= 0x06D3, c >= 0x06F0 && c <= 0x06FC:
		return true
	case c >= 0x0600 && c <= 0x06FF:
		return unicode.IsLetter(c) || unicode.IsDigit(c)
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

func isTerminal(c rune) bool {
	switch c {
	case '.', '!', '?', '؟', '…', '۔':
		return true
	}
	return false
}

func isCloser(c rune) bool {
	switch c {
	case '"', '\'', '»', '”', '’', '›', ')', ']', '}':
		return true
	}
	return false
}

func isBullet(c rune) bool {
	switch c {
	case '-', '–', '—', '•', '·', '*', '▪', '■', '►', '▶', '◄', '○', '●', '+', '>':
		return true
	}
	return false
}

// prefixEnd returns the end of the first n space-separated fields of s.
func prefixEnd(s string, n int) int {
	in := false
	for i, c := range s {
		if isSpace(c) {
			if in {
				n--
				if n == 0 {
					return i
				}
			}
			in = false
		} else {
			in = true
		}
	}
	return len(s)
}

func fields(s string) int {
	n, in := 0, false
	for _, c := range s {
		if isSpace(c) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func allIn(words []string, set map[string]bool) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return true
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// atoi converts a string of ASCII digits, saturating at a large value.
func atoi(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		n = n*10 + int(w[i]-'0')
		if n > 1e6 {
			return n
		}
	}
	return n
}
