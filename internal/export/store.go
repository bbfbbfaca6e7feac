package export

import (
	"context"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/export/source"
	"github.com/confgraph/confgraph/internal/store"
)

// StoreSource returns the quads of s (all graphs, or only graph g when it
// is not nil) as a Source. Each walk reads the store again and sorts that
// walk's quads; nothing is held between walks.
func StoreSource(ctx context.Context, s *store.Store, g quad.Value) (source.Source, error) {
	graphs := []quad.Value{g}
	if g == nil {
		var err error
		if graphs, err = s.Graphs(ctx); err != nil {
			return source.Source{}, err
		}
	}
	walk := func(g quad.Value) source.Seq {
		return func(yield func(quad.Quad) error) error {
			qs, err := s.Quads(ctx, g)
			if err != nil {
				return err
			}
			return source.Slice(qs)(yield)
		}
	}
	return source.Source{Graphs: graphs, All: walk(g), InGraph: walk}, nil
}
