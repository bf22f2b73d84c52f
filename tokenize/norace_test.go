//go:build !race

package tokenize

// raceEnabled is true when the tests run with the race detector.
const raceEnabled = false
