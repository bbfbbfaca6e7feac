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
	// One COPY per kind of value: each fills its own columns. The rows
	// are built as they are sent, one pass over the nodes per kind.
	kinds := make([]csql.ValueType, len(nodes))
	var order []csql.ValueType
	seen := map[csql.ValueType]bool{}
	for i, n := range nodes {
		if n.RefInc < 0 {
			return errors.New("a node update with a negative reference count among the additions")
		}
		t, _, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return err
		}
		kinds[i] = t
		if !seen[t] {
			seen[t] = true
			order = append(order, t)
		}
	}
	for _, t := range order {
		var idx []int32
		for i, k := range kinds {
			if k == t {
				idx = append(idx, int32(i))
			}
		}
		cols := append([]string{"refs", "hash"}, t.Columns()...)
		row := make([]any, 0, len(cols))
		var verr error
		err := copyRows(tx, "confgraph_stage_nodes", cols, len(idx), func(i int) []any {
			n := nodes[idx[i]]
			_, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
			if err != nil && verr == nil {
				verr = err
			}
			return append(append(row[:0], n.RefInc), values...)
		})
		if verr != nil {
			return verr
		}
		if err != nil {
			return fmt.Errorf("copy nodes: %w", err)
		}
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
	for _, q := range quads {
		if q.Del {
			return errors.New("a quad removal among the additions")
		}
	}
	if _, err := tx.Exec(`CREATE TEMPORARY TABLE confgraph_stage_quads (subject_hash BYTEA, predicate_hash BYTEA, object_hash BYTEA, label_hash BYTEA) ON COMMIT DROP`); err != nil {
		return fmt.Errorf("stage quads: %w", err)
	}
	row := make([]any, 4)
	err := copyRows(tx, "confgraph_stage_quads", []string{"subject_hash", "predicate_hash", "object_hash", "label_hash"}, len(quads), func(i int) []any {
		for d, h := range quads[i].Quad.Dirs() {
			row[d] = csql.NodeHash{ValueHash: h}.SQLValue()
		}
		return row
	})
	if err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	if len(quads) >= bulkMinQuads {
		done, err := bulkInsertQuads(tx)
		if done || err != nil {
			return err
		}
	}
	end := ""
	if opts.IgnoreDup {
		end = ` ON CONFLICT DO NOTHING`
	}
	_, err = tx.Exec(insertStagedQuads + end)
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation, as Cayley reports it
		return &graph.DeltaError{Err: graph.ErrQuadExists}
	}
	if err != nil {
		return fmt.Errorf("add quads: %w", err)
	}
	return nil
}

// insertStagedQuads moves the staged quads into Cayley's table, stamped
// as Cayley's own INSERT stamps them.
const insertStagedQuads = `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
		SELECT subject_hash, predicate_hash, object_hash, label_hash, now() FROM confgraph_stage_quads`

// copyRows streams n rows into table's columns cols with COPY; row(i)
// returns the i-th row (its slice may be reused for the next one), so no
// copy of all rows is held.
func copyRows(tx *sql.Tx, table string, cols []string, n int, row func(i int) []any) error {
	stmt, err := tx.Prepare(pq.CopyIn(table, cols...))
	if err != nil {
		return err
	}
	for i := range n {
		if _, err := stmt.Exec(row(i)...); err != nil {
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
