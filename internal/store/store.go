// Package store opens Cayley quad stores by name and loads quads into them
// all-or-nothing: the one place confgraph talks to a Cayley backend.
package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	_ "github.com/cayleygraph/cayley/graph/kv/bbolt" // registers "bbolt" (Init); bolt/badger register too late or crash under -race
	_ "github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// Backend describes one store confgraph can use, with what it can do.
type Backend struct {
	// Name is what users choose the backend by.
	Name string
	// cayley is the name the backend is registered under in Cayley.
	cayley string
	// Persistent backends need a path or address.
	Persistent bool
	// Doc is a one-line description for help texts.
	Doc string
	// PathHint is an example path or address.
	PathHint string
	// File marks backends whose path is a path on this machine.
	File bool
	// IndexesGraphs marks backends whose quad iterator for one graph reads
	// only that graph's quads; on the others (Cayley's key-value stores)
	// it scans the whole store, see eachInGraphs.
	IndexesGraphs bool
	// NeedsRefcountPad marks backends with Cayley's key-value reference
	// count bug that padSharedNodes works around (kvfix.go).
	NeedsRefcountPad bool
	// Check, when set, is run before Cayley opens the path; it returns a
	// clear error for an unreachable server or a missing database.
	Check func(ctx context.Context, path string) error
	// openSession, when set, opens what confgraph holds beside Cayley's
	// connections (pg.go) and returns the address Cayley is to open.
	openSession func(ctx context.Context, path string) (*pgSession, string, error)
	// sql is the SQL flavour of a SQL backend (sql.go), nil for the others.
	sql *sqlFlavor
	// WriterLock marks backends whose writers take turns across processes
	// (bolt: one process at a time; memstore: one process; PostgreSQL: an
	// advisory lock, see LockWriters). CockroachDB has none: its
	// pg_try_advisory_lock is a stub that returns true without locking.
	WriterLock bool
}

// backends is every backend, by name. The SQL ones are in sql.go.
var backends = []Backend{
	{Name: "bolt", cayley: "bbolt", Persistent: true, File: true, PathHint: "./confgraph.db",
		NeedsRefcountPad: true, WriterLock: true,
		Doc: "embedded file store (bbolt), one writer at a time", Check: checkBoltFree},
	backendCockroach,
	{Name: "memstore", cayley: "memstore", IndexesGraphs: true, WriterLock: true, Doc: "in memory, gone when the command ends (default)"},
	backendPostgres,
}

// Lookup returns the backend called name.
func Lookup(name string) (Backend, bool) {
	for _, b := range backends {
		if b.Name == name {
			return b, true
		}
	}
	return Backend{}, false
}

// Backends lists the backends by name.
func Backends() []Backend { return slices.Clone(backends) }

// Names lists the backend names.
func Names() []string {
	var n []string
	for _, b := range backends {
		n = append(n, b.Name)
	}
	return n
}

// UnknownBackendError reports a backend name that is not in the table.
type UnknownBackendError struct {
	Name  string
	Valid []string
}

func (e *UnknownBackendError) Error() string {
	return fmt.Sprintf("unknown store %q (valid: %s)", e.Name, strings.Join(e.Valid, ", "))
}

// PathProblem says what is wrong with the path given for a backend.
type PathProblem int

const (
	// PathMissing: a persistent backend got no path.
	PathMissing PathProblem = iota + 1
	// PathUnwanted: a backend that keeps nothing got a path, or was asked
	// to create a store.
	PathUnwanted
	// PathUnusable: the path does not work (not an address, no server
	// there, login refused, no such database).
	PathUnusable
)

// PathError reports a path or address that is missing, unwanted or
// unusable for Backend. Its text speaks of "the path"; a caller with its
// own name for the path setting (a flag) gets the same text with that name
// from Message.
type PathError struct {
	Backend string
	Problem PathProblem
	// Hint is an example path (PathMissing).
	Hint string
	// text is the message in pieces, split where it names the path setting
	// (PathUnusable).
	text []string
	Err  error
}

func (e *PathError) Error() string { return e.Message("the path") }

// Message returns the error's text with setting as the name of the path
// setting.
func (e *PathError) Message(setting string) string {
	switch e.Problem {
	case PathMissing:
		return fmt.Sprintf("store %s needs %s, e.g. %s", e.Backend, setting, e.Hint)
	case PathUnwanted:
		return fmt.Sprintf("store %s keeps nothing on disk; drop %s or use a persistent store", e.Backend, setting)
	}
	return strings.Join(e.text, setting)
}

func (e *PathError) Unwrap() error { return e.Err }

// unusable returns a PathUnusable error; text is the message in pieces to
// be joined by the name of the path setting.
func unusable(backend string, err error, text ...string) *PathError {
	return &PathError{Backend: backend, Problem: PathUnusable, text: text, Err: err}
}

// resolve looks up the backend called name and checks that path fits it:
// the one check of Open and Init.
func resolve(name, path string) (Backend, error) {
	b, ok := Lookup(name)
	switch {
	case !ok:
		return Backend{}, &UnknownBackendError{Name: name, Valid: Names()}
	case b.Persistent && path == "":
		return b, &PathError{Backend: name, Problem: PathMissing, Hint: b.PathHint}
	case !b.Persistent && path != "":
		return b, &PathError{Backend: name, Problem: PathUnwanted}
	}
	return b, nil
}

// Store is an open quad store. Its methods are safe for concurrent use:
// reads share a lock, loads take it exclusively (Cayley's memstore and bolt
// are not safe for a writer beside readers).
type Store struct {
	qs      graph.QuadStore
	w       graph.QuadWriter
	backend Backend
	mu      sync.RWMutex
	pg      *pgSession // PostgreSQL: writer lock, cancellation (pg.go)
	// bolt is set for a bolt store: its bbolt database and file.
	bolt     *boltOpen
	readOnly bool
	replica  bool // on a PostgreSQL hot standby (replica.go); readOnly too
	path     string
	// damaged is set once a read found the bolt file damaged: closing it
	// could wait for a read transaction the fault left open.
	damaged atomic.Bool
	// reads are the answers readers keep until the next write (readcache.go).
	reads readCache
}

// Open opens (and on first use creates) the store of the named backend.
func Open(ctx context.Context, name, path string) (*Store, error) {
	return open(ctx, name, path, false)
}

// OpenReadOnly opens an existing store of the named backend for reading:
// a bolt store is opened read-only (it works on a read-only file system,
// without write permission and beside other readers) and never created;
// a path that is not a store is a *NotStoreError. Loads into it fail with
// a *ReadOnlyError. A SQL store is never created either (a database
// without its tables is a *NotStoreError) and its sessions are read-only
// on the server. memstore opens as with Open.
func OpenReadOnly(ctx context.Context, name, path string) (*Store, error) {
	return open(ctx, name, path, true)
}

func open(ctx context.Context, name, path string, readOnly bool) (_ *Store, err error) {
	b, err := resolve(name, path)
	if err != nil {
		return nil, err
	}
	if b.Name == "bolt" {
		return openBoltStore(b, path, readOnly)
	}
	if b.Check != nil {
		if err := b.Check(ctx, path); err != nil {
			return nil, fmt.Errorf("open %s store: %w", name, err)
		}
	}
	var pg *pgSession
	addr := path
	if b.openSession != nil {
		if pg, addr, err = b.openSession(ctx, path); err != nil {
			return nil, fmt.Errorf("open %s store: %w", name, err)
		}
		defer func() {
			if err != nil {
				pg.close()
			}
		}()
	}
	// A PostgreSQL hot standby (a read replica) takes no writes: the store
	// on it is read-only, whatever was asked for (replica.go).
	replica := false
	if pg != nil {
		if replica, err = inRecovery(ctx, pg.db); err != nil {
			return nil, fmt.Errorf("open %s store: %w", name, pg.explain(ctx, err))
		}
	}
	opts := graph.Options{}
	switch {
	case b.sql != nil && (readOnly || replica):
		if err := requireTables(ctx, *b.sql, path, pgDB(pg)); err != nil {
			if replica && !readOnly {
				// A write was meant: say where writes go.
				return nil, fmt.Errorf("open %s store: %w", name, &ReplicaError{Server: b.sql.server, Where: DescribeDSN(path)})
			}
			return nil, fmt.Errorf("open %s store: %w", name, err)
		}
		readOnly = true
		addr = withParams(addr, nil, readOnlySession)
	case b.Persistent:
		err := graph.InitQuadStore(b.cayley, addr, opts)
		if err != nil && !errors.Is(err, graph.ErrDatabaseExists) && !errors.Is(err, graph.ErrOperationNotSupported) {
			return nil, fmt.Errorf("create %s store at %s: %w", name, describePath(b, path), err)
		}
	}
	qs, err := graph.NewQuadStore(b.cayley, addr, opts)
	if err != nil {
		if os.IsPermission(err) {
			return nil, fmt.Errorf("open %s store at %s: %w (check the file's permissions)", name, path, err)
		}
		return nil, fmt.Errorf("open %s store at %s: %w", name, describePath(b, path), err)
	}
	w, err := writer.NewSingle(qs, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	if err != nil {
		qs.Close()
		return nil, fmt.Errorf("open %s writer: %w", name, err)
	}
	return &Store{qs: qs, w: w, backend: b, pg: pg, path: path, readOnly: readOnly, replica: replica}, nil
}

// openBoltStore opens a bolt store through openBolt, which checks the file
// before bbolt maps it.
func openBoltStore(b Backend, path string, readOnly bool) (*Store, error) {
	if err := checkBoltLock(path, readOnly); err != nil {
		return nil, fmt.Errorf("open %s store: %w", b.Name, err)
	}
	bo, err := openBolt(path, readOnly)
	if err != nil {
		var (
			ns *NotStoreError
			de *DamagedError
		)
		switch {
		case errors.As(err, &ns), errors.As(err, &de):
			return nil, err
		case os.IsPermission(err):
			return nil, fmt.Errorf("open %s store at %s: %w (check the file's permissions)", b.Name, path, err)
		}
		return nil, fmt.Errorf("open %s store at %s: %w", b.Name, path, err)
	}
	w, err := writer.NewSingle(bo.qs, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	if err != nil {
		bo.qs.Close()
		return nil, fmt.Errorf("open %s writer: %w", b.Name, err)
	}
	return &Store{qs: bo.qs, w: w, backend: b, bolt: bo, readOnly: readOnly, path: path}, nil
}

// guard runs fn at the store boundary: on a bolt store a panic or memory
// fault while reading the file becomes a *DamagedError (see guardPanic),
// as does an error decoding what the file holds.
func (s *Store) guard(fn func() error) error {
	if s.bolt == nil {
		return fn()
	}
	err := guardPanic(s.bolt.file, fn)
	var de *DamagedError
	if errors.As(err, &de) {
		s.damaged.Store(true)
		return err
	}
	// Damage found on another goroutine (Gizmo's) comes back as that
	// engine's error text, or as an iterator that ended early without
	// a word: give the damage instead of the error or the result.
	if d := s.bolt.kv.damage.Load(); d != nil {
		s.damaged.Store(true)
		return d
	}
	return err
}

// damage returns err, a failure to read or decode what the store holds,
// as a *DamagedError on a bolt store (where nothing else explains it).
func (s *Store) damage(err error) error {
	if s.bolt == nil || err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var de *DamagedError
	if errors.As(err, &de) {
		return err
	}
	s.damaged.Store(true)
	return &DamagedError{File: s.bolt.file, Detail: err.Error()}
}

// Backend returns the backend the store was opened with.
func (s *Store) Backend() Backend { return s.backend }

// Close closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.damaged.Load() {
		// A fault may have left a read transaction open, which bbolt's
		// Close waits for: give it a moment, then leave the file to the
		// end of the process.
		done := make(chan struct{})
		go func() {
			s.w.Close()
			s.qs.Close()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
		return nil
	}
	werr := s.w.Close()
	if s.pg != nil {
		defer s.pg.close()
	}
	if err := s.qs.Close(); err != nil {
		return err
	}
	return werr
}

// View calls fn with the Cayley quad store while holding the read lock, so
// that no load changes the store under a query engine walking it. fn must
// not keep the quad store, nor write to it.
func (s *Store) View(ctx context.Context, fn func(graph.QuadStore) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.guard(func() error { return fn(s.qs) })
}

// Update calls fn with the quad store while holding the write lock, so no
// reader runs beside it, and on PostgreSQL the writer lock (LockWriters),
// so that it takes turns with loads in other processes; a wait for that
// lock that ctx ends is a *WriterBusyError. It is the door for Cayley's
// own write API, which the server mounts (with a write token); confgraph's
// loads go through Replace and RemoveGraphs, which validate and keep
// graphs whole.
func (s *Store) Update(ctx context.Context, fn func(graph.QuadStore) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.readOnly {
		return s.readOnlyError()
	}
	// PostgreSQL: Cayley's write API takes turns with confgraph's loads
	// in other processes. The lock is taken before the store's own, so
	// that readers in this process go on while it waits.
	holder := ""
	release, err := s.LockWriters(ctx, func(h string) { holder = h })
	if err != nil {
		if holder != "" && ctx.Err() != nil {
			return &WriterBusyError{Holder: holder, Err: err}
		}
		return err
	}
	defer release()
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.forgetReads()
	return s.update(fn)
}

// Result counts what a load changed.
type Result struct {
	Graphs  int
	Added   int
	Removed int
	Total   int // quads now in the replaced graphs
	// PerGraph counts the same per graph, sorted by graph.
	PerGraph []GraphResult
}

// GraphResult counts what a load changed in one graph.
type GraphResult struct {
	Graph   quad.Value
	Existed bool // the graph had quads before
	Added   int
	Removed int
	Total   int // quads now in the graph
}

// Replace makes each named graph that occurs in quads hold exactly the quads
// given for it, in one transaction: quads no longer present are removed,
// new ones added, the rest left alone. Loading the same quads twice changes
// nothing; if the transaction fails the store is as it was.
func (s *Store) Replace(ctx context.Context, quads []quad.Quad) (Result, error) {
	return s.ReplaceParts(ctx, quads, nil)
}

// firstLoadFits reports whether a load into the store, when it is empty,
// builds a new file (firstload.go). Windows does not rename a file over
// one that is open (and mapped): there a first load goes through Cayley's
// writer too.
func (s *Store) firstLoadFits() bool {
	return s.bolt != nil && runtime.GOOS != "windows"
}

// write runs fn, one of confgraph's loads (Replace, RemoveGraphs), as the
// store's one writer: refused on a read-only store, under the store's
// write lock and the writer lock across processes (LockWriters), with a
// fault inside bbolt turned into an error (guard).
func (s *Store) write(ctx context.Context, fn func() (Result, error)) (Result, error) {
	if s.readOnly {
		return Result{}, s.readOnlyError()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	release, err := s.LockWriters(ctx, nil)
	if err != nil {
		return Result{}, err
	}
	defer release()
	defer s.forgetReads()
	var res Result
	err = s.guard(func() error {
		var err error
		res, err = fn()
		return err
	})
	return res, err
}

// replace is Replace under the write lock, with the quads wanted per
// graph (canonical; repeats allowed).
func (s *Store) replace(ctx context.Context, byGraph map[quad.Value][]quad.Quad) (Result, error) {
	labels := make([]quad.Value, 0, len(byGraph))
	for l := range byGraph {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool { return labels[i].String() < labels[j].String() })
	if len(labels) > 0 && s.firstLoadFits() {
		empty, err := s.boltEmpty()
		if err != nil {
			return Result{}, err
		}
		if empty {
			return s.firstLoad(ctx, labels, byGraph, nil)
		}
	}
	if s.pg != nil {
		res, done, err := s.pgFirstLoad(ctx, labels, byGraph, nil)
		if done || err != nil {
			return res, err
		}
	}
	want := make(map[quad.Value]map[string]quad.Quad, len(byGraph))
	for l, qs := range byGraph {
		m := make(map[string]quad.Quad, len(qs))
		for _, q := range qs {
			m[rdf.Key(q)] = q
		}
		want[l] = m
	}
	clear(byGraph)
	var res Result
	have := make(map[quad.Value]map[string]bool, len(labels))
	removed := map[quad.Value]int{}
	var toRemove []quad.Quad
	stored := 0 // quads in the store, of every graph
	check := func(k string, q quad.Quad) error {
		stored++
		m := want[q.Label]
		if m == nil {
			return nil // a graph this load leaves alone
		}
		if k == "" {
			k = rdf.Key(q)
		}
		if _, keep := m[k]; keep {
			h := have[q.Label]
			if h == nil {
				h = map[string]bool{}
				have[q.Label] = h
			}
			h[k] = true
			return nil
		}
		toRemove = append(toRemove, q)
		res.Removed++
		removed[q.Label]++
		return nil
	}
	// Each graph's keys, sorted once: for the adds and the digests.
	sorted := make(map[quad.Value][]string, len(labels))
	for _, label := range labels {
		sorted[label] = slices.Sorted(maps.Keys(want[label]))
	}
	if s.bolt != nil {
		// One sequential scan of the whole log (kvscan.go), with each
		// quad's key: Cayley's iterators read the store a quad at a
		// time, and do not index graphs on bolt.
		if err := s.eachKV(ctx, nil, true, check); err != nil {
			return Result{}, err
		}
	} else if err := s.eachInGraphs(ctx, labels, func(q quad.Quad) error { return check("", q) }); err != nil {
		return Result{}, err
	}
	var toAdd []quad.Quad
	for _, label := range labels {
		m := want[label]
		keys := sorted[label]
		g := GraphResult{Graph: label, Existed: len(have[label])+removed[label] > 0, Removed: removed[label], Total: len(m)}
		for _, k := range keys {
			if !have[label][k] {
				toAdd = append(toAdd, m[k])
				g.Added++
			}
		}
		res.Added += g.Added
		res.Total += len(m)
		res.PerGraph = append(res.PerGraph, g)
	}
	res.Graphs = len(labels)
	digests := s.digestsOf(sorted)
	changes := len(toRemove) + len(toAdd)
	if changes == 0 {
		return res, s.recordMissingDigests(ctx, digests)
	}
	if s.bolt != nil && runtime.GOOS != "windows" && rebuildPays(changes, stored) {
		// Many changes: a new file, built from the graphs the load
		// keeps and the new ones, renamed in (reload.go).
		toRemove, toAdd, have = nil, nil, nil
		if err := s.rebuild(ctx, labels, want, sorted, digests); err != nil {
			return Result{}, writeError(changes, err)
		}
		return res, nil
	}
	tx := graph.NewTransaction()
	for _, q := range toRemove {
		tx.RemoveQuad(q)
	}
	for _, q := range toAdd {
		tx.AddQuad(q)
	}
	toRemove, toAdd = nil, nil
	changes = len(tx.Deltas)
	if s.backend.NeedsRefcountPad {
		padSharedNodes(tx) // works around a Cayley key-value bug, see kvfix.go
	}
	if err := s.apply(ctx, tx, putDigests(digests)); err != nil {
		return Result{}, writeError(changes, err)
	}
	return res, nil
}

// eachInGraphs calls fn for every quad in the graphs labels (and maybe for
// quads of other graphs, which fn must skip). The caller holds a lock.
//
// Cayley's key-value backends (bolt) do not index the graph direction: a
// graph's quad iterator scans the whole store, so reading G graphs one by
// one costs G full scans (202 graphs of a 1M-quad corpus: 200M quad reads).
// There, when more than one of the graphs exists, one pass over the whole
// store replaces the scans; backends that index graphs are read per graph.
func (s *Store) eachInGraphs(ctx context.Context, labels []quad.Value, fn func(quad.Quad) error) error {
	var present []quad.Value
	for _, l := range labels {
		ref, err := s.qs.ValueOf(l)
		if err != nil {
			return fmt.Errorf("look up graph %s: %w", l, s.explain(ctx, err))
		}
		if ref != nil {
			present = append(present, l)
		}
	}
	if !s.backend.IndexesGraphs && len(present) > 1 {
		return s.eachAll(ctx, fn)
	}
	for _, l := range present {
		if err := s.eachInGraph(ctx, l, fn); err != nil {
			return err
		}
	}
	return nil
}

// eachInGraph calls fn for every quad in graph label. The caller holds a lock.
func (s *Store) eachInGraph(ctx context.Context, label quad.Value, fn func(quad.Quad) error) error {
	return s.eachAt(ctx, quad.Label, label, fn)
}

// eachAt calls fn for every quad with v in direction d, through Cayley's
// index. The caller holds a lock.
func (s *Store) eachAt(ctx context.Context, d quad.Direction, v quad.Value, fn func(quad.Quad) error) error {
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		what := d.String()
		if d == quad.Label {
			what = "graph"
		}
		return fmt.Errorf("look up %s %s: %w", what, v, s.explain(ctx, err))
	}
	if ref == nil {
		return nil
	}
	return s.iterate(ctx, s.qs.QuadIterator(d, ref), fn)
}

// Each calls fn for every quad in the store, or only those in graph when it
// is not nil, in the store's own order. Values are in canonical form.
func (s *Store) Each(ctx context.Context, g quad.Value, fn func(quad.Quad) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.guard(func() error {
		switch {
		case s.bolt != nil:
			return s.eachKV(ctx, g, false, func(_ string, q quad.Quad) error { return fn(q) }) // kvscan.go
		case s.pg != nil:
			return s.eachSQL(ctx, g, fn) // sqlscan.go
		case g != nil:
			return s.eachInGraph(ctx, g, fn)
		}
		return s.eachAll(ctx, fn)
	})
}

// EachOf calls fn for every quad whose predicate is one of preds, in the
// store's own order (on memstore predicate by predicate). Values are in
// canonical form. On PostgreSQL the server selects them (one statement);
// bolt reads Cayley's log through, as Each does.
func (s *Store) EachOf(ctx context.Context, preds []quad.IRI, fn func(quad.Quad) error) error {
	if len(preds) == 0 {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.guard(func() error {
		switch {
		case s.bolt != nil:
			return s.eachKV(ctx, nil, false, func(_ string, q quad.Quad) error {
				if p, ok := q.Predicate.(quad.IRI); ok && slices.Contains(preds, p) {
					return fn(q)
				}
				return nil
			})
		case s.pg != nil:
			return s.eachOfSQL(ctx, preds, fn) // sqlscan.go
		}
		for _, p := range preds {
			if err := s.eachAt(ctx, quad.Predicate, p, fn); err != nil {
				return err
			}
		}
		return nil
	})
}

// EachKeyed is Each with every quad's sort key, rdf.Key(q), beside it: on
// bolt the key is built from the printed form of values the scan caches,
// elsewhere by rdf.Key on a goroutine of its own while fn runs.
func (s *Store) EachKeyed(ctx context.Context, g quad.Value, fn func(key string, q quad.Quad) error) error {
	if s.bolt != nil {
		s.mu.RLock()
		defer s.mu.RUnlock()
		return s.guard(func() error { return s.eachKV(ctx, g, true, fn) })
	}
	return keyedPipe(func(emit func(quad.Quad) error) error { return s.Each(ctx, g, emit) }, fn)
}

// eachAll calls fn for every quad in the store. The caller holds a lock.
func (s *Store) eachAll(ctx context.Context, fn func(quad.Quad) error) error {
	return s.iterate(ctx, s.qs.QuadsAllIterator(), fn)
}

// iterate calls fn for every quad of the iterator sh, in canonical form.
// The caller holds a lock.
func (s *Store) iterate(ctx context.Context, sh iterator.Shape, fn func(quad.Quad) error) error {
	it := sh.Iterate()
	defer it.Close()
	for n := 1; it.Next(ctx); n++ {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return s.damage(fmt.Errorf("read quad: %w", s.explain(ctx, err)))
		}
		if s.bolt != nil && (q.Subject == nil || q.Predicate == nil || q.Object == nil) {
			return s.damage(fmt.Errorf("a quad names a node that is not in the store"))
		}
		if err := fn(rdf.Canonical(q)); err != nil {
			return err
		}
		if n%1024 == 0 && ctx.Err() != nil {
			break
		}
	}
	// Cayley's iterators stop without an error when ctx ends.
	if err := ctx.Err(); err != nil {
		return &InterruptedError{Cause: context.Cause(ctx)}
	}
	return s.damage(s.explain(ctx, it.Err()))
}

// Quads returns every quad (of graph g, or all when g is nil), sorted in
// N-Quads line order.
func (s *Store) Quads(ctx context.Context, g quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.Each(ctx, g, func(q quad.Quad) error {
		out = append(out, q)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rdf.Sort(out)
	return out, nil
}

// Graphs lists the named graphs in the store, sorted.
func (s *Store) Graphs(ctx context.Context) ([]quad.Value, error) {
	seen := map[string]quad.Value{}
	err := s.Each(ctx, nil, func(q quad.Quad) error {
		if q.Label != nil {
			seen[q.Label.String()] = q.Label
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	keys := slices.Sorted(maps.Keys(seen))
	out := make([]quad.Value, len(keys))
	for i, k := range keys {
		out[i] = seen[k]
	}
	return out, nil
}
