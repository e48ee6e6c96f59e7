package subtests

import (
	"testing"
	"time"
)

func TestTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   int
		want int
	}{{"zero", 0, 0}, {"one", 1, 2}, {"two", 2, 4}, {"odd", 3, 7}} {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in * 2; got != tc.want {
				t.Errorf("double(%d) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestSkipped(t *testing.T) {
	t.Run("linux_only", func(t *testing.T) { t.Log("running") })
	t.Run("needs_gpu", func(t *testing.T) { t.Skip("no GPU on this runner") })
}

func TestParallel(t *testing.T) {
	for _, name := range []string{"a", "b", "c"} {
		name := name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			time.Sleep(10 * time.Millisecond)
			t.Logf("parallel %s done", name)
		})
	}
}

func TestTopLevelParallelOne(t *testing.T) {
	t.Parallel()
	time.Sleep(5 * time.Millisecond)
}

func TestTopLevelParallelTwo(t *testing.T) {
	t.Parallel()
	time.Sleep(5 * time.Millisecond)
	t.Error("parallel failure")
}

func TestWholeSkip(t *testing.T) {
	t.Skip("flaky on CI, see issue 123")
}
