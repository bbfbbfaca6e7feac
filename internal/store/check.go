package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// CheckUnsupportedError reports a check or backup asked of a backend that
// has none (the SQL ones, memstore).
type CheckUnsupportedError struct{ Backend, What string }

func (e *CheckUnsupportedError) Error() string {
	return fmt.Sprintf("%s works on bolt stores only, not on %s", e.What, e.Backend)
}

// GraphStatus is what check found for one graph.
type GraphStatus int

const (
	// GraphOK: the graph's quads have the digest its load recorded.
	GraphOK GraphStatus = iota
	// GraphChanged: the quads differ from what the load wrote (damage).
	GraphChanged
	// GraphMissing: a digest is recorded but the graph has no quads (damage).
	GraphMissing
	// GraphNoDigest: the graph has quads but no digest (loaded before
	// confgraph recorded digests, or a crash during a write through
	// Cayley's API); a reload records one.
	GraphNoDigest
)

// GraphCheck is check's finding for one graph.
type GraphCheck struct {
	Graph    string // N-Quads term, <IRI>
	Status   GraphStatus
	Recorded Digest // as loaded (zero for GraphNoDigest)
	Found    Digest // as read now (zero for GraphMissing)
}

// CheckReport is what Check found.
type CheckReport struct {
	File string
	// Bolt lists what bbolt's own consistency check (and confgraph's walk
	// of every page before it) found: pages, free lists, keys.
	Bolt []string
	// Cayley lists what the key-value check found: quads naming nodes that
	// do not exist, reference counts lower than the quads using a node,
	// nodes their value does not find.
	Cayley []string
	// Graphs lists every graph with quads or a digest, sorted.
	Graphs []GraphCheck
	// Unreadable is set when the quads could not be read at all (the
	// digests were then not compared); it says why.
	Unreadable string
}

// Damaged reports whether check found any damage.
func (r *CheckReport) Damaged() bool {
	if len(r.Bolt) > 0 || len(r.Cayley) > 0 || r.Unreadable != "" {
		return true
	}
	for _, g := range r.Graphs {
		if g.Status == GraphChanged || g.Status == GraphMissing {
			return true
		}
	}
	return false
}

// maxProblems is the most problems of one kind a check lists.
const maxProblems = 20

// problems collects messages up to maxProblems, then counts.
type problems struct {
	list []string
	more int
}

func (p *problems) add(format string, args ...any) {
	if len(p.list) < maxProblems {
		p.list = append(p.list, fmt.Sprintf(format, args...))
		return
	}
	p.more++
}

func (p *problems) done() []string {
	if p.more > 0 {
		return append(p.list, fmt.Sprintf("and %d more", p.more))
	}
	return p.list
}

// Check checks a bolt store three ways without changing it: bbolt's
// consistency check of its pages (Tx.Check); Cayley's records (every
// quad's nodes exist, every node's reference count covers its quads, every
// node is found by its value); and every graph's quads against the digest
// its load recorded. Damage found is in the report, not an error; the
// error is for a check that could not run.
func (s *Store) Check(ctx context.Context) (*CheckReport, error) {
	if s.bolt == nil {
		return nil, &CheckUnsupportedError{Backend: s.backend.Name, What: "check"}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := &CheckReport{File: s.bolt.file}
	if err := s.checkBolt(r); err != nil {
		return r, err
	}
	if len(r.Bolt) > 0 {
		// Reading damaged pages through Cayley could fault; what bbolt
		// found is the answer.
		r.Unreadable = "the pages are damaged (above), so quads and digests were not read"
		return r, nil
	}
	var p problems
	if err := guardPanic(s.bolt.file, func() error { return s.checkCayley(&p) }); err != nil {
		p.add("%v", err)
	}
	r.Cayley = p.done()
	recorded, err := s.readDigests()
	if err != nil {
		r.Unreadable = err.Error()
		return r, nil
	}
	var found map[string]Digest
	err = guardPanic(s.bolt.file, func() error {
		var err error
		found, err = s.computeDigests(ctx, nil)
		return err
	})
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return r, err
	}
	if err != nil {
		var de *DamagedError
		if errors.As(err, &de) {
			r.Unreadable = de.Detail
		} else {
			r.Unreadable = err.Error()
		}
		return r, nil
	}
	graphs := map[string]bool{}
	for g := range recorded {
		graphs[g] = true
	}
	for g := range found {
		graphs[g] = true
	}
	for _, g := range slices.Sorted(maps.Keys(graphs)) {
		rec, hasRec := recorded[g]
		got, hasGot := found[g]
		c := GraphCheck{Graph: g, Recorded: rec, Found: got}
		switch {
		case !hasRec:
			c.Status = GraphNoDigest
		case !hasGot:
			c.Status = GraphMissing
		case rec != got:
			c.Status = GraphChanged
		}
		r.Graphs = append(r.Graphs, c)
	}
	return r, nil
}

// checkBolt walks every page of the file with reads of its own
// (walkPages: damage cannot fault there, nor make it loop), then, when
// that found nothing, runs bbolt's Tx.Check, which reads the same pages
// through the memory map on a goroutine of its own, where a fault or
// panic could not be caught.
func (s *Store) checkBolt(r *CheckReport) error {
	var p problems
	found, err := walkFile(s.bolt.file, &p)
	if err != nil || found {
		r.Bolt = p.done()
		return err
	}
	err = s.bolt.db.View(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			p.add("%v", e)
		}
		return nil
	})
	r.Bolt = p.done()
	return err
}

// walkFile checks the header of the bolt file and walks its pages,
// adding what it finds damaged to p; it reports whether it found any.
func walkFile(file string, p *problems) (bool, error) {
	st, err := os.Stat(file)
	if err != nil {
		return false, err
	}
	m, err := preflight(file, st.Size())
	if err != nil {
		var de *DamagedError
		if errors.As(err, &de) {
			p.add("%s", de.Detail)
			return true, nil
		}
		return false, err
	}
	var found bool
	err = guardPanic(file, func() error {
		var werr error
		found, werr = walkPages(file, m, p)
		return werr
	})
	if err != nil {
		p.add("%s", damageText(err))
		return true, nil
	}
	return found, nil
}

// CheckPages walks the pages of the bolt store in directory dir, not
// open yet, as Check does: damage that would make opening the store loop
// or exhaust memory (a page tree that refers back into itself) is found
// before bbolt and Cayley read it. It returns what it found damaged (nil
// for nothing); the error is for a file that is not there or not a bolt
// file, which opening it explains.
func CheckPages(dir string) ([]string, error) {
	file := filepath.Join(dir, BoltFile)
	if st, err := os.Stat(file); err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
		return nil, &NotStoreError{Path: dir, Reason: "no " + BoltFile}
	}
	var p problems
	if _, err := walkFile(file, &p); err != nil {
		return nil, err
	}
	return p.done(), nil
}

// damageText is the detail of a DamagedError, or err's text.
func damageText(err error) string {
	var de *DamagedError
	if errors.As(err, &de) {
		return de.Detail
	}
	return err.Error()
}

// checkCayley checks Cayley's records in the bbolt buckets: the log
// (bucket "log": nodes and quads by ID), the node index by value hash
// (buckets v..) and the reference counts (buckets n..).
func (s *Store) checkCayley(p *problems) error {
	return s.bolt.db.View(func(tx *bolt.Tx) error {
		log := tx.Bucket([]byte("log"))
		if log == nil {
			p.add("Cayley's log bucket is missing")
			return nil
		}
		type node struct {
			hash  refs.ValueHash
			value string
		}
		nodes := map[uint64]node{}
		used := map[uint64]int{}
		var quads []*cproto.Primitive
		err := log.ForEach(func(k, v []byte) error {
			var pr cproto.Primitive
			if err := proto.Unmarshal(v, &pr); err != nil {
				p.add("record %x in Cayley's log does not decode: %v", k, err)
				return nil
			}
			if pr.IsNode() {
				val, err := pquads.UnmarshalValue(pr.Value)
				if err != nil || val == nil {
					p.add("node %d: its value does not decode: %v", pr.ID, err)
					return nil
				}
				nodes[pr.ID] = node{hash: refs.HashOf(val), value: val.String()}
				return nil
			}
			if !pr.Deleted {
				quads = append(quads, &pr)
			}
			return nil
		})
		if err != nil {
			return err
		}
		dirs := []struct {
			name string
			id   func(*cproto.Primitive) uint64
		}{
			{"subject", func(q *cproto.Primitive) uint64 { return q.Subject }},
			{"predicate", func(q *cproto.Primitive) uint64 { return q.Predicate }},
			{"object", func(q *cproto.Primitive) uint64 { return q.Object }},
			{"graph", func(q *cproto.Primitive) uint64 { return q.Label }},
		}
		for _, q := range quads {
			for i, d := range dirs {
				id := d.id(q)
				if id == 0 {
					if i < 3 {
						p.add("quad %d has no %s", q.ID, d.name)
					}
					continue
				}
				if _, ok := nodes[id]; !ok {
					where := ""
					if g, ok := nodes[q.Label]; ok && i != 3 {
						where = " in graph " + g.value
					}
					p.add("quad %d%s names %s node %d, which is not in the store", q.ID, where, d.name, id)
					continue
				}
				used[id]++
			}
		}
		for _, id := range slices.Sorted(maps.Keys(nodes)) {
			n := nodes[id]
			h := n.hash[:]
			if b := tx.Bucket([]byte{'v', h[0], h[1]}); b == nil {
				p.add("node %d (%s): its value index bucket is missing", id, n.value)
			} else if v := b.Get(h); v == nil {
				p.add("node %d (%s) is not found by its value", id, n.value)
			} else if got, _ := binary.Uvarint(v); got != id {
				p.add("node %d (%s): its value finds node %d", id, n.value, got)
			}
			var count uint64
			if b := tx.Bucket([]byte{'n', h[0], h[1]}); b != nil {
				if v := b.Get(h); v != nil {
					count, _ = binary.Uvarint(v)
				}
			}
			// A count above the quads using the node is the padding of
			// kvfix.go, not damage.
			if count < uint64(used[id]) {
				p.add("node %d (%s): reference count %d, but %d quads use it", id, n.value, count, used[id])
			}
		}
		return nil
	})
}
