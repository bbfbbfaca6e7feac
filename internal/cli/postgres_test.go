package cli_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// pgCounts returns the rows of the tables quads and nodes and the sum of
// the nodes' reference counts.
func pgCounts(t *testing.T, db *sql.DB) string {
	t.Helper()
	var q, n, r int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM quads), (SELECT count(*) FROM nodes), (SELECT coalesce(sum(refs), 0) FROM nodes)`).Scan(&q, &n, &r); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d quads, %d nodes, %d refs", q, n, r)
}

// TestPostgresLockedTable: export and load on a store whose table another
// session has locked fail after lock_timeout, exit 1, with the holder and
// the fix; the store is unchanged.
func TestPostgresLockedTable(t *testing.T) {
	dsn := storetest.FreshDatabase(t, storetest.PostgresAdmin(t))
	mustRun(t, "load", "--quiet", "--db", "postgres", "--dbpath", dsn)
	db := storetest.OpenDB(t, dsn)
	before := pgCounts(t, db)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`LOCK TABLE quads IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, args := range [][]string{{"export", "--quiet"}, {"load", "--quiet"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			code, _, errs := confgraph(t, append(args, "--db", "postgres", "--dbpath", dsn)...)
			took := time.Since(start)
			t.Logf("%s: exit %d after %s: %s", args[0], code, took.Round(time.Millisecond), strings.TrimSpace(errs))
			if code != 1 || took > store.LockTimeout+5*time.Second {
				t.Errorf("%s: exit %d after %s, want 1 after about %s", args[0], code, took, store.LockTimeout)
			}
			for _, w := range []string{"lock_timeout", "table quads: AccessExclusiveLock held by pid", "pg_terminate_backend(", "nothing was changed"} {
				if !strings.Contains(errs, w) {
					t.Errorf("%s: %q does not mention %q", args[0], errs, w)
				}
			}
		}()
	}
	wg.Wait()
	tx.Rollback()
	if after := pgCounts(t, db); after != before {
		t.Errorf("after the locked load: %s; before %s", after, before)
	}
}

// TestPostgresSignalDuringLoad runs the real binary: SIGINT or SIGTERM in
// the middle of a load's write rolls it back at once; exit 1.
func TestPostgresSignalDuringLoad(t *testing.T) {
	dsn := storetest.FreshDatabase(t, storetest.PostgresAdmin(t))
	bin := buildConfgraph(t)
	corpus := filepath.Join(t.TempDir(), "corpus")
	if out, err := exec.Command(bin, "gen", "--facts", "20000", "--seed", "1", "--out", corpus).CombinedOutput(); err != nil {
		t.Fatalf("gen: %v\n%s", err, out)
	}
	mustRun(t, "load", "--quiet", "--db", "postgres", "--dbpath", dsn)
	db := storetest.OpenDB(t, dsn)
	before := pgCounts(t, db)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "load", "--quiet", "--db", "postgres", "--dbpath", dsn, corpus)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(60 * time.Second)
			for {
				var n int
				db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'confgraph %' AND state = 'active' AND query LIKE 'INSERT%'`).Scan(&n)
				if n > 0 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("the load did not start writing within 60s")
				}
				time.Sleep(10 * time.Millisecond)
			}
			start := time.Now()
			cmd.Process.Signal(sig)
			cmd.Wait()
			took := time.Since(start)
			t.Logf("exit %d %s after %s: %s", cmd.ProcessState.ExitCode(), sig, took.Round(time.Millisecond), strings.TrimSpace(stderr.String()))
			if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(stderr.String(), "nothing was loaded, the store is as it was") {
				t.Errorf("exit %d, %q", cmd.ProcessState.ExitCode(), stderr.String())
			}
			if took > 5*time.Second {
				t.Errorf("the load took %s to stop", took)
			}
			if after := pgCounts(t, db); after != before {
				t.Errorf("after the interrupted load: %s; before %s", after, before)
			}
		})
	}
}
