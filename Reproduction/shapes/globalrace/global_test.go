package globalrace

import (
	"sync"
	"testing"
)

var requestCount int

func handle() { requestCount++ }

// TestGlobalRace: two goroutines increment a package-level variable.
func TestGlobalRace(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); handle() }()
	}
	wg.Wait()
}
