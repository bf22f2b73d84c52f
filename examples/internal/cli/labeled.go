package cli

import (
	"fmt"
	"os"

	"github.com/khabar-nlp/khabar/topics"
)

// ReadLabeled reads labelled JSONL articles ({"id","category","title",
// "text"} per line) from path; a file without any is an error.
func ReadLabeled(path string) ([]topics.LabeledDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := topics.ReadLabeledJSONL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no articles", path)
	}
	return docs, nil
}
