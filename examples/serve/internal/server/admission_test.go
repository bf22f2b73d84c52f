package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// admitted reports whether a goroutine waiting in acquire got its turn
// within d.
func admitted(ch <-chan func(), d time.Duration) (func(), bool) {
	select {
	case release := <-ch:
		return release, true
	case <-time.After(d):
		return nil, false
	}
}

// acquireAsync starts acquire in a goroutine; the channel gets the
// release function when the request's turn comes.
func acquireAsync(t *testing.T, a *admission, ctx context.Context, n int64) <-chan func() {
	t.Helper()
	ch := make(chan func(), 1)
	go func() {
		release, err := a.acquire(ctx, n)
		if err != nil {
			close(ch)
			return
		}
		ch <- release
	}()
	return ch
}

// waitQueued waits until n large requests are queued.
func waitQueued(t *testing.T, a *admission, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		a.mu.Lock()
		got := len(a.queue)
		a.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d requests queued, want %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestAdmissionLargeQueueInOrder(t *testing.T) {
	a := newAdmission(1000, 2, time.Minute)
	ctx := context.Background()
	r1, err := a.acquire(ctx, 600)
	if err != nil {
		t.Fatal(err)
	}
	c2 := acquireAsync(t, a, ctx, 600)
	waitQueued(t, a, 1)
	c3 := acquireAsync(t, a, ctx, 300) // would fit, but comes after c2
	waitQueued(t, a, 2)
	if _, ok := admitted(c3, 50*time.Millisecond); ok {
		t.Fatal("a later large request went ahead of the queue")
	}
	// Small requests do not queue behind large ones.
	for range 2 {
		rs, err := a.acquire(ctx, 10)
		if err != nil {
			t.Fatalf("small request: %v", err)
		}
		defer rs()
	}
	r1()
	r2, ok := admitted(c2, time.Second)
	if !ok {
		t.Fatal("the queue's head was not admitted when the budget freed")
	}
	r3, ok := admitted(c3, time.Second)
	if !ok {
		t.Fatal("600 + 300 bytes fit in 1000, but the second was not admitted")
	}
	a.mu.Lock()
	if a.largeBytes != 900 || a.large != 2 || a.queued != 0 {
		t.Errorf("in analysis %d bytes in %d requests, %d queued", a.largeBytes, a.large, a.queued)
	}
	a.mu.Unlock()
	r2()
	r3()
	r3() // a second call does nothing
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.largeBytes != 0 || a.large != 0 || a.speed <= 0 {
		t.Errorf("after release: %d bytes, %d requests, speed %v", a.largeBytes, a.large, a.speed)
	}
}

func TestAdmissionOversizeRunsAlone(t *testing.T) {
	a := newAdmission(1000, 1, time.Minute)
	r, err := a.acquire(context.Background(), 5000)
	if err != nil {
		t.Fatalf("a request over the budget with nothing else running: %v", err)
	}
	c := acquireAsync(t, a, context.Background(), 100)
	if _, ok := admitted(c, 50*time.Millisecond); ok {
		t.Fatal("admitted beside a request over the budget")
	}
	r()
	if _, ok := admitted(c, time.Second); !ok {
		t.Fatal("not admitted after the large one ended")
	}
}

func TestAdmissionBusy(t *testing.T) {
	a := newAdmission(1000, 1, 100*time.Millisecond)
	ctx := context.Background()
	r1, err := a.acquire(ctx, 900)
	if err != nil {
		t.Fatal(err)
	}
	// Waited too long: busy, out of the queue.
	start := time.Now()
	_, err = a.acquire(ctx, 900)
	var busy *busyError
	if !errors.As(err, &busy) || time.Since(start) < 100*time.Millisecond {
		t.Fatalf("after %v: %v, want a busy error after the wait", time.Since(start), err)
	}
	if busy.retryAfterSeconds() != "1" {
		t.Errorf("Retry-After %q with no speed measured, want 1", busy.retryAfterSeconds())
	}
	a.mu.Lock()
	if len(a.queue) != 0 || a.queued != 0 {
		t.Errorf("the refused request stayed queued: %d, %d bytes", len(a.queue), a.queued)
	}
	// Known to be too long: refused at once, with the estimate.
	a.speed = 300 // bytes a second: 900 bytes ahead take 3 s
	a.mu.Unlock()
	start = time.Now()
	_, err = a.acquire(ctx, 900)
	if !errors.As(err, &busy) || time.Since(start) > 50*time.Millisecond {
		t.Fatalf("after %v: %v, want a busy error at once", time.Since(start), err)
	}
	if got := busy.retryAfterSeconds(); got != "3" {
		t.Errorf("Retry-After %q, want 3", got)
	}
	// A context done while waiting.
	a.mu.Lock()
	a.speed = 0
	a.mu.Unlock()
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(20*time.Millisecond, cancel)
	if _, err := a.acquire(cctx, 900); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while waiting: %v", err)
	}
	// A small request waits for a slot only, and gives up after the wait.
	rs, err := a.acquire(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.acquire(ctx, 10); !errors.As(err, &busy) {
		t.Errorf("small request with every slot taken: %v", err)
	}
	rs()
	r1()
}

// TestAdmissionHeadLeaves checks that when the head of the queue gives
// up, the requests behind it that fit are admitted.
func TestAdmissionHeadLeaves(t *testing.T) {
	a := newAdmission(1000, 1, time.Minute)
	ctx := context.Background()
	r1, err := a.acquire(ctx, 600)
	if err != nil {
		t.Fatal(err)
	}
	defer r1()
	hctx, cancel := context.WithCancel(ctx)
	head := acquireAsync(t, a, hctx, 500)
	waitQueued(t, a, 1)
	next := acquireAsync(t, a, ctx, 300)
	waitQueued(t, a, 2)
	cancel()
	if _, ok := <-head; ok {
		t.Fatal("the cancelled head was admitted")
	}
	r, ok := admitted(next, time.Second)
	if !ok {
		t.Fatal("the request behind a head that left was not admitted")
	}
	r()
}

func TestAdmissionConcurrent(t *testing.T) {
	a := newAdmission(1000, 4, time.Minute)
	var mu sync.Mutex
	inAnalysis, peak := int64(0), int64(0)
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			n := int64(100 + 37*(i%10))
			release, err := a.acquire(context.Background(), n)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			inAnalysis += n
			peak = max(peak, inAnalysis)
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			inAnalysis -= n
			mu.Unlock()
			release()
		})
	}
	wg.Wait()
	if peak > 1000 {
		t.Errorf("%d bytes of large requests in analysis at once, over the budget of 1000", peak)
	}
}

// TestByteBudgetQueues checks the server's admission end to end: with
// the budget taken, a large article waits for its turn while small ones
// are answered at once; it is analysed when the budget frees, and one
// that would wait longer than the queue wait is answered 503 with
// Retry-After.
func TestByteBudgetQueues(t *testing.T) {
	const budget = 256 << 10
	s := newServer(t, Config{MaxInflightBytes: budget, MaxQueueWait: 2 * time.Second, MaxConcurrent: 2})
	small := readArticle(t, "politics.txt")
	large := strings.Repeat(small+"\n", budget/len(small)/4) // a quarter of the budget: large
	if int64(len(large)) <= s.admit.largeAbove || len(small) > int(s.admit.largeAbove) {
		t.Fatalf("sizes %d and %d do not straddle %d", len(small), len(large), s.admit.largeAbove)
	}
	hold, err := s.admit.acquire(context.Background(), budget) // every byte taken
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() { done <- post(t, s, "text/plain", large).Code }()
	waitQueued(t, s.admit, 1)
	for range 3 {
		start := time.Now()
		if w := post(t, s, "text/plain", small); w.Code != 200 {
			t.Fatalf("small request while a large one waits: %d %s", w.Code, w.Body)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("small request took %v", d)
		}
	}
	select {
	case code := <-done:
		t.Fatalf("the large request was answered %d while the budget was taken", code)
	default:
	}
	hold()
	select {
	case code := <-done:
		if code != 200 {
			t.Errorf("large request after its turn: %d", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the large request was not answered after the budget freed")
	}

	// Taken again, with a speed measured that makes the wait too long.
	hold, err = s.admit.acquire(context.Background(), budget)
	if err != nil {
		t.Fatal(err)
	}
	defer hold()
	s.admit.mu.Lock()
	s.admit.speed = 1000 // bytes a second: 256 KiB ahead, four at a time, take a minute
	s.admit.mu.Unlock()
	w := post(t, s, "text/plain", large)
	retry, _ := strconv.Atoi(w.Header().Get("Retry-After"))
	if w.Code != http.StatusServiceUnavailable || retry < 30 || !strings.Contains(w.Body.String(), "busy") {
		t.Errorf("large request that would wait a minute: %d, Retry-After %q, %s", w.Code, w.Header().Get("Retry-After"), w.Body)
	}
}
