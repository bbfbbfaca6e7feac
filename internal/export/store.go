package export

import (
	"context"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/sortquads"
	"github.com/confgraph/confgraph/internal/store"
)

// StoreSource returns the quads of s (all graphs, or only graph g when it
// is not nil) as the Source format f reads; onQuad, when not nil, is called
// for every quad read from the store.
//
// Formats that only walk Source.All (f.Streams) get an external sort with
// bounded memory: each walk reads the store and sorts through temporary
// files, so memory stays flat however large the store is. The others need
// the quads per graph or hold an entity graph anyway: the store is read
// once and sorted in memory.
func StoreSource(ctx context.Context, s *store.Store, g quad.Value, f Format, onQuad func()) (rdf.Source, error) {
	return StoreSourceWith(ctx, s, g, f, onQuad, sortquads.Options{})
}

// StoreSourceWith is StoreSource with the external sort's options. A walk
// of the source ends with ctx (the store's reads watch it, and so does
// the merge of the sort, which then removes its temporary files).
func StoreSourceWith(ctx context.Context, s *store.Store, g quad.Value, f Format, onQuad func(), opt sortquads.Options) (rdf.Source, error) {
	walks := 0
	each := func(fn func(string, quad.Quad) error) error {
		walks++
		if walks > 1 || onQuad == nil {
			return s.EachKeyed(ctx, g, fn)
		}
		return s.EachKeyed(ctx, g, func(k string, q quad.Quad) error {
			onQuad()
			return fn(k, q)
		})
	}
	if f.Streams {
		sorted := sortquads.SeqKeyed(each, opt)
		lines := sortquads.Lines(each, opt)
		return rdf.Source{
			All: rdf.Seq(func(yield func(quad.Quad) error) error {
				n := 0
				return sorted(func(q quad.Quad) error {
					if n++; n%1024 == 0 && ctx.Err() != nil {
						return &store.InterruptedError{Cause: context.Cause(ctx)}
					}
					return yield(q)
				})
			}),
			Lines: rdf.LineSeq(func(yield func(string) error) error {
				n := 0
				return lines(func(l string) error {
					if n++; n%1024 == 0 && ctx.Err() != nil {
						return &store.InterruptedError{Cause: context.Cause(ctx)}
					}
					return yield(l)
				})
			}),
		}, nil
	}
	var qs []quad.Quad
	err := s.Each(ctx, g, func(q quad.Quad) error {
		if onQuad != nil {
			onQuad()
		}
		qs = append(qs, q)
		return nil
	})
	if err != nil {
		return rdf.Source{}, err
	}
	return rdf.FromQuads(qs), nil
}
