package tfidf

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar/tokenize"
)

func TestKeywordsArticles(t *testing.T) {
	names, texts := readArticles(t)
	s, err := NewSpace(texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Each article's keywords must include at least one of these (any
	// surface containing the word).
	expect := map[string][]string{
		"economy":    {"أوبك", "النفط", "برميل", "OPEC"},
		"politics":   {"العراق", "بغداد", "بلينكن"},
		"sport":      {"صلاح", "المنتخب", "كأس"},
		"technology": {"الذكاء", "جيتكس"},
	}
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			text := texts[i]
			kws := s.Keywords(text, 10)
			if len(kws) < 5 {
				t.Fatalf("%d keywords", len(kws))
			}
			var terms []string
			usedStems := map[string]bool{}
			phrases := 0
			for k, kw := range kws {
				terms = append(terms, kw.Term)
				if k > 0 && kw.Score > kws[k-1].Score {
					t.Errorf("not sorted by score at %d", k)
				}
				if kw.Score <= 0 || kw.Count < 1 || !utf8.ValidString(kw.Term) {
					t.Errorf("bad keyword %+v", kw)
				}
				if kw.Start < 0 || kw.End > len(text) || kw.Start >= kw.End {
					t.Errorf("bad offsets %+v", kw)
				}
				for _, w := range strings.Fields(kw.Term) {
					if tokenize.TopicStopWords.Contains(w) {
						t.Errorf("stop word %q in %q", w, kw.Term)
					}
					if w[0] >= '0' && w[0] <= '9' {
						t.Errorf("number %q in %q", w, kw.Term)
					}
				}
				for _, st := range strings.Fields(kw.Key) {
					if usedStems[st] {
						t.Errorf("near-duplicate: stem %q repeated (%q)", st, kw.Term)
					}
					usedStems[st] = true
				}
				if strings.Contains(kw.Key, " ") {
					phrases++
				}
				// Surface, not the bare stem, when they differ (الإنتاج, not انتاج).
				if kw.Term == kw.Key && kw.Term != tokenize.Key(kw.Term) {
					t.Errorf("bare stem shown: %q", kw.Term)
				}
			}
			if !slices.ContainsFunc(terms, func(term string) bool {
				return slices.ContainsFunc(expect[name], func(e string) bool { return strings.Contains(term, e) })
			}) {
				t.Errorf("keywords %q contain none of %q", terms, expect[name])
			}
			t.Logf("%s: %q (%d phrases)", name, terms, phrases)
		})
	}
	// At least one article yields a multi-word keyphrase.
	tech := s.Keywords(texts[slices.Index(names, "technology")], 5)
	if !slices.ContainsFunc(tech, func(k Keyword) bool { return k.Term == "الذكاء الاصطناعي" }) {
		t.Errorf("technology keywords lack الذكاء الاصطناعي: %+v", tech)
	}
	if s.Keywords("", 5) != nil || s.Keywords(texts[0], 0) != nil {
		t.Error("empty text or n = 0 should give no keywords")
	}
}

func TestKeywordsConcurrent(t *testing.T) {
	s, texts := articleSpace(t)
	want := s.Keywords(texts[0], 8)
	for i := range 8 {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			if got := s.Keywords(texts[0], 8); !slices.Equal(got, want) {
				t.Errorf("goroutine %d: keywords differ", i)
			}
			s.Transform(texts)
		})
	}
}

// TestKeywordCandidates checks the rules of keyword candidates on short
// texts written for the test, each word said twice or more: what becomes
// a keyword, and the span it shows. With names set, the texts are read as
// the Analyzer reads them, with the names known: the countries of Europe
// where they are written.
func TestKeywordCandidates(t *testing.T) {
	s, err := DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	const robots = "فرع مصرفي يعتمد الروبوتات بدل الموظفين\n\nافتتح البنك فرع مصرفي يعتمد الروبوتات. وتستقبل الروبوتات العملاء في فرع مصرفي. وتعمل الروبوتات طوال اليوم."
	tests := []struct {
		name, text string
		want       []string // keyword terms, in any order
		never      []string // words in no keyword
		notAlone   []string // no keyword's whole term
		names      bool
	}{
		{"proclitic left out", "اجتمع الوفد بمحافظة البصرة. وتفقد المحافظ بمحافظة البصرة المشاريع.", []string{"محافظة البصرة"}, []string{"بمحافظة"}, nil, false},
		{"restored article", "ارتفع سعر برميل للبترول. وقالت منظمة للبترول إن البترول يرتفع.", nil, []string{"لبترول"}, nil, false},
		{"imperfect verb", "يحتفل الطلاب بالتخرج. يحتفل الطلاب كل عام.", []string{"الطلاب"}, []string{"يحتفل"}, nil, false},
		{"tanween adverb", "وصل الوفد مسبقاً إلى القاعة. وغادر الوفد مسبقاً القاعة.", nil, []string{"مسبقاً"}, nil, false},
		{"fragment", "سي إن إن تبث سي إن إن الخبر", nil, []string{"سي", "إن"}, nil, false},
		{"future particle", "أطلقت الشركة ساعتها الذكية الجديدة. وتعمل ساعتها الذكية بنظام جديد. وساعتها الذكية أخف.", nil, []string{"اعتها الذكية", "اعتها"}, nil, false},
		{"adverb of place", "غرق قارب قبالة سواحل ليبيا. وانتشلت جثث قبالة سواحل ليبيا. وتكرر الغرق قبالة سواحل ليبيا.", nil, []string{"قبالة سواحل", "قبالة"}, nil, false},
		{"longer phrase", "انطلقت مباريات دوري أبطال أوروبا. وتأهل الفريق إلى دوري أبطال أوروبا. ويغيب عن دوري أبطال أوروبا.", nil, nil, []string{"دوري أبطال", "أبطال أوروبا", "أبطال", "دوري"}, true},
		{"title and adjective", "قال الرئيس الفرنسي إن الاتفاق قريب. وأكد الرئيس الفرنسي ذلك. ورد الرئيس الفرنسي على المعارضة.", nil, []string{"الرئيس"}, nil, true},
		{"descriptor", "فاز النادي البافاري على منافسه. وتوج النادي البافاري باللقب. واحتفل النادي البافاري بجماهيره.", nil, nil, []string{"النادي البافاري", "النادي"}, true},
		{"preposition before an unknown word", "يتوفر النظام كنسخة تجريبية للمطورين. ويصل كنسخة تجريبية للجميع. وصدر كنسخة تجريبية أمس.", nil, []string{"كنسخة"}, nil, true},
		{"past verb in أفعل", "قال اللاعب أخطأت في التقدير، وأخطأت في الحساب، وأخطأت في اختيار التوقيت.", nil, []string{"أخطأت"}, nil, true},
		{"adjective written alone once", "تعيش الأسر الفقيرة في الأحياء الفقيرة. وتعاني المناطق الفقيرة من البطالة. الفقيرة تعاني.", nil, nil, []string{"الفقيرة"}, false},
		{"two names", "وصلت الوفود من التشيك والمجر ورومانيا. وقالت المجر ورومانيا إنهما تعارضان.", nil, nil, []string{"المجر ورومانيا", "التشيك والمجر"}, true},
		{"two words of every story", "نشر مقطع فيديو يظهر الحادث. وانتشر مقطع فيديو آخر. وحذف مقطع فيديو ثالث.", nil, nil, []string{"مقطع فيديو"}, true},
		{"proclitic before a stop word", "وصلت الرسالة لجميع مستخدمي المنصة. وأرسلت لجميع مستخدمي التطبيق. وتصل لجميع مستخدمي الموقع.", nil, []string{"جميع"}, nil, true},
		{"imperfect verb of four letters", "أي إجراء يتخذ ضدها. وكل إجراء يتخذ سيرد عليه. وهذا إجراء يتخذ اليوم.", nil, []string{"يتخذ"}, nil, true},
		{"article lost after ل", "قدم الدعم للنظام المصرفي في البلاد. وقدمت الحكومة قروضا للنظام المصرفي. وتحسنت أرقام النظام المصرفي.", []string{"النظام المصرفي"}, nil, []string{"نظام المصرفي"}, true},
		{"conjunction before an unknown word", "يحمي من أمراض القلب وهشاشة العظام. ويقي من السكري وهشاشة العظام. ويفيد في علاج القلب وهشاشة العظام.", nil, nil, []string{"وهشاشة العظام"}, true},
		{"past verb with its person", "جنرال روسي: اختبرنا أكثر من 200 سلاح جديد في سوريا\nقال الجنرال إن الجيش اختبر الأسلحة. وأضاف: اختبرنا الطائرات والصواريخ.", nil, []string{"اختبرنا"}, nil, true},
		{"along", "بنى الجيش سياجا على طول الحدود. ويمتد السياج على طول الحدود الشرقية. وتنتشر الدوريات على طول الحدود.", nil, []string{"طول"}, nil, true},
		{"construct of two words before a third", "تسلق الفريق سلسلة جبال الألب. وعبر سلسلة جبال الأنديز. ثم صعد سلسلة جبال الهيمالايا.", nil, nil, []string{"سلسلة جبال"}, true},
		{"verbal noun with a pronoun", "منعت الشركة استخدامها في المدارس. وقيدت الحكومة استخدامها. وحظر القانون استخدامها.", nil, []string{"استخدامها"}, nil, true},
		{"plural imperfect verb", "الفتيان يميلون إلى اللعب. والفتيات يميلون إلى القراءة. والكبار يميلون إلى النوم.", nil, []string{"يميلون"}, nil, true},
		{"times", "كسر اللاعب الإرسال مرتين. وكسر منافسه الإرسال مرتين. وخسر البطل الإرسال مرتين.", nil, []string{"مرتين"}, nil, true},
		{"time adjective", "أطلقت الشركة الخدمة الجديدة للمشتركين. وتعمل الخدمة الجديدة بالذكاء. وتكلف الخدمة الجديدة عشرة دولارات.", nil, nil, []string{"الخدمة الجديدة"}, true},
		{"phrase shown, not its word", "أعلنت الحكومة حالة الطوارئ في البلاد. وتستمر حالة الطوارئ شهرا. وتسمح حالة الطوارئ للجيش بالانتشار. وانتقد الطوارئ معارضون.", []string{"حالة الطوارئ"}, nil, []string{"الطوارئ"}, true},
		{"phrase said twice in the body", "دراسة جديدة عن النوم\n\nأجرى الباحثون تجربة علمية على المتطوعين. وأظهرت تجربة علمية أن النوم يطيل العمر.", nil, nil, []string{"تجربة علمية"}, true},
		{"phrase said twice, once in the headline", "تجربة علمية عن النوم\n\nأجرى الباحثون تجربة علمية على المتطوعين لقياس النوم.", []string{"تجربة علمية"}, nil, nil, true},
		{"phrase before an adjective", "استثمر صندوق الثروة السيادي في الشركة. وقال صندوق الثروة النرويجي إنه سيبيع. ويملك صندوق الثروة السيادي حصة.", nil, nil, []string{"صندوق الثروة"}, true},
		{"people in a general role", "اكتشف العلماء كوكبا جديدا. وقال العلماء إن الكوكب بعيد. ويأمل العلماء رصد الكوكب مجددا.", nil, nil, []string{"العلماء"}, false},
		{"adjective of degree", "سجلت الشركة زيادة هائلة في الأرباح. وتعكس زيادة هائلة في الطلب. وتوقع المحللون زيادة هائلة أخرى.", nil, nil, []string{"زيادة هائلة"}, true},
		{"adjective of kind", "شنت الطائرات غارات جوية على المدينة. وأسفرت غارات جوية عن قتلى. وتواصلت غارات جوية ليلا.", []string{"غارات جوية"}, nil, nil, true},
		{"common word alone, names given", robots, []string{"فرع مصرفي"}, nil, []string{"الروبوتات"}, true},
		{"best word alone where nothing else is", "الذهب يرتفع مع تخلي الدولار عن مكاسبه\n\nارتفع الذهب اليوم. وسجل الذهب مكاسب. ويتوقع المحللون صعود الذهب.", []string{"الذهب"}, nil, nil, true},
		{"common word alone, no names given", robots, []string{"الروبوتات"}, nil, nil, false},
		{"word in another script, names given", "أطلقت الشركة هاتف iPhone الجديد. ويأتي iPhone بشاشة أكبر. ويباع iPhone في المتاجر.", []string{"iPhone"}, nil, nil, true},
		{"currency and decade", "بلغ المبلغ 8 آلاف جنيه استرليني. ودفع 9 آلاف جنيه استرليني في الثمانينيات. وعاد في الثمانينيات. وكان في الثمانينيات", nil, []string{"استرليني", "الثمانينيات"}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var names []Span
			if tc.names {
				names = []Span{}
				for _, n := range []string{"التشيك", "والمجر", "المجر", "ورومانيا"} {
					for i := 0; ; {
						k := strings.Index(tc.text[i:], n)
						if k < 0 {
							break
						}
						names = append(names, Span{Start: i + k, End: i + k + len(n)})
						i += k + len(n)
					}
				}
			}
			kws := s.Keywords(tc.text, 10, names...)
			var got []string
			for _, k := range kws {
				got = append(got, k.Term)
				if tc.text[k.Start:k.End] != k.Term {
					t.Errorf("%q at %d:%d is %q in the text", k.Term, k.Start, k.End, tc.text[k.Start:k.End])
				}
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("keywords %q lack %q", got, w)
				}
			}
			for _, w := range tc.notAlone {
				if slices.Contains(got, w) {
					t.Errorf("keywords %q hold %q", got, w)
				}
			}
			for _, w := range tc.never {
				for _, g := range got {
					if slices.Contains(strings.Fields(g), w) {
						t.Errorf("keywords %q hold %q", got, w)
					}
				}
			}
		})
	}
}

// TestKeywordsNameAfterProclitic checks that a word before a name given
// with a proclitic (لإسرائيل) opens no phrase with it, and that it does
// when the name is given without one.
func TestKeywordsNameAfterProclitic(t *testing.T) {
	s, err := DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	text := "نشرت تغريدات مناهضة لإسرائيل أمس. وحذفت التغريدات مناهضة لإسرائيل اليوم. ودافعت عن مناهضة لإسرائيل."
	var names []Span
	for i := 0; ; {
		k := strings.Index(text[i:], "لإسرائيل")
		if k < 0 {
			break
		}
		names = append(names, Span{Start: i + k, End: i + k + len("لإسرائيل"), Proclitic: len("ل")})
		i += k + len("لإسرائيل")
	}
	has := func(kws []Keyword, term string) bool {
		return slices.ContainsFunc(kws, func(k Keyword) bool { return k.Term == term })
	}
	if kws := s.Keywords(text, 10, names...); has(kws, "مناهضة لإسرائيل") {
		t.Errorf("keywords %v hold مناهضة لإسرائيل", kws)
	}
	for i := range names {
		names[i].Proclitic = 0
	}
	if kws := s.Keywords(text, 10, names...); !has(kws, "مناهضة لإسرائيل") {
		t.Errorf("without the proclitic, keywords %v lack مناهضة لإسرائيل", kws)
	}
}

// TestKeywordsNameAfterLam checks that a name written after ل, which
// drops the article's alef (للنيجر), is shown without the ل of the
// preposition and of the article.
func TestKeywordsNameAfterLam(t *testing.T) {
	s, err := DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	text := "وقعت الهجمات في المنطقة المحاذية للنيجر أمس."
	at := strings.Index(text, "للنيجر")
	kws := s.Keywords(text, 10, Span{Start: at, End: at + len("للنيجر"), Proclitic: len("ل")})
	if !slices.ContainsFunc(kws, func(k Keyword) bool { return k.Term == "نيجر" }) {
		t.Errorf("keywords %v lack نيجر", kws)
	}
}

// TestKeywordsLongHashtag checks that a word of a hashtag of several words
// (الرازق of #غادة_عبد_الرازق) is not shown there, a fragment of the
// hashtag, but where the article writes it otherwise, in a name.
func TestKeywordsLongHashtag(t *testing.T) {
	s, err := DefaultSpace()
	if err != nil {
		t.Fatal(err)
	}
	text := "فيما اختارت #غادة_عبد_الرازق أن تطل في مسلسل جديد عن الصعيد. وتتعرض فيه ابنة غادة عبد الرازق لجريمة تقلب حياتها."
	name := "غادة عبد الرازق"
	at := strings.LastIndex(text, name)
	hashtag := strings.Index(text, "#")
	for _, k := range s.Keywords(text, 10, Span{Start: at, End: at + len(name)}) {
		if k.Start > hashtag && k.Start < hashtag+len("#غادة_عبد_الرازق") {
			t.Errorf("keyword %q at %d:%d, inside the hashtag", k.Term, k.Start, k.End)
		}
	}
}
