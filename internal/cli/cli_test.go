package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/cli"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/externaltest"
)

// confgraph runs the command line in process and returns its exit status,
// standard output and standard error.
func confgraph(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) (string, string) {
	t.Helper()
	code, out, errs := confgraph(t, args...)
	if code != 0 {
		t.Fatalf("confgraph %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out, errs
}

const reportID = "party-building-conference-2023-de"

// embedded reads the data files embedded in the binary; tests that count
// facts over every report count them here.
func embedded(t *testing.T) []*dataset.File {
	t.Helper()
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// attendances counts the attendances the embedded reports state.
func attendances(t *testing.T) int {
	n := 0
	for _, f := range embedded(t) {
		n += len(f.Attendances)
	}
	return n
}

func TestExportIsStable(t *testing.T) {
	a, _ := mustRun(t, "export")
	b, _ := mustRun(t, "export")
	if a != b {
		t.Fatal("two exports differ")
	}
	lines := strings.Split(strings.TrimSuffix(a, "\n"), "\n")
	if len(lines) < 500 {
		t.Fatalf("export has %d lines", len(lines))
	}
	if !sort.StringsAreSorted(lines) {
		t.Error("export is not sorted")
	}
	for _, w := range []string{
		// §5: the resolution's identifier, §3: the Vietnamese spelling supplied by the curator.
		`<http://schema.org/identifier> "21-NQ/TW"`,
		`"Trương Thị Mai"@vi`,
		`"2023-12-28"^^<http://www.w3.org/2001/XMLSchema#date>`,
	} {
		if !strings.Contains(a, w) {
			t.Errorf("export lacks %s", w)
		}
	}
	if strings.Contains(a, "_:") {
		t.Error("export contains a blank node")
	}

	g, _ := mustRun(t, "export", "--graph", reportID)
	for _, l := range strings.Split(strings.TrimSuffix(g, "\n"), "\n") {
		if !strings.HasSuffix(l, "<https://confgraph.example/id/graph/"+reportID+"> .") {
			t.Fatalf("--graph output has a quad of another graph: %s", l)
		}
	}
	if len(g) >= len(a) || len(g) == 0 {
		t.Errorf("--graph output has %d bytes of %d", len(g), len(a))
	}
	code, _, errs := confgraph(t, "export", "--graph", "no-such-report")
	var graphs []string // every embedded report's graph, from the data files, sorted, then the vocabulary
	for _, id := range embeddedReports(t) {
		graphs = append(graphs, "<https://confgraph.example/id/graph/"+id+">")
	}
	if want := "confgraph: graph <https://confgraph.example/id/graph/no-such-report> is not in the store; graphs: " + strings.Join(graphs, " ") + " <https://confgraph.example/vocab>\n"; code != 1 || errs != want {
		t.Errorf("unknown graph: exit %d, stderr %q; want exit 1, %q", code, errs, want)
	}

	dir := t.TempDir()
	mustRun(t, "export", "-o", filepath.Join(dir, "out.nq"))
	f, err := os.ReadFile(filepath.Join(dir, "out.nq"))
	if err != nil || string(f) != a {
		t.Errorf("-o wrote %d bytes (err %v), stdout had %d", len(f), err, len(a))
	}
}

// TestExportParsesInOxigraph hands the export to the strictest reader here.
func TestExportParsesInOxigraph(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cg.db")
	mustRun(t, "load", "--db", "bolt", "--dbpath", db)
	mustRun(t, "load", "--db", "bolt", "--dbpath", db, filepath.Join("testdata", "hostile.yaml"))
	out, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
	got, err := externaltest.Oxigraph(t, []byte(out), externaltest.NQuads)
	if err != nil {
		t.Fatalf("oxigraph rejects the export: %v", err)
	}
	ours := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != len(ours) {
		t.Errorf("oxigraph read %d quads, export has %d lines", len(got), len(ours))
	}
	all := strings.Join(got, "\n")
	for _, w := range []string{
		`"Trương Thị Mai — Ngô Đông Hải, Phạm Văn Tuấn: ằẳẵặ ỳỷỹỵ ơớờởỡợ"@vi`,
		`"Ort \"mit\" Zitat \\ und Ümläuten: äöüß ÄÖÜ"@de`,
		`"ends with a backslash \\"@de`,
		`"tab\there, newline\nthere, backslash \\n literal"@en`,
		`"Line one\nline two\twith a tab\nand a line after it"@en`,
		`"Người 👩‍💼 với emoji và Steuerzeichen"@de`,
	} {
		if !strings.Contains(all, w) {
			t.Errorf("oxigraph's reading lacks %s", w)
		}
	}
}

func TestLoadIsIdempotentAndSameOnEveryStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cg.db")
	// The counts a load reports: the embedded reports, their graphs and the
	// vocabulary's, and as many quads as the in-memory export has lines.
	reports := len(embeddedReports(t))
	mem, _ := mustRun(t, "export")
	quads := strings.Count(mem, "\n")
	summary := func(added int) string {
		return fmt.Sprintf("loaded %d report(s) and 0 RDF file(s) into bolt: %d graph(s), %d quads, %d added, 0 removed; %s quads in TIME, RATE quads/s\n",
			reports, reports+1, quads, added, thousands(quads))
	}
	_, first := mustRun(t, "load", "--db", "bolt", "--dbpath", db)
	var added, unchanged strings.Builder // a line per report, in file order; its quads are those its graph exports
	for _, f := range embedded(t) {
		id := f.Report.ID.V
		g, _ := mustRun(t, "export", "--graph", id)
		fmt.Fprintf(&added, "added %s (%d quads)\n", id, strings.Count(g, "\n"))
		fmt.Fprintf(&unchanged, "unchanged %s\n", id)
	}
	if want := added.String() + summary(quads); maskTiming(first) != want {
		t.Errorf("first load: %q, want %q", first, want)
	}
	_, again := mustRun(t, "load", "--db", "bolt", "--dbpath", db)
	if want := unchanged.String() + summary(0); maskTiming(again) != want {
		t.Errorf("second load changed the store: %q, want %q", again, want)
	}
	fromBolt, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
	fromMem, _ := mustRun(t, "export")
	if fromBolt != fromMem {
		t.Error("bolt and memstore exports differ")
	}
	// The environment variables select the store too.
	t.Setenv("CONFGRAPH_DB", "bolt")
	t.Setenv("CONFGRAPH_DBPATH", db)
	fromEnv, _ := mustRun(t, "export")
	if fromEnv != fromBolt {
		t.Error("export via CONFGRAPH_DB/CONFGRAPH_DBPATH differs")
	}
}

// TestFailedLoadChangesNothing loads every broken data file of the
// validator's test suite into a filled bolt store: each must fail with
// file:line:col messages and leave the export byte for byte as it was.
func TestFailedLoadChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cg.db")
	mustRun(t, "load", "--db", "bolt", "--dbpath", db)
	before, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
	bad, _ := filepath.Glob(filepath.Join("..", "dataset", "testdata", "bad", "*.yaml"))
	if len(bad) < 10 {
		t.Fatalf("found only %d bad files", len(bad))
	}
	for _, f := range bad {
		// A good file next to the bad one must not be loaded either.
		code, _, errs := confgraph(t, "load", "--db", "bolt", "--dbpath", db, filepath.Join("testdata", "hostile.yaml"), f)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", f, code)
		}
		if want := problems(t, f) + "; nothing was loaded\n"; errs != want {
			t.Errorf("%s: stderr is\n%s\nwant\n%s", f, errs, want)
		}
		after, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
		if after != before {
			t.Fatalf("%s: store changed by a failed load", f)
		}
	}
	code, _, errs := confgraph(t, "validate", bad[0])
	if want := problems(t, bad[0]) + "\n"; code != 1 || errs != want {
		t.Errorf("validate of a bad file: exit %d, stderr\n%s\nwant exit 1 and\n%s", code, errs, want)
	}
}

// problems is what confgraph prints for the broken data file f of the
// validator's suite: the problems of its golden file, each naming f as
// given, and the count, up to the end of that line.
// embeddedReports returns the report IDs of the embedded data files, sorted.
func embeddedReports(t *testing.T) []string {
	t.Helper()
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range files {
		ids = append(ids, f.Report.ID.V)
	}
	sort.Strings(ids)
	return ids
}

// thousands writes n with comma separators, as the summary lines do.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func problems(t *testing.T, f string) string {
	t.Helper()
	data, err := os.ReadFile(strings.TrimSuffix(f, ".yaml") + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, l := range lines {
		lines[i] = filepath.Dir(f) + string(filepath.Separator) + l // not Join: it would clean "//" inside the message
	}
	return strings.Join(lines, "\n") + fmt.Sprintf("\nconfgraph: %d problem(s) found", len(lines))
}

// timing matches the elapsed time and the rate of a summary line, the part
// that differs from run to run: "in 21ms, 7,243 quads/s".
var timing = regexp.MustCompile(`\bin [0-9][0-9a-zµ.]*, [0-9][0-9,.]* quads/s`)

// maskTiming replaces the timings of summary lines by "in TIME, RATE
// quads/s", so that the rest can be compared exactly.
func maskTiming(s string) string { return timing.ReplaceAllString(s, "in TIME, RATE quads/s") }

func TestReloadReplacesChangedReport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cg.db")
	data, err := os.ReadFile(filepath.Join("testdata", "hostile.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "r.yaml")
	os.WriteFile(f, data, 0o644)
	mustRun(t, "load", "--db", "bolt", "--dbpath", db)
	mustRun(t, "load", "--db", "bolt", "--dbpath", db, f)
	report, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db, "--graph", reportID)
	// Drop the person from the file and load it again.
	cut := strings.Index(string(data), "people:")
	os.WriteFile(f, data[:cut], 0o644)
	_, msg := mustRun(t, "load", "--db", "bolt", "--dbpath", db, f)
	if !strings.Contains(msg, " 0 added") || strings.Contains(msg, " 0 removed") {
		t.Errorf("reload: %s", msg)
	}
	out, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
	if strings.Contains(out, "emoji-person") {
		t.Error("removed person still in the store")
	}
	if !strings.Contains(out, "quote-place") {
		t.Error("kept place missing")
	}
	again, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db, "--graph", reportID)
	if again != report {
		t.Error("reloading one report changed another report's graph")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", "--db", "nosuch"}, 2, `unknown store "nosuch" (valid: bolt, cockroach, memstore, postgres)`},
		{[]string{"export", "--db", "bolt"}, 2, "store bolt needs --dbpath (or CONFGRAPH_DBPATH), e.g. ./confgraph.db"},
		{[]string{"export", "--dbpath", "x.db"}, 2, "store memstore keeps nothing on disk; drop --dbpath or use --db bolt"},
		{[]string{"export", "--base", "not an iri"}, 2, `base IRI "not an iri" is not an absolute http(s) IRI (use e.g. https://confgraph.example/id/)`},
		{[]string{"export", "--base", "ftp://example.org/id/"}, 2, `base IRI "ftp://example.org/id/" is not an absolute http(s) IRI (use e.g. https://confgraph.example/id/)`},
		{[]string{"export", "--base", "file://host/id/"}, 2, `base IRI "file://host/id/" is not an absolute http(s) IRI (use e.g. https://confgraph.example/id/)`},
		{[]string{"export", "--base", "https://example.org/a#b#"}, 2, `base IRI "https://example.org/a#b#" has more than one #; an IRI has at most one fragment (end it with / or a single #)`},
		{[]string{"export", "--base", "https://example.org/id"}, 2, `base IRI "https://example.org/id" must end with / or # (use e.g. https://confgraph.example/id/)`},
		{[]string{"query", "attendance", "--max-width", "-5"}, 2, "--max-width must be 0 (never cut cells) or more, got -5"},
		{[]string{"nosuchcommand"}, 2, `unknown command "nosuchcommand" for "confgraph"`},
		{[]string{"export", "--nosuchflag"}, 2, "unknown flag: --nosuchflag"},
		{[]string{"load", "no/such/file.yaml"}, 1, "read no/such/file.yaml: no such file or directory"},
	} {
		want := "confgraph: " + c.want + "\n"
		if c.code == 2 {
			want += "Run 'confgraph --help' for usage.\n"
		}
		code, _, errs := confgraph(t, c.args...)
		if code != c.code || errs != want {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, errs, c.code, want)
		}
	}
}

// TestMistypedStorePath: a command that only reads must not create an empty
// store at a mistyped --dbpath and report it as empty.
func TestMistypedStorePath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{{"export"}, {"stats"}, {"query", "attendance"}} {
		code, _, errs := confgraph(t, append(args, "--db", "bolt", "--dbpath", missing)...)
		if want := "confgraph: no bolt store at " + missing + ": check --dbpath (or CONFGRAPH_DBPATH), or create it with 'confgraph load' or 'confgraph init'\n"; code != 1 || errs != want {
			t.Errorf("%v: exit %d, stderr %q; want exit 1, %q", args, code, errs, want)
		}
		if _, err := os.Stat(missing); !os.IsNotExist(err) {
			t.Fatalf("%v created %s", args, missing)
		}
	}
}

func TestStats(t *testing.T) {
	out, _ := mustRun(t, "stats")
	for _, w := range []string{"quads", "https://confgraph.example/id/graph/" + reportID, "cg:Attendance", "schema:Person", "org:Membership"} {
		if !strings.Contains(out, w) {
			t.Errorf("stats lack %s:\n%s", w, out)
		}
	}
	// The seed states twelve attendances (§2–§8: three people, nine
	// groups); the other embedded reports add theirs.
	want := strconv.Itoa(attendances(t))
	for _, l := range strings.Split(out, "\n") {
		if strings.HasSuffix(l, " cg:Attendance") && strings.TrimSpace(strings.TrimSuffix(l, "cg:Attendance")) != want {
			t.Errorf("attendance count line %q, want %s", l, want)
		}
	}
}
