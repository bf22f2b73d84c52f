//go:build !unix

package khabar

import "time"

// start is when the tests began: without getrusage, CPU time is
// approximated by wall time.
var start = time.Now()

// cpuTime returns the wall time since the tests began, in place of the
// CPU time the process has used.
func cpuTime() time.Duration { return time.Since(start) }
