// Package notests has no test files.
package notests

func Version() string { return "1.0" }
