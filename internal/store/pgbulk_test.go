package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
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
// the schema as Cayley made it, whether given as quads or streamed from
// parts (pgfirstload.go); a load into tables that hold quads, a small
// one, or one while another session reads the table, inserts row by row
// and leaves the indexes alone. Every load's content is the one asked
// for, with one node per distinct value counting the quads that name it;
// a load whose last part fails leaves the tables empty and the schema
// whole.
func TestPostgresBulkFirstLoad(t *testing.T) {
	admin := postgresAdmin(t)
	first := bigGraph("bulk", 3000, "v1")
	second := bigGraph("more", 2000, "v1")
	// A second graph sharing first's subjects and predicate.
	shared := bigGraph("shared", 1500, "v2")
	boom := errors.New("the last part failed")
	tests := []struct {
		name        string
		before      [][]quad.Quad // loads before the measured one
		reader      bool          // another session reads quads during the load
		load        []quad.Quad
		parts       int  // >0: the load as ReplaceParts of parts of this many quads
		fail        bool // the last part fails (with parts)
		wantRebuilt bool
	}{
		{name: "first load", load: first, wantRebuilt: true},
		{name: "small first load", load: first[:100]},
		{name: "load into a store with quads", before: [][]quad.Quad{first}, load: second},
		{name: "first load beside a reader", reader: true, load: first},
		{name: "first load of parts", load: append(slices.Clone(first), shared...), parts: 700, wantRebuilt: true},
		{name: "small first load of parts", load: append(slices.Clone(first[:300]), shared[:300]...), parts: 100},
		{name: "first load of parts into a store with quads", before: [][]quad.Quad{second}, load: first, parts: 700},
		{name: "first load of parts, the last fails", load: append(slices.Clone(first), shared...), parts: 700, fail: true},
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
			var res store.Result
			if tc.parts > 0 {
				var parts []store.Part
				for i := 0; i < len(tc.load); {
					n := tc.parts // a part ends where its graph does
					for n > 1 && i+n <= len(tc.load) && tc.load[i+n-1].Label != tc.load[i].Label {
						n--
					}
					piece := tc.load[i:min(i+n, len(tc.load))]
					i += len(piece)
					last := i >= len(tc.load)
					parts = append(parts, store.Part{Graph: piece[0].Label, Quads: func() ([]quad.Quad, error) {
						if last && tc.fail {
							return nil, boom
						}
						return piece, nil
					}})
				}
				var err error
				res, err = s.ReplaceParts(context.Background(), nil, parts)
				if tc.fail {
					if !errors.Is(err, boom) {
						t.Fatalf("ReplaceParts: %v, want the part's error", err)
					}
				} else if err != nil {
					t.Fatalf("ReplaceParts: %v", err)
				}
			} else {
				res = storetest.Load(t, s, tc.load)
			}
			if !tc.fail {
				if res.Added != len(tc.load) {
					t.Errorf("added %d quads, want %d", res.Added, len(tc.load))
				}
				all = append(all, tc.load...)
			}
			storetest.SameBytes(t, "export after the load", storetest.Export(t, s, nil), storetest.Expected(t, all))
			values := map[quad.Value]bool{}
			for _, q := range all {
				for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
					values[v] = true
				}
			}
			if nq, nn, refs := tableCounts(t, db); nq != len(all) || nn != len(values) || refs != 4*len(all) {
				t.Errorf("tables hold %d quads, %d nodes, %d references; want %d, %d, %d", nq, nn, refs, len(all), len(values), 4*len(all))
			}
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
			case !tc.wantRebuilt && !tc.fail && len(got) > 0:
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

// TestPostgresSlowFirstLoad: a streamed first load whose reports take
// longer to map than the client waits for an answer of the server
// (AnswerTimeout, 3 s here) completes: no COPY stays open while reports are mapped
// (the 10M load lost its connection 86 s in when one COPY spanned the
// whole load).
func TestPostgresSlowFirstLoad(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t))
	// Long enough for one COPY of a batch under the race detector on a
	// busy machine; the reports take longer than that to map.
	setAnswerTimeout(t, 3*time.Second)
	s := open(t, "postgres", dsn)
	var all []quad.Quad
	var parts []store.Part
	for i := range 24 { // 72,000 quads, more than one COPY's batch
		qs := bigGraph(fmt.Sprintf("slow-%02d", i), 3000, "v1")
		all = append(all, qs...)
		parts = append(parts, store.Part{Graph: qs[0].Label, Quads: func() ([]quad.Quad, error) {
			time.Sleep(time.Duration(runtime.GOMAXPROCS(0)) * 300 * time.Millisecond) // 24 parts, GOMAXPROCS at a time: 7.2 s
			return qs, nil
		}})
	}
	start := time.Now()
	res, err := s.ReplaceParts(context.Background(), nil, parts)
	if err != nil {
		t.Fatalf("ReplaceParts: %v", err)
	}
	if res.Added != len(all) {
		t.Errorf("added %d quads, want %d", res.Added, len(all))
	}
	if d := time.Since(start); d < 2*store.AnswerTimeout {
		t.Logf("the load took %s, under twice AnswerTimeout (%s): a fast machine; the test proves less", d, store.AnswerTimeout)
	}
	storetest.SameBytes(t, "export after the load", storetest.Export(t, s, nil), storetest.Expected(t, all))
}

// TestPostgresFirstLoadIdle: a streamed first load holds its transaction
// open while reports are mapped; a report slower to map than the
// session's idle_in_transaction_session_timeout (a minute by default,
// one second here, set in the DSN) does not end the session.
func TestPostgresFirstLoadIdle(t *testing.T) {
	dsn := freshDatabase(t, postgresAdmin(t)) + "&idle_in_transaction_session_timeout=1000"
	s := open(t, "postgres", dsn)
	qs := bigGraph("idle", 3000, "v1")
	parts := []store.Part{{Graph: qs[0].Label, Quads: func() ([]quad.Quad, error) {
		time.Sleep(2500 * time.Millisecond)
		return qs, nil
	}}}
	res, err := s.ReplaceParts(context.Background(), nil, parts)
	if err != nil {
		t.Fatalf("ReplaceParts: %v", err)
	}
	if res.Added != len(qs) {
		t.Errorf("added %d quads, want %d", res.Added, len(qs))
	}
	storetest.SameBytes(t, "export after the load", storetest.Export(t, s, nil), storetest.Expected(t, qs))
}
