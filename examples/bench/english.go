package main

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strings"

	prose2 "github.com/jdkato/prose/v2"

	"github.com/khabar-nlp/khabar/entities/english"
)

// englishSample is the labelled English news sample of english/prose-v2
// (see its header).
//
//go:embed testdata/english-news.txt
var englishSample string

// labelled is one article of the sample: its text and its names.
type labelled struct {
	text  string
	names []labelledName
}

// labelledName is a name of the sample: text[start:end], of type typ
// (PER, LOC or ORG).
type labelledName struct {
	start, end int
	typ        string
}

var markup = regexp.MustCompile(`\[(PER|LOC|ORG) ([^\]]+)\]`)

// parseSample reads the sample: articles separated by a line "---",
// names written [TYPE words], lines starting with # left out.
func parseSample(s string) ([]labelled, error) {
	var out []labelled
	for _, block := range strings.Split(s, "\n---\n") {
		var lines []string
		for _, l := range strings.Split(block, "\n") {
			if !strings.HasPrefix(l, "#") {
				lines = append(lines, l)
			}
		}
		src := strings.TrimSpace(strings.Join(lines, "\n"))
		var a labelled
		var b strings.Builder
		last := 0
		for _, m := range markup.FindAllStringSubmatchIndex(src, -1) {
			b.WriteString(src[last:m[0]])
			start := b.Len()
			b.WriteString(src[m[4]:m[5]])
			a.names = append(a.names, labelledName{start, b.Len(), src[m[2]:m[3]]})
			last = m[1]
		}
		b.WriteString(src[last:])
		a.text = b.String()
		if strings.ContainsAny(a.text, "[]") {
			return nil, fmt.Errorf("english sample: unbalanced markup in %.40q", a.text)
		}
		if a.text != "" {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("english sample: no article")
	}
	return out, nil
}

// prose2Type maps prose v2's entity labels to PER, LOC and ORG ("" for
// the others).
func prose2Type(label string) string {
	switch label {
	case "PERSON":
		return "PER"
	case "GPE", "LOCATION", "FACILITY", "GSP":
		return "LOC"
	case "ORGANIZATION":
		return "ORG"
	}
	return ""
}

// prose2Names returns prose v2's names of text. v2 gives no offsets, so
// each name is placed at the first place its text occurs after the
// previous name; a name whose text is not found (v2 rewrites quotes) is
// kept without a place and can only count against it.
func prose2Names(doc *prose2.Document, text string) []labelledName {
	var out []labelledName
	from := 0
	for _, e := range doc.Entities() {
		typ := prose2Type(e.Label)
		if typ == "" {
			continue
		}
		i := strings.Index(text[from:], e.Text)
		if i < 0 {
			out = append(out, labelledName{-1, -1, typ})
			continue
		}
		start := from + i
		out = append(out, labelledName{start, start + len(e.Text), typ})
		from = start + len(e.Text)
	}
	return out
}

// scoreNames adds to sc the exact matches (same span, same type) of
// predicted names against gold names.
func scoreNames(sc *prf, gold, pred []labelledName) {
	want := map[labelledName]bool{}
	for _, g := range gold {
		want[g] = true
	}
	sc.gold += len(gold)
	sc.pred += len(pred)
	for _, p := range pred {
		if want[p] {
			sc.correct++
			delete(want, p)
		}
	}
}

// prf counts names for precision, recall and F1.
type prf struct{ gold, pred, correct int }

func (s prf) String() string {
	p, r := ratio(s.correct, s.pred), ratio(s.correct, s.gold)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return fmt.Sprintf("P %.1f%% R %.1f%% F1 %.1f%% (%d gold, %d predicted, %d correct)", 100*p, 100*r, 100*f, s.gold, s.pred, s.correct)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// englishQuality scores both sides on the sample: exact span and type.
func englishQuality(x *english.Extractor, arts []labelled) (ours, peer prf, err error) {
	for _, a := range arts {
		var pred []labelledName
		for _, m := range x.Extract(a.text).Mentions {
			pred = append(pred, labelledName{m.Start, m.End, m.Type.String()})
		}
		scoreNames(&ours, a.names, pred)
		doc, err := prose2.NewDocument(a.text)
		if err != nil {
			return ours, peer, fmt.Errorf("prose v2: %w", err)
		}
		scoreNames(&peer, a.names, prose2Names(doc, a.text))
	}
	return ours, peer, nil
}

// englishComparisons compares Khabar's English path with prose v2's whole
// pipeline on the labelled English sample.
func englishComparisons() []comparison {
	var (
		x    *english.Extractor
		arts []labelled
	)
	return []comparison{{
		name:     "english/prose-v2",
		unit:     unitMBPerS,
		ownInput: true,
		setup: func([]byte) (int64, error) {
			var err error
			if arts, err = parseSample(englishSample); err != nil {
				return 0, err
			}
			if x, err = english.New(); err != nil {
				return 0, err
			}
			var n int64
			for _, a := range arts {
				n += int64(len(a.text))
			}
			ours, peer, err := englishQuality(x, arts)
			if err != nil {
				return 0, err
			}
			fmt.Fprintf(notes, "bench:   %d English articles, %d bytes, %d names; one operation reads each article in turn\n", len(arts), n, ours.gold)
			fmt.Fprintf(notes, "bench:   names, exact span and type: khabar %v; prose v2 %v\n", ours, peer)
			return n, nil
		},
		// Khabar: prose v3's sentences, tokens and tags, then the
		// gazetteer and the CRF; the mentions found.
		ours: func() int {
			n := 0
			for _, a := range arts {
				n += len(x.Extract(a.text).Mentions)
			}
			return n
		},
		// prose v2: NewDocument with its defaults (tokens, sentences,
		// tags, entities); the entities found.
		peer: func() int {
			n := 0
			for _, a := range arts {
				doc, err := prose2.NewDocument(a.text)
				if err != nil {
					return -1
				}
				n += len(doc.Entities())
			}
			return n
		},
	}}
}
