package gazetteer

import (
	"fmt"
	"io"

	"github.com/khabar-nlp/khabar/internal/linetable"
)

// newScanner returns the line scanner of a loader reading src from r with
// opts' line limit and progress.
func newScanner(r io.Reader, opts *LoadOptions, src string) *linetable.Scanner {
	return linetable.NewScanner(r, linetable.Options{Source: src, MaxLineBytes: opts.maxLine(), Progress: opts.Progress})
}

// tooLongError describes the over-long line sc has just read.
func tooLongError(sc *linetable.Scanner) error {
	return fmt.Errorf("%w (more than %d bytes)", ErrLineTooLong, sc.MaxLineBytes())
}

// checkUTF8 returns an ErrInvalidUTF8 error giving the byte offset (1-based
// column) of the first invalid byte, or nil.
func checkUTF8(line []byte) error {
	if i := linetable.InvalidUTF8(line); i >= 0 {
		return fmt.Errorf("%w at byte %d", ErrInvalidUTF8, i+1)
	}
	return nil
}
