package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// silentServer accepts connections and never answers, like a firewall that
// swallows packets or a wedged server.
func silentServer(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String()
}

func TestSQLOpenErrors(t *testing.T) {
	closed, silent := closedPort(t), silentServer(t)
	tests := []struct {
		name, db, path string
		want           []string // all must occur in the error
	}{
		{"postgres not a DSN", "postgres", "./cg.db", []string{"bad --dbpath", "not a PostgreSQL connection string", "postgres://"}},
		{"postgres bad URL", "postgres", "postgres://u@127.0.0.1:notaport/db", []string{"bad --dbpath"}},
		{"postgres refused", "postgres", "postgres://u:secret@" + closed + "/cg?sslmode=disable", []string{"cannot reach a PostgreSQL server", closed, "xxxxx"}},
		{"postgres silent", "postgres", "postgres://u@" + silent + "/cg?sslmode=disable", []string{"no answer from a PostgreSQL server", silent}},
		{"cockroach refused", "cockroach", "postgresql://root@" + closed + "/cg?sslmode=disable", []string{"cannot reach a CockroachDB server", closed}},
		{"cockroach not a DSN", "cockroach", "cg.db", []string{"not a CockroachDB connection string"}},
		{"postgres key=value refused", "postgres", "host=127.0.0.1 port=" + closed[strings.LastIndex(closed, ":")+1:] + " user=u password=secret dbname=cg sslmode=disable",
			[]string{"cannot reach a PostgreSQL server", "password=xxxxx"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			start := time.Now()
			s, err := store.Open(ctx, tc.db, tc.path)
			if err == nil {
				s.Close()
				t.Fatal("open succeeded")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("open took %s to fail, want at most a few seconds", d)
			}
			// The message as the command line words it: the path is --dbpath.
			var pe *store.PathError
			if !errors.As(err, &pe) || pe.Problem != store.PathUnusable || pe.Backend != tc.db {
				t.Fatalf("error %T %q is not a store.PathError (unusable, %s)", err, err, tc.db)
			}
			msg := strings.Replace(err.Error(), pe.Error(), pe.Message("--dbpath"), 1)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
}

func TestPostgresMissingDatabase(t *testing.T) {
	u, err := url.Parse(postgresAdmin(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/confgraph_no_such_database"
	_, err = store.Open(context.Background(), "postgres", u.String())
	if err == nil {
		t.Fatal("open of a missing database succeeded")
	}
	for _, w := range []string{`database "confgraph_no_such_database" does not exist`, "createdb confgraph_no_such_database"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

// TestPostgresInitOnce opens a new database twice: the first open creates
// the tables, the second finds them.
func TestPostgresInitOnce(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	created, err := store.Init(context.Background(), "postgres", dsn)
	if err != nil || !created {
		t.Fatalf("first init: created=%v, err=%v; want created", created, err)
	}
	created, err = store.Init(context.Background(), "postgres", dsn)
	if err != nil || created {
		t.Fatalf("second init: created=%v, err=%v; want found", created, err)
	}
	s := open(t, "postgres", dsn)
	if got := s.Backend().Name; got != "postgres" {
		t.Errorf("backend %q", got)
	}
}

func TestDescribeDSN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:pw@h:5432/db?sslmode=disable", "postgres://u:xxxxx@h:5432/db?sslmode=disable"},
		{"postgres://u@h/db", "postgres://u@h/db"},
		{"host=h user=u password=pw dbname=db", "host=h user=u password=xxxxx dbname=db"},
	}
	for _, tc := range tests {
		if got := store.DescribeDSN(tc.in); got != tc.want {
			t.Errorf("DescribeDSN(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPostgresPartialSchema: a database with only one of Cayley's tables
// (an interrupted schema creation, or someone else's table called nodes) is
// refused with the fix, not written into.
func TestPostgresPartialSchema(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE nodes (x int)"); err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(context.Background(), "postgres", dsn)
	if err == nil {
		t.Fatal("open of a database with a foreign nodes table succeeded")
	}
	for _, w := range []string{"only one of the tables nodes and quads", "DROP TABLE"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

// TestBoltInUse: a bolt store that is open elsewhere is reported at once
// instead of waiting for the file lock.
func TestBoltInUse(t *testing.T) {
	path := t.TempDir() + "/cg.db"
	first := open(t, "bolt", path)
	_ = first
	done := make(chan error, 1)
	go func() {
		s, err := store.Open(context.Background(), "bolt", path)
		if err == nil {
			s.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "in use by another process") {
			t.Fatalf("second open: %v, want an in-use error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second open of a bolt store waits for the lock")
	}
}

// TestPostgresKeyValueDSN opens a database through the key=value form of
// the address.
func TestPostgresKeyValueDSN(t *testing.T) {
	u, err := url.Parse(freshDatabase(t, postgresAdmin(t)))
	if err != nil {
		t.Fatal(err)
	}
	kv := fmt.Sprintf("host=%s port=%s user=%s dbname=%s sslmode=disable", u.Hostname(), u.Port(), u.User.Username(), strings.TrimPrefix(u.Path, "/"))
	if pw, ok := u.User.Password(); ok {
		kv += " password=" + pw
	}
	s := open(t, "postgres", kv)
	qs := storetest.RoundTripQuads()
	if _, err := s.Replace(context.Background(), qs); err != nil {
		t.Fatalf("load: %v", err)
	}
	storetest.SameBytes(t, "export", storetest.Export(t, s, nil), storetest.Expected(t, qs))
}
