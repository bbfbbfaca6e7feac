package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// splitForParts splits qs by graph: the graphs in eager are given as
// quads, the others as parts, each graph's quads in `pieces` parts (the
// last graph's parts given first, so the store has to order them).
func splitForParts(qs []quad.Quad, eager map[string]bool, pieces int) ([]quad.Quad, []store.Part) {
	var labels []quad.Value
	by := map[string][]quad.Quad{}
	for _, q := range qs {
		k := q.Label.String()
		if by[k] == nil {
			labels = append(labels, q.Label)
		}
		by[k] = append(by[k], q)
	}
	var quads []quad.Quad
	var parts []store.Part
	for _, l := range labels {
		gq := by[l.String()]
		if eager[l.String()] {
			quads = append(quads, gq...)
			continue
		}
		n := max(1, len(gq)/pieces)
		for i := 0; i < len(gq); i += n {
			piece := gq[i:min(i+n, len(gq))]
			parts = append(parts, store.Part{Graph: l, Quads: func() ([]quad.Quad, error) { return piece, nil }})
		}
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return quads, parts
}

// TestReplacePartsMatchesReplace loads the curated quads split into quads
// and parts in several ways (a graph in both, one graph in many parts,
// every graph a part) with ReplaceParts: a first load into an empty bolt
// store (the bulk builder), a load into a bolt store that holds another
// graph (Cayley's writer), a load into memstore, and the same two loads on
// PostgreSQL (a streamed first load, Cayley's writer) must give what
// Replace of all the quads gives: the same export, counts and digests.
func TestReplacePartsMatchesReplace(t *testing.T) {
	ctx := context.Background()
	qs := storetest.Curated(t)
	if raceOn {
		qs = qs[:600]
	}
	qs = append(qs, storetest.RoundTripQuads()...)
	want := storetest.Expected(t, qs)
	var first, last string
	for _, q := range qs {
		if first == "" {
			first = q.Label.String()
		}
		last = q.Label.String()
	}
	// A graph given both as quads and as parts: its first half as quads.
	var both []quad.Quad
	var bothParts []store.Part
	{
		quads, parts := splitForParts(qs, map[string]bool{}, 1)
		both = quads
		for _, p := range parts {
			gq, _ := p.Quads()
			if p.Graph.String() == first {
				both = append(both, gq[:len(gq)/2]...)
				rest := gq[len(gq)/2:]
				bothParts = append(bothParts, store.Part{Graph: p.Graph, Quads: func() ([]quad.Quad, error) { return rest, nil }})
				continue
			}
			bothParts = append(bothParts, p)
		}
	}
	type split struct {
		name  string
		quads []quad.Quad
		parts func() []store.Part
	}
	mk := func(eager map[string]bool, pieces int) ([]quad.Quad, func() []store.Part) {
		quads, _ := splitForParts(qs, eager, pieces)
		return quads, func() []store.Part { _, p := splitForParts(qs, eager, pieces); return p }
	}
	var splits []split
	for _, c := range []struct {
		name   string
		eager  map[string]bool
		pieces int
	}{
		{"every graph a part", map[string]bool{}, 1},
		{"every graph in 7 parts", map[string]bool{}, 7},
		{"first and last graph as quads", map[string]bool{first: true, last: true}, 3},
	} {
		quads, parts := mk(c.eager, c.pieces)
		splits = append(splits, split{c.name, quads, parts})
	}
	splits = append(splits, split{"a graph as quads and as a part", both, func() []store.Part { return bothParts }})

	ref := storetest.Open(t, "bolt", filepath.Join(t.TempDir(), "ref.db"))
	wantRes := storetest.Load(t, ref, qs)
	wantDigests, err := ref.Digests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other := quad.IRI("https://confgraph.example/id/graph/other")
	for _, sp := range splits {
		for _, target := range []string{"bolt, empty", "bolt, holding another graph", "memstore", "postgres, empty", "postgres, holding another graph"} {
			t.Run(sp.name+"/"+target, func(t *testing.T) {
				var s *store.Store
				switch target {
				case "memstore":
					s = storetest.Open(t, "memstore", "")
				case "postgres, empty", "postgres, holding another graph":
					// A first load streams into COPY (pgfirstload.go);
					// the other goes through Cayley's writer.
					s = storetest.Open(t, "postgres", freshDatabase(t, postgresAdmin(t)))
				default:
					s = storetest.Open(t, "bolt", filepath.Join(t.TempDir(), "cg.db"))
				}
				if strings.HasSuffix(target, "holding another graph") {
					storetest.Load(t, s, []quad.Quad{{Subject: quad.IRI("https://confgraph.example/id/x"), Predicate: quad.IRI("https://confgraph.example/vocab#p"), Object: quad.String("x"), Label: other}})
				}
				res, err := s.ReplaceParts(ctx, sp.quads, sp.parts())
				if err != nil {
					t.Fatalf("ReplaceParts: %v", err)
				}
				if res.Total != wantRes.Total || res.Added != wantRes.Added || res.Graphs != wantRes.Graphs || !reflect.DeepEqual(res.PerGraph, wantRes.PerGraph) {
					t.Errorf("result %+v, want %+v", res, wantRes)
				}
				if strings.HasSuffix(target, "holding another graph") {
					if _, err := s.RemoveGraphs(ctx, []quad.Value{other}); err != nil {
						t.Fatal(err)
					}
				}
				storetest.SameBytes(t, "export", storetest.Export(t, s, nil), want)
				if strings.HasPrefix(target, "bolt") {
					d, err := s.Digests(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(d, wantDigests) {
						t.Errorf("digests differ from Replace's: got %d, want %d", len(d), len(wantDigests))
					}
				}
			})
		}
	}
}

// TestReplacePartsFails: a part that fails, or gives a quad of another
// graph than its own, loads nothing, on bolt and PostgreSQL: the store is
// as it was (empty, or holding what it held), and a first load leaves no
// build file.
func TestReplacePartsFails(t *testing.T) {
	ctx := context.Background()
	g1 := quad.IRI("https://confgraph.example/id/graph/a")
	g2 := quad.IRI("https://confgraph.example/id/graph/b")
	q := func(g quad.IRI, o string) quad.Quad {
		return quad.Quad{Subject: quad.IRI("https://confgraph.example/id/x"), Predicate: quad.IRI("https://confgraph.example/vocab#p"), Object: quad.String(o), Label: g}
	}
	boom := errors.New("mapping failed")
	ok := func(qs ...quad.Quad) func() ([]quad.Quad, error) {
		return func() ([]quad.Quad, error) { return qs, nil }
	}
	tests := []struct {
		name  string
		parts []store.Part
		check func(error) bool
	}{
		{"a part fails", []store.Part{{Graph: g1, Quads: ok(q(g1, "1"))}, {Graph: g2, Quads: func() ([]quad.Quad, error) { return nil, boom }}},
			func(err error) bool { return errors.Is(err, boom) }},
		{"the first part fails", []store.Part{{Graph: g1, Quads: func() ([]quad.Quad, error) { return nil, boom }}, {Graph: g2, Quads: ok(q(g2, "2"))}},
			func(err error) bool { return errors.Is(err, boom) }},
		{"a quad of another graph", []store.Part{{Graph: g1, Quads: ok(q(g1, "1"))}, {Graph: g2, Quads: ok(q(g1, "2"))}},
			func(err error) bool {
				var pe *store.PartGraphError
				return errors.As(err, &pe) && pe.Part == quad.Value(g2) && pe.Quad == quad.Value(g1)
			}},
	}
	for _, tc := range tests {
		for _, c := range []struct {
			backend string
			held    bool
		}{{"bolt", false}, {"bolt", true}, {"postgres", false}, {"postgres", true}} {
			held := c.held
			name := tc.name + "/" + c.backend + ", empty store"
			if held {
				name = tc.name + "/" + c.backend + ", store holding a graph"
			}
			t.Run(name, func(t *testing.T) {
				var s *store.Store
				dir := filepath.Join(t.TempDir(), "cg.db")
				if c.backend == "postgres" {
					s = storetest.Open(t, "postgres", freshDatabase(t, postgresAdmin(t)))
				} else {
					s = storetest.Open(t, "bolt", dir)
				}
				var before []byte
				if held {
					storetest.Load(t, s, []quad.Quad{q(g1, "kept")})
					before = storetest.Export(t, s, nil)
				}
				_, err := s.ReplaceParts(ctx, []quad.Quad{q(quad.IRI("https://confgraph.example/id/graph/c"), "3")}, tc.parts)
				if err == nil || !tc.check(err) {
					t.Fatalf("ReplaceParts: %v", err)
				}
				storetest.SameBytes(t, "store after the failed load", storetest.Export(t, s, nil), before)
				if c.backend != "bolt" {
					return
				}
				if f := buildFiles(t, dir); len(f) > 0 {
					t.Errorf("the failed load left %v", f)
				}
			})
		}
	}
}

// TestReplacePartsOrder: the parts' Quads are called once each, and a
// first load writes (and counts) the graphs in the order of their terms,
// whatever the order of the parts.
func TestReplacePartsOrder(t *testing.T) {
	ctx := context.Background()
	var labels []string
	for _, id := range []string{"m", "c", "x", "a", "q", "b", "z", "k", "d", "e"} {
		labels = append(labels, "https://confgraph.example/id/graph/"+id)
	}
	calls := make([]int, len(labels))
	var parts []store.Part
	for i, l := range labels {
		g := quad.IRI(l)
		parts = append(parts, store.Part{Graph: g, Quads: func() ([]quad.Quad, error) {
			calls[i]++
			return []quad.Quad{{Subject: quad.IRI("https://confgraph.example/id/x"), Predicate: quad.IRI("https://confgraph.example/vocab#p"), Object: quad.String(l), Label: g}}, nil
		}})
	}
	s := storetest.Open(t, "bolt", filepath.Join(t.TempDir(), "cg.db"))
	res, err := s.ReplaceParts(ctx, nil, parts)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range calls {
		if n != 1 {
			t.Errorf("part %s: Quads called %d times", labels[i], n)
		}
	}
	var got []string
	for _, g := range res.PerGraph {
		got = append(got, g.Graph.String())
	}
	want := make([]string, len(labels))
	for i, l := range labels {
		want[i] = "<" + l + ">"
	}
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) || res.Total != len(labels) {
		t.Errorf("graphs written %v (%d quads), want %v", got, res.Total, want)
	}
}
