//go:build !unix

package store

import "context"

// checkBoltFree does nothing where flock is not available.
func checkBoltFree(context.Context, string) error { return nil }

// checkBoltLock does nothing where flock is not available.
func checkBoltLock(string, bool) error { return nil }
