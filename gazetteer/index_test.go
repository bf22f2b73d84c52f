package gazetteer

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/khabar-nlp/khabar/internal/binfile"
	"github.com/khabar-nlp/khabar/tokenize"
)

// testEntries is a small gazetteer written for these tests.
var testEntries = []Entry{
	{ID: "loc:country:IQ", Type: LOC, Subtype: "country", Name: "العراق", NameEN: "Iraq", Aliases: []string{"Iraq"},
		Demonyms: []string{"العراقي", "العراقية", "العراقيون", "العراقيين", "عراقي"}, Country: "IQ", Prior: 0.95},
	{ID: "loc:country:US", Type: LOC, Subtype: "country", Name: "الولايات المتحدة", NameEN: "United States",
		Aliases: []string{"أمريكا", "أميركا", "الولايات المتحدة الأمريكية"}, Demonyms: []string{"الأميركي", "الأميركية", "الأمريكي", "الأمريكية"}, Country: "US", Prior: 0.95},
	{ID: "loc:country:LB", Type: LOC, Subtype: "country", Name: "لبنان", NameEN: "Lebanon", Country: "LB", Prior: 0.8},
	{ID: "loc:country:FR", Type: LOC, Subtype: "country", Name: "فرنسا", NameEN: "France", Country: "FR", Prior: 0.8},
	{ID: "loc:country:GB", Type: LOC, Subtype: "country", Name: "بريطانيا", NameEN: "United Kingdom", Aliases: []string{"المملكة المتحدة"}, Country: "GB", Prior: 0.8},
	{ID: "loc:country:EG", Type: LOC, Subtype: "country", Name: "مصر", NameEN: "Egypt", Country: "EG", Prior: 0.9},
	{ID: "loc:country:TN", Type: LOC, Subtype: "country", Name: "تونس", NameEN: "Tunisia", Country: "TN", Prior: 0.7},
	{ID: "loc:city:tunis", Type: LOC, Subtype: "capital", Name: "تونس", NameEN: "Tunis", Country: "TN", Parent: "loc:country:TN", Prior: 0.6},
	{ID: "loc:city:baghdad", Type: LOC, Subtype: "capital", Name: "بغداد", NameEN: "Baghdad", Country: "IQ", Parent: "loc:country:IQ", Prior: 0.9},
	{ID: "loc:city:washington", Type: LOC, Subtype: "capital", Name: "واشنطن", NameEN: "Washington", Country: "US", Prior: 0.9},
	{ID: "org:un", Type: ORG, Subtype: "international-organisation", Name: "الأمم المتحدة", NameEN: "United Nations", Aliases: []string{"UN"}, Prior: 0.9},
	{ID: "org:isis", Type: ORG, Subtype: "militant-group", Name: "داعش", NameEN: "Islamic State", Aliases: []string{"تنظيم الدولة الإسلامية", "ISIS"}, Prior: 0.9},
	{ID: "per:antony-blinken", Type: PER, Subtype: "minister", Name: "أنتوني بلينكن", NameEN: "Antony Blinken", Aliases: []string{"بلينكن", "Blinken"}, Country: "US", Prior: 0.8},
	{ID: "per:vladimir-putin", Type: PER, Subtype: "head-of-state", Name: "فلاديمير بوتين", NameEN: "Vladimir Putin", Aliases: []string{"بوتين"}, Country: "RU", Prior: 0.95},
	{ID: "per:antonio-guterres", Type: PER, Subtype: "diplomat", Name: "أنطونيو غوتيريش", NameEN: "António Guterres", Aliases: []string{"غوتيريش"}, Country: "PT", Prior: 0.8},
	{ID: "per:mustafa-al-kadhimi", Type: PER, Subtype: "head-of-government", Name: "مصطفى الكاظمي", NameEN: "Mustafa Al-Kadhimi", Aliases: []string{"الكاظمي"}, Country: "IQ", Prior: 0.8},
	{ID: "per:younis-mahmoud", Type: PER, Subtype: "athlete", Name: "يونس محمود", NameEN: "Younis Mahmoud", Country: "IQ", Prior: 0.4},
}

func buildTest(t testing.TB, entries ...Entry) *Index {
	t.Helper()
	b := NewBuilder()
	for _, e := range entries {
		if err := b.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	x, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// span is an expected match: surface, first ID, method and clitic.
type span struct {
	text, id string
	method   Method
	clitic   string
}

func findSpans(x *Index, text string, opts FindOptions) []span {
	var out []span
	for _, m := range x.Find(text, tokenize.Tokenize(text), opts) {
		if text[m.Start:m.End] == "" {
			panic("empty match")
		}
		out = append(out, span{text[m.Start:m.End], m.IDs[0], m.Method, m.Clitic})
	}
	return out
}

func TestFind(t *testing.T) {
	x := buildTest(t, testEntries...)
	tests := []struct {
		name string
		text string
		opts FindOptions
		want []span
	}{
		{"exact single words", "وصل بلينكن إلى بغداد", FindOptions{}, []span{{"بلينكن", "per:antony-blinken", Exact, ""}, {"بغداد", "loc:city:baghdad", Exact, ""}}},
		{"multi-word longest", "قال أنتوني بلينكن", FindOptions{}, []span{{"أنتوني بلينكن", "per:antony-blinken", Exact, ""}}},
		{"diacritics and tatweel", "زار بـغـدادَ ومُصطفى الكاظمي", FindOptions{}, []span{{"بـغـدادَ", "loc:city:baghdad", Exact, ""}, {"ومُصطفى الكاظمي", "per:mustafa-al-kadhimi", Clitic, "و"}}},
		{"clitic waw", "وبغداد", FindOptions{}, []span{{"وبغداد", "loc:city:baghdad", Clitic, "و"}}},
		{"clitic lam-lam", "دعم للعراق", FindOptions{}, []span{{"للعراق", "loc:country:IQ", Clitic, "ل"}}},
		{"clitic bi", "بواشنطن", FindOptions{}, []span{{"بواشنطن", "loc:city:washington", Clitic, "ب"}}},
		{"clitic bi-al", "بالعراق", FindOptions{}, []span{{"بالعراق", "loc:country:IQ", Clitic, "ب"}}},
		{"clitic on a multi-word name", "والأمم المتحدة", FindOptions{}, []span{{"والأمم المتحدة", "org:un", Clitic, "و"}}},
		{"wa-li-al", "وللأمم المتحدة", FindOptions{}, []span{{"وللأمم المتحدة", "org:un", Clitic, "ول"}}},
		{"names that start like clitics stay whole", "لبنان وفرنسا وبريطانيا ووزير", FindOptions{}, []span{{"لبنان", "loc:country:LB", Exact, ""}, {"وفرنسا", "loc:country:FR", Clitic, "و"}, {"وبريطانيا", "loc:country:GB", Clitic, "و"}}},
		{"demonym", "الخارجية الأميركية", FindOptions{}, []span{{"الأميركية", "loc:country:US", Demonym, ""}}},
		{"demonyms off", "الخارجية الأميركية", FindOptions{NoDemonyms: true}, nil},
		{"clitics off", "وبغداد", FindOptions{NoClitics: true}, nil},
		{"latin alias", "the UN and ISIS", FindOptions{}, []span{{"UN", "org:un", Exact, ""}, {"ISIS", "org:isis", Exact, ""}}},
		{"not across sentences", "الأمم. المتحدة", FindOptions{}, nil},
		{"hamza and ya variants", "امريكا", FindOptions{}, []span{{"امريكا", "loc:country:US", Exact, ""}}},
		{"fuzzy swapped pair needs no fuzzy", "أميركا", FindOptions{}, []span{{"أميركا", "loc:country:US", Exact, ""}}},
		{"fuzzy long vowel", "قال بلنكن", FindOptions{Fuzzy: true}, []span{{"بلنكن", "per:antony-blinken", Fuzzy, ""}}},
		{"fuzzy putin", "بوتن", FindOptions{Fuzzy: true}, nil}, // four letters: Lookup only
		{"fuzzy transliteration", "جوتيريش", FindOptions{Fuzzy: true}, []span{{"جوتيريش", "per:antonio-guterres", Fuzzy, ""}}},
		{"fuzzy two words, two edits", "قال انطوني بلنكن", FindOptions{Fuzzy: true}, []span{{"انطوني بلنكن", "per:antony-blinken", Fuzzy, ""}}},
		{"fuzzy off by default", "بلنكن", FindOptions{}, nil},
		{"short names only exactly", "قصر يونس", FindOptions{Fuzzy: true}, nil},
		{"overlapping", "وزارة الخارجية الأميركية في الولايات المتحدة", FindOptions{Kind: Overlapping}, []span{
			{"الأميركية", "loc:country:US", Demonym, ""}, {"الولايات المتحدة", "loc:country:US", Exact, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findSpans(x, tt.text, tt.opts)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Find(%q) =\n%v\nwant\n%v", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindOffsetsAndSeveralIDs(t *testing.T) {
	x := buildTest(t, testEntries...)
	text := "زار الوزير تونس، ثم عاد."
	ms := x.Find(text, tokenize.Tokenize(text), FindOptions{})
	if len(ms) != 1 {
		t.Fatalf("got %v", ms)
	}
	m := ms[0]
	if text[m.Start:m.End] != "تونس" || m.TokenStart != 2 || m.TokenEnd != 3 {
		t.Errorf("match %+v", m)
	}
	// Both Tunisia and Tunis, the country first (higher prior).
	if fmt.Sprint(m.IDs) != "[loc:country:TN loc:city:tunis]" {
		t.Errorf("IDs = %v", m.IDs)
	}
}

func TestLookup(t *testing.T) {
	x := buildTest(t, testEntries...)
	tests := []struct {
		query  string
		id     string
		method Method
		clitic string
	}{
		{"العراق", "loc:country:IQ", Exact, ""},
		{"بالعراق", "loc:country:IQ", Clitic, "ب"},
		{"والأمم المتحدة", "org:un", Clitic, "و"},
		{"الأميركية", "loc:country:US", Demonym, ""},
		{"أمريكا", "loc:country:US", Exact, ""},
		{"بلنكن", "per:antony-blinken", Fuzzy, ""},
		{"أنطوني بلنكن", "per:antony-blinken", Fuzzy, ""},
		{"بوتن", "per:vladimir-putin", Fuzzy, ""},
	}
	for _, tt := range tests {
		got := x.Lookup(tt.query)
		if len(got) == 0 {
			t.Errorf("Lookup(%q): no candidates", tt.query)
			continue
		}
		c := got[0]
		if c.Entry.ID != tt.id || c.Method != tt.method || c.Clitic != tt.clitic {
			t.Errorf("Lookup(%q)[0] = %s %v %q, want %s %v %q", tt.query, c.Entry.ID, c.Method, c.Clitic, tt.id, tt.method, tt.clitic)
		}
		if c.Method == Fuzzy && (c.Distance == 0 || c.Score >= 1 || c.Score <= 0) {
			t.Errorf("Lookup(%q) fuzzy distance %d score %v", tt.query, c.Distance, c.Score)
		}
	}
	for _, q := range []string{"قصر", "يونس", "وزير", "", "..."} {
		for _, c := range x.Lookup(q) {
			if c.Method == Fuzzy || q == "قصر" {
				t.Errorf("Lookup(%q) = %s %v", q, c.Entry.ID, c.Method)
			}
		}
	}
}

func TestWeightedDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"امريكا", "اميركا", swapCost},
		{"بلينكن", "بلنكن", vowelCost},
		{"بوتين", "بوتن", vowelCost},
		{"غوتيريش", "جوتيريش", equivalentCost},
		{"عبد العزيز", "عبدالعزيز", spaceCost},
		{"مصر", "قصر", otherCost},
		{"زياره", "زواره", 2 * vowelCost}, // a vowel for another: two vowel edits
		{"abc", "abc", 0},
	}
	for _, tt := range tests {
		if got := weightedDistance([]rune(tt.a), []rune(tt.b), false); got != tt.want {
			t.Errorf("weightedDistance(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if got := weightedDistance([]rune("الحديديه"), []rune("الحديده"), true); got != otherCost {
		t.Errorf("native names: a long vowel costs %v", got)
	}
	if got := weightedDistance([]rune("الناضور"), []rune("الناظور"), true); got != equivalentCost {
		t.Errorf("native names: ض/ظ costs %v", got)
	}
	if !isOneSwap("امريكا", "اميركا") || isOneSwap("abcd", "badc") || isOneSwap("abc", "abd") {
		t.Error("isOneSwap")
	}
	if got := Skeleton("غوتيريش"); got != Skeleton("جوتيريس") {
		t.Errorf("skeletons differ: %q %q", got, Skeleton("جوتيريس"))
	}
	if bareLen("الامم المتحده") != 8 || bareLen("بوتين") != 5 || bareLen("الله") != 2 {
		t.Error("bareLen")
	}
}

// TestFuzzyRejectsOrdinaryWords uses names that ordinary words come close
// to, and checks that none of those words matches them.
func TestFuzzyRejectsOrdinaryWords(t *testing.T) {
	decoys := append(slices.Clone(testEntries),
		Entry{ID: "loc:region:tigray", Type: LOC, Name: "تيغراي", Aliases: []string{"تجراي"}},
		Entry{ID: "loc:city:shirqat", Type: LOC, Name: "الشرقاط"},
		Entry{ID: "loc:city:erbil", Type: LOC, Name: "أربيل"},
		Entry{ID: "org:twitter", Type: ORG, Name: "تويتر"},
		Entry{ID: "per:moshe-yaalon", Type: PER, Name: "موشيه يعلون", Aliases: []string{"يعلون"}},
		Entry{ID: "loc:city:zuwara", Type: LOC, Name: "زوارة"},
		Entry{ID: "loc:country:YE", Type: LOC, Name: "اليمن"},
		Entry{ID: "loc:region:iq-anbar", Type: LOC, Name: "الأنبار"},
		Entry{ID: "loc:city:manama", Type: LOC, Name: "المنامة"},
	)
	x := buildTest(t, decoys...)
	text := "تجاري الشركات أبريل توتر يعلن زيارة الأمن الأخبار المنظمة قصر يونس الأميركي"
	for _, m := range x.Find(text, tokenize.Tokenize(text), FindOptions{Fuzzy: true}) {
		if m.Method == Fuzzy {
			t.Errorf("%q fuzzily matched %v", text[m.Start:m.End], m.IDs)
		}
	}
}

func TestPrecedence(t *testing.T) {
	b := NewBuilder()
	base := Entry{ID: "per:x", Type: PER, Name: "سمير الأول", Prior: 0.2}
	if err := b.Add(base); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(base); !errors.Is(err, ErrDuplicateID) {
		t.Errorf("duplicate at one priority: %v", err)
	}
	other := Entry{ID: "per:y", Type: PER, Name: "سمير الأول", Prior: 0.9}
	if err := b.Add(other); err != nil {
		t.Fatal(err)
	}
	b.SetPriority(1)
	user := Entry{ID: "per:x", Type: PER, Name: "سمير الأول", Aliases: []string{"سمورة"}, Prior: 0.1}
	if err := b.Add(user); err != nil {
		t.Fatal(err)
	}
	b.SetPriority(0)
	if err := b.Add(base); err != nil { // lower priority: ignored
		t.Fatal(err)
	}
	x, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	e, _ := x.Entry("per:x")
	if fmt.Sprint(e.Aliases) != "[سمورة]" {
		t.Errorf("user entry did not replace the default: %+v", e)
	}
	c := x.Lookup("سمير الأول")
	if len(c) != 2 || c[0].Entry.ID != "per:x" {
		t.Errorf("higher priority should rank first despite its prior: %+v", c)
	}
	defer func() {
		if recover() == nil {
			t.Error("Add after Build did not panic")
		}
	}()
	_ = b.Add(base)
}

func TestBuilderCopiesSlices(t *testing.T) {
	aliases := []string{"بلينكن"}
	b := NewBuilder()
	if err := b.Add(Entry{ID: "per:a", Type: PER, Name: "أنتوني بلينكن", Aliases: aliases}); err != nil {
		t.Fatal(err)
	}
	aliases[0] = "تغيير"
	x, _ := b.Build()
	if len(x.Lookup("بلينكن")) == 0 {
		t.Error("the index shares the caller's alias slice")
	}
	e, _ := x.Entry("per:a")
	e.Aliases[0] = "x"
	if e2, _ := x.Entry("per:a"); e2.Aliases[0] != "بلينكن" {
		t.Error("Entry returns internal memory")
	}
}

func TestValidate(t *testing.T) {
	good := Entry{ID: "loc:country:IQ", Type: LOC, Name: "العراق", Country: "IQ", Prior: 0.5}
	tests := []struct {
		name   string
		mutate func(*Entry)
		want   error
	}{
		{"empty ID", func(e *Entry) { e.ID = "" }, ErrEmptyID},
		{"ID with space", func(e *Entry) { e.ID = "loc:new york" }, ErrBadID},
		{"ID without kind", func(e *Entry) { e.ID = "iraq" }, ErrBadID},
		{"no type", func(e *Entry) { e.Type = 0 }, ErrUnknownType},
		{"empty name", func(e *Entry) { e.Name = " " }, ErrEmptyName},
		{"tab in alias", func(e *Entry) { e.Aliases = []string{"a\tb"} }, ErrBadName},
		{"invalid UTF-8", func(e *Entry) { e.Name = "\xff" }, ErrBadName},
		{"country", func(e *Entry) { e.Country = "iq" }, ErrBadCountry},
		{"prior", func(e *Entry) { e.Prior = 1.5 }, ErrBadPrior},
		{"bad parent", func(e *Entry) { e.Parent = "x y" }, ErrBadID},
		{"empty alias", func(e *Entry) { e.Aliases = []string{""} }, ErrBadName},
		{"alias with spaces", func(e *Entry) { e.Demonyms = []string{" عراقي"} }, ErrBadName},
		{"bad QID", func(e *Entry) { e.Wikidata = "796" }, ErrBadQID},
		// regression, issue 15: a name of NUL bytes was accepted.
		{"name of NUL bytes", func(e *Entry) { e.Name = "\x00\x00\x00" }, ErrBadName},
		{"NUL inside a name", func(e *Entry) { e.Name = "بغ\x00داد" }, ErrBadName},
		{"NUL alias", func(e *Entry) { e.Aliases = []string{"\x00"} }, ErrBadName},
		{"escape in English name", func(e *Entry) { e.NameEN = "Iraq\x1b[2J" }, ErrBadName},
		{"C1 control in demonym", func(e *Entry) { e.Demonyms = []string{"عراقي\u0085"} }, ErrBadName},
		{"name without letters", func(e *Entry) { e.Name = "--- ..." }, ErrBadName},
		{"alias without letters", func(e *Entry) { e.Aliases = []string{"،،"} }, ErrBadName},
	}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	digits := good
	digits.Aliases = []string{"7", "G20"}
	if err := digits.Validate(); err != nil {
		t.Errorf("names of digits: %v", err)
	}
	for _, tt := range tests {
		e := good
		tt.mutate(&e)
		if err := e.Validate(); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestParseType(t *testing.T) {
	for in, want := range map[string]Type{"PER": PER, "pers": PER, "LOC": LOC, "org": ORG} {
		if got, err := ParseType(in); err != nil || got != want {
			t.Errorf("ParseType(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseType("MISC"); !errors.Is(err, ErrUnknownType) {
		t.Errorf("MISC: %v", err)
	}
}

func TestCompiledRoundTrip(t *testing.T) {
	x := buildTest(t, testEntries...)
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	y, err := ReadCompiled(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if y.Len() != x.Len() || y.Surfaces() != x.Surfaces() {
		t.Fatalf("sizes differ: %d/%d entries, %d/%d surfaces", y.Len(), x.Len(), y.Surfaces(), x.Surfaces())
	}
	for _, text := range []string{"والأمم المتحدة وبغداد بلنكن الأميركية تونس"} {
		opts := FindOptions{Fuzzy: true, Kind: Overlapping}
		if a, b := fmt.Sprint(findSpans(x, text, opts)), fmt.Sprint(findSpans(y, text, opts)); a != b {
			t.Errorf("compiled index finds %s, built one %s", b, a)
		}
	}
	var again bytes.Buffer
	if _, err := y.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Error("write → read → write is not identical")
	}
}

func TestCompiledErrors(t *testing.T) {
	x := buildTest(t, testEntries...)
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	flipped := bytes.Clone(data)
	flipped[len(flipped)/2] ^= 0xff
	badVersion := bytes.Clone(data)
	badVersion[8] = 99
	badSum := bytes.Clone(data)
	badSum[19] ^= 1
	badLength := bytes.Clone(data)
	badLength[12] ^= 1
	huge := bytes.Clone(data[:binfile.HeaderSize])
	huge[17] = 1 // a body of 2^56 bytes: refused from the header
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotCompiled},
		{"tsv", []byte("id\ttype\tsubtype\n"), ErrNotCompiled},
		{"version", badVersion, ErrCompiledVersion},
		{"truncated", data[:len(data)-10], ErrCorrupt},
		{"flipped byte", flipped, ErrCorrupt},
		{"checksum", badSum, ErrCorrupt},
		{"length", badLength, ErrCorrupt},
		{"too large", huge, ErrCorrupt},
	}
	for _, tt := range tests {
		_, err := ReadCompiled(bytes.NewReader(tt.data))
		if !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), "gazetteer: ") || strings.Contains(err.Error(), "binfile") {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestConcurrentFind(t *testing.T) {
	x := buildTest(t, testEntries...)
	text := strings.Repeat("وصل أنتوني بلينكن إلى بغداد والتقى الكاظمي في العراق وبلنكن. ", 20)
	toks := tokenize.Tokenize(text)
	want := fmt.Sprint(x.Find(text, toks, FindOptions{Fuzzy: true}))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := fmt.Sprint(x.Find(text, toks, FindOptions{Fuzzy: true})); got != want {
				t.Error("concurrent Find differs")
			}
			_ = x.Lookup("بلنكن")
		})
	}
	wg.Wait()
}

// TestVariantHashes checks the incremental deletion hashes against the
// hashes of the deleted strings themselves.
func TestVariantHashes(t *testing.T) {
	full := func(w []rune) uint32 {
		var first uint32
		got := false
		forEachVariant(w, func(h uint32) {
			if !got {
				first, got = h, true
			}
		})
		return first
	}
	for _, s := range []string{"بلينكن", "الامم المتحده", "a", "ab", strings.Repeat("طويل جدا ", 12)} {
		w := []rune(s)
		var hashes []uint32
		forEachVariant(w, func(h uint32) { hashes = append(hashes, h) })
		if len(hashes) != len(w)+1 {
			t.Fatalf("%q: %d hashes, want %d", s, len(hashes), len(w)+1)
		}
		for i := range w {
			del := slices.Delete(slices.Clone(w), i, i+1)
			if want := full(del); hashes[i+1] != want {
				t.Errorf("%q without rune %d: hash %x, want %x", s, i, hashes[i+1], want)
			}
		}
	}
}

// TestFutureParticleIsNoProclitic checks that س, which begins verbs,
// never begins a name: ستدمر ("will destroy") is not س + تدمر (Palmyra),
// while وتدمر is و + تدمر.
func TestFutureParticleIsNoProclitic(t *testing.T) {
	b := NewBuilder()
	if err := b.Add(Entry{ID: "loc:city:palmyra", Type: LOC, Name: "تدمر"}); err != nil {
		t.Fatal(err)
	}
	x, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{"قال إن الطائرات ستدمر المواقع": 0, "وصلوا إلى وتدمر": 1, "في تدمر": 1} {
		toks := tokenize.Tokenize(text)
		if got := len(x.Find(text, toks, FindOptions{})); got != want {
			t.Errorf("Find(%q): %d matches, want %d", text, got, want)
		}
	}
	for _, c := range x.Lookup("ستدمر") {
		t.Errorf("Lookup(ستدمر) = %+v, want nothing", c)
	}
}

func TestArabLeague(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for e := range x.Entries() {
		if e.Type == LOC && e.Subtype == "country" && ArabLeague(e.Country) {
			n++
		}
	}
	if n != 22 {
		t.Errorf("%d countries of the default gazetteer in the Arab League, want 22", n)
	}
	for code, want := range map[string]bool{"IQ": true, "PS": true, "KM": true, "IR": false, "TR": false, "iq": false, "": false} {
		if ArabLeague(code) != want {
			t.Errorf("ArabLeague(%q) = %v", code, !want)
		}
	}
}

// TestFindHyphenatedNames checks that a hyphen written against the words
// of a name reads as a space, in the text and in the gazetteer's names,
// while a spaced hyphen still separates two names.
func TestFindHyphenatedNames(t *testing.T) {
	x := buildTest(t,
		Entry{ID: "per:kim-jong-un", Type: PER, Name: "كيم جونغ أون", Prior: 0.75},
		Entry{ID: "per:jean-pierre", Type: PER, Name: "جان-بيير رافاران", Prior: 0.3},
		Entry{ID: "loc:city:pyongyang", Type: LOC, Name: "بيونغ يانغ", Prior: 0.6},
		Entry{ID: "loc:city:beirut", Type: LOC, Name: "بيروت", Prior: 0.8},
		Entry{ID: "loc:city:damascus", Type: LOC, Name: "دمشق", Prior: 0.8},
	)
	for _, tc := range []struct {
		text string
		want []span
	}{
		{"غادر كيم جونغ-أون بيونغ يانغ فجرا", []span{{"كيم جونغ-أون", "per:kim-jong-un", Exact, ""}, {"بيونغ يانغ", "loc:city:pyongyang", Exact, ""}}},
		{"وصل كيم جونغ- أون", []span{{"كيم جونغ- أون", "per:kim-jong-un", Exact, ""}}},
		{"قال جان-بيير رافاران", []span{{"جان-بيير رافاران", "per:jean-pierre", Exact, ""}}},
		{"قال جان بيير رافاران", []span{{"جان بيير رافاران", "per:jean-pierre", Exact, ""}}},
		{"طريق بيروت - دمشق", []span{{"بيروت", "loc:city:beirut", Exact, ""}, {"دمشق", "loc:city:damascus", Exact, ""}}},
	} {
		if got := findSpans(x, tc.text, FindOptions{}); !slices.Equal(got, tc.want) {
			t.Errorf("Find(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
