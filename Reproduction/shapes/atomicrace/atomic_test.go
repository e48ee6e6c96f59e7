package atomicrace

import (
	"sync"
	"sync/atomic"
	"testing"
)

type stats struct{ hits int64 }

// TestAtomicRace: an atomic add in one goroutine, a plain read in another.
func TestAtomicRace(t *testing.T) {
	s := &stats{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); atomic.AddInt64(&s.hits, 1) }()
	if s.hits > 1 {
		t.Log("unexpected")
	}
	wg.Wait()
}

// TestAtomicRaceReverse: a plain write, then an atomic load elsewhere.
func TestAtomicRaceReverse(t *testing.T) {
	s := &stats{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); s.hits = 5 }()
	_ = atomic.LoadInt64(&s.hits)
	wg.Wait()
}
