package query

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store"
)

// openStore returns a store of backend loaded with the embedded curated data.
func openStore(t testing.TB, backend string) *store.Store {
	t.Helper()
	ctx := context.Background()
	path := ""
	if backend != "memstore" {
		path = filepath.Join(t.TempDir(), "cg.db")
	}
	s, err := store.Open(ctx, backend, path)
	if err != nil {
		t.Fatalf("open %s: %v", backend, err)
	}
	t.Cleanup(func() { s.Close() })
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatalf("read embedded data: %v", err)
	}
	if _, err := s.Replace(ctx, mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)); err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// backends are the stores every bundled query is tested on.
var backends = []string{"memstore", "bolt"}

// normRows is the sorted multiset of normalised rows.
func normRows(cols []string, rows []map[string]string) []string { return CanonicalRows(cols, rows) }
