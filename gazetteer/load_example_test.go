package gazetteer_test

import (
	"fmt"
	"strings"

	"github.com/khabar-nlp/khabar/gazetteer"
)

func ExampleReadTSV() {
	const file = "# my gazetteer\n" +
		"id\ttype\tsubtype\tname\tname_en\taliases\tdemonyms\tcountry\tparent\twikidata\tprior\n" +
		"loc:city:basra\tLOC\tcity\tالبصرة\tBasra\tبصرة|Basra\t\tIQ\tloc:country:IQ\t\t0.7\n" +
		"per:x\tPERSON\t\tس\t\t\t\t\t\t\t\n"
	st, err := gazetteer.ReadTSV(strings.NewReader(file), gazetteer.LoadOptions{Source: "mine.tsv"}, func(e gazetteer.Entry) error {
		fmt.Println(e.ID, e.Name, e.Aliases, e.Prior)
		return nil
	})
	fmt.Println(st.Entries, st.Skipped, err)
	fmt.Println(st.SkippedLines[0])
	// Output:
	// loc:city:basra البصرة [بصرة Basra] 0.7
	// 1 1 <nil>
	// mine.tsv:4: gazetteer: unknown entity type "PERSON" (want PER, LOC or ORG)
}

func ExampleReadTypedList() {
	const list = "type\tsurface\tcount\n" +
		"LOC\tبغداد\t12\n" +
		"PERS\tنوري المالكي\t7\n" +
		"MISC\tالعربية\t3\n" +
		"LOC\tبَغداد\t1\n"
	st, _ := gazetteer.ReadTypedList(strings.NewReader(list), gazetteer.LoadOptions{}, func(e gazetteer.Entry) error {
		fmt.Println(e.Type, e.Name, e.ID == gazetteer.ListID(e.Type, e.Name))
		return nil
	})
	fmt.Println(st.Entries, "entries,", st.Duplicates, "duplicate, filtered:", st.FilteredBy)
	// Output:
	// LOC بغداد true
	// PER نوري المالكي true
	// 2 entries, 1 duplicate, filtered: map[header:1 type MISC:1]
}
