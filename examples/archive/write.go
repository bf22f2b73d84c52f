package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Sharded output.
//
// Each bundle writes its lines to files of its own in a temporary folder
// and passes their names on; once every bundle is done, one step renames
// the files of the bundles that succeeded to PREFIX-00000-of-00003.jsonl
// and removes what failed or retried bundles left. No line goes through a
// shuffle, and a retried bundle cannot write a line twice.

// writeFile writes the file at path (a local path or a URL of a Beam file
// system) with write, and closes it; an error names the file.
func writeFile(ctx context.Context, path string, write func(io.Writer) error) error {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	err = write(w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// shard is a temporary file a bundle wrote, with its number of lines.
type shard struct {
	Name  string
	Lines int
}

func init() {
	beam.RegisterType(reflect.TypeOf((*shard)(nil)).Elem())
	register.DoFn3x1[context.Context, string, func(shard), error](&writeFn{})
	register.Emitter1[shard]()
	register.DoFn3x1[context.Context, []byte, func(*shard) bool, error](&renameFn{})
	register.Iter1[shard]()
}

// joinPath joins a folder and a name with "/", which every Beam file
// system (and the local one) understands; filepath.Join would turn gs://
// into gs:/.
func joinPath(dir, name string) string { return strings.TrimSuffix(dir, "/") + "/" + name }

// shardPattern is the glob of the final files of prefix in dir.
func shardPattern(dir, prefix string) string { return joinPath(dir, prefix+"-*-of-*.jsonl") }

// tempFolder is the temporary folder of prefix's files for one run.
func tempFolder(dir, prefix, run string) string { return joinPath(dir, ".tmp-"+prefix+"-"+run) }

// writeLines writes lines, a PCollection of strings without line breaks,
// to dir as prefix-NNNNN-of-MMMMM.jsonl, a new file every maxBytes bytes
// or so, and counts them in the counter "lines:"+kind. run names the
// job's temporary files.
func writeLines(s beam.Scope, lines beam.PCollection, dir, prefix, kind, run string, maxBytes int64) {
	s = s.Scope("write " + kind)
	temp := tempFolder(dir, prefix, run)
	shards := beam.ParDo(s, &writeFn{Folder: temp, Prefix: prefix, MaxBytes: maxBytes}, lines)
	beam.ParDo0(s, &renameFn{Dir: dir, Prefix: prefix, Folder: temp, Counter: "lines:" + kind}, beam.Impulse(s), beam.SideInput{Input: shards})
}

// writeFn writes the lines of a bundle to temporary files.
type writeFn struct {
	Folder   string
	Prefix   string
	MaxBytes int64

	fs    filesystem.Interface
	name  string
	w     io.WriteCloser
	buf   *bufio.Writer
	lines int
	bytes int64
}

// ProcessElement writes one line.
func (f *writeFn) ProcessElement(ctx context.Context, line string, emit func(shard)) error {
	if f.w == nil {
		if err := f.open(ctx); err != nil {
			return err
		}
	}
	f.buf.WriteString(line)
	if err := f.buf.WriteByte('\n'); err != nil {
		return fmt.Errorf("%s: %w", f.name, err)
	}
	f.lines++
	f.bytes += int64(len(line)) + 1
	if f.bytes >= f.MaxBytes {
		return f.close(emit)
	}
	return nil
}

// FinishBundle closes the bundle's last file.
func (f *writeFn) FinishBundle(ctx context.Context, emit func(shard)) error {
	if f.w == nil {
		return nil
	}
	return f.close(emit)
}

// Teardown closes what an aborted bundle left open.
func (f *writeFn) Teardown() {
	if f.w != nil {
		f.w.Close()
	}
	if f.fs != nil {
		f.fs.Close()
	}
}

func (f *writeFn) open(ctx context.Context) error {
	if f.fs == nil {
		fs, err := filesystem.New(ctx, f.Folder)
		if err != nil {
			return err
		}
		f.fs = fs
	}
	var id [8]byte
	rand.Read(id[:])
	f.name = joinPath(f.Folder, f.Prefix+"-"+hex.EncodeToString(id[:])+".jsonl")
	w, err := f.fs.OpenWrite(ctx, f.name)
	if err != nil {
		return err
	}
	f.w, f.buf, f.lines, f.bytes = w, bufio.NewWriterSize(w, 256<<10), 0, 0
	return nil
}

func (f *writeFn) close(emit func(shard)) error {
	w := f.w
	f.w = nil
	err := f.buf.Flush()
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", f.name, err)
	}
	emit(shard{Name: f.name, Lines: f.lines})
	return nil
}

// renameFn gives the files of the bundles that succeeded their final
// names and removes the temporary folder.
type renameFn struct {
	Dir, Prefix, Folder string
	// Counter counts the lines of the final files.
	Counter string
}

// ProcessElement runs once, after every file is written.
func (f *renameFn) ProcessElement(ctx context.Context, _ []byte, shards func(*shard) bool) error {
	var all []shard
	var s shard
	for shards(&s) {
		all = append(all, s)
	}
	fs, err := filesystem.New(ctx, f.Dir)
	if err != nil {
		return err
	}
	defer fs.Close()
	slices.SortFunc(all, func(a, b shard) int { return strings.Compare(a.Name, b.Name) })
	for i, s := range all {
		final := joinPath(f.Dir, fmt.Sprintf("%s-%05d-of-%05d.jsonl", f.Prefix, i, len(all)))
		if err := filesystem.Rename(ctx, fs, s.Name, final); err != nil {
			return err
		}
		beam.NewCounter(metricsNamespace, f.Counter).Inc(ctx, int64(s.Lines))
	}
	// What failed or retried bundles left behind.
	left, err := fs.List(ctx, joinPath(f.Folder, "*"))
	if err != nil {
		return err
	}
	if r, ok := fs.(filesystem.Remover); ok {
		for _, name := range left {
			r.Remove(ctx, name)
		}
	}
	if !hasScheme(f.Folder) {
		os.Remove(f.Folder) // object stores have no folders to remove
	}
	return nil
}
