package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// bigGraph is a graph of n quads, each with a node of its own, so that a
// load of it takes a while on PostgreSQL (one INSERT per node and quad).
func bigGraph(name string, n int, version string) []quad.Quad {
	g := quad.IRI("https://confgraph.example/id/graph/" + name)
	qs := make([]quad.Quad, 0, n)
	for i := 0; i < n; i++ {
		qs = append(qs, quad.Quad{
			Subject:   quad.IRI(fmt.Sprintf("https://confgraph.example/id/s%d", i)),
			Predicate: quad.IRI("https://confgraph.example/id/p"),
			Object:    quad.String(fmt.Sprintf("%s value %d", version, i)),
			Label:     g,
		})
	}
	return qs
}

// setAnswerTimeout sets store.AnswerTimeout to d until the test ends.
func setAnswerTimeout(t *testing.T, d time.Duration) {
	old := store.AnswerTimeout
	store.AnswerTimeout = d
	t.Cleanup(func() { store.AnswerTimeout = old })
}

// tableCounts returns the rows of quads and nodes and the sum of the
// nodes' reference counts.
func tableCounts(t *testing.T, db *sql.DB) (quads, nodes, refs int) {
	t.Helper()
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM quads), (SELECT count(*) FROM nodes), (SELECT coalesce(sum(refs), 0) FROM nodes)`).Scan(&quads, &nodes, &refs); err != nil {
		t.Fatal(err)
	}
	return
}

// waitForBackend waits until a session of a confgraph store on db runs a
// statement that starts with prefix, and returns its pid.
func waitForBackend(t *testing.T, db *sql.DB, prefix string, within time.Duration) int {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		var pid int
		err := db.QueryRow(`SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'confgraph %' AND state = 'active' AND query LIKE $1 LIMIT 1`, prefix+"%").Scan(&pid)
		if err == nil {
			return pid
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no confgraph session ran %s… within %s", prefix, within)
	return 0
}

// TestPostgresTableLocked: a table lock another session holds makes export
// and load fail after lock_timeout with a message naming the lock and its
// holder, and the load changes nothing.
func TestPostgresTableLocked(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	s := open(t, "postgres", dsn)
	qs := storetest.RoundTripQuads()
	storetest.Load(t, s, qs)
	before := storetest.Export(t, s, nil)

	db := storetest.OpenDB(t, dsn)
	ctx := context.Background()
	locker, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	if _, err := locker.ExecContext(ctx, `BEGIN; LOCK TABLE quads IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	var pid int
	locker.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid)

	check := func(what string, err error, took time.Duration) {
		t.Helper()
		t.Logf("%s failed after %s: %v", what, took.Round(time.Millisecond), err)
		var le *store.LockedError
		if !errors.As(err, &le) {
			t.Fatalf("%s: %T %v, want a store.LockedError", what, err, err)
		}
		if took < store.LockTimeout-time.Second || took > store.LockTimeout+5*time.Second {
			t.Errorf("%s failed after %s, want about lock_timeout (%s)", what, took, store.LockTimeout)
		}
		for _, w := range []string{"lock_timeout", "table quads", "AccessExclusiveLock", fmt.Sprintf("pg_terminate_backend(%d)", pid), "nothing was changed"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not mention %q", what, err, w)
			}
		}
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		start := time.Now()
		err := s.Each(ctx, nil, func(quad.Quad) error { return nil })
		check("export", err, time.Since(start))
	}()
	go func() {
		defer wg.Done()
		s2 := open(t, "postgres", dsn)
		start := time.Now()
		_, err := s2.Replace(ctx, bigGraph("locked", 10, "v1"))
		check("load", err, time.Since(start))
	}()
	wg.Wait()
	if _, err := locker.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	storetest.SameBytes(t, "export after the lock", storetest.Export(t, s, nil), before)
}

// TestPostgresBackendKilled: a session ended by the server in the middle
// of a load (pg_terminate_backend) fails the load at once, with a message
// that says so, and leaves the store as it was.
func TestPostgresBackendKilled(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	s := open(t, "postgres", dsn)
	storetest.Load(t, s, storetest.RoundTripQuads())
	before := storetest.Export(t, s, nil)
	db := storetest.OpenDB(t, dsn)
	q0, n0, r0 := tableCounts(t, db)

	done := make(chan error, 1)
	var killed time.Time
	go func() {
		_, err := s.Replace(context.Background(), bigGraph("big", 30000, "v1"))
		done <- err
	}()
	pid := waitForBackend(t, db, "INSERT", 60*time.Second)
	killed = time.Now()
	if _, err := db.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the load still runs 30s after its session was terminated")
	}
	took := time.Since(killed)
	t.Logf("load failed %s after pg_terminate_backend: %v", took.Round(time.Millisecond), err)
	var ce *store.ConnectionLostError
	if !errors.As(err, &ce) {
		t.Fatalf("load: %T %v, want a store.ConnectionLostError", err, err)
	}
	for _, w := range []string{"lost the connection to the PostgreSQL server", "terminat", "run the command again"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q does not mention %q", err, w)
		}
	}
	if took > 5*time.Second {
		t.Errorf("the load failed %s after its session was terminated, want at most a few seconds", took)
	}
	if q, n, r := tableCounts(t, db); q != q0 || n != n0 || r != r0 {
		t.Errorf("tables after the failed load: %d quads, %d nodes, %d refs; before %d, %d, %d", q, n, r, q0, n0, r0)
	}
	storetest.SameBytes(t, "export after the failed load", storetest.Export(t, open(t, "postgres", dsn), nil), before)
}

// TestPostgresCancelledLoad: the end of the load's context cancels its
// statements on the server; the transaction rolls back.
func TestPostgresCancelledLoad(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	s := open(t, "postgres", dsn)
	storetest.Load(t, s, storetest.RoundTripQuads())
	db := storetest.OpenDB(t, dsn)
	q0, n0, r0 := tableCounts(t, db)
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.Replace(ctx, bigGraph("big", 30000, "v1"))
		done <- err
	}()
	waitForBackend(t, db, "INSERT", 60*time.Second)
	why := errors.New("interrupted by a test")
	start := time.Now()
	cancel(why)
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the load still runs 30s after its context ended")
	}
	t.Logf("load stopped %s after the cancel: %v", time.Since(start).Round(time.Millisecond), err)
	var ie *store.InterruptedError
	if !errors.As(err, &ie) || !errors.Is(err, why) || !strings.Contains(err.Error(), "rolled back") {
		t.Fatalf("load: %T %v, want a store.InterruptedError with the cause", err, err)
	}
	if q, n, r := tableCounts(t, db); q != q0 || n != n0 || r != r0 {
		t.Errorf("tables after the cancelled load: %d quads, %d nodes, %d refs; before %d, %d, %d", q, n, r, q0, n0, r0)
	}
}

// concurrently runs each function in its own goroutine, all at once.
func concurrently(t *testing.T, fns ...func() error) []error {
	t.Helper()
	errs := make([]error, len(fns))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = fn()
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// TestPostgresConcurrentLoads: loads from two stores (two processes) into
// one database at once give what the same loads one after the other give:
// the same quads, nodes and reference counts, and one of them adds.
func TestPostgresConcurrentLoads(t *testing.T) {
	admin := postgresAdmin(t)
	base := storetest.RoundTripQuads()
	v1 := append(append([]quad.Quad{}, base...), bigGraph("big", 1000, "v1")...)
	v2 := append(append([]quad.Quad{}, base...), bigGraph("big", 700, "v2")...)

	sequential := func(t *testing.T, loads ...[]quad.Quad) (export []byte, q, n, r int) {
		dsn := freshDatabase(t, admin)
		s := open(t, "postgres", dsn)
		for _, l := range loads {
			storetest.Load(t, s, l)
		}
		q, n, r = tableCounts(t, storetest.OpenDB(t, dsn))
		return storetest.Export(t, s, nil), q, n, r
	}

	t.Run("same files", func(t *testing.T) {
		wantExport, wq, wn, wr := sequential(t, v1, v1)
		dsn := freshDatabase(t, admin)
		storetest.Load(t, open(t, "postgres", dsn), base[:1]) // the tables exist
		a, b := open(t, "postgres", dsn), open(t, "postgres", dsn)
		var ra, rb store.Result
		errs := concurrently(t,
			func() (err error) { ra, err = a.Replace(context.Background(), v1); return },
			func() (err error) { rb, err = b.Replace(context.Background(), v1); return })
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := ra.Added + rb.Added; got != len(v1)-1 {
			t.Errorf("the two loads added %d and %d quads, want %d in all", ra.Added, rb.Added, len(v1)-1)
		}
		q, n, r := tableCounts(t, storetest.OpenDB(t, dsn))
		if q != wq || n != wn || r != wr {
			t.Errorf("after concurrent loads: %d quads, %d nodes, %d refs; after sequential loads %d, %d, %d", q, n, r, wq, wn, wr)
		}
		storetest.SameBytes(t, "export after concurrent loads", storetest.Export(t, a, nil), wantExport)
		// A later load that drops the big graph leaves no orphan nodes.
		storetest.Load(t, a, base)
		q, n, r = tableCounts(t, storetest.OpenDB(t, dsn))
		_, wq2, wn2, wr2 := sequential(t, v1, v1, base)
		if q != wq2 || n != wn2 || r != wr2 {
			t.Errorf("after dropping the graph: %d quads, %d nodes, %d refs; sequentially %d, %d, %d", q, n, r, wq2, wn2, wr2)
		}
	})

	t.Run("two versions", func(t *testing.T) {
		dsn := freshDatabase(t, admin)
		storetest.Load(t, open(t, "postgres", dsn), base)
		a, b := open(t, "postgres", dsn), open(t, "postgres", dsn)
		errs := concurrently(t,
			func() error { _, err := a.Replace(context.Background(), v1); return err },
			func() error { _, err := b.Replace(context.Background(), v2); return err })
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		got := storetest.Export(t, a, nil)
		q, n, r := tableCounts(t, storetest.OpenDB(t, dsn))
		e12, q12, n12, r12 := sequential(t, base, v1, v2)
		e21, q21, n21, r21 := sequential(t, base, v2, v1)
		switch {
		case string(got) == string(e12):
			if q != q12 || n != n12 || r != r12 {
				t.Errorf("v1 then v2: %d quads, %d nodes, %d refs; sequentially %d, %d, %d", q, n, r, q12, n12, r12)
			}
		case string(got) == string(e21):
			if q != q21 || n != n21 || r != r21 {
				t.Errorf("v2 then v1: %d quads, %d nodes, %d refs; sequentially %d, %d, %d", q, n, r, q21, n21, r21)
			}
		default:
			t.Errorf("the store after loading two versions at once is neither version (%d bytes of N-Quads; v1 last %d, v2 last %d)", len(got), len(e21), len(e12))
		}
	})
}

// TestPostgresConcurrentFirstLoads: first loads into an empty database at
// once all succeed (no duplicate key from two CREATE TABLEs).
func TestPostgresConcurrentFirstLoads(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	qs := storetest.RoundTripQuads()
	fns := make([]func() error, 4)
	for i := range fns {
		fns[i] = func() error {
			s, err := store.Open(context.Background(), "postgres", dsn)
			if err != nil {
				return err
			}
			defer s.Close()
			_, err = s.Replace(context.Background(), qs)
			return err
		}
	}
	for i, err := range concurrently(t, fns...) {
		if err != nil {
			t.Errorf("load %d: %v", i, err)
		}
	}
	storetest.SameBytes(t, "export", storetest.Export(t, open(t, "postgres", dsn), nil), storetest.Expected(t, qs))
}

// TestPostgresStoppedBackend: a server process that stops answering in
// the middle of a load (kill -STOP) fails the load after AnswerTimeout
// instead of leaving it waiting; the store is as it was once the process
// runs again and sees its client gone.
func TestPostgresStoppedBackend(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	setAnswerTimeout(t, 2*time.Second)
	s := open(t, "postgres", dsn)
	storetest.Load(t, s, storetest.RoundTripQuads())
	db := storetest.OpenDB(t, dsn)
	q0, n0, r0 := tableCounts(t, db)
	done := make(chan error, 1)
	go func() {
		_, err := s.Replace(context.Background(), bigGraph("big", 30000, "v1"))
		done <- err
	}()
	pid := waitForBackend(t, db, "INSERT", 60*time.Second)
	p, err := os.FindProcess(pid)
	if err == nil {
		err = p.Signal(syscall.SIGSTOP)
	}
	if err != nil {
		<-done
		t.Skipf("cannot stop the server process %d (the test runs as another user than the server?): %v", pid, err)
	}
	stopped := time.Now()
	defer p.Signal(syscall.SIGCONT)
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the load still waits 30s after its server process stopped")
	}
	took := time.Since(stopped)
	p.Signal(syscall.SIGCONT)
	t.Logf("load failed %s after kill -STOP: %v", took.Round(time.Millisecond), err)
	var ce *store.ConnectionLostError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "no answer from the server for 2s") {
		t.Fatalf("load: %T %v, want a store.ConnectionLostError for a silent server", err, err)
	}
	if took > store.AnswerTimeout+3*time.Second {
		t.Errorf("the load failed %s after the server process stopped, want about %s", took, store.AnswerTimeout)
	}
	// The continued process finds its client gone and rolls back.
	deadline := time.Now().Add(30 * time.Second)
	for {
		q, n, r := tableCounts(t, db)
		if q == q0 && n == n0 && r == r0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("tables after the failed load: %d quads, %d nodes, %d refs; before %d, %d, %d", q, n, r, q0, n0, r0)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
