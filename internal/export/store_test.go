package export_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store"
)

// TestStoreSourceIsTheSameEitherWay: every format written from the store
// source (external sort for the streaming formats, in-memory sort for the
// others) gives the bytes of the same format over the in-memory sort of
// the store's quads, from bolt; and the first read is counted once.
func TestStoreSourceIsTheSameEitherWay(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, "bolt", filepath.Join(t.TempDir(), "cg.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Replace(ctx, mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)); err != nil {
		t.Fatal(err)
	}
	all, err := s.Quads(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range export.Formats() {
		if f.Name == "svg" {
			continue // needs graphviz; same source as dot
		}
		t.Run(f.Name, func(t *testing.T) {
			n := 0
			src, err := export.StoreSource(ctx, s, nil, f, func() { n++ })
			if err != nil {
				t.Fatal(err)
			}
			var got, want bytes.Buffer
			if err := f.Write(ctx, &got, src); err != nil {
				t.Fatal(err)
			}
			if err := f.Write(ctx, &want, rdf.FromQuads(append(all[:0:0], all...))); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) || got.Len() == 0 {
				t.Errorf("%d bytes from the store source, %d from the in-memory sort; differ", got.Len(), want.Len())
			}
			if n != len(all) {
				t.Errorf("counted %d quads read, the store holds %d", n, len(all))
			}
		})
	}
}
