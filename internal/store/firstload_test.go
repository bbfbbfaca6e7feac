package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// buildFiles lists what first loads left in a bolt store's directory.
func buildFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), store.BoltFile+".load-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// uses counts, per value of qs, the quads of the store that have it as
// subject and as object, through Cayley's quad indexes.
func uses(t *testing.T, s *store.Store, qs []quad.Quad) map[string][2]int {
	t.Helper()
	out := map[string][2]int{}
	err := s.View(context.Background(), func(g graph.QuadStore) error {
		for _, q := range qs {
			for _, v := range []quad.Value{q.Subject, q.Object, q.Predicate, q.Label} {
				if _, done := out[v.String()]; done {
					continue
				}
				ref, err := g.ValueOf(v)
				if err != nil {
					return err
				}
				if ref == nil {
					t.Errorf("value %s is not in the store", v)
					continue
				}
				var n [2]int
				for i, d := range []quad.Direction{quad.Subject, quad.Object} {
					it := g.QuadIterator(d, ref).Iterate()
					for it.Next(context.Background()) {
						n[i]++
					}
					if err := it.Err(); err != nil {
						return err
					}
					it.Close()
				}
				out[v.String()] = n
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBoltFirstLoadMatchesCayley loads the same quads into an empty bolt
// store (written by the bulk builder) and into a store that held another
// graph first (written by Cayley's writer, the graph removed after): both
// must export the same, record the same digests, pass check, find every
// value and quad through Cayley's indexes alike, and take the same reload.
func TestBoltFirstLoadMatchesCayley(t *testing.T) {
	ctx := context.Background()
	qs := storetest.Curated(t)
	if raceOn {
		qs = qs[:600] // the race detector makes every bolt read slow
	}
	qs = append(qs, storetest.RoundTripQuads()...)
	want := storetest.Expected(t, qs)

	defer store.SetBuildBatch(97)() // many commits in one build
	dirA := filepath.Join(t.TempDir(), "built.db")
	a := storetest.Open(t, "bolt", dirA)
	res := storetest.Load(t, a, qs)
	if res.Removed != 0 || res.Added != res.Total || res.Total != strings.Count(string(want), "\n") {
		t.Errorf("first load: %+v, want every one of %d quads added", res, strings.Count(string(want), "\n"))
	}
	for _, g := range res.PerGraph {
		if g.Existed || g.Added != g.Total {
			t.Errorf("first load, graph %s: %+v", g.Graph, g)
		}
	}
	if f := buildFiles(t, dirA); len(f) > 0 {
		t.Errorf("the first load left %v", f)
	}

	dirB := filepath.Join(t.TempDir(), "cayley.db")
	b := storetest.Open(t, "bolt", dirB)
	other := quad.IRI("https://confgraph.example/id/graph/other")
	storetest.Load(t, b, []quad.Quad{{Subject: quad.IRI("https://confgraph.example/id/x"), Predicate: quad.IRI("https://confgraph.example/vocab#p"), Object: quad.String("x"), Label: other}})
	storetest.Load(t, b, qs)
	if _, err := b.RemoveGraphs(ctx, []quad.Value{other}); err != nil {
		t.Fatal(err)
	}

	storetest.SameBytes(t, "export of the built store", storetest.Export(t, a, nil), want)
	storetest.SameBytes(t, "export of the store Cayley wrote", storetest.Export(t, b, nil), want)
	da, err := a.Digests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := b.Digests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(da) == 0 || len(da) != len(db) {
		t.Fatalf("digests: built %d, Cayley's %d", len(da), len(db))
	}
	for g, d := range db {
		if da[g] != d {
			t.Errorf("digest of %s: built %+v, Cayley's %+v", g, da[g], d)
		}
	}
	checkClean(t, a, "the built store")
	ua, ub := uses(t, a, qs), uses(t, b, qs)
	for v, n := range ub {
		if ua[v] != n {
			t.Errorf("quads with %s as subject, object: built %v, Cayley's %v", v, ua[v], n)
		}
	}

	// A reload on top of each (Cayley's writer on both): drop the first
	// graph's first half, add quads that reuse its nodes.
	labels := map[quad.Value]bool{}
	var first quad.Value
	for _, q := range qs {
		if first == nil {
			first = q.Label
		}
		labels[q.Label] = true
	}
	var next []quad.Quad
	kept := 0
	for _, q := range qs {
		if q.Label != first {
			continue
		}
		if kept++; kept%2 == 0 {
			next = append(next, q)
		}
	}
	next = append(next, quad.Quad{Subject: next[0].Subject, Predicate: next[0].Predicate, Object: quad.String("added by the reload"), Label: first})
	ra, rb := storetest.Load(t, a, next), storetest.Load(t, b, next)
	if ra.Added != rb.Added || ra.Removed != rb.Removed || ra.Removed == 0 {
		t.Errorf("reload: built store %+v, Cayley's %+v", ra, rb)
	}
	ea, eb := storetest.Export(t, a, nil), storetest.Export(t, b, nil)
	storetest.SameBytes(t, "export after the reload", ea, eb)
	checkClean(t, a, "the built store after a reload")

	// Reopened, the built store is the same.
	a.Close()
	a2 := storetest.Open(t, "bolt", dirA)
	storetest.SameBytes(t, "export of the built store reopened", storetest.Export(t, a2, nil), eb)
	checkClean(t, a2, "the built store reopened")
}

func checkClean(t *testing.T, s *store.Store, what string) {
	t.Helper()
	r, err := s.Check(context.Background())
	if err != nil {
		t.Fatalf("check %s: %v", what, err)
	}
	if r.Damaged() {
		t.Fatalf("check %s: %+v", what, r)
	}
	for _, g := range r.Graphs {
		if g.Status != store.GraphOK {
			t.Errorf("check %s: graph %s: %+v", what, g.Graph, g)
		}
	}
}

// TestBoltFirstLoadInterrupted: a first load whose context has ended
// writes nothing and leaves no file behind.
func TestBoltFirstLoadInterrupted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cg.db")
	s := storetest.Open(t, "bolt", dir)
	before, err := os.ReadFile(filepath.Join(dir, store.BoltFile))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Replace(ctx, storetest.Curated(t))
	var ie *store.InterruptedError
	if !errors.As(err, &ie) {
		t.Fatalf("load with an ended context: %v, want an InterruptedError", err)
	}
	if f := buildFiles(t, dir); len(f) > 0 {
		t.Errorf("the interrupted load left %v", f)
	}
	s.Close()
	after, err := os.ReadFile(filepath.Join(dir, store.BoltFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("the interrupted first load changed the store's file")
	}
}

// TestBoltOpenRemovesBuildFiles: a writable open removes what a killed
// first load left beside the store; a read-only open leaves it.
func TestBoltOpenRemovesBuildFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cg.db")
	s := storetest.Open(t, "bolt", dir)
	s.Close()
	stray := filepath.Join(dir, store.BoltFile+".load-0123456789abcdef")
	if err := os.WriteFile(stray, []byte("half a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := store.OpenReadOnly(context.Background(), "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := os.Stat(stray); err != nil {
		t.Fatalf("a read-only open removed the build file: %v", err)
	}
	s = storetest.Open(t, "bolt", dir)
	defer s.Close()
	if _, err := os.Stat(stray); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a writable open left the build file: %v", err)
	}
}
