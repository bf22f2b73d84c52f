package entities

// disambiguate settles mentions whose words name several gazetteer entries
// of one type by the countries the rest of the text speaks of. The
// context is the countries of the mentions that name a single entry and of
// the demonyms (الأردنية counts for Jordan even when demonyms are not
// reported). A mention keeps its first choice when that entry's country is
// in the context, or when no alternative's is; otherwise it names the
// first alternative, in the gazetteer's order, whose country is, and its
// first choice becomes an alternative. So عمان is the Sultanate of Oman
// in most texts, and Amman in one that also names Jordan, a Jordanian
// minister or الأردنية. Mentions of another type are never chosen, so
// that a type never changes here.
func (x *Extractor) disambiguate(mentions []Mention, demonymCountries map[string]int) {
	context := map[string]int{}
	for c, n := range demonymCountries {
		context[c] += n
	}
	ambiguous := false
	for _, m := range mentions {
		if len(m.Alternatives) > 0 {
			ambiguous = true
			continue
		}
		if s, ok := x.cfg.gaz.Summary(m.ID); ok && s.Country != "" {
			context[s.Country]++
		}
	}
	if !ambiguous || len(context) == 0 {
		return
	}
	for i := range mentions {
		m := &mentions[i]
		if len(m.Alternatives) == 0 {
			continue
		}
		if s, ok := x.cfg.gaz.Summary(m.ID); !ok || s.Country == "" || context[s.Country] > 0 {
			continue
		}
		for k, alt := range m.Alternatives {
			s, ok := x.cfg.gaz.Summary(alt)
			if !ok || s.Type != m.Type || s.Country == "" || context[s.Country] == 0 {
				continue
			}
			alts := make([]string, 0, len(m.Alternatives))
			alts = append(alts, m.ID)
			alts = append(alts, m.Alternatives[:k]...)
			alts = append(alts, m.Alternatives[k+1:]...)
			m.ID, m.Alternatives = alt, alts
			break
		}
	}
}
