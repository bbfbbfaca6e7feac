package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/lib/pq"
)

// Batched writes to PostgreSQL. Cayley's PostgreSQL writer
// (graph/sql/postgres.RunTx) sends one INSERT per node and one per quad,
// each a round trip to the server. runTxCopy, Cayley's RunTx hook of
// confgraph's PostgreSQL flavour (pg.go), writes the same rows inside
// the same transaction in a few statements: the nodes and the quads are
// streamed with COPY into temporary tables (dropped at the end of the
// transaction), then moved into Cayley's tables with one INSERT … SELECT
// each, with Cayley's own conflict rules: a node that exists gains the
// references (refs = nodes.refs + EXCLUDED.refs), a quad that exists is
// left alone when duplicates are ignored. Removals stay Cayley's (one
// DELETE per quad); a first load has none.

// copyMinRows is the smallest write that goes through COPY; smaller ones
// take Cayley's statements (a temporary table costs more than they do).
const copyMinRows = 64

func runTxCopy(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts graph.IgnoreOpts) error {
	if len(nodes)+len(quads) < copyMinRows {
		return postgres.RunTxPostgres(tx, nodes, quads, opts)
	}
	if err := copyNodes(tx, nodes); err != nil {
		return err
	}
	return copyQuads(tx, quads, opts)
}

// copyNodes adds the nodes (all with RefInc >= 0, as Cayley hands them).
func copyNodes(tx *sql.Tx, nodes []graphlog.NodeUpdate) error {
	if len(nodes) == 0 {
		return nil
	}
	if _, err := tx.Exec(`CREATE TEMPORARY TABLE confgraph_stage_nodes (LIKE nodes) ON COMMIT DROP`); err != nil {
		return fmt.Errorf("stage nodes: %w", err)
	}
	// One COPY per kind of value: each fills its own columns.
	byType := map[csql.ValueType][][]any{}
	var order []csql.ValueType
	for _, n := range nodes {
		if n.RefInc < 0 {
			return errors.New("a node update with a negative reference count among the additions")
		}
		t, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return err
		}
		if _, ok := byType[t]; !ok {
			order = append(order, t)
		}
		byType[t] = append(byType[t], append([]any{n.RefInc}, values...))
	}
	for _, t := range order {
		cols := append([]string{"refs", "hash"}, t.Columns()...)
		if err := copyRows(tx, "confgraph_stage_nodes", cols, byType[t]); err != nil {
			return fmt.Errorf("copy nodes: %w", err)
		}
		delete(byType, t)
	}
	_, err := tx.Exec(`INSERT INTO nodes SELECT * FROM confgraph_stage_nodes ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`)
	if err != nil {
		return fmt.Errorf("add nodes: %w", err)
	}
	return nil
}

// copyQuads adds the quads (additions only, as Cayley hands them).
func copyQuads(tx *sql.Tx, quads []graphlog.QuadUpdate, opts graph.IgnoreOpts) error {
	if len(quads) == 0 {
		return nil
	}
	if _, err := tx.Exec(`CREATE TEMPORARY TABLE confgraph_stage_quads (subject_hash BYTEA, predicate_hash BYTEA, object_hash BYTEA, label_hash BYTEA) ON COMMIT DROP`); err != nil {
		return fmt.Errorf("stage quads: %w", err)
	}
	rows := make([][]any, 0, len(quads))
	for _, q := range quads {
		if q.Del {
			return errors.New("a quad removal among the additions")
		}
		row := make([]any, 0, 4)
		for _, h := range q.Quad.Dirs() {
			row = append(row, csql.NodeHash{ValueHash: h}.SQLValue())
		}
		rows = append(rows, row)
	}
	if err := copyRows(tx, "confgraph_stage_quads", []string{"subject_hash", "predicate_hash", "object_hash", "label_hash"}, rows); err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	end := ""
	if opts.IgnoreDup {
		end = ` ON CONFLICT DO NOTHING`
	}
	_, err := tx.Exec(`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
		SELECT subject_hash, predicate_hash, object_hash, label_hash, now() FROM confgraph_stage_quads` + end)
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation, as Cayley reports it
		return &graph.DeltaError{Err: graph.ErrQuadExists}
	}
	if err != nil {
		return fmt.Errorf("add quads: %w", err)
	}
	return nil
}

// copyRows streams rows into table's columns cols with COPY.
func copyRows(tx *sql.Tx, table string, cols []string, rows [][]any) error {
	stmt, err := tx.Prepare(pq.CopyIn(table, cols...))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := stmt.Exec(r...); err != nil {
			stmt.Close()
			return err
		}
	}
	if _, err := stmt.Exec(); err != nil {
		stmt.Close()
		return err
	}
	return stmt.Close()
}
