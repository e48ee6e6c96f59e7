package buildfail

import "testing"

func TestCount(t *testing.T) {
	if Count(nil) != 0 {
		t.Fatal(undefinedHelper())
	}
}
