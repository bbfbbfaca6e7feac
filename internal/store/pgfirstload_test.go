package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// freshDB is storetest.FreshDatabase for the package's own tests (which
// storetest, importing the package, cannot serve): a new database on the
// test server, dropped when the test ends.
func freshDB(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("CONFGRAPH_TEST_POSTGRES")
	if admin == "" {
		msg := "CONFGRAPH_TEST_POSTGRES is not set: no PostgreSQL server to test against (.ci/run starts one)"
		if os.Getenv("CONFGRAPH_EXTERNAL") == "require" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b [6]byte
	rand.Read(b[:])
	name := "confgraph_internal_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("postgres", admin); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// TestPostgresFirstLoadPatience: the last statements of a streamed first
// load (the values, the index builds: 24–29 s each at 10M) may take longer
// than AnswerTimeout; the load's connection waits for them (the server
// bounds them by statement_timeout) instead of calling the server silent
// (a 3.5 s statement, AnswerTimeout 2 s).
// The same slow statement just before, while the patience is not raised,
// is given up after AnswerTimeout, and the store stays empty.
func TestPostgresFirstLoadPatience(t *testing.T) {
	old := AnswerTimeout
	AnswerTimeout = 2 * time.Second
	t.Cleanup(func() { AnswerTimeout = old; finishHook = nil })
	var qs []quad.Quad
	for i := range 3000 {
		qs = append(qs, quad.Quad{Subject: quad.IRI(fmt.Sprintf("https://confgraph.example/id/s%d", i)), Predicate: quad.IRI("https://confgraph.example/id/p"),
			Object: quad.String(fmt.Sprint(i)), Label: quad.IRI("https://confgraph.example/id/graph/g")})
	}
	for _, patient := range []bool{true, false} {
		t.Run(fmt.Sprintf("slow statement, patient %v", patient), func(t *testing.T) {
			s, err := Open(context.Background(), "postgres", freshDB(t))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			finishHook = func(p bool, tx *sql.Tx) error {
				if p != patient {
					return nil
				}
				_, err := tx.Exec(`SELECT pg_sleep(3.5)`)
				return err
			}
			defer func() { finishHook = nil }()
			res, err := s.Replace(context.Background(), qs)
			if patient {
				if err != nil {
					t.Fatalf("load with a 3.5 s statement among its last, AnswerTimeout 2 s: %v", err)
				}
				if res.Added != len(qs) {
					t.Errorf("added %d, want %d", res.Added, len(qs))
				}
				return
			}
			var lost *ConnectionLostError
			if !errors.As(err, &lost) {
				t.Fatalf("load with a 3.5 s statement before its last, AnswerTimeout 2 s: %v, want the connection given up", err)
			}
			if empty, err := s.Empty(context.Background()); err != nil || !empty {
				t.Errorf("after the failed load the store is empty: %v (%v)", empty, err)
			}
		})
	}
}
