//go:build race

package khabar

// raceEnabled is true when the tests run with the race detector, which
// makes the cost tests over megabytes of text slow.
const raceEnabled = true
