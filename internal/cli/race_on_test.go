//go:build race

package cli_test

// damageStep is the page stride of TestDamagedBoltStore: the race detector
// makes each of its hundreds of commands several times slower.
const damageStep = 97
