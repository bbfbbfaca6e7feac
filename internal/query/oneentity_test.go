package query

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestOneEntityParams checks the parameters that narrow the listing
// queries (events, documents, organisations, targets) to one entity: the
// rows given the entity are exactly the rows of the whole listing whose
// column names it. The names are the data's (the seed report's German
// names; "Made-up plenum" is the event of the made-up second report).
func TestOneEntityParams(t *testing.T) {
	ctx := context.Background()
	seedAndMadeUp := storeOf(t, fixtureFiles(t))
	for _, tc := range []struct {
		query, param, id, column, name string
		none                           bool // the entity has no rows in this query
	}{
		{query: "events", param: "event", id: "made-up-plenum-2020", column: "event", name: "Made-up plenum"},
		{query: "events", param: "event", id: "party-building-conference-2023", column: "event", name: conf},
		{query: "documents", param: "document", id: "resolution-21-nq-tw", column: "document", name: "Resolution Nr. 21-NQ/TW des Zentralkomitees der Partei (13. Amtszeit)"},
		{query: "organisations", param: "organisation", id: "central-organising-commission", column: "organisation", name: coc},
		{query: "targets", param: "event", id: "party-building-conference-2023", column: "event", name: conf},
		// The made-up report sets no directive or target at its plenum.
		{query: "targets", param: "event", id: "made-up-plenum-2020", column: "event", name: "Made-up plenum", none: true},
	} {
		t.Run(tc.query+"/"+tc.id, func(t *testing.T) {
			q, err := Lookup(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			all, err := q.Run(ctx, seedAndMadeUp, nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			col := slices.Index(q.Columns, tc.column)
			var want [][]string
			for _, r := range all.Rows {
				if slices.Contains(strings.Split(r[col], ListSep), tc.name) {
					want = append(want, r)
				}
			}
			got, err := q.Run(ctx, seedAndMadeUp, map[string]string{tc.param: tc.id}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.none && len(got.Rows) != 0:
				t.Fatalf("%d rows, want none: %v", len(got.Rows), got.Rows)
			case !tc.none && (len(want) == 0 || len(want) == len(all.Rows)):
				t.Fatalf("%d of %d rows name %q: the case proves nothing", len(want), len(all.Rows), tc.name)
			}
			if !slices.EqualFunc(got.Rows, want, slices.Equal[[]string]) {
				t.Errorf("given %s=%s:\n got %v\nwant %v", tc.param, tc.id, got.Rows, want)
			}
		})
	}
}
