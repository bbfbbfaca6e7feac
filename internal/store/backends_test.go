package store_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// EnvTestPostgres names the environment variable with the address of a
// PostgreSQL server the tests may create databases on (.ci/run sets it).
const EnvTestPostgres = storetest.EnvTestPostgres

func open(t *testing.T, name, path string) *store.Store { return storetest.Open(t, name, path) }

func reopener(t *testing.T, name, path string) func() (*store.Store, error) {
	return storetest.Reopener(t, name, path)
}

func TestMemstore(t *testing.T) {
	storetest.Run(t, storetest.Target{Name: "memstore", New: func(t *testing.T) (*store.Store, func() (*store.Store, error)) {
		return open(t, "memstore", ""), nil
	}})
}

func TestBolt(t *testing.T) {
	storetest.Run(t, storetest.Target{Name: "bolt", New: func(t *testing.T) (*store.Store, func() (*store.Store, error)) {
		path := filepath.Join(t.TempDir(), "cg.db")
		return open(t, "bolt", path), reopener(t, "bolt", path)
	}})
}

// TestBoltReloadPaths runs the suite on bolt with every reload into a
// store that holds something going one way: through Cayley's writer in
// one transaction, and as a new file built and renamed in (reload.go).
func TestBoltReloadPaths(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fraction float64
	}{{"writer", math.Inf(1)}, {"rebuild", 0}} {
		t.Run(tc.name, func(t *testing.T) {
			defer store.SetRebuildFraction(tc.fraction)()
			storetest.Run(t, storetest.Target{Name: "bolt", New: func(t *testing.T) (*store.Store, func() (*store.Store, error)) {
				path := filepath.Join(t.TempDir(), "cg.db")
				return open(t, "bolt", path), reopener(t, "bolt", path)
			}})
		})
	}
}

func postgresAdmin(t *testing.T) string { return storetest.PostgresAdmin(t) }

func freshDatabase(t testing.TB, admin string) string { return storetest.FreshDatabase(t, admin) }

func TestPostgres(t *testing.T) {
	admin := postgresAdmin(t)
	storetest.Run(t, storetest.Target{
		Name: "postgres",
		New: func(t *testing.T) (*store.Store, func() (*store.Store, error)) {
			dsn := freshDatabase(t, admin)
			return open(t, "postgres", dsn), reopener(t, "postgres", dsn)
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

// TestExportSameOnAllBackends loads the curated data into every backend
// available here and compares the exports byte for byte.
func TestExportSameOnAllBackends(t *testing.T) {
	qs := storetest.Curated(t)
	stores := map[string]*store.Store{
		"memstore": open(t, "memstore", ""),
		"bolt":     open(t, "bolt", filepath.Join(t.TempDir(), "cg.db")),
	}
	if os.Getenv(EnvTestPostgres) != "" || os.Getenv("CONFGRAPH_EXTERNAL") == "require" {
		stores["postgres"] = open(t, "postgres", freshDatabase(t, postgresAdmin(t)))
	} else {
		t.Logf("%s not set: comparing memstore and bolt only", EnvTestPostgres)
	}
	want := storetest.Expected(t, qs)
	for name, s := range stores {
		if _, err := s.Replace(context.Background(), qs); err != nil {
			t.Fatalf("load %s: %v", name, err)
		}
		storetest.SameBytes(t, name+" export", storetest.Export(t, s, nil), want)
	}
}

// Open and Init resolve a backend and its path alike, with typed errors.
func TestResolveErrors(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, path string
		problem    store.PathProblem // 0: unknown backend
	}{
		{"nosuch", "", 0},
		{"bolt", "", store.PathMissing},
		{"memstore", "x.db", store.PathUnwanted},
	} {
		_, openErr := store.Open(ctx, tc.name, tc.path)
		_, initErr := store.Init(ctx, tc.name, tc.path)
		for _, err := range []error{openErr, initErr} {
			if tc.problem == 0 {
				var ub *store.UnknownBackendError
				if !errors.As(err, &ub) || ub.Name != tc.name || strings.Join(ub.Valid, " ") != "bolt cockroach memstore postgres" {
					t.Errorf("%s: error %T %v, want an UnknownBackendError", tc.name, err, err)
				}
				continue
			}
			var pe *store.PathError
			if !errors.As(err, &pe) || pe.Problem != tc.problem || pe.Backend != tc.name {
				t.Errorf("%s %q: error %T %v, want a PathError %d", tc.name, tc.path, err, err, tc.problem)
			}
		}
	}
	// Init of a store that keeps nothing: there is nothing to create.
	var pe *store.PathError
	if _, err := store.Init(ctx, "memstore", ""); !errors.As(err, &pe) || pe.Problem != store.PathUnwanted {
		t.Errorf("init memstore: %v", err)
	}
	if b, _ := store.Lookup("bolt"); b.IndexesGraphs || !b.NeedsRefcountPad || !b.File || !b.Persistent {
		t.Errorf("bolt capabilities: %+v", b)
	}
	for _, name := range []string{"memstore", "postgres", "cockroach"} {
		if b, _ := store.Lookup(name); !b.IndexesGraphs || b.NeedsRefcountPad || b.File {
			t.Errorf("%s capabilities: %+v", name, b)
		}
	}
}
