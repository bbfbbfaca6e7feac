package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/lib/pq"
)

// A first load into an empty quads table (pgcopy.go stages its quads
// first) builds the table's secondary indexes and foreign keys after the
// rows are in, rather than keeping seven B-trees and four foreign-key
// checks up to date row by row, which is where the server's time went
// (6.3 of 7 s of server time at 100k quads). Inside the load's one
// transaction: lock both tables, check that quads is empty, read the
// definitions of quads' indexes (all but the primary key) and foreign keys
// from the catalog, drop them, insert the rows, and create them again
// from the same definitions. DDL is transactional in PostgreSQL: a
// failed, cancelled or killed load rolls the drops back with the rows,
// and the schema is Cayley's, as read, afterwards.
//
// The locks are taken with NOWAIT under a savepoint: if another session
// is reading or writing either table, or the unique indexes find a
// duplicate (Cayley's IgnoreDup keeps the first), the load rolls back to
// the savepoint and inserts row by row as before. While a bulk load
// runs, other sessions wait for both tables (ACCESS EXCLUSIVE) until it
// commits, where they would otherwise have read an empty store.

// bulkMinQuads is the smallest addition that takes the bulk path.
const bulkMinQuads = 1000

// pgSchemaItem is one index or constraint of the quads table: its name
// and the statement that creates it.
type pgSchemaItem struct {
	name   string
	drop   string
	create string
}

// quadsSchemaItems reads the secondary indexes and the foreign keys of
// the quads table in the current schema: foreign keys first (they are
// dropped first and created last).
func quadsSchemaItems(tx *sql.Tx) (fks, indexes []pgSchemaItem, err error) {
	rows, err := tx.Query(`SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
		WHERE conrelid = 'quads'::regclass AND contype = 'f' ORDER BY conname`)
	if err != nil {
		return nil, nil, fmt.Errorf("read the foreign keys of quads: %w", err)
	}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("read the foreign keys of quads: %w", err)
		}
		q := pq.QuoteIdentifier(name)
		fks = append(fks, pgSchemaItem{name: name,
			drop:   `ALTER TABLE quads DROP CONSTRAINT ` + q,
			create: `ALTER TABLE quads ADD CONSTRAINT ` + q + ` ` + def})
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read the foreign keys of quads: %w", err)
	}
	rows.Close()
	// Indexes that back a constraint (the primary key) stay.
	rows, err = tx.Query(`SELECT n.nspname, c.relname, pg_get_indexdef(i.indexrelid)
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE i.indrelid = 'quads'::regclass
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid)
		ORDER BY c.relname`)
	if err != nil {
		return nil, nil, fmt.Errorf("read the indexes of quads: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var schema, name, def string
		if err := rows.Scan(&schema, &name, &def); err != nil {
			return nil, nil, fmt.Errorf("read the indexes of quads: %w", err)
		}
		indexes = append(indexes, pgSchemaItem{name: name,
			drop:   `DROP INDEX ` + pq.QuoteIdentifier(schema) + `.` + pq.QuoteIdentifier(name),
			create: def})
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read the indexes of quads: %w", err)
	}
	return fks, indexes, nil
}

// bulkInsertQuads moves the staged quads (confgraph_stage_quads) into an
// empty quads table with its indexes and foreign keys built afterwards.
// It returns false, having changed nothing, when the table is not empty
// or the bulk path does not apply (see above); the caller then inserts
// the rows itself.
func bulkInsertQuads(tx *sql.Tx) (bool, error) {
	if _, err := tx.Exec(`SAVEPOINT confgraph_bulk`); err != nil {
		return false, fmt.Errorf("bulk load: %w", err)
	}
	done, err := bulkInsert(tx)
	if err == nil && done {
		if _, err := tx.Exec(`RELEASE SAVEPOINT confgraph_bulk`); err != nil {
			return false, fmt.Errorf("bulk load: %w", err)
		}
		return true, nil
	}
	var pe *pq.Error
	if err != nil && !(errors.As(err, &pe) && (pe.Code == "55P03" || pe.Code == "23505")) { // lock_not_available, unique_violation
		return false, err
	}
	if _, err := tx.Exec(`ROLLBACK TO SAVEPOINT confgraph_bulk`); err != nil {
		return false, fmt.Errorf("bulk load: %w", err)
	}
	if _, err := tx.Exec(`RELEASE SAVEPOINT confgraph_bulk`); err != nil {
		return false, fmt.Errorf("bulk load: %w", err)
	}
	return false, nil
}

func bulkInsert(tx *sql.Tx) (bool, error) {
	if some, err := lockQuads(tx); some || err != nil {
		return false, err
	}
	fks, indexes, err := dropQuadsSchema(tx)
	if err != nil {
		return false, err
	}
	if _, err := tx.Exec(insertStagedQuads); err != nil {
		return false, fmt.Errorf("add quads: %w", err)
	}
	if err := createQuadsSchema(tx, fks, indexes); err != nil {
		return false, err
	}
	return true, nil
}

// lockQuads locks the quads and nodes tables for the transaction, without
// waiting (an error with code 55P03 when another session holds a lock on
// either), and reports whether quads holds any row.
func lockQuads(tx *sql.Tx) (some bool, err error) {
	if _, err := tx.Exec(`LOCK TABLE quads, nodes IN ACCESS EXCLUSIVE MODE NOWAIT`); err != nil {
		return false, err
	}
	if err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM quads)`).Scan(&some); err != nil {
		return false, fmt.Errorf("bulk load: %w", err)
	}
	return some, nil
}

// dropQuadsSchema drops the secondary indexes and the foreign keys of the
// quads table and returns them, for createQuadsSchema.
func dropQuadsSchema(tx *sql.Tx) (fks, indexes []pgSchemaItem, err error) {
	fks, indexes, err = quadsSchemaItems(tx)
	if err != nil {
		return nil, nil, err
	}
	for _, it := range append(append([]pgSchemaItem{}, fks...), indexes...) {
		if _, err := tx.Exec(it.drop); err != nil {
			return nil, nil, fmt.Errorf("bulk load: drop %s: %w", it.name, err)
		}
	}
	return fks, indexes, nil
}

// createQuadsSchema creates the indexes, then the foreign keys, that
// dropQuadsSchema dropped. A duplicate quad fails it with the server's
// unique_violation (23505), unwrapped.
func createQuadsSchema(tx *sql.Tx, fks, indexes []pgSchemaItem) error {
	for _, it := range append(append([]pgSchemaItem{}, indexes...), fks...) {
		if _, err := tx.Exec(it.create); err != nil {
			var pe *pq.Error
			if errors.As(err, &pe) && pe.Code == "23505" {
				return err
			}
			return fmt.Errorf("bulk load: create %s: %w", it.name, err)
		}
	}
	return nil
}
