package workspace_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
	"github.com/confgraph/confgraph/internal/workspace"
)

// FuzzGraphIRI is the fuzz target of the --base check (mapping.CheckBase)
// and of the graph names of --graph and load (workspace.GraphIRI). Its
// seed corpus is testdata/fuzz/FuzzGraphIRI (crashers found are kept
// there) and the cases below; CI runs it for a bounded time:
//
//	go test -run='^$' -fuzz='^FuzzGraphIRI$' -fuzztime=15s ./internal/workspace
//
// The property: neither panics; a base CheckBase accepts is an http(s)
// IRI with a host, ending with / or #, with at most one #, and every IRI
// minted under it is one the N-Quads reader takes back unchanged; a graph
// name GraphIRI accepts gives such an IRI too, and a refusal is a
// *GraphArgError.
func FuzzGraphIRI(f *testing.F) {
	for _, c := range [][2]string{
		{mapping.DefaultBase, "party-building-conference-2023-de"},
		{"http://example.org/kg#", "<https://example.org/graph/people>"},
		{"https://example.org/id/", "https://example.org/graph/people"},
		{"ftp://example.org/id/", "urn:x:y"},
		{"file:///id/", "a b"},
		{"https://example.org/a#b#", "<>"},
		{"https://example.org/%zz/", "http://e/%zz"},
		{"HTTPS://Example.ORG/id/", "_:b0"},
		{"https://example.org/id?x=1#", "Report-1"},
		{"https://user@example.org:8080/id/", "mailto:a@b"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, base, arg string) {
		stop := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("hangs on %q %q", base, arg)) }).Stop
		defer stop()
		if mapping.CheckBase(base) != nil {
			base = mapping.DefaultBase
		} else {
			u, err := url.Parse(base)
			if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
				t.Fatalf("CheckBase accepts %q, not an http(s) IRI with a host", base)
			}
			if !strings.HasSuffix(base, "/") && !strings.HasSuffix(base, "#") || strings.Count(base, "#") > 1 {
				t.Fatalf("CheckBase accepts %q", base)
			}
		}
		m := mapping.IRIs{Base: base}
		for _, iri := range []quad.IRI{m.Graph("r"), m.Entity(dataset.KindPerson, "p"), m.Paragraph("r", 1), m.Curator()} {
			readsBack(t, iri)
		}
		iri, err := workspace.GraphIRI(m, arg)
		if err != nil {
			var ga *workspace.GraphArgError
			if !errors.As(err, &ga) || ga.Arg != arg {
				t.Fatalf("GraphIRI(%q): %v, want a *GraphArgError", arg, err)
			}
			return
		}
		readsBack(t, iri)
	})
}

// readsBack fails t unless iri is absolute and the N-Quads reader reads a
// quad naming it as written.
func readsBack(t *testing.T, iri quad.IRI) {
	t.Helper()
	if err := rdf.CheckIRI(string(iri)); err != nil {
		t.Fatalf("IRI %q: %v", iri, err)
	}
	q := quad.Quad{Subject: iri, Predicate: iri, Object: iri, Label: iri}
	var out bytes.Buffer
	if err := nquads.Write(&out, []quad.Quad{q}); err != nil {
		t.Fatalf("write %q: %v", iri, err)
	}
	back, err := nquads.Read(out.Bytes())
	if err != nil || len(back) != 1 || back[0] != q {
		t.Fatalf("IRI %q does not read back: %v %v\n%s", iri, err, back, out.Bytes())
	}
}
