package cli

import (
	"fmt"
	"os"

	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// ReadKeywordSpace reads a keyword space saved by tfidf.Space.WriteTo
// (the -keyword-space flag): the document frequencies of an archive,
// which archive fit writes, for khabar.WithKeywordSpace.
func ReadKeywordSpace(path string) (*tfidf.Space, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("-keyword-space: %w", err)
	}
	defer f.Close()
	s, err := tfidf.ReadSpace(f)
	if err != nil {
		return nil, fmt.Errorf("-keyword-space %s: %w", path, err)
	}
	return s, nil
}
