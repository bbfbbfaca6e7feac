//go:build !race

package store_test

// newQuads is the size of the load that TestBoltKill9DuringLoad kills:
// large enough that it runs for a second or more.
const newQuads = 20000

// raceOn is set when the tests run under the race detector.
const raceOn = false
