package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Whole nodes on PostgreSQL in one statement. The entity page reads nodes
// whole (every quad of a node in one direction); through Cayley's SQL
// store that is a statement for the quads and one more for each value
// not in its cache. A NodeQuads reads the quads of many nodes with all
// four values joined in, as sqlscan.go reads the whole store, and a
// limit per node as QuadLookup has. It relies on Cayley's SQL schema as
// sqlscan.go does; TestNodeQuadsMatchesCayley compares it with Cayley's
// iterator.

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
// nodes ($1, an array of hashes), w the column of the other end.
func nodeQuadsQuery(f, w string, perNode int) string {
	sel := `SELECT q.` + f + `, ` + quadValueColumns()
	if perNode <= 0 {
		return sel + ` FROM quads q` + quadValueJoins + `
	WHERE q.` + f + ` = ANY($1::bytea[])`
	}
	return sel + `
	FROM unnest($1::bytea[]) AS k(h)
	CROSS JOIN LATERAL (SELECT q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
		FROM quads q WHERE q.` + f + ` = k.h
		ORDER BY q.predicate_hash, q.` + w + `, q.label_hash LIMIT ` + strconv.Itoa(perNode) + `) q` + quadValueJoins
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
		hash   []byte
		nodes4 quadNodes
	)
	dest := append([]any{&hash}, nodes4.dest()...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("read nodes: %w", s.explain(ctx, err))
		}
		var h refs.ValueHash
		if len(hash) != len(h) {
			return nil, fmt.Errorf("read nodes: a hash of %d bytes", len(hash))
		}
		copy(h[:], hash)
		n, ok := byHash[h]
		if !ok {
			return nil, fmt.Errorf("read nodes: a quad of a node not asked for")
		}
		q, err := nodes4.quad()
		if err != nil {
			return nil, fmt.Errorf("read nodes: %w", err)
		}
		out[n] = append(out[n], q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read nodes: %w", s.explain(ctx, err))
	}
	return out, nil
}
