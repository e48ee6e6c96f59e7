package timeout

import (
	"testing"
	"time"
)

func TestQuick(t *testing.T) {}

func TestHangs(t *testing.T) {
	ch := make(chan struct{})
	select {
	case <-ch:
	case <-time.After(time.Minute):
	}
}
