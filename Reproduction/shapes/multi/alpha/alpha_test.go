package alpha

import "testing"

func TestAlpha(t *testing.T) { t.Log("alpha ok") }
