package beta

import "testing"

func TestBeta(t *testing.T) { t.Fatal("beta broke") }

func TestBetaOK(t *testing.T) {}
