package stats

import (
	"encoding/json"
	"strings"
	"time"
)

// dateLayouts are the forms of publication dates ParseDate reads: RFC
// 3339 and ISO 8601 forms, and the RFC 1123 / RFC 822 forms of RSS feeds
// ("Sun, 18 Feb 2018 21:35:43 +0400", "Mon, 02 Apr 2018 10:00:00 GMT").
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC822Z,
	time.RFC822,
}

// ParseDate reads a publication date in one of the forms of RSS feeds
// (RFC 1123, RFC 822: "Sun, 18 Feb 2018 21:35:43 +0400") or of ISO 8601
// (RFC 3339, "2018-03-09", "2018-03-09 14:30:00"; UTC without a zone),
// spaces around it ignored. ok is false when s is none of them.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ArticleDate returns the date of a JSONL article from the other fields of
// its line: "date" or, failing that, "published", a JSON string that
// ParseDate reads. present says whether the article has a date at all
// (null and "" are none); ok whether it could be read.
func ArticleDate(meta map[string]json.RawMessage) (t time.Time, present, ok bool) {
	for _, key := range []string{"date", "published"} {
		raw, has := meta[key]
		if !has {
			continue
		}
		var s *string
		if json.Unmarshal(raw, &s) != nil {
			return time.Time{}, true, false
		}
		if s == nil || strings.TrimSpace(*s) == "" {
			continue // null or empty: no date
		}
		t, ok := ParseDate(*s)
		return t, true, ok
	}
	return time.Time{}, false, false
}
