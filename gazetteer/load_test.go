package gazetteer

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// trickleReader returns 1, 2 or 3 bytes per Read, in turn, to test that
// readers do not depend on how their input arrives.
type trickleReader struct {
	r io.Reader
	n int
}

func (t *trickleReader) Read(p []byte) (int, error) {
	t.n = t.n%3 + 1
	if len(p) > t.n {
		p = p[:t.n]
	}
	return t.r.Read(p)
}

// errReader returns its data, then err.
type errReader struct {
	data []byte
	err  error
}

func (e *errReader) Read(p []byte) (int, error) {
	if len(e.data) == 0 {
		return 0, e.err
	}
	n := copy(p, e.data)
	e.data = e.data[n:]
	return n, nil
}

// loadReader is the shape every line-based reader has once its extra
// arguments are bound.
type loadReader func(r io.Reader, opts LoadOptions, emit func(Entry) error) (LoadStats, error)

func listReader(t Type) loadReader {
	return func(r io.Reader, opts LoadOptions, emit func(Entry) error) (LoadStats, error) {
		return ReadList(r, opts, t, emit)
	}
}

func wikidataReader(r io.Reader, opts LoadOptions, emit func(Entry) error) (LoadStats, error) {
	return ReadWikidata(r, WikidataOptions{LoadOptions: opts}, emit)
}

// collectEntries reads input with read and returns the entries emitted.
func collectEntries(read loadReader, r io.Reader, opts LoadOptions) ([]Entry, LoadStats, error) {
	var got []Entry
	st, err := read(r, opts, func(e Entry) error {
		got = append(got, e)
		return nil
	})
	return got, st, err
}

// checkLineCounts checks that every line of a line-based format is
// counted once.
func checkLineCounts(t *testing.T, st LoadStats) {
	t.Helper()
	if sum := st.Comments + st.Entries + st.Skipped + st.Filtered + st.Duplicates; sum != st.Lines {
		t.Errorf("Lines = %d, but Comments %d + Entries %d + Skipped %d + Filtered %d + Duplicates %d = %d",
			st.Lines, st.Comments, st.Entries, st.Skipped, st.Filtered, st.Duplicates, sum)
	}
	filtered := 0
	for _, n := range st.FilteredBy {
		filtered += n
	}
	if filtered != st.Filtered {
		t.Errorf("FilteredBy adds up to %d, Filtered = %d", filtered, st.Filtered)
	}
}

func TestParseErrorMessage(t *testing.T) {
	inner := errors.New("bad thing")
	for _, tc := range []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{Source: "a.tsv", Line: 12, Err: inner}, "a.tsv:12: bad thing"},
		{&ParseError{Source: "a.tsv", Err: inner}, "a.tsv: bad thing"},
		{&ParseError{Line: 3, Err: inner}, "<input>:3: bad thing"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
		if !errors.Is(tc.err, inner) {
			t.Errorf("%v does not unwrap to its Err", tc.err)
		}
	}
}

func TestFormatNames(t *testing.T) {
	for f := FormatAuto; f <= FormatWikidata; f++ {
		got, err := ParseFormat(strings.ToUpper(f.String()))
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", f.String(), got, err, f)
		}
	}
	for s, want := range map[string]Format{"ndjson": FormatJSONL, "txt": FormatList, "typed": FormatTypedList, "": FormatAuto} {
		if got, err := ParseFormat(s); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml) gave no error")
	}
	if s := Format(42).String(); s != "Format(42)" {
		t.Errorf("Format(42).String() = %q", s)
	}
}

func TestDetectFormat(t *testing.T) {
	for _, tc := range []struct {
		path, head string
		want       Format
	}{
		{"x.tsv", "# comment\n" + tsvHeader + "\n", FormatTSV},
		{"whatever", tsvHeader + "\nloc:x\tLOC", FormatTSV},
		{"ANERcorp_train_entity_list.tsv", "type\tsurface\tcount_in_train\nLOC\tلبنان\t175\n", FormatTypedList},
		{"names.txt", "PERS\tمحمد\n", FormatTypedList},
		{"latest-all.json.gz", "[\n{\"type\":\"item\",\"id\":\"Q1\",\"labels\":{}", FormatWikidata},
		{"dump.json", "", FormatWikidata},
		{"mine.jsonl", "{\"id\":\"per:x\",\"type\":\"PER\",\"name\":\"س\"}\n", FormatJSONL},
		{"data", "{\"id\":\"per:x\"}\n", FormatJSONL},
		{"alternateNamesV2.txt", "", FormatGeoNames},
		{"anything", "1271183\t99237\tar\tالعراق\t1\t1\t\t\t\t\n", FormatGeoNames},
		{"names.txt", "محمد\nأحمد\n", FormatList},
		{"names", "# people\nمحمد\n", FormatList},
		{"names.txt.bz2", "BZh91AY&SY", FormatList},
		{"unknown.bin", "", FormatAuto},
		{"unknown.bin", "a\tb\tc\n", FormatAuto},
	} {
		if got := DetectFormat(tc.path, []byte(tc.head)); got != tc.want {
			t.Errorf("DetectFormat(%q, %q) = %v, want %v", tc.path, tc.head, got, tc.want)
		}
	}
}

// writeGzip writes data gzip-compressed to a new file in dir.
func writeGzip(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadFileGzip(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/loaders/wikidata.json")
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := collectEntries(wikidataReader, bytes.NewReader(data), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	path := writeGzip(t, dir, "latest-all.json.gz", data)
	fi, _ := os.Stat(path)
	var calls []int64
	var got []Entry
	st, err := LoadFile(path, FormatAuto, LoadOptions{Progress: func(n int64) { calls = append(calls, n) }}, func(e Entry) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadFile(gzip) gave %d entries, reading the plain file %d", len(got), len(want))
	}
	if st.Entries != len(want) {
		t.Errorf("Entries = %d, want %d", st.Entries, len(want))
	}
	// Progress counts the compressed bytes of the file.
	if len(calls) == 0 || calls[len(calls)-1] != fi.Size() {
		t.Errorf("progress calls %v, want the last to be the file size %d", calls, fi.Size())
	}

	// A gzipped TSV, named, with messages naming the path.
	tsv := tsvHeader + "\nloc:x\tLOC\tcity\tس\t\t\t\t\t\t\t2\n"
	path = writeGzip(t, dir, "mine.tsv.gz", []byte(tsv))
	_, err = LoadFile(path, FormatTSV, LoadOptions{Strict: true}, nil)
	if err == nil || !strings.HasPrefix(err.Error(), path+":2: ") {
		t.Errorf("error %v, want it to start with %q", err, path+":2: ")
	}
}

func TestLoadFileBzip2(t *testing.T) {
	bz, err := exec.LookPath("bzip2")
	if err != nil {
		t.Skip("no bzip2 program to make a .bz2 file with")
	}
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/loaders/wikidata.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "dump.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bz, path).CombinedOutput(); err != nil {
		t.Fatalf("bzip2: %v\n%s", err, out)
	}
	want, _, _ := collectEntries(wikidataReader, bytes.NewReader(data), LoadOptions{})
	var got []Entry
	if _, err := LoadFile(path+".bz2", FormatWikidata, LoadOptions{Strict: true}, func(e Entry) error {
		got = append(got, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(got) == 0 {
		t.Errorf("LoadFile(bz2) gave %d entries, reading the plain file %d", len(got), len(want))
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadFile(filepath.Join(dir, "missing.tsv"), FormatTSV, LoadOptions{}, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want os.ErrNotExist", err)
	}
	path := filepath.Join(dir, "mystery.bin")
	os.WriteFile(path, []byte("a\tb\tc\n"), 0o644)
	if _, err := LoadFile(path, FormatAuto, LoadOptions{}, nil); err == nil || !strings.Contains(err.Error(), "cannot detect") {
		t.Errorf("undetectable format: %v", err)
	}
	path = filepath.Join(dir, "names.txt")
	os.WriteFile(path, []byte("محمد\n"), 0o644)
	// regression, issue 15: the error named neither the file nor what
	// would do ("ReadList: unknown entity type Type(0)").
	for _, format := range []Format{FormatList, FormatAuto} {
		_, err := LoadFile(path, format, LoadOptions{}, nil)
		if !errors.Is(err, ErrListType) {
			t.Errorf("list without ListType (%v): %v, want ErrListType", format, err)
			continue
		}
		for _, want := range []string{path, "needs an entity type, PER, LOC or ORG", "typed list (TYPE<TAB>NAME", "Khabar TSV", "Wikidata"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q lacks %q", err, want)
			}
		}
	}
	if _, _, err := Open(nil, []string{path}, LoadOptions{}); !errors.Is(err, ErrListType) || !strings.Contains(err.Error(), path) {
		t.Errorf("Open of a plain list: %v", err)
	}
	st, err := LoadFile(path, FormatAuto, LoadOptions{ListType: PER}, nil)
	if err != nil || st.Entries != 1 {
		t.Errorf("list with ListType: %+v, %v", st, err)
	}
	path = filepath.Join(dir, "broken.json.gz")
	os.WriteFile(path, []byte{0x1f, 0x8b, 1, 2, 3}, 0o644)
	if _, err := LoadFile(path, FormatWikidata, LoadOptions{}, nil); err == nil {
		t.Error("a broken gzip file gave no error")
	}
}

func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	path := writeGzip(t, dir, "x.gz", []byte("hello\n"))
	rc, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil || string(b) != "hello\n" {
		t.Errorf("OpenFile read %q, %v", b, err)
	}
}

// TestReadersCommon runs the behaviour every line-based reader shares
// through each of them: file:line messages, Strict against skipping, the
// listing of skipped lines, emit errors, I/O errors, progress, over-long
// lines and CRLF.
func TestReadersCommon(t *testing.T) {
	type format struct {
		name string
		read loadReader
		good string // one well-formed line giving one entry
		bad  string // one malformed line
		head string // what must come first
	}
	formats := []format{
		{"tsv", ReadTSV, "loc:x\tLOC\tcity\tبغداد\tBaghdad\t\t\tIQ\t\t\t0.5", "loc:y\tLOC\tcity", tsvHeader + "\n"},
		{"jsonl", ReadJSONL, `{"id":"loc:x","type":"LOC","name":"بغداد"}`, `{"id":"loc:y",`, ""},
		{"list", listReader(LOC), "بغداد", "بغ|داد", ""},
		{"typed-list", ReadTypedList, "LOC\tبغداد", "L@C\tبغداد", ""},
		{"wikidata", wikidataReader, `{"type":"item","id":"Q1530","labels":{"ar":{"language":"ar","value":"بغداد"}},"claims":{"P31":[{"mainsnak":{"snaktype":"value","datavalue":{"value":{"id":"Q515"}}},"rank":"normal"}]}}`, `{"type":"item","labels":{"ar":`, ""},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			lines := f.head + f.bad + "\n" + f.good + "\n" + f.bad + "\n"
			badLine := strings.Count(f.head, "\n") + 1

			// Lenient: the bad lines are skipped, counted and listed.
			got, st, err := collectEntries(f.read, strings.NewReader(lines), LoadOptions{Source: "in"})
			if err != nil {
				t.Fatalf("lenient read: %v", err)
			}
			if len(got) != 1 || st.Entries != 1 || st.Skipped != 2 || len(st.SkippedLines) != 2 {
				t.Fatalf("got %d entries, stats %+v; want 1 entry and 2 skipped", len(got), st)
			}
			if sl := st.SkippedLines[0]; sl.Source != "in" || sl.Line != badLine {
				t.Errorf("first skipped line is %s:%d, want in:%d", sl.Source, sl.Line, badLine)
			}
			checkLineCounts(t, st)

			// MaxSkipped limits the listing, not the count.
			_, st, _ = collectEntries(f.read, strings.NewReader(lines), LoadOptions{MaxSkipped: 1})
			if st.Skipped != 2 || len(st.SkippedLines) != 1 {
				t.Errorf("MaxSkipped 1: Skipped %d, listed %d; want 2, 1", st.Skipped, len(st.SkippedLines))
			}
			_, st, _ = collectEntries(f.read, strings.NewReader(lines), LoadOptions{MaxSkipped: -1})
			if st.Skipped != 2 || len(st.SkippedLines) != 0 {
				t.Errorf("MaxSkipped -1: Skipped %d, listed %d; want 2, 0", st.Skipped, len(st.SkippedLines))
			}

			// Strict: the first bad line is the error.
			_, st, err = collectEntries(f.read, strings.NewReader(lines), LoadOptions{Source: "in", Strict: true})
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != badLine || !strings.HasPrefix(err.Error(), "in:"+strconv.Itoa(badLine)+": ") {
				t.Fatalf("strict read: %v, want a *ParseError at in:%d", err, badLine)
			}
			if st.Entries != 0 || st.Skipped != 0 {
				t.Errorf("strict read stats %+v", st)
			}

			// An error from emit stops reading and comes back wrapped.
			stop := errors.New("stop here")
			calls := 0
			input := f.head + f.good + "\n" + f.good + "\n"
			_, err = f.read(strings.NewReader(input), LoadOptions{Source: "in"}, func(Entry) error {
				calls++
				return stop
			})
			if !errors.Is(err, stop) || calls != 1 || !errors.As(err, &pe) || pe.Line != badLine {
				t.Errorf("emit error: got %v after %d calls, want %v at line %d after 1", err, calls, stop, badLine)
			}

			// A read error is returned with the source.
			boom := errors.New("disk on fire")
			_, err = f.read(&errReader{data: []byte(input), err: boom}, LoadOptions{Source: "in"}, nil)
			if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "in:") {
				t.Errorf("read error: got %v, want %v with the source", err, boom)
			}

			// Input 1–3 bytes at a time, CRLF line ends and a BOM make no
			// difference.
			want, _, _ := collectEntries(f.read, strings.NewReader(input), LoadOptions{})
			crlf := "\xEF\xBB\xBF" + strings.ReplaceAll(input, "\n", "\r\n")
			got, _, err = collectEntries(f.read, &trickleReader{r: strings.NewReader(crlf)}, LoadOptions{Strict: true})
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("trickled CRLF input: %v, %v; want %v", got, err, want)
			}
			// Without a final line break too.
			got, _, err = collectEntries(f.read, strings.NewReader(strings.TrimSuffix(input, "\n")), LoadOptions{Strict: true})
			if err != nil || len(got) != len(want) {
				t.Errorf("input without a final line break: %d entries, %v; want %d", len(got), err, len(want))
			}

			// Over-long lines are malformed lines, and reading goes on.
			long := f.head + strings.Repeat("x", 200<<10) + "\n" + f.good + "\n"
			got, st, err = collectEntries(f.read, strings.NewReader(long), LoadOptions{MaxLineBytes: 100 << 10})
			if err != nil || len(got) != 1 || st.Skipped != 1 || !errors.Is(st.SkippedLines[0], ErrLineTooLong) {
				t.Errorf("over-long line: %d entries, %+v, %v", len(got), st, err)
			}
			_, _, err = collectEntries(f.read, strings.NewReader(long), LoadOptions{MaxLineBytes: 100 << 10, Strict: true})
			if !errors.Is(err, ErrLineTooLong) {
				t.Errorf("over-long line, strict: %v, want ErrLineTooLong", err)
			}
			// A line just under the limit (longer than the read buffer)
			// is read whole.
			_, st, _ = collectEntries(f.read, strings.NewReader(f.head+strings.Repeat(" ", 150<<10)+f.good+"\n"), LoadOptions{MaxLineBytes: 200 << 10})
			if st.Entries != 1 {
				t.Errorf("a long line under the limit: stats %+v, want 1 entry", st)
			}

			// Progress is called about every MiB and at the end, with
			// increasing counts ending at the input size.
			var big strings.Builder
			big.WriteString(f.head)
			for big.Len() < 3<<20 {
				big.WriteString("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n")
			}
			var counts []int64
			_, err = f.read(strings.NewReader(big.String()), LoadOptions{Progress: func(n int64) { counts = append(counts, n) }}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(counts) < 3 || len(counts) > 5 || counts[len(counts)-1] != int64(big.Len()) {
				t.Errorf("progress calls %v for %d bytes", counts, big.Len())
			}
			for i := 1; i < len(counts); i++ {
				if counts[i] < counts[i-1] {
					t.Errorf("progress went back: %v", counts)
				}
			}
		})
	}
}
