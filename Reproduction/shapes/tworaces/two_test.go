package tworaces

import (
	"sync"
	"testing"
)

type cache struct{ entries map[string]int }

type counter struct{ n int }

func (c *cache) put(k string, v int) { c.entries[k] = v }

func (c *counter) inc() { c.n++ }

// Two unrelated races in two tests of one run.
func TestCacheRace(t *testing.T) {
	c := &cache{entries: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); c.put("a", 1) }()
	go func() { defer wg.Done(); c.put("b", 2) }()
	wg.Wait()
}

func TestCounterRace(t *testing.T) {
	c := &counter{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); c.inc() }()
	go func() { defer wg.Done(); c.inc() }()
	wg.Wait()
}
