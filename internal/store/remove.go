package store

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// RemoveGraphs removes every quad of the named graphs labels in one
// transaction, under the write lock: all of them go, or (when the write
// fails) none. A graph that is not in the store removes nothing.
func (s *Store) RemoveGraphs(ctx context.Context, labels []quad.Value) (Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx := graph.NewTransaction()
	var res Result
	for _, l := range labels {
		n := 0
		err := s.eachInGraph(ctx, l, func(q quad.Quad) error {
			tx.RemoveQuad(q)
			n++
			return nil
		})
		if err != nil {
			return Result{}, err
		}
		if n > 0 {
			res.Graphs++
			res.Removed += n
		}
	}
	if len(tx.Deltas) == 0 {
		return res, nil
	}
	if err := s.w.ApplyTransaction(tx); err != nil {
		return Result{}, fmt.Errorf("remove %d quads: %w (nothing was changed)", res.Removed, err)
	}
	return res, nil
}
