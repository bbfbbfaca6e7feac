package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// BenchmarkLoad loads the curated data into a new graph per iteration on
// every backend available; memstore is the reference for the ratios.
func BenchmarkLoad(b *testing.B) {
	curated := storetest.Curated(b)
	backends := []struct{ name, path string }{
		{"memstore", ""},
		{"bolt", filepath.Join(b.TempDir(), "cg.db")},
	}
	if os.Getenv(EnvTestPostgres) != "" {
		backends = append(backends, struct{ name, path string }{"postgres", freshDatabase(b, os.Getenv(EnvTestPostgres))})
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s, err := store.Open(context.Background(), be.name, be.path)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			qs := make([]quad.Quad, len(curated))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				g := quad.IRI(fmt.Sprintf("https://confgraph.example/id/graph/bench-%d-%d", b.N, i))
				for j, q := range curated {
					q.Label = g
					qs[j] = q
				}
				if _, err := s.Replace(context.Background(), qs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*len(qs))/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
