package topics

import (
	"embed"
	"sync"
)

// data holds the default topic lexicons (data/NN-*.txt) and the
// background word list of the default space (data/background.txt).
//
//go:embed data/*.txt
var data embed.FS

// defaultLexiconFiles selects the lexicon files in data.
const defaultLexiconFiles = "data/[0-9][0-9]-*.txt"

var defaultModel = sync.OnceValues(func() (*Lexicon, error) {
	return ReadLexiconFS(data, defaultLexiconFiles)
})

// DefaultModel returns the topic model embedded in the package: a
// [Lexicon] of the 17 top-level topics of the IPTC Media Topics
// vocabulary, in code order, each with an English and an Arabic label:
//
//	medtop:01000000  arts, culture, entertainment and media  فنون وثقافة وترفيه وإعلام
//	medtop:02000000  crime, law and justice                  جريمة وقانون وعدالة
//	medtop:03000000  disaster, accident and emergency incident  كوارث وحوادث وطوارئ
//	medtop:04000000  economy, business and finance           اقتصاد وأعمال ومال
//	medtop:05000000  education                               تعليم
//	medtop:06000000  environment                             بيئة
//	medtop:07000000  health                                  صحة
//	medtop:08000000  human interest                          اهتمامات إنسانية
//	medtop:09000000  labour                                  عمل وعمال
//	medtop:10000000  lifestyle and leisure                   نمط الحياة وأوقات الفراغ
//	medtop:11000000  politics                                سياسة
//	medtop:12000000  religion                                دين
//	medtop:13000000  science and technology                  علوم وتكنولوجيا
//	medtop:14000000  society                                 مجتمع
//	medtop:15000000  sport                                   رياضة
//	medtop:16000000  conflict, war and peace                 نزاعات وحرب وسلام
//	medtop:17000000  weather                                 طقس
//
// Its term lists were written for Khabar from general knowledge of the
// language of Arabic news (a few hundred terms for the big topics, about a
// hundred for the small ones), not learned from a labelled corpus; they
// are in the package's source tree under topics/data, with a prior per
// topic saying how common it is in news at large, in the format
// described at [Lexicon], as a starting point for lexicons of your own.
//
// The model is decoded on the first call and shared: every call returns
// the same *Lexicon, which is safe for concurrent use. The error is non-nil
// only if the embedded data is broken, which the package's tests rule out.
func DefaultModel() (*Lexicon, error) { return defaultModel() }
