package store

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/confgraph/confgraph/internal/rdf"
)

// valueCache is a session's values by hash (valuesOf).
type valueCache struct {
	mu sync.Mutex
	m  map[refs.ValueHash]quad.Value
}

// Whole nodes on PostgreSQL in one statement. The entity page reads nodes
// whole (every quad of a node in one direction); through Cayley's SQL
// store that is a statement for the quads and one more for each value
// not in its cache (1,024 values). A NodeQuads reads the quads of many
// nodes in one statement, with a limit per node as QuadLookup has, and
// their values from the session's cache of values by hash, the values it
// lacks in one more statement. (Joining the values in, as sqlscan.go
// does, cost the server four index look-ups a quad: a post that 202
// reports name has 1,510 quads and a dozen distinct values.) It relies
// on Cayley's SQL schema as sqlscan.go does; TestNodeQuadsMatchesCayley
// compares it with Cayley's iterator.

// NodeQuads returns the quads with one of nodes in direction from, with
// their values (canonical, rdf.Canonical), by node, in no particular
// order: with perNode > 0 at most perNode of each node, the first in
// QuadLookup's order (predicate, the node at the other end, graph, by
// hash).
type NodeQuads func(ctx context.Context, from quad.Direction, nodes []quad.Value, perNode int) (map[quad.Value][]quad.Quad, error)

// NodeQuads returns the store's NodeQuads, or nil when the store answers
// Cayley's own scans without a round trip to a server (bolt, memstore).
func (s *Store) NodeQuads() NodeQuads {
	if s.pg == nil {
		return nil
	}
	return s.nodeQuadsSQL
}

// nodeQuadsQuery is the statement of a NodeQuads: f the column of the
// nodes ($1, an array of hashes), w the column of the other end. It
// selects the quads' hashes only: values come from the session's value
// cache (valuesOf), as most of them repeat (a post's name in every
// report, the predicates, the graphs).
func nodeQuadsQuery(f, w string, perNode int) string {
	sel := `SELECT q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`
	if perNode <= 0 {
		return sel + ` FROM quads q WHERE q.` + f + ` = ANY($1::bytea[])`
	}
	return sel + `
	FROM unnest($1::bytea[]) AS k(h)
	CROSS JOIN LATERAL (SELECT q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
		FROM quads q WHERE q.` + f + ` = k.h
		ORDER BY q.predicate_hash, q.` + w + `, q.label_hash LIMIT ` + strconv.Itoa(perNode) + `) q`
}

// valuesQuery selects the values of the nodes $1 (an array of hashes).
func valuesQuery() string {
	return `SELECT n.hash, ` + prefixed("n.", nodeColumns) + ` FROM nodes n WHERE n.hash = ANY($1::bytea[])`
}

func (s *Store) nodeQuadsSQL(ctx context.Context, from quad.Direction, nodes []quad.Value, perNode int) (map[quad.Value][]quad.Quad, error) {
	out := map[quad.Value][]quad.Quad{}
	if len(nodes) == 0 {
		return out, nil
	}
	with := quad.Object
	if from == quad.Object {
		with = quad.Subject
	}
	keys := make(pq.ByteaArray, 0, len(nodes))
	byHash := make(map[refs.ValueHash]quad.Value, len(nodes))
	for _, n := range nodes {
		h := refs.HashOf(n)
		if _, ok := byHash[h]; !ok { // a node given twice is found once
			byHash[h] = n
			keys = append(keys, h[:])
		}
	}
	stmt, err := s.pg.lookupStmt(ctx, lookupKey{from: from, with: with, perNode: max(perNode, 0), whole: true})
	if err != nil {
		return nil, fmt.Errorf("read nodes: %w", s.explain(ctx, err))
	}
	rows, err := stmt.QueryContext(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("read nodes: %w", s.explain(ctx, err))
	}
	defer rows.Close()
	var (
		found  []refs.QuadHash
		hashes [4][]byte
	)
	dirs := []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	for rows.Next() {
		if err := rows.Scan(&hashes[0], &hashes[1], &hashes[2], &hashes[3]); err != nil {
			return nil, fmt.Errorf("read nodes: %w", s.explain(ctx, err))
		}
		qh, err := quadHash(hashes)
		if err != nil {
			return nil, fmt.Errorf("read nodes: %w", err)
		}
		found = append(found, qh)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read nodes: %w", s.explain(ctx, err))
	}
	rows.Close()
	var want []refs.ValueHash
	for _, qh := range found {
		for _, d := range dirs {
			if h := qh.Get(d); h.Valid() {
				want = append(want, h)
			}
		}
	}
	vals, err := s.valuesOf(ctx, want)
	if err != nil {
		return nil, err
	}
	for _, qh := range found {
		n, ok := byHash[qh.Get(from)]
		if !ok {
			return nil, fmt.Errorf("read nodes: a quad of a node not asked for")
		}
		q := quad.Quad{Subject: vals[qh.Subject], Predicate: vals[qh.Predicate], Object: vals[qh.Object]}
		if qh.Label.Valid() {
			q.Label = vals[qh.Label]
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil || qh.Label.Valid() && q.Label == nil {
			return nil, fmt.Errorf("read nodes: a quad names a node without value")
		}
		out[n] = append(out[n], rdf.Canonical(q))
	}
	return out, nil
}

// maxValueCache bounds the values a session keeps (past it the cache is
// emptied). A hash names one value for ever, so what the cache holds is
// never stale, whoever writes the database.
const maxValueCache = 1 << 18

// valuesOf returns the values of hashes, from the session's cache or,
// for those it lacks, from one statement.
func (s *Store) valuesOf(ctx context.Context, hashes []refs.ValueHash) (map[refs.ValueHash]quad.Value, error) {
	out := make(map[refs.ValueHash]quad.Value, len(hashes))
	var miss pq.ByteaArray
	c := &s.pg.vals
	c.mu.Lock()
	for _, h := range hashes {
		if _, ok := out[h]; ok {
			continue
		}
		if v, ok := c.m[h]; ok {
			out[h] = v
			continue
		}
		out[h] = nil
		miss = append(miss, h[:])
	}
	c.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	stmt, err := s.pg.lookupStmt(ctx, lookupKey{values: true})
	if err != nil {
		return nil, fmt.Errorf("read values: %w", s.explain(ctx, err))
	}
	rows, err := stmt.QueryContext(ctx, miss)
	if err != nil {
		return nil, fmt.Errorf("read values: %w", s.explain(ctx, err))
	}
	defer rows.Close()
	var (
		hash []byte
		n    sqlNode
	)
	dest := append([]any{&hash}, n.dest()...)
	got := map[refs.ValueHash]quad.Value{}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("read values: %w", s.explain(ctx, err))
		}
		var h refs.ValueHash
		if len(hash) != len(h) {
			return nil, fmt.Errorf("read values: a hash of %d bytes", len(hash))
		}
		copy(h[:], hash)
		v, err := n.value()
		if err != nil {
			return nil, fmt.Errorf("read values: %w", err)
		}
		got[h] = v
		out[h] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read values: %w", s.explain(ctx, err))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m)+len(got) > maxValueCache || c.m == nil {
		c.m = make(map[refs.ValueHash]quad.Value, len(got))
	}
	for h, v := range got {
		c.m[h] = v
	}
	return out, nil
}
