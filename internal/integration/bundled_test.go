// Package integration_test checks what takes several packages together:
// the bundled queries (internal/query) on every store backend
// (internal/store), so that the store's own suite (storetest) does not
// depend on the query engine.
package integration_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// bundledParams are the parameters the bundled queries are run with: the
// required ones, plus a filtered variant where a filter exists. Trương Thị
// Mai is named in §3 of the report.
var bundledParams = map[string][]map[string]string{
	"co-attendees": {{"person": "Trương Thị Mai"}},
	"person":       {{"name": "Trương Thị Mai"}},
	"sources":      {{"entity": "Trương Thị Mai"}},
}

// TestBundledQueriesSameRowsAsMemstore runs every bundled query on every
// backend (storetest.Targets: PostgreSQL too when CONFGRAPH_TEST_POSTGRES
// is set) and on memstore, all loaded with the curated data, and wants the
// same rows.
func TestBundledQueriesSameRowsAsMemstore(t *testing.T) {
	for _, target := range storetest.Targets(t) {
		t.Run(target.Name, func(t *testing.T) { testBundled(t, target) })
	}
}

func testBundled(t *testing.T, target storetest.Target) {
	s, _ := target.New(t)
	qs := storetest.Curated(t)
	storetest.Load(t, s, qs)
	ref, err := store.Open(context.Background(), "memstore", "")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	storetest.Load(t, ref, qs)
	bundled, err := query.Bundled()
	if err != nil || len(bundled) == 0 {
		t.Fatalf("no bundled queries: %v", err)
	}
	for _, q := range bundled {
		runs := bundledParams[q.Name]
		if runs == nil {
			runs = []map[string]string{nil}
		}
		for _, params := range runs {
			want, err := query.RunBundled(context.Background(), ref, q.Name, params)
			if err != nil {
				t.Errorf("%s %v on memstore: %v", q.Name, params, err)
				continue
			}
			if len(want.Rows) == 0 {
				t.Errorf("%s %v: no rows on memstore; the comparison would prove nothing", q.Name, params)
			}
			got, err := query.RunBundled(context.Background(), s, q.Name, params)
			if err != nil {
				t.Errorf("%s %v on %s: %v", q.Name, params, target.Name, err)
				continue
			}
			if g, w := fmt.Sprint(got.Rows), fmt.Sprint(want.Rows); g != w {
				t.Errorf("%s %v: %s returns %d rows, memstore %d; first difference:\n%s", q.Name, params, target.Name, len(got.Rows), len(want.Rows), firstDiff(got.Rows, want.Rows))
			}
		}
	}
}

func firstDiff(got, want [][]string) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w []string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if fmt.Sprint(g) != fmt.Sprint(w) {
			return fmt.Sprintf(" got row %d: %q\nwant row %d: %q", i, g, i, w)
		}
	}
	return "(none)"
}
