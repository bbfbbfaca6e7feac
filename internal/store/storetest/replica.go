package storetest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"
)

// EnvTestPostgresReplica names the environment variable with the address
// of a streaming read replica of the server in EnvTestPostgres (.ci/run
// starts one with pg_basebackup -R).
const EnvTestPostgresReplica = "CONFGRAPH_TEST_POSTGRES_REPLICA"

// ReplicationWait bounds how long WaitReplicated waits for the replica.
const ReplicationWait = 30 * time.Second

// PostgresReplica returns the addresses of the test primary and of its
// read replica, or skips the test when either is not set (fails it when
// CONFGRAPH_EXTERNAL=require). It checks that the replica is one: a hot
// standby, in recovery.
func PostgresReplica(t testing.TB) (primary, replica string) {
	t.Helper()
	primary, replica = os.Getenv(EnvTestPostgres), os.Getenv(EnvTestPostgresReplica)
	if primary == "" || replica == "" {
		msg := EnvTestPostgres + " and " + EnvTestPostgresReplica + " are not both set: no PostgreSQL primary with a streaming replica to test against (.ci/run starts both)"
		if os.Getenv("CONFGRAPH_EXTERNAL") == "require" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	db := OpenDB(t, replica)
	var recovering bool
	if err := db.QueryRow(`SELECT pg_is_in_recovery()`).Scan(&recovering); err != nil {
		t.Fatalf("%s: %v", EnvTestPostgresReplica, err)
	}
	if !recovering {
		t.Fatalf("%s names a server that is not in recovery: not a replica", EnvTestPostgresReplica)
	}
	return primary, replica
}

// FreshReplicatedDatabase creates an empty database on the primary (as
// FreshDatabase, dropped when the test ends), waits until the replica has
// it, and returns its address on the primary and on the replica.
func FreshReplicatedDatabase(t testing.TB, primary, replica string) (onPrimary, onReplica string) {
	t.Helper()
	onPrimary = FreshDatabase(t, primary)
	p, err := url.Parse(onPrimary)
	if err != nil {
		t.Fatal(err)
	}
	r, err := url.Parse(replica)
	if err != nil {
		t.Fatalf("%s is not a postgres:// URL: %v", EnvTestPostgresReplica, err)
	}
	r.Path = p.Path
	WaitReplicated(t, primary, replica)
	return onPrimary, r.String()
}

// WaitReplicated waits until the replica has replayed all the write-ahead
// log the primary has written so far, so that it sees every transaction
// committed before the call (see Replicated); it fails the test after
// ReplicationWait.
func WaitReplicated(t testing.TB, primary, replica string) {
	t.Helper()
	if err := Replicated(primary, replica, ReplicationWait); err != nil {
		t.Fatal(err)
	}
}

// Replicated waits up to within until pg_last_wal_replay_lsn() on the
// replica reaches the pg_current_wal_lsn() the primary has at the call.
func Replicated(primary, replica string, within time.Duration) error {
	pdb, err := sql.Open("postgres", primary)
	if err != nil {
		return err
	}
	defer pdb.Close()
	var target string
	if err := pdb.QueryRow(`SELECT pg_current_wal_lsn()::text`).Scan(&target); err != nil {
		return fmt.Errorf("read the primary's WAL position: %w", err)
	}
	rdb, err := sql.Open("postgres", replica)
	if err != nil {
		return err
	}
	defer rdb.Close()
	deadline := time.Now().Add(within)
	for {
		var replayed string
		var done bool
		if err := rdb.QueryRow(`SELECT coalesce(pg_last_wal_replay_lsn()::text, ''), coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)`, target).Scan(&replayed, &done); err != nil {
			return fmt.Errorf("read the replica's replay position: %w", err)
		}
		if done {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the replica replayed the primary's WAL up to %s only, not to %s, within %s: is it streaming (pg_stat_replication on the primary)?", replayed, target, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// OpenDB opens a connection pool to dsn, closed when the test ends.
func OpenDB(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
