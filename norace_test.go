//go:build !race

package khabar

// raceEnabled is true when the tests run with the race detector.
const raceEnabled = false
