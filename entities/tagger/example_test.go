package tagger_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/khabar-nlp/khabar/entities/tagger"
)

// templates: the word, a feature of its own label and its neighbours';
// its first two letters (ال); and the pair (previous word, word).
var templates = []tagger.Template{
	{Name: "w", Window: []int{-1, 0, 1}},
	{Name: "pre2", Window: []int{0}},
	{Name: "w-1|w", Window: []int{0}},
}

// observe computes the observations of a sentence's words.
func observe(words []string) [][]tagger.Obs {
	obs := make([][]tagger.Obs, len(words))
	for i, w := range words {
		prev := "<s>"
		if i > 0 {
			prev = words[i-1]
		}
		var pair tagger.Hasher
		pair.String(prev)
		pair.String(w)
		obs[i] = []tagger.Obs{
			{Template: 0, Value: tagger.Hash(w)},
			{Template: 1, Value: tagger.Hash(string([]rune(w)[:min(2, len([]rune(w)))]))},
			{Template: 2, Value: pair.Sum()},
		}
	}
	return obs
}

// sequence parses "word/LABEL word …" (a bare word is O).
func sequence(s string) tagger.Sequence {
	var words, labels []string
	for _, f := range strings.Fields(s) {
		w, l, ok := strings.Cut(f, "/")
		if !ok {
			l = "O"
		}
		words, labels = append(words, w), append(labels, l)
	}
	return tagger.Sequence{Obs: observe(words), Labels: labels}
}

func Example() {
	var train []tagger.Sequence
	for _, s := range []string{
		"قال الرئيس عمر/B-PER حداد/I-PER في القاهرة/B-LOC",
		"وصل الوزير سامي/B-PER إلى بيروت/B-LOC",
		"قال الوزير عمر/B-PER إن الحكومة ستزور تونس/B-LOC",
		"التقى الرئيس سامي/B-PER نصار/I-PER في تونس/B-LOC",
		"أعلنت وزارة/B-ORG الخارجية/I-ORG في بيروت/B-LOC",
		"قالت وزارة/B-ORG الصحة/I-ORG إن الوضع مستقر",
		"وصل الرئيس إلى القاهرة/B-LOC",
	} {
		train = append(train, sequence(s))
	}
	m, err := tagger.Train(context.Background(), templates, train, tagger.WithL2(0.1))
	if err != nil {
		fmt.Println(err)
		return
	}
	words := strings.Fields("وصل الوزير عمر حداد إلى تونس")
	labels := m.Tag(observe(words), nil)
	for i, w := range words {
		fmt.Println(w, m.Labels()[labels[i]])
	}
	for _, s := range m.TagSpans(observe(words), nil) {
		fmt.Printf("%s %s %.2f\n", s.Type, strings.Join(words[s.Start:s.End], " "), s.Prob)
	}
	// Output:
	// وصل O
	// الوزير O
	// عمر B-PER
	// حداد I-PER
	// إلى O
	// تونس B-LOC
	// PER عمر حداد 0.78
	// LOC تونس 0.94
}
