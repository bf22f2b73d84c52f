package article_test

import (
	"fmt"
	"strings"

	"github.com/khabar-nlp/khabar/article"
)

const sample = `الحكومة العراقية تقر موازنة العام المقبل
الحكومة العراقية تقر موازنة العام المقبل

بغداد - وكالات

أقر مجلس الوزراء العراقي في جلسته اليوم مشروع قانون الموازنة العامة للعام المقبل وأحاله إلى البرلمان للتصويت عليه.

زيادة في الإنفاق
وتتضمن الموازنة زيادة في الإنفاق على الكهرباء والخدمات، بحسب بيان رسمي صدر عقب الجلسة.

تابعونا على تويتر وفيسبوك
`

func ExampleParse() {
	st := article.Parse(sample)
	for _, b := range st.Blocks {
		fmt.Printf("%-15s %s\n", b.Kind, b.Text(sample))
	}
	// Output:
	// title           الحكومة العراقية تقر موازنة العام المقبل
	// duplicate-title الحكومة العراقية تقر موازنة العام المقبل
	// dateline        بغداد - وكالات
	// paragraph       أقر مجلس الوزراء العراقي في جلسته اليوم مشروع قانون الموازنة العامة للعام المقبل وأحاله إلى البرلمان للتصويت عليه.
	// subheading      زيادة في الإنفاق
	// paragraph       وتتضمن الموازنة زيادة في الإنفاق على الكهرباء والخدمات، بحسب بيان رسمي صدر عقب الجلسة.
	// boilerplate     تابعونا على تويتر وفيسبوك
}

// Mask blanks out what is not analysed without moving anything, so a
// tokenizer run on the mask gives offsets into the original text.
func ExampleStructure_Mask() {
	text := "عنوان الخبر\nعنوان الخبر\nنص الخبر.\nتابعونا على فيسبوك\n"
	masked := article.Parse(text).Mask(text)
	fmt.Println(len(masked) == len(text))
	fmt.Printf("%q\n", strings.Fields(masked))
	i := strings.Index(masked, "نص")
	fmt.Println(text[i : i+len("نص الخبر")])
	// Output:
	// true
	// ["عنوان" "الخبر" "نص" "الخبر."]
	// نص الخبر
}

func ExampleStructure_Title() {
	text := "زلزال بقوة 6 درجات يضرب جنوب تركيا\n\nضرب زلزال بقوة ست درجات جنوب تركيا صباح اليوم دون أن تُسجل إصابات."
	st := article.Parse(text)
	if title, ok := st.Title(); ok {
		fmt.Println(title.Text(text))
	}
	fmt.Println(len(st.Analysed()))
	// Output:
	// زلزال بقوة 6 درجات يضرب جنوب تركيا
	// 2
}

// Extend adds the footer phrases of your own sites to the default table.
func ExampleRules_Extend() {
	rules, err := article.DefaultRules().Extend(strings.NewReader("promo  ادعم الصحافة المستقلة\n"))
	if err != nil {
		panic(err)
	}
	text := "عنوان\n\nنص الخبر كاملاً.\n\nادعم الصحافة المستقلة بالتبرع اليوم\n"
	for _, b := range rules.Parse(text).Blocks {
		fmt.Println(b.Kind, b.Text(text))
	}
	// Output:
	// title عنوان
	// paragraph نص الخبر كاملاً.
	// boilerplate ادعم الصحافة المستقلة بالتبرع اليوم
}
