package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"

	"github.com/confgraph/confgraph/internal/rdf"
)

// This file reads a PostgreSQL store's quads with one streaming query that
// joins every quad to its node values, instead of Cayley's iterator (a
// query for the quads, then one query per value not in its cache). It
// relies on Cayley's SQL schema at github.com/cayleygraph/cayley
// v0.7.7-0.20240706181042-81dcd7d73e45 (graph/sql/database.go: tables
// quads(subject_hash, predicate_hash, object_hash, label_hash) and nodes(hash,
// value, value_string, datatype, language, iri, bnode, value_int,
// value_bool, value_float, value_time)) and decodes a node row as its
// QuadStore.NameOf does. TestSQLScanMatchesCayley compares both.

// nodeColumns are a node's value columns, in the order scanNode reads.
var nodeColumns = []string{"value", "value_string", "datatype", "language", "iri", "bnode", "value_int", "value_bool", "value_float", "value_time"}

// prefixed is cols, each with prefix (a table's alias), joined by commas.
func prefixed(prefix string, cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = prefix + c
	}
	return strings.Join(out, ", ")
}

// sqlScanQuery selects every quad with the values of its nodes, only
// those of one graph ($1) with label, or only those of the predicates
// $1 (an array of hashes) with preds.
func sqlScanQuery(label, preds bool) string {
	var cols []string
	for _, t := range []string{"s", "p", "o", "l"} {
		cols = append(cols, prefixed(t+".", nodeColumns))
	}
	q := `SELECT ` + strings.Join(cols, ", ") + ` FROM quads q
	JOIN nodes s ON s.hash = q.subject_hash
	JOIN nodes p ON p.hash = q.predicate_hash
	JOIN nodes o ON o.hash = q.object_hash
	LEFT JOIN nodes l ON l.hash = q.label_hash`
	switch {
	case label:
		q += ` WHERE q.label_hash = $1`
	case preds:
		q += ` WHERE q.predicate_hash = ANY($1::bytea[])`
	}
	return q
}

// sqlNode holds the scanned columns of one node.
type sqlNode struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
}

func (n *sqlNode) dest() []any {
	return []any{&n.data, &n.str, &n.typ, &n.lang, &n.iri, &n.bnode, &n.vint, &n.vbool, &n.vfloat, &n.vtime}
}

// value decodes the node as Cayley's SQL QuadStore.NameOf does; nil when
// the row has no node (the default graph of a LEFT JOIN).
func (n *sqlNode) value() (quad.Value, error) {
	unescape := func(s string) string { return strings.ReplaceAll(s, `\x00`, "\u0000") }
	switch {
	case n.str.Valid:
		switch {
		case n.iri.Bool:
			return quad.IRI(n.str.String), nil
		case n.bnode.Bool:
			return quad.BNode(n.str.String), nil
		case n.lang.Valid:
			return quad.LangString{Value: quad.String(unescape(n.str.String)), Lang: n.lang.String}, nil
		case n.typ.Valid:
			return quad.TypedString{Value: quad.String(unescape(n.str.String)), Type: quad.IRI(n.typ.String)}, nil
		}
		return quad.String(unescape(n.str.String)), nil
	case n.vint.Valid:
		return quad.Int(n.vint.Int64), nil
	case n.vbool.Valid:
		return quad.Bool(n.vbool.Bool), nil
	case n.vfloat.Valid:
		return quad.Float(n.vfloat.Float64), nil
	case n.vtime.Valid:
		return quad.Time(n.vtime.Time.UTC()), nil
	case n.data == nil:
		return nil, nil
	}
	v, err := pquads.UnmarshalValue(n.data)
	if err != nil {
		return nil, fmt.Errorf("unmarshal value: %w", err)
	}
	return v, nil
}

// eachSQL is Each on a PostgreSQL store: one query on a connection of
// its own (with the session parameters and application name of Cayley's,
// so that cancel finds it), rows streamed as the server sends them. The
// caller holds the read lock.
func (s *Store) eachSQL(ctx context.Context, g quad.Value, fn func(quad.Quad) error) error {
	var args []any
	if g != nil {
		args = append(args, csql.HashOf(g).SQLValue())
	}
	return s.scanSQL(ctx, sqlScanQuery(g != nil, false), args, fn)
}

// eachOfSQL is eachSQL for the quads of the predicates preds.
func (s *Store) eachOfSQL(ctx context.Context, preds []quad.IRI, fn func(quad.Quad) error) error {
	keys := make(pq.ByteaArray, len(preds))
	for i, p := range preds {
		h := refs.HashOf(p)
		keys[i] = h[:]
	}
	return s.scanSQL(ctx, sqlScanQuery(false, true), []any{keys}, fn)
}

// scanSQL calls fn for every quad that query (sqlScanQuery) selects with args.
func (s *Store) scanSQL(ctx context.Context, query string, args []any, fn func(quad.Quad) error) error {
	db, err := s.pg.pool(nil)
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read quads: %w", s.explain(ctx, err))
	}
	defer rows.Close()
	var nodes [4]sqlNode
	var dest []any
	for i := range nodes {
		dest = append(dest, nodes[i].dest()...)
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("read quads: %w", s.explain(ctx, err))
		}
		var vals [4]quad.Value
		for i := range nodes {
			v, err := nodes[i].value()
			if err != nil {
				return fmt.Errorf("read quads: %w", err)
			}
			vals[i] = v
		}
		q := quad.Quad{Subject: vals[0], Predicate: vals[1], Object: vals[2], Label: vals[3]}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			return fmt.Errorf("read quads: a quad names a node without value")
		}
		if err := fn(rdf.Canonical(q)); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read quads: %w", s.explain(ctx, err))
	}
	if ctx.Err() != nil {
		return &InterruptedError{Cause: context.Cause(ctx)}
	}
	return nil
}
