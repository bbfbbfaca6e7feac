//go:build !race

package cli_test

// damageStep is the page stride of TestDamagedBoltStore.
const damageStep = 23
