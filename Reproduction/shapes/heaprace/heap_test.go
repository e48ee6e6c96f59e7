package heaprace

import (
	"sync"
	"testing"
)

type session struct {
	id    int
	state string
}

func newSession(id int) *session { return &session{id: id, state: "new"} }

// TestHeapRace: two goroutines write a field of a heap-allocated struct.
func TestHeapRace(t *testing.T) {
	s := newSession(7)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); s.state = "open" }()
	go func() { defer wg.Done(); s.state = "closed" }()
	wg.Wait()
}
