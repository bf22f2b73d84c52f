package tokenize_test

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/khabar-nlp/khabar/tokenize"
	"golang.org/x/text/transform"
)

func ExampleTokenize() {
	text := "وافقت واشنطن على سحب قواتها من الـعِراق عام ٢٠٢١."
	for _, t := range tokenize.Tokenize(text) {
		fmt.Printf("%d:%d %s %s %s\n", t.Start, t.End, t.Kind, t.Text, t.Norm)
	}
	// Output:
	// 0:10 arabic وافقت وافقت
	// 11:23 arabic واشنطن واشنطن
	// 24:30 arabic على على
	// 31:37 arabic سحب سحب
	// 38:50 arabic قواتها قواتها
	// 51:55 arabic من من
	// 56:72 arabic الـعِراق العراق
	// 73:79 arabic عام عام
	// 80:88 number ٢٠٢١ 2021
	// 88:89 punct . .
}

func ExampleTokenize_hashtag() {
	text := "تابعوا #كوريا_الشمالية"
	for _, t := range tokenize.Tokenize(text) {
		if t.Kind == tokenize.Hashtag {
			for _, p := range t.Parts {
				fmt.Printf("%d:%d %s\n", p.Start, p.End, text[p.Start:p.End])
			}
		}
	}
	// Output:
	// 14:24 كوريا
	// 25:41 الشمالية
}

func ExampleSentences() {
	text := "قال د. فؤاد حسين إن النمو بلغ ٣٫٥ في المئة. وأضاف: «نحن ملتزمون.» ثم غادر!\nعنوان فرعي"
	for _, s := range tokenize.Sentences(tokenize.Tokenize(text)) {
		fmt.Println(s.Paragraph, text[s.Start:s.End])
	}
	// Output:
	// 0 قال د. فؤاد حسين إن النمو بلغ ٣٫٥ في المئة.
	// 0 وأضاف: «نحن ملتزمون.»
	// 0 ثم غادر!
	// 1 عنوان فرعي
}

func ExampleKey() {
	fmt.Println(tokenize.Key("الوِلايات المتّحدة الأميركيّة"))
	fmt.Println(tokenize.Key("أمريكا") == tokenize.Key("امريكا"))
	// Output:
	// الولايات المتحده الاميركيه
	// true
}

func ExampleNormalizer_Transformer() {
	n := tokenize.NewNormalizer(tokenize.StripDiacritics | tokenize.FoldDigits)
	r := transform.NewReader(strings.NewReader("عامَ ٢٠٢١"), n.Transformer())
	out, err := io.ReadAll(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))
	// Output: عام 2021
}

func ExampleOffsets() {
	text := "😀 بغداد"
	t := tokenize.Tokenize(text)[1]
	o := tokenize.NewOffsets(text)
	fmt.Println(t.Start, o.Runes(t.Start), o.UTF16(t.Start))
	// Output: 5 2 3
}

func ExampleTokenizer_List() {
	text := "تابعوا #كوريا_الشمالية. قال الوزير إنّ الاتفاق تمّ."
	l, err := tokenize.Default().List(context.Background(), text)
	if err != nil {
		fmt.Println(err)
		return
	}
	for s := range l.Sentences() {
		fmt.Printf("sentence %d:%d, tokens %d:%d\n", s.Start, s.End, s.From, s.To)
	}
	for i := range l.Len() {
		if l.NormChanged(i) || l.Kind(i) == tokenize.Hashtag {
			fmt.Printf("%d:%d %s %s %s %d parts\n", l.Start(i), l.End(i), l.Kind(i), l.Text(i), l.Norm(i), len(l.Parts(i)))
		}
	}
	// Output:
	// sentence 0:42, tokens 0:3
	// sentence 43:92, tokens 3:9
	// 13:41 hashtag #كوريا_الشمالية #كوريا_الشمالية 2 parts
	// 63:69 arabic إنّ ان 0 parts
	// 85:91 arabic تمّ تم 0 parts
}
