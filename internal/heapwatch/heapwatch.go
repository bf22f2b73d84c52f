// Package heapwatch measures the peak heap of a piece of work, for the
// cost tests and benchmarks of Khabar's packages ("bytes of heap per
// input byte").
//
// [Measure] runs a function while a goroutine samples the runtime's heap
// metrics (runtime/metrics) every [Interval]. Two peaks are reported, both
// above the level measured (after a garbage collection) just before the
// function starts:
//
//   - PeakHeap: heap memory occupied by objects, live or not yet swept
//     (/memory/classes/heap/objects:bytes). It is what the process's
//     resident memory follows, and with the default GOGC it reaches up to
//     about twice the live heap.
//   - PeakLive: the live heap as marked by the last garbage collection
//     (/gc/heap/live:bytes): what the work really holds on to, independent
//     of GOGC, but seen only at the end of each collection.
//
// A spike shorter than the sampling interval can be missed, so the peaks
// are lower bounds; for the multi-megabyte inputs the cost tests use, a
// stage lasts far longer than the interval.
//
// Measurements of the same process overlap: run one at a time.
package heapwatch

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// Interval is how often Measure samples the heap.
const Interval = 250 * time.Microsecond

const (
	heapObjects = "/memory/classes/heap/objects:bytes"
	heapLive    = "/gc/heap/live:bytes"
)

// Result is what Measure saw.
type Result struct {
	// PeakHeap is the largest heap object bytes (live and unswept) seen,
	// minus the live heap before the call; 0 if the heap never grew.
	PeakHeap uint64
	// PeakLive is the largest live heap marked by a collection during the
	// call, minus the live heap before it; 0 if no collection ran or the
	// live heap never grew.
	PeakLive uint64
	// Duration is the wall time of the call.
	Duration time.Duration
}

// PerByte returns PeakHeap divided by n (the input's size in bytes), or 0
// when n is not positive.
func (r Result) PerByte(n int) float64 {
	if n <= 0 {
		return 0
	}
	return float64(r.PeakHeap) / float64(n)
}

// LivePerByte returns PeakLive divided by n, or 0 when n is not positive.
func (r Result) LivePerByte(n int) float64 {
	if n <= 0 {
		return 0
	}
	return float64(r.PeakLive) / float64(n)
}

// Measure runs f and returns the peaks of the heap during the call. It
// collects garbage before f to start from the live heap. It is safe for
// concurrent use, but concurrent measurements see each other's memory.
func Measure(f func()) Result {
	runtime.GC()
	base := read()
	var (
		mu         sync.Mutex
		peak, live uint64
	)
	note := func(s [2]uint64) {
		mu.Lock()
		peak = max(peak, s[0])
		if s[1] > base[1] {
			live = max(live, s[1])
		}
		mu.Unlock()
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(Interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				note(read())
			}
		}
	}()
	start := time.Now()
	f()
	d := time.Since(start)
	note(read())
	close(stop)
	<-done
	r := Result{Duration: d}
	if peak > base[1] {
		r.PeakHeap = peak - base[1]
	}
	if live > base[1] {
		r.PeakLive = live - base[1]
	}
	return r
}

// read returns the heap object bytes and the live heap bytes.
func read() [2]uint64 {
	s := []metrics.Sample{{Name: heapObjects}, {Name: heapLive}}
	metrics.Read(s)
	var out [2]uint64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			out[i] = s[i].Value.Uint64()
		}
	}
	return out
}
