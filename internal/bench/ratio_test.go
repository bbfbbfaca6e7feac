package bench

import (
	"bufio"
	"context"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	qnq "github.com/cayleygraph/quad/nquads"

	"github.com/confgraph/confgraph/internal/rdf/sortquads"
)

// The Ratio benchmarks run confgraph and its Cayley reference alternately
// in every iteration, so that both see the same machine load (the machine
// is shared), and report both rates and their ratio. Their ns/op is not
// meaningful; read quads/s.

func reportRatio(b *testing.B, quads int, ours, ref time.Duration, refName string) {
	o := float64(quads) * float64(b.N) / ours.Seconds()
	r := float64(quads) * float64(b.N) / ref.Seconds()
	b.ReportMetric(o, "quads/s")
	b.ReportMetric(r, refName+"-quads/s")
	b.ReportMetric(o/r, "x-"+refName)
}

// BenchmarkLoadRatio: YAML corpus → quads → Replace (one transaction)
// against `cayley load`'s path on the corpus's N-Quads, both into an empty
// store of the same backend.
func BenchmarkLoadRatio(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes(b) {
		dir := corpus(b, n)
		nq, err := NQuadsFile(dir)
		if err != nil {
			b.Fatal(err)
		}
		for _, backend := range Backends() {
			b.Run(backend+"/"+Label(n), func(b *testing.B) {
				b.StopTimer()
				var ours, ref time.Duration
				quads := 0
				for i := 0; i < b.N; i++ {
					s := fresh(b, backend)
					t0 := time.Now()
					res := loadCorpus(ctx, b, s, dir)
					ours += time.Since(t0)
					quads = res.Added // the quads are garbage once loadCorpus returns
					s.Close()

					qs := freshCayley(b, backend)
					load, done := cayleyLoader(b, qs, nq)
					t0 = time.Now()
					load()
					ref += time.Since(t0)
					done()
					qs.Close()
				}
				reportRatio(b, quads, ours, ref, "cayley")
			})
		}
	}
}

// BenchmarkExportRatio: sorted N-Quads export through sortquads (bounded
// memory) against `cayley dump`'s path (store order, unsorted).
func BenchmarkExportRatio(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes(b) {
		for _, backend := range Backends() {
			s := loadedStore(b, backend, n)
			each := func(fn func(string, quad.Quad) error) error { return s.EachKeyed(ctx, nil, fn) }
			b.Run(backend+"/"+Label(n), func(b *testing.B) {
				b.StopTimer()
				var ours, ref time.Duration
				quads := 0
				for i := 0; i < b.N; i++ {
					t0 := time.Now()
					var err error
					quads, err = ExportNQuads(&counter{}, each, sortquads.Options{TempDir: b.TempDir()})
					if err != nil {
						b.Fatal(err)
					}
					ours += time.Since(t0)

					t0 = time.Now()
					err = s.View(context.Background(), func(qs graph.QuadStore) error {
						r := graph.NewQuadStoreReader(qs)
						defer r.Close()
						dw := qnq.NewWriter(bufio.NewWriterSize(&counter{}, 1<<16))
						if _, err := quad.Copy(dw, r); err != nil {
							return err
						}
						return dw.Close()
					})
					if err != nil {
						b.Fatal(err)
					}
					ref += time.Since(t0)
				}
				reportRatio(b, quads, ours, ref, "cayleydump")
			})
		}
	}
}
