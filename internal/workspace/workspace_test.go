package workspace_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/workspace"
)

func memstore() workspace.Config {
	return workspace.Config{Backend: "memstore", Base: mapping.DefaultBase}
}

// The in-memory store is filled with the embedded data; a graph resolves
// by report ID and by IRI, and an unknown one lists the graphs there are.
func TestOpenAndGraph(t *testing.T) {
	ctx := context.Background()
	ws := memstore()
	s, err := ws.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const id = "party-building-conference-2023-de"
	want := quad.IRI(mapping.DefaultBase + "graph/" + id)
	for _, arg := range []string{id, string(want), "<" + string(want) + ">"} {
		if g, err := ws.Graph(ctx, s, arg); err != nil || g != want {
			t.Errorf("Graph(%q) = %v, %v; want %v", arg, g, err, want)
		}
	}
	if g, err := ws.Graph(ctx, s, ""); g != nil || err != nil {
		t.Errorf("Graph(\"\") = %v, %v", g, err)
	}
	_, err = ws.Graph(ctx, s, "no-such-report")
	var gn *workspace.GraphNotFoundError
	if !errors.As(err, &gn) || gn.Want != quad.IRI(mapping.DefaultBase+"graph/no-such-report") || len(gn.Have) == 0 ||
		!strings.HasPrefix(err.Error(), "graph <"+mapping.DefaultBase+"graph/no-such-report> is not in the store; graphs: <") {
		t.Errorf("unknown graph: %T %v", err, err)
	}
}

func TestTypedErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	_, err := workspace.Config{Backend: "bolt", Path: missing}.OpenExisting(ctx)
	var ns *workspace.NoStoreError
	if !errors.As(err, &ns) || ns.Path != missing || err.Error() != "no bolt store at "+missing {
		t.Errorf("missing bolt store: %T %v", err, err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("OpenExisting created the store")
	}
	_, err = workspace.Config{Backend: "memstore", Base: "not a base"}.Open(ctx)
	var be *workspace.BaseError
	if !errors.As(err, &be) {
		t.Errorf("bad base: %T %v", err, err)
	}
	for name, want := range map[string]string{
		"x.ttl":  "cannot read x.ttl: Turtle is not supported for loading; supported: .yaml, .yml, .nq, .nt, .jsonld, .json",
		"x.TriG": "cannot read x.TriG: TriG is not supported for loading; supported: .yaml, .yml, .nq, .nt, .jsonld, .json",
		"x.owl":  "cannot read x.owl: RDF/XML is not supported for loading; supported: .yaml, .yml, .nq, .nt, .jsonld, .json",
		"x.FOO":  "cannot read x.FOO: its extension .foo is not one load reads; supported: .yaml, .yml, .nq, .nt, .jsonld, .json",
		"x.yaml": "",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := workspace.SplitLoadArgs([]string{p})
		var fk *workspace.FileKindError
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if !errors.As(err, &fk) || err.Error() != strings.ReplaceAll(want, name, p) {
			t.Errorf("%s: %T %v, want %s", name, err, err, want)
		}
	}
	bad := filepath.Join(dir, "bad.nq")
	if err := os.WriteFile(bad, []byte("garbage\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = workspace.ReadRDF(mapping.IRIs{Base: mapping.DefaultBase}, []string{bad, filepath.Join(dir, "none.nq")}, "")
	var pr *workspace.ProblemsError
	if !errors.As(err, &pr) || len(pr.Problems) != 2 || err.Error() != "2 problem(s) found" {
		t.Errorf("bad RDF: %T %v", err, err)
	}
}

func TestFileGraph(t *testing.T) {
	m := mapping.IRIs{Base: mapping.DefaultBase}
	if got, want := workspace.FileGraph(m, "dir/People List.nt"), quad.IRI(mapping.DefaultBase+"graph/people-list"); got != want {
		t.Errorf("FileGraph = %v, want %v", got, want)
	}
}

// TestGraphIRI: the one resolution of --graph, for load and export.
func TestGraphIRI(t *testing.T) {
	m := mapping.IRIs{Base: mapping.DefaultBase}
	for _, tc := range []struct{ arg, want, err string }{
		{"imported", mapping.DefaultBase + "graph/imported", ""},
		{"<https://example.org/g>", "https://example.org/g", ""},
		{"https://example.org/g", "https://example.org/g", ""},
		{"Bad Name", "", `graph "Bad Name" is neither a report ID (lowercase letters and digits, joined by single hyphens, e.g. imported-people) nor an absolute IRI (e.g. https://example.org/graph/people)`},
		{"<http://x y>", "", `graph "<http://x y>": IRI <http://x y> contains a space (write it as %20)`},
	} {
		got, err := workspace.GraphIRI(m, tc.arg)
		if tc.err != "" {
			var ga *workspace.GraphArgError
			if !errors.As(err, &ga) || ga.Arg != tc.arg || err.Error() != tc.err {
				t.Errorf("GraphIRI(%q) = %v, %v; want *GraphArgError %q", tc.arg, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != quad.IRI(tc.want) {
			t.Errorf("GraphIRI(%q) = %v, %v; want %s", tc.arg, got, err, tc.want)
		}
	}
}
