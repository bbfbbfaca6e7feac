package store

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// A Part is the quads of one graph that a load produces only when the
// store asks for them (a report mapped from its data file): a first load
// into an empty bolt store asks for each part in turn, numbers its values
// and keeps 16 bytes a quad of it, so the quads of every report are never
// held at once.
type Part struct {
	// Graph is the graph every quad of the part is in.
	Graph quad.Value
	// Quads returns the part's quads (repeats allowed). It is called once,
	// maybe on another goroutine, beside the Quads of other parts.
	Quads func() ([]quad.Quad, error)
}

// PartGraphError reports a quad that a Part gave in another graph than
// its own.
type PartGraphError struct {
	Part, Quad quad.Value
}

func (e *PartGraphError) Error() string {
	return fmt.Sprintf("a quad of graph %s came with the quads of graph %s", e.Quad, e.Part)
}

// ReplaceParts is Replace of quads and of the quads of parts together:
// each named graph that occurs in them holds exactly their quads after it
// (the union, when a graph occurs in quads and in parts or in several
// parts), in one transaction.
func (s *Store) ReplaceParts(ctx context.Context, quads []quad.Quad, parts []Part) (Result, error) {
	byGraph := map[quad.Value][]quad.Quad{}
	for _, q := range quads {
		q = rdf.Canonical(q)
		if q.Label == nil {
			return Result{}, fmt.Errorf("quad without graph: %s", q.NQuad())
		}
		byGraph[q.Label] = append(byGraph[q.Label], q)
	}
	ps := make([]Part, len(parts))
	for i, p := range parts {
		if p.Graph == nil {
			return Result{}, fmt.Errorf("part %d has no graph", i)
		}
		ps[i] = Part{Graph: rdf.CanonicalValue(p.Graph), Quads: p.Quads}
	}
	return s.write(ctx, func() (Result, error) { return s.replaceParts(ctx, byGraph, ps) })
}

// replaceParts is ReplaceParts under the write lock, with quads grouped
// by graph and canonical.
func (s *Store) replaceParts(ctx context.Context, byGraph map[quad.Value][]quad.Quad, parts []Part) (Result, error) {
	if len(parts) == 0 {
		return s.replace(ctx, byGraph)
	}
	if s.firstLoadFits() {
		empty, err := s.boltEmpty()
		if err != nil {
			return Result{}, err
		}
		if empty {
			return s.firstLoad(ctx, labelsOf(byGraph, parts), byGraph, parts)
		}
	}
	if s.pg != nil {
		res, done, err := s.pgFirstLoad(ctx, labelsOf(byGraph, parts), byGraph, parts)
		if done || err != nil {
			return res, err
		}
	}
	// Any other load compares each graph with what the store holds: all
	// of it at once, as Replace has it.
	err := eachPart(ctx, parts, partOrder(parts), func(i int, qs []quad.Quad) error {
		g := parts[i].Graph
		for _, q := range qs {
			if q = rdf.Canonical(q); q.Label != g {
				return &PartGraphError{Part: g, Quad: q.Label}
			}
			byGraph[g] = append(byGraph[g], q)
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return s.replace(ctx, byGraph)
}

// labelsOf lists the graphs of byGraph and parts, sorted by their
// N-Quads term.
func labelsOf(byGraph map[quad.Value][]quad.Quad, parts []Part) []quad.Value {
	seen := map[quad.Value]bool{}
	var labels []quad.Value
	for l := range byGraph {
		seen[l] = true
		labels = append(labels, l)
	}
	for _, p := range parts {
		if !seen[p.Graph] {
			seen[p.Graph] = true
			labels = append(labels, p.Graph)
		}
	}
	sort.Slice(labels, func(i, j int) bool { return labels[i].String() < labels[j].String() })
	return labels
}

// partOrder is the order a load asks for parts in: by graph, as the
// graphs are written, then as given.
func partOrder(parts []Part) []int {
	order := make([]int, len(parts))
	keys := make([]string, len(parts))
	for i, p := range parts {
		order[i] = i
		keys[i] = p.Graph.String()
	}
	sort.SliceStable(order, func(a, b int) bool { return keys[order[a]] < keys[order[b]] })
	return order
}

// eachPart calls fn with the quads of each part, in order, one call at a
// time. The parts' Quads run on as many goroutines as there are CPUs,
// ahead of fn by at most twice as many parts, so no more than that many
// parts' quads are held at once. The first error, of a part or of fn,
// ends it.
func eachPart(ctx context.Context, parts []Part, order []int, fn func(i int, qs []quad.Quad) error) error {
	type result struct {
		qs  []quad.Quad
		err error
	}
	workers := min(runtime.GOMAXPROCS(0), len(order))
	ahead := 2 * workers
	results := make([]chan result, len(order))
	for k := range results {
		results[k] = make(chan result, 1)
	}
	stop := make(chan struct{})
	slots := make(chan struct{}, ahead) // parts mapped or being mapped, not yet taken by fn
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				qs, err := parts[order[k]].Quads()
				results[k] <- result{qs, err}
			}
		}()
	}
	go func() {
		defer close(next)
		for k := range order {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- k:
			case <-stop:
				return
			}
		}
	}()
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for k, i := range order {
		r := <-results[k]
		<-slots
		if r.err != nil {
			return r.err
		}
		if err := ctx.Err(); err != nil {
			return &InterruptedError{Cause: context.Cause(ctx)}
		}
		if err := fn(i, r.qs); err != nil {
			return err
		}
	}
	return nil
}
