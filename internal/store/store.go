// Package store opens Cayley quad stores by name and loads quads into them
// all-or-nothing: the one place confgraph talks to a Cayley backend.
package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bbolt" // registers "bbolt"; bolt/badger register too late or crash under -race
	_ "github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// EnvDB and EnvDBPath name the environment variables that select a store
// when no flag does.
const (
	EnvDB     = "CONFGRAPH_DB"
	EnvDBPath = "CONFGRAPH_DBPATH"
)

// Backend describes one store confgraph can use.
type Backend struct {
	// Name is what users pass to --db.
	Name string
	// Cayley is the name the backend is registered under in Cayley.
	Cayley string
	// Persistent backends need a path or address (--dbpath).
	Persistent bool
	// Doc is a one-line description for help texts.
	Doc string
	// PathHint is an example --dbpath.
	PathHint string
	// File marks backends whose --dbpath is a path on this machine.
	File bool
	// Check, when set, is run before Cayley opens the path; it returns a
	// clear error for an unreachable server or a missing database.
	Check func(ctx context.Context, path string) error
}

var (
	regMu    sync.Mutex
	backends = map[string]Backend{}
)

// Register makes a backend available by name. It panics on a repeated name,
// like Cayley's own registries, since that is a programming error.
func Register(b Backend) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := backends[b.Name]; dup {
		panic("store: backend registered twice: " + b.Name)
	}
	backends[b.Name] = b
}

func init() {
	Register(Backend{Name: "memstore", Cayley: "memstore", Doc: "in memory, gone when the command ends (default)"})
	Register(Backend{Name: "bolt", Cayley: "bbolt", Persistent: true, File: true, PathHint: "./confgraph.db",
		Doc: "embedded file store (bbolt), one writer at a time", Check: checkBoltFree})
}

// Lookup returns the backend registered as name.
func Lookup(name string) (Backend, bool) {
	regMu.Lock()
	defer regMu.Unlock()
	b, ok := backends[name]
	return b, ok
}

// Backends lists the registered backends by name.
func Backends() []Backend {
	regMu.Lock()
	defer regMu.Unlock()
	out := make([]Backend, 0, len(backends))
	for _, b := range backends {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names lists the registered backend names.
func Names() []string {
	var n []string
	for _, b := range Backends() {
		n = append(n, b.Name)
	}
	return n
}

// Store is an open quad store. Its methods are safe for concurrent use:
// reads share a lock, loads take it exclusively (Cayley's memstore and bolt
// are not safe for a writer beside readers).
type Store struct {
	QS      graph.QuadStore
	w       graph.QuadWriter
	backend Backend
	mu      sync.RWMutex
}

// Open opens (and on first use creates) the store of the named backend.
func Open(ctx context.Context, name, path string) (*Store, error) {
	regMu.Lock()
	b, ok := backends[name]
	regMu.Unlock()
	if !ok {
		return nil, fmt.Errorf("unknown store %q (valid: %s)", name, strings.Join(Names(), ", "))
	}
	if b.Persistent && path == "" {
		return nil, fmt.Errorf("store %s needs --dbpath (or %s), e.g. %s", name, EnvDBPath, b.PathHint)
	}
	if !b.Persistent && path != "" {
		return nil, fmt.Errorf("store %s keeps nothing on disk; drop --dbpath or use --db bolt", name)
	}
	if b.Check != nil {
		if err := b.Check(ctx, path); err != nil {
			return nil, fmt.Errorf("open %s store: %w", name, err)
		}
	}
	opts := graph.Options{}
	if b.Persistent {
		err := graph.InitQuadStore(b.Cayley, path, opts)
		if err != nil && !errors.Is(err, graph.ErrDatabaseExists) && !errors.Is(err, graph.ErrOperationNotSupported) {
			return nil, fmt.Errorf("create %s store at %s: %w", name, describePath(b, path), err)
		}
	}
	qs, err := graph.NewQuadStore(b.Cayley, path, opts)
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
	return &Store{QS: qs, w: w, backend: b}, nil
}

// Backend returns the backend the store was opened with.
func (s *Store) Backend() Backend { return s.backend }

// Close closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	werr := s.w.Close()
	if err := s.QS.Close(); err != nil {
		return err
	}
	return werr
}

// RLock takes the read lock; query engines hold it while they walk the store.
func (s *Store) RLock() { s.mu.RLock() }

// RUnlock releases the read lock.
func (s *Store) RUnlock() { s.mu.RUnlock() }

// Result counts what a load changed.
type Result struct {
	Graphs  int
	Added   int
	Removed int
	Total   int // quads now in the replaced graphs
}

// Replace makes each named graph that occurs in quads hold exactly the quads
// given for it, in one transaction: quads no longer present are removed,
// new ones added, the rest left alone. Loading the same quads twice changes
// nothing; if the transaction fails the store is as it was.
func (s *Store) Replace(ctx context.Context, quads []quad.Quad) (Result, error) {
	want := map[quad.Value]map[string]quad.Quad{}
	for _, q := range quads {
		q = rdf.Canonical(q)
		if q.Label == nil {
			return Result{}, fmt.Errorf("quad without graph: %s", q.NQuad())
		}
		m := want[q.Label]
		if m == nil {
			m = map[string]quad.Quad{}
			want[q.Label] = m
		}
		m[rdf.Key(q)] = q
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx := graph.NewTransaction()
	var res Result
	labels := make([]quad.Value, 0, len(want))
	for l := range want {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool { return labels[i].String() < labels[j].String() })
	have := make(map[quad.Value]map[string]bool, len(labels))
	check := func(q quad.Quad) error {
		m := want[q.Label]
		if m == nil {
			return nil // a graph this load leaves alone
		}
		k := rdf.Key(q)
		if _, keep := m[k]; keep {
			h := have[q.Label]
			if h == nil {
				h = map[string]bool{}
				have[q.Label] = h
			}
			h[k] = true
			return nil
		}
		tx.RemoveQuad(q)
		res.Removed++
		return nil
	}
	if err := s.eachInGraphs(ctx, labels, check); err != nil {
		return Result{}, err
	}
	for _, label := range labels {
		m := want[label]
		keys := slices.Sorted(maps.Keys(m))
		for _, k := range keys {
			if !have[label][k] {
				tx.AddQuad(m[k])
				res.Added++
			}
		}
		res.Total += len(m)
	}
	res.Graphs = len(labels)
	if len(tx.Deltas) == 0 {
		return res, nil
	}
	changes := len(tx.Deltas)
	if s.backend.Cayley == "bbolt" {
		padSharedNodes(tx) // works around a Cayley key-value bug, see kvfix.go
	}
	if err := s.w.ApplyTransaction(tx); err != nil {
		return Result{}, fmt.Errorf("write %d changes: %w (nothing was changed)", changes, err)
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
		ref, err := s.QS.ValueOf(l)
		if err != nil {
			return fmt.Errorf("look up graph %s: %w", l, err)
		}
		if ref != nil {
			present = append(present, l)
		}
	}
	if s.backend.Cayley == "bbolt" && len(present) > 1 {
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
	ref, err := s.QS.ValueOf(label)
	if err != nil {
		return fmt.Errorf("look up graph %s: %w", label, err)
	}
	if ref == nil {
		return nil
	}
	it := s.QS.QuadIterator(quad.Label, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.QS.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("read quad: %w", err)
		}
		if err := fn(rdf.Canonical(q)); err != nil {
			return err
		}
	}
	return it.Err()
}

// Each calls fn for every quad in the store, or only those in graph when it
// is not nil, in the store's own order. Values are in canonical form.
func (s *Store) Each(ctx context.Context, g quad.Value, fn func(quad.Quad) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if g != nil {
		return s.eachInGraph(ctx, g, fn)
	}
	return s.eachAll(ctx, fn)
}

// eachAll calls fn for every quad in the store. The caller holds a lock.
func (s *Store) eachAll(ctx context.Context, fn func(quad.Quad) error) error {
	it := s.QS.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.QS.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("read quad: %w", err)
		}
		if err := fn(rdf.Canonical(q)); err != nil {
			return err
		}
	}
	return it.Err()
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
