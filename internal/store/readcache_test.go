package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// TestCached: memstore and bolt keep an answer until the store is next
// written (a load, a removal or an Update, failed or not; a load refused
// before it writes keeps them); an answer computed across a write is not
// kept; an answer that failed
// is not kept; a SQL store, which other processes write, keeps nothing.
func TestCached(t *testing.T) {
	ctx := context.Background()
	q := func(s string) quad.Quad {
		return quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String(s), Label: quad.IRI("g")}
	}
	for _, backend := range []string{"memstore", "bolt"} {
		t.Run(backend, func(t *testing.T) {
			path := ""
			if backend == "bolt" {
				path = filepath.Join(t.TempDir(), "cg.db")
			}
			s, err := Open(ctx, backend, path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			calls := 0
			get := func() any {
				t.Helper()
				v, err := s.Cached("k", func() (any, error) { calls++; return calls, nil })
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			if v := get(); v != 1 {
				t.Fatalf("first answer %v, want 1", v)
			}
			if v := get(); v != 1 || calls != 1 {
				t.Fatalf("second answer %v after %d calls, want the kept 1 after one call", v, calls)
			}
			if _, err := s.Replace(ctx, []quad.Quad{q("a")}); err != nil {
				t.Fatal(err)
			}
			if v := get(); v != 2 {
				t.Fatalf("after a load: %v, want 2 (computed again)", v)
			}
			if _, err := s.Replace(ctx, []quad.Quad{{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: quad.String("x")}}); err == nil {
				t.Fatal("a quad without graph loaded")
			}
			if v := get(); v != 2 {
				t.Fatalf("after a load refused before writing: %v, want the kept 2", v)
			}
			if _, err := s.RemoveGraphs(ctx, []quad.Value{quad.IRI("g")}); err != nil {
				t.Fatal(err)
			}
			if v := get(); v != 3 {
				t.Fatalf("after a removal: %v, want 3", v)
			}
			add := func(qs graph.QuadStore) error {
				return qs.ApplyDeltas([]graph.Delta{{Quad: q("u"), Action: graph.Add}}, graph.IgnoreOpts{IgnoreDup: true})
			}
			if err := s.Update(ctx, add); err != nil {
				t.Fatal(err)
			}
			if v := get(); v != 4 {
				t.Fatalf("after an Update: %v, want 4", v)
			}
			fail := errors.New("fail")
			if err := s.Update(ctx, func(qs graph.QuadStore) error { return fail }); !errors.Is(err, fail) {
				t.Fatalf("failed Update: %v, want fail", err)
			}
			if v := get(); v != 5 {
				t.Fatalf("after a failed Update: %v, want 5 (a write forgets whether or not it succeeded)", v)
			}
			// An answer computed while the store is written may have read
			// it as it was: it is returned, not kept.
			v, err := s.Cached("w", func() (any, error) {
				if _, err := s.Replace(ctx, []quad.Quad{q("w")}); err != nil {
					return nil, err
				}
				return "before", nil
			})
			if err != nil || v != "before" {
				t.Fatalf("answer across a write: %v, %v; want before", v, err)
			}
			if v, err := s.Cached("w", func() (any, error) { return "after", nil }); err != nil || v != "after" {
				t.Fatalf("after an answer computed across a write: %v, %v; want after (the first not kept)", v, err)
			}
			boom := errors.New("boom")
			if _, err := s.Cached("e", func() (any, error) { return nil, boom }); !errors.Is(err, boom) {
				t.Fatalf("failed answer: %v, want boom", err)
			}
			if v, err := s.Cached("e", func() (any, error) { return "ok", nil }); err != nil || v != "ok" {
				t.Fatalf("after a failure: %v, %v; want ok (the failure not kept)", v, err)
			}
		})
	}
	t.Run("sql", func(t *testing.T) {
		s := &Store{backend: backendPostgres}
		calls := 0
		for range 2 {
			if _, err := s.Cached("k", func() (any, error) { calls++; return calls, nil }); err != nil {
				t.Fatal(err)
			}
		}
		if calls != 2 {
			t.Fatalf("a PostgreSQL store computed %d times in two reads, want 2 (nothing kept)", calls)
		}
	})
}
