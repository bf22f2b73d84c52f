package gazetteer

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// GeoNamesOptions configures [ReadGeoNames]. The zero value keeps every
// place with a current Arabic name.
type GeoNamesOptions struct {
	// LoadOptions apply to both files; Source names the alternate names
	// file, and Progress reports the bytes of both files added up.
	LoadOptions
	// PlacesSource names the places file in messages; "places" if empty.
	PlacesSource string
	// Languages are the isolanguage codes whose alternate names are the
	// entries' Arabic names; nil means ["ar"]. Add "ara" or dialect codes
	// such as "arz" to take those too.
	Languages []string
	// MinPopulation drops places with fewer inhabitants (Filtered
	// "population"). It needs a places file.
	MinPopulation int64
	// FeatureClasses keeps only places of these GeoNames feature classes,
	// e.g. "AP" for countries, regions and towns (Filtered "feature
	// class"); empty keeps all. It needs a places file.
	FeatureClasses string
	// IncludeHistoric keeps names flagged isHistoric, as aliases (or as
	// the name when there is no other). By default they are left out.
	IncludeHistoric bool
	// RequirePlace drops geonames that have Arabic names but no row in
	// the places file (Filtered "no place row"). It needs a places file.
	RequirePlace bool
}

// geoName is an alternate name kept for a geoname.
type geoName struct {
	name                            string
	preferred, colloquial, historic bool
}

// geoRecord gathers the names of one geoname from the alternate names
// file.
type geoRecord struct {
	names []geoName
	en    string // the first preferred English name
	line  int    // the alternate names line of the first Arabic name
}

// geoPlace is what an entry takes from a places row.
type geoPlace struct {
	name, class, code, country string
	population                 int64
}

// Columns of the GeoNames files.
const (
	geoAltColumnsV1 = 8  // alternateNames.txt, before 2018
	geoAltColumnsV2 = 10 // alternateNamesV2.txt, with from and to
	geoPlaceColumns = 19 // allCountries.txt, citiesN.txt
)

// ReadGeoNames reads places from GeoNames dumps and calls emit for each
// place that has an Arabic name.
//
// alternateNames is alternateNamesV2.txt (10 TAB-separated columns:
// alternateNameId, geonameid, isolanguage, alternate name, isPreferredName,
// isShortName, isColloquial, isHistoric, from, to), or the older
// alternateNames.txt (the first 8). places, which may be nil, is
// allCountries.txt or a citiesN.txt extract (19 columns: geonameid, name,
// asciiname, alternatenames, latitude, longitude, feature class, feature
// code, country code, cc2, admin1–4 codes, population, elevation, dem,
// timezone, modification date). Both are read as plain text; [LoadGeoNames]
// opens files and decompresses them.
//
// Since the alternate names file is ordered by alternateNameId, not by
// place, the reader first keeps, per geonameid, the names in
// opts.Languages and the preferred English name (only those, so memory
// stays at tens of bytes per Arabic name), then streams the places file
// and emits an entry for each row with Arabic names, in the places file's
// order. Geonames with Arabic names and no row in the places file come
// last, in ascending geonameid order, unless opts.RequirePlace drops them.
//
// An entry has the ID loc:geonames:<geonameid> and type LOC. Its Name is
// the first Arabic name flagged isPreferredName, else the first that is
// neither historic nor colloquial, else the first that is not historic
// (in file order); the other Arabic names are its aliases (historic ones
// only with opts.IncludeHistoric); isShortName is ignored. NameEN is the
// first preferred "en" name, else the places file's name column. Country
// is the country code column. Subtype comes from the feature class and
// code: A.PCL* country, A.TERR territory, other A region; P.PPLC capital,
// P.PPLA*/PPLG city, ruined or historical places (PPLH, PPLQ, PPLW, PPLCH)
// site, other P city from 100,000 inhabitants and town below; L.CONT
// continent, L.RGN/RGNE/AREA region; H.SEA sea, H.OCN ocean, H.STM*/WAD*
// river, H.LK* lake, H.GULF/BAY* gulf, H.STRT strait; T.MT/MTS/PK/PKS
// mountain, T.DSRT desert, T.ISL/ISLS/ISLET/ATOL island, T.PEN peninsula;
// everything else site. Without a places row the subtype and country are
// empty. Prior is log10(population+1)/7 clamped to [0.1, 1] and rounded to
// two decimals (0.1 for no inhabitants, 0.86 for a million, 1 from ten
// million), and 0.1 without a places row.
//
// Counting: LoadStats.Lines counts the lines of both files and Entries
// the entries emitted. Skipped counts malformed lines of either file
// (wrong number of columns, a geonameid that is not a number, a bad flag
// or population, invalid UTF-8 or an empty name in a kept line, an
// over-long line), which are returned as the error when opts.Strict is
// set; a geoname whose places row is malformed is treated as having none.
// Filtered counts geonames (not lines) that are dropped: "feature class",
// "population", "no place row" (RequirePlace or a filter without a row),
// "only historic names" and "no valid Arabic name" (all hold a '|'). Lines in other languages are read and
// ignored. DroppedNames counts names left out for holding a '|'.
//
// Errors from emit stop reading and are returned inside a *ParseError
// giving the line of the places row, or of the geoname's first Arabic
// name.
func ReadGeoNames(alternateNames io.Reader, places io.Reader, opts GeoNamesOptions, emit func(Entry) error) (LoadStats, error) {
	if places == nil && (opts.MinPopulation > 0 || opts.FeatureClasses != "" || opts.RequirePlace) {
		return LoadStats{}, fmt.Errorf("gazetteer: ReadGeoNames: MinPopulation, FeatureClasses and RequirePlace need a places file")
	}
	if opts.PlacesSource == "" {
		opts.PlacesSource = "places"
	}
	langs := opts.Languages
	if langs == nil {
		langs = []string{"ar"}
	}
	keep := make(map[string]bool, len(langs))
	for _, l := range langs {
		keep[l] = true
	}
	run := newLoadRun(opts.LoadOptions)
	recs := make(map[uint32]*geoRecord)

	// Pass 1: the alternate names.
	src := opts.Source
	sc := newScanner(alternateNames, &opts.LoadOptions, src)
	var f [geoPlaceColumns][]byte
	for sc.Next() {
		line, tooLong := sc.Bytes(), sc.TooLong()
		run.stats.Lines++
		err := tooLongError(sc)
		if !tooLong {
			err = readGeoAltLine(line, f[:], keep, recs, sc.Line())
		}
		if err != nil {
			if err := run.malformed(src, sc.Line(), err); err != nil {
				return run.stats, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return run.stats, err
	}
	for id, rec := range recs {
		if len(rec.names) == 0 {
			delete(recs, id) // English only
		}
	}

	// Pass 2: the places, emitting as we go.
	if places != nil {
		psrc := opts.PlacesSource
		popts := opts.LoadOptions
		if popts.Progress != nil {
			base, progress := sc.BytesRead(), popts.Progress
			popts.Progress = func(n int64) { progress(base + n) }
		}
		psc := newScanner(places, &popts, psrc)
		for psc.Next() {
			line, tooLong := psc.Bytes(), psc.TooLong()
			run.stats.Lines++
			if tooLong {
				if err := run.malformed(psrc, psc.Line(), tooLongError(psc)); err != nil {
					return run.stats, err
				}
				continue
			}
			id, pl, err := readGeoPlaceLine(line, f[:], recs)
			if err == nil && pl == nil {
				continue // a place without Arabic names
			}
			if err != nil {
				if err := run.malformed(psrc, psc.Line(), err); err != nil {
					return run.stats, err
				}
				continue
			}
			rec := recs[id]
			delete(recs, id)
			if err := run.geoEmit(&opts, emit, psrc, psc.Line(), id, rec, pl); err != nil {
				return run.stats, err
			}
		}
		if err := psc.Err(); err != nil {
			return run.stats, err
		}
	}

	// The geonames left have no places row.
	ids := make([]uint32, 0, len(recs))
	for id := range recs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	filtering := opts.RequirePlace || opts.MinPopulation > 0 || opts.FeatureClasses != ""
	for _, id := range ids {
		rec := recs[id]
		delete(recs, id)
		if filtering {
			run.filter("no place row")
			continue
		}
		if err := run.geoEmit(&opts, emit, src, rec.line, id, rec, nil); err != nil {
			return run.stats, err
		}
	}
	return run.stats, nil
}

// splitTabs splits line at TABs into dst and returns the number of
// columns, which may exceed len(dst).
func splitTabs(line []byte, dst [][]byte) int {
	n := 0
	for {
		i := bytes.IndexByte(line, '\t')
		if n < len(dst) {
			if i < 0 {
				dst[n] = line
			} else {
				dst[n] = line[:i]
			}
		}
		n++
		if i < 0 {
			return n
		}
		line = line[i+1:]
	}
}

func parseGeoID(b []byte) (uint32, error) {
	id, err := strconv.ParseUint(string(b), 10, 32)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("gazetteer: geonameid %q is not a number", abbreviate(b, 20))
	}
	return uint32(id), nil
}

func parseGeoFlag(b []byte, what string) (bool, error) {
	switch string(b) {
	case "", "0":
		return false, nil
	case "1":
		return true, nil
	}
	return false, fmt.Errorf("%s %q: want 1, 0 or empty", what, abbreviate(b, 20))
}

// readGeoAltLine parses a line of the alternate names file and records
// the name when its language is kept.
func readGeoAltLine(line []byte, f [][]byte, keep map[string]bool, recs map[uint32]*geoRecord, lineNo int) error {
	n := splitTabs(line, f)
	if n != geoAltColumnsV2 && n != geoAltColumnsV1 {
		return fmt.Errorf("%w: %d, want %d (alternateNamesV2) or %d (alternateNames)", ErrColumns, n, geoAltColumnsV2, geoAltColumnsV1)
	}
	lang := f[2]
	isAr := keep[string(lang)]
	if !isAr && string(lang) != "en" {
		return nil
	}
	if _, err := strconv.ParseUint(string(f[0]), 10, 64); err != nil {
		return fmt.Errorf("gazetteer: alternateNameId %q is not a number", abbreviate(f[0], 20))
	}
	id, err := parseGeoID(f[1])
	if err != nil {
		return err
	}
	var flags [4]bool
	for i, what := range [...]string{"isPreferredName", "isShortName", "isColloquial", "isHistoric"} {
		if flags[i], err = parseGeoFlag(f[4+i], what); err != nil {
			return err
		}
	}
	if !isAr && !flags[0] {
		return nil // only preferred English names are used
	}
	if err := checkUTF8(f[3]); err != nil {
		return fmt.Errorf("%w in the alternate name", err)
	}
	name := strings.TrimSpace(string(f[3]))
	if name == "" {
		return fmt.Errorf("%w: empty alternate name", ErrEmptyName)
	}
	rec := recs[id]
	if rec == nil {
		rec = &geoRecord{}
		recs[id] = rec
	}
	if !isAr {
		if rec.en == "" {
			rec.en = name
		}
		return nil
	}
	if len(rec.names) == 0 {
		rec.line = lineNo
	}
	rec.names = append(rec.names, geoName{name: name, preferred: flags[0], colloquial: flags[2], historic: flags[3]})
	return nil
}

// readGeoPlaceLine parses a places row. It returns a nil place, and no
// error, for a geoname without Arabic names.
func readGeoPlaceLine(line []byte, f [][]byte, recs map[uint32]*geoRecord) (uint32, *geoPlace, error) {
	n := splitTabs(line, f)
	if n != geoPlaceColumns {
		return 0, nil, fmt.Errorf("%w: %d, want %d", ErrColumns, n, geoPlaceColumns)
	}
	id, err := parseGeoID(f[0])
	if err != nil {
		return 0, nil, err
	}
	if recs[id] == nil {
		return id, nil, nil
	}
	if err := checkUTF8(line); err != nil {
		return 0, nil, err
	}
	pl := &geoPlace{
		name:    strings.TrimSpace(string(f[1])),
		class:   string(f[6]),
		code:    string(f[7]),
		country: string(f[8]),
	}
	if p := bytes.TrimSpace(f[14]); len(p) > 0 {
		pl.population, err = strconv.ParseInt(string(p), 10, 64)
		if err != nil || pl.population < 0 {
			return 0, nil, fmt.Errorf("gazetteer: population %q is not a number", abbreviate(p, 20))
		}
	}
	if c := pl.country; c != "" && !(len(c) == 2 && isUpper(c[0]) && isUpper(c[1])) {
		return 0, nil, fmt.Errorf("%w %q", ErrBadCountry, abbreviate(f[8], 20))
	}
	return id, pl, nil
}

// geoEmit builds the entry of a geoname, filters it and emits it.
func (r *loadRun) geoEmit(opts *GeoNamesOptions, emit func(Entry) error, src string, line int, id uint32, rec *geoRecord, pl *geoPlace) error {
	if pl != nil {
		if opts.FeatureClasses != "" && (pl.class == "" || !strings.Contains(opts.FeatureClasses, pl.class)) {
			r.filter("feature class")
			return nil
		}
		if pl.population < opts.MinPopulation {
			r.filter("population")
			return nil
		}
	}
	e, dropped, reason := geoEntry(opts, id, rec, pl)
	if reason != "" {
		r.filter(reason)
		return nil
	}
	if err := e.Validate(); err != nil {
		return r.malformed(src, line, err)
	}
	if err := r.emit(emit, src, line, e); err != nil {
		return err
	}
	r.stats.DroppedNames += dropped
	return nil
}

// geoEntry builds the entry of a geoname, or says why there is none.
func geoEntry(opts *GeoNamesOptions, id uint32, rec *geoRecord, pl *geoPlace) (e Entry, dropped int, reason string) {
	usable := make([]geoName, 0, len(rec.names))
	historic := false
	for _, n := range rec.names {
		switch {
		case unmatchableName(n.name):
			dropped++
		case !n.historic || opts.IncludeHistoric:
			usable = append(usable, n)
		default:
			historic = true
		}
	}
	best := -1
	for _, better := range []func(geoName) bool{
		func(n geoName) bool { return n.preferred && !n.historic },
		func(n geoName) bool { return !n.historic && !n.colloquial },
		func(n geoName) bool { return !n.historic },
		func(geoName) bool { return true },
	} {
		if best = slices.IndexFunc(usable, better); best >= 0 {
			break
		}
	}
	if best < 0 {
		if historic {
			return Entry{}, dropped, "only historic names"
		}
		return Entry{}, dropped, "no valid Arabic name"
	}
	e = Entry{
		ID:    "loc:geonames:" + strconv.FormatUint(uint64(id), 10),
		Type:  LOC,
		Name:  usable[best].name,
		Prior: 0.1,
	}
	seen := map[string]bool{e.Name: true}
	for _, n := range usable {
		if !seen[n.name] {
			seen[n.name] = true
			e.Aliases = append(e.Aliases, n.name)
		}
	}
	e.NameEN = rec.en
	if pl != nil {
		if e.NameEN == "" {
			e.NameEN = pl.name
		}
		e.Subtype = geoSubtype(pl.class, pl.code, pl.population)
		e.Country = pl.country
		e.Prior = geoPrior(pl.population)
	}
	if unusableName(e.NameEN) {
		e.NameEN = ""
		dropped++
	}
	return e, dropped, ""
}

// geoPrior maps a population to a prior: log10(pop+1)/7, clamped to
// [0.1, 1], rounded to two decimals.
func geoPrior(pop int64) float64 {
	p := math.Log10(float64(pop)+1) / 7
	p = min(max(p, 0.1), 1)
	return math.Round(p*100) / 100
}

// geoSubtype maps a GeoNames feature class and code to a LOC subtype.
func geoSubtype(class, code string, pop int64) string {
	switch class {
	case "":
		return ""
	case "A":
		switch {
		case strings.HasPrefix(code, "PCL"):
			return "country"
		case code == "TERR":
			return "territory"
		}
		return "region"
	case "P":
		switch {
		case code == "PPLC":
			return "capital"
		case strings.HasPrefix(code, "PPLA"), code == "PPLG":
			return "city"
		case code == "PPLH", code == "PPLQ", code == "PPLW", code == "PPLCH":
			return "site"
		case pop >= 100000:
			return "city"
		}
		return "town"
	case "L":
		switch code {
		case "CONT":
			return "continent"
		case "RGN", "RGNE", "AREA":
			return "region"
		}
	case "H":
		switch {
		case code == "SEA":
			return "sea"
		case code == "OCN":
			return "ocean"
		case strings.HasPrefix(code, "STM"), strings.HasPrefix(code, "WAD"):
			return "river"
		case strings.HasPrefix(code, "LK"):
			return "lake"
		case code == "GULF", strings.HasPrefix(code, "BAY"):
			return "gulf"
		case code == "STRT":
			return "strait"
		}
	case "T":
		switch code {
		case "MT", "MTS", "PK", "PKS":
			return "mountain"
		case "DSRT":
			return "desert"
		case "ISL", "ISLS", "ISLET", "ATOL":
			return "island"
		case "PEN":
			return "peninsula"
		}
	}
	return "site"
}
