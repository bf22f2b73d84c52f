package entities

import (
	"slices"
	"testing"
)

func TestDisambiguateByCountry(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want, not  string
	}{
		{"alone: the country", "وصل الوفد إلى عمان أمس.", "loc:country:OM", "loc:city:amman"},
		{"a Jordanian minister", "استقبل وزير الخارجية أيمن الصفدي في عمان نظيره الفرنسي.", "loc:city:amman", "loc:country:OM"},
		{"a Jordanian demonym", "عقدت الحكومة الأردنية اجتماعها في عمان اليوم.", "loc:city:amman", "loc:country:OM"},
		{"Oman's capital", "استقبل سلطان عمان في مسقط وفدا رسميا.", "loc:country:OM", "loc:city:amman"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			for _, e := range x.Extract(tt.text).Entities {
				ids = append(ids, e.ID)
			}
			if !slices.Contains(ids, tt.want) || slices.Contains(ids, tt.not) {
				t.Errorf("entities %v: want %s, not %s", ids, tt.want, tt.not)
			}
		})
	}
	// The first choice becomes an alternative of the mention.
	for _, m := range x.Extract("عقدت الحكومة الأردنية اجتماعها في عمان اليوم.").Mentions {
		if m.ID == "loc:city:amman" && !slices.Contains(m.Alternatives, "loc:country:OM") {
			t.Errorf("alternatives %v lack Oman", m.Alternatives)
		}
	}
}
