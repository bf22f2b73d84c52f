package main

import (
	"bytes"
	"context"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/khabar-nlp/khabar/examples/internal/jsonl"
)

// inputLine is one non-blank line of an input file: a JSONL article, or
// something the subcommand's step will reject into the dead letters.
type inputLine struct {
	File string
	Line int
	Data []byte
}

// loc returns where the line is.
func (l inputLine) loc() jsonl.Location { return jsonl.Location{File: l.File, Line: l.Line} }

// deadLetter is an input that gave no output, with where it is and why:
// a line of the dead-letter files, {"file","line","id","error"}. Line is
// 0 for a file that could not be opened; ID is empty when the line is not
// an article.
type deadLetter struct {
	File  string `json:"file"`
	Line  int    `json:"line"`
	ID    string `json:"id"`
	Error string `json:"error"`
}

// inputsRead counts the lines read, and the files or reads that failed,
// one each: every input ends in exactly one output or one dead letter.
var inputsRead = beam.NewCounter(metricsNamespace, "inputs")

// metricsNamespace is the namespace of the job's counters.
const metricsNamespace = "khabar"

func init() {
	beam.RegisterType(reflect.TypeOf((*inputLine)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*deadLetter)(nil)).Elem())
	register.DoFn4x0[context.Context, fileio.ReadableFile, func(inputLine), func(deadLetter)](&readFn{})
	register.Emitter1[inputLine]()
	register.Emitter1[deadLetter]()
}

// readInputs returns the lines of the files matching glob and the dead
// letters of the files and lines that could not be read. The file names
// are shuffled so that a runner spreads the files over its workers;
// spread also shuffles the lines, for inputs of a few large files.
func readInputs(s beam.Scope, glob string, spread bool) (lines, dead beam.PCollection) {
	s = s.Scope("read")
	files := fileio.MatchFiles(s, glob)
	files = beam.Reshuffle(s, files)
	readable := fileio.ReadMatches(s, files)
	lines, dead = beam.ParDo2(s, &readFn{}, readable)
	if spread {
		lines = beam.Reshuffle(s, lines)
	}
	return lines, dead
}

// readFn reads a JSONL file (gzip-compressed when its name ends in .gz)
// with the reader of the analyze program, one element per non-blank line.
type readFn struct{}

// ProcessElement reads one file.
func (f *readFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(inputLine), dead func(deadLetter)) {
	name := file.Metadata.Path
	rc, err := file.Open(ctx)
	if err != nil {
		inputsRead.Inc(ctx, 1)
		dead(deadLetter{File: name, Error: err.Error()})
		return
	}
	defer rc.Close()
	jsonl.ReadLines(name, rc, func(l jsonl.Line) bool {
		inputsRead.Inc(ctx, 1)
		if l.Err != nil {
			dead(deadLetter{File: name, Line: l.Loc.Line, Error: l.Err.Error()})
			return true
		}
		emit(inputLine{File: name, Line: l.Loc.Line, Data: bytes.Clone(l.Data)})
		return true
	})
}
