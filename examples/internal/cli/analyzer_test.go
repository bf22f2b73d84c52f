package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar"
)

func TestNewAnalyzer(t *testing.T) {
	const text = "زيارة إلى بغداد\n\nوصل وزير الخارجية إلى بغداد في زيارة رسمية لبحث التعاون الاقتصادي."
	tests := []struct {
		name                     string
		cfg                      AnalyzerConfig
		entities, topics, kwords bool
	}{
		{"every layer", AnalyzerConfig{Keywords: 3, Topics: 2}, true, true, true},
		{"no keywords", AnalyzerConfig{Topics: 2}, true, true, false},
		{"entities only", AnalyzerConfig{Keywords: 3, Layers: khabar.Structure | khabar.Entities}, true, false, false},
	}
	for _, tt := range tests {
		a, x, err := NewAnalyzer(tt.cfg, "test: ", io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if x == nil || x.Len() == 0 {
			t.Errorf("%s: no gazetteer", tt.name)
		}
		res, err := a.Analyze(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		if got := [3]bool{len(res.Entities) > 0, len(res.Topics) > 0, len(res.Keywords) > 0}; got != [3]bool{tt.entities, tt.topics, tt.kwords} {
			t.Errorf("%s: entities, topics, keywords found = %v, want %v", tt.name, got, [3]bool{tt.entities, tt.topics, tt.kwords})
		}
		if tt.topics && len(res.Topics) > tt.cfg.Topics {
			t.Errorf("%s: %d topics, want at most %d", tt.name, len(res.Topics), tt.cfg.Topics)
		}
	}

	if _, _, err := NewAnalyzer(AnalyzerConfig{NoDefault: true}, "test: ", io.Discard); !errors.Is(err, ErrNoDefault) {
		t.Errorf("no gazetteer at all: %v, want ErrNoDefault", err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.bin")
	if err := os.WriteFile(bad, []byte("neither model nor space"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []AnalyzerConfig{{Model: bad}, {KeywordSpace: bad}, {NerModel: bad}, {Model: filepath.Join(dir, "none")}} {
		_, _, err := NewAnalyzer(cfg, "test: ", io.Discard)
		flag := "-model"
		switch {
		case cfg.KeywordSpace != "":
			flag = "-keyword-space"
		case cfg.NerModel != "":
			flag = "-ner-model"
		}
		if err == nil || !strings.HasPrefix(err.Error(), flag) {
			t.Errorf("%+v: %v, want an error naming %s", cfg, err, flag)
		}
	}
}

// TestNewAnalyzerNerModel checks -ner-model: a model file is used where
// the entities layer runs, and left out (not refused) where it does not.
func TestNewAnalyzerNerModel(t *testing.T) {
	model := "../../../entities/model/arabic.model"
	for _, layers := range []khabar.Layer{0, khabar.Structure | khabar.Entities, khabar.Structure | khabar.Topics} {
		if _, _, err := NewAnalyzer(AnalyzerConfig{NerModel: model, Topics: 1, Layers: layers}, "test: ", io.Discard); err != nil {
			t.Errorf("layers %v: %v", layers, err)
		}
	}
}
