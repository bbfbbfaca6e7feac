package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store"
)

// TestReplaceManyGraphs reloads some of several graphs at once: on bolt the
// graphs being replaced are read in one pass over the store (bolt does not
// index graphs), which must leave every other graph alone and change exactly
// the quads that differ.
func TestReplaceManyGraphs(t *testing.T) {
	const id = "https://confgraph.example/id/"
	g := func(r string) quad.IRI { return quad.IRI(id + "graph/" + r) }
	attended := func(graph quad.IRI, who, at string) quad.Quad {
		return quad.Quad{
			Subject:   quad.IRI(id + "attendance/" + who),
			Predicate: quad.IRI("https://confgraph.example/vocab#at"),
			Object:    quad.IRI(id + "bridge/" + at),
			Label:     graph,
		}
	}
	// Paragraph 2 of the report places Ngo Dong Hai at the central bridge,
	// paragraph 8 the delegates at the Thai Binh bridge; graphs b and c
	// repeat those facts as other reports would.
	a1 := attended(g("a"), "ngo-dong-hai", "central-bridge")
	a2 := attended(g("a"), "delegates-thai-binh-bridge", "thai-binh-bridge")
	a3 := attended(g("a"), "pham-van-tuan", "central-bridge")
	b1 := attended(g("b"), "ngo-dong-hai", "central-bridge")
	c1 := attended(g("c"), "delegates-thai-binh-bridge", "thai-binh-bridge")
	c2 := attended(g("c"), "truong-thi-mai", "hanoi")

	for _, backend := range []string{"memstore", "bolt"} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			path := ""
			if backend == "bolt" {
				path = filepath.Join(t.TempDir(), "cg.db")
			}
			s, err := store.Open(ctx, backend, path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Replace(ctx, []quad.Quad{a1, a2, b1, c1, c2}); err != nil {
				t.Fatal(err)
			}
			// Graph a loses a2 and gains a3; b is given unchanged; c is not
			// part of this load and must keep both quads.
			res, err := s.Replace(ctx, []quad.Quad{a1, a3, b1})
			if err != nil {
				t.Fatal(err)
			}
			per := res.PerGraph
			res.PerGraph = nil
			if want := (store.Result{Graphs: 2, Added: 1, Removed: 1, Total: 3}); !reflect.DeepEqual(res, want) {
				t.Errorf("reload result %+v, want %+v", res, want)
			}
			if len(per) != 2 || per[0] != (store.GraphResult{Graph: a1.Label, Existed: true, Added: 1, Removed: 1, Total: 2}) ||
				per[1] != (store.GraphResult{Graph: b1.Label, Existed: true, Total: 1}) {
				t.Errorf("reload result per graph %+v", per)
			}
			got, err := s.Quads(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := []quad.Quad{a1, a3, b1, c1, c2}
			rdf.Sort(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("store holds\n%v\nwant\n%v", got, want)
			}
			again, err := s.Replace(ctx, []quad.Quad{b1, a3, a1})
			if err != nil {
				t.Fatal(err)
			}
			if again.Added != 0 || again.Removed != 0 {
				t.Errorf("loading the same quads again changed %d added, %d removed", again.Added, again.Removed)
			}
			for _, gr := range []quad.IRI{g("a"), g("b"), g("c")} {
				qs, err := s.Quads(ctx, gr)
				if err != nil {
					t.Fatal(err)
				}
				n := slices.IndexFunc(want, func(q quad.Quad) bool { return q.Label == gr })
				if n < 0 || len(qs) == 0 || qs[0] != want[n] {
					t.Errorf("graph %s reads back as %v", gr, qs)
				}
			}
		})
	}
}
