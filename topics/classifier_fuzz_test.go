package topics

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/internal/binfile"
)

// FuzzReadClassifier feeds ReadClassifier classifier bodies, saved ones
// and their corruptions, in a valid container (so that the fuzzer reaches
// the decoder past the checksum): it must return an error or a usable
// classifier that saves back to the same bytes, never panic.
func FuzzReadClassifier(f *testing.F) {
	for _, c := range trainAll(f) {
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			f.Fatal(err)
		}
		body := buf.Bytes()[binfile.HeaderSize:]
		f.Add(body)
		f.Add(body[:len(body)/2])
	}
	f.Add([]byte{byte(Linear), 3, 1, 1, 'a'})
	f.Fuzz(func(t *testing.T, body []byte) {
		var file bytes.Buffer
		classifierFormat.Write(&file, body)
		data := file.Bytes()
		c, err := ReadClassifier(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrCorruptClassifier) {
				t.Fatalf("error of a corrupt body: %v", err)
			}
			return
		}
		scoresOf(c, LabeledDoc{Text: "ارتفعت أسعار النفط في الأسواق"})
		c.Score(Document{Title: "مباراة", Text: "فاز الفريق", Extra: []string{"org:x"}})
		var out bytes.Buffer
		if _, err := c.WriteTo(&out); err != nil || !bytes.Equal(out.Bytes(), data) {
			t.Fatalf("loaded classifier does not save back identically")
		}
	})
}

// FuzzReadLabeledJSONL checks that the labelled JSONL reader returns an
// error or documents, never panics, whatever the bytes.
func FuzzReadLabeledJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"1","category":"sport","title":"فوز","text":"فاز الفريق"}` + "\n"))
	f.Add([]byte(`{"id":2,"category":"economy","text":"النفط"}` + "\n\n" + `{"category":""}`))
	f.Add([]byte("{\"text\":\"\xff\xfe\"}\n[1,2]\nnull\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := ReadLabeledJSONL(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "topics: ") && !strings.Contains(err.Error(), "line") {
				t.Errorf("error without context: %v", err)
			}
			return
		}
		for _, d := range docs {
			_ = d.Content(DefaultTitleWeight)
		}
	})
}
