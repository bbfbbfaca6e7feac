package bench

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	qnq "github.com/cayleygraph/quad/nquads"

	"github.com/confgraph/confgraph/internal/rdf/sortquads"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
	"github.com/confgraph/confgraph/internal/store"
)

func sizes(b *testing.B) []int {
	b.Helper()
	s, err := Sizes()
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func corpus(b *testing.B, facts int) string {
	b.Helper()
	d, err := Corpus(Dir(), facts)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

var dbSeq int

// freshPath returns the path of a new, empty store of backend ("" for
// memstore); it is removed when b ends.
func freshPath(b *testing.B, backend string) string {
	b.Helper()
	switch backend {
	case "memstore":
		return ""
	case "bolt":
		dbSeq++
		return filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", dbSeq))
	case "postgres":
		path, _ := pgDatabase(b, fmt.Sprintf("confgraph_bench_tmp_%d_%d", os.Getpid(), dbSeq), true)
		dbSeq++
		return path
	}
	b.Skipf("backend %s is not benchmarked", backend)
	return ""
}

// fresh opens an empty store of backend; it is removed when b ends.
func fresh(b *testing.B, backend string) *store.Store {
	b.Helper()
	s, err := store.Open(context.Background(), backend, freshPath(b, backend))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// cayleyNames are the names Cayley registers the benchmarked backends
// under: what `cayley load --db NAME` opens.
var cayleyNames = map[string]string{"memstore": "memstore", "bolt": "bbolt", "postgres": "postgres"}

// freshCayley opens an empty Cayley quad store of backend directly, as
// `cayley load` does, without confgraph's store: the reference loader
// writes into it. It is removed when b ends; the caller closes it.
func freshCayley(b *testing.B, backend string) graph.QuadStore {
	b.Helper()
	path := freshPath(b, backend)
	name := cayleyNames[backend]
	if path != "" {
		if err := graph.InitQuadStore(name, path, nil); err != nil {
			b.Fatal(err)
		}
	}
	qs, err := graph.NewQuadStore(name, path, nil)
	if err != nil {
		b.Fatal(err)
	}
	return qs
}

// pgDatabase creates database name on the server of CONFGRAPH_BENCH_POSTGRES
// unless it exists (dropped when b ends if temporary) and returns its
// address and whether it was created.
func pgDatabase(b *testing.B, name string, temporary bool) (string, bool) {
	b.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		b.Skipf("%s is not set: no PostgreSQL server to benchmark", EnvPostgres)
	}
	u, err := url.Parse(admin)
	if err != nil {
		b.Fatalf("%s: %v", EnvPostgres, err)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRow("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		b.Fatalf("postgres: %v", err)
	}
	created := !exists
	if !exists {
		if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
			b.Fatalf("create benchmark database: %v", err)
		}
	}
	if temporary {
		b.Cleanup(func() {
			db, err := sql.Open("postgres", admin)
			if err == nil {
				db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
				db.Close()
			}
		})
	}
	u.Path = "/" + name
	return u.String(), created
}

func quadsPerSec(b *testing.B, quads int) {
	b.ReportMetric(float64(quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}

// BenchmarkLoad times confgraph's load path: read and validate the YAML
// corpus, map it to quads, and Replace them into an empty store in one
// transaction.
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes(b) {
		dir := corpus(b, n)
		for _, backend := range Backends() {
			b.Run(backend+"/"+Label(n), func(b *testing.B) {
				var quads int
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					s := fresh(b, backend)
					b.StartTimer()
					res := loadCorpus(ctx, b, s, dir)
					quads = res.Added
					b.StopTimer()
					s.Close()
					b.StartTimer()
				}
				quadsPerSec(b, quads)
			})
		}
	}
}

// BenchmarkParse times the YAML → quads half of the load alone.
func BenchmarkParse(b *testing.B) {
	for _, n := range sizes(b) {
		dir := corpus(b, n)
		b.Run(Label(n), func(b *testing.B) {
			var quads int
			for i := 0; i < b.N; i++ {
				qs, err := Quads(dir)
				if err != nil {
					b.Fatal(err)
				}
				quads = len(qs)
			}
			quadsPerSec(b, quads)
		})
	}
}

// BenchmarkCayleyLoad is the reference for BenchmarkLoad: what `cayley load`
// does (N-Quads reader, quad.CopyBatch in batches of quad.DefaultBatch into
// Cayley's "single" writer) on the N-Quads of the same corpus, into the same
// backend.
func BenchmarkCayleyLoad(b *testing.B) {
	for _, n := range sizes(b) {
		nq, err := NQuadsFile(corpus(b, n))
		if err != nil {
			b.Fatal(err)
		}
		for _, backend := range Backends() {
			b.Run(backend+"/"+Label(n), func(b *testing.B) {
				var quads int
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					qs := freshCayley(b, backend)
					load, done := cayleyLoader(b, qs, nq)
					b.StartTimer()
					quads = load()
					b.StopTimer()
					done()
					qs.Close()
					b.StartTimer()
				}
				quadsPerSec(b, quads)
			})
		}
	}
}

var (
	loadedMu sync.Mutex
	loaded   = map[string]*store.Store{}
)

// loadedStore returns a store of backend holding the corpus of n facts,
// loaded once per process (memstore) or once per cache directory (bolt,
// postgres).
func loadedStore(b *testing.B, backend string, n int) *store.Store {
	b.Helper()
	key := backend + "/" + Label(n)
	loadedMu.Lock()
	defer loadedMu.Unlock()
	if s := loaded[key]; s != nil {
		return s
	}
	ctx := context.Background()
	dir := corpus(b, n)
	path, marker := "", ""
	switch backend {
	case "memstore":
	case "bolt":
		path = filepath.Join(Dir(), "store-"+Label(n)+".bolt")
		marker = path + ".complete"
	case "postgres":
		var created bool
		path, created = pgDatabase(b, "confgraph_bench_"+Label(n), false)
		marker = filepath.Join(Dir(), "store-"+Label(n)+".postgres.complete")
		if created {
			os.Remove(marker) // the marker belongs to another server's database
		}
	default:
		b.Skipf("backend %s is not benchmarked", backend)
	}
	s, err := store.Open(ctx, backend, path)
	if err != nil {
		b.Fatal(err)
	}
	current := false
	if marker != "" {
		var err error
		if current, err = Marked(marker); err != nil {
			b.Fatal(err)
		}
	}
	if !current {
		loadCorpus(ctx, b, s, dir)
		if marker != "" {
			if err := Mark(marker); err != nil {
				b.Fatal(err)
			}
		}
	}
	loaded[key] = s
	return s
}

type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkExport times the N-Quads export of the whole store, sorted by
// line: "external" through sortquads (bounded memory), "memory" through
// Store.Quads (everything sorted in memory).
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes(b) {
		for _, backend := range Backends() {
			s := loadedStore(b, backend, n)
			each := func(fn func(string, quad.Quad) error) error { return s.EachKeyed(ctx, nil, fn) }
			for _, mode := range []string{"external", "memory"} {
				b.Run(backend+"/"+Label(n)+"/"+mode, func(b *testing.B) {
					var quads int
					var bytes int64
					for i := 0; i < b.N; i++ {
						c := &counter{}
						bw := bufio.NewWriterSize(c, 1<<16)
						quads = 0
						var err error
						if mode == "external" {
							quads, err = ExportNQuads(bw, each, sortquads.Options{TempDir: b.TempDir()})
						} else {
							var qs []quad.Quad
							if qs, err = s.Quads(ctx, nil); err == nil {
								quads = len(qs)
								err = nquads.Write(bw, qs)
							}
						}
						if err == nil {
							err = bw.Flush()
						}
						if err != nil {
							b.Fatal(err)
						}
						bytes = c.n
					}
					b.SetBytes(bytes)
					quadsPerSec(b, quads)
				})
			}
		}
	}
}

// BenchmarkCayleyDump is the reference for BenchmarkExport: what `cayley
// dump` does (every quad in the store's order, N-Quads writer, unsorted).
func BenchmarkCayleyDump(b *testing.B) {
	for _, n := range sizes(b) {
		for _, backend := range Backends() {
			s := loadedStore(b, backend, n)
			b.Run(backend+"/"+Label(n), func(b *testing.B) {
				var quads int
				for i := 0; i < b.N; i++ {
					c := &counter{}
					var k int
					err := s.View(context.Background(), func(qs graph.QuadStore) error {
						r := graph.NewQuadStoreReader(qs)
						defer r.Close()
						w := qnq.NewWriter(c)
						var err error
						if k, err = quad.Copy(w, r); err != nil {
							return err
						}
						return w.Close()
					})
					if err != nil {
						b.Fatal(err)
					}
					quads = k
					b.SetBytes(c.n)
				}
				quadsPerSec(b, quads)
			})
		}
	}
}

// firstEntities returns an event, a bridge and a person of the corpus's
// first report: the arguments of the bundled queries in BenchmarkQuery. The
// person is the first attendee at a bridge (the speaker, first in the file,
// attends at a place and has no co-attendees).
func firstEntities(b *testing.B, dir string) (event, bridge, person string) {
	b.Helper()
	e, err := FirstEntities(dir)
	if err != nil {
		b.Fatal(err)
	}
	return e.Event, e.Bridge, e.Person
}

// BenchmarkReload times loading the same corpus again into a store that
// holds it: confgraph's idempotent reload, which reads each graph back and
// changes nothing.
func BenchmarkReload(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes(b) {
		dir := corpus(b, n)
		for _, backend := range Backends() {
			if backend == "memstore" {
				continue
			}
			b.Run(backend+"/"+Label(n), func(b *testing.B) {
				s := fresh(b, backend)
				qs, err := Quads(dir)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Replace(ctx, qs); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					res, err := s.Replace(ctx, qs)
					if err != nil {
						b.Fatal(err)
					}
					if res.Added+res.Removed != 0 {
						b.Fatalf("reload changed %d quads", res.Added+res.Removed)
					}
				}
				quadsPerSec(b, len(qs))
			})
		}
	}
}

// loadCorpus maps the corpus in dir to quads and loads them into s as
// confgraph load does; a failure ends the benchmark.
func loadCorpus(ctx context.Context, b *testing.B, s *store.Store, dir string) store.Result {
	b.Helper()
	qs, err := LoadQuads(dir)
	if err != nil {
		b.Fatal(err)
	}
	res, err := s.Replace(ctx, qs)
	if err != nil {
		b.Fatal(err)
	}
	return res
}

// cayleyLoader prepares `cayley load`'s own path from the N-Quads file nq
// into qs: quad's N-Quads reader, quad.CopyBatch in default batches into
// Cayley's "single" writer. load runs it and returns the quads copied; done
// releases the file. Only load is meant to be timed.
func cayleyLoader(b *testing.B, qs graph.QuadStore, nq string) (load func() int, done func()) {
	b.Helper()
	f, err := os.Open(nq)
	if err != nil {
		b.Fatal(err)
	}
	load = func() int {
		var n int
		err := func() error {
			qw, err := graph.NewQuadWriter("single", qs, graph.Options{})
			if err != nil {
				return err
			}
			w := graph.NewWriter(qw)
			if n, err = quad.CopyBatch(w, qnq.NewReader(bufio.NewReaderSize(f, 1<<16), false), quad.DefaultBatch); err != nil {
				return err
			}
			return w.Close()
		}()
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	return load, func() { f.Close() }
}
