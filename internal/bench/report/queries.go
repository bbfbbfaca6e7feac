package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/pprof"
	"slices"
	"syscall"
	"time"

	"github.com/dop251/goja"

	"github.com/confgraph/confgraph/internal/bench"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/store"
)

// Entities are the IRIs given to the bundled queries (bench.FirstEntities).
type Entities struct{ Event, Bridge, Person, Post, Organisation, Document string }

// FirstEntities returns the IRIs of bench.FirstEntities of the corpus in
// dir.
func FirstEntities(dir string) (Entities, error) {
	ids, err := bench.FirstEntities(dir)
	if err != nil {
		return Entities{}, err
	}
	m := mapping.IRIs{Base: mapping.DefaultBase}
	e := Entities{
		Event:  string(m.Entity(dataset.KindEvent, ids.Event)),
		Bridge: string(m.Entity(dataset.KindBridge, ids.Bridge)),
		Person: string(m.Entity(dataset.KindPerson, ids.Person)),
	}
	if ids.Post != "" {
		e.Post = string(m.Entity(dataset.KindPost, ids.Post))
	}
	if ids.Organisation != "" {
		e.Organisation = string(m.Entity(dataset.KindOrganisation, ids.Organisation))
	}
	if ids.Document != "" {
		e.Document = string(m.Entity(dataset.KindDocument, ids.Document))
	}
	return e, nil
}

// Params returns the parameters that give q one entity, and the kind
// given ("all" when q takes no entity): its first entity parameter, or its
// required ones; string parameters keep their defaults, and an optional
// bridge or place is left for the event to select.
func Params(q *query.Query, e Entities) (map[string]string, string) {
	byKind := map[string]string{"event": e.Event, "bridge": e.Bridge, "person": e.Person, "post": e.Post,
		"organisation": e.Organisation, "document": e.Document, "any": e.Event}
	params := map[string]string{}
	given := "all"
	for _, p := range q.Params {
		k := p.Kind()
		if k == "" || (k == "bridge" || k == "at") && !p.Required || byKind[k] == "" && !p.Required {
			continue
		}
		if given != "all" && !p.Required {
			continue
		}
		params[p.Name] = byKind[k]
		given = k
	}
	return params, given
}

// Latencies runs every bundled query that takes an entity on s, once to
// warm up and then runs times, and returns the median of each. A query
// that fails is reported with its error instead of a time.
func Latencies(ctx context.Context, s *store.Store, backend string, e Entities, runs int) ([]QueryTime, error) {
	return LatenciesOf(ctx, s, backend, e, runs, nil)
}

// LatenciesOf is Latencies for the bundled queries named in only (all
// when only is empty).
func LatenciesOf(ctx context.Context, s *store.Store, backend string, e Entities, runs int, only []string) ([]QueryTime, error) {
	bundled, err := query.Bundled()
	if err != nil {
		return nil, err
	}
	var out []QueryTime
	for _, q := range bundled {
		params, given := Params(q, e)
		if given == "all" {
			continue // whole-store listings: their time grows with the corpus by design
		}
		if len(only) > 0 && !slices.Contains(only, q.Name) {
			continue
		}
		qt := QueryTime{Backend: backend, Query: q.Name, Given: given, Runs: runs}
		var ms, cpu []float64
		for i := range runs + 1 {
			c0 := cpuTime()
			t0 := time.Now()
			res, err := q.Run(ctx, s, params, query.Options{Limit: -1})
			d := time.Since(t0)
			c := cpuTime() - c0
			if err != nil {
				var te *query.TimeoutError
				if errors.As(err, &te) {
					qt.Err = "timeout"
				} else {
					qt.Err = err.Error()
				}
				break
			}
			qt.Rows = len(res.Rows)
			if i == 0 {
				qt.FirstMillis = float64(d) / float64(time.Millisecond)
			}
			if i > 0 {
				ms = append(ms, float64(d)/float64(time.Millisecond))
				cpu = append(cpu, float64(c)/float64(time.Millisecond))
			}
		}
		qt.Millis = Median(ms)
		qt.CPUMillis = Median(cpu)
		if qt.Err == "" {
			t0 := time.Now()
			if _, err := q.Run(ctx, s, params, query.Options{Limit: 1}); err == nil {
				qt.Limit1Millis = float64(time.Since(t0)) / float64(time.Millisecond)
			}
		}
		out = append(out, qt)
	}
	return out, nil
}

// cpuTime is the CPU time (user and system) the process has used so far,
// 0 where the system does not tell.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// QueryStore opens the store of backend at path (memstore: a new one,
// into which the corpus is loaded first, untimed), measures Latencies and
// writes them to w as JSON: what `benchtool queries` does, in a process of
// its own.
func QueryStore(ctx context.Context, w io.Writer, backend, path, corpus string, runs int) error {
	return QueryStoreWith(ctx, w, backend, path, corpus, runs, QueryStoreOptions{})
}

// QueryStoreOptions narrow and profile QueryStoreWith.
type QueryStoreOptions struct {
	// Only names the bundled queries to run (all when empty).
	Only []string
	// CPUProfile, when set, is written with a CPU profile of the queries'
	// runs (the warm-up run included, the store's opening and loading not).
	CPUProfile io.Writer
	// JSProfile, when set, is written with a profile of the JavaScript
	// the queries run (goja's sampling profiler: which query and prelude
	// functions the time goes to), over the same runs.
	JSProfile io.Writer
}

// QueryStoreWith is QueryStore with options.
func QueryStoreWith(ctx context.Context, w io.Writer, backend, path, corpus string, runs int, opt QueryStoreOptions) error {
	e, err := FirstEntities(corpus)
	if err != nil {
		return err
	}
	var s *store.Store
	if backend == "memstore" {
		s, err = store.Open(ctx, backend, "")
	} else {
		s, err = store.OpenReadOnly(ctx, backend, path)
	}
	if err != nil {
		return fmt.Errorf("open %s store: %w", backend, err)
	}
	defer s.Close()
	if backend == "memstore" {
		qs, err := bench.Quads(corpus)
		if err != nil {
			return err
		}
		if _, err := s.Replace(ctx, qs); err != nil {
			return fmt.Errorf("load memstore: %w", err)
		}
		// The load's garbage is collected before the queries are timed, or
		// the first ones pay for it.
		qs = nil
		runtime.GC()
	}
	if opt.CPUProfile != nil {
		if err := pprof.StartCPUProfile(opt.CPUProfile); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
	}
	if opt.JSProfile != nil {
		if err := goja.StartProfile(opt.JSProfile); err != nil {
			if opt.CPUProfile != nil {
				pprof.StopCPUProfile()
			}
			return fmt.Errorf("javascript profile: %w", err)
		}
	}
	ts, err := LatenciesOf(ctx, s, backend, e, runs, opt.Only)
	if opt.CPUProfile != nil {
		pprof.StopCPUProfile()
	}
	if opt.JSProfile != nil {
		goja.StopProfile()
	}
	if err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(ts)
}
