//go:build race

package ui

// raceOn: the race detector multiplies memory and time several times over; the large
// workspace of the tests is smaller then.
const raceOn = true
