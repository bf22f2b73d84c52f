package main

import (
	"fmt"
	"io"
	"runtime"
	"time"
)

// writeStats writes what -stats reports: articles, elapsed time, rate and
// memory (the Go runtime's, and the peak resident set where the system
// says it).
func writeStats(w io.Writer, n int, elapsed time.Duration) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(w, "analyze: stats: %d articles in %.2f s, %.1f articles/s; Go memory from the OS %.1f MiB (heap %.1f MiB), %d GCs",
		n, elapsed.Seconds(), float64(n)/elapsed.Seconds(), mib(ms.Sys), mib(ms.HeapSys), ms.NumGC)
	if rss := peakRSS(); rss > 0 {
		fmt.Fprintf(w, "; peak RSS %.1f MiB", mib(rss))
	}
	fmt.Fprintln(w)
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }
