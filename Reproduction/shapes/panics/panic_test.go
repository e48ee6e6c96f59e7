package panics

import "testing"

func TestBeforePanic(t *testing.T) {}

func TestIndexPanic(t *testing.T) {
	devices := []string{"kvm"}
	n := len(devices) + 1
	t.Logf("looking up device %d", n)
	_ = devices[n]
}

func TestNeverRuns(t *testing.T) {}
