package prefix

import (
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// known are the well-known prefixes the test relies on.
var known = []Prefix{
	{Name: "skos", IRI: "http://www.w3.org/2004/02/skos/core#"},
	{Name: "schema", IRI: "http://schema.org/"},
}

func TestCompact(t *testing.T) {
	iri := func(s string) quad.IRI { return quad.IRI(s) }
	g := iri("https://confgraph.example/id/graph/r")
	qs := []quad.Quad{
		{Subject: iri("https://confgraph.example/id/person/ngo-dong-hai"), Predicate: iri("http://www.w3.org/2004/02/skos/core#prefLabel"), Object: quad.String("x"), Label: g},
		// two namespaces that would both be called "curated": neither gets the name
		{Subject: iri("https://confgraph.example/id/bridge/a/curated/label-en"), Predicate: iri("http://schema.org/name"), Object: quad.String("x"), Label: g},
		{Subject: iri("https://confgraph.example/id/bridge/b/curated/label-en"), Predicate: iri("http://schema.org/name"), Object: quad.String("x"), Label: g},
		// a namespace named like a well-known prefix does not take it
		{Subject: iri("https://example.org/schema/thing"), Predicate: iri("http://schema.org/name"), Object: quad.String("x"), Label: g},
	}
	m, err := Collect(rdf.Slice(qs), known)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"https://confgraph.example/id/person/ngo-dong-hai", "person:ngo-dong-hai"},
		{"http://www.w3.org/2004/02/skos/core#prefLabel", "skos:prefLabel"},
		{"http://schema.org/name", "schema:name"},
		{"https://confgraph.example/id/graph/r", "graph:r"},
		{"https://confgraph.example/id/bridge/a/curated/label-en", ""},
		{"https://example.org/schema/thing", ""},
		{"https://confgraph.example/id/person/has space", ""}, // not a valid local name
		{"https://confgraph.example/id/person/-lead", ""},
		{"https://confgraph.example/id/person/end.", ""},
		{"https://confgraph.example/id/person/v1.2", "person:v1.2"},
		{"https://confgraph.example/id/person/", ""},
	} {
		if got := m.Compact(c.in); got != c.want {
			t.Errorf("Compact(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}
