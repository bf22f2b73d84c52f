//go:build race

package main

// raceEnabled is true when the tests run with the race detector, which
// makes the runs over the dev data too slow for CI.
const raceEnabled = true
