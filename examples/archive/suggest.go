package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// contextBytes is about how much text an example shows on each side of
// the mention (within its sentence).
const contextBytes = 120

// mentionContext returns the mention text[start:end] in its sentence,
// cut to about contextBytes on each side ("…" where cut), the mention
// between « and », on one line.
func mentionContext(text string, sents []khabar.Sentence, start, end int) string {
	lo, hi := max(0, start-contextBytes), min(len(text), end+contextBytes)
	for _, s := range sents {
		if s.Start <= start && start < s.End {
			lo, hi = max(lo, s.Start), min(hi, max(s.End, end))
			break
		}
	}
	for lo > 0 && lo < start && !utf8.RuneStart(text[lo]) {
		lo++
	}
	for hi < len(text) && hi > end && !utf8.RuneStart(text[hi]) {
		hi--
	}
	var b strings.Builder
	if lo > 0 && !isBreak(text[lo-1]) {
		b.WriteString("…")
	}
	b.WriteString(oneLine(text[lo:start]))
	b.WriteString("«" + oneLine(text[start:end]) + "»")
	b.WriteString(oneLine(text[end:hi]))
	if hi < len(text) && !isBreak(text[hi]) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}

func isBreak(c byte) bool { return c == '\n' || c == '\r' }

// oneLine replaces control characters and line breaks by spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// writtenName returns the name of a new entity as the articles write it
// most often (وكالة الأنباء, where the extractor's name is the matching
// key وكالة الانباء): the most frequent form with the name's key, or the
// name itself.
func writtenName(st entityStats) string {
	key := tokenize.Key(st.Name)
	for _, f := range topCounts(st.Forms, 0, func(k string, n int) countedForm { return countedForm{k, n} }) {
		if tokenize.Key(f.Text) == key {
			return f.Text
		}
	}
	return st.Name
}

// writeSuggestionsFn writes the new names to Output, a draft gazetteer.
type writeSuggestionsFn struct {
	Output      string
	MinArticles int
}

// ProcessElement runs once, when every entity is counted.
func (f *writeSuggestionsFn) ProcessElement(ctx context.Context, _ []byte, rows func(*entityRow) bool) error {
	var all []entityRow
	var r entityRow
	for rows(&r) {
		all = append(all, r)
	}
	fs, err := filesystem.New(ctx, f.Output)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, f.Output)
	if err != nil {
		return err
	}
	n, err := writeSuggestions(w, all, f.MinArticles)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	suggestionsWritten.Inc(ctx, int64(n))
	return nil
}

// writeSuggestions writes new names as a draft gazetteer in Khabar TSV,
// most articles first (then most mentions, then ID): each entry keeps the
// generated ID the name already has in analyses, so that analyses made
// with the gazetteer give the same ID, and comment lines before it give
// its counts, dates, spellings and example contexts for the editor who
// reviews it. A name that cannot be a gazetteer entry (a '|' in it) is
// left as a comment. It returns the number of entries written.
func writeSuggestions(w io.Writer, rows []entityRow, minArticles int) (int, error) {
	slices.SortFunc(rows, func(a, b entityRow) int {
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
			fmt.Fprintf(bw, ", %s to %s", st.First[:min(10, len(st.First))], st.Last[:min(10, len(st.Last))])
		}
		var forms []string
		for _, f := range topCounts(st.Forms, 5, func(k string, n int) countedForm { return countedForm{k, n} }) {
			forms = append(forms, fmt.Sprintf("%s ×%d", oneLine(f.Text), f.Count))
		}
		if len(forms) > 0 {
			fmt.Fprintf(bw, "; written %s", strings.Join(forms, ", "))
		}
		bw.WriteString("\n")
		for _, e := range st.Examples {
			fmt.Fprintf(bw, "#   %s:%d", e.File, e.Line)
			if e.ID != "" {
				fmt.Fprintf(bw, " (%s)", oneLine(e.ID))
			}
			fmt.Fprintf(bw, ": %s\n", e.Context)
		}
		typ, err := gazetteer.ParseType(st.Type)
		entry := gazetteer.Entry{ID: r.ID, Type: typ, Name: writtenName(st)}
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
