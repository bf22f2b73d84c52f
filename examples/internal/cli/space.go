package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/khabar-nlp/khabar/topics/tfidf"
)

// ReadKeywordSpace reads a keyword space saved by tfidf.Space.WriteTo
// (the -keyword-space flag): the document frequencies of an archive,
// which archive fit writes, for khabar.WithKeywordSpace.
func ReadKeywordSpace(path string) (*tfidf.Space, error) {
	return readFlagFile("-keyword-space", path, tfidf.ReadSpace)
}

// readFlagFile reads the file at path, given with the flag, with read; an
// error names the flag, and the file when it is read.
func readFlagFile[T any](flag, path string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", flag, err)
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return zero, fmt.Errorf("%s %s: %w", flag, path, err)
	}
	return v, nil
}
