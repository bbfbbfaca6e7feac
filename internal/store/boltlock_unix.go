//go:build unix

package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// checkBoltFree fails fast when another process (or another open store in
// this one) holds the bolt file: bbolt would wait for the lock for ever.
func checkBoltFree(_ context.Context, path string) error { return checkBoltLock(path, false) }

// checkBoltLock is checkBoltFree for a writer (readOnly false: no other
// process may hold the file) or a reader (readers share the file, a
// writer holds it alone).
func checkBoltLock(path string, readOnly bool) error {
	file := filepath.Join(path, BoltFile)
	if fi, err := os.Stat(file); err != nil || !fi.Mode().IsRegular() {
		// A new store, or what the open refuses: opening a FIFO here
		// would wait for a writer for ever.
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil // let the open report it
	}
	defer f.Close()
	how := syscall.LOCK_EX
	if readOnly {
		how = syscall.LOCK_SH
	}
	err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return fmt.Errorf("the bolt store at %s is in use by another process (a load, export or server): try again when it has finished", path)
	}
	if err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	}
	return nil
}
