package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strings"
)

// This file is the read-only opening of a SQL store and PostgreSQL's read
// replicas. A PostgreSQL server in recovery (a hot standby following a
// primary by streaming replication, pg_is_in_recovery()) is read-only: a
// store opened on it is read-only whatever the command asked for, and every
// write is refused with a *ReplicaError before anything is sent. A store
// opened for reading (OpenReadOnly) creates no tables and runs its sessions
// with default_transaction_read_only, so the server itself refuses any
// write.

// ReplicaError reports a write to a store on a read replica.
type ReplicaError struct {
	Server string // product name, "PostgreSQL"
	Where  string // the address, without password
}

func (e *ReplicaError) Error() string { return e.Message("the path") }

// Message returns the error's text with setting as the name of the path
// setting.
func (e *ReplicaError) Message(setting string) string {
	return fmt.Sprintf("the %s server at %s is a read replica (a hot standby, in recovery) and takes no writes: load into the primary (name it in %s), which the replica follows by streaming replication; nothing was changed",
		e.Server, e.Where, setting)
}

// ReadOnly reports whether the store refuses writes: it was opened for
// reading, or it is on a read replica (Replica).
func (s *Store) ReadOnly() bool { return s.readOnly }

// Replica reports whether the store is on a read replica.
func (s *Store) Replica() bool { return s.replica }

// WriteRefusal is the error every write to the store gets when it is
// read-only (a *ReplicaError on a read replica, else a *ReadOnlyError),
// nil when it takes writes.
func (s *Store) WriteRefusal() error {
	if !s.readOnly {
		return nil
	}
	return s.readOnlyError()
}

// readOnlyError is the error of a write to a read-only store.
func (s *Store) readOnlyError() error {
	if s.replica {
		return &ReplicaError{Server: "PostgreSQL", Where: DescribeDSN(s.path)}
	}
	if s.backend.sql != nil {
		return &ReadOnlyError{Path: DescribeDSN(s.path)}
	}
	return &ReadOnlyError{Path: s.path}
}

// pgDB is the session's own connection pool, nil without a session.
func pgDB(pg *pgSession) *sql.DB {
	if pg == nil {
		return nil
	}
	return pg.db
}

// inRecovery reports whether the server of db is a hot standby.
func inRecovery(ctx context.Context, db *sql.DB) (bool, error) {
	var r bool
	if err := db.QueryRowContext(ctx, `SELECT pg_is_in_recovery()`).Scan(&r); err != nil {
		return false, fmt.Errorf("ask the server whether it is a replica: %w", err)
	}
	return r, nil
}

// requireTables checks, without creating anything, that the database at
// path (db, or a connection of f's own when db is nil) holds both of
// Cayley's tables: the check of a reading open.
func requireTables(ctx context.Context, f sqlFlavor, path string, db *sql.DB) error {
	if db == nil {
		c, err := f.connect(ctx, path)
		if err != nil {
			return err
		}
		defer c.Close()
		db = c
	}
	n, err := schemaTables(ctx, db)
	if err != nil {
		return fmt.Errorf("look for tables nodes and quads: %w", err)
	}
	where := "the database at " + DescribeDSN(path)
	switch n {
	case 0:
		return &NotStoreError{Path: where, Reason: "it has no tables nodes and quads, no store yet (create one with 'confgraph init' or 'confgraph load', on the primary if this is a replica)"}
	case 1:
		return fmt.Errorf("%s has only one of the tables nodes and quads: drop it (DROP TABLE IF EXISTS quads, nodes;) or use another database", where)
	}
	return nil
}

// readOnlySession is the session parameter that makes the server refuse
// every write of a session opened for reading (with readOnlyConnector).
var readOnlySession = [][2]string{{"default_transaction_read_only", "on"}}

// readOnlyDSN reports whether dsn sets default_transaction_read_only=on.
func readOnlyDSN(dsn string) bool {
	if isURL(dsn) {
		u, err := url.Parse(dsn)
		return err == nil && u.Query().Get("default_transaction_read_only") == "on"
	}
	on := false
	for _, f := range strings.Fields(dsn) { // the last value of a key counts
		if v, ok := strings.CutPrefix(f, "default_transaction_read_only="); ok {
			on = strings.Trim(v, "'") == "on"
		}
	}
	return on
}

// readOnlyConnector makes every transaction of its connections read-only.
// default_transaction_read_only alone does not: lib/pq begins each
// transaction with BEGIN READ WRITE unless asked for a read-only one.
type readOnlyConnector struct{ driver.Connector }

func (c readOnlyConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := conn.(pqConn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("read-only session: the driver's connection %T lacks BeginTx", conn)
	}
	return readOnlyConn{pc}, nil
}

// pqConn is what database/sql uses of a lib/pq connection.
type pqConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

type readOnlyConn struct{ pqConn }

func (c readOnlyConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	opts.ReadOnly = true
	return c.pqConn.BeginTx(ctx, opts)
}

func (c readOnlyConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}
