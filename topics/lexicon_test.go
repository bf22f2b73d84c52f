package topics

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// defaultCases are short news items written for these tests, one or more
// per topic, with the topic the default model must rank first.
var defaultCases = []struct {
	name, title, text, want string
}{
	{"football match", "المنتخب يفوز على ضيفه بثلاثية",
		"فاز المنتخب الوطني على ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت على ملعب القاهرة الدولي ضمن التصفيات المؤهلة لكأس العالم، وسجل المهاجم هدفين في الشوط الثاني بعد ركلة جزاء، فيما أشاد المدرب بأداء اللاعبين.",
		"medtop:15000000"},
	{"tennis", "", "تأهلت لاعبة التنس إلى الدور نصف النهائي من بطولة ويمبلدون بعد فوزها في مجموعتين، وتلتقي في المباراة المقبلة المصنفة الأولى.", "medtop:15000000"},
	{"elections", "البرلمان يقر موعد الانتخابات",
		"أقر مجلس النواب موعد الانتخابات البرلمانية المقبلة، وأعلنت المفوضية فتح باب الترشح أمام الأحزاب والمرشحين، فيما دعت المعارضة إلى ضمان نزاهة الاقتراع ومشاركة الناخبين.",
		"medtop:11000000"},
	{"diplomacy", "وزير الخارجية يبحث العلاقات الثنائية",
		"استقبل وزير الخارجية سفير فرنسا وبحث معه العلاقات الثنائية بين البلدين وسبل تعزيز التعاون، كما تناولت المباحثات التحضير للقمة العربية المقبلة.",
		"medtop:11000000"},
	{"air strikes", "غارات جوية على مواقع المسلحين",
		"شنت طائرات التحالف غارات جوية على مواقع المسلحين شمال البلاد، وقالت مصادر عسكرية إن القصف أسفر عن مقتل عشرين مقاتلا وتدمير مخازن للأسلحة والذخيرة، فيما تواصلت الاشتباكات مع قوات الجيش.",
		"medtop:16000000"},
	{"ceasefire", "", "أعلن المبعوث الأممي عن اتفاق لوقف إطلاق النار بين الأطراف المتحاربة، ودعا إلى استئناف محادثات السلام وتبادل الأسرى وفتح الممرات الإنسانية للمدنيين المحاصرين.", "medtop:16000000"},
	{"oil prices", "أسعار النفط ترتفع",
		"ارتفعت أسعار النفط اليوم بعد قرار أوبك خفض الإنتاج، وصعد خام برنت إلى 80 دولارا للبرميل، فيما تراجعت الأسهم في البورصة وتراجع الدولار أمام اليورو.",
		"medtop:04000000"},
	{"company results", "", "أعلنت الشركة ارتفاع صافي أرباحها في الربع الثالث بنسبة 12 في المئة إلى 3 مليارات ريال، بدعم من نمو المبيعات والإيرادات، وقرر مجلس الإدارة توزيع أرباح نقدية على المساهمين.", "medtop:04000000"},
	{"smartphone", "آبل تكشف عن هاتفها الجديد",
		"كشفت شركة آبل عن الجيل الجديد من هواتف آيفون بشاشة أكبر وكاميرا ثلاثية ومعالج أسرع، مع تحديث لنظام التشغيل يتيح للمستخدمين ميزات جديدة للذكاء الاصطناعي وحماية الخصوصية.",
		"medtop:13000000"},
	{"space", "", "أطلقت وكالة ناسا مسبارا جديدا إلى المريخ لدراسة سطح الكوكب، وقال العلماء إن المركبة الفضائية ستصل بعد سبعة أشهر وتحمل تلسكوبا لرصد المجرات.", "medtop:13000000"},
	{"cinema", "فيلم مصري يفوز بجائزة المهرجان",
		"فاز فيلم المخرج المصري بجائزة أفضل فيلم في مهرجان القاهرة السينمائي، وصعدت الممثلة إلى خشبة المسرح لتسلم الجائزة وسط تصفيق النجوم والجمهور.",
		"medtop:01000000"},
	{"music", "", "طرحت المطربة اللبنانية أغنيتها الجديدة من ألبومها المقبل، وحقق الكليب ملايين المشاهدات، وتستعد لإحياء حفل غنائي في دار الأوبرا.", "medtop:01000000"},
	{"murder trial", "الحكم بالإعدام على قاتل زوجته",
		"قضت محكمة الجنايات بالإعدام على المتهم بقتل زوجته طعنا، بعد أن أحالته النيابة العامة إلى المحاكمة، واستمعت المحكمة إلى الشهود وتقرير الطب الشرعي.",
		"medtop:02000000"},
	{"drug seizure", "", "ألقت الشرطة القبض على عصابة لتهريب المخدرات وضبطت بحوزتها كميات من الحشيش والكوكايين، وأحيل المشتبه بهم إلى النيابة.", "medtop:02000000"},
	{"earthquake", "زلزال قوي يضرب الساحل",
		"ضرب زلزال بقوة 6.8 درجة على مقياس ريختر الساحل الغربي، وقالت فرق الإنقاذ إن عدد الضحايا ارتفع إلى 40 فيما لا يزال العشرات تحت الأنقاض، وأعلنت السلطات حالة الطوارئ.",
		"medtop:03000000"},
	{"road accident", "", "لقي خمسة أشخاص مصرعهم وأصيب عشرة آخرون في حادث سير مروع إثر اصطدام حافلة بشاحنة على الطريق الصحراوي، ونقلت سيارات الإسعاف المصابين إلى المستشفى.", "medtop:03000000"},
	{"exams", "انطلاق امتحانات الثانوية العامة",
		"انطلقت امتحانات الثانوية العامة صباح اليوم في المدارس، وأكد وزير التربية والتعليم أن الوزارة اتخذت إجراءات لمنع الغش، فيما اشتكى الطلاب من صعوبة المناهج.",
		"medtop:05000000"},
	{"climate", "", "حذر تقرير أممي من أن الاحتباس الحراري وانبعاثات الكربون تهدد الشعاب المرجانية والتنوع البيولوجي، ودعا إلى التوسع في الطاقة المتجددة للحد من التغير المناخي والتلوث.", "medtop:06000000"},
	{"vaccination", "حملة لتطعيم الأطفال ضد الحصبة",
		"أطلقت وزارة الصحة حملة لتطعيم الأطفال ضد الحصبة بعد تفشي المرض في عدة مناطق، وقال الأطباء إن اللقاح آمن ويقي من العدوى، وطالبوا المرضى بمراجعة المستشفيات عند ظهور الأعراض.",
		"medtop:07000000"},
	{"odd story", "", "في قصة طريفة حيرت رواد مواقع التواصل، انتشر مقطع فيديو لقط يعزف على البيانو، ودخلت صاحبته موسوعة غينيس بعد أن سجلت أغرب رقم قياسي.", "medtop:08000000"},
	{"strike", "إضراب عمال الموانئ",
		"دخل عمال الموانئ في إضراب مفتوح للمطالبة برفع الأجور وصرف المستحقات المتأخرة، وقالت النقابة إن وزارة العمل لم تستجب لمطالب الموظفين بتحسين ظروف العمل والحد الأدنى للرواتب.",
		"medtop:09000000"},
	{"travel", "", "نصائح للسفر في العطلة الصيفية: اختر وجهة سياحية هادئة واحجز الفندق مبكرا، ولا تنس تجربة المطاعم والأطباق المحلية والتسوق في الأسواق القديمة.", "medtop:10000000"},
	{"hajj", "الحجاج يقفون على جبل عرفات",
		"وقف أكثر من مليوني حاج على جبل عرفات لأداء ركن الحج الأعظم، وأدى الحجاج صلاتي الظهر والعصر في مسجد نمرة، فيما استمعوا إلى خطبة عرفة، ويتوجهون بعدها إلى مزدلفة لرمي الجمرات.",
		"medtop:12000000"},
	{"child marriage", "", "طالبت جمعيات حقوق المرأة بتجريم زواج القاصرات والحد من ظاهرة الطلاق والعنف الأسري، وقالت ناشطات إن الفقر والتقاليد يدفعان الأسر إلى تزويج الفتيات مبكرا.", "medtop:14000000"},
	{"weather forecast", "أمطار غزيرة ورياح قوية",
		"توقعت هيئة الأرصاد الجوية هطول أمطار غزيرة مصحوبة بعواصف رعدية ورياح قوية على المناطق الشمالية، مع انخفاض درجات الحرارة وتكون الضباب في الصباح الباكر، ودعت إلى الحذر من ارتفاع الأمواج.",
		"medtop:17000000"},
}

func mustDefaultModel(t testing.TB) *Lexicon {
	t.Helper()
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDefaultModelTopics(t *testing.T) {
	m := mustDefaultModel(t)
	if m2, _ := DefaultModel(); m2 != m {
		t.Error("DefaultModel returned two different models")
	}
	top := m.Topics()
	if len(top) != 17 {
		t.Fatalf("%d topics, want 17", len(top))
	}
	want := []string{
		"arts, culture, entertainment and media", "crime, law and justice",
		"disaster, accident and emergency incident", "economy, business and finance",
		"education", "environment", "health", "human interest", "labour",
		"lifestyle and leisure", "politics", "religion", "science and technology",
		"society", "sport", "conflict, war and peace", "weather",
	}
	for i, tp := range top {
		id := "medtop:" + string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10)) + "000000"
		if tp.ID != id || tp.Label != want[i] || tp.LabelAR == "" {
			t.Errorf("topic %d = %+v, want ID %s, label %q and an Arabic label", i, tp, id, want[i])
		}
		min := 80
		if n := m.Len(i); n < min {
			t.Errorf("%s has %d terms, want at least %d", tp.ID, n, min)
		}
	}
	top[0].ID = "changed"
	if m.Topics()[0].ID == "changed" {
		t.Error("Topics returned the model's own slice")
	}
}

func TestDefaultModelScores(t *testing.T) {
	m := mustDefaultModel(t)
	for _, tc := range defaultCases {
		t.Run(tc.name, func(t *testing.T) {
			s := m.Score(Document{Title: tc.title, Text: tc.text})
			if len(s) != 17 {
				t.Fatalf("%d scores, want 17", len(s))
			}
			if s[0].ID != tc.want {
				var ev []string
				for _, e := range m.Explain(Document{Title: tc.title, Text: tc.text})[:8] {
					ev = append(ev, e.TopicID[7:9]+":"+e.Term)
				}
				t.Errorf("best %s (%.2f), then %s (%.2f); want %s\nevidence: %v", s[0].Label, s[0].Score, s[1].Label, s[1].Score, tc.want, ev)
			}
			checkScores(t, s)
		})
	}
}

// checkScores checks the invariants of a lexicon's scores.
func checkScores(t *testing.T, s []TopicScore) {
	t.Helper()
	var sum float64
	for i, x := range s {
		if !(x.Score >= 0 && x.Score <= 1) {
			t.Fatalf("score %v of %s not in [0, 1]", x.Score, x.ID)
		}
		if i > 0 && x.Score > s[i-1].Score {
			t.Fatalf("scores not best first: %v", s)
		}
		sum += x.Score
	}
	if sum != 0 && math.Abs(sum-1) > 1e-9 {
		t.Fatalf("scores sum to %v, want 1 (or 0)", sum)
	}
}

func TestDefaultModelNoEvidence(t *testing.T) {
	m := mustDefaultModel(t)
	for _, d := range []Document{{}, {Text: "في على من إلى 2018"}, {Text: "\xff\xfe"}, {Extra: []string{"unknown:id"}}} {
		s := m.Score(d)
		for i, x := range s {
			if x.Score != 0 || x.ID != m.Topics()[i].ID {
				t.Fatalf("Score(%q) = %v, want zeros in topic order", d.Text, s)
			}
		}
	}
}

func TestLexiconExtraTerms(t *testing.T) {
	m := mustDefaultModel(t)
	s := m.Score(Document{Extra: []string{"org:al-ahly-sc"}})
	if s[0].ID != "medtop:15000000" || s[0].Score != 1 {
		t.Errorf("extra org:al-ahly-sc: %v, want sport with all the evidence", s[:2])
	}
}

// TestLexiconPriorAndLead checks the @prior line and the weight of the
// lead.
func TestLexiconPriorAndLead(t *testing.T) {
	const lex = "@topic a | A\n@prior 2\nمباراة\n@topic b | B\nالنفط\n"
	l, err := ReadLexicon(strings.NewReader(lex))
	if err != nil {
		t.Fatal(err)
	}
	if l.Prior(0) != 2 || l.Prior(1) != 1 {
		t.Fatalf("priors %v %v, want 2 1", l.Prior(0), l.Prior(1))
	}
	// مباراة in the lead (tf 2), النفط twice later (tf 2).
	d := Document{Text: "مباراة اليوم.\nالنفط ثم النفط"}
	ea := 2 * (1 + math.Log(2))
	eb := 1 + math.Log(2)
	s := l.Score(d)
	if s[0].ID != "a" || math.Abs(s[0].Score-ea/(ea+eb)) > 1e-12 {
		t.Fatalf("scores %v, want a=%.4f b=%.4f", s, ea/(ea+eb), eb/(ea+eb))
	}
	for _, e := range l.Explain(d) {
		if want := map[string]float64{"a": ea, "b": eb}[e.TopicID]; math.Abs(e.Value-want) > 1e-12 || e.TF != 2 {
			t.Errorf("Explain %+v, want TF 2 and Value %v", e, want)
		}
	}
	for _, bad := range []string{
		"@prior 2\n@topic a | A\nمباراة\n",
		"@topic a | A\n@prior 0\n",
		"@topic a | A\n@prior 11\n",
		"@topic a | A\n@prior x\n",
		"@topic a | A\n@prior\n",
		"@topic a | A\n@prior 1 2\n",
		"@topic a | A\n@prior 2\n@prior 2\n",
	} {
		if _, err := ReadLexicon(strings.NewReader(bad)); !errors.Is(err, ErrLexicon) {
			t.Errorf("%q: error %v, want ErrLexicon", bad, err)
		}
	}
}

// TestDefaultModelExtraIDs checks that the entity IDs of the default
// lexicon exist in the default gazetteer's organisations file.
func TestDefaultModelExtraIDs(t *testing.T) {
	b, err := os.ReadFile("../gazetteer/data/orgs.tsv")
	if err != nil {
		t.Skipf("gazetteer data not found: %v", err)
	}
	ids := map[string]bool{}
	for line := range strings.Lines(string(b)) {
		id, _, _ := strings.Cut(line, "\t")
		ids[id] = true
	}
	m := mustDefaultModel(t)
	n := 0
	for id := range m.extras {
		n++
		if !ids[id] {
			t.Errorf("extra term %q is not an ID of gazetteer/data/orgs.tsv", id)
		}
	}
	if n == 0 {
		t.Error("the default model has no extra terms")
	}
}

func TestLexiconScoring(t *testing.T) {
	const lex = "@topic a | A\nمباراة 2\nهدف\n@topic b | B | ب\nهدف 3\nالنفط 1.5\n"
	l, err := ReadLexicon(strings.NewReader(lex))
	if err != nil {
		t.Fatal(err)
	}
	// مباراة once in the title (tf 3), هدف twice in the text (listed
	// under two topics: weights halved), النفط once; none of them in the
	// lead, the first sentence.
	d := Document{Title: "مباراة", Text: "بدأ اللقاء مساء.\nهدف ثم هدف والنفط"}
	ea := 2*(1+math.Log(3)) + 0.5*(1+math.Log(2))
	eb := 1.5*(1+math.Log(2)) + 1.5
	s := l.Score(d)
	if s[0].ID != "a" || math.Abs(s[0].Score-ea/(ea+eb)) > 1e-12 || math.Abs(s[1].Score-eb/(ea+eb)) > 1e-12 {
		t.Fatalf("scores %v, want a=%.4f b=%.4f", s, ea/(ea+eb), eb/(ea+eb))
	}
	if s[1].LabelAR != "ب" {
		t.Errorf("Arabic label %q, want ب", s[1].LabelAR)
	}
	var sum = map[string]float64{}
	for _, e := range l.Explain(d) {
		sum[e.TopicID] += e.Value
	}
	if math.Abs(sum["a"]-ea) > 1e-12 || math.Abs(sum["b"]-eb) > 1e-12 {
		t.Errorf("Explain sums %v, want a=%v b=%v", sum, ea, eb)
	}
	// A shared word gives each topic its share of its weight.
	s = l.Score(Document{Text: "هدف"})
	if s[0].ID != "b" {
		t.Errorf("هدف alone: %v, want b first", s)
	}
	l2, _ := ReadLexicon(strings.NewReader("@topic x | X\nكتاب\n@topic y | Y\nكتاب\n"))
	if s := l2.Score(Document{Text: "كتاب"}); s[0].ID != "x" || s[0].Score != 0.5 {
		t.Errorf("tie: %v, want x first with 0.5", s)
	}
}

func TestLexiconBigrams(t *testing.T) {
	l, err := ReadLexicon(strings.NewReader("@topic s | sport\nكأس العالم 3\n@topic w | world\nالعالم\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s := l.Score(Document{Text: "تصفيات كأس العالم"}); s[0].ID != "s" {
		t.Errorf("bigram: %v", s)
	}
	// A stop word between the two words breaks the pair.
	if s := l.Score(Document{Text: "كأس في العالم"}); s[0].ID != "w" || s[0].Score != 1 {
		t.Errorf("broken pair: %v", s)
	}
}

func TestReadLexiconErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		msg        string
	}{
		{"term before topic", "# c\nالنفط 2\n", 2, "before any @topic"},
		{"unknown directive", "@topik a | A\n", 1, "unknown directive"},
		{"no label", "@topic a\n", 1, "want @topic ID"},
		{"empty label", "@topic a |  | ع\n", 1, "empty English label"},
		{"two-word ID", "@topic a b | A\n", 1, "want one word"},
		{"duplicate topic", "@topic a | A\nكتاب\n@topic a | B\n", 3, "already defined at lexicon:1"},
		{"bad weight", "@topic a | A\nالنفط 0\n", 2, "not in (0, 100]"},
		{"huge weight", "@topic a | A\nالنفط 1e9\n", 2, "not in (0, 100]"},
		{"NaN weight", "@topic a | A\nالنفط NaN\n", 2, "not in (0, 100]"},
		{"stop word", "@topic a | A\nعلى 2\n", 2, "gives no term"},
		{"number", "@topic a | A\n\n2018 2\n", 3, "gives no term"},
		{"stop word in phrase", "@topic a | A\nتحت الأنقاض 2\n", 2, "1 of its 2 words"},
		{"three words", "@topic a | A\nمجلس الأمن الدولي\n", 2, "3 words"},
		{"same key", "@topic a | A\nالانتخابات 3\nالانتخابي 2\n", 3, `already listed for a at lexicon:2`},
		{"bad extra", "@topic a | A\n=org:a org:b 2\n", 2, "extra term"},
		{"empty extra", "@topic a | A\n= 2\n", 2, "extra term"},
		{"invalid UTF-8", "@topic a | A\n\xff\n", 2, "invalid UTF-8"},
		{"long line", "@topic a | A\n" + strings.Repeat("ب", MaxLexiconLine) + "\n", 2, "longer than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadLexicon(strings.NewReader(tc.text))
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrLexicon) {
				t.Fatalf("error %v: want a *ParseError wrapping ErrLexicon", err)
			}
			if pe.Line != tc.line || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), fmt.Sprintf("lexicon:%d: topics: bad lexicon: ", tc.line)) {
				t.Fatalf("error %q (line %d), want line %d and %q", err, pe.Line, tc.line, tc.msg)
			}
		})
	}
}

func TestReadLexiconFS(t *testing.T) {
	fsys := fstest.MapFS{
		"lex/1-sport.txt":  {Data: []byte("\uFEFF@topic s | sport | رياضة\r\nالمباراة 3\r\n")},
		"lex/2-oil.txt":    {Data: []byte("@topic o | oil\nالنفط 2\n")},
		"lex/3-bad.txt":    {Data: []byte("# header\n@topic b | bad\nالنفط x y z\n")},
		"lex/4-orphan.txt": {Data: []byte("الذهب 2\n")},
	}
	l, err := ReadLexiconFS(fsys, "lex/[12]-*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if top := l.Topics(); len(top) != 2 || top[0].ID != "s" || top[0].LabelAR != "رياضة" || top[1].ID != "o" {
		t.Fatalf("topics %v", top)
	}
	if s := l.Score(Document{Text: "ارتفع النفط"}); s[0].ID != "o" {
		t.Errorf("scores %v", s)
	}
	_, err = ReadLexiconFS(fsys, "lex/*.txt")
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Source != "lex/3-bad.txt" || pe.Line != 3 || !strings.Contains(err.Error(), "lex/3-bad.txt:3: ") {
		t.Errorf("error %v: want lex/3-bad.txt:3", err)
	}
	// A file's terms need a header in that file.
	_, err = ReadLexiconFS(fsys, "lex/[14]-*.txt")
	if !errors.As(err, &pe) || pe.Source != "lex/4-orphan.txt" || pe.Line != 1 {
		t.Errorf("error %v: want lex/4-orphan.txt:1", err)
	}
	if _, err := ReadLexiconFS(fsys, "none/*.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no match: %v", err)
	}
	if _, err := ReadLexiconFS(fsys, "[x"); err == nil {
		t.Error("bad pattern: no error")
	}
}

// twoByteReader returns at most 2 bytes per Read.
type twoByteReader struct{ r io.Reader }

func (s twoByteReader) Read(p []byte) (int, error) { return s.r.Read(p[:min(len(p), 2)]) }

func TestReadLexiconSlowReader(t *testing.T) {
	b, err := data.ReadFile("data/15-sport.txt")
	if err != nil {
		t.Fatal(err)
	}
	fast, err := ReadLexicon(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	slow, err := ReadLexicon(twoByteReader{strings.NewReader(string(b))})
	if err != nil {
		t.Fatal(err)
	}
	if fast.Len(0) != slow.Len(0) || len(fast.postings) != len(slow.postings) {
		t.Errorf("slow reader: %d terms, fast: %d", slow.Len(0), fast.Len(0))
	}
}

func TestReadLexiconReadError(t *testing.T) {
	boom := errors.New("boom")
	_, err := ReadLexicon(io.MultiReader(strings.NewReader("@topic a | A\nالنفط\n"), errReader{boom}))
	var pe *ParseError
	if !errors.Is(err, boom) || errors.Is(err, ErrLexicon) || !errors.As(err, &pe) || pe.Line != 3 {
		t.Errorf("error %v: want boom at line 3, not ErrLexicon", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestDefaultModelConcurrent(t *testing.T) {
	m := mustDefaultModel(t)
	want := make([][]TopicScore, len(defaultCases))
	for i, tc := range defaultCases {
		want[i] = m.Score(Document{Title: tc.title, Text: tc.text})
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range defaultCases {
				tc := defaultCases[(i+g)%len(defaultCases)]
				got := m.Score(Document{Title: tc.title, Text: tc.text})
				if !slices.Equal(got, want[(i+g)%len(defaultCases)]) {
					t.Errorf("%s: concurrent scores differ", tc.name)
				}
			}
		})
	}
	wg.Wait()
}

var sinkScores []TopicScore

// BenchmarkDefaultModel scores a 4 KB article; BenchmarkTerms is the
// tokenisation part of the same work.
func BenchmarkDefaultModel(b *testing.B) {
	m := mustDefaultModel(b)
	text := benchArticle(b)
	b.Run("score", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			sinkScores = m.Score(Document{Text: text})
		}
	})
	b.Run("terms", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			sinkTerms = tfidf.Terms(text, tfidf.TermOptions{Bigrams: true})
		}
	})
}

var sinkTerms []tfidf.Term

// benchArticle returns about 4 KB of news text from the test articles.
func benchArticle(b *testing.B) string {
	raw, err := os.ReadFile("../testdata/articles/economy.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(raw)
	for len(s) < 4096 {
		s += s
	}
	cut := strings.LastIndexByte(s[:4096], ' ')
	return s[:cut]
}
