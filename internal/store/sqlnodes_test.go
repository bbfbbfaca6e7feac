package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// TestNodeQuadsMatchesCayley: on PostgreSQL, Store.NodeQuads gives every
// node of the curated and round-trip quads, asked 100 nodes at once in
// each direction, the quads Cayley's iterator and Quad give it (every
// value, canonical); with a limit per node, that many of them, in
// QuadLookup's order. Stores without a server have no NodeQuads.
func TestNodeQuadsMatchesCayley(t *testing.T) {
	ctx := context.Background()
	for _, b := range []string{"memstore", "bolt"} {
		path := ""
		if b == "bolt" {
			path = t.TempDir() + "/cg.db"
		}
		if storetest.Open(t, b, path).NodeQuads() != nil {
			t.Errorf("%s has a NodeQuads", b)
		}
	}
	qs := append(storetest.Curated(t), storetest.RoundTripQuads()...)
	if raceOn {
		qs = qs[:800]
	}
	s := storetest.Open(t, "postgres", freshDatabase(t, postgresAdmin(t)))
	storetest.Load(t, s, qs)
	read := s.NodeQuads()
	if read == nil {
		t.Fatal("a PostgreSQL store has no NodeQuads")
	}
	line := func(q quad.Quad) string { return fmt.Sprint(q.Subject, q.Predicate, q.Object, q.Label) }
	compared, limited := 0, 0
	err := s.View(ctx, func(cqs graph.QuadStore) error {
		for _, from := range []quad.Direction{quad.Subject, quad.Object} {
			var nodes []quad.Value
			seen := map[quad.Value]bool{}
			for _, q := range qs {
				if n := rdf.Canonical(q).Get(from); !seen[n] {
					seen[n] = true
					nodes = append(nodes, n)
				}
			}
			for len(nodes) > 0 {
				batch := nodes[:min(100, len(nodes))]
				nodes = nodes[len(batch):]
				got, err := read(ctx, from, append(batch, batch[0]), 0) // a node given twice is found once
				if err != nil {
					return err
				}
				firsts, err := read(ctx, from, batch, 2)
				if err != nil {
					return err
				}
				for _, n := range batch {
					var want []string
					it := cqs.QuadIterator(from, csql.NodeHash{ValueHash: refs.HashOf(n)}).Iterate()
					for it.Next(ctx) {
						q, err := cqs.Quad(it.Result())
						if err != nil {
							return err
						}
						want = append(want, line(rdf.Canonical(q)))
					}
					if err := it.Err(); err != nil {
						return err
					}
					it.Close()
					var lines []string
					for _, q := range got[n] {
						lines = append(lines, line(q))
					}
					slices.Sort(lines)
					slices.Sort(want)
					if !slices.Equal(lines, want) {
						t.Errorf("%v %v: NodeQuads\n%q\nCayley\n%q", from, n, lines, want)
					}
					compared += len(lines)
					if f := firsts[n]; len(f) != min(2, len(want)) {
						t.Errorf("%v %v, 2 a node: %d quads of %d", from, n, len(f), len(want))
					} else {
						for _, q := range f {
							if _, ok := slices.BinarySearch(want, line(q)); !ok {
								t.Errorf("%v %v, 2 a node: %s is not one of its quads", from, n, line(q))
							}
						}
						if len(want) > 2 {
							limited++
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if compared < 2*len(qs) || limited < 10 {
		t.Errorf("compared %d quads for %d quads, %d nodes limited: the test compares little", compared, len(qs), limited)
	}
}
