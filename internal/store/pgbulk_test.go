package store_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store/storetest"
)

// quadsSchema reads the definitions of the quads table's indexes and
// constraints (as the catalog prints them) and each index's relfilenode,
// which changes when the index is built again.
func quadsSchema(t *testing.T, db *sql.DB) (defs []string, files map[string]int64) {
	t.Helper()
	rows, err := db.Query(`SELECT 'index ' || c.relname || ': ' || pg_get_indexdef(i.indexrelid), c.relname, c.relfilenode
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'quads'::regclass`)
	if err != nil {
		t.Fatal(err)
	}
	files = map[string]int64{}
	for rows.Next() {
		var def, name string
		var file int64
		if err := rows.Scan(&def, &name, &file); err != nil {
			t.Fatal(err)
		}
		defs = append(defs, def)
		files[name] = file
	}
	rows.Close()
	rows, err = db.Query(`SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint
		WHERE conrelid = 'quads'::regclass OR confrelid = 'quads'::regclass`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var def string
		if err := rows.Scan(&def); err != nil {
			t.Fatal(err)
		}
		defs = append(defs, def)
	}
	slices.Sort(defs)
	return defs, files
}

// rebuilt names the indexes whose files differ between before and after.
func rebuilt(before, after map[string]int64) []string {
	var out []string
	for name, f := range before {
		if after[name] != f {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestPostgresBulkFirstLoad: a first load into empty tables builds the
// quads table's secondary indexes after the rows (pgbulk.go) and leaves
// the schema as Cayley made it; a load into tables that hold quads, or
// one while another session reads the table, inserts row by row and
// leaves the indexes alone. Every load's content is the one asked for.
func TestPostgresBulkFirstLoad(t *testing.T) {
	admin := postgresAdmin(t)
	first := bigGraph("bulk", 3000, "v1")
	second := bigGraph("more", 2000, "v1")
	tests := []struct {
		name        string
		before      [][]quad.Quad // loads before the measured one
		reader      bool          // another session reads quads during the load
		load        []quad.Quad
		wantRebuilt bool
	}{
		{name: "first load", load: first, wantRebuilt: true},
		{name: "small first load", load: first[:100]},
		{name: "load into a store with quads", before: [][]quad.Quad{first}, load: second},
		{name: "first load beside a reader", reader: true, load: first},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dsn := freshDatabase(t, admin)
			s := open(t, "postgres", dsn)
			var all []quad.Quad
			for _, qs := range tc.before {
				storetest.Load(t, s, qs)
				all = append(all, qs...)
			}
			db := storetest.OpenDB(t, dsn)
			defsBefore, filesBefore := quadsSchema(t, db)
			if len(filesBefore) != 7 {
				t.Fatalf("quads has %d indexes before the load, want Cayley's 7: %v", len(filesBefore), defsBefore)
			}
			if tc.reader {
				tx, err := db.Begin()
				if err != nil {
					t.Fatal(err)
				}
				var n int
				if err := tx.QueryRow(`SELECT count(*) FROM quads`).Scan(&n); err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback() // holds its lock on quads until the test ends
			}
			res := storetest.Load(t, s, tc.load)
			if res.Added != len(tc.load) {
				t.Errorf("added %d quads, want %d", res.Added, len(tc.load))
			}
			all = append(all, tc.load...)
			storetest.SameBytes(t, "export after the load", storetest.Export(t, s, nil), storetest.Expected(t, all))
			defsAfter, filesAfter := quadsSchema(t, db)
			if !slices.Equal(defsAfter, defsBefore) {
				t.Errorf("the schema of quads changed:\nbefore %q\nafter  %q", defsBefore, defsAfter)
			}
			got := rebuilt(filesBefore, filesAfter)
			switch {
			case tc.wantRebuilt && len(got) != 6:
				t.Errorf("indexes built again: %v, want the 6 secondary ones (all but quads_pkey)", got)
			case tc.wantRebuilt && slices.Contains(got, "quads_pkey"):
				t.Errorf("the primary key's index was built again: %v", got)
			case !tc.wantRebuilt && len(got) > 0:
				t.Errorf("indexes built again: %v, want none (row by row)", got)
			}
		})
	}
}

// TestEmpty: Empty is true for a new store and false once it holds
// quads, on every backend.
func TestEmpty(t *testing.T) {
	for _, tg := range storetest.Targets(t) {
		t.Run(tg.Name, func(t *testing.T) {
			s, _ := tg.New(t)
			ctx := context.Background()
			for i, want := range []bool{true, false} {
				if i == 1 {
					storetest.Load(t, s, bigGraph("empty", 5, "v1"))
				}
				got, err := s.Empty(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s: Empty() = %v, want %v", map[bool]string{true: "new store", false: "after a load"}[want], got, want)
				}
			}
		})
	}
}
