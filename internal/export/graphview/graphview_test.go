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

// TestMembershipEdges: the holds, memberOf and headOf edges come from the
// membership node and its role's flags (the data states no ORG shortcut),
// labelled with a status other than current; the status concept, a cg:
// term, is not drawn.
func TestMembershipEdges(t *testing.T) {
	const (
		m    = quad.IRI("https://confgraph.example/id/membership/hai--secretary")
		who  = quad.IRI("https://confgraph.example/id/person/hai")
		post = quad.IRI("https://confgraph.example/id/post/secretary")
		org  = quad.IRI("https://confgraph.example/id/organisation/committee")
		role = quad.IRI("https://confgraph.example/id/role/secretary")
		g    = quad.IRI("https://confgraph.example/id/graph/r")
	)
	yes := quad.TypedString{Value: "true", Type: vocab.XSDBoolean}
	qs := []quad.Quad{
		{Subject: m, Predicate: vocab.Type, Object: vocab.OrgMembership, Label: g},
		{Subject: m, Predicate: vocab.OrgMember, Object: who, Label: g},
		{Subject: m, Predicate: vocab.Post, Object: post, Label: g},
		{Subject: m, Predicate: vocab.OrgOrganizationP, Object: org, Label: g},
		{Subject: m, Predicate: vocab.OrgRoleP, Object: role, Label: g},
		{Subject: m, Predicate: vocab.Status, Object: vocab.HoldingStatuses["former"], Label: g},
		{Subject: role, Predicate: vocab.Heads, Object: yes, Label: g},
		{Subject: role, Predicate: vocab.ConfersMember, Object: yes, Label: g},
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
		got := map[string]string{}
		for _, e := range v.Edges {
			if e.From == string(who) {
				got[e.Label] = e.To
			}
			if e.To == string(vocab.HoldingStatuses["former"]) {
				t.Errorf("%+v: edge to the status concept drawn: %v", opt, e)
			}
		}
		if got["holds (former)"] != string(post) || got["memberOf (former)"] != string(org) || got["headOf (former)"] != string(org) || len(got) != 3 {
			t.Errorf("%+v: edges from the holder %v", opt, got)
		}
	}
}
