package bench

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/serve"
	"github.com/confgraph/confgraph/internal/workspace"
)

// serveClients is how many clients BenchmarkServe runs at once.
const serveClients = 32

// latencies runs fn from serveClients goroutines, b.N times each, and
// reports the p50 and p99 of one call in milliseconds.
func latencies(b *testing.B, fn func() error) {
	var (
		mu   sync.Mutex
		durs []time.Duration
		wg   sync.WaitGroup
	)
	b.ResetTimer()
	for c := 0; c < serveClients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				if err := fn(); err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				durs = append(durs, time.Since(t0))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	if len(durs) == 0 {
		return
	}
	ms := func(p float64) float64 { return float64(durs[int(p*float64(len(durs)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(ms(.5), "p50-ms")
	b.ReportMetric(ms(.99), "p99-ms")
}

// BenchmarkServe runs every bundled query over HTTP (confgraph serve's
// /api/queries/NAME, JSON) and through the CLI's code path (query.Run)
// with 32 concurrent clients, given one event or one person of the first
// report as BenchmarkQuery does, and the entity page's API for one person;
// it reports p50 and p99 per call. Sizes and backends as the other
// benchmarks (CONFGRAPH_BENCH_FACTS=1m for the 1M-fact figures).
func BenchmarkServe(b *testing.B) {
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
			srv := httptest.NewServer(serve.New(s, serve.Options{Workspace: workspace.Config{Backend: backend, Base: mapping.DefaultBase}, QueryLimit: 1 << 30}).Handler())
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: serveClients}}
			get := func(u string) error {
				resp, err := client.Get(u)
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				io.Copy(io.Discard, resp.Body)
				if resp.StatusCode != 200 {
					return &statusError{u, resp.StatusCode}
				}
				return nil
			}
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
						continue
					}
					if given != "all" && !p.Required {
						continue
					}
					params[p.Name] = args[k]
					given = k
				}
				if given == "all" && n >= 1000000 {
					continue // whole-store listings: see BenchmarkQuery
				}
				vals := url.Values{}
				for k, v := range params {
					vals.Set(k, v)
				}
				name := backend + "/" + Label(n) + "/" + q.Name + "/" + given
				b.Run(name+"/http", func(b *testing.B) {
					latencies(b, func() error { return get(srv.URL + "/api/queries/" + q.Name + "?" + vals.Encode()) })
				})
				b.Run(name+"/cli", func(b *testing.B) {
					latencies(b, func() error {
						_, err := q.Run(ctx, s, params, query.Options{Limit: -1})
						return err
					})
				})
			}
			b.Run(backend+"/"+Label(n)+"/entity-page/http", func(b *testing.B) {
				latencies(b, func() error { return get(srv.URL + "/api/entity?iri=" + url.QueryEscape(args["person"])) })
			})
			srv.Close()
		}
	}
}

type statusError struct {
	url  string
	code int
}

func (e *statusError) Error() string { return e.url + ": status " + http.StatusText(e.code) }
