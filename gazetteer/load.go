package gazetteer

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/khabar-nlp/khabar/internal/linetable"
)

// Errors reported by the loaders, inside a [*ParseError]. Test for them
// with errors.Is. Type, name and prior errors are those of
// [Entry.Validate]: [ErrUnknownType], [ErrEmptyName], [ErrBadPrior]….
var (
	// ErrBadHeader: a TSV file's header line is missing or differs from
	// the one the format requires.
	ErrBadHeader = errors.New("gazetteer: bad header")
	// ErrColumns: a line has the wrong number of TAB-separated columns.
	ErrColumns = errors.New("gazetteer: wrong number of columns")
	// ErrLineTooLong: a line is longer than [LoadOptions.MaxLineBytes].
	ErrLineTooLong = errors.New("gazetteer: line too long")
	// ErrInvalidUTF8: a line is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("gazetteer: invalid UTF-8")
	// ErrBadQID: a Wikidata ID is not of the form Q123.
	ErrBadQID = errors.New("gazetteer: malformed Wikidata ID")
	// ErrBadJSON: a line is not a well-formed JSON value of the expected
	// shape (the encoding/json error is wrapped too).
	ErrBadJSON = errors.New("gazetteer: invalid JSON")
	// ErrListType: a plain list of names (FormatList) was to be read
	// without the entity type its names are, which such a file cannot say
	// (LoadOptions.ListType unset, as in Open).
	ErrListType = errors.New("gazetteer: a plain list of names (one per line) needs an entity type, PER, LOC or ORG")
)

// formatsRead says, for error messages, which files LoadFile and Open
// read.
const formatsRead = "Khabar TSV (with its header line), JSONL entries, a typed list (TYPE<TAB>NAME, TYPE one of PER, LOC, ORG), " +
	"GeoNames alternate names, a Wikidata JSON dump and, for Open, a compiled index"

// ParseError is an error at a line of a loaded file: a malformed line
// (returned in [LoadOptions.Strict] mode, listed in
// [LoadStats.SkippedLines] otherwise), an I/O error, or an error returned
// by the caller's emit function at that line. Its Error method returns
// "source:line: what", or "source: what" when Line is 0 (the error
// concerns the input as a whole, such as a missing header); an empty
// Source is written "<input>". It is the one ParseError of Khabar's
// line-based tables: topics.ParseError is the same type.
type ParseError = linetable.ParseError

// Default limits of [LoadOptions].
const (
	// DefaultMaxSkipped is how many skipped lines LoadStats.SkippedLines
	// keeps when LoadOptions.MaxSkipped is 0.
	DefaultMaxSkipped = 1000
	// DefaultMaxLineBytes is the longest line the loaders read when
	// LoadOptions.MaxLineBytes is 0: 16 MiB, eight times the largest
	// entity Wikidata stores.
	DefaultMaxLineBytes = 16 << 20
)

// LoadOptions configures a loader. The zero value reads leniently: every
// malformed line is skipped, counted and (up to a limit) listed.
type LoadOptions struct {
	// Source names the input in error messages, e.g. the file path.
	// LoadFile sets it to the path when it is empty.
	Source string
	// Strict makes the first malformed line an error (a *ParseError)
	// instead of a skipped line.
	Strict bool
	// Progress, if not nil, is called with the number of bytes read from
	// the input so far, about every MiB and once more when the input is
	// exhausted. The count runs ahead of the line being parsed by at most
	// the reader's 64 KiB buffer. LoadFile and LoadGeoNames count the
	// bytes of the file (compressed bytes for .gz and .bz2), so that the
	// count can be compared with the file's size.
	Progress func(bytesRead int64)
	// MaxSkipped is how many skipped lines LoadStats.SkippedLines keeps:
	// 0 means DefaultMaxSkipped, a negative value none. Every skipped line
	// is counted in LoadStats.Skipped whatever the limit.
	MaxSkipped int
	// MaxLineBytes is the longest line read, without its line ending: 0
	// means DefaultMaxLineBytes. A longer line is a malformed line
	// ([ErrLineTooLong]): it is skipped (or returned as the error when
	// Strict) and reading goes on at the next line. Memory use grows with
	// the longest line read, up to this limit.
	MaxLineBytes int
	// ListType is the type of the names of a FormatList file read by
	// LoadFile; [ReadList] takes the type as an argument instead.
	ListType Type
}

func (o *LoadOptions) maxSkipped() int {
	switch {
	case o.MaxSkipped == 0:
		return DefaultMaxSkipped
	case o.MaxSkipped < 0:
		return 0
	}
	return o.MaxSkipped
}

func (o *LoadOptions) maxLine() int {
	if o.MaxLineBytes <= 0 {
		return DefaultMaxLineBytes
	}
	return o.MaxLineBytes
}

// LoadStats counts what a loader read. For the line-based formats (TSV,
// JSONL, lists, Wikidata) every line is counted once in exactly one of
// Comments, Entries, Skipped, Filtered and Duplicates, so that
//
//	Lines == Comments + Entries + Skipped + Filtered + Duplicates
//
// GeoNames is different, since an entry gathers many lines: see
// [ReadGeoNames].
type LoadStats struct {
	// Lines is the number of lines read, the last one included even
	// without a final line break.
	Lines int
	// Entries is the number of entries passed to emit.
	Entries int
	// Comments counts comment lines, blank lines, the TSV header line and
	// the "[" and "]" lines of a Wikidata dump.
	Comments int
	// Skipped counts malformed lines: lines that cannot be parsed and
	// entries that fail [Entry.Validate]. It stays 0 in Strict mode,
	// where the first malformed line is the error.
	Skipped int
	// SkippedLines lists the first LoadOptions.MaxSkipped malformed lines,
	// each with its line number and what is wrong with it.
	SkippedLines []*ParseError
	// Filtered counts well-formed records that are deliberately not
	// entries: a typed list's header line and lines of other types
	// (MISC…), Wikidata entities without an Arabic name or a known class,
	// GeoNames places dropped by the options. FilteredBy gives the
	// reasons.
	Filtered int
	// FilteredBy counts Filtered records by reason, such as "type MISC",
	// "header", "no Arabic name" or "no known class". It is nil when
	// nothing was filtered.
	FilteredBy map[string]int
	// Duplicates counts list lines whose name has the same key, and so
	// the same ID, as an earlier line of the same type: the first line
	// makes the entry, later ones are counted here.
	Duplicates int
	// DroppedNames counts names (Wikidata labels and aliases, GeoNames
	// alternate names) left out of the entries emitted because they hold
	// a control character (TAB, line break, NUL…) or a '|', which an
	// entry's names cannot, or no letter or digit to match.
	DroppedNames int
}

// maxFilterReasons bounds the number of distinct keys of
// LoadStats.FilteredBy, so that hostile input cannot grow it without end.
const maxFilterReasons = 64

// loadRun holds what every loader shares for one call: the options and
// the stats.
type loadRun struct {
	opts       LoadOptions
	stats      LoadStats
	maxSkipped int
}

func newLoadRun(opts LoadOptions) *loadRun {
	return &loadRun{opts: opts, maxSkipped: opts.maxSkipped()}
}

// next reads the next line and counts it. An over-long line is recorded
// as malformed and passed over. ok is false at the end of the input; err
// is set in Strict mode when a line was over-long.
func (r *loadRun) next(sc *linetable.Scanner, src string) (line []byte, ok bool, err error) {
	for sc.Next() {
		r.stats.Lines++
		if !sc.TooLong() {
			return sc.Bytes(), true, nil
		}
		if err := r.malformed(src, sc.Line(), tooLongError(sc)); err != nil {
			return nil, false, err
		}
	}
	return nil, false, nil
}

// malformed records a malformed line. It returns the error to stop with
// in Strict mode and nil otherwise.
func (r *loadRun) malformed(src string, line int, err error) error {
	pe := &ParseError{Source: src, Line: line, Err: err}
	if r.opts.Strict {
		return pe
	}
	r.stats.Skipped++
	if len(r.stats.SkippedLines) < r.maxSkipped {
		r.stats.SkippedLines = append(r.stats.SkippedLines, pe)
	}
	return nil
}

// filter records a record left out on purpose.
func (r *loadRun) filter(reason string) {
	r.stats.Filtered++
	if r.stats.FilteredBy == nil {
		r.stats.FilteredBy = make(map[string]int)
	}
	if _, ok := r.stats.FilteredBy[reason]; !ok && len(r.stats.FilteredBy) >= maxFilterReasons {
		reason = "other"
	}
	r.stats.FilteredBy[reason]++
}

// emit passes e to the caller's function, wrapping its error with the
// position.
func (r *loadRun) emit(emit func(Entry) error, src string, line int, e Entry) error {
	if emit != nil {
		if err := emit(e); err != nil {
			return &ParseError{Source: src, Line: line, Err: err}
		}
	}
	r.stats.Entries++
	return nil
}

// Format is a gazetteer file format.
type Format int

// Formats read by [LoadFile]. FormatAuto asks LoadFile to detect the
// format with [DetectFormat].
const (
	FormatAuto      Format = iota // detect from the file name and content
	FormatTSV                     // Khabar TSV, see ReadTSV
	FormatJSONL                   // one JSON entry per line, see ReadJSONL
	FormatList                    // one name per line, see ReadList
	FormatTypedList               // TYPE<TAB>NAME per line, see ReadTypedList
	FormatGeoNames                // GeoNames alternateNamesV2, see ReadGeoNames
	FormatWikidata                // Wikidata JSON dump, see ReadWikidata
)

var formatNames = [...]string{
	FormatAuto:      "auto",
	FormatTSV:       "tsv",
	FormatJSONL:     "jsonl",
	FormatList:      "list",
	FormatTypedList: "typed-list",
	FormatGeoNames:  "geonames",
	FormatWikidata:  "wikidata",
}

// String returns the format's name as ParseFormat accepts it: "auto",
// "tsv", "jsonl", "list", "typed-list", "geonames" or "wikidata".
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// ParseFormat parses a format name as String writes it, case-insensitively,
// for command-line flags. It also accepts "json" and "ndjson" for JSONL,
// "txt" for list and "typed" for typed-list.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for f, n := range formatNames {
		if name == n {
			return Format(f), nil
		}
	}
	switch name {
	case "", "detect":
		return FormatAuto, nil
	case "json", "ndjson":
		return FormatJSONL, nil
	case "txt":
		return FormatList, nil
	case "typed", "typedlist", "typed_list":
		return FormatTypedList, nil
	}
	return FormatAuto, fmt.Errorf("gazetteer: unknown format %q (want auto, tsv, jsonl, list, typed-list, geonames or wikidata)", s)
}

// DetectFormat guesses a file's format from its path and its first bytes
// (head, after decompression; compressed bytes are ignored). The content
// decides first: the TSV header, a JSON array or object with Wikidata's
// "claims" or "labels", any other JSON object, lines of a numeric ID and 8
// or 10 TAB-separated columns (GeoNames alternate names), or a first
// column that is an entity type (PER, PERS, LOC, ORG, MISC) or "type"
// (typed list). Then the name, without .gz or .bz2: alternateNames*
// (GeoNames), .jsonl and .ndjson (JSONL), .json (Wikidata), .tsv (TSV),
// .txt, .lst and .list (list). Text lines with no TAB then make a list. It
// returns FormatAuto when it cannot tell.
func DetectFormat(path string, head []byte) Format {
	if isCompressed(head) {
		head = nil
	}
	if f := sniffFormat(head); f != FormatAuto {
		return f
	}
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".bz2")
	ext := filepath.Ext(name)
	switch {
	case strings.HasPrefix(name, "alternatenames"):
		return FormatGeoNames
	case ext == ".jsonl" || ext == ".ndjson":
		return FormatJSONL
	case ext == ".json":
		return FormatWikidata
	case ext == ".tsv":
		return FormatTSV
	case ext == ".txt" || ext == ".lst" || ext == ".list":
		return FormatList
	}
	if line := firstDataLine(head); line != nil && bytes.IndexByte(line, '\t') < 0 && bytes.IndexByte(line, 0) < 0 {
		return FormatList
	}
	return FormatAuto
}

// firstDataLine returns the first line of head that is neither blank nor a
// comment, without its line ending, or nil.
func firstDataLine(head []byte) []byte {
	head = bytes.TrimPrefix(head, utf8BOM)
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimRight(line, "\r")
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		return line
	}
	return nil
}

// sniffFormat recognises the formats whose first data line is
// distinctive.
func sniffFormat(head []byte) Format {
	line := firstDataLine(head)
	if line == nil {
		return FormatAuto
	}
	t := bytes.TrimSpace(line)
	switch {
	case string(line) == tsvHeader:
		return FormatTSV
	case string(t) == "[":
		return FormatWikidata
	case t[0] == '{' || t[0] == '[':
		if bytes.Contains(t, []byte(`"claims"`)) || bytes.Contains(t, []byte(`"labels"`)) {
			return FormatWikidata
		}
		if t[0] == '{' {
			return FormatJSONL
		}
		return FormatAuto
	}
	cols := bytes.Split(line, []byte{'\t'})
	if len(cols) < 2 {
		return FormatAuto
	}
	if (len(cols) == 8 || len(cols) == 10) && isDigits(cols[0]) && isDigits(cols[1]) {
		return FormatGeoNames
	}
	switch strings.ToUpper(string(bytes.TrimSpace(cols[0]))) {
	case "PER", "PERS", "LOC", "ORG", "MISC", "TYPE":
		return FormatTypedList
	}
	return FormatAuto
}

func isDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

var utf8BOM = []byte("\xEF\xBB\xBF")

func isCompressed(head []byte) bool {
	return bytes.HasPrefix(head, []byte{0x1f, 0x8b}) || bytes.HasPrefix(head, []byte("BZh"))
}

// OpenFile opens a file for reading, decompressing gzip (.gz) and bzip2
// (.bz2) content transparently; compression is recognised by its magic
// bytes, whatever the name. Concatenated gzip members and bzip2 streams,
// as in Wikidata's multistream dumps, are read as one. The caller closes
// the result.
func OpenFile(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	r, err := decompress(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &fileReader{Reader: r, f: f}, nil
}

type fileReader struct {
	io.Reader
	f *os.File
}

func (r *fileReader) Close() error { return r.f.Close() }

// decompress wraps r in a decompressor when its first bytes are a gzip or
// bzip2 magic number.
func decompress(r io.Reader, path string) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("gazetteer: %s: %w", path, err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %s: gzip: %w", path, err)
		}
		return zr, nil
	case bytes.HasPrefix(head, []byte("BZh")):
		return bzip2.NewReader(br), nil
	}
	return br, nil
}

// lazyDecompressor decompresses src on the first Read.
type lazyDecompressor struct {
	src  io.Reader
	path string
	r    io.Reader
}

func (l *lazyDecompressor) Read(p []byte) (int, error) {
	if l.r == nil {
		r, err := decompress(l.src, l.path)
		if err != nil {
			return 0, err
		}
		l.r = r
	}
	return l.r.Read(p)
}

// openCounted opens path for a loader, decompressing it, and counts the
// bytes read from the file itself.
func openCounted(path string) (io.Reader, *os.File, *linetable.Counter, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("gazetteer: %w", err)
	}
	cf := &linetable.Counter{R: f}
	r, err := decompress(cf, path)
	if err != nil {
		f.Close()
		return nil, nil, nil, err
	}
	return r, f, cf, nil
}

// LoadFile reads the gazetteer file at path in the given format (or the
// detected one for FormatAuto; see [DetectFormat]) and calls emit for each
// entry, as the format's reader does. Gzip and bzip2 files are
// decompressed transparently. opts.Source defaults to path, and
// opts.Progress reports bytes of the file as stored. A FormatList file
// takes its type from opts.ListType. FormatGeoNames reads an alternate
// names file alone, and FormatWikidata uses the default
// [WikidataOptions]; call [LoadGeoNames] or [ReadWikidata] for more
// control.
func LoadFile(path string, format Format, opts LoadOptions, emit func(Entry) error) (LoadStats, error) {
	r, f, cf, err := openCounted(path)
	if err != nil {
		return LoadStats{}, err
	}
	defer f.Close()
	if opts.Source == "" {
		opts.Source = path
	}
	if progress := opts.Progress; progress != nil {
		opts.Progress = func(int64) { progress(cf.N) }
	}
	if format == FormatAuto {
		br := bufio.NewReaderSize(r, 64<<10)
		head, _ := br.Peek(16 << 10) // a short file gives a short head, and read errors come back below
		format = DetectFormat(path, head)
		r = br
		if format == FormatAuto {
			return LoadStats{}, fmt.Errorf("gazetteer: %s: cannot detect the file's format: name it, or give %s", path, formatsRead)
		}
	}
	if format == FormatList && (opts.ListType < PER || opts.ListType > ORG) {
		return LoadStats{}, fmt.Errorf("%s: %w, given by the caller (LoadOptions.ListType); the files that carry their types are %s", path, ErrListType, formatsRead)
	}
	switch format {
	case FormatTSV:
		return ReadTSV(r, opts, emit)
	case FormatJSONL:
		return ReadJSONL(r, opts, emit)
	case FormatList:
		return ReadList(r, opts, opts.ListType, emit)
	case FormatTypedList:
		return ReadTypedList(r, opts, emit)
	case FormatGeoNames:
		return ReadGeoNames(r, nil, GeoNamesOptions{LoadOptions: opts}, emit)
	case FormatWikidata:
		return ReadWikidata(r, WikidataOptions{LoadOptions: opts}, emit)
	}
	return LoadStats{}, fmt.Errorf("gazetteer: LoadFile: unknown format %v", format)
}

// LoadGeoNames opens and reads a GeoNames alternate names file and,
// unless placesPath is empty, a places file (allCountries.txt,
// citiesN.txt); see [ReadGeoNames]. Gzip and bzip2 files are decompressed
// transparently. opts.Source and opts.PlacesSource default to the paths,
// and opts.Progress reports the bytes of both files as stored, added up.
func LoadGeoNames(altPath, placesPath string, opts GeoNamesOptions, emit func(Entry) error) (LoadStats, error) {
	alt, f, cf, err := openCounted(altPath)
	if err != nil {
		return LoadStats{}, err
	}
	defer f.Close()
	if opts.Source == "" {
		opts.Source = altPath
	}
	var places io.Reader
	var pcf *linetable.Counter
	if placesPath != "" {
		// Open now, to fail early, but decompress (which reads) only
		// when the alternate names are done, so that progress adds up.
		pf, err := os.Open(placesPath)
		if err != nil {
			return LoadStats{}, fmt.Errorf("gazetteer: %w", err)
		}
		defer pf.Close()
		pcf = &linetable.Counter{R: pf}
		places = &lazyDecompressor{src: pcf, path: placesPath}
		if opts.PlacesSource == "" {
			opts.PlacesSource = placesPath
		}
	}
	if inner := opts.Progress; inner != nil {
		opts.Progress = func(int64) {
			n := cf.N
			if pcf != nil {
				n += pcf.N
			}
			inner(n)
		}
	}
	return ReadGeoNames(alt, places, opts, emit)
}
