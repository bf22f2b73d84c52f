package main

import (
	"encoding/json"
	"math"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/article"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/tokenize"
)

// IPTC ninjs 2.1 (http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json),
// the fields analyze fills. The schema allows no other properties, so
// everything is said with its own:
//
//   - uri: the article's "uri" or "url" field (JSONL) when it is an
//     absolute URI (non-ASCII letters percent-encoded), else urn:khabar:id:ID, else urn:khabar:input:FILE[:LINE];
//     altids holds the article's ID ({"role": "id"}).
//   - standard: ninjs 2.1 and its schema; type "text"; language from the
//     analysis ("ar", "en", or "und").
//   - headlines: the title ({"role": "main"}); bodies: the text as given
//     after the title and a line repeating it (datelines and boilerplate
//     are kept: they are the article's text), as text/plain with its
//     character (rune) and word counts.
//   - subjects: the printed topics with a score above 0, best first, with
//     rel "about", literal the topic's ID, uri its IPTC Media Topics URI
//     (http://cv.iptc.org/newscodes/mediatopic/CODE for medtop:CODE),
//     confidence the score × 100; then the keywords, with rel "keyword",
//     literal the term and relevance their score relative to the best
//     keyword's (100). Both have creator "khabar": machine-assigned.
//   - people, organisations, places: the entities, most salient first,
//     with literal our ID (loc:city:baghdad), uri the Wikidata entity
//     where the gazetteer knows its QID, rel "about" for a salience of at
//     least 0.5, "mentions" below.
//
// Names are Arabic by default; -names en uses English names and labels
// where known.
type ninjsItem struct {
	URI           string         `json:"uri"`
	Standard      ninjsStandard  `json:"standard"`
	Type          string         `json:"type"`
	Language      string         `json:"language,omitempty"`
	AltIDs        []ninjsAltID   `json:"altids,omitempty"`
	Headlines     []ninjsText    `json:"headlines,omitempty"`
	Bodies        []ninjsBody    `json:"bodies,omitempty"`
	Subjects      []ninjsSubject `json:"subjects,omitempty"`
	People        []ninjsEntity  `json:"people,omitempty"`
	Organisations []ninjsEntity  `json:"organisations,omitempty"`
	Places        []ninjsEntity  `json:"places,omitempty"`
}

type ninjsStandard struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Schema  string `json:"schema"`
}

type ninjsAltID struct {
	Role  string `json:"role"`
	Value string `json:"value"`
}

type ninjsText struct {
	Role  string `json:"role,omitempty"`
	Value string `json:"value"`
}

type ninjsBody struct {
	Role        string `json:"role,omitempty"`
	ContentType string `json:"contenttype"`
	CharCount   int    `json:"charcount"`
	WordCount   int    `json:"wordcount"`
	Value       string `json:"value"`
}

type ninjsSubject struct {
	Name       string `json:"name"`
	Rel        string `json:"rel"`
	URI        string `json:"uri,omitempty"`
	Literal    string `json:"literal"`
	Creator    string `json:"creator"`
	Relevance  *int   `json:"relevance,omitempty"`
	Confidence *int   `json:"confidence,omitempty"`
}

type ninjsEntity struct {
	Name    string `json:"name"`
	Rel     string `json:"rel"`
	URI     string `json:"uri,omitempty"`
	Literal string `json:"literal"`
}

const (
	ninjsSchema       = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"
	mediaTopicBase    = "http://cv.iptc.org/newscodes/mediatopic/"
	wikidataBase      = "http://www.wikidata.org/entity/"
	aboutSalience     = 0.5
	ninjsCreator      = "khabar"
	mediaTopicPrefix  = "medtop:"
	ninjsURNForID     = "urn:khabar:id:"
	ninjsURNForInput  = "urn:khabar:input:"
	ninjsContentType  = "text/plain"
	ninjsMainHeadline = "main"
)

// newNinjs maps an analysis to a ninjs 2.1 item. x, the analyzer's
// gazetteer, gives Wikidata IDs; names is "ar" or "en".
func newNinjs(a *khabar.Analysis, j job, x *gazetteer.Index, names string) *ninjsItem {
	it := &ninjsItem{
		URI:      ninjsURI(a, j),
		Standard: ninjsStandard{Name: "ninjs", Version: "2.1", Schema: ninjsSchema},
		Type:     "text",
		Language: a.Language,
	}
	if a.ID != "" {
		it.AltIDs = []ninjsAltID{{Role: "id", Value: a.ID}}
	}
	if a.Title != "" {
		it.Headlines = []ninjsText{{Role: ninjsMainHeadline, Value: a.Title}}
	}
	if body := ninjsBodyText(a); body != "" {
		words := 0
		for s := tokenize.Default().Scanner(body); s.Next(); {
			if s.Token().Kind.IsWord() {
				words++
			}
		}
		it.Bodies = []ninjsBody{{ContentType: ninjsContentType, CharCount: utf8.RuneCountInString(body), WordCount: words, Value: body}}
	}
	for _, t := range a.Topics {
		if t.Score <= 0 {
			continue
		}
		s := ninjsSubject{Name: t.Label, Rel: "about", Literal: t.ID, Creator: ninjsCreator, Confidence: percent(t.Score)}
		if names == "ar" && t.LabelAR != "" {
			s.Name = t.LabelAR
		}
		if code, ok := strings.CutPrefix(t.ID, mediaTopicPrefix); ok && code != "" {
			s.URI = mediaTopicBase + code
		}
		it.Subjects = append(it.Subjects, s)
	}
	if len(a.Keywords) > 0 {
		best := a.Keywords[0].Score
		for _, k := range a.Keywords {
			best = math.Max(best, k.Score)
		}
		for _, k := range a.Keywords {
			rel := 1.0
			if best > 0 {
				rel = k.Score / best
			}
			it.Subjects = append(it.Subjects, ninjsSubject{Name: k.Term, Rel: "keyword", Literal: k.Term, Creator: ninjsCreator, Relevance: percent(rel)})
		}
	}
	for _, e := range a.Entities {
		ne := ninjsEntity{Name: e.Name, Rel: "mentions", Literal: e.ID}
		if names == "en" && e.NameEN != "" {
			ne.Name = e.NameEN
		}
		if e.Salience >= aboutSalience {
			ne.Rel = "about"
		}
		if x != nil {
			if entry, ok := x.Entry(e.ID); ok && entry.Wikidata != "" {
				ne.URI = wikidataBase + entry.Wikidata
			}
		}
		switch e.Type {
		case gazetteer.PER:
			it.People = append(it.People, ne)
		case gazetteer.ORG:
			it.Organisations = append(it.Organisations, ne)
		case gazetteer.LOC:
			it.Places = append(it.Places, ne)
		}
	}
	return it
}

// percent turns a score in [0, 1] into an integer in [0, 100].
func percent(f float64) *int {
	n := int(math.Round(100 * math.Min(1, math.Max(0, f))))
	return &n
}

// ninjsURI identifies the item: the article's own URI, else one made from
// its ID or its place in the input.
func ninjsURI(a *khabar.Analysis, j job) string {
	for _, key := range []string{"uri", "url"} {
		var s string
		if raw, ok := j.art.Meta[key]; ok && json.Unmarshal(raw, &s) == nil {
			if u, err := url.Parse(s); err == nil && u.IsAbs() {
				return u.String() // an IRI's non-ASCII letters percent-encoded
			}
		}
	}
	if a.ID != "" {
		return ninjsURNForID + url.PathEscape(a.ID)
	}
	return ninjsURNForInput + url.PathEscape(j.loc.String())
}

// ninjsBodyText returns the text after the title (and a line repeating
// it), or the whole text when no title was recognised.
func ninjsBodyText(a *khabar.Analysis) string {
	start := 0
	for _, b := range a.Structure {
		if b.Kind != article.Title && b.Kind != article.DuplicateTitle {
			break
		}
		start = b.End
	}
	return strings.TrimSpace(a.Text[start:])
}
