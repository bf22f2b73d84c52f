package gazetteer

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/tokenize"
)

const seedPath = "../../shared/data/seed-article/000_354d3392e6522b73.txt"

func TestDefaultLoads(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[Type]int{}
	ids := map[string]bool{}
	for e := range x.Entries() {
		if err := e.Validate(); err != nil {
			t.Errorf("invalid entry: %v", err)
		}
		if ids[e.ID] {
			t.Errorf("duplicate ID %s", e.ID)
		}
		ids[e.ID] = true
		counts[e.Type]++
		if e.Parent != "" {
			if _, ok := x.Entry(e.Parent); !ok {
				t.Errorf("%s: parent %s is not in the gazetteer", e.ID, e.Parent)
			}
		}
		prefix := map[Type]string{PER: "per:", LOC: "loc:", ORG: "org:"}[e.Type]
		if !strings.HasPrefix(e.ID, prefix) {
			t.Errorf("%s: type %v but ID does not start with %s", e.ID, e.Type, prefix)
		}
	}
	t.Logf("default gazetteer: %d entries (PER %d, LOC %d, ORG %d), %d surfaces, ~%d KB",
		x.Len(), counts[PER], counts[LOC], counts[ORG], x.Surfaces(), x.MemoryUsage()/1024)
	for typ, want := range map[Type]int{LOC: 1000, PER: 1000, ORG: 500} {
		if counts[typ] < want {
			t.Errorf("%v: %d entries, want at least %d", typ, counts[typ], want)
		}
	}
	if x2, _ := Default(); x2 != x {
		t.Error("Default is decoded more than once")
	}
}

// TestDefaultSharedAliases rejects a surface shared by two entries of the
// same type unless data/shared-aliases.txt gives the reason.
func TestDefaultSharedAliases(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{}
	f, err := os.Open("data/shared-aliases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 || parts[2] == "" {
			t.Fatalf("shared-aliases.txt: malformed line %q (want TYPE, surface, reason)", line)
		}
		allowed[parts[0]+"\t"+parts[1]] = true
	}
	used := map[string]bool{}
	for _, key := range x.keys.strs {
		byType := map[Type][]string{}
		for _, p := range x.postings(key) {
			if !p.isDemonym() {
				e := &x.entries[p.entry()]
				byType[e.Type] = append(byType[e.Type], e.ID)
			}
		}
		for typ, ids := range byType {
			if len(ids) < 2 {
				continue
			}
			k := typ.String() + "\t" + key
			if !allowed[k] {
				t.Errorf("%v surface %q is shared by %v without a reason in data/shared-aliases.txt", typ, key, ids)
			}
			used[k] = true
		}
	}
	for k := range allowed {
		if !used[k] {
			t.Errorf("shared-aliases.txt lists %q, which no longer is shared", k)
		}
	}
}

func TestDefaultLookups(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, id string
		method    Method
	}{
		{"العراق", "loc:country:IQ", Exact},
		{"للعراق", "loc:country:IQ", Clitic},
		{"وبغداد", "loc:city:baghdad", Clitic},
		{"بواشنطن", "", Clitic},
		{"والأمم المتحدة", "", Clitic},
		{"الأميركية", "loc:country:US", Demonym},
		{"أمريكا", "loc:country:US", Exact},
		{"أميركا", "loc:country:US", Exact},
		{"بلينكن", "per:antony-blinken", Exact},
		{"بلنكن", "per:antony-blinken", Exact},
	}
	for _, tt := range tests {
		got := x.Lookup(tt.query)
		if len(got) == 0 {
			t.Errorf("Lookup(%q): nothing", tt.query)
			continue
		}
		if got[0].Method != tt.method || (tt.id != "" && got[0].Entry.ID != tt.id) {
			t.Errorf("Lookup(%q)[0] = %s %v, want %s %v", tt.query, got[0].Entry.ID, got[0].Method, tt.id, tt.method)
		}
	}
	// Words that look like clitic + name must stay whole.
	for _, w := range []string{"لبنان", "فرنسا", "بريطانيا"} {
		got := x.Lookup(w)
		if len(got) == 0 || got[0].Method != Exact {
			t.Errorf("Lookup(%q) = %v, want an exact match of the country", w, got)
		}
	}
	text := "قال وزير"
	if ms := x.Find(text, tokenize.Tokenize(text), FindOptions{Fuzzy: true}); len(ms) != 0 {
		t.Errorf("وزير matched %v", ms)
	}
}

// TestSeedArticleNames checks that the default gazetteer finds the names of
// the seed article.
func TestSeedArticleNames(t *testing.T) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not available (%v): run from a checkout with ../shared beside it", err)
	}
	text := string(data)
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string][]string{} // surface → IDs
	for _, m := range x.Find(text, tokenize.Tokenize(text), FindOptions{Fuzzy: true}) {
		found[text[m.Start:m.End]] = append(found[text[m.Start:m.End]], m.IDs...)
	}
	want := []struct {
		surface string
		typ     Type
	}{
		{"واشنطن", LOC}, {"العراق", LOC}, {"بغداد", LOC}, {"فؤاد حسين", PER}, {"مصطفى الكاظمي", PER},
		{"أنتوني بلينكن", PER}, {"داعش", ORG}, {"التحالف الدولي", ORG}, {"وزارة الخارجية الأميركية", ORG},
	}
	for _, w := range want {
		ids := found[w.surface]
		ok := false
		for _, id := range ids {
			if e, _ := x.Entry(id); e.Type == w.typ {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: found %v, want an entry of type %v", w.surface, ids, w.typ)
		}
	}
	if t.Failed() {
		var all []string
		for s, ids := range found {
			all = append(all, fmt.Sprintf("%s=%v", s, ids))
		}
		slices.Sort(all)
		t.Logf("found: %s", strings.Join(all, ", "))
	}
}

// TestFuzzyLeavesOrdinaryWords runs fuzzy matching over every word of the
// testdata articles and the seed article that no exact, clitic or demonym
// match explains. The names in these articles are all in the default
// gazetteer, so every fuzzy match would be an ordinary word made a name.
func TestFuzzyLeavesOrdinaryWords(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	if _, err := os.Stat(seedPath); err == nil {
		files = append(files, seedPath)
	} else {
		t.Logf("seed article not available (%v); checking the testdata articles only", err)
	}
	if len(files) < 3 {
		t.Fatalf("want the testdata articles, got %v", files)
	}
	words := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		toks := tokenize.Tokenize(text)
		for _, m := range x.Find(text, toks, FindOptions{Fuzzy: true}) {
			if m.Method == Fuzzy {
				t.Errorf("%s: the word %q fuzzily became %v", filepath.Base(f), text[m.Start:m.End], m.IDs)
			}
		}
		words += len(toks)
	}
	t.Logf("%d tokens checked", words)
}
