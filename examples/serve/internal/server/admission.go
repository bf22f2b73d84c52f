package server

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// admission decides when the analysis of a request may start, by its
// size, so that a few large articles cannot take the server from the
// small ones:
//
//   - a small request (at most largeAbove bytes: a sixteenth of the
//     budget) waits only for one of the slots of MaxConcurrent;
//   - a large request waits in a queue of its own, first come first
//     served, until the bytes of the large requests in analysis, its own
//     included, fit in the budget; one runs alone whatever its size.
//
// So large requests queue among themselves while small ones keep flowing,
// and the bytes in analysis stay under the budget plus MaxConcurrent small
// requests. A request that would wait longer than maxWait (or than its
// context allows) is refused with a *busyError at once, when the queue
// ahead of it is too long for the speed large analyses have been running
// at, or when it has waited that long.
//
// An admission is safe for concurrent use.
type admission struct {
	budget     int64
	largeAbove int64
	maxWait    time.Duration
	slots      chan struct{}

	mu         sync.Mutex
	largeBytes int64     // bytes of the large requests in analysis
	large      int       // how many large requests are in analysis
	queue      []*ticket // large requests waiting, in arrival order
	queued     int64     // their bytes
	speed      float64   // bytes a second of one large analysis (moving average; 0: not measured yet)
}

// ticket is a large request's place in the queue.
type ticket struct {
	n        int64
	ready    chan struct{} // closed when admitted
	admitted bool          // under admission.mu
}

// busyError says that a request would have waited, or has waited, too
// long for its turn; the server answers it 503 with Retry-After.
type busyError struct {
	retryAfter time.Duration
	reason     string
}

func (e *busyError) Error() string { return e.reason }

// retryAfterSeconds returns the Retry-After header's value: whole
// seconds, at least 1.
func (e *busyError) retryAfterSeconds() string {
	return fmt.Sprint(max(1, int64(math.Ceil(e.retryAfter.Seconds()))))
}

func newAdmission(budget int64, maxConcurrent int, maxWait time.Duration) *admission {
	return &admission{budget: budget, largeAbove: budget / 16, maxWait: maxWait, slots: make(chan struct{}, maxConcurrent)}
}

// acquire waits for the turn of a request of n bytes. It returns the
// function that ends its analysis (call it exactly once), or ctx's error,
// or a *busyError.
func (a *admission) acquire(ctx context.Context, n int64) (release func(), err error) {
	wait := a.maxWait
	if d, ok := ctx.Deadline(); ok {
		wait = min(wait, time.Until(d))
	}
	if n <= a.largeAbove {
		return a.acquireSlot(ctx, wait)
	}
	a.mu.Lock()
	if len(a.queue) == 0 && a.fits(n) {
		a.admit(n)
		a.mu.Unlock()
		return a.releaser(n), nil
	}
	if est := a.estimate(n, a.queued); est > wait {
		a.mu.Unlock()
		return nil, &busyError{est, fmt.Sprintf("the server is busy with %d bytes of large articles; this one would wait about %v, more than %v",
			a.largeBytes+a.queued, est.Round(100*time.Millisecond), wait.Round(100*time.Millisecond))}
	}
	t := &ticket{n: n, ready: make(chan struct{})}
	a.queue = append(a.queue, t)
	a.queued += n
	a.mu.Unlock()

	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-t.ready:
		return a.releaser(n), nil
	case <-ctx.Done():
		err = ctx.Err()
	case <-timer.C:
		err = &busyError{reason: fmt.Sprintf("the server is busy with large articles; this one waited %v for its turn", wait.Round(100*time.Millisecond))}
	}
	if a.leave(t) {
		return a.releaser(n), nil // admitted as it gave up: take its turn
	}
	if b, ok := err.(*busyError); ok {
		a.mu.Lock()
		b.retryAfter = a.estimate(n, a.queued)
		a.mu.Unlock()
	}
	return nil, err
}

// acquireSlot waits for one of the MaxConcurrent slots. A free slot is
// taken at once, however little time is left.
func (a *admission) acquireSlot(ctx context.Context, wait time.Duration) (func(), error) {
	select {
	case a.slots <- struct{}{}:
		return func() { <-a.slots }, nil
	default:
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case a.slots <- struct{}{}:
		return func() { <-a.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-timer.C:
		return nil, &busyError{time.Second, fmt.Sprintf("the server is busy: every analysis slot stayed taken for %v", wait.Round(100*time.Millisecond))}
	}
}

// fits reports whether a large request of n bytes may start now.
func (a *admission) fits(n int64) bool { return a.large == 0 || a.largeBytes+n <= a.budget }

// admit counts a large request in analysis. a.mu is held.
func (a *admission) admit(n int64) {
	a.large++
	a.largeBytes += n
}

// grant admits the queue's head requests while they fit. a.mu is held.
func (a *admission) grant() {
	for len(a.queue) > 0 && a.fits(a.queue[0].n) {
		t := a.queue[0]
		a.queue = a.queue[1:]
		a.queued -= t.n
		t.admitted = true
		a.admit(t.n)
		close(t.ready)
	}
}

// leave takes t out of the queue, unless it was admitted meanwhile, in
// which case it reports true.
func (a *admission) leave(t *ticket) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if t.admitted {
		return true
	}
	if i := slices.Index(a.queue, t); i >= 0 {
		a.queue = slices.Delete(a.queue, i, i+1)
		a.queued -= t.n
	}
	a.grant() // t may have been the head that did not fit
	return false
}

// releaser returns the function that ends the analysis of a large
// request of n bytes started now, measuring its speed.
func (a *admission) releaser(n int64) func() {
	start := time.Now()
	var once sync.Once
	return func() {
		once.Do(func() {
			d := time.Since(start).Seconds()
			a.mu.Lock()
			defer a.mu.Unlock()
			a.large--
			a.largeBytes -= n
			if d > 0 {
				s := float64(n) / d
				if a.speed == 0 {
					a.speed = s
				} else {
					a.speed = 0.7*a.speed + 0.3*s
				}
			}
			a.grant()
		})
	}
}

// estimate returns how long a large request of n bytes, with ahead bytes
// queued before it, can expect to wait: the bytes to analyse before it
// fits, at the speed measured so far, with as many analyses at once as
// the budget holds. It is 0 until a speed has been measured. a.mu is
// held.
func (a *admission) estimate(n, ahead int64) time.Duration {
	if a.speed == 0 {
		return 0
	}
	together := max(1, float64(a.budget)/float64(n))
	return time.Duration(float64(a.largeBytes+ahead) / (a.speed * together) * float64(time.Second))
}
