package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// A reload into a bolt store that holds something goes one of two ways,
// both all-or-nothing:
//
//   - few changes: Cayley's writer, in one bbolt transaction (store.go,
//     Replace). Its cost grows with the changes, super-linearly (unsplit
//     nodes, remaps), but a small change into a large store is cheap.
//   - many changes (rebuildPays): the bulk builder of a first load
//     (firstload.go, boltbuild.go) writes a complete new file from the
//     graphs the load keeps, read from the old file in one sequential
//     scan of Cayley's log (kvscan.go), and the graphs of the load, and
//     renames it over the old one. Its cost grows with the store's size,
//     linearly, whatever the change; the log comes out compact (no removed
//     quads, no gaps).
//
// The rename is the commit, as for a first load: a process killed before
// it leaves the old file untouched (and a build file, which the next
// writable open removes); after it, the store is the new file, whole.
// Node and quad IDs differ from what Cayley's writer would give; nothing
// confgraph shows depends on them (exports are sorted, results counted
// from the quads).

// rebuildFraction is where the rebuild starts to pay: a load whose quads
// to add and remove exceed this fraction of the quads the store holds
// builds a new file. Measured on 1M-quad stores (docs/notes-reload.md).
var rebuildFraction = 0.1

// rebuildPays reports whether a reload of changes quads (added plus
// removed) into a bolt store holding stored quads should build a new file.
func rebuildPays(changes, stored int) bool {
	return changes > 0 && float64(changes) > rebuildFraction*float64(stored)
}

// rebuild writes the store anew: the graphs it holds that are not among
// labels, as they are, and the graphs labels with the quads of want (by
// key; sorted holds each graph's keys in order) and the digests of the
// load; the kept graphs keep the digests recorded for them. The caller
// holds the write lock.
func (s *Store) rebuild(ctx context.Context, labels []quad.Value, want map[quad.Value]map[string]quad.Quad, sorted map[quad.Value][]string, digests map[string]Digest) error {
	skip := map[uint64]bool{}
	for _, l := range labels {
		ref, err := s.qs.ValueOf(l)
		if err != nil {
			return fmt.Errorf("look up graph %s: %w", l, s.explain(ctx, err))
		}
		if id, ok := ref.(ckv.Int64Value); ok && id != 0 {
			skip[uint64(id)] = true
		}
	}
	graphs, err := s.kvGraphsExcept(ctx, skip)
	if err != nil {
		return err
	}
	recorded, err := s.readDigests()
	if err != nil {
		return fmt.Errorf("read the digests: %w", err)
	}
	all := make(map[string]Digest, len(recorded)+len(digests))
	for g, d := range recorded {
		all[g] = d
	}
	for g, d := range digests {
		all[g] = d
	}
	for _, l := range labels {
		m := want[l]
		qs := make([]quad.Quad, len(sorted[l]))
		for i, k := range sorted[l] {
			qs[i] = m[k]
		}
		delete(want, l)
		graphs = append(graphs, builtGraph{label: l, quads: qs})
	}
	slices.SortStableFunc(graphs, func(a, b builtGraph) int { return strings.Compare(labelTerm(a.label), labelTerm(b.label)) })
	return s.buildAndSwap(ctx, graphs, all)
}

// buildAndSwap is the one call of a reload into the bulk builder: it
// writes graphs (distinct quads each), each with its digest from digests
// (none for a graph without one), into a new file and makes it the
// store's (swapInBuilt, firstload.go). It hands each graph's quads over.
func (s *Store) buildAndSwap(ctx context.Context, graphs []builtGraph, digests map[string]Digest) error {
	return s.swapInBuilt(ctx, func(emit func(builtGraph) error) error {
		for i := range graphs {
			g := graphs[i]
			graphs[i] = builtGraph{}
			if g.label != nil { // the default graph has no digest
				g.digest = digests[g.label.String()]
			}
			if err := emit(g); err != nil {
				return err
			}
		}
		return nil
	})
}

func labelTerm(v quad.Value) string {
	if v == nil {
		return ""
	}
	return v.String()
}
