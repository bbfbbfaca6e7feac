package export

import (
	"context"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/export/source"
	"github.com/confgraph/confgraph/internal/store"
)

// StoreSource returns the quads of s (all graphs, or only graph g when it
// is not nil) as a Source. The store is read once, here, and its quads are
// sorted in memory; the writers only walk the sorted sequence, so an
// external sort can replace this function without touching them.
func StoreSource(ctx context.Context, s *store.Store, g quad.Value) (source.Source, error) {
	qs, err := s.Quads(ctx, g)
	if err != nil {
		return source.Source{}, err
	}
	return source.FromSorted(qs), nil
}
