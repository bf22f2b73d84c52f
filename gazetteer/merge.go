package gazetteer

import (
	"bufio"
	"fmt"
	"os"

	"github.com/khabar-nlp/khabar/internal/binfile"
)

// Open builds an index from base and the gazetteer files at paths: base's
// entries at priority 0 (base may be nil), then each file at the next
// priority, so that later files win over earlier ones and over base (see
// the [Builder]'s precedence rules). A file may be in any format
// [LoadFile] reads, the format detected from its name and content, or a
// compiled index ([Index.WriteTo]). opts applies to every file, with
// Source set to each path. Open returns the statistics of each file, in
// order; a compiled file's statistics count its entries only.
func Open(base *Index, paths []string, opts LoadOptions) (*Index, []LoadStats, error) {
	b := NewBuilder()
	if base != nil {
		if err := b.AddIndex(base); err != nil {
			return nil, nil, err
		}
	}
	stats := make([]LoadStats, 0, len(paths))
	for i, path := range paths {
		b.SetPriority(i + 1)
		st, err := addFile(b, path, opts)
		if err != nil {
			return nil, stats, err
		}
		stats = append(stats, st)
	}
	x, err := b.Build()
	return x, stats, err
}

// addFile adds the entries of one file to b.
func addFile(b *Builder, path string, opts LoadOptions) (LoadStats, error) {
	compiled, err := isCompiledFile(path)
	if err != nil {
		return LoadStats{}, err
	}
	if compiled {
		x, err := LoadCompiled(path)
		if err != nil {
			return LoadStats{}, err
		}
		if err := b.AddIndex(x); err != nil {
			return LoadStats{}, fmt.Errorf("%s: %w", path, err)
		}
		return LoadStats{Entries: x.Len()}, nil
	}
	opts.Source = path
	return LoadFile(path, FormatAuto, opts, b.Add)
}

// isCompiledFile reports whether the file at path starts with the
// compiled form's magic.
func isCompiledFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	head, _ := bufio.NewReader(f).Peek(binfile.HeaderSize)
	return compiledFormat.Is(head), nil
}
