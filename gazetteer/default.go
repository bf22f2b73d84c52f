package gazetteer

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
)

// defaultData holds the embedded default gazetteer: Khabar TSV files
// written for the project (see data/README.md for their sources).
//
//go:embed data/*.tsv
var defaultData embed.FS

// defaultFiles lists the files of the embedded default gazetteer, in the
// order they are loaded.
var defaultFiles = [...]string{"countries.tsv", "places.tsv", "people_arab.tsv", "people_world.tsv", "orgs.tsv"}

var defaultIndex = sync.OnceValues(func() (*Index, error) {
	b := NewBuilder()
	for _, name := range defaultFiles {
		f, err := defaultData.Open("data/" + name)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: default: %w", err)
		}
		_, err = ReadTSV(f, LoadOptions{Source: "default/" + name, Strict: true}, b.Add)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("gazetteer: default: %w", err)
		}
	}
	return b.Build()
})

// Default returns the embedded default gazetteer: countries and
// territories, cities, regions and geography, people and organisations
// that Arab news mentions. It is decoded on the first call and shared
// afterwards; the Index is safe for concurrent use. An error means the
// embedded data is broken, which tests rule out.
func Default() (*Index, error) { return defaultIndex() }

// DefaultFS returns the embedded data files, for tools that print or
// export them.
func DefaultFS() fs.FS {
	sub, _ := fs.Sub(defaultData, "data")
	return sub
}
