package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
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

// firstLoad writes want (each graph's quads by key; sorted: the keys in
// order) into the empty bolt store as a new file.
func (s *Store) firstLoad(ctx context.Context, labels []quad.Value, want map[quad.Value]map[string]quad.Quad, sorted map[quad.Value][]string) (Result, error) {
	var res Result
	graphs := make([]builtGraph, 0, len(labels))
	for _, l := range labels {
		m, keys := want[l], sorted[l]
		qs := make([]quad.Quad, len(keys))
		for i, k := range keys {
			qs[i] = m[k]
		}
		graphs = append(graphs, builtGraph{label: l, quads: qs})
		res.PerGraph = append(res.PerGraph, GraphResult{Graph: l, Added: len(qs), Total: len(qs)})
		res.Added += len(qs)
		res.Total += len(qs)
	}
	res.Graphs = len(labels)
	digests := s.digestsOf(sorted)
	if err := s.swapInBuilt(ctx, graphs, digests); err != nil {
		return Result{}, writeError(res.Added, err)
	}
	return res, nil
}

// swapInBuilt builds the new file and makes it the store's.
func (s *Store) swapInBuilt(ctx context.Context, graphs []builtGraph, digests map[string]Digest) (err error) {
	if ctx.Err() != nil {
		return &InterruptedError{Cause: context.Cause(ctx)}
	}
	dir := filepath.Dir(s.bolt.file)
	var rnd [8]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(dir, buildPrefix+hex.EncodeToString(rnd[:]))
	db, err := buildBolt(ctx, tmp, graphs, digests)
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
	if err := os.Rename(tmp, s.bolt.file); err != nil {
		return fmt.Errorf("put the new file in place: %w", err)
	}
	renamed = true
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	// The store is the new file now; whatever fails below, the process
	// holds both files' locks until it closes the store.
	bo, err := overBolt(db, dir, s.bolt.file, false)
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
