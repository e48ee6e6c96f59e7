package norestore

import (
	"os"
	"strconv"
	"sync"
	"testing"
	"time"
)

var shared int

//go:noinline
func churn(n int) int {
	if n == 0 {
		return 0
	}
	return churn(n-1) + 1
}

// TestLostHistory: the first write is made by a goroutine that exits long
// before the conflicting write; in between, many other goroutines run and
// make a great many calls, so with GORACE=history_size=0 the race runtime
// may no longer have the trace needed to restore the first stack.
func TestLostHistory(t *testing.T) {
	go func() { shared = 1 }()
	time.Sleep(10 * time.Millisecond)
	for i := 0; i < rounds(); i++ {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); churn(depth()) }()
		wg.Wait()
	}
	shared = 2
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}

func rounds() int { return envInt("NORESTORE_ROUNDS", 50) }

func depth() int { return envInt("NORESTORE_DEPTH", 10) }
