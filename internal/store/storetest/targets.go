package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	_ "github.com/lib/pq" // the driver FreshDatabase talks to the server with

	"github.com/confgraph/confgraph/internal/store"
)

// EnvTestPostgres names the environment variable with the address of a
// PostgreSQL server the tests may create databases on (.ci/run sets it).
const EnvTestPostgres = "CONFGRAPH_TEST_POSTGRES"

// Targets returns the backends to test here: memstore, bolt, and
// PostgreSQL when EnvTestPostgres is set (required when CONFGRAPH_EXTERNAL
// is "require"). Each target's stores are closed when the test ends.
func Targets(t *testing.T) []Target {
	t.Helper()
	ts := []Target{
		{Name: "memstore", New: func(t *testing.T) (*store.Store, func() (*store.Store, error)) {
			return Open(t, "memstore", ""), nil
		}},
		{Name: "bolt", New: func(t *testing.T) (*store.Store, func() (*store.Store, error)) {
			path := filepath.Join(t.TempDir(), "cg.db")
			return Open(t, "bolt", path), Reopener(t, "bolt", path)
		}},
	}
	if os.Getenv(EnvTestPostgres) == "" && os.Getenv("CONFGRAPH_EXTERNAL") != "require" {
		t.Logf("%s not set: testing memstore and bolt only", EnvTestPostgres)
		return ts
	}
	admin := PostgresAdmin(t)
	return append(ts, Target{
		Name: "postgres",
		New: func(t *testing.T) (*store.Store, func() (*store.Store, error)) {
			dsn := FreshDatabase(t, admin)
			return Open(t, "postgres", dsn), Reopener(t, "postgres", dsn)
		},
		// PostgreSQL refuses text that is not UTF-8, in the middle of the
		// transaction that writes the load.
		BreakLoad: func(good []quad.Quad) []quad.Quad {
			bad := good[len(good)/2]
			bad.Object = quad.String("not UTF-8: \xff\xfe")
			return append(append([]quad.Quad{}, good...), bad)
		},
	})
}

// Open opens the store of backend name at path, closed when the test ends.
func Open(t testing.TB, name, path string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), name, path)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Reopener returns a function that opens the store again; each store it
// opens is closed when the test ends.
func Reopener(t testing.TB, name, path string) func() (*store.Store, error) {
	return func() (*store.Store, error) {
		s, err := store.Open(context.Background(), name, path)
		if err == nil {
			t.Cleanup(func() { s.Close() })
		}
		return s, err
	}
}

// PostgresAdmin returns the test server's address, or skips the test (fails
// it when CONFGRAPH_EXTERNAL=require).
func PostgresAdmin(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvTestPostgres)
	if dsn == "" {
		msg := EnvTestPostgres + " is not set: no PostgreSQL server to test against (.ci/run starts one)"
		if os.Getenv("CONFGRAPH_EXTERNAL") == "require" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dsn
}

// FreshDatabase creates an empty database on the test server, dropped when
// the test ends, and returns its address.
func FreshDatabase(t testing.TB, admin string) string {
	t.Helper()
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s is not a postgres:// URL: %v", EnvTestPostgres, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "confgraph_test_" + hex.EncodeToString(b)
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database (the %s user needs CREATEDB): %v", EnvTestPostgres, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("postgres", admin)
		if err != nil {
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
