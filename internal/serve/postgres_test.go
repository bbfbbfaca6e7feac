package serve

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
	"github.com/confgraph/confgraph/internal/workspace"
)

const oneQuad = "<https://example.org/a> <https://example.org/b> \"c\" <https://example.org/g> .\n"

// pgQuads counts the rows of table quads.
func pgQuads(t *testing.T, dsn string) int {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM quads`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPostgresCayleyWriteTakesWriterLock: a write through Cayley's API
// (with the token) waits while another process's writer (a 'confgraph
// load', here a second store holding the lock) holds the PostgreSQL
// writer lock, and goes through once it is released; a write that waits
// longer than its timeout answers 503 with Retry-After and writes nothing.
func TestPostgresCayleyWriteTakesWriterLock(t *testing.T) {
	dsn := storetest.FreshDatabase(t, storetest.PostgresAdmin(t))
	ws := workspace.Config{Backend: "postgres", Path: dsn, Base: mapping.DefaultBase}
	srv, st := testServer(t, Options{Workspace: ws, WriteToken: "t"})
	storetest.Load(t, st, storetest.RoundTripQuads())
	before := pgQuads(t, dsn)

	other := storetest.Open(t, "postgres", dsn) // another writer's store
	release, err := other.LockWriters(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	write := func(timeout string) (int, http.Header, string) {
		return call(t, "POST", srv.URL+"/api/v2/write?timeout="+timeout, strings.NewReader(oneQuad),
			"Authorization", "Bearer t", "Content-Type", "application/n-quads")
	}
	// A write whose timeout ends while it waits.
	code, hdr, body := write("500ms")
	if code != http.StatusServiceUnavailable || hdr.Get("Retry-After") == "" || !strings.Contains(body, "another writer of the store") {
		t.Errorf("write while another writer holds the lock, 500ms timeout: %d (Retry-After %q) %s; want 503 with Retry-After", code, hdr.Get("Retry-After"), body)
	}
	if n := pgQuads(t, dsn); n != before {
		t.Fatalf("the refused write changed the store: %d quads, %d before", n, before)
	}
	// A write that waits, then goes through when the lock is released.
	type answer struct {
		code int
		body string
	}
	done := make(chan answer, 1)
	go func() {
		code, _, body := write("20s")
		done <- answer{code, body}
	}()
	select {
	case a := <-done:
		t.Fatalf("the write did not wait for the writer lock: %d %s", a.code, a.body)
	case <-time.After(700 * time.Millisecond):
	}
	if n := pgQuads(t, dsn); n != before {
		t.Fatalf("the write went ahead while another writer held the lock: %d quads, %d before", n, before)
	}
	// Reads do not wait for it.
	if code, _, body := call(t, "GET", srv.URL+"/api/reports", nil); code != 200 {
		t.Errorf("a read while a write waits: %d %s", code, body)
	}
	release()
	select {
	case a := <-done:
		if a.code != 200 || !strings.Contains(a.body, "1 quads") {
			t.Errorf("the write after the lock was released: %d %s", a.code, a.body)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the write did not go through after the lock was released")
	}
	if n := pgQuads(t, dsn); n != before+1 {
		t.Errorf("after the write: %d quads, want %d", n, before+1)
	}
}

// TestPostgresReplicaServer: a server with the write token on a read
// replica reads the store and refuses every write (403, saying it is a
// replica, without the store's address); the replica is unchanged.
func TestPostgresReplicaServer(t *testing.T) {
	primary, replica := storetest.PostgresReplica(t)
	onPrimary, onReplica := storetest.FreshReplicatedDatabase(t, primary, replica)
	storetest.Load(t, storetest.Open(t, "postgres", onPrimary), storetest.Curated(t))
	storetest.WaitReplicated(t, primary, replica)
	before := pgQuads(t, onReplica)

	// As 'confgraph serve --write-token-file' opens it.
	st, err := store.Open(context.Background(), "postgres", onReplica)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ws := workspace.Config{Backend: "postgres", Path: onReplica, Base: mapping.DefaultBase}
	s := New(st, Options{Workspace: ws, WriteToken: "t"})
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	if s.Writable() {
		t.Error("a server on a replica says it is writable")
	}
	code, _, body := call(t, "GET", srv.URL+"/health", nil)
	contains(t, "health", body, `"writable": false`, `"readReplica": true`)
	if code != 200 {
		t.Errorf("health: %d", code)
	}
	if code, _, body := call(t, "GET", srv.URL+"/api/reports", nil); code != 200 || !strings.Contains(body, "party-building-conference-2023-de") {
		t.Errorf("reports from the replica: %d %.300s", code, body)
	}
	auth := []string{"Authorization", "Bearer t"}
	for _, w := range []struct{ method, path, body string }{
		{"POST", "/api/load?name=x.nq&graph=g", oneQuad},
		{"DELETE", "/api/reports/party-building-conference-2023-de", ""},
		{"POST", "/api/v2/write", oneQuad},
		{"POST", "/api/v2/delete", oneQuad},
	} {
		code, _, body := call(t, w.method, srv.URL+w.path, bytes.NewReader([]byte(w.body)), append(auth, "Content-Type", "application/n-quads")...)
		if code != http.StatusForbidden || !strings.Contains(body, "read replica") || strings.Contains(body, "127.0.0.1") {
			t.Errorf("%s %s on a replica: %d %s; want 403 saying it is a read replica, without the address", w.method, w.path, code, body)
		}
	}
	// The token is still checked first.
	if code, _, _ := call(t, "POST", srv.URL+"/api/v2/write", strings.NewReader(oneQuad), "Authorization", "Bearer wrong"); code != http.StatusUnauthorized {
		t.Errorf("a write with a wrong token on a replica: %d, want 401", code)
	}
	storetest.WaitReplicated(t, primary, replica)
	if n := pgQuads(t, onReplica); n != before {
		t.Errorf("the replica holds %d quads after the refused writes, %d before", n, before)
	}
}
