package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/workspace"
)

// testApp is an app on the embedded data in memory, without cobra.
func testApp() (*app, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	a := &app{globalOptions: globalOptions{DB: "memstore", Base: mapping.DefaultBase, Quiet: true},
		stdout: &out, stderr: &errb, stdin: strings.NewReader("")}
	return a, &out, &errb
}

// The run functions work without cobra, from their options alone.
func TestRunWithoutCobra(t *testing.T) {
	ctx := context.Background()
	a, out, _ := testApp()
	if err := a.runQuery(ctx, &queryOptions{Name: "bridges", Format: "csv", QLang: "gizmo", Timeout: query.DefaultTimeout, Limit: 10}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "event,bridge,central,place,attendees,report,paragraphs\n") {
		t.Errorf("query bridges as CSV: %q", out)
	}
	out.Reset()
	if err := a.runStats(ctx, &statsOptions{JSON: true}); err != nil || !strings.Contains(out.String(), `"quads"`) {
		t.Errorf("stats: %v %q", err, out)
	}
	err := a.runExport(ctx, &exportOptions{Graph: "no-such-report"})
	text, code := explain(err)
	if code != 1 || !strings.HasPrefix(text, "confgraph: graph <https://confgraph.example/id/graph/no-such-report> is not in the store; graphs: ") {
		t.Errorf("export of an unknown graph: %d %q", code, text)
	}
}

// explain words the libraries' typed errors with the flags and picks the
// exit status.
func TestExplain(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
		text string
	}{
		{&store.UnknownBackendError{Name: "x", Valid: []string{"bolt", "memstore"}}, 2, `unknown store "x" (valid: bolt, memstore)`},
		{&store.PathError{Backend: "bolt", Problem: store.PathMissing, Hint: "./confgraph.db"}, 2, "store bolt needs --dbpath (or CONFGRAPH_DBPATH), e.g. ./confgraph.db"},
		{&store.PathError{Backend: "memstore", Problem: store.PathUnwanted}, 2, "store memstore keeps nothing on disk; drop --dbpath or use --db bolt"},
		{&query.ParamError{Problem: query.ParamMissing, Query: "person", Param: "name", Doc: "The person."}, 2, "query person needs --param name=VALUE (The person.)"},
		{&query.ParamError{Problem: query.ParamNotTaken, Lang: "mql"}, 1, "--param works with gizmo queries only; mql has no parameters"},
		{&query.TimeoutError{After: 200e6}, 1, "query stopped: it ran longer than the 200ms timeout (raise it with --timeout, or start the query from a more selective node)"},
		{&workspace.NoStoreError{Backend: "bolt", Path: "x.db"}, 1, "no bolt store at x.db: check --dbpath (or CONFGRAPH_DBPATH), or create it with 'confgraph load' or 'confgraph init'"},
		{&workspace.FileKindError{Path: "x.ttl", Ext: ".ttl", Format: "Turtle"}, 2, "cannot read x.ttl: Turtle is not supported for loading; supported: .yaml, .yml, .nq, .nt, .jsonld, .json"},
		{&workspace.FileKindError{Path: "x.gv", Ext: ".gv"}, 2, "cannot read x.gv: DOT is not supported for loading; supported: .yaml, .yml, .nq, .nt, .jsonld, .json"},
		{&workspace.FileKindError{Path: "x.csv", Ext: ".csv"}, 2, "cannot read x.csv: CSV is not supported for loading; supported: .yaml, .yml, .nq, .nt, .jsonld, .json"},
	} {
		text, code := explain(tc.err)
		want := "confgraph: " + tc.text + "\n"
		if tc.code == 2 { // a mistake in the command line: the usage line follows
			want += "Run 'confgraph --help' for usage.\n"
		}
		if code != tc.code || text != want {
			t.Errorf("%T: %d %q, want %d %q", tc.err, code, text, tc.code, tc.text)
		}
	}
	text, code := explain(&workspace.ProblemsError{Problems: []string{"a.yaml:1:1: x", "b.yaml:2:1: y"}})
	if code != 1 || text != "a.yaml:1:1: x\nb.yaml:2:1: y\nconfgraph: 2 problem(s) found; nothing was loaded\n" {
		t.Errorf("problems: %d %q", code, text)
	}
}
