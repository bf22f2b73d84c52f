package gazetteer

import (
	"errors"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/khabar-nlp/khabar/tokenize"
)

func TestListID(t *testing.T) {
	id := ListID(PER, "محمد بن سلمان")
	if !regexp.MustCompile(`^per:list:[0-9a-f]{12}$`).MatchString(id) {
		t.Fatalf("ListID = %q", id)
	}
	// Same key, same ID: diacritics, hamza, tatweel, spacing, case.
	for _, v := range []string{"مُحمّد بن سلمان", " محمد  بن سلمان ", "محـمد بن سلمان"} {
		if got := ListID(PER, v); got != id {
			t.Errorf("ListID(%q) = %q, want %q", v, got, id)
		}
	}
	if ListID(PER, "أحمد") != ListID(PER, "احمد") {
		t.Error("hamza on alef changes the ID")
	}
	if ListID(LOC, "Paris") != ListID(LOC, "paris") {
		t.Error("Latin case changes the ID")
	}
	if ListID(LOC, "عمان") == ListID(ORG, "عمان") {
		t.Error("the type does not change the ID")
	}
	if ListID(PER, "محمد") == ListID(PER, "أحمد") {
		t.Error("two names share an ID")
	}
	// Stable across versions: this is the documented recipe.
	if got, want := ListID(LOC, "بغداد"), "loc:list:"; !strings.HasPrefix(got, want) {
		t.Errorf("ListID = %q", got)
	}
	if ListID(PER, "ـــ") != "" || ListID(0, "محمد") != "" {
		t.Error("ListID of an empty key or a bad type is not empty")
	}
}

func TestReadList(t *testing.T) {
	input := "# Arab capitals\n" +
		"بغداد\n" +
		"\n" +
		"  دمشق  \n" +
		"بغداد\n" + // duplicate
		"بَغْدَاد\n" + // same key
		"عمّان\n" +
		"ـــ\n" + // nothing to match
		"أبو ظبي|أبوظبي\n" // a '|'
	got, st, err := collectEntries(listReader(LOC), strings.NewReader(input), LoadOptions{Source: "caps.txt"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got {
		names = append(names, e.Name)
		if e.Type != LOC || e.ID != ListID(LOC, e.Name) {
			t.Errorf("entry %+v", e)
		}
	}
	if want := []string{"بغداد", "دمشق", "عمّان"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
	if st.Lines != 9 || st.Comments != 2 || st.Duplicates != 2 || st.Skipped != 2 {
		t.Errorf("stats %+v", st)
	}
	checkLineCounts(t, st)
	if msg := st.SkippedLines[0].Error(); msg != `caps.txt:8: gazetteer: empty name: "ـــ" has no letters to match` {
		t.Errorf("skipped line message %q", msg)
	}
	if !errors.Is(st.SkippedLines[1], ErrBadName) {
		t.Errorf("second skipped line: %v, want ErrBadName", st.SkippedLines[1])
	}
	if _, err := ReadList(strings.NewReader("x\n"), LoadOptions{}, Type(9), nil); !errors.Is(err, ErrUnknownType) {
		t.Errorf("ReadList with a bad type: %v", err)
	}
}

// TestReadListNUL checks that a name of NUL bytes is a malformed line
// (issue 15: it made an entry that matched NUL bytes in text).
func TestReadListNUL(t *testing.T) {
	_, err := ReadList(strings.NewReader("بغداد\n\x00\x00\x00\n"), LoadOptions{Source: "n.txt", Strict: true}, LOC, nil)
	if !errors.Is(err, ErrBadName) || !strings.HasPrefix(err.Error(), "n.txt:2: ") {
		t.Errorf("NUL name: %v", err)
	}
}

func TestReadTypedList(t *testing.T) {
	input := "type\tsurface\tcount\n" +
		"LOC\tلبنان\t175\n" +
		"PERS\tجورج بوش\t60\n" +
		"MISC\tالعربية\t12\n" +
		"org\tالأمم المتحدة\n" +
		"# a comment\n" +
		"B-PER\tمحمد\n" +
		"PER محمد علي\n" + // no TAB: one space separates
		"LOC\tلبنان\t3\n" + // duplicate
		"PER\t\t3\n" + // no name
		"P/R\tمحمد\n" + // not a type
		"LOC\n" // no name
	got, st, err := collectEntries(ReadTypedList, strings.NewReader(input), LoadOptions{Source: "l.tsv"})
	if err != nil {
		t.Fatal(err)
	}
	type tn struct {
		T Type
		N string
	}
	var gotTN []tn
	for _, e := range got {
		gotTN = append(gotTN, tn{e.Type, e.Name})
		if e.ID != ListID(e.Type, e.Name) {
			t.Errorf("ID %q for %+v", e.ID, e)
		}
	}
	want := []tn{{LOC, "لبنان"}, {PER, "جورج بوش"}, {ORG, "الأمم المتحدة"}, {PER, "محمد علي"}}
	if !reflect.DeepEqual(gotTN, want) {
		t.Errorf("entries %v, want %v", gotTN, want)
	}
	wantFiltered := map[string]int{"header": 1, "type MISC": 1, "type B-PER": 1}
	if !reflect.DeepEqual(st.FilteredBy, wantFiltered) || st.Filtered != 3 {
		t.Errorf("filtered %d %v, want %v", st.Filtered, st.FilteredBy, wantFiltered)
	}
	if st.Duplicates != 1 || st.Skipped != 3 || st.Comments != 1 {
		t.Errorf("stats %+v", st)
	}
	checkLineCounts(t, st)
	var msgs []string
	for _, pe := range st.SkippedLines {
		msgs = append(msgs, pe.Error())
	}
	wantMsgs := []string{
		"l.tsv:10: gazetteer: empty name: want TYPE<TAB>NAME",
		`l.tsv:11: gazetteer: unknown entity type "P/R" (want PER, LOC or ORG)`,
		"l.tsv:12: gazetteer: empty name: want TYPE<TAB>NAME",
	}
	if !reflect.DeepEqual(msgs, wantMsgs) {
		t.Errorf("skipped lines\n%q\nwant\n%q", msgs, wantMsgs)
	}
	// A MISC line is not malformed: Strict reads the same.
	if _, err := ReadTypedList(strings.NewReader("type\tsurface\nMISC\tx\nLOC\tلبنان\n"), LoadOptions{Strict: true}, nil); err != nil {
		t.Errorf("strict read of a header and a MISC line: %v", err)
	}
	// A header is only the first line.
	st, _ = ReadTypedList(strings.NewReader("LOC\tلبنان\ntype\tsurface\n"), LoadOptions{}, nil)
	if st.FilteredBy["type TYPE"] != 1 {
		t.Errorf("a header-like line after the first: %v", st.FilteredBy)
	}
}

// TestReadTypedListANERcorp reads the ANERcorp entity list (train split
// only) from the shared data folder: every line is accounted for, none is
// malformed.
func TestReadTypedListANERcorp(t *testing.T) {
	const path = "../../shared/data/anercorp/ANERcorp_train_entity_list.tsv"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("ANERcorp entity list not found at %s (the shared data folder is not part of the repository): %v", path, err)
	}
	types := map[Type]int{}
	st, err := LoadFile(path, FormatAuto, LoadOptions{Strict: true}, func(e Entry) error {
		types[e.Type]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkLineCounts(t, st)
	if st.Skipped != 0 || st.FilteredBy["header"] != 1 || st.FilteredBy["type MISC"] == 0 || len(st.FilteredBy) != 2 {
		t.Errorf("stats %+v", st)
	}
	if types[PER] == 0 || types[LOC] == 0 || types[ORG] == 0 {
		t.Errorf("types %v", types)
	}
	t.Logf("%d lines: %d entries (PER %d, LOC %d, ORG %d), %d duplicates by key, filtered %v",
		st.Lines, st.Entries, types[PER], types[LOC], types[ORG], st.Duplicates, st.FilteredBy)
}

// TestReadTypedListMajority checks that a name listed under several types
// takes the type of the largest count, ties going to the first listed.
func TestReadTypedListMajority(t *testing.T) {
	input := "type\tsurface\tcount\n" +
		"LOC\tالجزيرة\t2\n" +
		"ORG\tالجزيرة\t40\n" +
		"PER\tعباس\t3\n" +
		"LOC\tعباس\t3\n" + // a tie: the first listed wins
		"ORG\tالقاعدة\n" + // no count: once each
		"LOC\tالقاعدة\tmany\n" +
		"ORG\tالقاعده\n" // the same key as القاعدة
	got, st, err := collectEntries(ReadTypedList, strings.NewReader(input), LoadOptions{Source: "l.tsv"})
	if err != nil {
		t.Fatal(err)
	}
	var gotS []string
	for _, e := range got {
		gotS = append(gotS, e.Type.String()+" "+e.Name)
	}
	want := []string{"ORG الجزيرة", "PER عباس", "ORG القاعدة"}
	if !reflect.DeepEqual(gotS, want) {
		t.Errorf("entries %q, want %q", gotS, want)
	}
	if st.Duplicates != 4 || st.Entries != 3 {
		t.Errorf("stats %+v", st)
	}
}

// TestListNeverHidesCurated checks that an entry of a name list, though
// added at a higher priority, ranks after a curated entry of the same
// name: the list's type does not replace the curated one.
func TestListNeverHidesCurated(t *testing.T) {
	b := NewBuilder()
	if err := b.Add(Entry{ID: "org:al-jazeera", Type: ORG, Name: "الجزيرة", Prior: 0.8}); err != nil {
		t.Fatal(err)
	}
	b.SetPriority(1)
	list, err := listEntry(LOC, "الجزيرة")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Add(list); err != nil {
		t.Fatal(err)
	}
	x, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	text := "قالت الجزيرة"
	ms := x.Find(text, tokenize.Tokenize(text), FindOptions{})
	if len(ms) != 1 || len(ms[0].IDs) != 2 || ms[0].IDs[0] != "org:al-jazeera" {
		t.Fatalf("Find = %+v, want the curated entry first", ms)
	}
}
