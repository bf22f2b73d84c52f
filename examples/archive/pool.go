package main

import (
	"fmt"
	"runtime"
	"sync"
)

// pool runs work on the elements of one bundle on several goroutines.
// Beam lets only the goroutine that calls ProcessElement and FinishBundle
// emit, and runners give a bundle to one goroutine (Prism gives a whole
// stage's input to one bundle), so without it one core would do the work
// of a machine. Results come back in no particular order.
//
// A pool is used by one goroutine: put and finish must not be called
// concurrently.
type pool[In, Out any] struct {
	in      chan In
	out     chan Out
	pending int // elements put and not yet handed back
	wg      sync.WaitGroup
}

// newPool starts n goroutines (n ≤ 0: GOMAXPROCS) calling work. A panic
// in work is turned into a result by recovered, so that one bad element
// cannot kill a worker process and the bundle with it.
func newPool[In, Out any](n int, work func(In) Out, recovered func(In, any) Out) *pool[In, Out] {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	p := &pool[In, Out]{in: make(chan In), out: make(chan Out, 2*n)}
	for range n {
		p.wg.Go(func() {
			for x := range p.in {
				p.out <- call(x, work, recovered)
			}
		})
	}
	return p
}

func call[In, Out any](x In, work func(In) Out, recovered func(In, any) Out) (out Out) {
	defer func() {
		if r := recover(); r != nil {
			out = recovered(x, r)
		}
	}()
	return work(x)
}

// put hands x to the pool, passing the results that are ready meanwhile
// to emit. It blocks while every goroutine is busy.
func (p *pool[In, Out]) put(x In, emit func(Out)) {
	for {
		select {
		case p.in <- x:
			p.pending++
			return
		case r := <-p.out:
			p.pending--
			emit(r)
		}
	}
}

// finish waits for every element put, passes their results to emit and
// stops the goroutines. The pool cannot be used afterwards.
func (p *pool[In, Out]) finish(emit func(Out)) {
	close(p.in)
	for ; p.pending > 0; p.pending-- {
		emit(<-p.out)
	}
	p.wg.Wait()
}

// panicError describes a recovered panic.
func panicError(r any) string { return fmt.Sprintf("internal error (please report it): panic: %v", r) }
