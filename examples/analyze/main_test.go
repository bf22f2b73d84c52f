package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/khabar-nlp/khabar/topics"
	"github.com/khabar-nlp/khabar/topics/features"
	"github.com/khabar-nlp/khabar/topics/tfidf"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func runAnalyze(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// testArticles returns the testdata articles, at least 3.
func testArticles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(files) < 3 {
		t.Fatalf("want at least 3 testdata articles, got %v (%v)", files, err)
	}
	return files
}

// checkGolden compares out with a golden file, rewriting it with -update.
func checkGolden(t *testing.T, golden, out string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./examples/analyze -update)", err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s; run with -update after checking the change", golden)
	}
}

// TestGoldenJSON runs analyze -tokens -format json on each testdata
// article and compares with testdata/golden (rewrite with -update).
func TestGoldenJSON(t *testing.T) {
	for _, file := range testArticles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runAnalyze(t, "", "-tokens", "-format", "json", file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			input, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, string(input), out)
			checkGolden(t, filepath.Join("../../testdata/golden", "analyze-tokens-"+name+".json"), out)
		})
	}
}

// TestGoldenFormatJSON is the golden of what a newsroom runs first:
// analyze -format json on an article, with topics and keywords.
func TestGoldenFormatJSON(t *testing.T) {
	file := "../../testdata/articles/politics.txt"
	out, errOut, code := runAnalyze(t, "", "-format", "json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	input, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc := decodeOne(t, out)
	checkEntities(t, string(input), doc)
	for _, key := range []string{"file", "title", "language", "sentence_count", "sentences", "entities", "topics", "keywords"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("no %q in the JSON object", key)
		}
	}
	checkGolden(t, "../../testdata/golden/analyze-json-politics.json", out)
}

type jsonDoc = map[string]json.RawMessage

// decodeAll decodes a stream of JSON objects.
func decodeAll(t *testing.T, out string) []jsonDoc {
	t.Helper()
	var docs []jsonDoc
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var d jsonDoc
		err := dec.Decode(&d)
		if err == io.EOF {
			return docs
		}
		if err != nil {
			t.Fatalf("output is not a stream of JSON objects: %v\n%s", err, out)
		}
		docs = append(docs, d)
	}
}

func decodeOne(t *testing.T, out string) jsonDoc {
	t.Helper()
	docs := decodeAll(t, out)
	if len(docs) != 1 {
		t.Fatalf("want exactly one JSON object, got %d", len(docs))
	}
	return docs[0]
}

func field[T any](t *testing.T, d jsonDoc, key string) T {
	t.Helper()
	var v T
	if raw, ok := d[key]; ok {
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%q: %v", key, err)
		}
	}
	return v
}

type entityJSON struct {
	ID       string
	Type     string
	Mentions []struct {
		Text       string
		Start, End int
	}
}

// checkEntities asserts that every mention's offsets give its text.
func checkEntities(t *testing.T, text string, d jsonDoc) []entityJSON {
	t.Helper()
	ents := field[[]entityJSON](t, d, "entities")
	if len(ents) == 0 {
		t.Fatal("no entities")
	}
	for _, e := range ents {
		if e.ID == "" || len(e.Mentions) == 0 {
			t.Errorf("entity %+v has no ID or no mention", e)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Errorf("%s: mention %q at %d:%d does not match the text", e.ID, m.Text, m.Start, m.End)
			}
		}
	}
	return ents
}

// checkDocument asserts the JSON contract: sentences with start/end,
// tokens with text/norm/kind/start/end/sentence, and exact offsets.
func checkDocument(t *testing.T, input, out string) {
	t.Helper()
	var doc struct {
		Sentences []struct{ Start, End *int }
		Tokens    []struct {
			Text, Norm, Kind string
			Start, End       int
			Sentence         *int
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(doc.Sentences) == 0 || len(doc.Tokens) == 0 {
		t.Fatal("no sentences or tokens")
	}
	for i, s := range doc.Sentences {
		if s.Start == nil || s.End == nil || *s.Start > *s.End || *s.End > len(input) {
			t.Fatalf("sentence %d has bad offsets", i)
		}
	}
	for i, tok := range doc.Tokens {
		if input[tok.Start:tok.End] != tok.Text || tok.Norm == "" || tok.Kind == "" || tok.Sentence == nil ||
			*tok.Sentence < -1 || *tok.Sentence >= len(doc.Sentences) {
			t.Fatalf("token %d = %+v does not match input[%d:%d] = %q", i, tok, tok.Start, tok.End, input[tok.Start:tok.End])
		}
		if s := *tok.Sentence; s >= 0 && (tok.Start < *doc.Sentences[s].Start || tok.End > *doc.Sentences[s].End) {
			t.Fatalf("token %d (%q) is outside its sentence %d", i, tok.Text, s)
		}
	}
}

func TestStdinAndText(t *testing.T) {
	text := "قال الوزير: «نعم». ثم غادر بـغـداد عام ٢٠٢١.\n#كوريا_الشمالية"
	out, errOut, code := runAnalyze(t, text, "-tokens", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"-: 2 sentences", "title:", "loc:city:baghdad", "بـغـداد  → بغداد", "٢٠٢١  → 2021", `["كوريا" "الشمالية"]`} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	out, _, code = runAnalyze(t, text, "-format", "json", "-tokens", "-unicode-offsets", "-")
	if code != 0 {
		t.Fatal(code)
	}
	checkDocument(t, text, out)
	if !strings.Contains(out, `"utf16_start"`) || !strings.Contains(out, `"rune_end"`) {
		t.Error("-unicode-offsets added no rune/UTF-16 offsets")
	}
	var doc struct {
		Sentences []struct {
			RuneStart *int `json:"rune_start"`
			UTF16End  *int `json:"utf16_end"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Sentences {
		if s.RuneStart == nil || s.UTF16End == nil {
			t.Fatalf("sentence without unicode offsets: %s", out)
		}
	}
	out, _, code = runAnalyze(t, text, "-unicode-offsets", "-")
	if code != 0 || !strings.Contains(out, "UTF-16") {
		t.Errorf("text -unicode-offsets: exit %d\n%s", code, out)
	}
}

func TestInvalidUTF8Warning(t *testing.T) {
	text := "بغداد \xff\xfe واشنطن"
	out, errOut, code := runAnalyze(t, text, "-format", "json", "-tokens", "-")
	if code != 0 {
		t.Fatal(code)
	}
	if !strings.Contains(out, `"kind": "invalid"`) || !strings.Contains(out, "2 bytes of invalid UTF-8") {
		t.Errorf("invalid bytes not reported:\n%s", out)
	}
	if !strings.Contains(errOut, "-: ") || !strings.Contains(errOut, "invalid UTF-8") {
		t.Errorf("no warning on stderr: %q", errOut)
	}
	// In JSONL the JSON decoder replaces invalid bytes: the result says so.
	line := `{"id":"x","text":"بغداد ` + "\xff" + ` واشنطن"}` + "\n"
	out, errOut, code = runAnalyze(t, line, "-format", "jsonl", "-")
	if code != 0 || !strings.Contains(out, "invalid UTF-8") || !strings.Contains(errOut, "-:1: ") {
		t.Errorf("JSONL with invalid UTF-8: exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no input", nil, 2, "usage"},
		{"missing file", []string{"does-not-exist.txt"}, 1, "does-not-exist.txt"},
		{"bad format", []string{"-format", "xml", "-"}, 2, `unknown -format "xml"`},
		{"bad flag", []string{"-nope", "-"}, 2, "flag provided but not defined"},
		{"bad -j", []string{"-j", "-1", "-"}, 2, "-j -1"},
		{"bad -topics", []string{"-topics", "-2", "-"}, 2, "-topics -2"},
		{"bad -keywords", []string{"-keywords", "-2", "-"}, 2, "-keywords -2"},
		{"bad -progress", []string{"-progress", "sometimes", "-"}, 2, `unknown -progress "sometimes"`},
		{"ninjs tokens", []string{"-format", "ninjs", "-tokens", "-"}, 2, "do not apply to -format ninjs"},
		{"names without ninjs", []string{"-names", "en", "-"}, 2, "-names applies to -format ninjs only"},
		{"missing model", []string{"-model", "no-such-model.bin", "-"}, 1, "no-such-model.bin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runAnalyze(t, "بغداد", tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.msg)
			}
		})
	}
}

// TestEmptyInput: an article without text is a failure of that input.
func TestEmptyInput(t *testing.T) {
	out, errOut, code := runAnalyze(t, "", "-format", "json", "-tokens", "-")
	if code != 1 || out != "" || !strings.Contains(errOut, "1 of 1 inputs failed") || !strings.Contains(errOut, "-: no text to analyse") {
		t.Errorf("exit %d, output %q, stderr %q", code, out, errOut)
	}
}

func TestUserGazetteer(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "people.tsv")
	if err := os.WriteFile(list, []byte("PER\tهدى العطار\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := "التقت هدى العطار وفد بغداد"
	out, errOut, code := runAnalyze(t, text, "-format", "json", "-gazetteer", list, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"per:list:`) || !strings.Contains(out, `"loc:city:baghdad"`) {
		t.Errorf("user and default gazetteers not both used:\n%s", out)
	}
	out, _, code = runAnalyze(t, text, "-format", "json", "-no-default-gazetteer", "-gazetteer", list, "-")
	if code != 0 || strings.Contains(out, "loc:city:baghdad") || !strings.Contains(out, `"per:list:`) {
		t.Errorf("-no-default-gazetteer: exit %d\n%s", code, out)
	}
	if _, errOut, code := runAnalyze(t, text, "-no-default-gazetteer", "-"); code != 1 || !strings.Contains(errOut, "-no-default-gazetteer needs") {
		t.Errorf("no gazetteer at all: exit %d, %q", code, errOut)
	}
	// regression, issue 15: a plain name list failed with "ReadList:
	// unknown entity type Type(0)", naming no file.
	names := filepath.Join(dir, "names.txt")
	if err := os.WriteFile(names, []byte("هدى العطار\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = runAnalyze(t, text, "-gazetteer", list, "-gazetteer", names, "-")
	for _, want := range []string{names + ": gazetteer: a plain list of names", "PER, LOC or ORG", "typed list (TYPE<TAB>NAME", "-format list -type PER|LOC|ORG -o names.tsv " + names} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("plain list: exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
}

// jsonlArticle is one JSONL input line.
type jsonlArticle struct {
	ID       string `json:"id"`
	Category string `json:"category,omitempty"`
	Title    string `json:"title,omitempty"`
	Text     string `json:"text"`
}

// testJSONL returns the testdata articles as JSONL articles, the first
// line as title, repeated n times with distinct IDs.
func testJSONL(t *testing.T, n int) []jsonlArticle {
	t.Helper()
	var base []jsonlArticle
	for _, file := range testArticles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		title, text, _ := strings.Cut(string(data), "\n")
		base = append(base, jsonlArticle{Category: strings.TrimSuffix(filepath.Base(file), ".txt"), Title: title, Text: text})
	}
	var out []jsonlArticle
	for i := range n {
		a := base[i%len(base)]
		a.ID = fmt.Sprintf("a%03d", i)
		if i/len(base)%2 == 1 {
			// The test articles repeat their title line: leave it out
			// every other round, so that the title is put before the text.
			a.Text = strings.TrimPrefix(strings.TrimSpace(a.Text), a.Title)
		}
		out = append(out, a)
	}
	return out
}

func marshalLines(t *testing.T, arts []jsonlArticle) string {
	t.Helper()
	var b strings.Builder
	for _, a := range arts {
		line, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFormats runs every format over a JSONL file of four articles.
func TestFormats(t *testing.T) {
	arts := testJSONL(t, 8)
	file := filepath.Join(t.TempDir(), "articles.jsonl")
	writeFile(t, file, marshalLines(t, arts))

	t.Run("text", func(t *testing.T) {
		out, errOut, code := runAnalyze(t, "", "-format", "text", file)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for i, a := range arts {
			for _, want := range []string{fmt.Sprintf("%s:%d: ", file, i+1), "id:       " + a.ID, "title:    " + a.Title} {
				if !strings.Contains(out, want) {
					t.Errorf("text output lacks %q", want)
				}
			}
		}
	})
	t.Run("json", func(t *testing.T) {
		out, errOut, code := runAnalyze(t, "", "-format", "json", file)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		docs := decodeAll(t, out)
		if len(docs) != len(arts) || !strings.HasPrefix(out, "{\n  ") {
			t.Fatalf("want %d indented objects, got %d", len(arts), len(docs))
		}
		for i, d := range docs {
			checkArticleDoc(t, arts[i], i+1, d)
		}
	})
	t.Run("jsonl", func(t *testing.T) {
		lines := runLines(t, "", len(arts), "-format", "jsonl", file)
		for i, line := range lines {
			checkArticleDoc(t, arts[i], i+1, decodeOne(t, line))
		}
	})
	t.Run("ninjs", func(t *testing.T) {
		lines := runLines(t, "", len(arts), "-format", "ninjs", file)
		for i, line := range lines {
			if got := field[string](t, decodeOne(t, line), "uri"); got != "urn:khabar:id:"+arts[i].ID {
				t.Errorf("line %d: uri %q", i+1, got)
			}
		}
	})
}

// checkArticleDoc checks the JSON object of a JSONL article: where it
// came from, its ID, title, passthrough fields and offsets into the
// analysed text (title + "\n\n" + text).
func checkArticleDoc(t *testing.T, a jsonlArticle, line int, d jsonDoc) {
	t.Helper()
	if got := field[string](t, d, "id"); got != a.ID {
		t.Errorf("id %q, want %q", got, a.ID)
	}
	if got := field[string](t, d, "title"); got != a.Title {
		t.Errorf("title %q, want %q", got, a.Title)
	}
	if got := field[int](t, d, "line"); got != line {
		t.Errorf("%s: line %d, want %d", a.ID, got, line)
	}
	if got := field[map[string]string](t, d, "meta"); got["category"] != a.Category || len(got) != 1 {
		t.Errorf("meta %v, want the category %q only", got, a.Category)
	}
	text, bodyStart := a.Text, 0
	if !strings.HasPrefix(strings.TrimSpace(a.Text), a.Title) {
		text, bodyStart = a.Title+"\n\n"+a.Text, len(a.Title)+2
	}
	if got := field[int](t, d, "body_start"); got != bodyStart {
		t.Errorf("%s: body_start %d, want %d", a.ID, got, bodyStart)
	}
	for _, key := range []string{"language", "sentence_count", "sentences", "entities", "topics", "keywords"} {
		if _, ok := d[key]; !ok {
			t.Errorf("no %q", key)
		}
	}
	checkEntities(t, text, d)
}

// ninjs21 lists the properties IPTC ninjs 2.1 allows (its schema has
// unevaluatedProperties false) at the top level and in the objects
// analyze writes.
var ninjs21 = map[string][]string{
	"": {"uri", "type", "representationtype", "profile", "version", "firstcreated", "versioncreated", "contentcreated",
		"embargoed", "pubstatus", "urgency", "copyrightholder", "copyrightnotice", "usageterms", "ednote", "language",
		"descriptions", "bodies", "headlines", "people", "organisations", "places", "subjects", "events", "objects",
		"infosources", "title", "by", "slugline", "located", "renditions", "associations", "altids", "trustindicators",
		"standard", "genres", "expires", "rightsinfo"},
	"standard":      {"name", "version", "schema"},
	"altids":        {"role", "value"},
	"headlines":     {"role", "contenttype", "value"},
	"bodies":        {"role", "contenttype", "charcount", "wordcount", "value"},
	"subjects":      {"name", "rel", "uri", "literal", "creator", "relevance", "confidence"},
	"people":        {"name", "rel", "uri", "literal", "contactinfo"},
	"organisations": {"name", "rel", "uri", "literal", "symbols", "contactinfo"},
	"places":        {"name", "rel", "uri", "literal", "contactinfo", "geojson"},
}

// checkKeys fails on a property ninjs 2.1 does not allow.
func checkKeys(t *testing.T, where string, obj map[string]any) {
	t.Helper()
	for k := range obj {
		if !slices.Contains(ninjs21[where], k) {
			t.Errorf("ninjs %s: property %q is not in ninjs 2.1", where, k)
		}
	}
}

// TestNinjs checks the shape of a ninjs item against the ninjs 2.1
// schema, and its content against the JSON analysis of the same article.
func TestNinjs(t *testing.T) {
	file := "../../testdata/articles/politics.txt"
	out, errOut, code := runAnalyze(t, "", "-format", "ninjs", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Count(out, "\n") != 1 {
		t.Fatalf("want one line, got\n%s", out)
	}
	var item map[string]any
	if err := json.Unmarshal([]byte(out), &item); err != nil {
		t.Fatal(err)
	}
	checkKeys(t, "", item)
	if uri, _ := item["uri"].(string); !strings.HasPrefix(uri, "urn:khabar:input:") {
		t.Errorf("uri %q", uri)
	}
	if item["type"] != "text" || item["language"] != "ar" {
		t.Errorf("type %v, language %v", item["type"], item["language"])
	}
	std, _ := item["standard"].(map[string]any)
	checkKeys(t, "standard", std)
	if std["name"] != "ninjs" || std["version"] != "2.1" {
		t.Errorf("standard %v", std)
	}
	input, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	title, _, _ := strings.Cut(string(input), "\n")
	objects := func(key string) []map[string]any {
		list, _ := item[key].([]any)
		var objs []map[string]any
		for _, v := range list {
			o, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%s: %v is not an object", key, v)
			}
			checkKeys(t, key, o)
			objs = append(objs, o)
		}
		return objs
	}
	if h := objects("headlines"); len(h) != 1 || h[0]["value"] != title || h[0]["role"] != "main" {
		t.Errorf("headlines %v, want the title", h)
	}
	b := objects("bodies")
	if len(b) != 1 || b[0]["contenttype"] != "text/plain" || b[0]["wordcount"].(float64) < 400 {
		t.Fatalf("bodies %v", b)
	}
	if body := b[0]["value"].(string); strings.Contains(body, title) || !strings.Contains(string(input), body) {
		t.Error("the body is not the text after the title")
	}

	// Entities: people, organisations and places with our IDs.
	jsonOut, _, _ := runAnalyze(t, "", "-format", "json", file)
	ents := field[[]entityJSON](t, decodeOne(t, jsonOut), "entities")
	want := map[string][]string{}
	for _, e := range ents {
		key := map[string]string{"PER": "people", "ORG": "organisations", "LOC": "places"}[e.Type]
		want[key] = append(want[key], e.ID)
	}
	for _, key := range []string{"people", "organisations", "places"} {
		var got []string
		for _, o := range objects(key) {
			got = append(got, o["literal"].(string))
			if o["name"] == "" || (o["rel"] != "about" && o["rel"] != "mentions") {
				t.Errorf("%s: %v", key, o)
			}
		}
		if !slices.Equal(got, want[key]) || len(got) == 0 {
			t.Errorf("%s: %v, want %v", key, got, want[key])
		}
	}
	// Subjects: topics (rel about, Media Topics URIs for medtop: codes)
	// and keywords (rel keyword).
	topicsJSON := field[[]struct{ ID string }](t, decodeOne(t, jsonOut), "topics")
	var topicIDs []string
	for _, s := range objects("subjects") {
		if s["creator"] != "khabar" || s["name"] == "" || s["literal"] == "" {
			t.Errorf("subject %v", s)
		}
		switch s["rel"] {
		case "about":
			id := s["literal"].(string)
			topicIDs = append(topicIDs, id)
			if code, ok := strings.CutPrefix(id, "medtop:"); ok && s["uri"] != "http://cv.iptc.org/newscodes/mediatopic/"+code {
				t.Errorf("topic %s has uri %v", id, s["uri"])
			}
			if c, ok := s["confidence"].(float64); !ok || c < 0 || c > 100 || c != float64(int(c)) {
				t.Errorf("topic %s: confidence %v", id, s["confidence"])
			}
		case "keyword":
			if r, ok := s["relevance"].(float64); !ok || r < 0 || r > 100 {
				t.Errorf("keyword %v: relevance %v", s["name"], s["relevance"])
			}
		default:
			t.Errorf("subject with rel %v", s["rel"])
		}
	}
	if len(topicIDs) > len(topicsJSON) {
		t.Errorf("subjects have %d topics, the analysis %d", len(topicIDs), len(topicsJSON))
	}

	// -names en names entities in English where the gazetteer can.
	out, _, _ = runAnalyze(t, "", "-format", "ninjs", "-names", "en", file)
	if !strings.Contains(out, `"name":"Baghdad"`) {
		t.Errorf("-names en: no English name:\n%s", out)
	}
}

// TestInputs reads a directory tree, standard input and files, in order.
func TestInputs(t *testing.T) {
	dir := t.TempDir()
	arts := testJSONL(t, 3)
	writeFile(t, filepath.Join(dir, "b", "2.jsonl"), marshalLines(t, arts[1:]))
	writeFile(t, filepath.Join(dir, "b", "1.txt"), "عنوان\n\nزار الوزير بغداد.")
	writeFile(t, filepath.Join(dir, "a.txt"), "وصل الوفد إلى الرياض.")
	writeFile(t, filepath.Join(dir, "notes.md"), "ليس خبراً في القاهرة")
	out, errOut, code := runAnalyze(t, marshalLines(t, arts[:1]), "-format", "jsonl", dir, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		d := decodeOne(t, line)
		got = append(got, fmt.Sprintf("%s:%d %s", field[string](t, d, "file"), field[int](t, d, "line"), field[string](t, d, "id")))
	}
	want := []string{
		filepath.Join(dir, "a.txt") + ":0 ",
		filepath.Join(dir, "b", "1.txt") + ":0 ",
		filepath.Join(dir, "b", "2.jsonl") + ":1 a001",
		filepath.Join(dir, "b", "2.jsonl") + ":2 a002",
		"-:1 a000",
	}
	if !slices.Equal(got, want) {
		t.Errorf("inputs read as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Plain text on standard input, and -jsonl for a file of another name.
	out, _, code = runAnalyze(t, "  زار الوزير بغداد.", "-format", "jsonl", "-")
	if d := decodeOne(t, out); code != 0 || field[string](t, d, "id") != "" || field[int](t, d, "line") != 0 {
		t.Errorf("plain stdin: exit %d, %s", code, out)
	}
	other := filepath.Join(dir, "articles.data")
	writeFile(t, other, marshalLines(t, arts))
	out, _, code = runAnalyze(t, "", "-format", "jsonl", "-jsonl", other)
	if code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("-jsonl: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
}

// TestOrderWithWorkers: -j 4 prints the results in input order.
func TestOrderWithWorkers(t *testing.T) {
	arts := testJSONL(t, 24)
	lines := runLines(t, marshalLines(t, arts), len(arts), "-format", "jsonl", "-j", "4", "-keywords", "3", "-")
	for i, line := range lines {
		if id := field[string](t, decodeOne(t, line), "id"); id != arts[i].ID {
			t.Fatalf("line %d is article %s, want %s", i+1, id, arts[i].ID)
		}
	}
}

// TestMalformedLine: bad lines are reported with their line numbers and
// skipped, the others printed, and the exit status is 1.
func TestMalformedLine(t *testing.T) {
	arts := testJSONL(t, 3)
	lines := strings.Split(strings.TrimSuffix(marshalLines(t, arts), "\n"), "\n")
	input := strings.Join([]string{
		lines[0],
		`{"id": "broken", "text": "بغداد`, // line 2: truncated
		"",                                // line 3: blank, skipped
		lines[1],
		`{"id": "empty", "text": "  "}`, // line 5: no text
		`["not", "an", "object"]`,       // line 6
		`{"id": "no-text"}`,             // line 7
		lines[2],
	}, "\n")
	file := filepath.Join(t.TempDir(), "batch.jsonl")
	writeFile(t, file, input)
	out, errOut, code := runAnalyze(t, "", "-format", "jsonl", "-j", "2", file)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		ids = append(ids, field[string](t, decodeOne(t, line), "id"))
	}
	if want := []string{"a000", "a001", "a002"}; !slices.Equal(ids, want) {
		t.Errorf("printed %v, want %v", ids, want)
	}
	for _, want := range []string{
		"4 of 7 inputs failed:",
		file + ":2: malformed JSONL: unexpected end of JSON input",
		file + ":5: no text to analyse",
		file + ":6: malformed JSONL: want a JSON object, got array",
		file + ":7: no \"text\" field",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// A missing input among good ones: reported, the others analysed.
	out, errOut, code = runAnalyze(t, "", "-format", "jsonl", "does-not-exist", file)
	if code != 1 || strings.Count(out, "\n") != 3 || !strings.Contains(errOut, "5 of 8 inputs failed") || !strings.Contains(errOut, "does-not-exist") {
		t.Errorf("missing file in a batch: exit %d, %d lines\n%s", code, strings.Count(out, "\n"), errOut)
	}
}

// TestBatchEqualsOneByOne: a batch with -j 2 gives, article by article,
// the results of one run per article.
func TestBatchEqualsOneByOne(t *testing.T) {
	arts := testJSONL(t, 8)
	batchOut, errOut, code := runAnalyze(t, marshalLines(t, arts), "-format", "jsonl", "-j", "2", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(batchOut, "\n"), "\n")
	if len(lines) != len(arts) {
		t.Fatalf("%d lines for %d articles", len(lines), len(arts))
	}
	for i, a := range arts {
		single, _, code := runAnalyze(t, marshalLines(t, []jsonlArticle{a}), "-format", "jsonl", "-j", "1", "-")
		if code != 0 {
			t.Fatalf("article %s: exit %d", a.ID, code)
		}
		// The batch says line i+1 where the single run says line 1.
		want := strings.Replace(strings.TrimSuffix(single, "\n"), `"line":1,`, fmt.Sprintf(`"line":%d,`, i+1), 1)
		if lines[i] != want {
			t.Errorf("article %s differs in the batch:\n%s\nalone:\n%s", a.ID, lines[i], want)
		}
	}
}

// TestModel: -model uses a trained classifier's labels as topics.
func TestModel(t *testing.T) {
	arts := testJSONL(t, 4)
	var docs []topics.LabeledDoc
	var texts []string
	for _, a := range arts {
		docs = append(docs, topics.LabeledDoc{ID: a.ID, Category: a.Category, Title: a.Title, Text: a.Text})
		texts = append(texts, a.Title+"\n"+a.Text)
	}
	space, err := tfidf.NewSpace(texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := topics.TrainCentroid(space, docs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	model := filepath.Join(dir, "model.bin")
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	writeFile(t, model, buf.String())
	out, errOut, code := runAnalyze(t, "", "-format", "json", "-model", model, "-topics", "0", "../../testdata/articles/sport.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	tops := field[[]struct {
		ID, Label string
		Score     float64
	}](t, decodeOne(t, out), "topics")
	if len(tops) != 4 || tops[0].ID != "sport" || tops[0].Label != "sport" {
		t.Errorf("topics %+v, want the 4 labels, sport first", tops)
	}
	out, _, _ = runAnalyze(t, "", "-format", "json", "-model", model, "-topics", "2", "../../testdata/articles/sport.txt")
	if n := len(field[[]any](t, decodeOne(t, out), "topics")); n != 2 {
		t.Errorf("-topics 2 printed %d topics", n)
	}
	writeFile(t, filepath.Join(dir, "bad.bin"), "not a model")
	if _, errOut, code := runAnalyze(t, "بغداد", "-model", filepath.Join(dir, "bad.bin"), "-"); code != 1 || !strings.Contains(errOut, "not a saved topic classifier") {
		t.Errorf("bad model: exit %d, %q", code, errOut)
	}
}

// TestProgress draws the bar when asked, and only then.
func TestProgress(t *testing.T) {
	arts := testJSONL(t, 3)
	file := filepath.Join(t.TempDir(), "a.jsonl")
	writeFile(t, file, marshalLines(t, arts)+"{bad\n")
	_, errOut, code := runAnalyze(t, "", "-format", "jsonl", "-progress", "on", "-stats", file)
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"\r\033[K", "4/4 100%", "articles/s", "(1 failed)", file + ":4: malformed JSONL", "analyze: stats: 4 articles in"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%q", want, errOut)
		}
	}
	_, errOut, _ = runAnalyze(t, "", "-format", "jsonl", file)
	if strings.Contains(errOut, "\r") || strings.Contains(errOut, "articles/s") {
		t.Errorf("progress drawn on a non-terminal: %q", errOut)
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
	if f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer f.Close()
		if isTerminal(f) {
			t.Error("the null device is a terminal")
		}
	}
}

// TestSeedArticle runs the seed article the project was specified from,
// when ../shared/data is there.
func TestSeedArticle(t *testing.T) {
	file := "../../../shared/data/seed-article/000_354d3392e6522b73.txt"
	input, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("seed article not available (%v): it lives in ../shared/data, outside the repository", err)
	}
	out, errOut, code := runAnalyze(t, "", "-format", "json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	d := decodeOne(t, out)
	ents := checkEntities(t, string(input), d)
	if len(ents) < 5 {
		t.Errorf("only %d entities in the seed article", len(ents))
	}
	tops := field[[]struct{ ID string }](t, d, "topics")
	if len(tops) == 0 {
		t.Log("no topics: the default topic model is not there yet")
	} else if tops[0].ID != "medtop:11000000" && tops[0].ID != "medtop:16000000" {
		t.Errorf("top topic %s, want politics (medtop:11000000) or conflict (medtop:16000000)", tops[0].ID)
	}
}

// TestEnglishArticle analyses the English test article: language en,
// exact offsets, the IDs the Arabic seed article gives the same names,
// and a top topic of politics or conflict.
func TestEnglishArticle(t *testing.T) {
	file := "../../testdata/english/strategic-dialogue.txt"
	input, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runAnalyze(t, "", "-format", "json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	d := decodeOne(t, out)
	if lang := field[string](t, d, "language"); lang != "en" {
		t.Errorf("language %q, want en", lang)
	}
	ents := checkEntities(t, string(input), d)
	ids := map[string]bool{}
	for _, e := range ents {
		ids[e.ID] = true
	}
	for _, id := range []string{"per:antony-blinken", "per:mustafa-al-kadhimi", "per:fuad-hussein", "loc:city:washington-dc",
		"loc:country:IQ", "loc:city:baghdad", "org:isis", "org:global-coalition-against-daesh", "org:us-department-of-state"} {
		if !ids[id] {
			t.Errorf("no entity %s", id)
		}
	}
	tops := field[[]struct{ ID string }](t, d, "topics")
	if len(tops) == 0 || tops[0].ID != "medtop:11000000" && tops[0].ID != "medtop:16000000" {
		t.Errorf("topics %v, want politics (medtop:11000000) or conflict (medtop:16000000) first", tops)
	}
}

// TestDevBatch runs the first 300 dev articles through -j 2 and checks
// that nothing fails and every article comes out once, in order.
func TestDevBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	f, err := os.Open("../../../shared/data/news-topics-dev/ant-v2.1-dev.jsonl")
	if err != nil {
		t.Skipf("dev articles not available (%v): they live in ../shared/data, outside the repository", err)
	}
	defer f.Close()
	var in strings.Builder
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for len(ids) < 300 && sc.Scan() {
		var a struct{ ID string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
		in.Write(sc.Bytes())
		in.WriteByte('\n')
	}
	lines := runLines(t, in.String(), len(ids), "-format", "jsonl", "-j", "2", "-")
	for i, line := range lines {
		d := decodeOne(t, line)
		if got := field[string](t, d, "id"); got != ids[i] {
			t.Fatalf("result %d is %s, want %s", i, got, ids[i])
		}
		if meta := field[map[string]string](t, d, "meta"); meta["category"] == "" || meta["source"] == "" {
			t.Fatalf("%s: meta %v lacks category and source", ids[i], meta)
		}
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		w.n = 0
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWriteError: a failed write stops the batch with exit status 1.
func TestWriteError(t *testing.T) {
	var errOut bytes.Buffer
	input := marshalLines(t, testJSONL(t, 40))
	code := run([]string{"-format", "jsonl", "-j", "2", "-"}, strings.NewReader(input), &failingWriter{n: 100}, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "writing output: disk full") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

// runLines runs analyze, which must succeed, and returns its output lines,
// which must number want.
func runLines(t *testing.T, stdin string, want int, args ...string) []string {
	t.Helper()
	out, errOut, code := runAnalyze(t, stdin, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != want {
		t.Fatalf("%d lines for %d articles", len(lines), want)
	}
	return lines
}

// TestModelSource: with -sources, a JSONL line's "source" reaches the
// topic model, so a classifier trained on how each source files a story
// (topics train -sources) files a new story as its source would; without
// -sources such a model is refused.
func TestModelSource(t *testing.T) {
	var docs []topics.LabeledDoc
	for _, text := range []string{
		"اجتمع الوزير في بغداد مع نظيره لبحث الأوضاع.",
		"عقد الرئيس في دمشق اجتماعا مع الوفد الزائر.",
		"بحث رئيس الوزراء في بيروت الأزمة مع الحكومة.",
	} {
		for source, label := range map[string]string{"wire_a": "world", "wire_b": "middle_east"} {
			docs = append(docs, topics.LabeledDoc{Category: label, Text: text, Source: source,
				Extra: features.Sources(source, nil)})
		}
	}
	space, err := topics.NewSpaceLabeled(docs, 1, tfidf.TermOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := topics.TrainLinear(space, docs)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(t.TempDir(), "model.bin")
	writeFile(t, model, buf.String())
	in := `{"id":"a","source":"wire_a","text":"اجتمع الرئيس في بغداد مع الوفد."}` + "\n" +
		`{"id":"b","source":"wire_b","text":"اجتمع الرئيس في بغداد مع الوفد."}` + "\n"
	if _, errOut, code := runAnalyze(t, in, "-format", "jsonl", "-model", model, "-"); code == 0 || !strings.Contains(errOut, "WithSources") {
		t.Errorf("a model trained with sources, without -sources: exit %d: %s", code, errOut)
	}
	out, errOut, code := runAnalyze(t, in, "-format", "jsonl", "-model", model, "-sources", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines: %s", len(lines), out)
	}
	for i, want := range []string{"world", "middle_east"} {
		var got struct {
			Source string `json:"source"`
			Topics []struct{ ID string }
			Meta   map[string]string `json:"meta"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Topics) == 0 || got.Topics[0].ID != want || got.Source == "" || got.Meta["source"] != got.Source {
			t.Errorf("line %d: source %q, meta %v, topics %+v; want %s first", i+1, got.Source, got.Meta, got.Topics, want)
		}
	}
}

// TestUnicodeOffsetsJavaScript checks -unicode-offsets as a JavaScript
// page would use it: slicing the text's UTF-16 code units (as
// String.prototype.slice does) at a mention's, a keyword's, a block's or
// a sentence's utf16 offsets gives its text, and so does slicing its runes
// at the rune offsets. The text mixes Arabic, diacritics, tatweel, a
// character outside the BMP (two UTF-16 units) and Latin.
func TestUnicodeOffsetsJavaScript(t *testing.T) {
	text := "بلينكن يزور بغداد 🇮🇶 ويلتقي مُصطفى الكاظمي\n\nوصل وزير الخارجية الأميركي أنتوني بلينكن إلى بـغـداد اليوم 😀 في زيارة لبحث الأمن مع مصطفى الكاظمي. وقال بلينكن إن الولايات المتحدة تدعم العراق. Blinken met al-Kadhimi in Baghdad.\n\nوتابع بلينكن جولته إلى الرياض لبحث الأمن مع المسؤولين في الرياض.\n"
	out, errOut, code := runAnalyze(t, text, "-format", "json", "-unicode-offsets", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var raw struct {
		Sentences []map[string]any `json:"sentences"`
		Entities  []struct {
			Mentions []map[string]any `json:"mentions"`
		} `json:"entities"`
		Keywords  []map[string]any `json:"keywords"`
		Structure []map[string]any `json:"structure"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	units := utf16.Encode([]rune(text))
	runes := []rune(text)
	check := func(what string, v map[string]any, wantKey string) {
		t.Helper()
		get := func(k string) int {
			f, ok := v[k].(float64)
			if !ok {
				t.Fatalf("%s %v has no %s", what, v, k)
			}
			return int(f)
		}
		start, end := get("start"), get("end")
		want := text[start:end]
		if wantKey != "" && v[wantKey] != want {
			t.Errorf("%s %q is not the text at %d:%d (%q)", what, v[wantKey], start, end, want)
		}
		if got := string(utf16.Decode(units[get("utf16_start"):get("utf16_end")])); got != want {
			t.Errorf("%s: UTF-16 slice %q, want %q", what, got, want)
		}
		if got := string(runes[get("rune_start"):get("rune_end")]); got != want {
			t.Errorf("%s: rune slice %q, want %q", what, got, want)
		}
	}
	n := 0
	for _, e := range raw.Entities {
		for _, m := range e.Mentions {
			check("mention", m, "text")
			n++
		}
	}
	for _, k := range raw.Keywords {
		check("keyword", k, "term")
		n++
	}
	for _, b := range raw.Structure {
		check("block", b, "")
	}
	for _, s := range raw.Sentences {
		check("sentence", s, "")
	}
	if n < 5 || len(raw.Structure) == 0 || len(raw.Sentences) == 0 {
		t.Fatalf("%d mentions and keywords, %d blocks, %d sentences: %s", n, len(raw.Structure), len(raw.Sentences), out)
	}
}
