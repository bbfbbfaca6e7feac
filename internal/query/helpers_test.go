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

// seedFile is the embedded data file of the seed report, whose facts the
// answer tests read; the other embedded reports are tested together in
// crossreport_test.go and twin_test.go.
const seedFile = "2023-12-28-party-building-conference.yaml"

// openStore returns a store of backend loaded with the seed report.
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
	data, err := graph.Files.ReadFile(seedFile)
	if err != nil {
		t.Fatalf("read the seed: %v", err)
	}
	f, errs := dataset.Parse(seedFile, data)
	if len(errs) > 0 {
		t.Fatalf("parse the seed: %v", errs)
	}
	files := []*dataset.File{f}
	if _, err := s.Replace(ctx, mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)); err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// backends are the stores every bundled query is tested on.
var backends = []string{"memstore", "bolt"}

// normRows is the sorted multiset of normalised rows.
func normRows(cols []string, rows []map[string]string) []string { return CanonicalRows(cols, rows) }
