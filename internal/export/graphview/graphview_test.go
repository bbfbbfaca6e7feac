package graphview_test

import (
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/export/graphview"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
	"github.com/confgraph/confgraph/internal/vocab"
)

// TestImplementationShowsWhoImplements: cg:implements and cg:implementedBy
// both start at the implementation node, so both edges are drawn, and the
// node is named after the document and the agent, not its IRI (the seed report's §5:
// party committees at all levels implement Resolution 21-NQ/TW).
func TestImplementationShowsWhoImplements(t *testing.T) {
	const (
		impl = quad.IRI("https://confgraph.example/id/implementation/resolution-21-nq-tw--party")
		doc  = quad.IRI("https://confgraph.example/id/document/resolution-21-nq-tw")
		who  = quad.IRI("https://confgraph.example/id/group/party")
		g    = quad.IRI("https://confgraph.example/id/graph/r")
		g2   = quad.IRI("https://confgraph.example/id/graph/r2")
	)
	qs := []quad.Quad{
		{Subject: impl, Predicate: vocab.Type, Object: vocab.Implementation, Label: g},
		{Subject: impl, Predicate: vocab.Implements, Object: doc, Label: g},
		{Subject: impl, Predicate: vocab.ImplementedBy, Object: who, Label: g},
		{Subject: impl, Predicate: vocab.ImplementedBy, Object: who, Label: g2},
		{Subject: doc, Predicate: vocab.Label, Object: quad.LangString{Value: "Resolution 21-NQ/TW", Lang: "en"}, Label: g},
		{Subject: who, Predicate: vocab.Label, Object: quad.LangString{Value: "party committees", Lang: "en"}, Label: g},
	}
	var seq rdf.Seq = func(yield func(quad.Quad) error) error {
		for _, q := range qs {
			if err := yield(q); err != nil {
				return err
			}
		}
		return nil
	}
	pm, err := prefix.Collect(seq, vocab.Prefixes)
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []graphview.Options{{}, {CollapseAttendance: true, SkipMemberships: true}} {
		v, err := graphview.Build(seq, pm, opt)
		if err != nil {
			t.Fatal(err)
		}
		edges := map[string]string{}
		for _, e := range v.Edges {
			if e.From == string(impl) {
				edges[e.Label] = e.To
			}
		}
		if edges["implements"] != string(doc) || edges["implementedBy"] != string(who) || len(v.Edges) != 2 {
			t.Errorf("%+v: edges %v, want implements -> document and implementedBy -> agent, once each", opt, v.Edges)
		}
		for _, n := range v.Nodes {
			if n.ID == string(impl) && n.Label != "implementation of Resolution 21-NQ/TW by party committees" {
				t.Errorf("implementation node labelled %q", n.Label)
			}
		}
	}
}
