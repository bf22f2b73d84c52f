package entities

import (
	"fmt"

	"github.com/khabar-nlp/khabar/gazetteer"
)

// Kind says how a mention was found.
type Kind uint8

// Mention kinds. The gazetteer's methods come first, then the context
// rules.
const (
	// Exact: the words are a name of the gazetteer.
	Exact Kind = iota + 1
	// Clitic: the first word is a name after proclitics (وبغداد).
	Clitic
	// Fuzzy: the words are a spelling variant of a name (بلنكن).
	Fuzzy
	// Hashtag: a word inside a hashtag is a name (#العراق).
	Hashtag
	// Rule: a context rule found a name the gazetteer lacks (الرئيس + name,
	// وزارة + complement, مدينة + name…).
	Rule
	// Partial: a later short form of a fuller name found before
	// (بلينكن after أنتوني بلينكن; الكاظمي after مصطفى الكاظمي).
	Partial
	// Demonym: a demonym of a place (الأميركية). Reported only when the
	// extractor is asked to (see WithDemonyms).
	Demonym
	// Tagged: the tagging model found a name that no gazetteer entry
	// links.
	Tagged
)

var kindNames = [...]string{Exact: "exact", Clitic: "clitic", Fuzzy: "fuzzy", Hashtag: "hashtag", Rule: "rule", Partial: "partial", Demonym: "demonym", Tagged: "tagged"}

// String returns the kind's name as used in JSON: "exact", "clitic",
// "fuzzy", "hashtag", "rule", "partial", "demonym" or "tagged".
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText encodes the kind as its name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Mention is one occurrence of a name in a text.
type Mention struct {
	// Text is the surface, exactly text[Start:End].
	Text string `json:"text"`
	// Start and End are byte offsets into the original text, End
	// exclusive. A mention covers whole tokens, proclitics included.
	Start int `json:"start"`
	End   int `json:"end"`
	// Kind says how the mention was found.
	Kind Kind `json:"match"`
	// Score is the confidence in (0, 1].
	Score float64 `json:"score"`
	// Type is the type of the entity named.
	Type gazetteer.Type `json:"-"`
	// ID is the entity's ID: a gazetteer ID, or a generated one for names
	// found by rules ("per:rule:…").
	ID string `json:"-"`
	// Clitic holds the proclitic letters stripped from the first word.
	Clitic string `json:"clitic,omitempty"`
	// TokenStart and TokenEnd index the tokens of the mention.
	TokenStart int `json:"-"`
	TokenEnd   int `json:"-"`
	// Alternatives are the other gazetteer IDs the same words may name,
	// best first (several people named محمد…).
	Alternatives []string `json:"alternatives,omitempty"`

	prior float64 // the gazetteer entry's prior, for the tagger's features
	rule  string  // the rule that found the candidate ("title:الرئيس"), for features and tests
	// headed marks a gazetteer name matched with the place head before it
	// (بمحافظة إب), which the head leaves out of the mention.
	headed bool
}
