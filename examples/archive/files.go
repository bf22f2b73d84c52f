package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// maxEmbedded is the largest local file carried inside a job for workers
// on other machines. Larger files go through a file system the workers
// read (gs://, s3://): a job description is not meant to carry data, and
// Dataflow, for one, limits its size.
const maxEmbedded = 32 << 20

// sideFile is a file the workers need besides the articles: a gazetteer,
// a topic model, a keyword space. Each worker reads it once, from URL
// through Beam's file systems, or takes it from Data, carried inside the
// job. Its fields are exported: they travel with the job.
type sideFile struct {
	// Name is the path as given on the command line.
	Name string
	// URL is where workers read the file: a path on a file system Beam
	// knows (gs://…, s3://…, or a local path for workers on this
	// machine); empty when Data holds the file.
	URL string
	// Data is the file itself, when it travels inside the job.
	Data []byte
}

// hasScheme reports whether p names a file through a Beam file system
// (gs://bucket/gaz.tsv) rather than a local path.
func hasScheme(p string) bool {
	i := strings.Index(p, "://")
	return i > 0 && !strings.ContainsAny(p[:i], `/\`)
}

// shipFile decides how the file p, named on the command line, reaches the
// workers: a URL is read by each worker; a local path is read by the
// workers directly when they run in this process (local is true), and
// otherwise read now and carried inside the job, up to maxEmbedded bytes.
func shipFile(p string, local bool) (sideFile, error) {
	if hasScheme(p) {
		return sideFile{Name: p, URL: p}, nil
	}
	if local {
		abs, err := filepath.Abs(p)
		if err != nil {
			return sideFile{}, err
		}
		return sideFile{Name: p, URL: abs}, nil
	}
	fi, err := os.Stat(p)
	if err != nil {
		return sideFile{}, err
	}
	if fi.Size() > maxEmbedded {
		return sideFile{}, fmt.Errorf("%s: %d MiB is too large to travel inside the job (at most %d MiB); copy it to a file system the workers read (gs://…, s3://…) and give that path", p, fi.Size()>>20, maxEmbedded>>20)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return sideFile{}, err
	}
	return sideFile{Name: p, Data: data}, nil
}

// localPath returns a local path holding the file: its URL when that is a
// local path, or else a copy written in dir (named after the file, which
// keeps the extension that tells a gazetteer's format).
func (f sideFile) localPath(ctx context.Context, dir string, i int) (string, error) {
	if f.Data == nil && !hasScheme(f.URL) {
		return f.URL, nil
	}
	dst := filepath.Join(dir, fmt.Sprintf("%d-%s", i, path.Base(filepath.ToSlash(f.Name))))
	if f.Data != nil {
		return dst, os.WriteFile(dst, f.Data, 0o600)
	}
	fs, err := filesystem.New(ctx, f.URL)
	if err != nil {
		return "", err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, f.URL)
	if err != nil {
		return "", err
	}
	defer r.Close()
	w, err := os.Create(dst)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return "", fmt.Errorf("%s: %w", f.URL, err)
	}
	return dst, w.Close()
}
