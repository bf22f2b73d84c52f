package khabar

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/lexicon"
	"github.com/khabar-nlp/khabar/tokenize"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// TestKeywordsAreTheArticlesText checks, on the project's test articles
// and the seed article, that every keyword is the article's own text at
// its offsets, and a keyword by the rules: no verb of the lexicon, no word
// of one or two letters, no proclitic left on a word unknown to the
// lexicon, and the canonical name, when it differs, in Name.
func TestKeywordsAreTheArticlesText(t *testing.T) {
	files, err := filepath.Glob("testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	if seed := devdata.Path("seed-article/000_354d3392e6522b73.txt"); fileExists(seed) {
		files = append(files, seed)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	a := defaultAnalyzer(t)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := a.Analyze(context.Background(), string(b))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Keywords) == 0 {
			t.Errorf("%s: no keywords", f)
		}
		for _, k := range res.Keywords {
			if k.Start < 0 || k.End > len(res.Text) || res.Text[k.Start:k.End] != k.Term {
				t.Errorf("%s: keyword %q at %d:%d, the text there is %q", f, k.Term, k.Start, k.End, res.Text[max(0, k.Start):min(len(res.Text), k.End)])
				continue
			}
			if k.Name == "" && k.Entity != "" || k.Name != "" && k.Entity == "" {
				t.Errorf("%s: keyword %q: name %q, entity %q", f, k.Term, k.Name, k.Entity)
			}
			for _, w := range strings.FieldsFunc(k.Term, func(r rune) bool { return unicode.IsSpace(r) || r == '_' }) {
				key := tokenize.Key(w)
				letters := 0
				for _, r := range key {
					if unicode.IsLetter(r) {
						letters++
					}
				}
				switch cls := lex.Analyze(key).Class; {
				case k.Entity == "" && cls&lexicon.Verb != 0 && cls&lexicon.Noun == 0 && letters != 3:
					t.Errorf("%s: keyword %q holds the verb %q", f, k.Term, w)
				case k.Entity == "" && letters < 3:
					t.Errorf("%s: keyword %q holds the fragment %q", f, k.Term, w)
				case k.Entity == "" && !strings.HasPrefix(key, "ال") && cls == 0 && lex.Analyze(key).Split.Stem != "" && strings.HasPrefix(k.Term, w):
					t.Errorf("%s: keyword %q begins with a proclitic (%v)", f, k.Term, lex.Analyze(key).Split)
				}
			}
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestMentionSpansLeaveOutWeakNames checks which mentions keywords take
// as names: not a name the model found once in Arabic script below an
// even chance, but such a name in Latin letters, a likelier one, or one
// of the gazetteer.
func TestMentionSpansLeaveOutWeakNames(t *testing.T) {
	one := func(text string, kind entities.Kind, score float64, start int) entities.Entity {
		return entities.Entity{Type: gazetteer.ORG, Mentions: []entities.Mention{{Text: text, Start: start, End: start + len(text), Kind: kind, Score: score}}}
	}
	ents := []entities.Entity{
		one("ميغابايت", entities.Tagged, 0.28, 0),
		one("J.P. Morgan", entities.Tagged, 0.3, 100),
		one("ريكوردد فيوتشر", entities.Tagged, 0.94, 200),
		one("سامسونغ", entities.Exact, 1, 300),
	}
	text := strings.Repeat(" ", 400)
	var starts []int
	for _, s := range mentionSpans(text, ents) {
		starts = append(starts, s.Start)
	}
	if want := []int{100, 200, 300}; !slices.Equal(starts, want) {
		t.Errorf("name spans start at %v, want %v", starts, want)
	}
}

// TestNameKeywordsOnePerName checks that an entity whose keyword's words
// are all words of an earlier entity keyword of the same type (ليما after
// فابيو ليما) gives no keyword, and that one of another type does.
func TestNameKeywordsOnePerName(t *testing.T) {
	text := "انتقل فابيو ليما إلى الوصل. وقال ليما إنه سعيد. وزار ليما عاصمة البيرو."
	at := func(s string, n int) (int, int) {
		i := -1
		for range n {
			i += 1 + strings.Index(text[i+1:], s)
		}
		return i, i + len(s)
	}
	mention := func(s string, n int) entities.Mention {
		start, end := at(s, n)
		return entities.Mention{Text: s, Start: start, End: end, Kind: entities.Tagged, Score: 0.9}
	}
	ents := []entities.Entity{
		{ID: "per:a", Name: "فابيو ليما", Type: gazetteer.PER, Count: 1, Mentions: []entities.Mention{mention("فابيو ليما", 1)}},
		{ID: "per:b", Name: "ليما", Type: gazetteer.PER, Count: 1, Mentions: []entities.Mention{mention("ليما", 2)}},
		{ID: "loc:c", Name: "ليما", Type: gazetteer.LOC, Count: 1, Mentions: []entities.Mention{mention("ليما", 3)}},
	}
	var kws []tfidf.Keyword
	for i, e := range ents {
		m := e.Mentions[0]
		kws = append(kws, tfidf.Keyword{Term: m.Text, Score: float64(10 - i), Count: 1, Start: m.Start, End: m.End})
	}
	var got []string
	for _, k := range nameKeywords(text, nil, kws, ents, nil, 10) {
		got = append(got, k.Entity)
	}
	if want := []string{"per:a", "loc:c"}; !slices.Equal(got, want) {
		t.Errorf("keyword entities %v, want %v", got, want)
	}
}

// TestJoinedMention checks that a keyword shows the pieces of a name the
// model cut, each linked to the entity, as one name.
func TestJoinedMention(t *testing.T) {
	text := "في شرق بيت لحم"
	at := strings.Index(text, "بيت")
	bayt := entities.Mention{Text: "بيت", Start: at, End: at + len("بيت")}
	lahm := entities.Mention{Text: "لحم", Start: bayt.End + 1, End: len(text)}
	e := entities.Entity{ID: "loc:city:bethlehem", Mentions: []entities.Mention{bayt, lahm}}
	if got := joinedMention(text, e, bayt); got.Text != "بيت لحم" || got.Start != bayt.Start || got.End != len(text) {
		t.Errorf("joined %q at %d:%d, want بيت لحم at %d:%d", got.Text, got.Start, got.End, bayt.Start, len(text))
	}
	if got := joinedMention(text, e, lahm); got.Start != lahm.Start || got.End != lahm.End {
		t.Errorf("the last piece joined to %q", got.Text)
	}
}

// TestNameKeywordsPersonWord checks that a word outside the mentions that
// is a word of a person's name shown (a headline's surname), or a word of
// a name of several words (الصندوق and النقد of صندوق النقد الدولي), is no
// keyword of its own.
func TestNameKeywordsPersonWord(t *testing.T) {
	text := "السدحان: المسلسل جاهز\nقال الفنان عبدالله السدحان إن المسلسل جاهز بدعم من صندوق النقد الدولي. وقال الصندوق إنه سعيد. وتوقع النقد."
	name := "عبدالله السدحان"
	at := strings.Index(text, name)
	m := entities.Mention{Text: name, Start: at, End: at + len(name), Kind: entities.Tagged, Score: 0.99}
	imf := "صندوق النقد الدولي"
	at = strings.Index(text, imf)
	im := entities.Mention{Text: imf, Start: at, End: at + len(imf), Kind: entities.Exact, Score: 1}
	ents := []entities.Entity{
		{ID: "per:s", Name: name, Type: gazetteer.PER, Count: 1, Mentions: []entities.Mention{m}},
		{ID: "org:imf", Name: imf, Type: gazetteer.ORG, Count: 1, Mentions: []entities.Mention{im}},
	}
	series := strings.Index(text, "المسلسل")
	fund := strings.Index(text, "الصندوق")
	money := strings.LastIndex(text, "النقد")
	kws := []tfidf.Keyword{
		{Term: "النقد", Score: 16, Count: 2, Start: money, End: money + len("النقد")},
		{Term: "السدحان", Score: 30, Count: 2, Start: 0, End: len("السدحان")},
		{Term: name, Score: 20, Count: 1, Start: m.Start, End: m.End},
		{Term: "الصندوق", Score: 15, Count: 1, Start: fund, End: fund + len("الصندوق")},
		{Term: "المسلسل", Score: 10, Count: 2, Start: series, End: series + len("المسلسل")},
	}
	var got []string
	for _, k := range nameKeywords(text, nil, kws, ents, nil, 10) {
		got = append(got, k.Term)
	}
	if want := []string{name, "المسلسل"}; !slices.Equal(got, want) {
		t.Errorf("keywords %q, want %q", got, want)
	}
}

// TestNamePiece checks which mentions of one word are pieces of a longer
// name for keywords: beside a first name or joined by a hyphen, not
// beside another word nor a name of the gazetteer as written.
func TestNamePiece(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, name string
		kind       entities.Kind
		want       bool
	}{
		{"وسجل الهدف أحمد فايز من مسافة بعيدة", "فايز", entities.Tagged, true},
		{"غنت مروة ناجي ومي فاروق في الحفل", "فاروق", entities.Tagged, true},
		{"أرسلها لشقيقه جاك-جوزيف في نوفمبر", "جوزيف", entities.Tagged, true},
		{"وقال دريك في حفل أمس", "دريك", entities.Tagged, false},
		{"وسجل الهدف أحمد فايز من مسافة بعيدة", "فايز", entities.Exact, false},
	}
	for _, tc := range tests {
		at := strings.Index(tc.text, tc.name)
		m := entities.Mention{Text: tc.name, Start: at, End: at + len(tc.name), Kind: tc.kind}
		ents := []entities.Entity{{Mentions: []entities.Mention{m}}}
		if got := namePiece(tc.text, m, lex, ents); got != tc.want {
			t.Errorf("namePiece(%q in %q, %v) = %v, want %v", tc.name, tc.text, tc.kind, got, tc.want)
		}
	}
}

// TestShorterPiece checks that of two persons or organisations written
// side by side, a space apart, the shorter is a piece of the longer, and
// that a place beside a place or a name after و is not.
func TestShorterPiece(t *testing.T) {
	mention := func(text, s string) entities.Mention {
		at := strings.Index(text, s)
		return entities.Mention{Text: s, Start: at, End: at + len(s), Kind: entities.Tagged, Score: 0.9}
	}
	tests := []struct {
		text, a, b string
		typ        gazetteer.Type
		want       bool // a is the shorter piece
	}{
		{"انضم اللاعب ماركوس ألونسو ميندوزا إلى الفريق", "ماركوس", "ألونسو ميندوزا", gazetteer.PER, true},
		{"وقالت منظمة هيومن رايتس ووتش إن", "ووتش", "منظمة هيومن رايتس", gazetteer.ORG, true},
		{"وقالت منظمة هيومن رايتس ووتش إن", "منظمة هيومن رايتس", "ووتش", gazetteer.ORG, false},
		{"باتجاه مدينة نجران السعودية أمس", "نجران", "السعودية", gazetteer.LOC, false},
		{"شارك فيسبوك وتويتر في الجلسة", "فيسبوك", "وتويتر", gazetteer.ORG, false},
	}
	for _, tc := range tests {
		a, b := mention(tc.text, tc.a), mention(tc.text, tc.b)
		if strings.HasPrefix(tc.b, "و") {
			b.Clitic = "و"
		}
		ents := []entities.Entity{
			{ID: "a", Type: tc.typ, Mentions: []entities.Mention{a}},
			{ID: "b", Type: tc.typ, Mentions: []entities.Mention{b}},
		}
		if got := shorterPiece(tc.text, ents, ents[0], a); got != tc.want {
			t.Errorf("shorterPiece(%q beside %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestSameSkeleton checks that two spellings of a transliterated name
// share a skeleton and that two names do not, short ones included.
func TestSameSkeleton(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"كاركاسون", "كركاسون", true},
		{"ريكوردد فيوتشر", "ريكورديد فيوتشر", true},
		{"ليما", "لومي", false}, // one skeleton, too short to tell
		{"كاركاسون", "كراكاس", false},
	} {
		if got := sameSkeleton(tc.a, tc.b); got != tc.same {
			t.Errorf("sameSkeleton(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

// TestProcliticLetters checks how many letters a keyword leaves out
// before a mention's name, the ل of an article dropped after ل included.
func TestProcliticLetters(t *testing.T) {
	for _, tc := range []struct {
		text, clitic, name string
		kind               entities.Kind
		want               int
	}{
		{"للنيجر", "ل", "النيجر", entities.Clitic, 2},
		{"وللنيجر", "ول", "النيجر", entities.Clitic, 3},
		{"والنيجر", "و", "النيجر", entities.Clitic, 1},
		{"لبنان", "", "لبنان", entities.Clitic, 0},
		{"لليبيا", "ل", "ليبيا", entities.Clitic, 1}, // ل + ليبيا: no article
		// A name of the gazetteer after a head with a proclitic, whose
		// first letter begins no article: the proclitic alone; names
		// whose first letter only looks like one keep it.
		{"لمنظمة الخوذ البيضاء", "", "الدفاع المدني السوري", entities.Exact, 1},
		{"لبنان", "", "لبنان", entities.Exact, 0},
		{"لجنة الانتخابات", "", "لجنة الانتخابات", entities.Exact, 0},
		{"وزارة الخارجية", "", "وزارة الخارجية", entities.Exact, 0},
	} {
		m := entities.Mention{Text: tc.text, Clitic: tc.clitic, Kind: tc.kind}
		if got := procliticLetters(m, tc.name); got != tc.want {
			t.Errorf("procliticLetters(%s, clitic %q, %v) = %d, want %d", tc.text, tc.clitic, tc.kind, got, tc.want)
		}
	}
}

// TestHyphenated checks that a keyword shows the words joined by a hyphen
// to a mention the model found without them.
func TestHyphenated(t *testing.T) {
	for _, tc := range []struct{ text, name, want string }{
		{"ومن بينهم المصور جان-كلود أرنو زوج الشاعرة", "كلود أرنو", "جان-كلود أرنو"},
		{"أرسلها لشقيقه جاك-جوزيف في نوفمبر", "جاك", "جاك-جوزيف"},
		{"قال العالم الفرنسي جان-فرانسوا شامبليون", "جان-فرانسوا شامبليون", "جان-فرانسوا شامبليون"},
		{"وفاز 3-1 على الفريق", "الفريق", "الفريق"},
	} {
		at := strings.Index(tc.text, tc.name)
		m := hyphenated(tc.text, entities.Mention{Text: tc.name, Start: at, End: at + len(tc.name)})
		if m.Text != tc.want || tc.text[m.Start:m.End] != m.Text {
			t.Errorf("hyphenated(%q) = %q at %d:%d, want %q", tc.name, m.Text, m.Start, m.End, tc.want)
		}
	}
}

// TestNameKeywordsEnclosingName checks, with the default gazetteer, how
// a keyword shows an entity whose mention lies in a longer name of the
// gazetteer: the whole name when it is the entity's own and adds words
// of the name (كيم جونغ أون) or a head the mention needs (وزارة الدفاع
// الأميركية); the mention when the name only adds a head of the language
// (شركة أبل) or a demonym; no keyword when every mention is a piece of
// another entry's name (باريس in باريس سان جرمان), unless the name is a
// place head before the same place (محافظة إدلب).
func TestNameKeywordsEnclosingName(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, mention, id string
		want              string // the keyword's term, "" for none
	}{
		{"وقال الزعيم الكوري الشمالي كيم جونغ أون إن بلاده مستعدة", "جونغ أون", "per:kim-jong-un", "كيم جونغ أون"},
		{"أعلنت وزارة الدفاع الأميركية (البنتاغون) السبت", "الدفاع الأميركية", "org:us-department-of-defense", "وزارة الدفاع الأميركية"},
		{"واتهم تقرير لمنظمة هيومن رايتس ووتش التحالف", "منظمة هيومن رايتس", "org:human-rights-watch", "منظمة هيومن رايتس ووتش"},
		{"وأعلنت شركة أبل عن هاتفها الجديد", "أبل", "org:apple", "أبل"},
		{"انتقل نيمار من برشلونة إلى باريس سان جرمان الفرنسي", "باريس", "loc:city:paris", ""},
		{"وقصفت الطائرات بلدات في محافظة إدلب شمال سوريا", "إدلب", "loc:city:idlib", "إدلب"},
	}
	for _, tc := range tests {
		t.Run(tc.mention, func(t *testing.T) {
			if _, ok := g.Entry(tc.id); !ok {
				t.Fatalf("the default gazetteer has no %s", tc.id)
			}
			start := strings.Index(tc.text, tc.mention)
			m := entities.Mention{Text: tc.mention, Start: start, End: start + len(tc.mention), Kind: entities.Tagged, Score: 0.9}
			ents := []entities.Entity{{ID: tc.id, Name: tc.mention, Type: gazetteer.ORG, Count: 1, Mentions: []entities.Mention{m}}}
			kws := []tfidf.Keyword{{Term: m.Text, Score: 10, Count: 1, Start: m.Start, End: m.End}}
			list, err := tokenize.Default().List(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, k := range nameKeywords(tc.text, list, kws, ents, g, 10) {
				if tc.text[k.Start:k.End] != k.Term || k.Entity != tc.id {
					t.Errorf("keyword %+v: not the text at its offsets, or not the entity's", k)
				}
				got = k.Term
			}
			if got != tc.want {
				t.Errorf("keyword %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNameKeywordsAloneMention: an entity whose first mention is a piece of
// another entry's name (مدريد of أتلتيكو مدريد) but which the article also
// names on its own is shown where it stands alone.
func TestNameKeywordsAloneMention(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "قال توريس إن موسمه مع أتلتيكو مدريد هو الأخير. وقال في حدث ترويجي في مدريد إنه سعيد."
	var ms []entities.Mention
	for at := 0; ; {
		i := strings.Index(text[at:], "مدريد")
		if i < 0 {
			break
		}
		s := at + i
		ms = append(ms, entities.Mention{Text: "مدريد", Start: s, End: s + len("مدريد"), Kind: entities.Exact, Score: 1})
		at = s + len("مدريد")
	}
	if len(ms) != 2 {
		t.Fatalf("%d occurrences of مدريد, want 2", len(ms))
	}
	ents := []entities.Entity{{ID: "loc:city:madrid", Name: "مدريد", Type: gazetteer.LOC, Count: 2, Mentions: ms}}
	kws := []tfidf.Keyword{{Term: "مدريد", Score: 10, Count: 2, Start: ms[0].Start, End: ms[0].End}}
	list, err := tokenize.Default().List(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	got := nameKeywords(text, list, kws, ents, g, 10)
	if len(got) != 1 {
		t.Fatalf("keywords %+v, want one", got)
	}
	if k := got[0]; k.Term != "مدريد" || k.Start != ms[1].Start || k.End != ms[1].End {
		t.Errorf("keyword %+v, want مدريد at %d:%d (the city alone, not the club's name)", k, ms[1].Start, ms[1].End)
	}
}

// TestInNameRepeat: a word in a name of several words that the text
// writes again where no mention marks it is a word of that name.
func TestInNameRepeat(t *testing.T) {
	text := "أصدرت الوكالة الدولية لأبحاث السرطان تقريرا. وقالت الوكالة الدولية لأبحاث السرطان إن أبحاث جديدة جارية."
	name := "الوكالة الدولية لأبحاث السرطان"
	first := strings.Index(text, name)
	second := first + len(name) + strings.Index(text[first+len(name):], name)
	ents := []entities.Entity{{ID: "org:gen:1", Name: name, Type: gazetteer.ORG, Count: 1,
		Mentions: []entities.Mention{{Text: name, Start: first, End: first + len(name), Kind: entities.Tagged}}}}
	word := "أبحاث"
	inRepeat := second + strings.Index(text[second:], word)
	alone := strings.LastIndex(text, word)
	tests := []struct {
		start int
		want  bool
	}{
		{inRepeat, true},
		{alone, false},
	}
	for _, tc := range tests {
		if got := inNameRepeat(text, ents, tc.start, tc.start+len(word)); got != tc.want {
			t.Errorf("inNameRepeat at %d = %v, want %v", tc.start, got, tc.want)
		}
	}
}

// TestNameKeywordsArticleAfterLam checks that a name the model found only
// after ل with the article's alef dropped (للبيتزا) gives no keyword, as
// no span of the text shows it without the proclitic, while a name of the
// gazetteer so written (للنيجر) is shown without it.
func TestNameKeywordsArticleAfterLam(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "شركة بريزو للبيتزا تحاول إنقاذ نفسها. وصدرت مساعدات للنيجر."
	mention := func(w string, kind entities.Kind, clitic string) entities.Mention {
		s := strings.Index(text, w)
		return entities.Mention{Text: w, Start: s, End: s + len(w), Kind: kind, Clitic: clitic, Score: 1}
	}
	pizza, niger := mention("للبيتزا", entities.Tagged, ""), mention("للنيجر", entities.Clitic, "ل")
	ents := []entities.Entity{
		{ID: "org:gen:1", Name: "للبيتزا", Type: gazetteer.ORG, Count: 1, Mentions: []entities.Mention{pizza}},
		{ID: "loc:country:NE", Name: "النيجر", Type: gazetteer.LOC, Count: 1, Mentions: []entities.Mention{niger}},
	}
	kws := []tfidf.Keyword{
		{Term: "للبيتزا", Score: 12, Count: 1, Start: pizza.Start, End: pizza.End},
		{Term: "نيجر", Score: 10, Count: 1, Start: niger.Start + len("لل"), End: niger.End},
	}
	var got []string
	for _, k := range nameKeywords(text, nil, kws, ents, g, 10) {
		got = append(got, k.Term)
	}
	if want := []string{"نيجر"}; !slices.Equal(got, want) {
		t.Errorf("keywords %q, want %q", got, want)
	}
}

// TestShownMention checks which mention of an entity its keyword shows:
// one that writes the entity's name, else one of the most words, a
// proclitic of the gazetteer's match apart.
func TestShownMention(t *testing.T) {
	at := func(text, w string, kind entities.Kind, clitic string) entities.Mention {
		s := strings.Index(text, w)
		return entities.Mention{Text: w, Start: s, End: s + len(w), Kind: kind, Clitic: clitic}
	}
	for _, tc := range []struct {
		name, text string
		mentions   []string // the words of the mentions; a proclitic before "+"
		want       string
	}{
		{"مايك بومبيو", "والتقى كيم ومايك بومبيو. وقال بومبيو إنه متفائل.", []string{"و+ومايك بومبيو", "بومبيو"}, "ومايك بومبيو"},
		{"برشلونة", "فاز برشلونة الإسباني. واحتفل برشلونة باللقب.", []string{"برشلونة الإسباني", "برشلونة"}, "برشلونة"},
		{"كيم جونغ أون", "غادر كيم جونغ-أون. وقال كيم إنه سعيد.", []string{"كيم جونغ-أون", "كيم"}, "كيم جونغ-أون"},
		{"البنك المركزي السوداني", "قرر #البنك_المركزي_السوداني رفع الفائدة. وقال البنك المركزي إنه سيتدخل.", []string{"البنك_المركزي_السوداني", "البنك المركزي"}, "البنك المركزي"},
		{"الأمم المتحدة", "دعا للأمم المتحدة. وقال الأمين إن الأمم إلخ.", []string{"ل+للأمم المتحدة"}, "للأمم المتحدة"},
	} {
		e := entities.Entity{Name: tc.name}
		for _, w := range tc.mentions {
			clitic, word, ok := strings.Cut(w, "+")
			if !ok {
				clitic, word = "", w
			}
			kind := entities.Exact
			if clitic != "" {
				kind = entities.Clitic
			}
			e.Mentions = append(e.Mentions, at(tc.text, word, kind, clitic))
		}
		if got := shownMention(tc.text, e, e.Mentions[0]); got.Text != tc.want {
			t.Errorf("%s: shown %q, want %q", tc.name, got.Text, tc.want)
		}
	}
}

// TestMentionClitic checks the proclitics read off a name the model found.
func TestMentionClitic(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"وأتلتيك بلباو", "و"},
		{"فإيفانكا ترامب", "ف"},
		{"للبيتزا", "ل"},
		{"ومحمد إيهاب", "و"},
		{"والتر غروبيوس", ""},
		{"وأد", ""}, // too short to be و and a word
	} {
		if got := mentionClitic(entities.Mention{Text: tc.text, Kind: entities.Tagged}); got != tc.want {
			t.Errorf("mentionClitic(%s) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestShownSpan checks the part of a mention a keyword shows: no hashtag
// sign, the words an underscore joins to a name, a gazetteer entry's name without the definite words that describe
// it, a place or an organisation without the demonym after a word that
// has no article, and nothing for a common noun and a demonym.
func TestShownSpan(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, mention, id, name string
		typ                     gazetteer.Type
		want                    string // "" for no keyword
	}{
		{"قال الرئيس إيمانويل #ماكرون إن", "إيمانويل #ماكرون", "per:emmanuel-macron", "إيمانويل ماكرون", gazetteer.PER, "ماكرون"},
		{"وصف الزعيم الكوري الشمالي كيم_يونغ_أون القمة بأنها", "كيم", "per:gen:5", "كيم", gazetteer.PER, "كيم_يونغ_أون"},
		{"فاز ريال مدريد على ليفربول الإنجليزي 3-1", "ليفربول الإنجليزي", "org:liverpool-fc", "ليفربول", gazetteer.ORG, "ليفربول"},
		{"مستوطنات في الضفة الغربية المحتلة.", "الضفة الغربية المحتلة", "loc:region:ps-west-bank", "الضفة الغربية", gazetteer.LOC, "الضفة الغربية"},
		{"هاجم مدريد توني كروس أمس", "توني كروس", "per:gen:1", "توني", gazetteer.PER, "توني كروس"},
		{"في مدينة سالسبيري البريطانية أمس", "سالسبيري البريطانية", "loc:gen:1", "سالسبيري البريطانية", gazetteer.LOC, "سالسبيري"},
		{"قال صفوان المصري إن", "صفوان المصري", "per:gen:2", "صفوان المصري", gazetteer.PER, "صفوان المصري"},
		{"أعلن البنك المركزي الإيراني أمس", "البنك المركزي الإيراني", "org:gen:3", "البنك المركزي الإيراني", gazetteer.ORG, "البنك المركزي الإيراني"},
		{"أودع المال في بنك سويسري أمس", "بنك سويسري", "org:gen:4", "بنك سويسري", gazetteer.ORG, ""},
	}
	for _, tc := range tests {
		start := strings.Index(tc.text, tc.mention)
		e := entities.Entity{ID: tc.id, Name: tc.name, Type: tc.typ}
		s, end, ok := shownSpan(tc.text, g, e, start, start+len(tc.mention))
		got := ""
		if ok {
			got = tc.text[s:end]
		}
		if got != tc.want {
			t.Errorf("%q: shown %q, want %q", tc.mention, got, tc.want)
		}
	}
}

// TestBareFirstName checks that a person the gazetteer does not know,
// named once or twice by a first name alone, gives no keyword, and that
// a full name, a surname and a person named three times do.
func TestBareFirstName(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		term  string
		count int
		want  bool
	}{
		{"عمرو", 2, true},
		{"جوزيف", 1, true},
		{"مارتن", 4, false},
		{"جوزيف موسكات", 1, false},
		{"موسكات", 1, false},
	} {
		e := entities.Entity{ID: "per:gen:1", Name: tc.term, Type: gazetteer.PER, Count: tc.count}
		if got := bareFirstName(g, e, tc.term); got != tc.want {
			t.Errorf("bareFirstName(%q, count %d) = %v, want %v", tc.term, tc.count, got, tc.want)
		}
	}
}

// TestTransliteratedKa checks that ك before a bare alef is read as the
// first letter of a foreign name, and before a hamza or the article as the
// preposition; and that و before a hamza and three letters, in a name of
// several words, is the conjunction.
func TestTransliteratedKa(t *testing.T) {
	for _, tc := range []struct {
		text, clitic string
	}{
		{"كاري غولدبرغ", ""},
		{"كايلي جينر", ""},
		{"كمحمد عبد الوهاب", "ك"},
		{"ومحمد إيهاب", "و"},
		{"وأيت أحمد", "و"},
	} {
		m := entities.Mention{Text: tc.text, Kind: entities.Tagged}
		if got := mentionClitic(m); got != tc.clitic {
			t.Errorf("mentionClitic(%q) = %q, want %q", tc.text, got, tc.clitic)
		}
	}
}

// TestNameKeywordsFullName checks that a part of a name that the model
// found (شيرين), said more often than the gazetteer's full name it is part
// of, gives one keyword that shows the full name at the part's rank, and
// that an entry of the gazetteer is not replaced by another (the king
// سلمان is not محمد بن سلمان).
func TestNameKeywordsFullName(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "تترقب شيرين الحفل. وقالت شيرين إن شيرين عبد الوهاب جاهزة. وغنت شيرين. واستقبل الملك سلمان أمس ولي العهد محمد بن سلمان."
	at := func(s string, n int) entities.Mention {
		i := -1
		for range n {
			i += 1 + strings.Index(text[i+1:], s)
		}
		kind := entities.Exact
		if s == "شيرين" {
			kind = entities.Tagged
		}
		return entities.Mention{Text: s, Start: i, End: i + len(s), Kind: kind, Score: 0.99}
	}
	ents := []entities.Entity{
		{ID: "per:gen:1", Name: "شيرين", Type: gazetteer.PER, Count: 3, Mentions: []entities.Mention{at("شيرين", 1), at("شيرين", 2), at("شيرين", 4)}},
		{ID: "per:salman-bin-abdulaziz", Name: "سلمان بن عبد العزيز", Type: gazetteer.PER, Count: 1, Mentions: []entities.Mention{at("سلمان", 1)}},
		{ID: "per:sherine-abdel-wahab", Name: "شيرين عبد الوهاب", Type: gazetteer.PER, Count: 1, Mentions: []entities.Mention{at("شيرين عبد الوهاب", 1)}},
		{ID: "per:mohammed-bin-salman", Name: "محمد بن سلمان", Type: gazetteer.PER, Count: 1, Mentions: []entities.Mention{at("محمد بن سلمان", 1)}},
	}
	var kws []tfidf.Keyword
	for i, e := range ents {
		m := e.Mentions[0]
		kws = append(kws, tfidf.Keyword{Term: m.Text, Score: float64(10 - i), Count: e.Count, Start: m.Start, End: m.End})
	}
	var got []string
	for _, k := range nameKeywords(text, nil, kws, ents, g, 10) {
		got = append(got, k.Term+"="+k.Entity)
	}
	want := []string{"شيرين عبد الوهاب=per:sherine-abdel-wahab", "سلمان=per:salman-bin-abdulaziz"}
	if !slices.Equal(got, want) {
		t.Errorf("keywords %q, want %q", got, want)
	}
}
