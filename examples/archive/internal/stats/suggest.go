package stats

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// contextBytes is about how much text an example shows on each side of
// the mention (within its sentence).
const contextBytes = 120

// MentionContext returns the mention text[start:end] in its sentence (the
// one of sents holding start; the whole text without one), cut at a space
// about contextBytes bytes from the mention on each side ("…" where cut),
// the mention between « and », on one line.
func MentionContext(text string, sents []khabar.Sentence, start, end int) string {
	from, to := 0, len(text)
	for _, s := range sents {
		if s.Start <= start && start < s.End {
			from, to = s.Start, max(s.End, end)
			break
		}
	}
	lo, hi := max(from, start-contextBytes), min(to, end+contextBytes)
	if lo > from {
		if i := strings.IndexByte(text[lo:start], ' '); i >= 0 {
			lo += i + 1
		}
		for lo < start && !utf8.RuneStart(text[lo]) {
			lo++
		}
	}
	if hi < to {
		if i := strings.LastIndexByte(text[end:hi], ' '); i >= 0 {
			hi = end + i
		}
		for hi > end && !utf8.RuneStart(text[hi]) {
			hi--
		}
	}
	var b strings.Builder
	if lo > from {
		b.WriteString("…")
	}
	b.WriteString(oneLine(text[lo:start]))
	b.WriteString("«" + oneLine(text[start:end]) + "»")
	b.WriteString(oneLine(text[end:hi]))
	if hi < to {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}

// oneLine replaces control characters and line breaks by spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// WrittenName returns the name of a new entity as the articles write it
// most often (وكالة الأنباء, where the extractor's name is the matching
// key وكالة الانباء): the most frequent form with the name's key, or the
// name itself.
func WrittenName(st Entity) string {
	key := tokenize.Key(st.Name)
	for _, f := range forms(st.Forms, 0) {
		if tokenize.Key(f.Text) == key {
			return f.Text
		}
	}
	return st.Name
}

// Row is an entity with its statistics.
type Row struct {
	ID    string
	Stats Entity
}

// WriteSuggestions writes new names as a draft gazetteer in Khabar TSV,
// most articles first (then most mentions, then ID): each entry keeps the
// generated ID the name already has in analyses, so that analyses made
// with the gazetteer give the same ID, and comment lines before it give
// its counts, dates, spellings and example contexts for the editor who
// reviews it. A name that cannot be a gazetteer entry (a '|' in it) is
// left as a comment. It returns the number of entries written.
func WriteSuggestions(w io.Writer, rows []Row, minArticles int) (int, error) {
	slices.SortFunc(rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(b.Stats.Articles, a.Stats.Articles), cmp.Compare(b.Stats.Mentions, a.Stats.Mentions), strings.Compare(a.ID, b.ID))
	})
	var head bytes.Buffer
	if err := gazetteer.WriteTSV(&head, slices.Values([]gazetteer.Entry(nil))); err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# New names found in the archive by `archive entities`: %d names the gazetteer lacks, each in at\n", len(rows))
	fmt.Fprintf(bw, "# least %d articles, most articles first. Review each entry (name, type; add name_en, aliases,\n", minArticles)
	fmt.Fprintf(bw, "# country, wikidata), delete what is wrong, and load the file with -gazetteer.\n")
	bw.Write(head.Bytes())
	n := 0
	var line bytes.Buffer
	for _, r := range rows {
		st := r.Stats
		fmt.Fprintf(bw, "\n# %d articles, %d mentions", st.Articles, st.Mentions)
		if st.First != "" {
			fmt.Fprintf(bw, ", %s to %s", oneLine(st.First[:min(10, len(st.First))]), oneLine(st.Last[:min(10, len(st.Last))]))
		}
		var written []string
		for _, f := range forms(st.Forms, 5) {
			written = append(written, fmt.Sprintf("%s ×%d", oneLine(f.Text), f.Count))
		}
		if len(written) > 0 {
			fmt.Fprintf(bw, "; written %s", strings.Join(written, ", "))
		}
		bw.WriteString("\n")
		for _, e := range st.Examples {
			// Every part on the comment's line: a file name, like an ID,
			// may hold a line break.
			fmt.Fprintf(bw, "#   %s:%d", oneLine(e.File), e.Line)
			if e.ID != "" {
				fmt.Fprintf(bw, " (%s)", oneLine(e.ID))
			}
			fmt.Fprintf(bw, ": %s\n", oneLine(e.Context))
		}
		typ, err := gazetteer.ParseType(st.Type)
		entry := gazetteer.Entry{ID: r.ID, Type: typ, Name: WrittenName(st)}
		if err == nil {
			err = entry.Validate()
		}
		if err == nil {
			line.Reset()
			err = gazetteer.WriteTSV(&line, slices.Values([]gazetteer.Entry{entry}))
		}
		if err != nil {
			fmt.Fprintf(bw, "# not an entry: %s\n", oneLine(err.Error()))
			continue
		}
		// The entry is the last line of WriteTSV's output, after its
		// comment and header.
		bw.Write(line.Bytes()[head.Len():])
		n++
	}
	return n, bw.Flush()
}
