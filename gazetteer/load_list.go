package gazetteer

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/khabar-nlp/khabar/internal/linetable"
	"github.com/khabar-nlp/khabar/tokenize"
)

// ListID returns the ID a plain list gives a name of type t: the type in
// lower case, ":list:", and the first 12 hexadecimal digits of the SHA-1
// of the name's matching key (tokenize.Key, with runs of white space
// folded to one space), e.g. "per:list:1f0e3dad9990". The same name, or
// any spelling with the same key, gets the same ID in every list and every
// run, as long as tokenize.Key does not change. It returns "" for a name
// whose key is empty (only marks, tatweel or spaces).
func ListID(t Type, name string) string {
	key := listKey(name)
	if key == "" || t < PER || t > ORG {
		return ""
	}
	sum := sha1.Sum([]byte(key))
	return strings.ToLower(t.String()) + ":list:" + hex.EncodeToString(sum[:6])
}

func listKey(name string) string {
	return strings.Join(strings.Fields(tokenize.Key(name)), " ")
}

// listDeduper drops list entries whose ID was seen before.
type listDeduper map[string]struct{}

// listEntry makes the entry of a name in a list.
func listEntry(t Type, name string) (Entry, error) {
	if err := checkUTF8([]byte(name)); err != nil {
		return Entry{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return Entry{}, ErrEmptyName
	}
	id := ListID(t, name)
	if id == "" {
		return Entry{}, fmt.Errorf("%w: %q has no letters to match", ErrEmptyName, name)
	}
	e := Entry{ID: id, Type: t, Name: name}
	if err := e.Validate(); err != nil {
		return Entry{}, err
	}
	return e, nil
}

// ReadList reads a plain list, one name of type t per line, and calls emit
// for each new name in file order. Lines whose first non-space character
// is '#' and blank lines are counted as comments. A name is the line,
// trimmed of surrounding white space; it gets the ID [ListID](t, name), so
// the same name in two lists is one entry. A line whose name has the same
// key as an earlier line's (the same name, or a spelling that differs only
// by what matching ignores: hamza on alef, diacritics, tatweel, ة/ه…)
// makes no new entry and is counted in LoadStats.Duplicates; the reader
// keeps the IDs it has seen, so memory grows with the number of distinct
// names. Malformed lines (invalid UTF-8, a TAB, '|' or nothing to match in
// the name, a line longer than opts.MaxLineBytes) are skipped and counted,
// or returned as a *ParseError when opts.Strict is set. emit may be nil;
// an error from emit stops reading and is returned inside a *ParseError
// giving the line.
func ReadList(r io.Reader, opts LoadOptions, t Type, emit func(Entry) error) (LoadStats, error) {
	if t < PER || t > ORG {
		return LoadStats{}, fmt.Errorf("%w %v: ReadList needs the type of the names (PER, LOC or ORG)", ErrUnknownType, t)
	}
	run := newLoadRun(opts)
	sc := newScanner(r, &opts, opts.Source)
	src := opts.Source
	seen := make(listDeduper)
	for sc.Next() {
		line, tooLong := sc.Bytes(), sc.TooLong()
		run.stats.Lines++
		if !tooLong && linetable.IsComment(line) {
			run.stats.Comments++
			continue
		}
		var e Entry
		err := tooLongError(sc)
		if !tooLong {
			e, err = listEntry(t, string(line))
		}
		if err := run.add(seen, emit, src, sc.Line(), e, err); err != nil {
			return run.stats, err
		}
	}
	return run.stats, sc.Err()
}

// add emits a list entry unless it is malformed or a duplicate.
func (r *loadRun) add(seen listDeduper, emit func(Entry) error, src string, line int, e Entry, err error) error {
	if err != nil {
		return r.malformed(src, line, err)
	}
	if _, dup := seen[e.ID]; dup {
		r.stats.Duplicates++
		return nil
	}
	seen[e.ID] = struct{}{}
	return r.emit(emit, src, line, e)
}

// ReadTypedList reads a list of typed names, such as ANERcorp's entity
// list, and calls emit for each name once, in the order of their first
// lines. A line is
//
//	TYPE<TAB>NAME[<TAB>COUNT[<TAB>more columns, ignored]]
//
// or, when the line holds no TAB at all, TYPE, one or more spaces, NAME.
// TYPE is PER, PERS, LOC or ORG in any case (or another name [ParseType]
// accepts); names are handled as in [ReadList], with IDs from [ListID].
// A name listed under several types (الجزيرة as ORG 40 times and as LOC
// twice) gets the type with the largest total COUNT — a line without a
// count (or with one that is not a positive integer) counts once — and
// the first listed of the tied types; the other types' lines are counted
// in LoadStats.Duplicates. Lines whose first non-space character is '#'
// and blank lines are counted as comments. The first other line, when its
// first column is not a type and not in capitals
// (type<TAB>surface<TAB>count), is a header: it is counted in
// LoadStats.Filtered under "header". Lines of any other type written as a
// word (MISC, B-PER…) are counted in LoadStats.Filtered under "type MISC"
// etc., never dropped silently. Malformed lines — a first column that is
// not a word, no name, invalid UTF-8, a name with a '|' or nothing to
// match, a line longer than opts.MaxLineBytes — are skipped and counted,
// or returned as a *ParseError when opts.Strict is set. Since the types
// are decided on the whole list, ReadTypedList reads it all before the
// first emit, keeping one small record per distinct name.
func ReadTypedList(r io.Reader, opts LoadOptions, emit func(Entry) error) (LoadStats, error) {
	run := newLoadRun(opts)
	sc := newScanner(r, &opts, opts.Source)
	src := opts.Source
	type listed struct {
		name   string
		line   int    // the name's first line
		counts [4]int // by Type
		order  [4]int // the order in which each type was first listed, from 1
		types  int    // how many types were listed
	}
	byKey := map[string]*listed{}
	var names []*listed
	first := true
	for {
		line, ok, err := run.next(sc, src)
		if err != nil {
			return run.stats, err
		}
		if !ok {
			break
		}
		if linetable.IsComment(line) {
			run.stats.Comments++
			continue
		}
		wasFirst := first
		first = false
		typ, name, count, err := splitTypedLine(line)
		if err == nil {
			var t Type
			t, err = ParseType(typ)
			if err != nil {
				switch {
				case !isTypeWord(typ):
					err = fmt.Errorf("%w %q (want PER, LOC or ORG)", ErrUnknownType, abbreviate([]byte(typ), 40))
				case wasFirst && strings.ToUpper(typ) != typ:
					run.filter("header")
					continue
				default:
					run.filter("type " + strings.ToUpper(typ))
					continue
				}
			} else if _, err = listEntry(t, name); err == nil {
				key := listKey(name)
				l := byKey[key]
				if l == nil {
					l = &listed{name: strings.TrimSpace(name), line: sc.Line()}
					byKey[key] = l
					names = append(names, l)
				} else {
					run.stats.Duplicates++
				}
				if l.order[t] == 0 {
					l.types++
					l.order[t] = l.types
				}
				l.counts[t] += count
				continue
			}
		}
		if err := run.malformed(src, sc.Line(), err); err != nil {
			return run.stats, err
		}
	}
	if err := sc.Err(); err != nil {
		return run.stats, err
	}
	for _, l := range names {
		best := Type(0)
		for t := PER; t <= ORG; t++ {
			if l.order[t] == 0 {
				continue
			}
			if best == 0 || l.counts[t] > l.counts[best] || l.counts[t] == l.counts[best] && l.order[t] < l.order[best] {
				best = t
			}
		}
		e, err := listEntry(best, l.name)
		if err == nil {
			err = run.emit(emit, src, l.line, e)
		}
		if err != nil {
			return run.stats, err
		}
	}
	return run.stats, nil
}

// splitTypedLine splits TYPE<TAB>NAME[<TAB>COUNT[<TAB>…]], or TYPE NAME
// when the line has no TAB. count is COUNT when it is a positive integer,
// 1 otherwise.
func splitTypedLine(line []byte) (typ, name string, count int, err error) {
	count = 1
	if err := checkUTF8(line); err != nil {
		return "", "", 0, err
	}
	line = bytes.TrimLeft(line, " ")
	sep := byte('\t')
	i := bytes.IndexByte(line, '\t')
	if i < 0 {
		sep = ' '
		i = bytes.IndexByte(line, ' ')
	}
	if i < 0 {
		return "", "", 0, fmt.Errorf("%w: want TYPE<TAB>NAME", ErrEmptyName)
	}
	typ = strings.TrimSpace(string(line[:i]))
	rest := line[i+1:]
	if sep == '\t' {
		if j := bytes.IndexByte(rest, '\t'); j >= 0 {
			c := rest[j+1:]
			if k := bytes.IndexByte(c, '\t'); k >= 0 {
				c = c[:k]
			}
			if n, err := strconv.Atoi(strings.TrimSpace(string(c))); err == nil && n > 0 {
				count = n
			}
			rest = rest[:j]
		}
	}
	name = strings.TrimSpace(string(rest))
	if name == "" {
		return "", "", 0, fmt.Errorf("%w: want TYPE<TAB>NAME", ErrEmptyName)
	}
	return typ, name, count, nil
}

// isTypeWord reports whether s looks like a tag: 1 to 20 ASCII letters,
// digits, '-' and '_', starting with a letter.
func isTypeWord(s string) bool {
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '-' || c == '_'):
		default:
			return false
		}
	}
	return true
}
