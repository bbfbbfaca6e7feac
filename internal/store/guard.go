package store

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// guardPanic runs fn with memory faults turned into panics
// (debug.SetPanicOnFault) and turns a panic raised while reading the bolt
// file (a bbolt assertion, a fault in its memory map, a decoding panic in
// Cayley's key-value layer) into a *DamagedError naming file. Any other
// panic — a bug of the caller's, not damage — goes on. It is the store
// boundary: every method of Store that reads a bolt file runs in it.
//
// Faults are caught on the goroutine that runs fn only; bbolt and Cayley
// read on the caller's goroutine.
func guardPanic(file string, fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		r := recover()
		if r == nil {
			return
		}
		if !fromStoreCode(r) {
			panic(r)
		}
		err = &DamagedError{File: file, Detail: panicText(r)}
	}()
	return fn()
}

// storeCode names the packages whose panics mean a damaged file.
var storeCode = []string{"go.etcd.io/bbolt", "github.com/hidal-go/hidalgo/kv", "github.com/cayleygraph/cayley/graph/kv", "google.golang.org/protobuf"}

// fromStoreCode reports whether the panic being recovered was raised in
// bbolt or the key-value layers above it, or is a memory fault (which
// only a mapped file explains here).
func fromStoreCode(r any) bool {
	if re, ok := r.(runtime.Error); ok && strings.Contains(re.Error(), "fault") {
		return true
	}
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		// The frames between the panic and this recover; stop at the
		// guard's caller.
		if strings.HasSuffix(f.Function, "store.guardPanic") {
			return false
		}
		for _, p := range storeCode {
			if strings.HasPrefix(f.Function, p) {
				return true
			}
		}
		if !more {
			return false
		}
	}
}

// panicText is a recovered panic's message, one line.
func panicText(r any) string {
	s := fmt.Sprint(r)
	if err, ok := r.(error); ok {
		s = err.Error()
	}
	s = strings.TrimSpace(strings.SplitN(s, "\n", 2)[0])
	if !strings.Contains(s, "assertion") && !strings.Contains(s, "fault") {
		s = "bbolt could not read it: " + s
	}
	return s
}
