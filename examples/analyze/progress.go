package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// progress draws a progress bar on standard error: articles done out of
// the total (when known), the rate and the time left. It is drawn only by
// the goroutine that writes results; the total may be set from another.
type progress struct {
	w       io.Writer
	on      bool
	start   time.Time
	last    time.Time
	drawn   bool
	total   atomic.Int64 // 0 until counted
	redraws time.Duration
}

// newProgress returns a progress bar on w, shown when mode is "on", or
// "auto" and w is a terminal.
func newProgress(mode string, w io.Writer) *progress {
	return &progress{w: w, on: mode == "on" || mode == "auto" && isTerminal(w), start: time.Now(), redraws: 200 * time.Millisecond}
}

// isTerminal reports whether w is a terminal: a character device other
// than the null device.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return false
	}
	return true
}

// setTotal sets the number of inputs, once counted; safe to call from any
// goroutine.
func (p *progress) setTotal(n int) { p.total.Store(int64(n)) }

// message writes a line to w, clearing the bar first if it is drawn.
func (p *progress) message(line string) {
	p.clear()
	fmt.Fprintln(p.w, line)
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// update redraws the bar, at most every p.redraws.
func (p *progress) update(done, failed int) {
	if !p.on {
		return
	}
	now := time.Now()
	if p.drawn && now.Sub(p.last) < p.redraws {
		return
	}
	p.last = now
	p.draw(done, failed, now)
}

// finish draws the final state and ends the line.
func (p *progress) finish(done, failed int) {
	if !p.on {
		return
	}
	p.draw(done, failed, time.Now())
	fmt.Fprintln(p.w)
	p.drawn = false
}

func (p *progress) draw(done, failed int, now time.Time) {
	elapsed := now.Sub(p.start)
	rate := 0.0
	if elapsed > 0 {
		rate = float64(done) / elapsed.Seconds()
	}
	var b strings.Builder
	b.WriteString("\r\033[Kanalyze: ")
	total := int(p.total.Load())
	if total > 0 && done <= total {
		const width = 24
		full := width * done / total
		fmt.Fprintf(&b, "[%s%s] %d/%d %3d%%", strings.Repeat("#", full), strings.Repeat(".", width-full), done, total, 100*done/total)
	} else {
		fmt.Fprintf(&b, "%d articles", done)
	}
	fmt.Fprintf(&b, "  %.1f articles/s", rate)
	switch {
	case total > 0 && done < total && rate > 0:
		fmt.Fprintf(&b, "  ETA %s", clock(time.Duration(float64(total-done)/rate*float64(time.Second))))
	case total > 0 && done >= total || total == 0:
		fmt.Fprintf(&b, "  %s", clock(elapsed))
	}
	if failed > 0 {
		fmt.Fprintf(&b, "  (%d failed)", failed)
	}
	fmt.Fprint(p.w, b.String())
	p.drawn = true
}

// clock formats d as H:MM:SS or M:SS.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
