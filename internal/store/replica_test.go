package store_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// TestPostgresReadOnlyOpen: a reading open of a PostgreSQL database
// creates no tables (an empty database is not a store), refuses writes
// with a ReadOnlyError without the password, and its sessions are
// read-only on the server: a write that went past confgraph's own checks
// (here straight into Cayley's quad store) is refused by PostgreSQL and
// changes nothing.
func TestPostgresReadOnlyOpen(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	db := storetest.OpenDB(t, dsn)
	ctx := context.Background()
	var ns *store.NotStoreError
	if s, err := store.OpenReadOnly(ctx, "postgres", dsn); !errors.As(err, &ns) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("reading open of an empty database: %v, want a NotStoreError", err)
	}
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables); err != nil || tables != 0 {
		t.Fatalf("after a reading open of an empty database: %d tables (%v), want none", tables, err)
	}

	storetest.Load(t, open(t, "postgres", dsn), storetest.Curated(t))
	q0, n0, r0 := tableCounts(t, db)
	for _, addr := range []string{dsn, keyValueDSN(t, dsn)} {
		s, err := store.OpenReadOnly(ctx, "postgres", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if !s.ReadOnly() || s.Replica() {
			t.Fatalf("%s: read-only %v, replica %v; want read-only only", addr, s.ReadOnly(), s.Replica())
		}
		var ro *store.ReadOnlyError
		if _, err := s.Replace(ctx, storetest.RoundTripQuads()); !errors.As(err, &ro) {
			t.Errorf("%s: Replace on a reading open: %v, want a ReadOnlyError", addr, err)
		}
		if err := s.Update(ctx, func(graph.QuadStore) error { return nil }); !errors.As(err, &ro) {
			t.Errorf("%s: Update on a reading open: %v, want a ReadOnlyError", addr, err)
		}
		bad := quad.Make(quad.IRI("https://example.org/s"), quad.IRI("https://example.org/p"), quad.String("o"), quad.IRI("https://example.org/g"))
		err = s.View(ctx, func(qs graph.QuadStore) error {
			return qs.ApplyDeltas([]graph.Delta{{Quad: bad, Action: graph.Add}}, graph.IgnoreOpts{})
		})
		if err == nil || !strings.Contains(err.Error(), "read-only transaction") {
			t.Errorf("%s: a write on a read-only session: %v, want the server's refusal", addr, err)
		}
		if q, n, r := tableCounts(t, db); q != q0 || n != n0 || r != r0 {
			t.Errorf("%s: after the refused writes: %d quads, %d nodes, %d refs; before %d, %d, %d", addr, q, n, r, q0, n0, r0)
		}
		// Reads work.
		if got := storetest.Export(t, s, nil); len(got) == 0 {
			t.Errorf("%s: empty export", addr)
		}
	}
	// The same open of a store with a password in its address does not
	// show it.
	if strings.Contains(dsn, "@") {
		withPassword := strings.Replace(dsn, "@", ":secret@", 1)
		if s2, err := store.OpenReadOnly(ctx, "postgres", withPassword); err == nil {
			_, err := s2.Replace(ctx, storetest.RoundTripQuads())
			if err == nil || strings.Contains(err.Error(), "secret") {
				t.Errorf("Replace on a reading open with a password: %v; want an error without the password", err)
			}
			s2.Close()
		}
	}
}

// keyValueDSN is the postgres:// URL dsn in the key=value form.
func keyValueDSN(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	kv := []string{"host=" + u.Hostname(), "port=" + u.Port(), "user=" + u.User.Username(), "dbname=" + strings.TrimPrefix(u.Path, "/")}
	for k, v := range u.Query() {
		kv = append(kv, k+"="+v[0])
	}
	return strings.Join(kv, " ")
}
