package khabar

import (
	"strings"

	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// Entity terms for topic models.
//
// Package topics sees words. Whether an article's places and people belong
// to the Arab world or elsewhere is what separates a "Middle East" section
// from an "international" one, and words carry it only through thousands
// of separate names. So the Analyzer gives the topic model, as extra terms
// (topics.Document.Extra), the ID of every entity mention and the
// [RegionTerms] of the entities; a classifier trained with the same terms
// (the evaluate and topics programs add RegionTerms to their training
// documents) uses them, and a model that does not know them ignores them.
//
// Where a story is filed also depends on who files it. One publication
// files every Arab-world story under "international"; another keeps Iran,
// Turkey and Israel in its "Middle East" section. An article's words
// cannot say which, but its feed can: when an [Article] names its Source,
// the Analyzer adds the [SourceTerms] too, so that a classifier trained on
// a multi-source archive learns each source's habits.

// arabLeague holds the ISO 3166-1 alpha-2 codes of the 22 members of the
// Arab League.
var arabLeague = map[string]bool{
	"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true,
	"JO": true, "KW": true, "LB": true, "LY": true, "MR": true, "MA": true,
	"OM": true, "PS": true, "QA": true, "SA": true, "SO": true, "SD": true,
	"SY": true, "TN": true, "AE": true, "YE": true,
}

// RegionTerms returns two terms per mention of each entity whose entry in
// g has a country (a place, or a person or organisation attached to a
// country): "country:XX", its ISO 3166-1 alpha-2 code, and "region:arab"
// for a member of the Arab League or "region:other" otherwise. Entities
// that g does not hold (names found by rules) give none. Terms follow the
// order of ents.
func RegionTerms(ents []entities.Entity, g *gazetteer.Index) []string {
	var out []string
	for _, e := range ents {
		s, ok := g.Summary(e.ID)
		if !ok || s.Country == "" {
			continue
		}
		region := "region:other"
		if arabLeague[s.Country] {
			region = "region:arab"
		}
		for range e.Count {
			out = append(out, "country:"+s.Country, region)
		}
	}
	return out
}

// SourceTerms returns the terms that tell a topic model where an article
// came from: "source:NAME" for the article, then "source:NAME|T" for each
// term T of regionTerms (the article's [RegionTerms]), so that a linear
// model can learn how each source files each region. NAME is source with
// surrounding spaces removed and letters lower-cased; an empty source
// gives no terms.
func SourceTerms(source string, regionTerms []string) []string {
	name := strings.ToLower(strings.TrimSpace(source))
	if name == "" {
		return nil
	}
	prefix := "source:" + name
	out := make([]string, 0, 1+len(regionTerms))
	out = append(out, prefix)
	for _, t := range regionTerms {
		out = append(out, prefix+"|"+t)
	}
	return out
}
