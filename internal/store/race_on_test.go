//go:build race

package store_test

// newQuads is the size of the load that TestBoltKill9DuringLoad kills: the
// race detector makes bolt loads several times slower.
const newQuads = 3000

// raceOn is set when the tests run under the race detector.
const raceOn = true
