package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	hoptions "github.com/hidal-go/hidalgo/kv/options"
	bolt "go.etcd.io/bbolt"
)

// BoltFile is the name of the file a bolt store keeps its data in, inside
// the store's directory (Cayley's name).
const BoltFile = "indexes.bolt"

// NotStoreError reports a path that is not a confgraph store: a plain
// directory, a file where a store directory belongs, a file that is not a
// bbolt database or not Cayley's. Nothing was written to it.
type NotStoreError struct {
	Path   string
	Reason string
}

func (e *NotStoreError) Error() string {
	return fmt.Sprintf("%s is not a confgraph store: %s", e.Path, e.Reason)
}

// DamagedError reports a store file whose content is damaged: a truncated
// file, a page that does not decode, a bbolt assertion or a memory fault
// while reading it. The command stopped without writing.
type DamagedError struct {
	File   string // the damaged file
	Detail string // what was found, in bbolt's or Cayley's words
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the bolt store file %s is damaged: %s", e.File, e.Detail)
}

// ReadOnlyError reports a write to a store opened for reading.
type ReadOnlyError struct{ Path string }

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("the store at %s was opened read-only", e.Path)
}

// boltOpen is what openBolt returns: the Cayley quad store over the bbolt
// database, and the pieces confgraph uses beside Cayley (digests, check,
// backup).
type boltOpen struct {
	qs   graph.QuadStore
	db   *bolt.DB
	kv   *hookKV
	file string
}

// openBolt opens the bolt store in directory dir (creating it unless
// readOnly). It refuses what is not a store before bbolt maps a byte of it:
// a file given as the directory, a directory holding other files but no
// indexes.bolt, a file without a bbolt header, a file shorter than its
// header says (truncated).
func openBolt(dir string, readOnly bool) (_ *boltOpen, err error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist) && !readOnly:
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case !st.IsDir():
		return nil, &NotStoreError{Path: dir, Reason: "it is a file; a bolt store is a directory holding " + BoltFile + " (name that directory, or a new one)"}
	}
	file := filepath.Join(dir, BoltFile)
	fst, err := os.Stat(file)
	switch {
	case errors.Is(err, os.ErrNotExist):
		ents, rerr := os.ReadDir(dir)
		if rerr != nil {
			return nil, rerr
		}
		if len(ents) > 0 {
			return nil, &NotStoreError{Path: dir, Reason: "the directory holds other files but no " + BoltFile + " (name a store's directory, or a new or empty one to create a store)"}
		}
		if readOnly {
			return nil, &NotStoreError{Path: dir, Reason: "an empty directory, no store yet (create one with 'confgraph init' or 'confgraph load')"}
		}
	case err != nil:
		return nil, err
	case !fst.Mode().IsRegular():
		return nil, &NotStoreError{Path: dir, Reason: BoltFile + " is not a regular file"}
	case fst.Size() == 0 && readOnly:
		return nil, &NotStoreError{Path: dir, Reason: BoltFile + " is empty"}
	case fst.Size() > 0:
		if _, err := preflight(file, fst.Size()); err != nil {
			return nil, err
		}
	}
	opts := &bolt.Options{Timeout: time.Second, ReadOnly: readOnly, FreelistType: bolt.FreelistMapType}
	if fst != nil && !readOnly {
		// Room to grow in place: a load's transaction that outgrows the
		// map remaps it, copying every node it changed so far.
		opts.InitialMmapSize = initialMmap(fst.Size())
	}
	var db *bolt.DB
	err = guardPanic(file, func() error {
		var oerr error
		db, oerr = bolt.Open(file, 0o600, opts)
		return oerr
	})
	if err != nil {
		var de *DamagedError
		if errors.As(err, &de) || os.IsPermission(err) || errors.Is(err, bolt.ErrTimeout) {
			return nil, err
		}
		if errors.Is(err, bolt.ErrInvalid) || errors.Is(err, bolt.ErrVersionMismatch) || errors.Is(err, bolt.ErrChecksum) {
			return nil, &DamagedError{File: file, Detail: err.Error()}
		}
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	if !readOnly {
		// We hold the file's lock now: what a killed first load left
		// beside it goes (firstload.go).
		removeBuildFiles(dir)
	}
	return overBolt(db, dir, file, readOnly, graph.Options{})
}

// overBolt opens Cayley's quad store over the open bbolt database db of
// the store in dir (initialising Cayley's buckets unless readOnly), with
// Cayley's options opts.
func overBolt(db *bolt.DB, dir, file string, readOnly bool, opts graph.Options) (*boltOpen, error) {
	kv := &hookKV{KV: hbolt.New(db), file: file}
	err := guardPanic(file, func() error {
		if !readOnly {
			if err := ckv.Init(kv, graph.Options{}); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var qs graph.QuadStore
	err = guardPanic(file, func() error {
		var nerr error
		o := graph.Options{}
		for k, v := range opts {
			o[k] = v
		}
		if readOnly {
			// A read-only store never writes: without Cayley's duplicate
			// filter it opens without reading the whole log into it (and
			// without its 131 MiB).
			o[ckv.OptNoBloom] = true
		}
		qs, nerr = ckv.New(kv, o)
		return nerr
	})
	switch {
	case errors.Is(err, graph.ErrNotInitialized):
		return nil, &NotStoreError{Path: dir, Reason: BoltFile + " is a bbolt database without Cayley's buckets"}
	case err != nil:
		var de *DamagedError
		if errors.As(err, &de) {
			return nil, err
		}
		return nil, &DamagedError{File: file, Detail: err.Error()}
	}
	return &boltOpen{qs: qs, db: db, kv: kv, file: file}, nil
}

// bbolt's file header: two meta pages, each a page header (16 bytes) and a
// meta block whose last field is an FNV-64a checksum of the fields before.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSumOffset  = 56 // offset of the checksum in the meta block
)

// boltMeta is the part of a meta page preflight reads.
type boltMeta struct {
	pageSize uint32
	root     uint64 // the root bucket's page
	freelist uint64 // the freelist's page
	pgid     uint64 // pages in use: the file must be at least pgid pages long
	txid     uint64
}

// readMeta decodes and checks the meta block in b (one page, from its
// header on); ok is false when it lacks the magic, version or checksum.
func readMeta(b []byte) (m boltMeta, magic, ok bool) {
	if len(b) < pageHeaderSize+metaSumOffset+8 {
		return m, false, false
	}
	meta := b[pageHeaderSize:]
	le := binary.LittleEndian
	if le.Uint32(meta[0:]) != boltMagic {
		return m, false, false
	}
	h := fnv.New64a()
	h.Write(meta[:metaSumOffset])
	if le.Uint32(meta[4:]) != boltVersion || h.Sum64() != le.Uint64(meta[metaSumOffset:]) {
		return m, true, false
	}
	return boltMeta{pageSize: le.Uint32(meta[8:]), root: le.Uint64(meta[16:]), freelist: le.Uint64(meta[32:]), pgid: le.Uint64(meta[40:]), txid: le.Uint64(meta[48:])}, true, true
}

// preflight checks a bolt file's header before bbolt maps it: bbolt trusts
// the header and faults (SIGBUS, SIGSEGV) on a file shorter than it says.
func preflight(file string, size int64) (boltMeta, error) {
	f, err := os.Open(file)
	if err != nil {
		return boltMeta{}, err
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return boltMeta{}, err
	}
	head = head[:n]
	m0, magic0, ok0 := readMeta(head)
	if !magic0 {
		// A damaged first page of a bbolt file whose second meta page
		// is intact is damage, not another kind of file.
		second := make([]byte, pageHeaderSize+metaSumOffset+8)
		if _, err := f.ReadAt(second, int64(os.Getpagesize())); err == nil {
			if m1, _, ok1 := readMeta(second); ok1 {
				return m1, &DamagedError{File: file, Detail: fmt.Sprintf("meta page 0 of bbolt's file header is damaged: the store would open as of its transaction %d and might leave out its latest write without a word", m1.txid)}
			}
		}
		return boltMeta{}, &NotStoreError{Path: filepath.Dir(file), Reason: BoltFile + " is not a bbolt database (no bbolt header)"}
	}
	pageSize := int64(m0.pageSize)
	if !ok0 {
		pageSize = int64(os.Getpagesize())
	}
	var m1 boltMeta
	var ok1 bool
	if pageSize >= 1024 && pageSize <= 1<<16 && size >= 2*pageSize {
		second := make([]byte, pageHeaderSize+metaSumOffset+8)
		if _, err := f.ReadAt(second, pageSize); err == nil {
			m1, _, ok1 = readMeta(second)
		}
	}
	var m boltMeta
	switch {
	case ok0 && ok1 && m1.txid > m0.txid:
		m = m1
	case ok0 && ok1:
		m = m0
	case ok0 != ok1:
		// bbolt would open the store as of the valid page's transaction
		// without a word: if the damaged page was the newer one, the
		// latest write is silently gone (export, stats and query answered
		// from the store as it was before it).
		bad, good := 1, m0
		if ok1 {
			bad, good = 0, m1
		}
		return good, &DamagedError{File: file, Detail: fmt.Sprintf("meta page %d of bbolt's file header is damaged: the store would open as of its transaction %d and might leave out its latest write without a word", bad, good.txid)}
	default:
		return boltMeta{}, &DamagedError{File: file, Detail: "both meta pages (the file header) are damaged"}
	}
	if want := int64(m.pgid) * int64(m.pageSize); size < want {
		return m, &DamagedError{File: file, Detail: fmt.Sprintf("the file is truncated: %d bytes, its header says %d", size, want)}
	}
	return m, nil
}

// commitHook runs inside bbolt's write transaction of a Cayley write, just
// before it commits.
type commitHook func(ctx context.Context, tx hkv.Tx) error

// hookKV is the bbolt key-value store under Cayley with two additions:
//
//   - a hook that writes beside Cayley's buckets in the same transaction
//     (the digests of the graphs a load writes), so both commit or neither;
//   - the store boundary for reads on any goroutine (Cayley's Gizmo engine
//     reads on one of its own): a panic or memory fault inside bbolt
//     becomes an error of the call, a *DamagedError, which it records.
type hookKV struct {
	hkv.KV
	file string
	hook commitHook // set by the store's writer under its write lock
	// damage is the first damage a call found.
	damage atomic.Pointer[DamagedError]
}

// caught turns r, a panic recovered in a call into bbolt, into *err.
func (k *hookKV) caught(r any, err *error) {
	if r == nil {
		return
	}
	de := &DamagedError{File: k.file, Detail: panicText(r)}
	k.damage.CompareAndSwap(nil, de)
	*err = de
}

func (k *hookKV) Tx(ctx context.Context, rw bool) (_ hkv.Tx, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { k.caught(recover(), &err) }()
	tx, err := k.KV.Tx(ctx, rw)
	if err != nil {
		return nil, err
	}
	t := &hookTx{Tx: tx, kv: k}
	if rw {
		t.hook = k.hook
	}
	return t, nil
}

func (k *hookKV) View(ctx context.Context, fn func(hkv.Tx) error) error {
	return hkv.View(ctx, k, fn)
}

func (k *hookKV) Update(ctx context.Context, fn func(hkv.Tx) error) error {
	return hkv.Update(ctx, k, fn)
}

// hookTx is a transaction of hookKV: every call into bbolt is guarded.
type hookTx struct {
	hkv.Tx
	kv   *hookKV
	hook commitHook
}

func (t *hookTx) Get(ctx context.Context, key hkv.Key) (_ hkv.Value, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { t.kv.caught(recover(), &err) }()
	return t.Tx.Get(ctx, key)
}

func (t *hookTx) GetBatch(ctx context.Context, keys []hkv.Key) (_ []hkv.Value, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { t.kv.caught(recover(), &err) }()
	return t.Tx.GetBatch(ctx, keys)
}

func (t *hookTx) Put(ctx context.Context, k hkv.Key, v hkv.Value) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { t.kv.caught(recover(), &err) }()
	return t.Tx.Put(ctx, k, v)
}

func (t *hookTx) Del(ctx context.Context, k hkv.Key) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { t.kv.caught(recover(), &err) }()
	return t.Tx.Del(ctx, k)
}

func (t *hookTx) Scan(ctx context.Context, opts ...hkv.IteratorOption) (it hkv.Iterator) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		var err error
		t.kv.caught(recover(), &err)
		if err != nil {
			it = &hookIter{kv: t.kv, err: err}
		}
	}()
	return &hookIter{Iterator: t.Tx.Scan(ctx, opts...), kv: t.kv}
}

func (t *hookTx) Commit(ctx context.Context) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { t.kv.caught(recover(), &err) }()
	if t.hook != nil {
		if err := t.hook(ctx, t); err != nil {
			t.Tx.Close()
			return err
		}
	}
	return t.Tx.Commit(ctx)
}

func (t *hookTx) Close() (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { t.kv.caught(recover(), &err) }()
	return t.Tx.Close()
}

// hookIter is an iterator of hookTx: a panic in a step ends it with err.
type hookIter struct {
	hkv.Iterator // nil when Scan itself failed
	kv           *hookKV
	err          error
}

func (it *hookIter) Next(ctx context.Context) (ok bool) {
	if it.err != nil || it.Iterator == nil {
		return false
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		it.kv.caught(recover(), &it.err)
		if it.err != nil {
			ok = false
		}
	}()
	return it.Iterator.Next(ctx)
}

func (it *hookIter) Reset() {
	if it.Iterator == nil || it.err != nil {
		return
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { it.kv.caught(recover(), &it.err) }()
	it.Iterator.Reset()
}

func (it *hookIter) Seek(ctx context.Context, key hkv.Key) (ok bool) {
	if it.Iterator == nil || it.err != nil {
		return false
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		it.kv.caught(recover(), &it.err)
		if it.err != nil {
			ok = false
		}
	}()
	return hkv.Seek(ctx, it.Iterator, key)
}

func (it *hookIter) WithPrefix(pref hkv.Key) hkv.Iterator {
	if it.Iterator == nil || it.err != nil {
		return it
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { it.kv.caught(recover(), &it.err) }()
	it.Iterator = hoptions.WithPrefixKV(pref).ApplyKV(it.Iterator)
	return it
}

func (it *hookIter) Err() error {
	if it.err != nil {
		return it.err
	}
	if it.Iterator == nil {
		return nil
	}
	return it.Iterator.Err()
}

func (it *hookIter) Close() (err error) {
	if it.Iterator == nil {
		return it.err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { it.kv.caught(recover(), &err) }()
	return it.Iterator.Close()
}

func (it *hookIter) Key() hkv.Key {
	if it.Iterator == nil {
		return nil
	}
	return it.Iterator.Key()
}

func (it *hookIter) Val() hkv.Value {
	if it.Iterator == nil {
		return nil
	}
	return it.Iterator.Val()
}
