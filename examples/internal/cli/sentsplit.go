package cli

import (
	"fmt"
	"strconv"

	"github.com/khabar-nlp/khabar/entities/corpus"
	"github.com/khabar-nlp/khabar/internal/linetable"
)

// SentenceSplit is a frozen split of a CoNLL file's sentences into named
// parts (a tuning part and a check part), as listed in
// testdata/splits/anercorp-train.tsv: '#' comments, a header line
// "part<TAB>first<TAB>last", then one row per block of sentences,
// numbered from 1, last inclusive, the blocks contiguous and in order.
type SentenceSplit struct {
	name   string
	blocks []sentenceBlock
}

type sentenceBlock struct {
	part        string
	first, last int
}

// ReadSentenceSplit reads the sentence split file at path.
func ReadSentenceSplit(path string) (*SentenceSplit, error) {
	s := &SentenceSplit{name: path}
	err := eachSplitRow(path, func(sc *linetable.Scanner, cols []string) error {
		first, err1 := strconv.Atoi(cols[1])
		last, err2 := strconv.Atoi(cols[2])
		if err1 != nil || err2 != nil || first < 1 || last < first {
			return sc.Errorf("%w: bad sentence range %q–%q", errSplit, cols[1], cols[2])
		}
		want := 1
		if k := len(s.blocks); k > 0 {
			want = s.blocks[k-1].last + 1
		}
		if first != want {
			return sc.Errorf("%w: block starts at sentence %d, want %d (blocks are contiguous, in order)", errSplit, first, want)
		}
		s.blocks = append(s.blocks, sentenceBlock{cols[0], first, last})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(s.blocks) == 0 {
		return nil, fmt.Errorf("%s: %w: no blocks", path, errSplit)
	}
	return s, nil
}

// Select returns the sentences of part. It fails when the split does not
// cover exactly the given sentences (another file, or a changed one) or
// names no such part.
func (s *SentenceSplit) Select(sents []corpus.Sentence, part string) ([]corpus.Sentence, error) {
	if last := s.blocks[len(s.blocks)-1].last; last != len(sents) {
		return nil, fmt.Errorf("%s covers %d sentences, the file has %d: not the file the split was made for", s.name, last, len(sents))
	}
	var out []corpus.Sentence
	for _, b := range s.blocks {
		if b.part == part {
			out = append(out, sents[b.first-1:b.last]...)
		}
	}
	if out == nil {
		return nil, fmt.Errorf("%s has no part %q", s.name, part)
	}
	return out, nil
}
