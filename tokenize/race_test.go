//go:build race

package tokenize

// raceEnabled is true when the tests run with the race detector, which
// makes timings meaningless and the cost tests over 8 MB slow.
const raceEnabled = true
