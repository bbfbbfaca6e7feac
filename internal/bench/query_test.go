package bench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/query"
)

// BenchmarkQuery runs every bundled query on a loaded corpus, given one
// entity of the first report (entity parameters get the entity's IRI): an
// event (attendance, bridges, events, targets), a person (person,
// co-attendees), the event as the entity of sources, the first post
// (post-holders), the body of that post (organisations) and the first
// document (documents). A query run without any parameter lists the whole
// store and is named with "/all"; from 1M facts on that runs only when
// CONFGRAPH_BENCH_QUERY_ALL is set (it takes seconds to minutes; the
// targets concern one entity). Besides ns/op it reports cpu-ms/op, the
// process's CPU time per query (user and system, all goroutines), which
// varies less than wall time on a shared machine.
func BenchmarkQuery(b *testing.B) {
	ctx := context.Background()
	m := mapping.IRIs{Base: mapping.DefaultBase}
	for _, n := range sizes(b) {
		event, bridge, person := firstEntities(b, corpus(b, n))
		post, body, document := firstPostAndDocument(b, corpus(b, n))
		args := map[string]string{
			"event":        string(m.Entity(dataset.KindEvent, event)),
			"bridge":       string(m.Entity(dataset.KindBridge, bridge)),
			"person":       string(m.Entity(dataset.KindPerson, person)),
			"any":          string(m.Entity(dataset.KindEvent, event)),
			"post":         string(m.Entity(dataset.KindPost, post)),
			"organisation": string(m.Entity(dataset.KindOrganisation, body)),
			"document":     string(m.Entity(dataset.KindDocument, document)),
		}
		for _, backend := range Backends() {
			s := loadedStore(b, backend, n)
			bundled, err := query.Bundled()
			if err != nil {
				b.Fatal(err)
			}
			for _, q := range bundled {
				params := map[string]string{}
				given := "all"
				for _, p := range q.Params {
					k := p.Kind()
					if k == "" || args[k] == "" || k == "bridge" && !p.Required {
						continue // strings keep their defaults; the event selects the bridges
					}
					if given != "all" && !p.Required {
						continue
					}
					params[p.Name] = args[k]
					given = k
				}
				if given == "all" && n >= 1000000 && os.Getenv("CONFGRAPH_BENCH_QUERY_ALL") == "" {
					continue
				}
				b.Run(backend+"/"+Label(n)+"/"+q.Name+"/"+given, func(b *testing.B) {
					rows := 0
					cpu0 := cpuTime(b)
					for i := 0; i < b.N; i++ {
						res, err := q.Run(ctx, s, params, query.Options{Limit: -1})
						var te *query.TimeoutError
						if errors.As(err, &te) {
							b.Skipf("TIMEOUT: query %s %v ran longer than %v", q.Name, params, te.After)
						}
						if err != nil {
							b.Fatal(err)
						}
						rows = len(res.Rows)
					}
					if rows == 0 {
						b.Fatalf("query %s %v returned no rows", q.Name, params)
					}
					b.ReportMetric(float64(rows), "rows")
					b.ReportMetric(float64(cpuTime(b)-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
				})
			}
		}
	}
}

// firstPostAndDocument returns the first post of the corpus's first report
// that names its body, that body, and the report's first document.
func firstPostAndDocument(b *testing.B, dir string) (post, body, document string) {
	b.Helper()
	f := firstFile(b, dir)
	for _, p := range f.Posts {
		if p.Organisation.V != "" {
			post, body = p.ID.V, p.Organisation.V
			break
		}
	}
	if len(f.Documents) > 0 {
		document = f.Documents[0].ID.V
	}
	return post, body, document
}

// firstFile reads the first data file of dir.
func firstFile(b *testing.B, dir string) *dataset.File {
	b.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range ents {
		if !dataset.IsDataFile(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		f, errs := dataset.Parse(e.Name(), data)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		return f
	}
	b.Fatalf("no data file in %s", dir)
	return nil
}

// cpuTime is the CPU time the process has used so far (user and system).
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
