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

func TestDefaultGraph(t *testing.T) {
	m := mapping.IRIs{Base: mapping.DefaultBase}
	for _, tc := range []struct{ path, graph, want string }{
		{"dir/People List.nt", "", "graph/people-list"},
		{"x.nq", "imported", "graph/imported"},
		{"x.nq", "<https://example.org/g>", "https://example.org/g"},
	} {
		want := quad.Value(quad.IRI(tc.want))
		if !strings.Contains(tc.want, ":") {
			want = quad.IRI(mapping.DefaultBase + tc.want)
		}
		if got := workspace.DefaultGraph(m, tc.path, tc.graph); got != want {
			t.Errorf("DefaultGraph(%q, %q) = %v, want %v", tc.path, tc.graph, got, want)
		}
	}
}
