package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/confgraph/confgraph/internal/rdf"
)

// This file is the one place that reads Cayley's key-value layout itself,
// to export a bolt store with one sequential scan instead of Cayley's
// per-quad look-ups (a read transaction and four value reads per quad).
// It is pinned to github.com/cayleygraph/cayley
// v0.7.7-0.20240706181042-81dcd7d73e45 (graph/kv/indexing.go, quadstore.go,
// all_iterator.go and graph/proto/primitive.proto there), whose layout is:
//
//   - bucket "log": one entry per primitive, key its ID as 8 bytes big
//     endian, value the protobuf message graph/proto.Primitive: 1 ID,
//     2 Subject, 3 Predicate, 4 Object, 5 Label (node IDs, 0 for none),
//     6 Replaces, 7 Timestamp, 8 Value, 9 Deleted. A primitive with a
//     Value is a node (Value is pquads.MarshalValue of it); the others are
//     quads. A removed quad stays in the log with Deleted set; a node whose
//     last quad went is removed from the log.
//   - bucket "meta", key "horizon": the last ID given out, 8 bytes little
//     endian; Cayley's all-iterator reads IDs 1 … horizon only.
//
// TestKVScanMatchesCayley compares this scan with Cayley's own iterator
// (Store.eachAll) on stores with deletions, reloads, nodes shared across
// graphs and literals of every kind; a Cayley upgrade that changes the
// layout fails it.

var (
	kvLogBucket  = []byte("log")
	kvMetaBucket = []byte("meta")
	kvHorizonKey = []byte("horizon")
)

const (
	kvScanBatch   = 512     // quads handed from the scanning goroutine at a time
	kvValueSlots  = 1 << 16 // entries of the node value cache (direct-mapped; a power of two)
	kvScanBatches = 4       // batches in flight between scan and caller
)

// kvPrimitive is the part of a Primitive the scan reads.
type kvPrimitive struct {
	id, sub, pred, obj, label uint64
	value                     []byte // aliases the memory map: decode before the transaction ends
	deleted                   bool
}

// decodePrimitive decodes a log entry (a protobuf Primitive) without
// reflection; unknown fields are skipped.
func decodePrimitive(b []byte, p *kvPrimitive) error {
	*p = kvPrimitive{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		switch {
		case typ == protowire.VarintType && num >= 1 && num <= 9 && num != 8:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
			switch num {
			case 1:
				p.id = v
			case 2:
				p.sub = v
			case 3:
				p.pred = v
			case 4:
				p.obj = v
			case 5:
				p.label = v
			case 9:
				p.deleted = v != 0
			}
		case typ == protowire.BytesType && num == 8:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
			p.value = v
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
		}
	}
	return nil
}

// kvValueCache maps node IDs to their canonical values: a direct-mapped
// cache of fixed size, so memory stays flat however many nodes there are.
// Predicates, graphs, classes and the subject of consecutive quads hit it.
type kvValueCache struct {
	ids   []uint64
	vals  []quad.Value
	terms []string // the values' String(), their N-Quads form
}

func newKVValueCache(n int) *kvValueCache {
	return &kvValueCache{ids: make([]uint64, n), vals: make([]quad.Value, n), terms: make([]string, n)}
}

func (c *kvValueCache) slot(id uint64) int {
	return int((id*0x9E3779B97F4A7C15)>>32) & (len(c.ids) - 1) // len is a power of two
}

// kvScanner reads quads from the log in one read transaction.
type kvScanner struct {
	log     *bolt.Bucket
	horizon uint64
	cache   *kvValueCache
	key     [8]byte
	prim    kvPrimitive
	raw     bool // values as stored, not in canonical form (see kvGraphsExcept)
}

// value returns the canonical value of node id and its N-Quads form, from
// the cache or the log.
func (sc *kvScanner) value(id uint64) (quad.Value, string, error) {
	if id == 0 {
		return nil, "", nil
	}
	i := sc.cache.slot(id)
	if sc.cache.ids[i] == id {
		return sc.cache.vals[i], sc.cache.terms[i], nil
	}
	binary.BigEndian.PutUint64(sc.key[:], id)
	raw := sc.log.Get(sc.key[:])
	if raw == nil {
		return nil, "", fmt.Errorf("a quad names node %d, which is not in the store", id)
	}
	var p kvPrimitive
	if err := decodePrimitive(raw, &p); err != nil {
		return nil, "", fmt.Errorf("decode node %d: %w", id, err)
	}
	if len(p.value) == 0 {
		return nil, "", fmt.Errorf("a quad names node %d, which is a quad", id)
	}
	v, err := pquads.UnmarshalValue(p.value)
	if err != nil {
		return nil, "", fmt.Errorf("decode value of node %d: %w", id, err)
	}
	if v == nil {
		return nil, "", fmt.Errorf("node %d has no value", id)
	}
	if !sc.raw {
		v = rdf.CanonicalValue(v)
	}
	t := v.String()
	sc.cache.ids[i], sc.cache.vals[i], sc.cache.terms[i] = id, v, t
	return v, t, nil
}

// quad resolves the values of a quad primitive; with keys, it gives the
// quad's sort key (rdf.Key) too, built from the cached N-Quads forms.
func (sc *kvScanner) quad(p *kvPrimitive, keys bool) (kq keyedQuad, err error) {
	if p.sub == 0 || p.pred == 0 || p.obj == 0 {
		return kq, fmt.Errorf("quad %d lacks a subject, predicate or object", p.id)
	}
	q := &kq.q
	var s, pr, o, l string
	if q.Subject, s, err = sc.value(p.sub); err != nil {
		return kq, err
	}
	if q.Predicate, pr, err = sc.value(p.pred); err != nil {
		return kq, err
	}
	if q.Object, o, err = sc.value(p.obj); err != nil {
		return kq, err
	}
	if q.Label, l, err = sc.value(p.label); err != nil {
		return kq, err
	}
	if keys {
		kq.key = rdf.KeyOf(s, pr, o, l)
	}
	return kq, nil
}

// keyedQuad is a quad with its sort key (when asked for).
type keyedQuad struct {
	key string
	q   quad.Quad
}

// errScanStopped ends the scan when its caller stopped reading.
var errScanStopped = errors.New("scan stopped")

// scan calls emit with every live quad of the log whose graph's node ID
// want accepts (every quad when want is nil) in ID order, in batches that
// emit may keep.
func (sc *kvScanner) scan(ctx context.Context, want func(label uint64) bool, keys bool, emit func([]keyedQuad) error) error {
	batch := make([]keyedQuad, 0, kvScanBatch)
	c := sc.log.Cursor()
	n := 0
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 {
			return fmt.Errorf("log key of %d bytes", len(k))
		}
		if binary.BigEndian.Uint64(k) > sc.horizon {
			break
		}
		if n++; n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		p := &sc.prim
		if err := decodePrimitive(v, p); err != nil {
			return fmt.Errorf("decode log entry %x: %w", k, err)
		}
		if len(p.value) != 0 || p.deleted || (want != nil && !want(p.label)) {
			continue
		}
		kq, err := sc.quad(p, keys)
		if err != nil {
			return err
		}
		batch = append(batch, kq)
		if len(batch) == cap(batch) {
			if err := emit(batch); err != nil {
				return err
			}
			batch = make([]keyedQuad, 0, kvScanBatch)
		}
	}
	if len(batch) > 0 {
		return emit(batch)
	}
	return nil
}

// kvGraphsExcept reads, in one read transaction, every live quad of the
// log whose graph is not one of the node IDs skip, with its values as
// they are stored (not in canonical form: a rebuilt file keeps what
// Cayley's write API put there), grouped by graph in the order of the
// graphs' first quads. A quad without a graph is in a group with a nil
// label. The caller holds the store's lock.
func (s *Store) kvGraphsExcept(ctx context.Context, skip map[uint64]bool) ([]builtGraph, error) {
	var out []builtGraph
	at := map[quad.Value]int{} // label → index in out
	err := guardPanic(s.bolt.file, func() error {
		return s.bolt.db.View(func(tx *bolt.Tx) error {
			sc, err := openScanner(tx, true)
			if err != nil {
				return err
			}
			keep := func(label uint64) bool { return !skip[label] }
			return sc.scan(ctx, keep, false, func(b []keyedQuad) error {
				for _, kq := range b {
					i, ok := at[kq.q.Label]
					if !ok {
						i = len(out)
						at[kq.q.Label] = i
						out = append(out, builtGraph{label: kq.q.Label})
					}
					out[i].quads = append(out[i].quads, kq.q)
				}
				return nil
			})
		})
	})
	if err != nil {
		return nil, s.scanError(ctx, err)
	}
	return out, nil
}

// openScanner reads the bounds of Cayley's log in tx and returns a
// scanner over it; raw keeps values as stored (not canonical).
func openScanner(tx *bolt.Tx, raw bool) (*kvScanner, error) {
	log, meta := tx.Bucket(kvLogBucket), tx.Bucket(kvMetaBucket)
	if log == nil || meta == nil {
		return nil, fmt.Errorf("no bucket %q or %q: not Cayley's layout", kvLogBucket, kvMetaBucket)
	}
	var horizon uint64
	if h := meta.Get(kvHorizonKey); len(h) == 8 {
		horizon = binary.LittleEndian.Uint64(h)
	} else if h != nil {
		return nil, fmt.Errorf("horizon of %d bytes", len(h))
	}
	return &kvScanner{log: log, horizon: horizon, cache: newKVValueCache(kvValueSlots), raw: raw}, nil
}

// scanError is what a failed scan of the log reports: an interruption
// when ctx ended, else the damage it found (marking the store damaged).
func (s *Store) scanError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return &InterruptedError{Cause: context.Cause(ctx)}
	}
	var de *DamagedError
	if errors.As(err, &de) {
		s.damaged.Store(true)
		return err
	}
	return s.damage(fmt.Errorf("read the store: %w", err))
}

// eachKV is EachKeyed on a bolt store: one read transaction and a
// sequential scan of Cayley's log on a goroutine of its own, which resolves
// node values through a cache while the caller's goroutine runs fn. g, when
// not nil, selects one graph; without keys, fn gets "" for the key. The
// caller holds the read lock.
func (s *Store) eachKV(ctx context.Context, g quad.Value, keys bool, fn func(string, quad.Quad) error) error {
	var want func(uint64) bool
	if g != nil {
		ref, err := s.qs.ValueOf(g)
		if err != nil {
			return fmt.Errorf("look up graph %s: %w", g, s.explain(ctx, err))
		}
		id, ok := ref.(ckv.Int64Value)
		if !ok || id == 0 {
			return nil // no such graph
		}
		want = func(label uint64) bool { return label == uint64(id) }
	}
	batches := make(chan []keyedQuad, kvScanBatches)
	stop := make(chan struct{})
	scanErr := make(chan error, 1)
	go func() {
		defer close(batches)
		scanErr <- guardPanic(s.bolt.file, func() error {
			return s.bolt.db.View(func(tx *bolt.Tx) error {
				sc, err := openScanner(tx, false)
				if err != nil {
					return err
				}
				return sc.scan(ctx, want, keys, func(b []keyedQuad) error {
					select {
					case batches <- b:
						return nil
					case <-stop:
						return errScanStopped
					}
				})
			})
		})
	}()
	var fnErr error
	for b := range batches {
		if fnErr != nil {
			continue // drain until the scan sees stop
		}
		for _, kq := range b {
			if fnErr = fn(kq.key, kq.q); fnErr != nil {
				close(stop)
				break
			}
		}
	}
	err := <-scanErr
	if fnErr != nil {
		return fnErr
	}
	if err != nil || ctx.Err() != nil {
		return s.scanError(ctx, err)
	}
	return nil
}
