package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/examples/internal/cli"
	"github.com/khabar-nlp/khabar/gazetteer"
)

// analyzerSpec is the Analyzer a step needs, as it travels with the job:
// the options of the analyze program, with the files it reads (see
// sideFile). Its fields are exported for that reason.
type analyzerSpec struct {
	Gazetteers       []sideFile
	NoDefault        bool
	Demonyms         bool
	Sources          bool
	Model            *sideFile
	NerModel         *sideFile
	KeywordSpace     *sideFile
	Keywords, Topics int
	Layers           khabar.Layer
}

// newSpec returns the spec of cfg, whose file paths are shipped to the
// workers by shipFile (local: the workers run in this process).
func newSpec(cfg cli.AnalyzerConfig, local bool) (analyzerSpec, error) {
	s := analyzerSpec{NoDefault: cfg.NoDefault, Demonyms: cfg.Demonyms, Sources: cfg.Sources, Keywords: cfg.Keywords, Topics: cfg.Topics, Layers: cfg.Layers}
	for _, g := range cfg.Gazetteers {
		f, err := shipFile(g, local)
		if err != nil {
			return s, fmt.Errorf("-gazetteer %w", err)
		}
		s.Gazetteers = append(s.Gazetteers, f)
	}
	for _, x := range []struct {
		flag, path string
		dst        **sideFile
	}{{"-model", cfg.Model, &s.Model}, {"-ner-model", cfg.NerModel, &s.NerModel}, {"-keyword-space", cfg.KeywordSpace, &s.KeywordSpace}} {
		if x.path == "" {
			continue
		}
		f, err := shipFile(x.path, local)
		if err != nil {
			return s, fmt.Errorf("%s %w", x.flag, err)
		}
		*x.dst = &f
	}
	return s, nil
}

// built is an Analyzer with its gazetteer.
type built struct {
	analyzer  *khabar.Analyzer
	gazetteer *gazetteer.Index
}

// analyzers holds the Analyzers built in this process, by spec: every
// step and bundle of a job on one worker shares one Analyzer (it is safe
// for concurrent use), built on first use.
var analyzers sync.Map // key → func() (built, error)

// get returns the Analyzer of s, building it on the first call in this
// process. A failed build is forgotten, so that a later bundle tries
// again (a file system may have failed for a moment).
func (s analyzerSpec) get(ctx context.Context) (built, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return built{}, err
	}
	key := sha256.Sum256(b)
	once := sync.OnceValues(func() (built, error) { return s.build(ctx, io.Discard) })
	v, _ := analyzers.LoadOrStore(key, once)
	got, err := v.(func() (built, error))()
	if err != nil {
		analyzers.CompareAndDelete(key, v)
	}
	return got, err
}

// build builds the Analyzer of s, reporting on stderr the gazetteer lines
// skipped: local copies are made of the files the workers cannot read
// where they are, and removed once the Analyzer holds them.
func (s analyzerSpec) build(ctx context.Context, stderr io.Writer) (built, error) {
	dir, err := os.MkdirTemp("", "khabar-archive-")
	if err != nil {
		return built{}, err
	}
	defer os.RemoveAll(dir)
	cfg := cli.AnalyzerConfig{NoDefault: s.NoDefault, Demonyms: s.Demonyms, Sources: s.Sources, Keywords: s.Keywords, Topics: s.Topics, Layers: s.Layers}
	n := 0
	local := func(f sideFile) (string, error) {
		n++
		return f.localPath(ctx, dir, n)
	}
	for _, g := range s.Gazetteers {
		p, err := local(g)
		if err != nil {
			return built{}, fmt.Errorf("-gazetteer %s: %w", g.Name, err)
		}
		cfg.Gazetteers = append(cfg.Gazetteers, p)
	}
	for _, x := range []struct {
		flag string
		file *sideFile
		dst  *string
	}{{"-model", s.Model, &cfg.Model}, {"-ner-model", s.NerModel, &cfg.NerModel}, {"-keyword-space", s.KeywordSpace, &cfg.KeywordSpace}} {
		if x.file == nil {
			continue
		}
		if *x.dst, err = local(*x.file); err != nil {
			return built{}, fmt.Errorf("%s %s: %w", x.flag, x.file.Name, err)
		}
	}
	a, x, err := cli.NewAnalyzer(cfg, "archive: ", stderr)
	if err != nil {
		return built{}, err
	}
	return built{analyzer: a, gazetteer: x}, nil
}
