package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/confgraph/confgraph/internal/rdf"
)

// A first load into an empty bolt store does not go through Cayley's
// writer and one huge bbolt transaction (whose unsplit nodes and remaps
// make it super-linear). It writes a new file beside the store's,
// indexes.bolt.load-<random>, with the bulk builder (boltbuild.go) in
// batches, syncs it, renames it over indexes.bolt and syncs the directory.
// The rename is the commit: a process killed before it leaves the old
// file untouched, byte for byte (and a file of its own, which the next
// writable open removes); after it the store holds the whole load. The
// new file is renamed while open, so its lock is never let go: no other
// process opens the store between the old file and the new.

// buildPrefix starts the names of the files a first load builds.
const buildPrefix = BoltFile + ".load-"

// initialMmap is the memory map a writable open asks bbolt for, for a
// file of size bytes: twice its size and 256 MiB more (address space, not
// memory).
func initialMmap(size int64) int {
	return int(min(2*size+256<<20, 1<<40))
}

// removeBuildFiles removes what first loads killed before their rename
// left in the store's directory dir. The caller holds the store's lock.
func removeBuildFiles(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), buildPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// boltEmpty reports whether the bolt store holds nothing at all: no
// record in Cayley's log (no node, no quad) and no digest.
func (s *Store) boltEmpty() (bool, error) {
	empty := true
	err := s.bolt.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte("log")); b != nil {
			if k, _ := b.Cursor().First(); k != nil {
				empty = false
			}
		}
		if b := tx.Bucket(digestBucket); b != nil {
			if k, _ := b.Cursor().First(); k != nil {
				empty = false
			}
		}
		return nil
	})
	return empty, err
}

// firstLoad writes the graphs labels (sorted) into the empty bolt store
// as a new file: the quads of byGraph (canonical, repeats allowed) and of
// parts (canonical graphs), graph by graph (loadGraphs), so no more than a
// few graphs are held as quads at once: the builder keeps each one as the
// numbers of its values, and sorts each by key one at a time, so no key of
// another graph is held meanwhile.
func (s *Store) firstLoad(ctx context.Context, labels []quad.Value, byGraph map[quad.Value][]quad.Quad, parts []Part) (Result, error) {
	var res Result
	graphs := func(emit func(builtGraph) error) error {
		return loadGraphs(ctx, labels, byGraph, parts, true, &res, emit)
	}
	if err := s.swapInBuilt(ctx, graphs); err != nil {
		return Result{}, writeError(res.Added, err)
	}
	res.Graphs = len(labels)
	return res, nil
}

// loadGraphs gives emit the graphs labels (sorted by their N-Quads term),
// one at a time and in that order, each with its quads sorted by key and
// distinct (and, with digests, its digest): the quads of byGraph
// (canonical, repeats allowed) and of parts (canonical graphs), for a load
// into an empty store. It takes the slices of byGraph over and asks for the
// parts in the order of their graphs (eachPart), so no more than a few
// graphs are held as quads at once. It adds each graph to res as new.
func loadGraphs(ctx context.Context, labels []quad.Value, byGraph map[quad.Value][]quad.Quad, parts []Part, digests bool, res *Result, emit func(builtGraph) error) error {
	flush := func(l quad.Value, qs []quad.Quad) error {
		qs, keys := sortedDistinct(qs)
		var d Digest
		if digests {
			d = digestKeys(keys)
		}
		res.PerGraph = append(res.PerGraph, GraphResult{Graph: l, Added: len(qs), Total: len(qs)})
		res.Added += len(qs)
		res.Total += len(qs)
		return emit(builtGraph{label: l, quads: qs, digest: d})
	}
	li := 0 // labels[:li] are written or being gathered
	// The graph being gathered from its parts.
	var (
		cur   quad.Value
		curQs []quad.Quad
	)
	err := eachPart(ctx, parts, partOrder(parts), func(i int, qs []quad.Quad) error {
		g := parts[i].Graph
		if cur != nil && cur != g {
			if err := flush(cur, curQs); err != nil {
				return err
			}
			cur, curQs = nil, nil
		}
		if cur == nil {
			gs := g.String()
			for ; li < len(labels) && labels[li].String() < gs; li++ {
				l := labels[li]
				qs := byGraph[l]
				delete(byGraph, l)
				if err := flush(l, qs); err != nil {
					return err
				}
			}
			if li < len(labels) && labels[li].String() == gs {
				li++
			}
			cur, curQs = g, byGraph[g]
			delete(byGraph, g)
		}
		for _, q := range qs {
			if q = rdf.Canonical(q); q.Label != g {
				return &PartGraphError{Part: g, Quad: q.Label}
			}
			curQs = append(curQs, q)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if cur != nil {
		if err := flush(cur, curQs); err != nil {
			return err
		}
	}
	for ; li < len(labels); li++ {
		l := labels[li]
		qs := byGraph[l]
		delete(byGraph, l)
		if err := flush(l, qs); err != nil {
			return err
		}
	}
	return nil
}

// sortedDistinct sorts qs by key (rdf.Key), in place, and drops repeats;
// it returns the quads and their keys.
func sortedDistinct(qs []quad.Quad) ([]quad.Quad, []string) {
	type keyed struct {
		key string
		i   int
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{rdf.Key(q), i}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	out := make([]quad.Quad, 0, len(qs))
	keys := make([]string, 0, len(qs))
	for j, k := range ks {
		if j > 0 && k.key == ks[j-1].key {
			continue
		}
		out = append(out, qs[k.i])
		keys = append(keys, k.key)
	}
	return out, keys
}

// buildHook, when set (by tests), is called with "built" once the new
// file is complete and synced, before the rename, and with "renamed" once
// the rename is durable, before the store switches to the new file.
var buildHook func(stage string)

// swapInBuilt builds the new file and makes it the store's.
func (s *Store) swapInBuilt(ctx context.Context, graphs func(emit func(builtGraph) error) error) (err error) {
	if ctx.Err() != nil {
		return &InterruptedError{Cause: context.Cause(ctx)}
	}
	dir := filepath.Dir(s.bolt.file)
	var rnd [8]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(dir, buildPrefix+hex.EncodeToString(rnd[:]))
	db, err := buildBolt(ctx, tmp, graphs)
	if err != nil {
		if db != nil {
			db.Close()
		}
		os.Remove(tmp)
		return err
	}
	renamed := false
	defer func() {
		if err != nil {
			db.Close()
			if !renamed {
				os.Remove(tmp)
			}
		}
	}()
	if err := ctx.Err(); err != nil {
		return &InterruptedError{Cause: context.Cause(ctx)}
	}
	if buildHook != nil {
		buildHook("built")
	}
	if err := os.Rename(tmp, s.bolt.file); err != nil {
		return fmt.Errorf("put the new file in place: %w", err)
	}
	renamed = true
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	if buildHook != nil {
		buildHook("renamed")
	}
	// The store is the new file now; whatever fails below, the process
	// holds both files' locks until it closes the store.
	// Without Cayley's quad filter: filling it reads every quad of the
	// file just written (a tenth of the load's time), for a process that
	// mostly closes the store next. Cayley then looks a quad up in its
	// index where the filter would have said "absent"; the next open
	// has the filter again.
	bo, err := overBolt(db, dir, s.bolt.file, false, graph.Options{ckv.OptNoBloom: true})
	if err != nil {
		return fmt.Errorf("open the new file: %w", err)
	}
	w, err := writer.NewSingle(bo.qs, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	if err != nil {
		bo.qs.Close()
		return fmt.Errorf("open the new file's writer: %w", err)
	}
	s.w.Close()
	s.qs.Close() // the old file, no longer in the directory
	s.qs, s.w, s.bolt = bo.qs, w, bo
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
