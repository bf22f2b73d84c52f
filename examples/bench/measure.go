package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"time"
)

// rounds is the number of timed rounds per side. The two sides alternate
// round by round (ours, peer, peer, ours, …) so that machine noise during
// the run hits both, and each side reports the median of its rounds.
const rounds = 7

// stats is what was measured for one side of a comparison.
type stats struct {
	nsPerOp     float64   // median of the rounds
	allocsPerOp float64   // mean over all timed operations
	bytesPerOp  float64   // mean bytes allocated per operation
	count       int       // what the last operation returned
	roundNs     []float64 // ns/op of each round
	perRound    int       // operations per round
}

// measurement is the outcome of one comparison.
type measurement struct {
	name       string
	bytes      int64 // input bytes per operation
	ours, peer stats
}

// side is one side of a comparison being measured.
type side struct {
	label string
	fn    func() int
	st    stats
	// totals over the timed rounds
	ops, mallocs, allocBytes uint64
}

// measure sets up c for input and times both sides, each for at least
// minTime in total, interleaving their rounds.
func measure(c comparison, input []byte, minTime time.Duration, progress io.Writer) (measurement, error) {
	m := measurement{name: c.name}
	if c.setup == nil || c.ours == nil || c.peer == nil {
		return m, errors.New("comparison needs setup, ours and peer")
	}
	if c.unit != unitNsPerOp && c.unit != unitMBPerS {
		return m, fmt.Errorf("unknown unit %q", c.unit)
	}
	n, err := c.setup(input)
	if err != nil {
		return m, fmt.Errorf("setup: %w", err)
	}
	if c.unit == unitMBPerS && n <= 0 {
		return m, errors.New("setup reported no bytes for a MB/s comparison")
	}
	m.bytes = n

	roundTime := minTime / rounds
	ours := &side{label: "khabar", fn: c.ours}
	peer := &side{label: "peer", fn: c.peer}
	for _, s := range []*side{ours, peer} {
		fmt.Fprintf(progress, "bench:   warm-up %s\n", s.label)
		s.calibrate(roundTime)
	}
	for r := range rounds {
		order := []*side{ours, peer}
		if r%2 == 1 {
			order[0], order[1] = peer, ours
		}
		fmt.Fprintf(progress, "bench:   round %d/%d (%d+%d ops)\n", r+1, rounds, order[0].st.perRound, order[1].st.perRound)
		for _, s := range order {
			s.round()
		}
	}
	for _, s := range []*side{ours, peer} {
		s.finish()
	}
	m.ours, m.peer = ours.st, peer.st
	return m, nil
}

// calibrate warms s up and chooses how many operations make a round of
// about roundTime.
func (s *side) calibrate(roundTime time.Duration) {
	s.st.count = s.fn() // first call: caches, page faults, lazy tables
	var perOp time.Duration
	for k := 1; ; k *= 2 {
		start := time.Now()
		for range k {
			s.st.count = s.fn()
		}
		elapsed := time.Since(start)
		perOp = elapsed / time.Duration(k)
		if elapsed >= roundTime/4 || k >= 1<<30 {
			break
		}
	}
	if perOp <= 0 {
		perOp = 1
	}
	s.st.perRound = int(max(1, math.Ceil(float64(roundTime)/float64(perOp))))
}

// round runs one timed round of s.st.perRound operations.
func (s *side) round() {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := s.st.perRound
	count := 0
	start := time.Now()
	for range n {
		count = s.fn()
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	s.st.count = count
	s.st.roundNs = append(s.st.roundNs, float64(elapsed.Nanoseconds())/float64(n))
	s.ops += uint64(n)
	s.mallocs += after.Mallocs - before.Mallocs
	s.allocBytes += after.TotalAlloc - before.TotalAlloc
}

// finish computes the summary statistics.
func (s *side) finish() {
	s.st.nsPerOp = median(s.st.roundNs)
	s.st.allocsPerOp = float64(s.mallocs) / float64(s.ops)
	s.st.bytesPerOp = float64(s.allocBytes) / float64(s.ops)
}

// spread is half the range of the rounds' ns/op, relative to the median:
// a rough measure of noise.
func (st stats) spread() float64 {
	if len(st.roundNs) == 0 || st.nsPerOp <= 0 {
		return 0
	}
	return (slices.Max(st.roundNs) - slices.Min(st.roundNs)) / 2 / st.nsPerOp
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	ys := slices.Clone(xs)
	slices.Sort(ys)
	if len(ys)%2 == 1 {
		return ys[len(ys)/2]
	}
	return (ys[len(ys)/2-1] + ys[len(ys)/2]) / 2
}

// mbPerS converts a time per operation into throughput (1 MB = 1e6 bytes,
// as in the testing package).
func mbPerS(bytes int64, nsPerOp float64) float64 {
	if nsPerOp <= 0 {
		return 0
	}
	return float64(bytes) / nsPerOp * 1e3
}

// result expresses m in unit.
func (m measurement) result(unit string) result {
	r := result{Name: m.name, Unit: unit}
	switch unit {
	case unitMBPerS:
		r.Ours = mbPerS(m.bytes, m.ours.nsPerOp)
		r.Peer = mbPerS(m.bytes, m.peer.nsPerOp)
		if r.Peer > 0 {
			r.Speedup = r.Ours / r.Peer
		}
		r.Ours, r.Peer = roundTo(r.Ours, 3), roundTo(r.Peer, 3)
	default: // unitNsPerOp
		r.Ours, r.Peer = m.ours.nsPerOp, m.peer.nsPerOp
		if r.Ours > 0 {
			r.Speedup = r.Peer / r.Ours
		}
		r.Ours, r.Peer = roundTo(r.Ours, 1), roundTo(r.Peer, 1)
	}
	r.Speedup = roundTo(r.Speedup, 3)
	return r
}

func roundTo(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
