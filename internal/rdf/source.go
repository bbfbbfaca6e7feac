package rdf

// This file defines what every writer reads: quads in N-Quads line order,
// as a sequence that can be walked more than once, for all graphs or one
// graph at a time. Writers stream over it, so the in-memory sort behind it
// can be swapped for an external sort without touching them.

import (
	"maps"
	"slices"
	"sync"

	"github.com/cayleygraph/quad"
)

// Seq yields quads in N-Quads line order (subject, predicate, object,
// graph) until yield returns an error, and returns that error.
type Seq func(yield func(quad.Quad) error) error

// Source is the input of an export.
type Source struct {
	// Graphs lists the graph labels of the quads, sorted by their N-Quads
	// form; nil stands for the default graph and sorts first.
	Graphs []quad.Value
	// All yields every quad, sorted.
	All Seq
	// InGraph yields the quads of one graph of Graphs, sorted.
	InGraph func(g quad.Value) Seq
	// Lines, when set, yields the N-Quads line (Key, without newline) of
	// every quad All yields, in the same order: the N-Quads writer writes
	// them as they are instead of formatting each quad again.
	Lines LineSeq
}

// LineSeq yields N-Quads lines (Key), sorted and each once, until yield
// returns an error, and returns that error.
type LineSeq func(yield func(line string) error) error

// FromQuads sorts qs (in place) and returns a Source over them, the graphs
// and per-graph sequences included. Duplicate quads are dropped.
func FromQuads(qs []quad.Quad) Source { return FromSorted(Dedup(qs)) }

// FromSorted returns a Source over qs, which must be sorted in N-Quads line
// order without repeats. The per-graph sequences are built on first use.
func FromSorted(qs []quad.Quad) Source {
	labels := map[string]quad.Value{}
	last := "\x00"
	for _, q := range qs {
		if k := GraphKey(q.Label); k != last {
			labels[k] = q.Label
			last = k
		}
	}
	keys := slices.Sorted(maps.Keys(labels))
	graphs := make([]quad.Value, len(keys))
	for i, k := range keys {
		graphs[i] = labels[k]
	}
	var once sync.Once
	var byGraph map[string][]quad.Quad
	return Source{
		Graphs: graphs,
		All:    Slice(qs),
		InGraph: func(g quad.Value) Seq {
			if len(graphs) == 1 && GraphKey(graphs[0]) == GraphKey(g) {
				return Slice(qs)
			}
			once.Do(func() {
				byGraph = map[string][]quad.Quad{}
				for _, q := range qs {
					k := GraphKey(q.Label)
					byGraph[k] = append(byGraph[k], q)
				}
			})
			return Slice(byGraph[GraphKey(g)])
		},
	}
}

// Slice returns a Seq over qs, which must already be sorted.
func Slice(qs []quad.Quad) Seq {
	return func(yield func(quad.Quad) error) error {
		for _, q := range qs {
			if err := yield(q); err != nil {
				return err
			}
		}
		return nil
	}
}

// Triples yields the quads of s without their graph labels, each triple
// once: the union of the graphs, for the syntaxes without graphs. s must be
// sorted in N-Quads line order, which puts the copies of one triple next to
// each other.
func Triples(s Seq) Seq {
	return func(yield func(quad.Quad) error) error {
		last, started := "", false
		return s(func(q quad.Quad) error {
			q.Label = nil
			k := Key(q)
			if started && k == last {
				return nil
			}
			last, started = k, true
			return yield(q)
		})
	}
}

// Collect returns the quads of s in order.
func Collect(s Seq) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s(func(q quad.Quad) error {
		out = append(out, q)
		return nil
	})
	return out, err
}

// Subjects groups s by subject: fn gets the quads of one subject at a time,
// in order. Memory is bounded by the largest subject, not by the graph.
func Subjects(s Seq, fn func(subject quad.Value, qs []quad.Quad) error) error {
	var cur []quad.Quad
	var curKey string
	err := s(func(q quad.Quad) error {
		k := q.Subject.String()
		if len(cur) > 0 && k != curKey {
			if err := fn(cur[0].Subject, cur); err != nil {
				return err
			}
			cur = cur[:0]
		}
		curKey = k
		cur = append(cur, q)
		return nil
	})
	if err != nil {
		return err
	}
	if len(cur) > 0 {
		return fn(cur[0].Subject, cur)
	}
	return nil
}
