package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// The bulk builder of a first load (firstload.go) writes a new bolt file
// in Cayley's key-value layout directly with bbolt, instead of through
// Cayley's writer: sorted appends, committed in batches, into a file that
// becomes the store only when it is complete. It is the one place that
// writes Cayley's on-disk layout, and it is pinned to the Cayley version
// of go.mod (TestBoltBuildMatchesCayley compares it with what Cayley's own
// writer makes). The layout, as Cayley's graph/kv (indexing.go) has it:
//
//   - bucket "meta": "version" (2), "indexes" (JSON of the quad indexes),
//     "size" (quads) and "horizon" (the highest ID given), little-endian
//     int64 — Init writes the first two, the builder the others;
//   - bucket "log": key the big-endian ID, value a protobuf Primitive: a
//     node (ID, Value: the pquads-encoded value, Timestamp) or a quad (ID,
//     the IDs of its four values, Timestamp);
//   - buckets "v"+h[0]+h[1]: key a value's hash h (refs.HashOf), value its
//     node ID (uvarint); buckets "n"+h[0]+h[1]: key h, value the number of
//     quad directions that use the node (uvarint);
//   - one bucket per quad index (default "sp" and "ops", from the
//     directions' prefixes): key the big-endian IDs of the index's
//     directions, value the IDs of the quads with them, ascending, as
//     uvarints.

// builtGraph is one graph of a bulk build: its quads, distinct (a first
// load gives them canonical and sorted by key; a rebuild, the kept graphs'
// quads as stored), and its digest (the zero Digest: none recorded).
type builtGraph struct {
	label  quad.Value
	quads  []quad.Quad
	digest Digest
}

// builtQuad is a quad of a bulk build by the indexes of its values in
// builder.nodes (label: index+1, 0 for none).
type builtQuad struct{ dir [4]uint32 }

// builtNode is a value of a bulk build.
type builtNode struct {
	hash  refs.ValueHash
	val   quad.Value
	count uint64 // quad directions using it
}

// buildBatch is how many puts go into one bbolt transaction of a build:
// small enough that no transaction grows large in-memory nodes, large
// enough that commits are rare.
var buildBatch = 100_000

// builder writes one new bolt file.
type builder struct {
	db    *bolt.DB
	tx    *bolt.Tx
	n     int // puts in tx
	cache map[string]*bolt.Bucket
	arena []byte // bbolt keeps the slices given to Put until the commit
	ctx   context.Context
}

// estimateBoltSize is the expected size of a bolt file holding quads
// quads over nodes nodes, for the initial memory map (measured on gen
// corpora: ~250 bytes a quad with its share of nodes and indexes).
func estimateBoltSize(quads, nodes int) int {
	return 64<<20 + 300*quads + 200*nodes
}

// numbering is the value table and quad table of a bulk build, filled
// graph by graph: each distinct value once (found by its hash), each quad
// as the numbers of its values (16 bytes).
type numbering struct {
	nodes  []builtNode
	byHash map[refs.ValueHash]uint32
	quads  []builtQuad
	// digests of the graphs added, by the graph's N-Quads term.
	digests map[string]Digest
}

// add numbers the values and quads of g. Values met again within the
// graph are found without hashing them again; across graphs, by their hash.
func (n *numbering) add(g builtGraph) error {
	if len(n.nodes)+len(n.quads)+4*len(g.quads) >= 1<<32-1 {
		return errors.New("too many quads for one load")
	}
	local := make(map[quad.Value]uint32, len(g.quads))
	idx := func(v quad.Value) uint32 {
		if i, ok := local[v]; ok {
			return i
		}
		h := refs.HashOf(v)
		i, ok := n.byHash[h]
		if !ok {
			i = uint32(len(n.nodes))
			n.nodes = append(n.nodes, builtNode{hash: h, val: v})
			n.byHash[h] = i
		}
		local[v] = i
		return i
	}
	for _, q := range g.quads {
		var b builtQuad
		for d, dir := range quad.Directions {
			v := q.Get(dir)
			if v == nil {
				continue
			}
			i := idx(v)
			n.nodes[i].count++
			b.dir[d] = i + 1
		}
		n.quads = append(n.quads, b)
	}
	if g.digest != (Digest{}) && g.label != nil {
		n.digests[g.label.String()] = g.digest
	}
	return nil
}

// buildBolt writes the graphs that graphs emits, one after the other,
// into a new bolt file at path (which must not exist), with their
// digests, and returns the open database: synced, and with its free list
// written. Each graph's quads are numbered as it comes (numbering) and not
// kept: what the build holds is the distinct values and 16 bytes a quad.
// An error of graphs ends the build with it. On error the file is left
// for the caller to remove.
func buildBolt(ctx context.Context, path string, graphs func(emit func(builtGraph) error) error) (*bolt.DB, error) {
	num := &numbering{byHash: map[refs.ValueHash]uint32{}, digests: map[string]Digest{}}
	if err := graphs(num.add); err != nil {
		return nil, err
	}
	nodes, quads, digests := num.nodes, num.quads, num.digests
	num = nil
	if len(nodes)+len(quads) >= 1<<32-1 {
		return nil, errors.New("too many quads for one load")
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:         time.Second,
		NoFreelistSync:  true, // written once, at the last commit
		FreelistType:    bolt.FreelistMapType,
		InitialMmapSize: estimateBoltSize(len(quads), len(nodes)),
	})
	if err != nil {
		return nil, err
	}
	db.NoSync = true // synced once, at the last commit
	ok := false
	defer func() {
		if !ok {
			db.Close()
		}
	}()
	if err := ckv.Init(hbolt.New(db), graph.Options{}); err != nil {
		return nil, fmt.Errorf("create Cayley's buckets: %w", err)
	}
	var indexes []ckv.QuadIndex
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("meta"))
		if b == nil {
			return errors.New("Cayley's meta bucket is missing")
		}
		return json.Unmarshal(b.Get([]byte("indexes")), &indexes)
	})
	if err != nil {
		return nil, fmt.Errorf("read Cayley's quad indexes: %w", err)
	}
	b := &builder{db: db, ctx: ctx}
	if err := b.write(nodes, quads, indexes, digests); err != nil {
		if b.tx != nil {
			b.tx.Rollback()
		}
		return nil, err
	}
	ok = true
	return db, nil
}

// quadID: the build gives IDs: nodes first, 1…N, then
// quads N+1…N+M.
func quadID(nodes int, i int) uint64 { return uint64(nodes) + uint64(i) + 1 }

// get is the node ID of the quad's value in direction d (0 for none).
func (q builtQuad) get(d quad.Direction) uint64 { return uint64(q.dir[int(d)-int(quad.Subject)]) }

func (b *builder) write(nodes []builtNode, quads []builtQuad, indexes []ckv.QuadIndex, digests map[string]Digest) error {
	now := time.Now().UnixNano()
	logB := []byte("log")
	// The log: nodes, then quads, by ID (appends).
	for i, n := range nodes {
		val, err := pquads.MarshalValue(n.val)
		if err != nil {
			return fmt.Errorf("encode %s: %w", n.val, err)
		}
		p := &cproto.Primitive{ID: uint64(i) + 1, Value: val, Timestamp: now}
		if err := b.putLog(logB, p); err != nil {
			return err
		}
	}
	for i, q := range quads {
		p := &cproto.Primitive{ID: quadID(len(nodes), i), Timestamp: now,
			Subject: q.get(quad.Subject), Predicate: q.get(quad.Predicate), Object: q.get(quad.Object), Label: q.get(quad.Label)}
		if err := b.putLog(logB, p); err != nil {
			return err
		}
	}
	// The quad indexes: quads sorted by the index's directions, then ID.
	order := make([]uint32, len(quads))
	for _, ind := range indexes {
		for i := range order {
			order[i] = uint32(i)
		}
		dirs := ind.Dirs
		slices.SortFunc(order, func(x, y uint32) int {
			for _, d := range dirs {
				a, c := quads[x].get(d), quads[y].get(d)
				if a != c {
					if a < c {
						return -1
					}
					return 1
				}
			}
			return int(int64(x) - int64(y))
		})
		name := make([]byte, len(dirs))
		for i, d := range dirs {
			name[i] = d.Prefix()
		}
		for i := 0; i < len(order); {
			j := i + 1
			for j < len(order) && sameIndexKey(quads[order[i]], quads[order[j]], dirs) {
				j++
			}
			key := b.alloc(8 * len(dirs))
			for k, d := range dirs {
				binary.BigEndian.PutUint64(key[8*k:], quads[order[i]].get(d))
			}
			val := b.alloc((j - i) * binary.MaxVarintLen64)
			off := 0
			for _, q := range order[i:j] {
				off += binary.PutUvarint(val[off:], quadID(len(nodes), int(q)))
			}
			if err := b.put(name, key, val[:off]); err != nil {
				return err
			}
			i = j
		}
	}
	order = nil
	// The node index and reference counts, by hash ("n…" sorts before
	// "v…", so all of it is appends).
	byHash := make([]uint32, len(nodes))
	for i := range byHash {
		byHash[i] = uint32(i)
	}
	slices.SortFunc(byHash, func(x, y uint32) int { return compareHash(nodes[x].hash, nodes[y].hash) })
	for _, prefix := range []byte{'n', 'v'} {
		for _, i := range byHash {
			n := &nodes[i]
			key := b.alloc(len(n.hash))
			copy(key, n.hash[:])
			v := uint64(i) + 1
			if prefix == 'n' {
				v = n.count
			}
			val := b.alloc(binary.MaxVarintLen64)
			val = val[:binary.PutUvarint(val, v)]
			if err := b.put([]byte{prefix, n.hash[0], n.hash[1]}, key, val); err != nil {
				return err
			}
		}
	}
	// Counters, digests, and the last commit: synced, with the free list.
	meta := []byte("meta")
	for _, kv := range []struct {
		k string
		v uint64
	}{{"size", uint64(len(quads))}, {"horizon", uint64(len(nodes) + len(quads))}} {
		val := b.alloc(8)
		binary.LittleEndian.PutUint64(val, kv.v)
		if err := b.put(meta, []byte(kv.k), val); err != nil {
			return err
		}
	}
	for _, g := range slices.Sorted(maps.Keys(digests)) {
		j, err := json.Marshal(digests[g])
		if err != nil {
			return err
		}
		if err := b.putDigest([]byte(g), j); err != nil {
			return err
		}
	}
	b.db.NoSync = false
	b.db.NoFreelistSync = false
	return b.commit()
}

func sameIndexKey(a, c builtQuad, dirs []quad.Direction) bool {
	for _, d := range dirs {
		if a.get(d) != c.get(d) {
			return false
		}
	}
	return true
}

func compareHash(a, c refs.ValueHash) int {
	for i := range a {
		if a[i] != c[i] {
			if a[i] < c[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// alloc returns n bytes that stay untouched until the next commit.
func (b *builder) alloc(n int) []byte {
	if len(b.arena) < n {
		b.arena = make([]byte, max(n, 1<<20))
	}
	out := b.arena[:n:n]
	b.arena = b.arena[n:]
	return out
}

// begin starts a transaction unless one is open; it checks ctx, so an
// interrupted build stops within one batch.
func (b *builder) begin() error {
	if b.tx != nil {
		return nil
	}
	if err := b.ctx.Err(); err != nil {
		return &InterruptedError{Cause: context.Cause(b.ctx)}
	}
	tx, err := b.db.Begin(true)
	if err != nil {
		return err
	}
	b.tx = tx
	b.cache = map[string]*bolt.Bucket{}
	return nil
}

func (b *builder) commit() error {
	if b.tx == nil {
		return nil
	}
	err := b.tx.Commit()
	b.tx, b.cache, b.n, b.arena = nil, nil, 0, nil
	return err
}

// bucket returns the top-level bucket name in the open transaction,
// creating it when it does not exist.
func (b *builder) bucket(name []byte) (*bolt.Bucket, error) {
	if bk := b.cache[string(name)]; bk != nil {
		return bk, nil
	}
	bk, err := b.tx.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	if string(name) == "log" {
		bk.FillPercent = 1 // appends only, now and in later loads
	}
	b.cache[string(name)] = bk
	return bk, nil
}

// put puts key → val in the top-level bucket name, committing every
// buildBatch puts.
func (b *builder) put(name, key, val []byte) error {
	if err := b.begin(); err != nil {
		return err
	}
	bk, err := b.bucket(name)
	if err != nil {
		return err
	}
	if err := bk.Put(key, val); err != nil {
		return err
	}
	if b.n++; b.n >= buildBatch {
		return b.commit()
	}
	return nil
}

func (b *builder) putLog(name []byte, p *cproto.Primitive) error {
	key := b.alloc(8)
	binary.BigEndian.PutUint64(key, p.ID)
	val, err := proto.Marshal(p)
	if err != nil {
		return err
	}
	return b.put(name, key, val)
}

func (b *builder) putDigest(graph, val []byte) error {
	if err := b.begin(); err != nil {
		return err
	}
	top, err := b.tx.CreateBucketIfNotExists(digestBucket)
	if err != nil {
		return err
	}
	sub, err := top.CreateBucketIfNotExists(digestSub)
	if err != nil {
		return err
	}
	return sub.Put(graph, val)
}
