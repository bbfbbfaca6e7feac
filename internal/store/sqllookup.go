package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Point look-ups on PostgreSQL in one statement each. A query's look-up
// (a node's values of a predicate) through Cayley's SQL store is one
// statement for the quads and then one more for every value not in
// Cayley's value cache (1,024 entries): at 1M facts, post-holders spent
// ~5,900 statements a run, a third of them single values. A QuadLookup
// reads the quads of nodes (of one predicate, or all of them) with the
// value of the node at their other end joined in: one statement for many
// nodes, which the query layer's reader keeps for the rest of the query
// (it asks for the nodes a look-up found together, e.g. every holding of
// a post, in one statement).
//
// It relies on Cayley's SQL schema, as sqlscan.go does (the same tables,
// columns and value decoding); TestSQLLookupMatchesCayley compares it
// with Cayley's iterator and NameOf.

// LookedUpQuad is one quad a QuadLookup found, and the value of its node
// in the direction asked for (nil when the store holds none).
type LookedUpQuad struct {
	Quad  refs.QuadHash
	Value quad.Value
}

// QuadLookup returns the quads with one of nodes in direction from and,
// unless pred is the zero hash, predicate pred, each with the value of
// its node in direction with; ordered by the node in direction from
// (its hash's bytes), then predicate, then the node in direction with,
// then graph. With perNode > 0 it returns at most the first perNode
// quads of each node in that order.
type QuadLookup func(ctx context.Context, from quad.Direction, nodes []refs.ValueHash, pred refs.ValueHash, with quad.Direction, perNode int) ([]LookedUpQuad, error)

// Lookup returns the store's QuadLookup, or nil when the store answers
// Cayley's own scans without a round trip to a server (bolt, memstore).
func (s *Store) Lookup() QuadLookup {
	if s.pg == nil {
		return nil
	}
	return s.lookupSQL
}

// lookupSQL is the QuadLookup of a PostgreSQL store.
func (s *Store) lookupSQL(ctx context.Context, from quad.Direction, nodes []refs.ValueHash, pred refs.ValueHash, with quad.Direction, perNode int) ([]LookedUpQuad, error) {
	if len(nodes) == 0 {
		return nil, nil
	}
	keys := make(pq.ByteaArray, 0, len(nodes))
	seen := make(map[refs.ValueHash]bool, len(nodes))
	for _, h := range nodes {
		if !seen[h] { // a node given twice is found once
			seen[h] = true
			keys = append(keys, h[:])
		}
	}
	args := []any{keys}
	if pred.Valid() {
		args = append(args, pred[:])
	}
	if perNode < 0 {
		perNode = 0
	}
	stmt, err := s.pg.lookupStmt(ctx, lookupKey{from: from, with: with, pred: pred.Valid(), perNode: perNode})
	if err != nil {
		return nil, fmt.Errorf("look up quads: %w", s.explain(ctx, err))
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("look up quads: %w", s.explain(ctx, err))
	}
	defer rows.Close()
	var (
		out    []LookedUpQuad
		hashes [4][]byte
		n      sqlNode
	)
	dest := append([]any{&hashes[0], &hashes[1], &hashes[2], &hashes[3]}, n.dest()...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("look up quads: %w", s.explain(ctx, err))
		}
		var lq LookedUpQuad
		if lq.Quad, err = quadHash(hashes); err != nil {
			return nil, fmt.Errorf("look up quads: %w", err)
		}
		if lq.Value, err = n.value(); err != nil {
			return nil, fmt.Errorf("look up quads: %w", err)
		}
		out = append(out, lq)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up quads: %w", s.explain(ctx, err))
	}
	return out, nil
}

// quadHash is the quad of the scanned hashes of its subject, predicate,
// object and graph (nil: the default graph).
func quadHash(hashes [4][]byte) (refs.QuadHash, error) {
	var qh refs.QuadHash
	for i, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		if hashes[i] == nil {
			continue // the default graph
		}
		var h refs.ValueHash
		if len(hashes[i]) != len(h) {
			return qh, fmt.Errorf("a %s hash of %d bytes", d, len(hashes[i]))
		}
		copy(h[:], hashes[i])
		qh.Set(d, h)
	}
	return qh, nil
}

// lookupKey names the statement of a QuadLookup: its directions, whether
// it gives a predicate, its limit per node.
type lookupKey struct {
	from, with quad.Direction
	pred       bool
	perNode    int
	whole      bool // every quad's hashes (NodeQuads), no value
	values     bool // the values of nodes (valuesOf)
}

// lookupQuery is the statement of a QuadLookup: $1 the nodes (an array
// of hashes), $2 the predicate. Without a limit per node, one index scan
// per node (= ANY); with one, each node's first quads in a LATERAL
// subquery.
func lookupQuery(k lookupKey) (string, error) {
	if k.values {
		return valuesQuery(), nil
	}
	col := func(d quad.Direction) (string, error) {
		switch d {
		case quad.Subject, quad.Predicate, quad.Object, quad.Label:
			return d.String() + "_hash", nil
		}
		return "", fmt.Errorf("look up quads: no direction %v", d)
	}
	f, err := col(k.from)
	if err != nil {
		return "", err
	}
	w, err := col(k.with)
	if err != nil {
		return "", err
	}
	if k.whole {
		return nodeQuadsQuery(f, w, k.perNode), nil
	}
	sel := `SELECT q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash, ` + prefixed("n.", nodeColumns)
	pred := ""
	if k.pred {
		pred = ` AND q.predicate_hash = $2`
	}
	order := `q.predicate_hash, q.` + w + `, q.label_hash`
	if k.perNode == 0 {
		return sel + `
	FROM quads q LEFT JOIN nodes n ON n.hash = q.` + w + `
	WHERE q.` + f + ` = ANY($1::bytea[])` + pred + `
	ORDER BY q.` + f + `, ` + order, nil
	}
	return sel + `
	FROM unnest($1::bytea[]) AS k(h)
	CROSS JOIN LATERAL (SELECT q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
		FROM quads q WHERE q.` + f + ` = k.h` + pred + `
		ORDER BY ` + order + ` LIMIT ` + strconv.Itoa(k.perNode) + `) q
	LEFT JOIN nodes n ON n.hash = q.` + w + `
	ORDER BY q.` + f + `, ` + order, nil
}

// lookupStmt returns the session's prepared statement k for look-ups, on
// a pool of its own opened on first use (with the session parameters and
// application name of Cayley's sessions, so that cancel stops its
// statements too) and closed with the session. A prepared statement
// takes one round trip to the server a look-up (lib/pq sends a statement
// with arguments that is not prepared in two: parse, then bind and run).
//
// It has a mutex of its own (lookMu), not the session's, which a writer
// holds while it waits for the writer lock: look-ups go on meanwhile.
func (s *pgSession) lookupStmt(ctx context.Context, k lookupKey) (*sql.Stmt, error) {
	s.lookMu.Lock()
	defer s.lookMu.Unlock()
	if s.lookClosed {
		return nil, errors.New("the store is closed")
	}
	if st, ok := s.lookStmts[k]; ok {
		return st, nil
	}
	q, err := lookupQuery(k)
	if err != nil {
		return nil, err
	}
	if s.look == nil {
		db, err := s.pool(nil)
		if err != nil {
			return nil, err
		}
		db.SetMaxIdleConns(4)
		s.look, s.lookStmts = db, map[lookupKey]*sql.Stmt{}
	}
	st, err := s.look.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.lookStmts[k] = st
	return st, nil
}

// closeLookups closes the pool of look-ups; later look-ups fail.
func (s *pgSession) closeLookups() {
	s.lookMu.Lock()
	defer s.lookMu.Unlock()
	s.lookClosed = true
	if s.look == nil {
		return
	}
	for _, st := range s.lookStmts {
		st.Close()
	}
	s.look.Close()
	s.look, s.lookStmts = nil, nil
}
