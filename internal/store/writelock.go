package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/graph"
)

// LockWriters takes the store's writer lock, which serialises confgraph's
// writers of one PostgreSQL store across processes (an advisory lock, see
// pg.go), waiting for another writer to finish; waiting, when not nil, is
// called once, with who holds the lock, when it has to wait. Replace and
// RemoveGraphs take it themselves; a command that reads the store to plan
// a write takes it around both, so that its plan sees what it replaces.
// It is re-entrant within the Store, and a no-op on the other backends
// (bolt lets one process at a time open a store; memstore lives in one).
//
// On a read-only store (opened for reading, or on a read replica) it fails
// with the error a write would get, before the caller plans one.
func (s *Store) LockWriters(ctx context.Context, waiting func(holder string)) (release func(), err error) {
	if s.readOnly {
		return nil, s.readOnlyError()
	}
	if s.pg == nil {
		return func() {}, nil
	}
	return s.pg.lockWriters(ctx, waiting)
}

// WriterBusyError: a write gave up waiting for the writer lock, which
// another writer of the store held all the while (its context ended).
type WriterBusyError struct {
	Holder string // who holds the lock, as LockWriters' waiting hears it
	Err    error
}

func (e *WriterBusyError) Error() string {
	return fmt.Sprintf("another writer of the store (%s) did not finish in time; nothing was changed, try again when it has", e.Holder)
}
func (e *WriterBusyError) Unwrap() error { return e.Err }

// apply writes tx; on a bolt store hook, when not nil, runs inside its
// bbolt transaction (the report digests, see digest.go). On PostgreSQL
// the end of ctx cancels the transaction's statements on the server, so it
// rolls back; elsewhere the write, once begun, runs to its end (a killed
// process leaves the store as it was).
func (s *Store) apply(ctx context.Context, tx *graph.Transaction, hook commitHook) error {
	if ctx.Err() != nil {
		return &InterruptedError{Cause: context.Cause(ctx)}
	}
	if s.pg == nil {
		if s.bolt != nil && hook != nil {
			// The digests go into the load's own bbolt transaction.
			s.bolt.kv.hook = hook
			defer func() { s.bolt.kv.hook = nil }()
		}
		return s.w.ApplyTransaction(tx)
	}
	stop := s.pg.cancelOnDone(ctx)
	err := s.w.ApplyTransaction(tx)
	stop()
	// A commit the cancel came too late for stands: err is nil then.
	return s.pg.explain(ctx, err)
}

// cancelOnDone sends the server a cancel request for the statements of
// the store's sessions (cancel) once ctx ends, and again every
// cancelInterval until the returned function is called: a cancel request
// stops the statement running when it arrives, and between two statements
// it does nothing. The returned function waits for the last request.
func (p *pgSession) cancelOnDone(ctx context.Context) func() {
	done, finished := make(chan struct{}), make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(finished)
		for {
			p.cancel()
			select {
			case <-done:
				return
			case <-time.After(cancelInterval):
			}
		}
	})
	return func() {
		close(done)
		if !stop() { // the requests had begun: wait for the last
			<-finished
		}
	}
}

// cancelInterval is how often apply asks the server to cancel the
// statements of a write whose context ended.
const cancelInterval = 20 * time.Millisecond

// explain gives a backend's error during an operation under ctx its
// meaning: interrupted, a table locked by another session, a lost
// connection.
func (s *Store) explain(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if s.pg != nil {
		return s.pg.explain(ctx, err)
	}
	if ctx.Err() != nil {
		return &InterruptedError{Cause: context.Cause(ctx), Err: err}
	}
	return err
}

// writeError words the failure of a load's write of changes changes.
func writeError(changes int, err error) error {
	return failedWrite(fmt.Sprintf("write %d changes", changes), err)
}

// removeError words the failure of a removal of n quads.
func removeError(n int, err error) error {
	return failedWrite(fmt.Sprintf("remove %d quads", n), err)
}

func failedWrite(what string, err error) error {
	var (
		ie *InterruptedError
		le *LockedError
		ce *ConnectionLostError
	)
	switch {
	case errors.As(err, &ie):
		return fmt.Errorf("%w: the write was rolled back, nothing was changed", err)
	case errors.As(err, &le):
		return err // says nothing was changed
	case errors.As(err, &ce):
		return fmt.Errorf("%s: %w (nothing was changed, unless the connection broke during COMMIT; loading again is safe either way)", what, err)
	}
	return fmt.Errorf("%s: %w (nothing was changed)", what, err)
}
