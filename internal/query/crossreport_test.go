package query

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/dataset"
)

// crossParams are the parameter sets each bundled query runs with below:
// none, the twin's, and the cases of bundled_test.go.
func crossParams(q *Query) []map[string]string {
	sets := []map[string]string{}
	if len(q.ExampleParams()) > 0 {
		sets = append(sets, q.ExampleParams())
	} else if q.CheckParams(nil) == nil {
		sets = append(sets, nil)
	}
	for _, tc := range bundledCases {
		if tc.query == q.Name {
			sets = append(sets, tc.params)
		}
	}
	if q.Name == "post-holders" {
		sets = append(sets, map[string]string{"post": "secretariat-standing-member"})
	}
	if q.Name == "person" {
		sets = append(sets, map[string]string{"name": "ngo-dong-hai"})
	}
	return sets
}

// TestOtherReportsLeaveSeedRows loads other reports beside the seed (the
// made-up fixture of testdata, alone and with every report of graph/) and
// wants, for every bundled query at default settings, the seed's rows
// byte-identical to the seed-only run, no duplicate row, and a report on
// every row.
func TestOtherReportsLeaveSeedRows(t *testing.T) {
	ctx := context.Background()
	seed := storeOf(t, embeddedFiles(t, true))
	fixture := fixtureFiles(t)
	merged := map[string][]*dataset.File{
		"seed+fixture":   fixture,
		"graph/+fixture": append(embeddedFiles(t, false), fixture[len(fixture)-1]),
	}
	for name, files := range merged {
		s := storeOf(t, files)
		for _, q := range mustBundled(t) {
			for _, params := range crossParams(q) {
				alone, err := q.Run(ctx, seed, params, Options{})
				if err != nil {
					t.Fatalf("%s %v on the seed: %v", q.Name, params, err)
				}
				all, err := q.Run(ctx, s, params, Options{})
				if err != nil {
					t.Fatalf("%s %v on %s: %v", q.Name, params, name, err)
				}
				ri := -1
				for i, c := range q.Columns {
					if c == "report" {
						ri = i
					}
				}
				if ri < 0 {
					t.Fatalf("%s has no report column", q.Name)
				}
				seen := map[string]bool{}
				mine := &Result{Columns: all.Columns}
				for _, r := range all.Rows {
					k := strings.Join(r, "\x00")
					if seen[k] {
						t.Errorf("%s %v on %s: duplicate row %q", q.Name, params, name, r)
					}
					seen[k] = true
					if r[ri] == "" {
						t.Errorf("%s %v on %s: row without a report %q", q.Name, params, name, r)
					}
					if r[ri] == seedReport {
						mine.Rows = append(mine.Rows, r)
					}
				}
				var a, b bytes.Buffer
				if err := Write(&a, alone, "table"); err != nil {
					t.Fatal(err)
				}
				if err := Write(&b, mine, "table"); err != nil {
					t.Fatal(err)
				}
				if a.String() != b.String() {
					t.Errorf("%s %v: the seed's rows on %s differ from the seed-only run:\n%s\nwant\n%s", q.Name, params, name, b.String(), a.String())
				}
			}
		}
	}
}

// TestFixtureRows checks rows the made-up fixture states beside the seed,
// read from the two data files: the seed's post "ständiges Mitglied des
// Sekretariats" held by Truong Thi Mai (§3, §9, current on 2023-12-28) and
// the fixture's former holder Tran Van Example (2016 to 2020-10, its §3),
// each named in its own report's language; Ngo Dong Hai's posts in time
// order (the fixture's alternate membership elected 2020-10, then the
// seed's two posts on 2023-12-28); and --lang.
func TestFixtureRows(t *testing.T) {
	ctx := context.Background()
	s := storeOf(t, fixtureFiles(t))
	const fix = "made-up-test-report-2020-en"
	run := func(name string, params map[string]string, lang string) [][]string {
		t.Helper()
		q, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := q.Run(ctx, s, params, Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		return res.Rows
	}
	// date post organisation holder status start end as_of report paragraphs
	check(t, "post-holders", run("post-holders", map[string]string{"post": "secretariat-standing-member"}, ""), [][]string{
		{"2016", "permanent member of the Secretariat", "Secretariat", "Tran Van Example", "former", "2016", "2020-10", "2020-10-15", fix, "3"},
		{date, secMember, "Sekretariat", ttm, "current", "", "", date, rep, "3; 9"},
	})
	// With --lang vi the fixture's Vietnamese names win for both rows; the
	// seed names its post in German and English only.
	check(t, "post-holders --lang vi", run("post-holders", map[string]string{"post": "secretariat-standing-member"}, "vi"), [][]string{
		{"2016", "Thường trực Ban Bí thư", "Ban Bí thư", "Trần Văn Ví Dụ", "former", "2016", "2020-10", "2020-10-15", fix, "3"},
		{date, "Thường trực Ban Bí thư", "Ban Bí thư", "Trương Thị Mai", "current", "", "", date, rep, "3; 9"},
	})
	// With --lang en each row keeps its own report's English name first.
	check(t, "post-holders --lang en", run("post-holders", map[string]string{"post": "secretariat-standing-member"}, "en"), [][]string{
		{"2016", "permanent member of the Secretariat", "Secretariat", "Tran Van Example", "former", "2016", "2020-10", "2020-10-15", fix, "3"},
		{date, "Standing Member of the Secretariat", "Secretariat of the Central Committee", ttm, "current", "", "", date, rep, "3; 9"},
	})
	var holds [][]string
	for _, r := range run("person", map[string]string{"name": "Ngô Đông Hải"}, "") {
		if r[2] == "holds post" {
			holds = append(holds, r)
		}
	}
	// date person relation object detail status start end as_of report paragraphs
	check(t, "person ngo-dong-hai", holds, [][]string{
		{"2020-10", "Mr Ngo Dong Hai", "holds post", "Central Committee member", "Party Central Committee", "elected (alternate)", "2020-10", "", "2020-10-15", fix, "4"},
		{date, ndh, "holds post", ccMember, "Zentralkomitee der Partei", "current", "", "", date, rep, "2; 4"},
		{date, ndh, "holds post", provSec, "Provinzparteikomitee", "current", "", "", date, rep, "2; 4"},
	})
	// The fixture's statement (its §5) and its event without a bridge.
	var said [][]string
	for _, r := range run("person", map[string]string{"name": "truong-thi-mai"}, "") {
		if r[9] == fix && r[2] != "holds post" {
			said = append(said, r)
		}
	}
	check(t, "person truong-thi-mai, fixture", said, [][]string{
		{"2020-10-05", "Ms Truong Thi Mai", "appreciated", "Made-up statement for tests.", "Hanoi", "", "", "", "", fix, "5"},
		{"2020-10-05", "Ms Truong Thi Mai", "attended", "Made-up plenum", "", "", "2020-10-05", "2020-10-15", "", fix, "5"},
	})
	var evs [][]string
	for _, r := range run("events", nil, "") {
		if r[6] == fix {
			evs = append(evs, r)
		}
	}
	// event start end place bridges attendees report paragraphs
	check(t, "events, fixture", evs, [][]string{{"Made-up plenum", "2020-10-05", "2020-10-15", "Hanoi", "", "2", fix, "1"}})
}

func check(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d:\n%q", what, len(got), len(want), got)
		return
	}
	for i := range want {
		if strings.Join(got[i], " | ") != strings.Join(want[i], " | ") {
			t.Errorf("%s: row %d\n got %q\nwant %q", what, i, got[i], want[i])
		}
	}
}
