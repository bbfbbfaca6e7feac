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
	"time"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
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
		if err := preflight(file, fst.Size()); err != nil {
			return nil, err
		}
	}
	opts := &bolt.Options{Timeout: time.Second, ReadOnly: readOnly}
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
	kv := &hookKV{KV: hbolt.New(db)}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	err = guardPanic(file, func() error {
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
		qs, nerr = ckv.New(kv, graph.Options{})
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
	return boltMeta{pageSize: le.Uint32(meta[8:]), pgid: le.Uint64(meta[40:]), txid: le.Uint64(meta[48:])}, true, true
}

// preflight checks a bolt file's header before bbolt maps it: bbolt trusts
// the header and faults (SIGBUS, SIGSEGV) on a file shorter than it says.
func preflight(file string, size int64) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return err
	}
	head = head[:n]
	m0, magic0, ok0 := readMeta(head)
	if !magic0 {
		return &NotStoreError{Path: filepath.Dir(file), Reason: BoltFile + " is not a bbolt database (no bbolt header)"}
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
	case ok0 && ok1 && m1.txid > m0.txid, !ok0 && ok1:
		m = m1
	case ok0:
		m = m0
	default:
		return &DamagedError{File: file, Detail: "both meta pages (the file header) are damaged"}
	}
	if want := int64(m.pgid) * int64(m.pageSize); size < want {
		return &DamagedError{File: file, Detail: fmt.Sprintf("the file is truncated: %d bytes, its header says %d", size, want)}
	}
	return nil
}

// commitHook runs inside bbolt's write transaction of a Cayley write, just
// before it commits.
type commitHook func(ctx context.Context, tx hkv.Tx) error

// hookKV is the bbolt key-value store under Cayley with one addition: a
// hook that writes beside Cayley's buckets in the same transaction (the
// digests of the graphs a load writes), so both commit or neither.
type hookKV struct {
	hkv.KV
	hook commitHook // set by the store's writer under its write lock
}

func (k *hookKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	tx, err := k.KV.Tx(ctx, rw)
	if err != nil || !rw || k.hook == nil {
		return tx, err
	}
	return &hookTx{Tx: tx, hook: k.hook}, nil
}

func (k *hookKV) View(ctx context.Context, fn func(hkv.Tx) error) error {
	return hkv.View(ctx, k, fn)
}

func (k *hookKV) Update(ctx context.Context, fn func(hkv.Tx) error) error {
	return hkv.Update(ctx, k, fn)
}

type hookTx struct {
	hkv.Tx
	hook commitHook
}

func (t *hookTx) Commit(ctx context.Context) error {
	if err := t.hook(ctx, t.Tx); err != nil {
		t.Tx.Close()
		return err
	}
	return t.Tx.Commit(ctx)
}
