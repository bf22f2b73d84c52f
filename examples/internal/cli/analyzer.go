package cli

import (
	"errors"
	"io"

	"github.com/khabar-nlp/khabar"
	"github.com/khabar-nlp/khabar/entities"
	"github.com/khabar-nlp/khabar/gazetteer"
	"github.com/khabar-nlp/khabar/topics"
)

// AnalyzerConfig is what the flags of the analyze and archive programs
// ask of the Analyzer. The zero value is the default Analyzer with no
// keywords and every topic.
type AnalyzerConfig struct {
	// Gazetteers are gazetteer files (-gazetteer) added to the default,
	// later files winning; NoDefault (-no-default-gazetteer) leaves the
	// default out.
	Gazetteers []string
	NoDefault  bool
	// Demonyms reports demonyms (الأميركية) as mentions of their place.
	Demonyms bool
	// NerModel is an entity tagging model file (-ner-model) trained by
	// examples/entities train, used instead of the embedded one.
	NerModel string
	// Model is a topic classifier file (-model) saved by
	// topics.Classifier.WriteTo, used instead of the default topic model.
	Model string
	// Sources gives each article's Source to the topic model
	// (khabar.WithSources), for a model trained with sources.
	Sources bool
	// KeywordSpace is a keyword space file (-keyword-space) saved by
	// tfidf.Space.WriteTo, used instead of the embedded background.
	KeywordSpace string
	// Keywords and Topics bound the lists (khabar.WithKeywords,
	// khabar.WithMaxTopics).
	Keywords, Topics int
	// Layers are the layers to run; 0 means every layer. The options of
	// the layers left out are not given to the Analyzer.
	Layers khabar.Layer
}

// ErrNoDefault is returned by [NewAnalyzer] for NoDefault without
// gazetteer files, in the words of the flags.
var ErrNoDefault = errors.New("-no-default-gazetteer needs at least one -gazetteer FILE")

// NewAnalyzer builds the Analyzer cfg asks for and returns it with the
// gazetteer it uses. For each gazetteer file with lines its loader skipped,
// it reports them on stderr after prefix (the program's name and ": ").
func NewAnalyzer(cfg AnalyzerConfig, prefix string, stderr io.Writer) (*khabar.Analyzer, *gazetteer.Index, error) {
	x, stats, err := OpenGazetteer(cfg.Gazetteers, cfg.NoDefault)
	for i, st := range stats {
		if st.Skipped > 0 {
			ReportStats(stderr, prefix, cfg.Gazetteers[i], st, 5)
		}
	}
	if errors.Is(err, ErrNoGazetteer) {
		return nil, nil, ErrNoDefault
	}
	if err != nil {
		return nil, nil, err
	}
	layers := cfg.Layers
	if layers == 0 {
		layers = khabar.AllLayers
	}
	var opts []khabar.Option
	if cfg.Layers != 0 {
		opts = append(opts, khabar.WithLayers(cfg.Layers))
	}
	// Options of the layers that run only: khabar.New refuses the others.
	if layers&khabar.Entities != 0 {
		opts = append(opts, khabar.WithGazetteer(x), khabar.WithEntityOptions(entities.WithDemonyms(cfg.Demonyms)))
		nerOpts, err := EntityModel(cfg.NerModel)
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, nerOpts...)
	}
	if layers&khabar.Topics != 0 {
		opts = append(opts, khabar.WithMaxTopics(cfg.Topics))
		if cfg.Model != "" {
			m, err := ReadModel(cfg.Model)
			if err != nil {
				return nil, nil, err
			}
			opts = append(opts, khabar.WithTopicModel(m))
		}
		if cfg.Sources {
			opts = append(opts, khabar.WithSources())
		}
	}
	if layers&khabar.Keywords != 0 {
		opts = append(opts, khabar.WithKeywords(cfg.Keywords))
		if cfg.KeywordSpace != "" {
			s, err := ReadKeywordSpace(cfg.KeywordSpace)
			if err != nil {
				return nil, nil, err
			}
			opts = append(opts, khabar.WithKeywordSpace(s))
		}
	}
	a, err := khabar.New(opts...)
	if err != nil {
		return nil, nil, err
	}
	return a, x, nil
}

// ArticleError says why the Analyzer rejected an article, in the words
// the programs report it with: an article without text is "no text to
// analyse (no letters or digits)"; other errors are returned as they are.
func ArticleError(err error) error {
	if errors.Is(err, khabar.ErrEmptyText) {
		return errors.New("no text to analyse (no letters or digits)")
	}
	return err
}

// ReadModel reads a topic classifier saved by topics.Classifier.WriteTo
// (the -model flag).
func ReadModel(path string) (*topics.Classifier, error) {
	return readFlagFile("-model", path, topics.ReadClassifier)
}
