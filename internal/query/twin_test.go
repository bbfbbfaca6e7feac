package query

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/confgraph/confgraph/internal/externaltest"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
)

// TestSPARQLTwins runs every bundled query's SPARQL twin with oxigraph over
// the N-Quads export and requires the same rows as the Gizmo query, order
// and the order of list items aside.
func TestSPARQLTwins(t *testing.T) {
	externaltest.Node(t, "oxigraph")
	ctx := context.Background()
	s := openStore(t, "memstore")
	qs, err := s.Quads(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := nquads.Write(&buf, qs); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "export.nq")
	if err := os.WriteFile(data, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, q := range mustBundled(t) {
		t.Run(q.Name, func(t *testing.T) {
			if q.SPARQL == "" {
				t.Fatalf("queries/%s.rq is missing", q.Name)
			}
			rq := filepath.Join(dir, q.Name+".rq")
			if err := os.WriteFile(rq, []byte(q.SPARQL), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := externaltest.RunNode(t, "sparql.js", []string{"oxigraph"}, data, rq)
			if err != nil {
				t.Fatal(err)
			}
			var sparqlRows []map[string]string
			if err := json.Unmarshal([]byte(out), &sparqlRows); err != nil {
				t.Fatalf("sparql.js output: %v", err)
			}
			res, err := q.Run(ctx, s, q.ExampleParams(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) == 0 {
				t.Fatal("the Gizmo query returned no rows: nothing is compared")
			}
			diffRows(t, q.Columns, normRows(q.Columns, sparqlRows), normRows(q.Columns, res.Maps()))
			if q.Name != "co-attendees" {
				return
			}
			// The comparison can fail: the twin asks about Ngo Dong Hai, so
			// the Gizmo rows for Pham Van Tuan (§4, §6) must differ.
			other, err := q.Run(ctx, s, map[string]string{"person": "Pham Van Tuan"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rowDiff(normRows(q.Columns, sparqlRows), normRows(q.Columns, other.Maps()))) == 0 {
				t.Error("rows for another person compare equal to the twin's")
			}
		})
	}
}
