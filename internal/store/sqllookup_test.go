package store_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// TestSQLLookupMatchesCayley: on PostgreSQL, Store.Lookup finds for every
// node of the curated and round-trip quads, in each direction, with each
// of its predicates and with none, the quads Cayley's own iterator finds,
// each with the value Cayley's NameOf gives its other end, in the order
// Lookup promises (predicate, other end, graph); asked for many nodes at
// once (with and without a limit per node), each node's quads as its own
// look-up found them. Stores without a server have no Lookup.
func TestSQLLookupMatchesCayley(t *testing.T) {
	ctx := context.Background()
	for _, b := range []string{"memstore", "bolt"} {
		path := ""
		if b == "bolt" {
			path = t.TempDir() + "/cg.db"
		}
		if storetest.Open(t, b, path).Lookup() != nil {
			t.Errorf("%s has a Lookup", b)
		}
	}
	qs := append(storetest.Curated(t), storetest.RoundTripQuads()...)
	if raceOn {
		qs = qs[:800]
	}
	s := storetest.Open(t, "postgres", freshDatabase(t, postgresAdmin(t)))
	storetest.Load(t, s, qs)
	look := s.Lookup()
	if look == nil {
		t.Fatal("a PostgreSQL store has no Lookup")
	}
	type ask struct {
		from       quad.Direction
		node, pred refs.ValueHash // pred zero: any
	}
	var asks []ask
	seen := map[ask]bool{}
	for _, q := range qs {
		q = rdf.Canonical(q)
		for _, from := range []quad.Direction{quad.Subject, quad.Object} {
			n := refs.HashOf(q.Get(from))
			for _, a := range []ask{{from, n, refs.HashOf(q.Predicate)}, {from, n, refs.ValueHash{}}} {
				if !seen[a] {
					seen[a] = true
					asks = append(asks, a)
				}
			}
		}
	}
	line := func(q refs.QuadHash, v quad.Value) string {
		return fmt.Sprintf("%x %x %x %x %#v", q.Subject[:], q.Predicate[:], q.Object[:], q.Label[:], v)
	}
	found := 0
	each := map[ask][]store.LookedUpQuad{}
	err := s.View(ctx, func(cqs graph.QuadStore) error {
		for _, a := range asks {
			with := quad.Object
			if a.from == quad.Object {
				with = quad.Subject
			}
			var want []string
			it := cqs.QuadIterator(a.from, csql.NodeHash{ValueHash: a.node}).Iterate()
			for it.Next(ctx) {
				qh := it.Result().(csql.QuadHashes).QuadHash
				if a.pred.Valid() && qh.Predicate != a.pred {
					continue
				}
				v, err := cqs.NameOf(csql.NodeHash{ValueHash: qh.Get(with)})
				if err != nil {
					return err
				}
				want = append(want, line(qh, v))
			}
			if err := it.Err(); err != nil {
				return err
			}
			it.Close()
			got, err := look(ctx, a.from, []refs.ValueHash{a.node}, a.pred, with, 0)
			if err != nil {
				return err
			}
			each[a] = got
			if len(got) > 1 {
				first, err := look(ctx, a.from, []refs.ValueHash{a.node}, a.pred, with, 1)
				if err != nil {
					return err
				}
				if len(first) != 1 || first[0] != got[0] {
					t.Errorf("%v %x pred %x, limit 1: %v, want the first of %d", a.from, a.node[:4], a.pred[:4], first, len(got))
				}
			}
			var lines []string
			for i, g := range got {
				lines = append(lines, line(g.Quad, g.Value))
				if i > 0 {
					p := got[i-1].Quad
					if c := cmpLookup(p, g.Quad, with); c > 0 {
						t.Errorf("%v %x: quad %d comes before quad %d in Lookup's order", a.from, a.node[:4], i, i-1)
					}
				}
			}
			slices.Sort(lines)
			slices.Sort(want)
			if !slices.Equal(lines, want) {
				t.Errorf("%v %x pred %x: Lookup\n%q\nCayley\n%q", a.from, a.node[:4], a.pred[:4], lines, want)
			}
			found += len(got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 2*len(qs) {
		t.Errorf("the look-ups found %d quads for %d quads: the test compares little", found, len(qs))
	}
	// Many nodes at once: each node's quads as its own look-up found
	// them, the nodes in the order of their hashes; with a limit per
	// node, each node's first quads.
	type batch struct {
		from quad.Direction
		pred refs.ValueHash
	}
	batches := map[batch][]refs.ValueHash{}
	for _, a := range asks {
		b := batch{a.from, a.pred}
		batches[b] = append(batches[b], a.node)
	}
	many := 0
	for b, nodes := range batches {
		with := quad.Object
		if b.from == quad.Object {
			with = quad.Subject
		}
		for _, perNode := range []int{0, 1, 3} {
			// A node given twice is found once.
			got, err := look(ctx, b.from, append(nodes, nodes[0]), b.pred, with, perNode)
			if err != nil {
				t.Fatal(err)
			}
			var want []store.LookedUpQuad
			sorted := slices.Clone(nodes)
			slices.SortFunc(sorted, func(x, y refs.ValueHash) int { return bytes.Compare(x[:], y[:]) })
			for _, n := range sorted {
				w := each[ask{b.from, n, b.pred}]
				if perNode > 0 && len(w) > perNode {
					w = w[:perNode]
				}
				want = append(want, w...)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%v pred %x, %d nodes at once, %d a node: %d quads, want %d (each node's own)", b.from, b.pred[:4], len(nodes), perNode, len(got), len(want))
			}
			if len(nodes) > 1 {
				many += len(got)
			}
		}
	}
	if many < len(qs) {
		t.Errorf("the look-ups of many nodes found %d quads for %d quads: the test compares little", many, len(qs))
	}
}

// cmpLookup compares two quads in Lookup's order: predicate, the node in
// direction with, graph.
func cmpLookup(a, b refs.QuadHash, with quad.Direction) int {
	if c := bytes.Compare(a.Predicate[:], b.Predicate[:]); c != 0 {
		return c
	}
	wa, wb := a.Get(with), b.Get(with)
	if c := bytes.Compare(wa[:], wb[:]); c != 0 {
		return c
	}
	return bytes.Compare(a.Label[:], b.Label[:])
}

// TestSQLLookupBesideWaitingWriter: while a write of the store waits for
// the writer lock (another store holds it), look-ups of the same store go
// on (the server answers queries beside a write request that waits).
func TestSQLLookupBesideWaitingWriter(t *testing.T) {
	ctx := context.Background()
	dsn := freshDatabase(t, postgresAdmin(t))
	qs := storetest.RoundTripQuads()
	s := storetest.Open(t, "postgres", dsn)
	storetest.Load(t, s, qs)
	other := storetest.Open(t, "postgres", dsn)
	release, err := other.LockWriters(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	waiting := make(chan struct{})
	wrote := make(chan error, 1)
	go func() {
		_, err := s.LockWriters(wctx, func(string) { close(waiting) })
		wrote <- err
	}()
	select {
	case <-waiting:
	case err := <-wrote:
		t.Fatalf("the second writer did not wait: %v", err)
	}
	q := rdf.Canonical(qs[0])
	start := time.Now()
	got, err := s.Lookup()(ctx, quad.Subject, []refs.ValueHash{refs.HashOf(q.Subject)}, refs.HashOf(q.Predicate), quad.Object, 0)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a look-up beside a waiting writer took %s", d)
	}
	if len(got) == 0 {
		t.Error("the look-up found nothing")
	}
	cancel()
	<-wrote
}
