package tfidf

import (
	"cmp"
	"context"
	"errors"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/khabar-nlp/khabar/tokenize"
)

// Keyword is one keyword or keyphrase of an article. Its JSON field
// names are stable.
type Keyword struct {
	// Term is the keyword exactly as the article writes it at one of its
	// occurrences, text[Start:End]: the occurrence of its most frequent
	// form (النفط, not the stem نفط; خفض الإنتاج for a phrase), without a
	// proclitic (محافظة for بمحافظة).
	Term string `json:"term"`
	// Name is the canonical name of the entity the keyword names, when the
	// keyword lies in a mention of one (set by khabar.Analyzer, which may
	// show ترامب with the Name دونالد ترامب); empty otherwise.
	Name string `json:"name,omitempty"`
	// Entity is that entity's ID, when Name is set.
	Entity string `json:"entity,omitempty"`
	// Key is the stem, or the two stems joined by a space. It is left out
	// of JSON, which shows readable forms only.
	Key string `json:"-"`
	// Score is the weight the keywords are ranked by (see
	// [Space.Keywords]); higher is better.
	Score float64 `json:"score"`
	// Count is the number of occurrences in the article.
	Count int `json:"count"`
	// Start and End are 0-based byte offsets of the occurrence shown
	// (text[Start:End] == Term), End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Span is a span of text, text[Start:End] in byte offsets.
type Span struct {
	Start, End int
	// Proclitic is the length in bytes of the proclitics at Start that
	// are not part of the name (و of ورومانيا, ل of لإسرائيل): a word
	// after a proclitic opens no phrase with the word before it.
	Proclitic int
}

// minWordCount is how many times, a title's counting twice, an article
// must write a word outside the names given to [Space.Keywords] for the
// word to be a keyword alone: a word said once or twice in passing (مغفرة،
// الترويج) is seldom what the article is about. With no names given, a
// word said twice is enough (it may be a name).
const minWordCount = 3

// Keywords returns up to n keywords of text, best first, scored against
// the space's document frequencies. A keyword is a noun, a name or a noun
// phrase (see "Keyword candidates" in candidates.go): never a verb, an
// adverb, a time word, a connective, a word of one or two letters, nor a
// word with its proclitic (the proclitic is left out of its span). For a
// word with stem s:
//
//	score = (1 + ln(count + titleCount)) × idf(s)
//
// where titleCount counts occurrences in the first paragraph (the
// headline) once more, and idf is the space's idf for s, or
// [Weights.UnseenIDF] if s is not in the vocabulary. Words dropped by
// [WithMaxDF] are never keywords, nor are stop words or numbers (see
// [Terms]). An adjective of the lexicon is scored but is no keyword alone,
// and a word met once, outside the headline and outside names, is none
// either: against a background that does not know it, one occurrence says
// little. When names are given, a word outside them is a keyword alone
// only if it may be a name they miss, a word in another script that the
// space does not know (iPhone); an Arabic word is a keyword there only
// in a phrase (مذكرة تفاهم, not الفيلم): alone, fewer than half of them
// were keywords to readers. An article left with no keyword at all gets
// its best Arabic word alone (الذهب of الذهب يرتفع مع تخلي الدولار). A word of a hashtag of several words is
// shown only from another occurrence. A candidate scoring below half of
// [Weights.UnseenIDF] — a common word of news by the background — is left
// out, so a short article may have fewer than n keywords; so is one whose
// every occurrence carries a pronoun suffix.
//
// A pair of adjacent words — a noun or name, then a noun, name or
// adjective without a proclitic — becomes a keyphrase when it occurs at
// least twice and both words are among the 3n best words; it scores
//
//	(s1 + s2)/2 × (0.5 + pairCount/min(count1, count2))
//
// so a pair that always occurs together outranks its words. A pair is no
// keyphrase when both its words are frequent in the background (one story
// in ten, then three in ten: مقطع فيديو), when it spans two names or a
// name given with its proclitic ([Span.Proclitic]), or when a title or a
// word such as النادي comes before an adjective (النادي البافاري). When
// names are given, nor is a pair whose second word heads a construct at
// least half the time (دوري أبطال of دوري أبطال أوروبا), nor, outside the
// names, one whose second word always has an adjective after it (صندوق
// الثروة of صندوق الثروة السيادي), one that ends in an adjective of time
// (الخدمة الجديدة) or of degree (زيادة هائلة; see
// [lexicon.Lexicon.Degree]), or one said only twice, neither time in the
// headline. Keywords are then taken greedily by score, skipping any that shares a stem with one
// already taken: a phrase and its words, or two phrases with a common
// word, never both appear. Ties are broken by key in byte order.
//
// A word inside one of names — spans of text naming an entity, such as
// the mentions package entities finds — is a candidate whatever its
// class: a name may hold an adjective (البحر الأحمر) or have a verb's
// shape. When names are given (even none: a non-nil empty slice), a word
// unknown to the lexicon outside them needs evidence that it is a noun
// (see candidates.go), for the names are known; without them, such a
// word may be a name and is a candidate.
//
// A sentence whose terms repeat those of an earlier sentence exactly (a
// headline printed twice, a repeated caption) is counted once.
//
// Keywords is safe for concurrent use. It returns nil if n ≤ 0.
func (s *Space) Keywords(text string, n int, names ...Span) []Keyword {
	tz := s.vec.terms.tokenizer()
	kws, _ := s.keywords(context.Background(), text, func() iter.Seq[tokenize.Token] { return tz.Tokens(text) }, len(text)/6, n, names)
	return kws
}

// KeywordsList is [Space.Keywords] for the text l was read from
// (l.Source()), given as its tokens, which must come from the tokenizer of
// the space's [TermOptions] ([tokenize.Default] when it has none); l may
// be a [tokenize.Tokenizer.ListBlanked] of the text, whose blank spans
// then give no keyword. It reads the tokens twice and keeps no list of
// them nor of the terms: beyond the tokens, it holds a counter per
// distinct term and display form and the terms of one sentence. It checks
// ctx every few thousand tokens and returns ctx's error when it is done,
// and an error if l comes from another tokenizer.
func (s *Space) KeywordsList(ctx context.Context, l *tokenize.List, n int, names ...Span) ([]Keyword, error) {
	if l.Tokenizer() != s.vec.terms.tokenizer() {
		return nil, errors.New("tfidf: KeywordsList: tokens from another tokenizer than the space's")
	}
	tokens := func() iter.Seq[tokenize.Token] {
		return func(yield func(tokenize.Token) bool) {
			for i := range l.Len() {
				if i%checkEvery == 0 && ctx.Err() != nil {
					return
				}
				if !yield(l.Token(i)) {
					return
				}
			}
		}
	}
	return s.keywords(ctx, l.Source(), tokens, l.Len(), n, names)
}

// checkEvery is how many tokens are read between two looks at a context.
const checkEvery = 4096

// keywords is Keywords for the tokens of text that tokens returns (twice),
// about size of them.
func (s *Space) keywords(ctx context.Context, text string, tokens func() iter.Seq[tokenize.Token], size, n int, names []Span) ([]Keyword, error) {
	if n <= 0 {
		return nil, nil
	}
	opts := s.vec.terms
	opts.Bigrams = true
	opts.Extra = nil
	inNames := newSpanIndex(names)

	// Sized for an article: growing these maps word by word cost more
	// than filling them (a long text has far fewer distinct words than
	// words).
	size = min(size, 1<<14)
	stats := make(map[string]*kwStat, size)
	order := make([]*kwStat, 0, size)
	// The keys of the words, each word as written keyed once.
	bare := make(map[string]bool, size/2)
	written := make(map[string]bool, size/2)
	scanSentences(tokens(), opts, func(t *TermRef) {
		if w := text[t.Start:t.End]; t.Kind == Word && !written[w] {
			written[w] = true
			bare[tokenize.Key(w)] = true
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	views := make(map[string]wordView, size/2) // word as written → its view, start relative
	var prev, cur wordView                     // the last two words: a bigram follows its second
	var prevOcc, curOcc *kwStat                // the stats whose last occurrences are prev's and cur's
	var prevName, curName bool                 // whether prev and cur lie in names
	var wordInName bool                        // whether cur lies in a name or holds one after its proclitics
	var prevKnown, curKnown bool               // whether the background knows prev and cur as written
	// The occurrence of the last word waits for the bigram after it,
	// which may make it an adjective (rank 1), before it is counted.
	var pending occurrence
	commit := func() {
		if curOcc != nil {
			curOcc.add(pending)
		}
	}
	// The keys of the last three words and whether each is adjacent to
	// the one before it, to tell the word before and after a phrase.
	var w0, w1, w2 uint64
	var linked0, linked1 bool
	var lastPair *kwStat   // the phrase of the last pair of words, if any
	var pairEnding *kwStat // at a pair, the phrase of the pair before it that ends at its first word, if any
	var pairBefore uint64  // the word before the pair, if pairLinked
	var pairLinked bool
	var key []byte
	scanSentences(tokens(), opts, func(t *TermRef) {
		var start, rank int
		switch t.Kind {
		case Word:
			w2, w1, w0 = w1, w0, contextKey(t.Key)
			linked1, linked0 = linked0, false
		case Bigram:
			linked0 = true
			pairBefore, pairLinked = w2, linked1
			pairEnding = nil
			if linked1 && lastPair != nil {
				lastPair.after.note(w0)
				pairEnding = lastPair
			}
			lastPair = nil
			if curOcc != nil {
				curOcc.before.note(w1)
			}
			if prevOcc != nil {
				prevOcc.after.note(w0)
			}
		}
		switch t.Kind {
		case Word:
			commit()
			prev, prevOcc, curOcc = cur, curOcc, nil
			prevKnown, curKnown = curKnown, false
			prevName = curName
			curName = inNames.contains(t.Start, t.End)
			wordInName = curName
			if curName {
				cur = viewWord(text, t, true, bare, names == nil)
			} else if at, ok := inNames.nameInside(t.Start, t.End); ok {
				// وأمازون where the name is أمازون: the letters
				// before the name are its proclitics.
				cur = viewWord(text, t, true, bare, names == nil)
				cur.start, cur.clitic = at, true
				wordInName = true
			} else if v, ok := views[text[t.Start:t.End]]; ok {
				// A word written alike reads alike: classify it once.
				cur = v
				cur.start += t.Start
			} else {
				cur = viewWord(text, t, false, bare, names == nil)
				v = cur
				v.start -= t.Start
				views[text[t.Start:t.End]] = v
			}
			if !cur.ok {
				return
			}
			start, rank = cur.start, 1
			_, known := s.vec.Column(string(t.Key))
			if cur.prep && !known {
				cur.lead, cur.noun = false, false // كنسخة تجريبية: ك + نسخة, or a word
			}
			curKnown = known
			if cur.noun && !cur.adj {
				rank = 2
			}
			if cur.form {
				rank = 0
			}
			if !curName && inLongHashtag(text, t.Start, t.End) {
				rank = min(rank, 1) // الرازق of #غادة_عبد_الرازق: shown from another occurrence only
			}
		case Bigram:
			if pairEnding != nil && !prev.def && (cur.def && !cur.clitic || curName) &&
				!cur.clitic && !inNames.proclitic(cur.start, t.End) && !prev.adj && !prev.nisba {
				// دوري أبطال أوروبا، سلسلة جبال الألب: the pair's second
				// word, indefinite, heads a construct with the word
				// after it.
				pairEnding.heads++
			}
			if curOcc != nil && prev.ok && !cur.clitic && prev.def == cur.def && !inNames.contains(cur.start, t.End) {
				// نوبة قلبية، المعارضة المسلحة، حقاني المتطرفة: a
				// word after a word of its definiteness is its
				// adjective, no keyword alone.
				pending.rank = min(pending.rank, 1)
				if pairEnding != nil && cur.describes {
					pairEnding.described++ // جبهات الساحل الغربي
				}
			}
			if !prev.ok || !prev.lead || prev.form || !cur.ok || !cur.noun || cur.clitic || cur.form {
				return
			}
			if cur.adj && descriptorHeads()[prevKey(string(t.Key))] {
				return // النادي البافاري، العاصمة الفرنسية: another name for a name
			}
			if prevName && curName && !inNames.contains(prev.start, t.End) {
				return // التشيك والمجر، المجر ورومانيا: two names
			}
			if curName && !prevName && inNames.proclitic(cur.start, t.End) {
				return // مناهضة لإسرائيل: a preposition before a name
			}
			if prevName && !inNames.contains(cur.start, t.End) && strings.HasPrefix(text[cur.start:t.End], "و") {
				return // غوغل وأمازون: a conjunction after a name
			}
			if prev.def && cur.def && !inNames.contains(cur.start, t.End) && !cur.describes {
				return
			}
			start, rank = prev.start, 2
			if prev.lostArticle || prev.waw && !prevKnown {
				rank = 1 // وهشاشة العظام، نظام المصرفي: shown from another occurrence if any
			}
		default:
			return
		}
		key = append(key[:0], t.Key...)
		switch {
		case t.Kind == Word && cur.key != "":
			key = append(key[:0], cur.key...)
		case t.Kind == Bigram && (prev.key != "" || cur.key != ""):
			a, b := splitBigram(string(t.Key))
			key = append(append(append(key[:0], cmp.Or(prev.key, a)...), ' '), cmp.Or(cur.key, b)...)
		}
		st := stats[string(key)]
		if st == nil {
			st = &kwStat{key: string(key), kind: t.Kind}
			stats[st.key] = st
			order = append(order, st)
		}
		st.name = st.name || t.Kind == Word && wordInName
		st.tableNoun = st.tableNoun || t.Kind == Word && cur.table
		st.def = st.def || t.Kind == Word && cur.def && !st.name
		st.degree = st.degree || t.Kind == Word && cur.degree && !wordInName
		st.arabic = st.arabic || t.Kind == Word && !wordInName && !cur.foreign
		st.count++
		if t.Paragraph == 0 {
			st.title++
		}
		span := text[start:t.End]
		surface := display.String(span)
		o := occurrence{start: start, end: t.End, surface: surface, clean: surface == span, rank: rank, clitic: start != t.Start}
		st.clitic = st.clitic || start != t.Start
		if t.Kind == Word {
			curOcc, pending = st, o
		} else {
			st.add(o)
			if pairLinked {
				st.before.note(pairBefore)
			}
			lastPair = st
		}
	})
	commit()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var words []*kwStat
	for _, st := range order {
		if st.kind != Word || s.vec.IsCommon(st.key) {
			continue
		}
		idf := s.idf(st.key)
		if !st.clitic {
			// No occurrence lost a proclitic: nothing else to look up.
		} else if o := st.shown(); o.clitic {
			// بدعم shown as دعم: the background may know the word
			// without its proclitic, which the stemmer keeps.
			if ts := Terms(text[o.start:o.end], TermOptions{}); len(ts) == 1 {
				idf = min(idf, s.idf(ts[0].Key))
			}
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
	var cands []*kwStat
	var alone []*kwStat // Arabic words given only when nothing else is
	for _, w := range words {
		minCount := 2 // with no names given, a word said twice may be one
		if names != nil {
			minCount = minWordCount
		}
		if w.best() != 2 || w.count+w.title < minCount && !w.name {
			continue
		}
		if _, known := s.vec.Column(w.key); names != nil && !w.name && (known || w.arabic) {
			// Alone, an Arabic word outside the names is no keyword
			// when names are given: readers took only 68 of the 158
			// such words on 120 tuning articles for keywords
			// (الروبوتات، السكر beside الفيلم، الجريمة، المبنى), and
			// neither count, headline, lead nor score told the two
			// apart. In a phrase it may be one (مذكرة تفاهم). A word
			// in another script may be a name the caller missed
			// (iPhone).
			alone = append(alone, w)
			continue
		}
		cands = append(cands, w)
	}
	// A noun of the lexicon's tables is a word of news at large: alone,
	// a background that does not know it takes it for one in ten
	// documents (in a phrase it keeps its weight: الذكاء الاصطناعي).
	everyTenth := s.tfidf.idfOf(max(1, s.tfidf.nDocs/10))
	common := everyTenth / s.tfidf.UnseenIDF()
	// A phrase of a word that the background finds in one story in ten or
	// more, then one it finds in three in ten or more, says nothing of
	// its own (حياة المواطنين، نوع جديد).
	frequent := s.tfidf.idfOf(max(1, 3*s.tfidf.nDocs/10))
	single := make(map[*kwStat]float64, len(cands)+len(alone))
	for _, w := range slices.Concat(cands, alone) {
		single[w] = w.score
		if _, known := s.vec.Column(w.key); !known && w.tableNoun {
			single[w] = w.score * common
		}
	}
	for _, st := range order {
		if st.kind != Bigram || st.count < 2 {
			continue
		}
		a, b := splitBigram(st.key)
		wa, wb := good[a], good[b]
		if wa == nil || wb == nil || a == b || st.fragment() || st.best() < 2 {
			continue
		}
		if names != nil && 2*st.heads >= st.count {
			// دوري أبطال أوروبا، سلسلة جبال الألب: a phrase whose
			// second word heads a construct at least half the time is
			// the start of a longer name, whatever follows it.
			continue
		}
		// The rules below apply when names are given, and leave them alone.
		outside := false
		if names != nil {
			o := st.shown()
			outside = !inNames.contains(o.start, o.end)
		}
		if outside && s.idf(a) <= everyTenth && s.idf(b) <= frequent {
			continue // حياة المواطنين، مقطع فيديو، مدة طويلة، نوع جديد
		}
		if outside && timeAdjectives()[b] {
			continue // الخدمة الجديدة، الجهاز الجديد، الرئيس السابق
		}
		if outside && wb.degree {
			// زيادة هائلة، ألم حاد، أضرار خطيرة: an adjective of
			// degree says how much, not what the article is about.
			continue
		}
		if outside && st.described == st.count {
			// صندوق الثروة السيادي، مكتب التحقيقات الفيدرالي: a phrase
			// whose second word always has an adjective after it is the
			// start of a longer one.
			continue
		}
		if outside && st.count+st.title < minWordCount {
			// A phrase said twice, neither time in the headline, is
			// seldom what the article is about (المؤلف المشارك، تجربة
			// علمية): a third of such phrases are no keywords (the
			// tuning part of the dev split).
			continue
		}
		st.score = (wa.score + wb.score) / 2 * (0.5 + float64(st.count)/float64(min(wa.count, wb.count)))
		cands = append(cands, st)
	}
	for w, sc := range single {
		w.score = sc
	}
	slices.SortFunc(cands, byScore)
	// A candidate below half the weight of a word the background does not
	// know, said once, is a common word of news: it would pad a short
	// list without saying what the article is about.
	floor := s.tfidf.UnseenIDF() / 2
	cands = slices.DeleteFunc(cands, func(c *kwStat) bool { return c.score < floor || c.best() == 0 })

	used := make(map[string]bool)
	shownTerms := make(map[string]bool)
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
		o := c.shown()
		if slices.ContainsFunc(parts, func(p string) bool { return used[p] }) || shownTerms[text[o.start:o.end]] {
			continue
		}
		for _, p := range parts {
			used[p] = true
		}
		shownTerms[text[o.start:o.end]] = true
		out = append(out, Keyword{
			Term:  text[o.start:o.end],
			Key:   c.key,
			Score: c.score,
			Count: c.count,
			Start: o.start,
			End:   o.end,
		})
	}
	if len(out) == 0 && n > 0 {
		// An article with no name and no phrase (الذهب يرتفع مع تخلي
		// الدولار عن مكاسبه) gets its best word alone rather than
		// nothing.
		slices.SortFunc(alone, byScore)
		if i := slices.IndexFunc(alone, func(c *kwStat) bool { return c.score >= floor && c.best() != 0 }); i >= 0 {
			c := alone[i]
			o := c.shown()
			out = append(out, Keyword{Term: text[o.start:o.end], Key: c.key, Score: c.score, Count: c.count, Start: o.start, End: o.end})
		}
	}
	return out, nil
}

// inLongHashtag reports whether text[start:end] is a word of a hashtag of
// several words (#غادة_عبد_الرازق): an underscore joins it to another.
func inLongHashtag(text string, start, end int) bool {
	return start > 0 && text[start-1] == '_' || end < len(text) && text[end] == '_'
}

// idf returns the idf of a term key: the space's, or the unseen one.
func (s *Space) idf(key string) float64 {
	if j, ok := s.vec.Column(key); ok {
		return s.tfidf.IDF(j)
	}
	return s.tfidf.UnseenIDF()
}

// scanSentences calls fn for each term of tokens, as ScanTerms does, but
// for the terms of a sentence whose term keys are exactly those of an
// earlier sentence. It holds the terms of one sentence at a time and the
// keys of each distinct sentence.
func scanSentences(tokens iter.Seq[tokenize.Token], opts TermOptions, fn func(t *TermRef)) {
	type term struct {
		TermRef
		off, n int // the key in keys
	}
	var (
		seen = make(map[string]bool)
		cur  []term
		keys []byte // the keys of cur, each followed by a 0 byte
	)
	flush := func() {
		if len(cur) == 0 || seen[string(keys)] {
			cur, keys = cur[:0], keys[:0]
			return
		}
		seen[string(keys)] = true
		for k := range cur {
			t := &cur[k]
			t.Key = keys[t.off : t.off+t.n]
			fn(&t.TermRef)
		}
		cur, keys = cur[:0], keys[:0]
	}
	ScanTerms(tokens, opts, func(t *TermRef) bool {
		if len(cur) > 0 && cur[0].Sentence != t.Sentence {
			flush()
		}
		cur = append(cur, term{TermRef: *t, off: len(keys), n: len(t.Key)})
		cur[len(cur)-1].Key = nil
		keys = append(append(keys, t.Key...), 0)
		return true
	})
	flush()
}
