package export_test

import (
	"context"
	"io"
	"testing"

	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/rdf"
)

// BenchmarkFormats writes the curated report in every format except SVG
// (which runs Graphviz); compare each with nquads, the reference.
func BenchmarkFormats(b *testing.B) {
	qs := report(b)
	src := rdf.FromQuads(qs)
	for _, f := range export.Formats() {
		if f.Name == "svg" {
			continue
		}
		b.Run(f.Name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := f.Write(context.Background(), io.Discard, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
