package article

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// want is one expected block: its kind and its exact text.
type want struct {
	kind Kind
	text string
}

func (w want) String() string { return fmt.Sprintf("%v %q", w.kind, w.text) }

// checkInvariants checks what Parse promises for any input: blocks in
// order, not overlapping, in bounds, trimmed, non-empty, and only blank
// text between them; and Mask keeps length and analysed text.
func checkInvariants(t testing.TB, text string, st Structure) {
	t.Helper()
	prev, line := 0, 1
	titles := 0
	for i, b := range st.Blocks {
		for j := prev; j < b.Start; j++ {
			if text[j] == '\n' || (text[j] == '\r' && (j+1 >= len(text) || text[j+1] != '\n')) {
				line++
			}
		}
		if b.Kind < Title || b.Kind > Boilerplate {
			t.Fatalf("block %d: bad kind %v", i, b.Kind)
		}
		if b.Start < prev || b.End <= b.Start || b.End > len(text) {
			t.Fatalf("block %d %v: offsets %d:%d out of order or bounds (prev end %d, len %d)", i, b.Kind, b.Start, b.End, prev, len(text))
		}
		if s, e := trim(text, b.Start, b.End); s != b.Start || e != b.End {
			t.Fatalf("block %d %v %q is not trimmed", i, b.Kind, b.Text(text))
		}
		if gap := text[prev:b.Start]; strings.TrimFunc(gap, isSpace) != "" {
			t.Fatalf("content %q between blocks is in no block", gap)
		}
		if b.Line != line {
			t.Fatalf("block %d: line %d, want %d", i, b.Line, line)
		}
		if b.Kind == Title {
			titles++
		}
		for j := b.Start; j < b.End; j++ {
			if text[j] == '\n' || (text[j] == '\r' && (j+1 >= len(text) || text[j+1] != '\n')) {
				line++
			}
		}
		prev = b.End
	}
	if rest := text[prev:]; strings.TrimFunc(rest, isSpace) != "" {
		t.Fatalf("content %q after the last block is in no block", rest)
	}
	if titles > 1 {
		t.Fatalf("%d titles", titles)
	}
	m := st.Mask(text)
	if len(m) != len(text) {
		t.Fatalf("Mask changed the length from %d to %d", len(text), len(m))
	}
	for _, b := range st.Blocks {
		got := m[b.Start:b.End]
		if b.Kind.Analysed() {
			if got != b.Text(text) {
				t.Fatalf("Mask changed analysed block %v %q", b.Kind, b.Text(text))
			}
			continue
		}
		if strings.Trim(got, " \r\n") != "" || strings.Count(got, "\n") != strings.Count(b.Text(text), "\n") {
			t.Fatalf("Mask left %q of %v block", got, b.Kind)
		}
	}
	if utf8.ValidString(text) && !utf8.ValidString(m) {
		t.Fatal("Mask of valid UTF-8 is not valid UTF-8")
	}
}

func blocksOf(text string, st Structure) []want {
	out := make([]want, len(st.Blocks))
	for i, b := range st.Blocks {
		out[i] = want{b.Kind, b.Text(text)}
	}
	return out
}

func diff(t *testing.T, text string, got Structure, wants []want) {
	t.Helper()
	gw := blocksOf(text, got)
	for i := 0; i < max(len(gw), len(wants)); i++ {
		var g, w want
		if i < len(gw) {
			g = gw[i]
		}
		if i < len(wants) {
			w = wants[i]
		}
		if g != w {
			var b strings.Builder
			for _, x := range gw {
				fmt.Fprintf(&b, "\t%v\n", x)
			}
			t.Fatalf("block %d: got %v, want %v; all blocks:\n%s", i, g, w, b.String())
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{{
		name: "repeated title, English dateline, source, subheadings, footers",
		text: "الجيش السوداني يعلن استعادة مواقع في الخرطوم\n" +
			"الجيش السوداني يعلن استعادة مواقع في الخرطوم\n\n" +
			"عربي ودولي - Sunday, September 29, 2024 6:12:00 PM\n\n" +
			"العربية.نت\n\n" +
			"أعلن الجيش السوداني اليوم الأحد أنه استعاد السيطرة على عدد من المواقع في وسط الخرطوم بعد معارك عنيفة مع قوات الدعم السريع استمرت عدة أيام.\n\n" +
			"نزوح جديد\n" +
			"وقالت الأمم المتحدة إن آلاف الأسر نزحت من أحياء جنوب العاصمة خلال الأسبوع الماضي، محذرة من نقص حاد في الغذاء والدواء.\n" +
			" \n\n" +
			"| لمتابعة آخر الأخبار انضموا إلينا عبر قناتنا على تلغرام اضغط هنا\n\n" +
			"اشترك في النشرة الأسبوعية\n",
		want: []want{
			{Title, "الجيش السوداني يعلن استعادة مواقع في الخرطوم"},
			{DuplicateTitle, "الجيش السوداني يعلن استعادة مواقع في الخرطوم"},
			{Dateline, "عربي ودولي - Sunday, September 29, 2024 6:12:00 PM"},
			{Dateline, "العربية.نت"},
			{Paragraph, "أعلن الجيش السوداني اليوم الأحد أنه استعاد السيطرة على عدد من المواقع في وسط الخرطوم بعد معارك عنيفة مع قوات الدعم السريع استمرت عدة أيام."},
			{Subheading, "نزوح جديد"},
			{Paragraph, "وقالت الأمم المتحدة إن آلاف الأسر نزحت من أحياء جنوب العاصمة خلال الأسبوع الماضي، محذرة من نقص حاد في الغذاء والدواء."},
			{Boilerplate, "| لمتابعة آخر الأخبار انضموا إلينا عبر قناتنا على تلغرام اضغط هنا"},
			{Boilerplate, "اشترك في النشرة الأسبوعية"},
		},
	}, {
		name: "Arabic date, agency dateline opening the first paragraph",
		text: "الأردن يرفع أسعار المحروقات للشهر الثاني\n" +
			"الأحد 1 أكتوبر 2023\n" +
			"عمّان - (د ب أ) - قررت لجنة تسعير المشتقات النفطية في الأردن رفع أسعار البنزين بنسبة طفيفة اعتباراً من صباح اليوم.\n",
		want: []want{
			{Title, "الأردن يرفع أسعار المحروقات للشهر الثاني"},
			{Dateline, "الأحد 1 أكتوبر 2023"},
			{Dateline, "عمّان - (د ب أ) -"},
			{Paragraph, "قررت لجنة تسعير المشتقات النفطية في الأردن رفع أسعار البنزين بنسبة طفيفة اعتباراً من صباح اليوم."},
		},
	}, {
		name: "agency dateline with a city and its country",
		text: "غارات على ريف إدلب\n\n" +
			"أتلانتا، الولايات المتحدة الأمريكية (CNN)-- تعرضت محافظة إدلب لقصف جوي من قبل مقاتلات روسية، السبت، وفقا لما ذكره الدفاع المدني.\n" +
			"وقال الدفاع المدني، في بيان، إن أربعة أشخاص قتلوا في القصف.\n",
		want: []want{
			{Title, "غارات على ريف إدلب"},
			{Dateline, "أتلانتا، الولايات المتحدة الأمريكية (CNN)--"},
			{Paragraph, "تعرضت محافظة إدلب لقصف جوي من قبل مقاتلات روسية، السبت، وفقا لما ذكره الدفاع المدني."},
			{Paragraph, "وقال الدفاع المدني، في بيان، إن أربعة أشخاص قتلوا في القصف."},
		},
	}, {
		name: "a sentence with a comma and a parenthesis is no dateline",
		text: "قمة في الرياض\n\n" +
			"قال الوزير، في مؤتمر صحفي (الأحد) - وهو يبتسم - إن القمة ناجحة وإن البيان الختامي سيصدر غدا.\n",
		want: []want{
			{Title, "قمة في الرياض"},
			{Paragraph, "قال الوزير، في مؤتمر صحفي (الأحد) - وهو يبتسم - إن القمة ناجحة وإن البيان الختامي سيصدر غدا."},
		},
	}, {
		name: "duplicate title differing in diacritics, digits and spacing",
		text: "مصر تفتتح المتحف الكبير في 2025\n\nمِصر  تفتتح المتحف الكبير في ٢٠٢٥\nافتتحت مصر المتحف الكبير قرب الأهرامات بحضور عدد من قادة العالم في احتفال ضخم.",
		want: []want{
			{Title, "مصر تفتتح المتحف الكبير في 2025"},
			{DuplicateTitle, "مِصر  تفتتح المتحف الكبير في ٢٠٢٥"},
			{Paragraph, "افتتحت مصر المتحف الكبير قرب الأهرامات بحضور عدد من قادة العالم في احتفال ضخم."},
		},
	}, {
		name: "a similar second line is not a duplicate",
		text: "مصر تفتتح المتحف الكبير\nمصر تفتتح المتحف الكبير رسمياً بعد سنوات من التأجيل والانتظار الطويل.\n",
		want: []want{
			{Title, "مصر تفتتح المتحف الكبير"},
			{Paragraph, "مصر تفتتح المتحف الكبير رسمياً بعد سنوات من التأجيل والانتظار الطويل."},
		},
	}, {
		name: "byline, update time and tail source",
		text: "تونس: ارتفاع نسبة المشاركة في الانتخابات البلدية\n" +
			"بقلم: ليلى بن علي\n" +
			"آخر تحديث: 18:40\n\n" +
			"أعلنت الهيئة العليا المستقلة للانتخابات في تونس أن نسبة المشاركة بلغت 12 في المئة عند إغلاق مكاتب الاقتراع، وهي أعلى من نسبة الدورة السابقة.\n\n" +
			"المصدر: وكالة تونس إفريقيا للأنباء\n",
		want: []want{
			{Title, "تونس: ارتفاع نسبة المشاركة في الانتخابات البلدية"},
			{Dateline, "بقلم: ليلى بن علي"},
			{Dateline, "آخر تحديث: 18:40"},
			{Paragraph, "أعلنت الهيئة العليا المستقلة للانتخابات في تونس أن نسبة المشاركة بلغت 12 في المئة عند إغلاق مكاتب الاقتراع، وهي أعلى من نسبة الدورة السابقة."},
			{Dateline, "المصدر: وكالة تونس إفريقيا للأنباء"},
		},
	}, {
		name: "news about WhatsApp and newsletters stays body text",
		text: "تلغرام يتجاوز مليار مستخدم\n\n" +
			"قال مؤسس تطبيق تلغرام إن عدد مستخدميه تجاوز مليار شخص، متقدماً على منافسه واتساب في عدد من الأسواق العربية.\n\n" +
			"ودعت الشركة المستخدمين إلى الاشتراك في النشرة الأمنية.\n\n" +
			"وأطلقت صحف عربية قنوات على واتساب وتلغرام لمتابعة الأخبار العاجلة\n\n" +
			"فيما قال مسؤول في الشركة لصحافيين إن الحكومات طالبت مراراً بالوصول إلى بيانات المستخدمين، وإن الشركة رفضت ذلك لأنها تعتبر الخصوصية جزءاً من هويتها.\n",
		want: []want{
			{Title, "تلغرام يتجاوز مليار مستخدم"},
			{Paragraph, "قال مؤسس تطبيق تلغرام إن عدد مستخدميه تجاوز مليار شخص، متقدماً على منافسه واتساب في عدد من الأسواق العربية."},
			{Paragraph, "ودعت الشركة المستخدمين إلى الاشتراك في النشرة الأمنية."},
			{Subheading, "وأطلقت صحف عربية قنوات على واتساب وتلغرام لمتابعة الأخبار العاجلة"},
			{Paragraph, "فيما قال مسؤول في الشركة لصحافيين إن الحكومات طالبت مراراً بالوصول إلى بيانات المستخدمين، وإن الشركة رفضت ذلك لأنها تعتبر الخصوصية جزءاً من هويتها."},
		},
	}, {
		name: "a long promo-like sentence ending in a full stop is news",
		text: "عنوان الخبر\n\nوقال المتحدث إن الوزارة تكرر دعوتها للمواطنين: تابعونا على المنصات الرسمية فقط لتجنب الشائعات التي انتشرت خلال الأيام الماضية.\n",
		want: []want{
			{Title, "عنوان الخبر"},
			{Paragraph, "وقال المتحدث إن الوزارة تكرر دعوتها للمواطنين: تابعونا على المنصات الرسمية فقط لتجنب الشائعات التي انتشرت خلال الأيام الماضية."},
		},
	}, {
		name: "related links in the middle, share row, copyright, separators",
		text: "عنوان\n\nفقرة أولى تكفي لتكون فقرة كاملة في هذا النص التجريبي القصير جداً.\n\n" +
			"اقرأ أيضاً: الحكومة تعلن خطة جديدة للنقل العام\n\n" +
			"***\n\n" +
			"فقرة ثانية.\n\n" +
			"شارك: فيسبوك | تويتر | واتساب\n" +
			"جميع الحقوق محفوظة لموقع خبر 2024\n",
		want: []want{
			{Title, "عنوان"},
			{Paragraph, "فقرة أولى تكفي لتكون فقرة كاملة في هذا النص التجريبي القصير جداً."},
			{Boilerplate, "اقرأ أيضاً: الحكومة تعلن خطة جديدة للنقل العام"},
			{Boilerplate, "***"},
			{Paragraph, "فقرة ثانية."},
			{Boilerplate, "شارك: فيسبوك | تويتر | واتساب"},
			{Boilerplate, "جميع الحقوق محفوظة لموقع خبر 2024"},
		},
	}, {
		name: "wrapped paragraph lines join; a short wrapped tail is no subheading",
		text: "عنوان\n\nبدأت اللجنة أعمالها صباح اليوم في مقر الوزارة\nبحضور ممثلين عن وزارات المالية والنقل والصحة\nوالقطاع الخاص.\nوانتهت الجلسة الأولى بعد ساعتين.\n",
		want: []want{
			{Title, "عنوان"},
			{Paragraph, "بدأت اللجنة أعمالها صباح اليوم في مقر الوزارة\nبحضور ممثلين عن وزارات المالية والنقل والصحة\nوالقطاع الخاص."},
			{Paragraph, "وانتهت الجلسة الأولى بعد ساعتين."},
		},
	}, {
		name: "bulleted list items are not subheadings",
		text: "عنوان\n\nوتشمل الخطة ما يلي:\n\n- تحديث الأسطول\nوقال الوزير إن الخطة ستنفذ على ثلاث مراحل خلال السنوات الخمس المقبلة بتمويل حكومي.\n",
		want: []want{
			{Title, "عنوان"},
			{Paragraph, "وتشمل الخطة ما يلي:"},
			{Paragraph, "- تحديث الأسطول"},
			{Paragraph, "وقال الوزير إن الخطة ستنفذ على ثلاث مراحل خلال السنوات الخمس المقبلة بتمويل حكومي."},
		},
	}, {
		name: "headline with a date is a title, not a dateline",
		text: "قمة بغداد في 7 أبريل 2021 تبحث أمن المنطقة\nتبدأ القمة أعمالها صباح الأربعاء بمشاركة وزراء خارجية دول الجوار وممثلين عن الأمم المتحدة.",
		want: []want{
			{Title, "قمة بغداد في 7 أبريل 2021 تبحث أمن المنطقة"},
			{Paragraph, "تبدأ القمة أعمالها صباح الأربعاء بمشاركة وزراء خارجية دول الجوار وممثلين عن الأمم المتحدة."},
		},
	}, {
		name: "a date line before the title",
		text: "الأربعاء 7 أبريل 2021\nعنوان الخبر\nنص الخبر الكامل هنا في جملة واحدة طويلة بما يكفي لتكون فقرة من فقرات الخبر.",
		want: []want{
			{Dateline, "الأربعاء 7 أبريل 2021"},
			{Title, "عنوان الخبر"},
			{Paragraph, "نص الخبر الكامل هنا في جملة واحدة طويلة بما يكفي لتكون فقرة من فقرات الخبر."},
		},
	}, {
		name: "CRLF line ends",
		text: "عنوان\r\nعنوان\r\n\r\nالقاهرة - وكالات\r\n\r\nنص الخبر.\r\nتابعونا على فيسبوك\r\n",
		want: []want{
			{Title, "عنوان"},
			{DuplicateTitle, "عنوان"},
			{Dateline, "القاهرة - وكالات"},
			{Paragraph, "نص الخبر."},
			{Boilerplate, "تابعونا على فيسبوك"},
		},
	}, {
		name: "lone CR line ends",
		text: "عنوان\rنص الخبر.\rتابعونا على فيسبوك",
		want: []want{
			{Title, "عنوان"},
			{Paragraph, "نص الخبر."},
			{Boilerplate, "تابعونا على فيسبوك"},
		},
	}, {
		name: "empty",
		text: "",
	}, {
		name: "blank only",
		text: " \n\u00a0\r\n\t\u200f\n",
	}, {
		name: "one short line is a title",
		text: "  عاجل: زلزال بقوة 6 درجات يضرب جنوب تركيا  ",
		want: []want{{Title, "عاجل: زلزال بقوة 6 درجات يضرب جنوب تركيا"}},
	}, {
		name: "one long line is a paragraph",
		text: strings.Repeat("ضرب زلزال بقوة ست درجات جنوب تركيا صباح اليوم. ", 4),
		want: []want{{Paragraph, strings.TrimSpace(strings.Repeat("ضرب زلزال بقوة ست درجات جنوب تركيا صباح اليوم. ", 4))}},
	}, {
		name: "invalid UTF-8 is content",
		text: "عنوان\xff\n\n\xfe\xfd\n\nنص \x80 الخبر.",
		want: []want{
			{Title, "عنوان\xff"},
			{Paragraph, "\xfe\xfd"},
			{Paragraph, "نص \x80 الخبر."},
		},
	}, {
		name: "BOM and direction marks are trimmed",
		text: "\ufeffعنوان\u200f\n\u200fنص الخبر.\u200e",
		want: []want{
			{Title, "عنوان"},
			{Paragraph, "نص الخبر."},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Parse(tt.text)
			checkInvariants(t, tt.text, st)
			diff(t, tt.text, st, tt.want)
		})
	}
}

// TestNothingDropped checks an article without boilerplate: every block is
// analysed and Mask returns the text unchanged.
func TestNothingDropped(t *testing.T) {
	text := readArticle(t, "no-boilerplate.txt")
	st := Parse(text)
	checkInvariants(t, text, st)
	for _, b := range st.Blocks {
		if !b.Kind.Analysed() {
			t.Errorf("line %d %q dropped as %v", b.Line, b.Text(text), b.Kind)
		}
	}
	if st.Mask(text) != text {
		t.Error("Mask changed an article with nothing to drop")
	}
	if len(st.Analysed()) != len(st.Blocks) {
		t.Errorf("Analysed has %d of %d blocks", len(st.Analysed()), len(st.Blocks))
	}
}

func TestMask(t *testing.T) {
	text := "عنوان\r\nعنوان\r\n\r\nنص الخبر هنا.\r\n\u00a0\r\nتابعونا على فيسبوك\r\n"
	st := Parse(text)
	checkInvariants(t, text, st)
	got := st.Mask(text)
	want := "عنوان\r\n" + strings.Repeat(" ", len("عنوان")) + "\r\n\r\nنص الخبر هنا.\r\n\u00a0\r\n" +
		strings.Repeat(" ", len("تابعونا على فيسبوك")) + "\r\n"
	if got != want {
		t.Errorf("Mask =\n%q\nwant\n%q", got, want)
	}
	// Blocks that do not fit the text are ignored, not a panic.
	bad := Structure{Blocks: []Block{{Kind: Boilerplate, Start: 3, End: 1000}, {Kind: Dateline, Start: -1, End: 2}}}
	if bad.Mask("abc") != "abc" {
		t.Error("Mask used blocks outside the text")
	}
}

func TestStructureMethods(t *testing.T) {
	text := readArticle(t, "related-tail.txt")
	st := Parse(text)
	title, ok := st.Title()
	if !ok || title.Text(text) != "السعودية تستضيف كأس العالم 2034 رسمياً" {
		t.Errorf("Title() = %q, %v", title.Text(text), ok)
	}
	for _, b := range st.Analysed() {
		if !b.Kind.Analysed() {
			t.Errorf("Analysed holds %v", b.Kind)
		}
	}
	if n := len(st.Of(Subheading)); n != 2 {
		t.Errorf("%d subheadings, want 2", n)
	}
	if _, ok := Parse(strings.Repeat("جملة طويلة جداً. ", 40)).Title(); ok {
		t.Error("a long single line has a title")
	}
}

func TestKind(t *testing.T) {
	for k := Title; k <= Boilerplate; k++ {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Kind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("%v round-trips to %v, %v", k, back, err)
		}
	}
	if Kind(0).String() != "Kind(0)" || Kind(200).String() != "Kind(200)" {
		t.Error("String of unknown kinds")
	}
	if _, err := Kind(0).MarshalText(); err == nil {
		t.Error("MarshalText of Kind(0) succeeded")
	}
	var k Kind
	if err := k.UnmarshalText([]byte("heading")); err == nil {
		t.Error("UnmarshalText accepted an unknown name")
	}
	b, _ := json.Marshal(Block{Kind: Subheading, Start: 1, End: 5, Line: 2})
	if string(b) != `{"kind":"subheading","start":1,"end":5,"line":2}` {
		t.Errorf("JSON %s", b)
	}
}

func TestRules(t *testing.T) {
	if DefaultRules().Len() < 100 {
		t.Fatalf("default table has %d rules", DefaultRules().Len())
	}
	text := "عنوان\n\nنص الخبر.\n\nحمّل تطبيق خبر على هاتفك\nادعمونا بمتابعة الصفحة\n"
	if got := Parse(text).Blocks[2].Kind; got != Boilerplate {
		t.Errorf("default: %v", got)
	}
	if got := Parse(text).Blocks[3].Kind; got != Paragraph {
		t.Errorf("default: %v", got)
	}
	r, err := DefaultRules().Extend(strings.NewReader("# our site\npromo  ادعمونا\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != DefaultRules().Len()+1 {
		t.Errorf("Extend: %d rules", r.Len())
	}
	if got := r.Parse(text).Blocks[3].Kind; got != Boilerplate {
		t.Errorf("extended: %v", got)
	}
	if got := Parse(text).Blocks[3].Kind; got != Paragraph {
		t.Error("Extend changed the default rules")
	}
	only, err := ReadRules(strings.NewReader("start ادعمونا\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := only.Parse(text).Blocks[2].Kind; got != Paragraph {
		t.Errorf("ReadRules kept default rules: %v", got)
	}

	for _, bad := range []string{
		"promo\n",
		"nosuch phrase\n",
		"date two words\n",
		"start ...\n",
		"promo \xff\n",
	} {
		_, err := ReadRules(strings.NewReader(bad))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != 1 || !errors.Is(err, ErrRules) || !strings.HasPrefix(err.Error(), "rules:1: article: bad rules table: ") {
			t.Errorf("ReadRules(%q) = %v: want an error naming line 1 and wrapping ErrRules", bad, err)
		}
	}
}

func TestLinear(t *testing.T) {
	// A long text of one-word lines and one huge line: both must parse
	// quickly (the budget is generous; quadratic behaviour would take
	// minutes).
	var b strings.Builder
	for range 200000 {
		b.WriteString("كلمة\n")
	}
	b.WriteString(strings.Repeat("ب", 1<<20))
	text := b.String()
	st := Parse(text)
	checkInvariants(t, text, st)
}

// TestConcurrent parses from several goroutines with shared rules (run
// with -race).
func TestConcurrent(t *testing.T) {
	text := readArticle(t, "agency-dateline.txt")
	want := render(text, Parse(text))
	done := make(chan string)
	for range 8 {
		go func() { done <- render(text, Parse(text)) }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Error("concurrent Parse gave a different result")
		}
	}
}

// TestParseContext checks that ParseContext gives Parse's structure, and
// the context's error once it is done, on a text of one long line and one
// of many lines.
func TestParseContext(t *testing.T) {
	line := strings.Repeat("قال الوزير إن الوفد وصل إلى بغداد اليوم. ", 5000)
	for name, text := range map[string]string{
		"one line":   "عنوان الخبر\n\n" + line,
		"many lines": "عنوان الخبر\n\n" + strings.ReplaceAll(line, ". ", ".\n\n"),
	} {
		got, err := DefaultRules().ParseContext(context.Background(), text)
		if err != nil || !reflect.DeepEqual(got, Parse(text)) {
			t.Errorf("%s: ParseContext = %v, %v; differs from Parse", name, len(got.Blocks), err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := DefaultRules().ParseContext(ctx, text); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: cancelled: err = %v", name, err)
		}
	}
}
