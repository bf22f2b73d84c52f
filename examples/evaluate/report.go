package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
)

// writeJSON writes the scores as one JSON object: PER, LOC, ORG and micro,
// each with precision, recall and f1 (fractions in [0, 1], 4 decimals)
// and gold, predicted and correct counts. A -folds run adds "folds", the
// micro scores of each held-out fold.
func writeJSON(w io.Writer, r *result) error {
	var v any = r.Tally.scores()
	if r.Folds != nil {
		type fold struct {
			Fold      int     `json:"fold"`
			Sentences int     `json:"sentences"`
			Tokens    int     `json:"tokens"`
			Names     int     `json:"names"`
			Micro     metrics `json:"micro"`
		}
		folds := make([]fold, len(r.Folds))
		for i, f := range r.Folds {
			folds[i] = fold{Fold: f.Fold, Sentences: f.Sentences, Tokens: f.Tokens, Names: f.Names, Micro: f.Tally.micro().metrics()}
		}
		v = struct {
			scores
			Folds []fold `json:"folds"`
		}{r.Tally.scores(), folds}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// pct formats a fraction as a percentage.
func pct(f fraction) string { return fmt.Sprintf("%.2f%%", 100*float64(f)) }

// writeText writes the scores as a table, percentages with 2 decimals.
func writeText(w io.Writer, r *result, gazDesc string) {
	c := r.Corpus
	fmt.Fprintf(w, "gold: %s — %d sentences, %d tokens\n", c.Name, len(c.Sentences), c.Tokens)
	fmt.Fprintf(w, "gazetteer: %s\n", gazDesc)
	if r.Chunk > 0 {
		fmt.Fprintf(w, "extractor called on %d sentences at a time\n", r.Chunk)
	}
	if r.Folds != nil {
		fmt.Fprintf(w, "%d-fold evaluation: each fold scored with the gold names of the other folds as a user gazetteer; counts summed over folds\n", len(r.Folds))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-6s %10s %10s %10s %8s %10s %8s\n", "type", "precision", "recall", "F1", "gold", "predicted", "correct")
	row := func(name string, m metrics) {
		fmt.Fprintf(w, "%-6s %10s %10s %10s %8d %10d %8d\n", name, pct(m.Precision), pct(m.Recall), pct(m.F1), m.Gold, m.Predicted, m.Correct)
	}
	for _, l := range scored {
		row(l.String(), r.Tally[l].metrics())
	}
	row("micro", r.Tally.micro().metrics())
	if r.Tally[MISC].Predicted > 0 {
		row("MISC", r.Tally[MISC].metrics())
		fmt.Fprintln(w, "(MISC is scored apart: not in micro)")
	}
	if r.Folds != nil {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "%-6s %10s %8s %8s %10s %10s %10s %10s\n", "fold", "sentences", "tokens", "names", "precision", "recall", "micro-F1", "time")
		for _, f := range r.Folds {
			m := f.Tally.micro().metrics()
			fmt.Fprintf(w, "%-6d %10d %8d %8d %10s %10s %10s %10s\n", f.Fold, f.Sentences, f.Tokens, f.Names, pct(m.Precision), pct(m.Recall), pct(m.F1), f.Elapsed.Round(time.Millisecond))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "extraction: %s for %.1f KB", r.Elapsed.Round(time.Millisecond), float64(r.Bytes)/1024)
	if s := r.Elapsed.Seconds(); s > 0 {
		fmt.Fprintf(w, " (%.2f MB/s)", float64(r.Bytes)/s/1e6)
	}
	if r.Total > 0 {
		fmt.Fprintf(w, "; whole run %s", r.Total.Round(time.Millisecond))
	}
	fmt.Fprintln(w)
	if r.Dropped > 0 {
		fmt.Fprintf(w, "%d mentions not scored: of no scored type, or covering no token\n", r.Dropped)
	}
}

// sample returns n items spread evenly through items (all of them when
// there are no more than n), keeping their order.
func sample(items []errorItem, n int) []errorItem {
	if n <= 0 {
		return nil
	}
	if len(items) <= n {
		return items
	}
	out := make([]errorItem, n)
	for i := range out {
		out[i] = items[i*len(items)/n]
	}
	return out
}

// writeErrors lists n false positives and n false negatives, spread
// evenly through the gold file, each with its sentence and the span
// marked ⟦ ⟧; then the errors by class, the precision of each match kind
// and the most frequent wrong surfaces.
func writeErrors(w io.Writer, r *result, n int) {
	section := func(title string, items []errorItem) {
		shown := sample(items, n)
		fmt.Fprintf(w, "\n%s: %d", title, len(items))
		if len(shown) < len(items) {
			fmt.Fprintf(w, ", %d shown, spread evenly through the file", len(shown))
		}
		fmt.Fprintln(w)
		for i, e := range shown {
			writeError(w, i+1, e)
		}
	}
	section("false positives", r.FP)
	section("false negatives", r.FN)

	fmt.Fprintln(w, "\nerrors by class:")
	writeClasses(w, "false positives", r.FP)
	writeClasses(w, "false negatives", r.FN)
	writeKinds(w, r)
	writeFrequent(w, "most frequent false positives", r.FP)
	writeFrequent(w, "most frequent false negatives", r.FN)
}

// writeError writes one numbered error on two lines: what was predicted
// and what the gold says, then where it is.
func writeError(w io.Writer, i int, e errorItem) {
	d := e.Doc
	surface := d.surface(e.Span)
	var b strings.Builder
	if e.FP {
		m := e.Pred.Mention
		fmt.Fprintf(&b, "FP %d. %s «%s» %s %s", i, e.Span.Type, surface, m.Kind, m.ID)
		if m.Text != surface {
			fmt.Fprintf(&b, " (mention «%s»)", m.Text)
		}
		if e.Other != nil {
			fmt.Fprintf(&b, " — gold: %s «%s»", e.Other.Type, d.surface(*e.Other))
		} else {
			b.WriteString(" — gold: O")
		}
	} else {
		fmt.Fprintf(&b, "FN %d. %s «%s»", i, e.Span.Type, surface)
		if p := e.OtherPred; p != nil {
			fmt.Fprintf(&b, " — predicted: %s «%s» %s %s", p.Type, d.surface(p.span), p.Mention.Kind, p.Mention.ID)
		} else {
			b.WriteString(" — predicted: nothing")
		}
	}
	fmt.Fprintf(&b, " [%s]", e.Class)
	fmt.Fprintln(w, b.String())
	fmt.Fprintf(w, "    %s: %s\n", d.position(e.Span.Start), d.context(e.Span, 12))
}

// surface returns the gold tokens of s joined by spaces.
func (d *document) surface(s span) string {
	return d.Text[d.Start[s.Start]:d.End[s.End-1]]
}

// position returns "file-line" of token t: the gold file's line number.
func (d *document) position(t int) string {
	si := d.Sent[t]
	return fmt.Sprintf("line %d", d.Sentences[si].Lines[t-d.First[si]])
}

// context returns the sentence of s with s marked ⟦ ⟧, cut to at most
// width tokens on each side. A span running past its sentence shows the
// sentences it covers.
func (d *document) context(s span, width int) string {
	si, sj := d.Sent[s.Start], d.Sent[s.End-1]
	lo := max(d.First[si], s.Start-width)
	hi := len(d.Start)
	if sj+1 < len(d.First) {
		hi = d.First[sj+1]
	}
	hi = min(hi, s.End+width)
	var b strings.Builder
	if lo > d.First[si] {
		b.WriteString("… ")
	}
	b.WriteString(d.Text[d.Start[lo]:d.Start[s.Start]])
	b.WriteString("⟦")
	b.WriteString(d.Text[d.Start[s.Start]:d.End[s.End-1]])
	b.WriteString("⟧")
	b.WriteString(d.Text[d.End[s.End-1]:d.End[hi-1]])
	end := len(d.Start)
	if sj+1 < len(d.First) {
		end = d.First[sj+1]
	}
	if hi < end {
		b.WriteString(" …")
	}
	return strings.ReplaceAll(b.String(), "\n", " ⏎ ")
}

// writeClasses writes the number of errors of each class, by type.
func writeClasses(w io.Writer, title string, items []errorItem) {
	var n [numClasses][MISC]int
	var total [numClasses]int
	for _, e := range items {
		n[e.Class][e.Span.Type]++
		total[e.Class]++
	}
	fmt.Fprintf(w, "  %s (%d):\n", title, len(items))
	for c := range numClasses {
		if total[c] == 0 {
			continue
		}
		fmt.Fprintf(w, "    %-40s %6d  (PER %d, LOC %d, ORG %d)\n", c.String(), total[c], n[c][PER], n[c][LOC], n[c][ORG])
	}
}

// writeKinds writes, for each match kind, how many predicted spans it
// made (the first mention of a span decides its kind) and how many were
// correct.
func writeKinds(w io.Writer, r *result) {
	if len(r.Kinds) == 0 {
		return
	}
	kinds := make([]string, 0, len(r.Kinds))
	for k := range r.Kinds {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b string) int {
		ia, ib := kindRank(a), kindRank(b)
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	})
	fmt.Fprintln(w, "\npredictions by match kind:")
	fmt.Fprintf(w, "  %-10s %10s %8s %10s\n", "kind", "predicted", "correct", "precision")
	for _, k := range kinds {
		c := r.Kinds[k]
		fmt.Fprintf(w, "  %-10s %10d %8d %10s\n", k, c.Predicted, c.Correct, pct(fraction(ratio(c.Correct, c.Predicted))))
	}
}

// writeFrequent writes the 15 most frequent surfaces of items, by type.
func writeFrequent(w io.Writer, title string, items []errorItem) {
	type key struct {
		t       label
		surface string
	}
	count := map[key]int{}
	for _, e := range items {
		count[key{e.Span.Type, e.Doc.surface(e.Span)}]++
	}
	keys := make([]key, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		if a.t != b.t {
			return a.t < b.t
		}
		return a.surface < b.surface
	})
	if len(keys) > 15 {
		keys = keys[:15]
	}
	if len(keys) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, k := range keys {
		fmt.Fprintf(w, "  %5d  %s «%s»\n", count[k], k.t, k.surface)
	}
}

// kindOrder is the order of entities.Kind, in which kinds are listed.
var kindOrder = []string{"exact", "clitic", "fuzzy", "hashtag", "rule", "partial", "demonym"}

func kindRank(k string) int {
	if i := slices.Index(kindOrder, k); i >= 0 {
		return i
	}
	return len(kindOrder)
}

// writeReport writes the text report: the table and, when nErrors > 0,
// the error listing.
func writeReport(w io.Writer, r *result, gazDesc string, nErrors int) error {
	bw := bufio.NewWriter(w)
	writeText(bw, r, gazDesc)
	if nErrors > 0 {
		writeErrors(bw, r, nErrors)
	}
	return bw.Flush()
}
