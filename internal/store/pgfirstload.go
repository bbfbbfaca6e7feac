package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"

	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// A first load into an empty PostgreSQL store streams: it does not gather
// every quad, diff them against the store, hand them to Cayley as one
// transaction and let Cayley split it into node and quad updates (which
// held each quad several times over: ~1.2 KB a quad, 11.3 GiB at 10M). It
// writes Cayley's rows itself, in one transaction of its own:
//
//  1. lock quads and nodes (ACCESS EXCLUSIVE, NOWAIT) and check that quads
//     is empty; if either fails, the transaction ends having changed
//     nothing and the load goes the other way (gathered, through Cayley's
//     writer), before a single part has been asked for;
//  2. ask for the graphs one at a time (loadGraphs, as the bolt first load
//     does) and send their quads, as their hashes, with a COPY into quads
//     per copyBatch quads (whole graphs), keeping only each distinct value
//     once with the number of quads that name it (Cayley's refs);
//  3. add the values to nodes (copyNodes, with Cayley's conflict rule);
//  4. commit.
//
// Once the load has more than bulkMinQuads quads, the secondary indexes
// and foreign keys of quads are dropped before the first COPY and created
// again after the last (pgbulk.go); a smaller load copies its nodes first
// and its quads into the table as it is. As everywhere on PostgreSQL, a failed,
// cancelled or killed load rolls back whole: the schema and the rows are
// as they were.

// pgFirstLoad is a load into an empty PostgreSQL store, streamed (above):
// the graphs labels, sorted, from byGraph (canonical, repeats allowed)
// and parts. It reports false, having asked for no part and changed
// nothing, when the store is not empty or its tables are in use; the
// caller then loads the other way.
func (s *Store) pgFirstLoad(ctx context.Context, labels []quad.Value, byGraph map[quad.Value][]quad.Quad, parts []Part) (Result, bool, error) {
	if len(labels) == 0 {
		return Result{}, false, nil
	}
	if ctx.Err() != nil {
		return Result{}, false, &InterruptedError{Cause: context.Cause(ctx)}
	}
	// Without a lock first: a reload asks this too, and takes no lock.
	some, err := s.pg.anyQuads(ctx)
	if err != nil {
		return Result{}, false, fmt.Errorf("load: %w", s.pg.explain(ctx, err))
	}
	if some {
		return Result{}, false, nil
	}
	patience := new(atomic.Int64)
	db, err := s.pg.pool(patience)
	if err != nil {
		return Result{}, false, fmt.Errorf("load: %w", err)
	}
	defer db.Close()
	stop := s.pg.cancelOnDone(ctx)
	defer stop()
	tx, err := db.Begin()
	if err != nil {
		return Result{}, false, fmt.Errorf("load: %w", s.pg.explain(ctx, err))
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
		}
	}()
	some, err = lockQuads(tx)
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "55P03" { // lock_not_available: another session uses the tables
		return Result{}, false, nil
	}
	if err != nil {
		return Result{}, false, fmt.Errorf("load: %w", s.pg.explain(ctx, err))
	}
	if some {
		return Result{}, false, nil
	}
	// The transaction waits, holding its locks, while reports are mapped:
	// longer than confgraph's minute of idle_in_transaction_session_timeout
	// for a report that is slow to map. (A vanished client is still
	// noticed by TCP keepalives; a stopped one holds the tables for up to
	// this bound.)
	if _, err := tx.Exec(`SET LOCAL idle_in_transaction_session_timeout = ` + fmt.Sprint(StatementTimeout.Milliseconds())); err != nil {
		return Result{}, false, fmt.Errorf("load: %w", s.pg.explain(ctx, err))
	}
	var res Result
	w := &pgStream{tx: tx, byHash: map[refs.ValueHash]int32{}, patience: patience}
	var dbErr error // an error of the server or the connection, not of a report
	send := func(g builtGraph) error {
		dbErr = w.add(g)
		return dbErr
	}
	err = loadGraphs(ctx, labels, byGraph, parts, false, &res, send)
	if err == nil {
		err = w.finish()
		dbErr = err
	}
	if err == nil {
		err = tx.Commit()
		dbErr = err
		committed = err == nil
	}
	if err != nil {
		if err == dbErr {
			if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation: loadGraphs gave a quad twice
				err = fmt.Errorf("a quad came twice: %w", err)
			}
			err = s.pg.explain(ctx, err)
		}
		return Result{}, true, writeError(res.Added, err)
	}
	res.Graphs = len(labels)
	return res, true, nil
}

// copyBatch is how many quads a streamed first load gathers (whole
// graphs) before it sends them with one COPY. Each COPY ends before the
// next graphs are mapped: the server answers every COPY within the
// client's AnswerTimeout, however long mapping the reports takes.
const copyBatch = 50_000

// pgStream is the write of a streamed first load: its graphs, sent in
// batches with COPY into quads (all held until the load is larger than
// bulkMinQuads), and the distinct values sent.
type pgStream struct {
	tx      *sql.Tx
	held    []builtGraph // graphs not yet sent
	heldN   int
	bulk    bool // the indexes and foreign keys of quads are dropped
	fks     []pgSchemaItem
	indexes []pgSchemaItem
	ts      string // Cayley stamps its quads with the transaction's time
	byHash  map[refs.ValueHash]int32
	nodes   []graphlog.NodeUpdate
	row     [5]any
	// patience is how much longer than AnswerTimeout the transaction's
	// connection waits for the server: raised for the statements at the
	// end, which take as long as the load is large (each index build of a
	// 10M load took 24–29 s) and which statement_timeout bounds.
	patience *atomic.Int64
}

// finishHook, when set (by tests), runs on the load's transaction before
// its last statements (the values and the indexes): once before their
// patience is raised (patient false), once after.
var finishHook func(patient bool, tx *sql.Tx) error

// add takes one graph.
func (w *pgStream) add(g builtGraph) error {
	w.held = append(w.held, g)
	w.heldN += len(g.quads)
	if !w.bulk {
		if w.heldN < bulkMinQuads {
			return nil
		}
		var err error
		if w.fks, w.indexes, err = dropQuadsSchema(w.tx); err != nil {
			return err
		}
		w.bulk = true
	}
	if w.heldN < copyBatch {
		return nil
	}
	return w.send(true)
}

// send writes the quads of the graphs held with one COPY; with count, it
// counts their values too.
func (w *pgStream) send(count bool) error {
	if w.heldN == 0 {
		w.held = nil
		return nil
	}
	if w.ts == "" {
		if err := w.tx.QueryRow(`SELECT now()::timestamp::text`).Scan(&w.ts); err != nil {
			return fmt.Errorf("read the time: %w", err)
		}
	}
	stmt, err := w.tx.Prepare(pq.CopyIn("quads", "subject_hash", "predicate_hash", "object_hash", "label_hash", "ts"))
	if err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	defer stmt.Close()
	w.row[4] = w.ts
	for i, g := range w.held {
		local := make(map[quad.Value]refs.ValueHash, len(g.quads))
		hash := func(v quad.Value) any {
			if v == nil {
				return nil
			}
			h, ok := local[v]
			if !ok {
				h = refs.HashOf(v)
				local[v] = h
			}
			if count {
				w.count(h, v)
			}
			return csql.NodeHash{ValueHash: h}.SQLValue()
		}
		for _, q := range g.quads {
			w.row[0], w.row[1], w.row[2], w.row[3] = hash(q.Subject), hash(q.Predicate), hash(q.Object), hash(q.Label)
			if _, err := stmt.Exec(w.row[:]...); err != nil {
				return fmt.Errorf("copy quads: %w", err)
			}
		}
		w.held[i] = builtGraph{}
	}
	w.held, w.heldN = nil, 0
	if _, err := stmt.Exec(); err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	if err := stmt.Close(); err != nil {
		return fmt.Errorf("copy quads: %w", err)
	}
	return nil
}

// count adds one quad naming the value v, of hash h.
func (w *pgStream) count(h refs.ValueHash, v quad.Value) {
	i, ok := w.byHash[h]
	if !ok {
		i = int32(len(w.nodes))
		w.byHash[h] = i
		w.nodes = append(w.nodes, graphlog.NodeUpdate{Hash: h, Val: v})
	}
	w.nodes[i].RefInc++
}

// finish sends what is held and writes the values; a small load writes
// its values, then its quads (the foreign keys of quads are in place).
func (w *pgStream) finish() error {
	if !w.bulk {
		for _, g := range w.held {
			for _, q := range g.quads {
				for _, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
					if v != nil {
						w.count(refs.HashOf(v), v)
					}
				}
			}
		}
		nodes := w.nodes
		w.byHash, w.nodes = nil, nil
		if err := copyNodes(w.tx, nodes); err != nil {
			return err
		}
		return w.send(false)
	}
	if err := w.send(true); err != nil {
		return err
	}
	hook := func(patient bool) error {
		if finishHook == nil {
			return nil
		}
		return finishHook(patient, w.tx)
	}
	if err := hook(false); err != nil {
		return err
	}
	w.patience.Store(int64(StatementTimeout))
	defer w.patience.Store(0)
	if err := hook(true); err != nil {
		return err
	}
	nodes := w.nodes
	w.byHash, w.nodes = nil, nil
	if err := copyNodes(w.tx, nodes); err != nil {
		return err
	}
	return createQuadsSchema(w.tx, w.fks, w.indexes)
}
