package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/internal/devdata"
	"github.com/khabar-nlp/khabar/topics"
)

func TestSplit(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.tsv", "# a split\npart\tfirst\tlast\tarticles\ntune\t20180101\t20180131\t2\ncheck\t20180201\t20180210\t1\n")
	s, err := ReadSplit(good)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"AL-sport-3-20180105": Tune, "BBC-economy-1-20180210": Check, "x-20180301": "", "no-date": ""} {
		if got, _ := s.Part(id); got != want {
			t.Errorf("Part(%q) = %q, want %q", id, got, want)
		}
	}
	docs := []topics.LabeledDoc{{ID: "a-20180102"}, {ID: "b-20180202"}, {ID: "c-20180103"}}
	if tune, err := s.Select(docs, Tune); err != nil || len(tune) != 2 || tune[1].ID != "c-20180103" {
		t.Errorf("Select(tune) = %v, %v", tune, err)
	}
	if _, err := s.Select(append(docs, topics.LabeledDoc{ID: "d-20190101"}), Check); err == nil || !strings.Contains(err.Error(), "d-20190101") {
		t.Errorf("an article outside the split: %v", err)
	}
	for name, content := range map[string]string{
		"no header": "tune\t20180101\t20180131\t2\n",
		"bad part":  "part\tfirst\tlast\nboth\t20180101\t20180131\n",
		"bad date":  "part\tfirst\tlast\ntune\t2018-01-01\t20180131\n",
		"overlap":   "part\tfirst\tlast\ntune\t20180101\t20180131\ncheck\t20180131\t20180201\n",
		"empty":     "# nothing\npart\tfirst\tlast\n",
	} {
		if _, err := ReadSplit(write(name+".tsv", content)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestFrozenSplit checks the frozen split of the dev articles against the
// data, when it is present: every article is placed, 1199 + 601.
func TestFrozenSplit(t *testing.T) {
	s, err := ReadSplit(devdata.Repo("testdata/splits/news-topics-dev.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := topics.ReadLabeledJSONL(devdata.Open(t, devdata.NewsTopicsDev))
	if err != nil {
		t.Fatal(err)
	}
	tune, err := s.Select(docs, Tune)
	if err != nil {
		t.Fatal(err)
	}
	check, _ := s.Select(docs, Check)
	if len(tune) != 1199 || len(check) != 601 {
		t.Errorf("%d tuning and %d check articles, want 1199 and 601", len(tune), len(check))
	}
}
