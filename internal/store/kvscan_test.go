package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// keysOf lists the N-Quads lines of the quads each yields, in its order.
func keysOf(t *testing.T, each func(fn func(quad.Quad) error) error) []string {
	t.Helper()
	var out []string
	if err := each(func(q quad.Quad) error { out = append(out, rdf.Key(q)); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestKVScanMatchesCayley: the scan of Cayley's log (kvscan.go) yields
// exactly the quads Cayley's own all-iterator yields, in the same order (both
// walk the log by ID), on a store that went through reloads that remove and
// add quads, a removed graph, nodes shared by several graphs, values Cayley
// keeps in Go-native form, and a quad in the default graph; per graph it
// yields what Cayley's graph iterator does. A Cayley version that lays the
// log out differently fails here.
func TestKVScanMatchesCayley(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "cg.db")
	s, err := Open(ctx, "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	left := scanScenario(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = OpenReadOnly(ctx, "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	cayley := keysOf(t, func(fn func(quad.Quad) error) error { return s.eachAll(ctx, fn) })
	scan := keysOf(t, func(fn func(quad.Quad) error) error {
		return s.eachKV(ctx, nil, false, func(_ string, q quad.Quad) error { return fn(q) })
	})
	if !slices.Equal(scan, cayley) {
		t.Fatalf("scan of the log:\n%q\nCayley's iterator:\n%q", scan, cayley)
	}
	// What the loads leave: a with 5 literals twice and the new quad, b,
	// d's natives and the default graph's quad; c is gone.
	if len(scan) != left {
		t.Errorf("%d quads, want %d:\n%q", len(scan), left, scan)
	}
	for _, k := range scan {
		if strings.Contains(k, scanGraph("c").String()) {
			t.Errorf("removed graph c's quad is still there")
		}
	}
	for _, gr := range []quad.Value{scanGraph("a"), scanGraph("b"), scanGraph("c"), scanGraph("d"), scanGraph("never")} {
		want := keysOf(t, func(fn func(quad.Quad) error) error { return s.eachInGraph(ctx, gr, fn) })
		got := keysOf(t, func(fn func(quad.Quad) error) error {
			return s.eachKV(ctx, gr, false, func(_ string, q quad.Quad) error { return fn(q) })
		})
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("graph %s: scan\n%q\nCayley\n%q", gr, got, want)
		}
	}
	// Each (the export's door) takes the scan and gives canonical values.
	got := keysOf(t, func(fn func(quad.Quad) error) error { return s.Each(ctx, nil, fn) })
	if !slices.Equal(got, scan) {
		t.Errorf("Each differs from the scan")
	}
	// EachKeyed's key is rdf.Key of its quad, built from cached terms.
	var keyed []string
	err = s.EachKeyed(ctx, nil, func(k string, q quad.Quad) error {
		if k != rdf.Key(q) {
			t.Errorf("key %q of quad %q", k, rdf.Key(q))
		}
		keyed = append(keyed, k)
		return nil
	})
	if err != nil || !slices.Equal(keyed, scan) {
		t.Errorf("EachKeyed: %v, %d keys, want the scan's %d", err, len(keyed), len(scan))
	}
	if id := scanID; !slices.Contains(got, `<`+id+`event/native> <https://confgraph.example/vocab#count> "7"^^<`+rdf.XSD+`integer> <`+id+`graph/d> .`) {
		t.Errorf("native int not in canonical form: %q", got)
	}
}

// TestKVScanStops: an error of fn ends the scan with that error, and a
// cancelled context ends it as an interruption, without leaving the read
// transaction open (Close would wait for it).
func TestKVScanStops(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "cg.db")
	s, err := Open(ctx, "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	var qs []quad.Quad
	for i := range 3 * kvScanBatch * kvScanBatches {
		qs = append(qs, quad.Quad{Subject: quad.IRI("https://x.example/s"), Predicate: quad.IRI("https://x.example/p"),
			Object: quad.Int(i), Label: quad.IRI("https://x.example/g")})
	}
	if _, err := s.Replace(ctx, qs); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("enough")
	n := 0
	err = s.Each(ctx, nil, func(quad.Quad) error {
		if n++; n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Fatalf("err %v after %d quads, want %v after 10", err, n, stop)
	}
	cctx, cancel := context.WithCancel(ctx)
	n = 0
	err = s.Each(cctx, nil, func(quad.Quad) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	var ie *InterruptedError
	if !errors.As(err, &ie) {
		t.Fatalf("cancelled scan: %v, want an InterruptedError", err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close waits: a read transaction was left open")
	}
}

// The graphs of scanScenario.
const scanID = "https://confgraph.example/id/"

func scanGraph(r string) quad.IRI { return quad.IRI(scanID + "graph/" + r) }

// scanScenario loads into s what the scan tests read: reloads that remove
// and add quads, a removed graph (c), nodes shared by graphs a and b,
// literals of every kind the mapping writes, values in Go-native form
// written through Cayley's own API (graph d) and a quad in the default
// graph. It returns the number of quads left.
func scanScenario(t *testing.T, s *Store) int {
	t.Helper()
	ctx := context.Background()
	var err error
	id, g := scanID, scanGraph
	iri := func(x string) quad.IRI { return quad.IRI(id + x) }
	name := quad.IRI("http://xmlns.com/foaf/0.1/name")
	count := quad.IRI("https://confgraph.example/vocab#count")
	person := iri("person/ngo-dong-hai")
	literals := []quad.Value{
		quad.String("Ngô Đông Hải"),
		quad.String("line\nbreak \"quoted\" \\ tab\t"),
		quad.LangString{Value: "Ngo Dong Hai", Lang: "en"},
		quad.LangString{Value: "Ngô Đông Hải", Lang: "vi"},
		quad.TypedString{Value: "2023-01-06", Type: rdf.XSD + "date"},
		quad.TypedString{Value: "42", Type: rdf.XSD + "integer"},
		quad.TypedString{Value: "true", Type: rdf.XSD + "boolean"},
		quad.BNode("b0"),
		iri("bridge/central"),
		quad.String("a NUL \x00 byte, which Cayley's SQL backend escapes"),
	}
	graphA := func(keep int) []quad.Quad {
		var qs []quad.Quad
		for i, v := range literals[:keep] {
			qs = append(qs, quad.Quad{Subject: person, Predicate: name, Object: v, Label: g("a")})
			qs = append(qs, quad.Quad{Subject: iri("event/" + string(rune('a'+i))), Predicate: count, Object: v, Label: g("a")})
		}
		return qs
	}
	// Graph b shares the person, the predicate and some literals with a.
	graphB := []quad.Quad{
		{Subject: person, Predicate: name, Object: literals[0], Label: g("b")},
		{Subject: person, Predicate: name, Object: literals[2], Label: g("b")},
		{Subject: iri("event/b"), Predicate: count, Object: literals[5], Label: g("b")},
		{Subject: iri("event/b"), Predicate: name, Object: literals[len(literals)-1], Label: g("b")},
	}
	graphC := []quad.Quad{{Subject: iri("event/c"), Predicate: count, Object: quad.String("gone"), Label: g("c")}}
	for _, load := range [][]quad.Quad{graphA(len(literals)), graphB, graphC, graphA(3), append(graphA(5), quad.Quad{
		Subject: person, Predicate: count, Object: quad.String("new after the shrink"), Label: g("a")})} {
		if _, err := s.Replace(ctx, load); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.RemoveGraphs(ctx, []quad.Value{g("c")}); err != nil {
		t.Fatal(err)
	}
	// Values in Go-native form and a quad without graph, written through
	// Cayley's own API as a client of the server's write API could.
	native := []quad.Value{quad.Int(7), quad.Bool(false), quad.Float(1.5), quad.Time(time.Date(2023, 1, 6, 8, 0, 0, 0, time.UTC)),
		quad.TypedString{Value: "3", Type: "xsd:integer"}}
	err = s.Update(ctx, func(qs graph.QuadStore) error {
		tx := graph.NewTransaction()
		for _, v := range native {
			tx.AddQuad(quad.Quad{Subject: iri("event/native"), Predicate: count, Object: v, Label: g("d")})
		}
		tx.AddQuad(quad.Quad{Subject: iri("event/native"), Predicate: name, Object: quad.String("no graph")})
		return qs.ApplyDeltas(tx.Deltas, graph.IgnoreOpts{IgnoreDup: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	return 2*5 + 1 + len(graphB) + len(native) + 1
}
