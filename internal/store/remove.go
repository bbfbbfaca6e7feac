package store

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// RemoveGraphs removes every quad of the named graphs labels in one
// transaction, under the write lock: all of them go, or (when the write
// fails) none. A graph that is not in the store removes nothing. The
// result counts the removed quads, per graph too (PerGraph, sorted by
// graph, one entry for each of labels).
func (s *Store) RemoveGraphs(ctx context.Context, labels []quad.Value) (Result, error) {
	return s.write(ctx, func() (Result, error) { return s.removeGraphs(ctx, labels) })
}

// removeGraphs is RemoveGraphs under the write lock.
func (s *Store) removeGraphs(ctx context.Context, labels []quad.Value) (Result, error) {
	want := map[quad.Value]int{}
	for _, l := range labels {
		want[l] = 0
	}
	tx := graph.NewTransaction()
	var res Result
	err := s.eachInGraphs(ctx, labels, func(q quad.Quad) error {
		if _, ok := want[q.Label]; !ok {
			return nil // another graph, on a backend that scans them all
		}
		tx.RemoveQuad(q)
		want[q.Label]++
		res.Removed++
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	for _, l := range sortedValues(want) {
		n := want[l]
		if n > 0 {
			res.Graphs++
		}
		res.PerGraph = append(res.PerGraph, GraphResult{Graph: l, Existed: n > 0, Removed: n})
	}
	if len(tx.Deltas) == 0 {
		return res, nil
	}
	var hook commitHook
	if s.bolt != nil {
		names := make([]string, len(labels))
		for i, l := range labels {
			names[i] = l.String()
		}
		hook = s.dropDigests(names)
	}
	if err := s.apply(ctx, tx, hook); err != nil {
		return Result{}, removeError(res.Removed, err)
	}
	return res, nil
}

// sortedValues returns the keys of m sorted by their N-Quads text.
func sortedValues[T any](m map[quad.Value]T) []quad.Value {
	out := make([]quad.Value, 0, len(m))
	for v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// errFound stops an iteration that found what it looked for.
var errFound = errors.New("found")

// HasGraph reports whether graph g holds any quad. A report's graph names
// itself as a subject (its prov:Bundle triples), which one index look-up
// finds; for other graphs (from RDF files) it reads the graph, on
// backends that do not index graphs until its first quad in a scan of
// the store.
func (s *Store) HasGraph(ctx context.Context, g quad.Value) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var has bool
	err := s.guard(func() error {
		var err error
		has, err = s.hasGraph(ctx, g)
		return err
	})
	return has, err
}

// Empty reports whether the store holds no quads (and, on bolt, no
// digests either): one read, so that a caller with many point look-ups to
// make (a load's checks against the store) can skip them all on a new
// store. On PostgreSQL each look-up is a round trip to the server.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var empty bool
	err := s.guard(func() error {
		var err error
		empty, err = s.empty(ctx)
		return err
	})
	return empty, err
}

func (s *Store) empty(ctx context.Context) (bool, error) {
	switch {
	case s.bolt != nil:
		return s.boltEmpty()
	case s.pg != nil:
		some, err := s.pg.anyQuads(ctx)
		if err != nil {
			return false, s.pg.explain(ctx, fmt.Errorf("look for quads: %w", err))
		}
		return !some, nil
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	some := it.Next(ctx)
	if err := it.Err(); err != nil {
		return false, s.explain(ctx, fmt.Errorf("look for quads: %w", err))
	}
	return !some, nil
}

func (s *Store) hasGraph(ctx context.Context, g quad.Value) (bool, error) {
	ref, err := s.qs.ValueOf(g)
	if err != nil {
		return false, fmt.Errorf("look up graph %s: %w", g, err)
	}
	if ref == nil {
		return false, nil
	}
	found := func(q quad.Quad) error {
		if q.Label == g {
			return errFound
		}
		return nil
	}
	err = s.iterate(ctx, s.qs.QuadIterator(quad.Subject, ref), found)
	if err == nil {
		err = s.eachInGraph(ctx, g, found)
	}
	if errors.Is(err, errFound) {
		return true, nil
	}
	return false, err
}
