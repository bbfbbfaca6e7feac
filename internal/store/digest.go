package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hoptions "github.com/hidal-go/hidalgo/kv/options"
	bolt "go.etcd.io/bbolt"

	"github.com/confgraph/confgraph/internal/rdf"
)

// Digests of graphs (bolt only). bbolt keeps no checksums: a changed byte
// in a page is read back as a changed literal. So every load records, per
// named graph it writes, the SHA-256 of the graph's canonical quads (their
// sort keys, rdf.Key, in order, one a line) and their count, and `check`
// recomputes them.
//
// The digests live in a bbolt bucket of confgraph's own ("confgraph",
// sub-bucket "digests", key the graph's N-Quads term) beside Cayley's
// buckets, not in quads: Cayley never reads the bucket, so no export,
// query, statistic or API sees it, and exports stay byte-identical to
// those of the other backends. The bucket is written by a hook in the very
// bbolt transaction that writes the load's quads (hookKV), so a load and
// its digests commit together or not at all.
var (
	digestBucket = []byte("confgraph")
	digestSub    = []byte("digests")
)

// Digest is what a load records for one graph.
type Digest struct {
	SHA256 string `json:"sha256"`
	Quads  int    `json:"quads"`
}

// digester hashes a graph's sort keys in order.
func digestKeys(keys []string) Digest {
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{'\n'})
	}
	return Digest{SHA256: hex.EncodeToString(h.Sum(nil)), Quads: len(keys)}
}

// digestsOf returns the digest of each graph of sorted (its quads' sort
// keys, sorted); nil on backends without digests.
func (s *Store) digestsOf(sorted map[quad.Value][]string) map[string]Digest {
	if s.bolt == nil {
		return nil
	}
	out := make(map[string]Digest, len(sorted))
	for l, keys := range sorted {
		out[l.String()] = digestKeys(keys)
	}
	return out
}

func digestKey(graph string) hkv.Key {
	return hkv.Key{digestBucket, digestSub, []byte(graph)}
}

// putDigests is the commit hook that records digests (graph term → digest).
func putDigests(d map[string]Digest) commitHook {
	if d == nil {
		return nil
	}
	return func(ctx context.Context, tx hkv.Tx) error {
		for _, g := range slices.Sorted(maps.Keys(d)) {
			b, err := json.Marshal(d[g])
			if err != nil {
				return err
			}
			if err := tx.Put(ctx, digestKey(g), b); err != nil {
				return fmt.Errorf("record the digest of %s: %w", g, err)
			}
		}
		return nil
	}
}

// dropDigests is the commit hook that removes the digests of graphs (all
// of them when graphs is nil).
func (s *Store) dropDigests(graphs []string) commitHook {
	return func(ctx context.Context, tx hkv.Tx) error {
		if graphs == nil {
			all, err := s.digestsIn(ctx, tx)
			if err != nil {
				return err
			}
			graphs = slices.Sorted(maps.Keys(all))
		}
		for _, g := range graphs {
			if err := tx.Del(ctx, digestKey(g)); err != nil {
				return err
			}
		}
		return nil
	}
}

// digestsIn reads the recorded digests through a key-value transaction.
func (s *Store) digestsIn(ctx context.Context, tx hkv.Tx) (map[string]Digest, error) {
	out := map[string]Digest{}
	prefix := hkv.Key{digestBucket, digestSub, nil}
	err := hkv.Each(ctx, tx, func(k hkv.Key, v hkv.Value) error {
		var d Digest
		if err := json.Unmarshal(v, &d); err != nil {
			return fmt.Errorf("digest of %s: %w", k[len(k)-1], err)
		}
		out[string(k[len(k)-1])] = d
		return nil
	}, hoptions.WithPrefixKV(prefix))
	return out, err
}

// Digests returns the digests recorded for the graphs of a bolt store, by
// the graph's N-Quads term (<IRI>); nil on other backends.
func (s *Store) Digests(ctx context.Context) (map[string]Digest, error) {
	if s.bolt == nil {
		return nil, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out map[string]Digest
	err := s.guard(func() error {
		var err error
		out, err = s.readDigests()
		return err
	})
	return out, err
}

// readDigests reads the digest bucket directly from bbolt.
func (s *Store) readDigests() (map[string]Digest, error) {
	out := map[string]Digest{}
	err := s.bolt.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(digestBucket)
		if b != nil {
			b = b.Bucket(digestSub)
		}
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var d Digest
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("the digest of %s does not decode: %w", k, err)
			}
			out[string(k)] = d
			return nil
		})
	})
	return out, err
}

// recordMissingDigests records the digests of graphs a load left
// unchanged but that have none yet (stores loaded before confgraph
// recorded digests). No quad changes, so a transaction of its own is as
// safe as the load's.
func (s *Store) recordMissingDigests(ctx context.Context, d map[string]Digest) error {
	if s.bolt == nil || len(d) == 0 {
		return nil
	}
	have, err := s.readDigests()
	if err != nil {
		return err
	}
	missing := map[string]Digest{}
	for g, dg := range d {
		if h, ok := have[g]; !ok || h != dg {
			missing[g] = dg
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return s.bolt.kv.Update(ctx, func(tx hkv.Tx) error { return putDigests(missing)(ctx, tx) })
}

// computeDigests reads the store once and returns the digest of every
// graph in it (or of the graphs only, when it is not nil). The caller
// holds a lock.
func (s *Store) computeDigests(ctx context.Context, only map[string]bool) (map[string]Digest, error) {
	keys := map[string][]string{}
	err := s.eachAll(ctx, func(q quad.Quad) error {
		if q.Label == nil {
			return nil
		}
		g := q.Label.String()
		if only != nil && !only[g] {
			return nil
		}
		keys[g] = append(keys[g], rdf.Key(q))
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]Digest, len(keys))
	for g, ks := range keys {
		slices.Sort(ks)
		ks = slices.Compact(ks)
		out[g] = digestKeys(ks)
	}
	return out, nil
}

// update is Update under the write lock. On a bolt store, a write through
// Cayley's API (which does not keep graphs whole) drops the digests of
// the graphs it touches in its own transaction, and they are recomputed
// from the store after it: a crash between leaves those graphs without a
// digest (check says so), never with a wrong one.
func (s *Store) update(fn func(graph.QuadStore) error) error {
	if s.bolt == nil {
		return fn(s.qs)
	}
	w := &watchQS{QuadStore: s.qs, s: s, touched: map[string]bool{}}
	s.bolt.kv.hook = func(ctx context.Context, tx hkv.Tx) error {
		if w.labels == nil {
			w.all = true
			return s.dropDigests(nil)(ctx, tx)
		}
		return s.dropDigests(w.labels)(ctx, tx)
	}
	err := s.guard(func() error {
		defer func() { s.bolt.kv.hook = nil }()
		return fn(w)
	})
	if err != nil || (!w.all && len(w.touched) == 0) {
		return err
	}
	return s.guard(func() error {
		ctx := context.Background()
		only := w.touched
		if w.all {
			only = nil
		}
		d, err := s.computeDigests(ctx, only)
		if err != nil {
			return err
		}
		return s.bolt.kv.Update(ctx, func(tx hkv.Tx) error { return putDigests(d)(ctx, tx) })
	})
}

// watchQS is the quad store Update hands out on bolt: it notes the graphs
// each write touches, for the commit hook.
type watchQS struct {
	graph.QuadStore
	s       *Store
	labels  []string // of the write being applied
	touched map[string]bool
	all     bool // a write whose graphs are unknown dropped every digest
}

func (w *watchQS) ApplyDeltas(in []graph.Delta, opts graph.IgnoreOpts) error {
	seen := map[string]bool{}
	w.labels = []string{}
	for _, d := range in {
		if d.Quad.Label == nil {
			continue
		}
		g := rdf.CanonicalValue(d.Quad.Label).String()
		if !seen[g] {
			seen[g] = true
			w.labels = append(w.labels, g)
		}
	}
	defer func() { w.labels = nil }()
	err := w.QuadStore.ApplyDeltas(in, opts)
	if err == nil {
		for g := range seen {
			w.touched[g] = true
		}
	}
	return err
}

// OptimizeShape passes Cayley's query optimisation through to the store.
func (w *watchQS) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	if o, ok := w.QuadStore.(shape.Optimizer); ok {
		return o.OptimizeShape(ctx, sh)
	}
	return sh, false
}
