package main

import "syscall"

// peakRSS returns the process's peak resident set size in bytes.
func peakRSS() uint64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return uint64(ru.Maxrss) * 1024 // Linux counts KiB
}
