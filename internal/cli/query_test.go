package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The acceptance check: 'confgraph query attendance' prints who
// attended which bridge in what role. §2/§4: Ngo Dong Hai at the central
// bridge as member of the Central Committee and provincial secretary; §3:
// Truong Thi Mai in Hanoi; §8: delegates at the Thai Binh bridge.
func TestQueryAttendanceTable(t *testing.T) {
	out, _ := mustRun(t, "query", "attendance")
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "event") || !strings.Contains(lines[0], "attendee") || !strings.Contains(lines[0], "posts") {
		t.Fatalf("header %q", lines[0])
	}
	var ndh string
	for i, l := range lines {
		if strings.Contains(l, "Ngo Dong Hai") {
			ndh = l + "\n" + lines[i+1]
		}
	}
	for _, w := range []string{"Zentralbrücke", "Mitglied des Zentralkomitees der Partei", "Sekretär des Provinzparteikomitees", "2; 4"} {
		if !strings.Contains(ndh, w) {
			t.Errorf("Ngo Dong Hai's row %q lacks %q", ndh, w)
		}
	}
	// One row per attendance: the seed's twelve (§2–§8) and the other
	// embedded reports'.
	if n := attendances(t); !strings.Contains(out, fmt.Sprintf("(%d rows)", n)) {
		t.Errorf("want %d attendances, got:\n%s", n, out)
	}
}

func TestQueryFormats(t *testing.T) {
	out, _ := mustRun(t, "query", "bridges", "--format", "json")
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// §2, §4, §6 central bridge; §4, §8 Thai Binh bridge.
	if len(rows) != 2 || rows[0]["bridge"] != "Thai-Binh-Brücke" || rows[1]["bridge"] != "Zentralbrücke" || rows[1]["central"] != "yes" {
		t.Errorf("rows %v", rows)
	}
	out, _ = mustRun(t, "query", "co-attendees", "-p", "person=Ngô Đông Hải", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// §4, §6: Pham Van Tuan and delegates share his bridge.
	if len(recs) != 3 || strings.Join(recs[0], ",") != "person,event,at,co_attendee,kind,report,paragraphs" {
		t.Errorf("csv %q", recs)
	}
}

func TestQueryList(t *testing.T) {
	out, _ := mustRun(t, "queries")
	for _, w := range []string{"attendance", "bridges", "person", "organisations", "documents", "targets", "sources", "co-attendees",
		"--param name=VALUE", "required", `--param event=VALUE`, `default ""`, "columns:"} {
		if !strings.Contains(out, w) {
			t.Errorf("'confgraph queries' lacks %q", w)
		}
	}
}

func TestQueryAdhoc(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "q.js")
	os.WriteFile(f, []byte(`g.V("<https://confgraph.example/id/place/hanoi>").in("<https://confgraph.example/vocab#at>").all()`), 0o644)
	out, _ := mustRun(t, "query", "-f", f, "--format", "json")
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 { // §3: five attendances in Hanoi
		t.Errorf("%d rows, want 5", len(rows))
	}
	out, _ = mustRun(t, "query", "--lang", "mql", "-e", `[{"id": null, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>": "<http://schema.org/Person>"}]`)
	// One row per person the embedded reports name (an ID shared by two
	// reports is one person).
	people := map[string]bool{}
	for _, f := range embedded(t) {
		for _, p := range f.People {
			people[p.ID.V] = true
		}
	}
	if !strings.Contains(out, fmt.Sprintf("(%d rows)", len(people))) {
		t.Errorf("mql: want %d people: %s", len(people), out)
	}
}

func TestQueryErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want []string
		// stderr is the whole of standard error: these messages do not
		// depend on the machine.
		stderr string
	}{
		{"unknown query", []string{"query", "attendence"}, 2, []string{`no bundled query "attendence"`, "confgraph queries"}, "confgraph: no bundled query \"attendence\"; bundled queries: attendance, bridges, co-attendees, documents, events, organisations, person, post-holders, sources, targets (see 'confgraph queries')\nRun 'confgraph --help' for usage.\n"},
		{"unknown param", []string{"query", "bridges", "--param", "place=Hanoi"}, 2, []string{`no parameter "place"`, "valid: event"}, "confgraph: query bridges has no parameter \"place\" (valid: event)\nRun 'confgraph --help' for usage.\n"},
		{"param without =", []string{"query", "person", "--param", "Truong"}, 2, []string{"not KEY=VALUE"}, "confgraph: --param \"Truong\" is not KEY=VALUE\nRun 'confgraph --help' for usage.\n"},
		{"missing param", []string{"query", "person"}, 2, // a usage error, like an unknown parameter (docs/queries.md, Parameters)
			[]string{"needs --param name=VALUE"}, "confgraph: query person needs --param name=VALUE (The person: any label in any spelling (\"Trương Thị Mai\", \"truong thi mai\"), an ID or an IRI.)\nRun 'confgraph --help' for usage.\n"},
		{"unknown name", []string{"query", "person", "--param", "name=Truong Thi"}, 1, []string{`no person named "Truong Thi"`, "Truong Thi Mai"}, "confgraph: query person, parameter name: no person named \"Truong Thi\"; close matches: \"Truong Thi Mai\" (truong-thi-mai); searched the embedded seed only, as no --db was given (pass --db and --dbpath to query your store)\n"},
		{"bad format", []string{"query", "bridges", "--format", "xml"}, 2, []string{`unknown --format "xml"`}, "confgraph: unknown --format \"xml\" (valid: table, json, csv)\nRun 'confgraph --help' for usage.\n"},
		{"nothing to run", []string{"query"}, 2, []string{"name a bundled query"}, "confgraph: name a bundled query (see 'confgraph queries') or give one with -e or -f\nRun 'confgraph --help' for usage.\n"},
		{"both name and -e", []string{"query", "bridges", "-e", "1"}, 2, []string{"not both"}, "confgraph: give either a bundled query NAME or -e/-f, not both\nRun 'confgraph --help' for usage.\n"},
		{"bad language", []string{"query", "--query-lang", "sql", "-e", "x"}, 2, []string{`unknown query language "sql"`}, "confgraph: unknown query language \"sql\" (valid: gizmo, graphql, mql)\nRun 'confgraph --help' for usage.\n"},
		{"bad name language", []string{"query", "person", "--lang", "d e"}, 2, []string{`--lang "d e" is not a language tag`}, "confgraph: --lang \"d e\" is not a language tag (give one such as en, de or vi)\nRun 'confgraph --help' for usage.\n"},
		{"syntax error", []string{"query", "-e", "g.V(."}, 1, []string{"gizmo syntax error", "Line 1:"}, "confgraph: gizmo syntax error: Line 1:5 Unexpected token . (and 1 more errors)\n"},
		{"runaway", []string{"query", "-e", "while(true){}", "--timeout", "200ms"}, 1, []string{"200ms timeout"}, "confgraph: query stopped: it ran longer than the 200ms timeout (raise it with --timeout, or start the query from a more selective node)\n"},
		{"missing file", []string{"query", "-f", "/nonexistent/q.js"}, 1, []string{"read query"}, "confgraph: read query: open /nonexistent/q.js: no such file or directory\n"},
		{"bad timeout", []string{"query", "bridges", "--timeout", "0s"}, 2, []string{"--timeout must be positive"}, "confgraph: --timeout must be positive, e.g. 30s\nRun 'confgraph --help' for usage.\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := confgraph(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tc.code, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
			if errs != tc.stderr {
				t.Errorf("stderr is\n%s\nwant\n%s", errs, tc.stderr)
			}
		})
	}
}

// Bundled queries run on the bolt store too, loaded with 'confgraph load'.
func TestQueryBolt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cg.db")
	mustRun(t, "load", "--db", "bolt", "--dbpath", db)
	out, _ := mustRun(t, "query", "person", "--db", "bolt", "--dbpath", db, "-p", "name=truong thi mai", "--format", "json")
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	// §3: her attendance in Hanoi is among her rows.
	found := false
	for _, r := range rows {
		if r["relation"] == "attended" && r["detail"] == "Hanoi" && r["paragraphs"] == "3" {
			found = true
		}
	}
	if !found {
		t.Errorf("no attendance in Hanoi (§3) among %v", rows)
	}
}

// A row limit that cuts rows off says so: on the table's last line, and on
// standard error for JSON and CSV.
func TestQueryLimitCut(t *testing.T) {
	out, errs := mustRun(t, "query", "attendance", "--limit", "2")
	if !strings.HasSuffix(out, "\n(2 rows; more rows were cut off by the limit, raise it with --limit)\n") || errs != "" {
		t.Errorf("table: stdout ends %q, stderr %q", out[max(0, len(out)-80):], errs)
	}
	_, errs = mustRun(t, "query", "attendance", "--limit", "2", "--format", "csv")
	if want := "confgraph: only the first 2 rows are shown; raise --limit\n"; errs != want {
		t.Errorf("csv: stderr %q, want %q", errs, want)
	}
}
