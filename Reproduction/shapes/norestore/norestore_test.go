package norestore

import (
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

// TestLostHistory: the first access is followed by a lot of function
// calls, which with GORACE=history_size=0 overwrite the trace the race
// runtime needs to restore the previous access's stack.
func TestLostHistory(t *testing.T) {
	done := make(chan struct{})
	go func() {
		shared = 1
		for i := 0; i < 20000; i++ {
			churn(50)
		}
		close(done)
	}()
	time.Sleep(10 * time.Millisecond)
	for i := 0; i < 20000; i++ {
		churn(50)
	}
	shared = 2
	<-done
}
