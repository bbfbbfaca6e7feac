package bench

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/query"
)

// BenchmarkQuery runs every bundled query on a loaded corpus, given one
// event or one person of the first report (entity parameters get the
// entity's IRI). Queries without an entity parameter answer for the whole
// store and are named with "/all"; from 1M facts on they run only when
// CONFGRAPH_BENCH_QUERY_ALL is set (they list the whole corpus and take
// seconds to minutes; the targets concern one event or one person).
func BenchmarkQuery(b *testing.B) {
	ctx := context.Background()
	m := mapping.IRIs{Base: mapping.DefaultBase}
	for _, n := range sizes(b) {
		event, bridge, person := firstEntities(b, corpus(b, n))
		args := map[string]string{
			"event":  string(m.Entity(dataset.KindEvent, event)),
			"bridge": string(m.Entity(dataset.KindBridge, bridge)),
			"person": string(m.Entity(dataset.KindPerson, person)),
			"any":    string(m.Entity(dataset.KindEvent, event)),
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
					if k == "" || k == "bridge" && !p.Required {
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
				})
			}
		}
	}
}
