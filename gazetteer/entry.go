package gazetteer

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Type is the type of an entry: a person, a place or an organisation.
type Type uint8

// Entry types.
const (
	PER Type = iota + 1 // a person
	LOC                 // a place
	ORG                 // an organisation
)

// String returns "PER", "LOC" or "ORG".
func (t Type) String() string {
	switch t {
	case PER:
		return "PER"
	case LOC:
		return "LOC"
	case ORG:
		return "ORG"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// MarshalText encodes the type as its name.
func (t Type) MarshalText() ([]byte, error) {
	if t < PER || t > ORG {
		return nil, fmt.Errorf("gazetteer: invalid type %d", uint8(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText decodes a type name; see [ParseType].
func (t *Type) UnmarshalText(b []byte) error {
	v, err := ParseType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ErrUnknownType is returned by ParseType for a name it does not know.
var ErrUnknownType = errors.New("gazetteer: unknown entity type")

// ParseType parses a type name, case-insensitively: PER or PERS (as in
// ANERcorp), LOC, ORG; the forms B-PER, I-LOC… of BIO tags are not
// accepted here.
func ParseType(s string) (Type, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "PER", "PERS", "PERSON":
		return PER, nil
	case "LOC", "LOCATION":
		return LOC, nil
	case "ORG", "ORGANIZATION", "ORGANISATION":
		return ORG, nil
	}
	return 0, fmt.Errorf("%w %q (want PER, LOC or ORG)", ErrUnknownType, s)
}

// Entry is one person, place or organisation.
type Entry struct {
	// ID is stable across builds and versions: "loc:country:IQ",
	// "per:antony-blinken", "org:isis". See the package overview for the
	// conventions.
	ID string `json:"id"`
	// Type is PER, LOC or ORG.
	Type Type `json:"type"`
	// Subtype refines the type: country, capital, city, region…;
	// head-of-state, minister, athlete…; ministry, party, militant-group…
	Subtype string `json:"subtype,omitempty"`
	// Name is the canonical Arabic name as news writes it.
	Name string `json:"name"`
	// NameEN is the English name.
	NameEN string `json:"name_en,omitempty"`
	// Aliases are other names: Arabic spelling variants, short forms,
	// transliterations and Latin-script forms. Forms that differ only by a
	// proclitic (و ب ل ف ك) are not needed: matching strips them.
	Aliases []string `json:"aliases,omitempty"`
	// Demonyms are the adjectives and plural nouns for a place's people
	// (العراقي، العراقية، العراقيون…), matched as demonyms, not as the place.
	Demonyms []string `json:"demonyms,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code of the entry's country.
	Country string `json:"country,omitempty"`
	// Parent is the ID of the place that contains this one.
	Parent string `json:"parent,omitempty"`
	// Wikidata is the entry's Wikidata QID ("Q796"), set only where
	// certain.
	Wikidata string `json:"wikidata,omitempty"`
	// Prior is the entry's prominence in [0, 1], used to break ties.
	Prior float64 `json:"prior,omitempty"`
}

// Names returns the entry's name followed by its aliases.
func (e *Entry) Names() []string {
	return append([]string{e.Name}, e.Aliases...)
}

// Errors returned by [Entry.Validate].
var (
	ErrEmptyID    = errors.New("gazetteer: empty ID")
	ErrBadID      = errors.New("gazetteer: malformed ID")
	ErrEmptyName  = errors.New("gazetteer: empty name")
	ErrBadPrior   = errors.New("gazetteer: prior outside [0, 1]")
	ErrBadName    = errors.New("gazetteer: malformed name")
	ErrBadCountry = errors.New("gazetteer: malformed country code")
)

// Validate checks an entry: a well-formed ID, a known type, a non-empty
// name, valid UTF-8 names without control characters (NUL, tab, line
// breaks…) or '|', a letter or digit to match in the name and in each
// alias and demonym, no empty alias or demonym nor one with spaces around
// it, a two-letter country code, a Wikidata QID of the form Q123 and a
// prior in [0, 1].
func (e *Entry) Validate() error {
	if e.ID == "" {
		return ErrEmptyID
	}
	if !validID(e.ID) {
		return fmt.Errorf("%w %q: want lower-case ASCII like loc:country:IQ or per:antony-blinken", ErrBadID, e.ID)
	}
	if e.Type < PER || e.Type > ORG {
		return fmt.Errorf("%w (entry %s)", ErrUnknownType, e.ID)
	}
	if strings.TrimSpace(e.Name) == "" {
		return fmt.Errorf("%w (entry %s)", ErrEmptyName, e.ID)
	}
	for _, list := range [][]string{{e.Name, e.NameEN, e.Subtype}, e.Aliases, e.Demonyms} {
		for _, n := range list {
			if !utf8.ValidString(n) || unusableName(n) {
				return fmt.Errorf("%w %q: invalid UTF-8, a control character (NUL, tab, line break…) or '|' (entry %s)", ErrBadName, n, e.ID)
			}
		}
	}
	for _, list := range [][]string{{e.Name}, e.Aliases, e.Demonyms} {
		for _, n := range list {
			if n != "" && unmatchableName(n) {
				return fmt.Errorf("%w %q: no letter or digit to match (entry %s)", ErrBadName, n, e.ID)
			}
		}
	}
	for _, list := range [][]string{e.Aliases, e.Demonyms} {
		for _, n := range list {
			if n == "" || strings.TrimSpace(n) != n {
				return fmt.Errorf("%w %q: empty or with spaces around it (entry %s)", ErrBadName, n, e.ID)
			}
		}
	}
	if e.Wikidata != "" && !isQID(e.Wikidata) {
		return fmt.Errorf("%w %q (entry %s)", ErrBadQID, e.Wikidata, e.ID)
	}
	if e.Country != "" && !(len(e.Country) == 2 && isUpper(e.Country[0]) && isUpper(e.Country[1])) {
		return fmt.Errorf("%w %q (entry %s)", ErrBadCountry, e.Country, e.ID)
	}
	if e.Parent != "" && !validID(e.Parent) {
		return fmt.Errorf("%w %q: parent (entry %s)", ErrBadID, e.Parent, e.ID)
	}
	if math.IsNaN(e.Prior) || e.Prior < 0 || e.Prior > 1 {
		return fmt.Errorf("%w: %v (entry %s)", ErrBadPrior, e.Prior, e.ID)
	}
	return nil
}

// unusableName reports whether a name holds what an entry's names cannot:
// a control character (C0, DEL, C1: NUL, tab, line breaks…), which no
// name has and which the file formats use as separators, or '|', which
// separates aliases.
func unusableName(n string) bool {
	return strings.ContainsFunc(n, func(r rune) bool { return r == '|' || unicode.IsControl(r) })
}

// unmatchableName reports whether a name cannot be an entry's name or
// alias: unusable, or with no letter or digit to match.
func unmatchableName(n string) bool {
	return unusableName(n) || !strings.ContainsFunc(n, isLetterOrDigit)
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// validID accepts "kind:rest" where kind is per, loc, org (or any
// lower-case word) and rest is made of ASCII letters, digits and - _ . :
// with no spaces.
func validID(id string) bool {
	colon := strings.IndexByte(id, ':')
	if colon <= 0 || colon == len(id)-1 || len(id) > 200 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case i < colon && 'a' <= c && c <= 'z':
		case i > colon && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':'):
		case i == colon:
		default:
			return false
		}
	}
	return true
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// clone returns a deep copy of e, so that an index never shares slices
// with its caller.
func (e *Entry) clone() Entry {
	c := *e
	c.Aliases = append([]string(nil), e.Aliases...)
	c.Demonyms = append([]string(nil), e.Demonyms...)
	return c
}
