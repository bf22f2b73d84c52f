package cli

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/khabar-nlp/khabar/entities/corpus"
)

// Split is a frozen split of a CoNLL file's sentences into named parts
// (a tuning part and a check part), as listed in testdata/splits/*.tsv:
// '#' comments, a header line "part first last", then one line per block
// of sentences, numbered from 1, last inclusive.
type Split struct {
	Name   string
	blocks []block
}

type block struct {
	part        string
	first, last int
}

// ReadSplit reads the split file at path.
func ReadSplit(path string) (*Split, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &Split{Name: path}
	sc := bufio.NewScanner(f)
	header := false
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if !header {
			if line != "part\tfirst\tlast" {
				return nil, fmt.Errorf("%s:%d: want the header \"part<TAB>first<TAB>last\"", path, n)
			}
			header = true
			continue
		}
		if len(cols) != 3 {
			return nil, fmt.Errorf("%s:%d: %d columns, want part, first, last", path, n, len(cols))
		}
		first, err1 := strconv.Atoi(cols[1])
		last, err2 := strconv.Atoi(cols[2])
		if err1 != nil || err2 != nil || first < 1 || last < first {
			return nil, fmt.Errorf("%s:%d: bad sentence range %q–%q", path, n, cols[1], cols[2])
		}
		if k := len(s.blocks); k > 0 && first != s.blocks[k-1].last+1 {
			return nil, fmt.Errorf("%s:%d: block starts at %d, want %d (blocks are contiguous, in order)", path, n, first, s.blocks[k-1].last+1)
		}
		if len(s.blocks) == 0 && first != 1 {
			return nil, fmt.Errorf("%s:%d: the first block starts at %d, want 1", path, n, first)
		}
		s.blocks = append(s.blocks, block{cols[0], first, last})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(s.blocks) == 0 {
		return nil, fmt.Errorf("%s: no blocks", path)
	}
	return s, nil
}

// Select returns the sentences of part. It fails when the split does not
// cover exactly the given sentences (another file, or a changed one) or
// names no such part.
func (s *Split) Select(sents []corpus.Sentence, part string) ([]corpus.Sentence, error) {
	if last := s.blocks[len(s.blocks)-1].last; last != len(sents) {
		return nil, fmt.Errorf("%s covers %d sentences, the file has %d: not the file the split was made for", s.Name, last, len(sents))
	}
	var out []corpus.Sentence
	for _, b := range s.blocks {
		if b.part == part {
			out = append(out, sents[b.first-1:b.last]...)
		}
	}
	if out == nil {
		return nil, fmt.Errorf("%s has no part %q", s.Name, part)
	}
	return out, nil
}
