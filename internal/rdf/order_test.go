package rdf_test

import (
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

func TestKeyIsTheNQuadsLine(t *testing.T) {
	for _, q := range []quad.Quad{
		{Subject: quad.IRI("http://e/s"), Predicate: quad.IRI("http://e/p"), Object: quad.String("a \"b\"\n"), Label: quad.IRI("http://e/g")},
		{Subject: quad.BNode("b1"), Predicate: quad.IRI("http://e/p"), Object: quad.LangString{Value: "x", Lang: "de"}},
		{Subject: quad.IRI("http://e/s"), Predicate: quad.IRI("http://e/p"), Object: quad.TypedString{Value: "1", Type: rdf.XSD + "integer"}, Label: quad.BNode("g")},
	} {
		if got, want := rdf.Key(q), q.NQuad(); got != want {
			t.Errorf("Key = %q, want %q", got, want)
		}
	}
}

func TestSortAndDedup(t *testing.T) {
	q := func(s, o string, g quad.Value) quad.Quad {
		return quad.Quad{Subject: quad.IRI("http://e/" + s), Predicate: quad.IRI("http://e/p"), Object: quad.String(o), Label: g}
	}
	g := quad.IRI("http://e/g")
	in := []quad.Quad{q("b", "1", g), q("a", "2", nil), q("a", "1", g), q("b", "1", g), q("a", "1", nil)}
	var want []string // the lines in byte order, each once
	for _, x := range in {
		want = append(want, x.NQuad())
	}
	slices.Sort(want)
	sorted := slices.Clone(in)
	rdf.Sort(sorted)
	var got []string
	for _, x := range sorted {
		got = append(got, x.NQuad())
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Sort:\n%q\nwant\n%q", got, want)
	}
	want = slices.Compact(want)
	got = got[:0]
	for _, x := range rdf.Dedup(slices.Clone(in)) {
		got = append(got, x.NQuad())
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Dedup:\n%q\nwant\n%q", got, want)
	}
}

func TestCanonicalValue(t *testing.T) {
	for _, c := range []struct {
		in   quad.Value
		want string
	}{
		{quad.Int(7), `"7"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{quad.Bool(true), `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{quad.Float(2), `"2.0"^^<http://www.w3.org/2001/XMLSchema#double>`},
		{quad.TypedString{Value: "x", Type: "xsd:date"}, `"x"^^<http://www.w3.org/2001/XMLSchema#date>`},
	} {
		if got := rdf.CanonicalValue(c.in).String(); got != c.want {
			t.Errorf("CanonicalValue(%#v) = %s, want %s", c.in, got, c.want)
		}
	}
}
