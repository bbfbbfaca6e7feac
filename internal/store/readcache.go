package store

import "sync"

// This file is what readers may keep between reads of a store: answers
// derived from what the store holds (the query engine's list of report
// graphs, the names of nodes), valid until the store is next written.
//
// Only this process's writes are seen here, so a store keeps such answers
// only where no other process can write while it is open: memstore (in
// this process alone) and bolt (bbolt's file lock: a writer excludes every
// other process, a reader every writer). On PostgreSQL and CockroachDB
// other processes write at any time, and Cached computes every answer
// afresh.

// readCache holds the answers kept; every write of the store empties it
// and counts a generation, so that an answer computed across a write is
// not kept.
type readCache struct {
	mu  sync.Mutex
	m   map[string]any
	gen uint64 // writes seen (forgetReads)
}

// keepsReads reports whether answers derived from the store may be kept
// between reads (see above).
func (s *Store) keepsReads() bool { return s.backend.WriterLock && s.backend.sql == nil }

// Cached returns the answer kept under key, or calls make, keeps its
// answer (unless it failed) and returns it. It is meant to be called
// inside View, where no write runs beside it: make reads the store, and
// what it returns must not change afterwards (the callers share it). Two
// readers may both call make for one key; the answer kept is one of them.
// An answer whose make ran while the store was written (the cache was
// emptied between the start of make and its end) is returned but not
// kept: it may have read the store as it was before the write.
func (s *Store) Cached(key string, make func() (any, error)) (any, error) {
	if !s.keepsReads() {
		return make()
	}
	s.reads.mu.Lock()
	v, ok := s.reads.m[key]
	gen := s.reads.gen
	s.reads.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := make()
	if err != nil {
		return nil, err
	}
	s.reads.mu.Lock()
	defer s.reads.mu.Unlock()
	if s.reads.gen != gen {
		return v, nil
	}
	if s.reads.m == nil {
		s.reads.m = map[string]any{}
	}
	if old, ok := s.reads.m[key]; ok {
		return old, nil
	}
	s.reads.m[key] = v
	return v, nil
}

// forgetReads drops every kept answer; the store's writers call it while
// they hold the write lock, after writing (whether or not the write
// succeeded), and counts the write for Cached.
func (s *Store) forgetReads() {
	s.reads.mu.Lock()
	s.reads.m = nil
	s.reads.gen++
	s.reads.mu.Unlock()
}
