package outsiderace

import (
	"sync"
	"testing"
)

var ready bool

// init races before any test runs: the tests themselves all pass.
func init() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); ready = true }()
	_ = ready
	wg.Wait()
}

func TestOne(t *testing.T) {}

func TestTwo(t *testing.T) {}
