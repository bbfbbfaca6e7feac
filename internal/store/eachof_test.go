package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store/storetest"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// TestEachOf: on every backend, EachOf gives the quads of the predicates
// asked for, each once, as Each filtered by predicate gives them; a
// predicate the store lacks adds nothing, and none gives nothing.
func TestEachOf(t *testing.T) {
	ctx := context.Background()
	qs := append(storetest.Curated(t), storetest.RoundTripQuads()...)
	preds := []quad.IRI{v.Label, v.PrefLabel, quad.IRI("https://example.org/no-such-predicate")}
	for _, b := range []string{"memstore", "bolt", "postgres"} {
		t.Run(b, func(t *testing.T) {
			path := ""
			switch b {
			case "bolt":
				path = t.TempDir() + "/cg.db"
			case "postgres":
				path = freshDatabase(t, postgresAdmin(t))
			}
			s := storetest.Open(t, b, path)
			storetest.Load(t, s, qs)
			var want, got []quad.Quad
			if err := s.Each(ctx, nil, func(q quad.Quad) error {
				if p, ok := q.Predicate.(quad.IRI); ok && slices.Contains(preds, p) {
					want = append(want, q)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := s.EachOf(ctx, preds, func(q quad.Quad) error {
				got = append(got, q)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			rdf.Sort(want)
			rdf.Sort(got)
			if len(want) < 50 {
				t.Fatalf("%d name quads: the test compares little", len(want))
			}
			if !slices.EqualFunc(got, want, func(a, b quad.Quad) bool { return a == b }) {
				t.Errorf("EachOf gives %d quads, Each filtered %d", len(got), len(want))
			}
			n := 0
			if err := s.EachOf(ctx, nil, func(quad.Quad) error { n++; return nil }); err != nil || n != 0 {
				t.Errorf("EachOf with no predicates: %d quads, %v", n, err)
			}
		})
	}
}
