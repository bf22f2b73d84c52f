package main

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/james-bowman/nlp"

	"github.com/khabar-nlp/khabar/tokenize"
)

// tokenizeComparisons compares tokenize.Tokenize, which also produces
// normalised forms, byte offsets, sentences and paragraphs, with peers'
// tokenizers on the same text.
func tokenizeComparisons() []comparison {
	var text string // the input for Khabar and nlp
	var data []byte // the same bytes for bleve
	keep := func(input []byte) (int64, error) {
		data = input
		text = string(input)
		return int64(len(input)), nil
	}
	ours := func() int { return len(tokenize.Tokenize(text)) }

	// bleve's Arabic chain without the stop-word filter and the stemmer:
	// the unicode (UAX #29) tokenizer, NFKC, then normalize_ar. The parts
	// are built directly, once, outside timing; filters rewrite Term only
	// and never the input, so the same bytes can be analysed again.
	var (
		bleveTokenizer analysis.Tokenizer
		bleveFilters   []analysis.TokenFilter
	)
	// james-bowman/nlp's default tokeniser: lower-casing, then the regexp
	// [\p{L}]+.
	var nlpTokeniser nlp.Tokeniser

	return []comparison{
		{
			name: "tokenize/bleve-ar",
			unit: unitMBPerS,
			setup: func(input []byte) (int64, error) {
				nfkc, err := unicodenorm.NewUnicodeNormalizeFilter(unicodenorm.NFKC)
				if err != nil {
					return 0, err
				}
				bleveTokenizer = unicode.NewUnicodeTokenizer()
				bleveFilters = []analysis.TokenFilter{nfkc, ar.NewArabicNormalizeFilter()}
				return keep(input)
			},
			ours: ours,
			peer: func() int {
				ts := bleveTokenizer.Tokenize(data)
				for _, f := range bleveFilters {
					ts = f.Filter(ts)
				}
				return len(ts)
			},
		},
		{
			name: "tokenize/nlp-regexp",
			unit: unitMBPerS,
			setup: func(input []byte) (int64, error) {
				nlpTokeniser = nlp.NewTokeniser()
				return keep(input)
			},
			ours: ours,
			peer: func() int { return len(nlpTokeniser.Tokenise(text)) },
		},
	}
}
