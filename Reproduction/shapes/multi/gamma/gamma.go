// Package gamma has no test files.
package gamma

func Gamma() int { return 3 }
