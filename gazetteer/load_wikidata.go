package gazetteer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// WikidataClass is what entities of a Wikidata class (an object of
// "instance of", P31) become: a type and a subtype.
type WikidataClass struct {
	Type    Type
	Subtype string
}

// DefaultWikidataClasses returns a new copy of the default table of
// Wikidata classes, which the caller may change. Only direct P31 values
// are looked up: Khabar does not follow "subclass of" (P279), so the table
// lists the classes news-relevant entities are most often instances of.
//
//	PER  Q5 human
//	LOC  Q6256 country, Q3624078 sovereign state → country;
//	     Q161243 dependent territory, Q15239622 disputed territory → territory;
//	     Q5107 continent → continent; Q5119 capital → capital;
//	     Q515 city, Q1549591 big city, Q1637706 city with millions of
//	     inhabitants, Q200250 metropolis, Q1093829 city in the United
//	     States → city; Q486972 human settlement, Q3957 town, Q532
//	     village, Q15284 municipality → town; Q10864048 first-level and
//	     Q13220204 second-level administrative country subdivision,
//	     Q56061 administrative territorial entity, Q82794 geographic
//	     region → region; Q165 sea → sea; Q9430 ocean → ocean; Q4022
//	     river → river; Q23397 lake → lake; Q1322134 gulf, Q39594 bay →
//	     gulf; Q37901 strait → strait; Q8502 mountain, Q46831 mountain
//	     range → mountain; Q8514 desert → desert; Q23442 island → island;
//	     Q34763 peninsula → peninsula; Q839954 archaeological site,
//	     Q570116 tourist attraction, Q1248784 airport, Q32815 mosque → site
//	ORG  Q43229 organization (no subtype); Q484652 international
//	     organization, Q245065 intergovernmental organization →
//	     international-organisation; Q7278 political party → party;
//	     Q17149090 armed organization, Q45400320 terrorist organization →
//	     militant-group; Q8473 military, Q176799 military unit →
//	     armed-force; Q327333 government agency → agency; Q192350
//	     ministry → ministry; Q2659904 government organization, Q7188
//	     government → government-body; Q35749 parliament → parliament;
//	     Q4830453 business, Q783794 company, Q891723 public company,
//	     Q6881511 enterprise, Q167037 corporation → company; Q22687 bank
//	     → bank; Q1616075 television station, Q15265344 broadcaster,
//	     Q14350 radio station, Q11032 newspaper, Q1110794 daily
//	     newspaper, Q41298 magazine, Q1331793 media company → media;
//	     Q192283 news agency → news-agency; Q476028 association football
//	     club, Q847017 sports club, Q12973014 sports team → sports-club;
//	     Q4438121 sports organization → sports-body; Q3918 university,
//	     Q875538 public university, Q902104 private university, Q4671277
//	     academic institution → university; Q163740 nonprofit
//	     organization, Q79913 non-governmental organization → ngo;
//	     Q1530022 religious organization → religious-body
func DefaultWikidataClasses() map[string]WikidataClass {
	m := make(map[string]WikidataClass, 80)
	add := func(t Type, subtype string, qids ...string) {
		for _, q := range qids {
			m[q] = WikidataClass{Type: t, Subtype: subtype}
		}
	}
	add(PER, "", "Q5")

	add(LOC, "country", "Q6256", "Q3624078")
	add(LOC, "territory", "Q161243", "Q15239622")
	add(LOC, "continent", "Q5107")
	add(LOC, "capital", "Q5119")
	add(LOC, "city", "Q515", "Q1549591", "Q1637706", "Q200250", "Q1093829")
	add(LOC, "town", "Q486972", "Q3957", "Q532", "Q15284")
	add(LOC, "region", "Q10864048", "Q13220204", "Q56061", "Q82794")
	add(LOC, "sea", "Q165")
	add(LOC, "ocean", "Q9430")
	add(LOC, "river", "Q4022")
	add(LOC, "lake", "Q23397")
	add(LOC, "gulf", "Q1322134", "Q39594")
	add(LOC, "strait", "Q37901")
	add(LOC, "mountain", "Q8502", "Q46831")
	add(LOC, "desert", "Q8514")
	add(LOC, "island", "Q23442")
	add(LOC, "peninsula", "Q34763")
	add(LOC, "site", "Q839954", "Q570116", "Q1248784", "Q32815")

	add(ORG, "", "Q43229")
	add(ORG, "international-organisation", "Q484652", "Q245065")
	add(ORG, "party", "Q7278")
	add(ORG, "militant-group", "Q17149090", "Q45400320")
	add(ORG, "armed-force", "Q8473", "Q176799")
	add(ORG, "agency", "Q327333")
	add(ORG, "ministry", "Q192350")
	add(ORG, "government-body", "Q2659904", "Q7188")
	add(ORG, "parliament", "Q35749")
	add(ORG, "company", "Q4830453", "Q783794", "Q891723", "Q6881511", "Q167037")
	add(ORG, "bank", "Q22687")
	add(ORG, "media", "Q1616075", "Q15265344", "Q14350", "Q11032", "Q1110794", "Q41298", "Q1331793")
	add(ORG, "news-agency", "Q192283")
	add(ORG, "sports-club", "Q476028", "Q847017", "Q12973014")
	add(ORG, "sports-body", "Q4438121")
	add(ORG, "university", "Q3918", "Q875538", "Q902104", "Q4671277")
	add(ORG, "ngo", "Q163740", "Q79913")
	add(ORG, "religious-body", "Q1530022")
	return m
}

// WikidataOptions configures [ReadWikidata].
type WikidataOptions struct {
	LoadOptions
	// Classes maps P31 classes (QIDs) to types and subtypes; nil means
	// [DefaultWikidataClasses].
	Classes map[string]WikidataClass
	// ExtraClasses is laid over Classes (or the default table): its
	// classes are added or replace those there, and a class with a zero
	// Type removes one. Neither map is modified.
	ExtraClasses map[string]WikidataClass
	// MinSitelinks drops entities with fewer sitelinks (Wikipedia and
	// other wiki pages), a cheap measure of notability (Filtered "few
	// sitelinks").
	MinSitelinks int
	// ParseAll parses every line. By default a line that contains
	// neither "ar" nor "mul" in quotes cannot hold an Arabic label or
	// alias, and is counted as Filtered "no Arabic name" without being
	// parsed, which makes reading a full dump several times faster; such a
	// line is then not checked for being well-formed.
	ParseAll bool
}

// wdTerm is a label or alias.
type wdTerm struct {
	Value string `json:"value"`
}

// wdEntity holds the parts of a Wikidata entity the reader uses;
// encoding/json skips the rest without allocating.
type wdEntity struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Labels struct {
		AR  *wdTerm `json:"ar"`
		MUL *wdTerm `json:"mul"`
		EN  *wdTerm `json:"en"`
	} `json:"labels"`
	Aliases struct {
		AR  []wdTerm `json:"ar"`
		MUL []wdTerm `json:"mul"`
	} `json:"aliases"`
	Claims struct {
		P31 []wdStatement `json:"P31"`
	} `json:"claims"`
	Sitelinks wdCount `json:"sitelinks"`
}

type wdStatement struct {
	Rank     string `json:"rank"`
	Mainsnak struct {
		Snaktype  string `json:"snaktype"`
		Datavalue struct {
			Value struct {
				ID        string `json:"id"`
				NumericID int64  `json:"numeric-id"`
			} `json:"value"`
		} `json:"datavalue"`
	} `json:"mainsnak"`
}

// wdCount counts the members of a JSON object (or array) without decoding
// them; Wikidata writes an empty map as [].
type wdCount int

// UnmarshalJSON counts the top-level members of b, which encoding/json has
// already checked to be valid JSON.
func (c *wdCount) UnmarshalJSON(b []byte) error {
	n, depth, inString, escaped, empty := 0, 0, false, false, true
	for _, ch := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case ch == '\\':
				escaped = true
			case ch == '"':
				inString = false
			}
		case ch == '"':
			inString = true
			if depth == 1 {
				empty = false
			}
		case ch == '{' || ch == '[':
			depth++
		case ch == '}' || ch == ']':
			depth--
		case ch == ',' && depth == 1:
			n++
		default:
			if depth == 1 && ch > ' ' {
				empty = false
			}
		}
	}
	if !empty {
		n++
	}
	*c = wdCount(n)
	return nil
}

// wdMaxSitelinks is the sitelink count at which the prior reaches 1.
const wdMaxSitelinks = 200

// ReadWikidata reads a Wikidata JSON dump (latest-all.json, or any
// extract in the same form) and calls emit for each person, place and
// organisation with an Arabic name, in dump order.
//
// The dump is a JSON array with one entity per line: a first line "[",
// then one entity object per line followed by ",", except the last, and a
// last line "]". Lines of bare objects without the brackets and commas
// (JSON Lines) are read too. Each line is parsed on its own into the few
// parts used (id, labels, aliases, P31 claims, the number of sitelinks),
// so memory stays constant however large the dump; lines up to
// opts.MaxLineBytes are read. Wikidata's [] for an empty map is accepted.
//
// An entity becomes an entry when it has an Arabic name and a known
// class:
//
//   - Name is the "ar" label; without one, a "mul" label in Arabic
//     script, else the first "ar" alias, else the first "mul" alias in
//     Arabic script. The other "ar" and "mul" labels and aliases, in any
//     script, are the aliases. NameEN is the "en" label.
//   - Type and Subtype come from the first P31 value found in
//     opts.Classes (see [DefaultWikidataClasses]), trying preferred-rank
//     statements first, then normal ones; deprecated statements and
//     "somevalue"/"novalue" snaks are ignored.
//   - ID is the type in lower case, ":wd:" and the QID (per:wd:Q22686),
//     and Wikidata is the QID.
//   - Prior is log10(1+sitelinks)/log10(201) capped at 1 and rounded to two
//     decimals: 0 without sitelinks, 0.45 for 10, 0.87 for 100, 1 from 200.
//
// Other entities are counted in LoadStats.Filtered, by reason: "no Arabic
// name", "not an item" (properties, lexemes), "no known class", "few
// sitelinks" (opts.MinSitelinks). Names holding a '|', TAB or line break
// are left out and counted in LoadStats.DroppedNames. Malformed lines —
// invalid JSON (such as a truncated entity), invalid UTF-8, a value of the
// wrong JSON type, an entry that fails [Entry.Validate], a line longer
// than opts.MaxLineBytes — are skipped and counted, or returned as a
// *ParseError when opts.Strict is set; see opts.ParseAll for lines that
// are not parsed at all. emit may be nil; an error from emit stops reading
// and is returned inside a *ParseError giving the line.
func ReadWikidata(r io.Reader, opts WikidataOptions, emit func(Entry) error) (LoadStats, error) {
	classes, err := opts.classes()
	if err != nil {
		return LoadStats{}, err
	}
	run := newLoadRun(opts.LoadOptions)
	sc := newScanner(r, &opts.LoadOptions, opts.Source)
	src := opts.Source
	for {
		line, ok, err := run.next(sc, src)
		if err != nil {
			return run.stats, err
		}
		if !ok {
			break
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 || len(t) == 1 && (t[0] == '[' || t[0] == ']') {
			run.stats.Comments++
			continue
		}
		t = bytes.TrimRight(bytes.TrimSuffix(t, []byte{','}), " \t\r")
		if !opts.ParseAll && !bytes.Contains(t, []byte(`"ar"`)) && !bytes.Contains(t, []byte(`"mul"`)) {
			run.filter(wdNoArabic)
			continue
		}
		e, reason, dropped, err := parseWikidataLine(t, classes, opts.MinSitelinks)
		if err != nil {
			if err := run.malformed(src, sc.Line(), err); err != nil {
				return run.stats, err
			}
			continue
		}
		if reason != "" {
			run.filter(reason)
			continue
		}
		if err := run.emit(emit, src, sc.Line(), e); err != nil {
			return run.stats, err
		}
		run.stats.DroppedNames += dropped
	}
	return run.stats, sc.Err()
}

// Reasons for filtering Wikidata entities.
const (
	wdNoArabic     = "no Arabic name"
	wdNotItem      = "not an item"
	wdNoClass      = "no known class"
	wdFewSitelinks = "few sitelinks"
)

// classes returns the class table the options describe.
func (o *WikidataOptions) classes() (map[string]WikidataClass, error) {
	classes := o.Classes
	if classes == nil {
		classes = DefaultWikidataClasses()
	} else if len(o.ExtraClasses) > 0 {
		classes = maps.Clone(classes)
	}
	for q, c := range o.ExtraClasses {
		if c.Type == 0 {
			delete(classes, q)
		} else {
			classes[q] = c
		}
	}
	for q, c := range classes {
		if !isQID(q) {
			return nil, fmt.Errorf("%w: Wikidata class %q", ErrBadQID, q)
		}
		if c.Type < PER || c.Type > ORG {
			return nil, fmt.Errorf("%w %d for Wikidata class %s", ErrUnknownType, c.Type, q)
		}
	}
	return classes, nil
}

// parseWikidataLine parses one entity. It returns the entry, or the
// reason it is filtered, or an error for a malformed line.
func parseWikidataLine(t []byte, classes map[string]WikidataClass, minSitelinks int) (e Entry, reason string, dropped int, err error) {
	if err := checkUTF8(t); err != nil {
		return Entry{}, "", 0, err
	}
	if len(t) == 0 || t[0] != '{' {
		return Entry{}, "", 0, fmt.Errorf("%w: want an entity object, got %q", ErrBadJSON, abbreviate(t, 20))
	}
	fixEmptyMaps(t)
	var ent wdEntity
	if err := json.Unmarshal(t, &ent); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Offset >= int64(len(t)) {
			return Entry{}, "", 0, fmt.Errorf("%w: truncated entity: %w", ErrBadJSON, err)
		}
		return Entry{}, "", 0, jsonError(err)
	}

	// Names.
	clean := func(s string) (string, bool) {
		s = strings.TrimSpace(s)
		if s == "" {
			return "", false
		}
		if unmatchableName(s) {
			dropped++
			return "", false
		}
		return s, true
	}
	var arLabel, mulLabel string
	if ent.Labels.AR != nil {
		arLabel, _ = clean(ent.Labels.AR.Value)
	}
	if ent.Labels.MUL != nil {
		mulLabel, _ = clean(ent.Labels.MUL.Value)
	}
	var arAliases, mulAliases []string
	for _, a := range ent.Aliases.AR {
		if s, ok := clean(a.Value); ok {
			arAliases = append(arAliases, s)
		}
	}
	for _, a := range ent.Aliases.MUL {
		if s, ok := clean(a.Value); ok {
			mulAliases = append(mulAliases, s)
		}
	}
	name := arLabel
	if name == "" && isArabicScript(mulLabel) {
		name = mulLabel
	}
	if name == "" && len(arAliases) > 0 {
		name = arAliases[0]
	}
	if name == "" {
		for _, a := range mulAliases {
			if isArabicScript(a) {
				name = a
				break
			}
		}
	}
	if name == "" {
		return Entry{}, wdNoArabic, dropped, nil
	}
	if !isQID(ent.ID) || ent.Type != "" && ent.Type != "item" {
		return Entry{}, wdNotItem, dropped, nil
	}
	class, ok := wdClass(ent.Claims.P31, classes)
	if !ok {
		return Entry{}, wdNoClass, dropped, nil
	}
	if int(ent.Sitelinks) < minSitelinks {
		return Entry{}, wdFewSitelinks, dropped, nil
	}
	e = Entry{
		ID:       strings.ToLower(class.Type.String()) + ":wd:" + ent.ID,
		Type:     class.Type,
		Subtype:  class.Subtype,
		Name:     name,
		Wikidata: ent.ID,
		Prior:    wdPrior(int(ent.Sitelinks)),
	}
	if ent.Labels.EN != nil {
		e.NameEN, _ = clean(ent.Labels.EN.Value)
	}
	seen := map[string]bool{name: true}
	for _, list := range [][]string{{arLabel, mulLabel}, arAliases, mulAliases} {
		for _, s := range list {
			if s != "" && !seen[s] {
				seen[s] = true
				e.Aliases = append(e.Aliases, s)
			}
		}
	}
	if err := e.Validate(); err != nil {
		return Entry{}, "", 0, err
	}
	return e, "", dropped, nil
}

// wdClass returns the class of the first known P31 value, preferred
// statements first.
func wdClass(p31 []wdStatement, classes map[string]WikidataClass) (WikidataClass, bool) {
	for _, preferred := range [...]bool{true, false} {
		for i := range p31 {
			st := &p31[i]
			if (st.Rank == "preferred") != preferred || st.Rank == "deprecated" || st.Mainsnak.Snaktype != "value" {
				continue
			}
			v := &st.Mainsnak.Datavalue.Value
			q := v.ID
			if q == "" && v.NumericID > 0 {
				q = "Q" + strconv.FormatInt(v.NumericID, 10)
			}
			if c, ok := classes[q]; ok {
				return c, true
			}
		}
	}
	return WikidataClass{}, false
}

// wdPrior maps a sitelink count to a prior.
func wdPrior(sitelinks int) float64 {
	p := math.Log10(1+float64(sitelinks)) / math.Log10(1+wdMaxSitelinks)
	return math.Round(min(p, 1)*100) / 100
}

// isArabicScript reports whether s has letters and all of them are in the
// Arabic script.
func isArabicScript(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Arabic, r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// wdMapKeys are the entity members that Wikidata writes as [] when empty.
var wdMapKeys = [...]string{`"labels"`, `"descriptions"`, `"aliases"`, `"claims"`, `"sitelinks"`}

// fixEmptyMaps rewrites, in place, the empty arrays Wikidata writes for
// empty maps ("claims":[]) as empty objects, so that they decode into
// structs. A key inside a string is written \"key\" in JSON, so only real
// keys match.
func fixEmptyMaps(t []byte) {
	for _, key := range wdMapKeys {
		for off := 0; ; {
			i := bytes.Index(t[off:], []byte(key))
			if i < 0 {
				break
			}
			j := off + i + len(key)
			off = j
			j = skipJSONSpace(t, j)
			if j >= len(t) || t[j] != ':' {
				continue
			}
			j = skipJSONSpace(t, j+1)
			if j >= len(t) || t[j] != '[' {
				break // the key's value; only one such key per entity
			}
			k := skipJSONSpace(t, j+1)
			if k < len(t) && t[k] == ']' {
				t[j], t[k] = '{', '}'
			}
			break
		}
	}
}

func skipJSONSpace(t []byte, i int) int {
	for i < len(t) && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r') {
		i++
	}
	return i
}
