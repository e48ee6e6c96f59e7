package mainrace

import (
	"os"
	"sync"
	"testing"
)

var config = map[string]string{}

// TestMain races with a goroutine it starts: the main goroutine writes
// config while the goroutine reads it.
func TestMain(m *testing.M) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = config["mode"]
	}()
	config["mode"] = "test"
	wg.Wait()
	os.Exit(m.Run())
}

func TestConfig(t *testing.T) {
	if config["mode"] != "test" {
		t.Fatal("mode not set")
	}
}
