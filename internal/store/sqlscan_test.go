package store

import (
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// TestSQLScanMatchesCayley: on PostgreSQL (CONFGRAPH_TEST_POSTGRES), the
// one joined query of sqlscan.go yields the quads Cayley's own iterators
// yield, with the same values, for the whole store and per graph, after
// the reloads, removal and native values of scanScenario.
func TestSQLScanMatchesCayley(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "postgres", freshDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	left := scanScenario(t, s)

	sorted := func(each func(fn func(quad.Quad) error) error) []string {
		k := keysOf(t, each)
		slices.Sort(k)
		return k
	}
	cayley := sorted(func(fn func(quad.Quad) error) error { return s.eachAll(ctx, fn) })
	scan := sorted(func(fn func(quad.Quad) error) error { return s.eachSQL(ctx, nil, fn) })
	if !slices.Equal(scan, cayley) {
		t.Fatalf("joined query:\n%q\nCayley's iterator:\n%q", scan, cayley)
	}
	if len(scan) != left {
		t.Errorf("%d quads, want %d", len(scan), left)
	}
	for _, gr := range []quad.Value{scanGraph("a"), scanGraph("b"), scanGraph("c"), scanGraph("d"), scanGraph("never")} {
		want := sorted(func(fn func(quad.Quad) error) error { return s.eachInGraph(ctx, gr, fn) })
		got := sorted(func(fn func(quad.Quad) error) error { return s.eachSQL(ctx, gr, fn) })
		if !slices.Equal(got, want) {
			t.Errorf("graph %s: joined query\n%q\nCayley\n%q", gr, got, want)
		}
	}
	// The same Go values, not only the same lines: Each gives canonical
	// values on both paths.
	var viaScan, viaCayley []quad.Quad
	s.eachSQL(ctx, nil, func(q quad.Quad) error { viaScan = append(viaScan, q); return nil })
	s.eachAll(ctx, func(q quad.Quad) error { viaCayley = append(viaCayley, q); return nil })
	rdf.Sort(viaScan)
	rdf.Sort(viaCayley)
	if !slices.Equal(viaScan, viaCayley) {
		t.Errorf("values differ:\n%#v\n%#v", viaScan, viaCayley)
	}
	got := sorted(func(fn func(quad.Quad) error) error { return s.Each(ctx, nil, fn) })
	if !slices.Equal(got, scan) {
		t.Errorf("Each does not read through the joined query")
	}
}
