package finished

import (
	"testing"
	"time"
)

type result struct{ value int }

// TestFinishedGoroutine: the writer goroutine has exited by the time the
// test reads, without any synchronization, so the report shows it as
// "(finished)".
func TestFinishedGoroutine(t *testing.T) {
	r := &result{}
	go func() { r.value = 42 }()
	time.Sleep(100 * time.Millisecond)
	if r.value != 42 {
		t.Log("not yet")
	}
}
