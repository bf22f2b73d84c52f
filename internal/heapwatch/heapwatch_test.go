package heapwatch

import (
	"runtime"
	"testing"
)

var sink []byte

func TestMeasureSeesAllocation(t *testing.T) {
	const n = 64 << 20
	r := Measure(func() {
		sink = make([]byte, n)
		for i := range sink {
			sink[i] = byte(i)
		}
	})
	if r.PeakHeap < n || r.PeakHeap > 2*n {
		t.Errorf("PeakHeap = %d, want about %d", r.PeakHeap, n)
	}
	if got := r.PerByte(n); got < 1 || got > 2 {
		t.Errorf("PerByte = %.2f, want about 1", got)
	}
	if r.Duration <= 0 {
		t.Errorf("Duration = %v", r.Duration)
	}
	sink = nil
	runtime.GC()
}

func TestMeasureSeesLiveAfterCollection(t *testing.T) {
	const n = 32 << 20
	r := Measure(func() {
		sink = make([]byte, n)
		runtime.GC()
	})
	if r.PeakLive < n || r.PeakLive > n+n/4 {
		t.Errorf("PeakLive = %d, want about %d", r.PeakLive, n)
	}
	if got := r.LivePerByte(n); got < 1 || got > 1.25 {
		t.Errorf("LivePerByte = %.2f, want about 1", got)
	}
	sink = nil
	runtime.GC()
}

func TestMeasureNothing(t *testing.T) {
	r := Measure(func() {})
	if r.PeakHeap > 1<<20 || r.PeakLive != 0 {
		t.Errorf("empty function: %+v", r)
	}
	if (Result{}).PerByte(0) != 0 || (Result{}).LivePerByte(-1) != 0 {
		t.Error("PerByte of no bytes is not 0")
	}
}
