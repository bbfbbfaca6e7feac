package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/externaltest"
)

// TestEveryFormatByNameAndByExtension: each format comes out of one
// command, the same bytes twice, and -o FILE.ext writes what --format does.
func TestEveryFormatByNameAndByExtension(t *testing.T) {
	dir := t.TempDir()
	for _, f := range export.Formats() {
		if f.Name == "svg" && !hasDot() {
			continue
		}
		a, _ := mustRun(t, "export", "--format", f.Name)
		b, _ := mustRun(t, "export", "--format", f.Name)
		if a == "" || a != b {
			t.Errorf("%s: two exports differ or are empty", f.Name)
		}
		out := filepath.Join(dir, "out"+f.Exts[0])
		mustRun(t, "export", "-o", out)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != a {
			t.Errorf("-o %s differs from --format %s", filepath.Base(out), f.Name)
		}
		g, _ := mustRun(t, "export", "--format", f.Name, "--graph", reportID)
		// The entity graph and civic-tech formats leave the vocabulary out
		// anyway, so for them the report's graph is the whole picture when
		// it is the only report embedded.
		noVocab := map[string]bool{"graphml": true, "dot": true, "svg": true, "ftm": true, "popolo": true}
		if g == "" || (g == a) != (noVocab[f.Name] && len(embedded(t)) == 1) {
			t.Errorf("%s: --graph %s gives %d bytes of %d", f.Name, reportID, len(g), len(a))
		}
	}
}

func hasDot() bool {
	for _, p := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(p, "dot")); err == nil {
			return true
		}
	}
	return false
}

func TestExportFormatErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--format", "rdfxml"}, `unknown format "rdfxml" (valid: nquads, ntriples, turtle, trig, jsonld, graphml, dot, svg, csv, ftm, popolo)`},
		{[]string{"export", "-o", "x.txt"}, `cannot tell the format from the extension ".txt" of x.txt; pass --format (valid: nquads, ntriples, turtle, trig, jsonld, graphml, dot, svg, csv, ftm, popolo) or use one of .nq .nt .ttl .trig .jsonld .json .graphml .dot .gv .svg .csv .ftm.json .popolo.json`},
		{[]string{"export", "-o", "x.ftm.json", "--format", "jsonld"}, "--format jsonld does not match the extension of x.ftm.json (a ftm file); change one of them"},
		{[]string{"export", "-o", "x.ttl", "--format", "trig"}, "--format trig does not match the extension of x.ttl (a turtle file); change one of them"},
	} {
		want := "confgraph: " + c.want + "\nRun 'confgraph --help' for usage.\n"
		code, _, errs := confgraph(t, c.args...)
		if code != 2 || errs != want {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, errs, want)
		}
	}
}

// TestTriGOfOneGraph: --graph limits TriG to that graph, and oxigraph reads
// from it exactly the quads of the N-Quads export of that graph.
func TestTriGOfOneGraph(t *testing.T) {
	nq, _ := mustRun(t, "export", "--graph", reportID)
	trig, _ := mustRun(t, "export", "--graph", reportID, "--format", "trig")
	if strings.Contains(trig, "vocab> {") || strings.Count(trig, " {\n") != 1 {
		t.Errorf("TriG of one graph has other graph blocks")
	}
	want, err := externaltest.Oxigraph(t, []byte(nq), externaltest.NQuads)
	if err != nil {
		t.Fatal(err)
	}
	got, err := externaltest.Oxigraph(t, []byte(trig), externaltest.TriG)
	if err != nil {
		t.Fatalf("oxigraph rejects the TriG: %v", err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("TriG gives %d quads, N-Quads %d", len(got), len(want))
	}
}

// TestLoadRDFRoundTrip: the N-Quads and JSON-LD exports load into an empty
// store and export again byte for byte.
func TestLoadRDFRoundTrip(t *testing.T) {
	want, _ := mustRun(t, "export")
	for _, f := range []string{"nquads", "jsonld"} {
		dir := t.TempDir()
		file := filepath.Join(dir, "in."+map[string]string{"nquads": "nq", "jsonld": "jsonld"}[f])
		mustRun(t, "export", "--format", f, "-o", file)
		db := filepath.Join(dir, "cg.db")
		mustRun(t, "load", "--db", "bolt", "--dbpath", db, file)
		got, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
		if got != want {
			t.Errorf("%s: loading the export and exporting again changes it", f)
		}
		_, errs := mustRun(t, "load", "--db", "bolt", "--dbpath", db, file)
		if !strings.Contains(errs, "0 added, 0 removed") {
			t.Errorf("%s: loading again changed the store: %s", f, errs)
		}
	}
}

// TestLoadRDFIsAllOrNothing: one broken RDF file next to good ones loads
// nothing and names the file.
func TestLoadRDFIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cg.db")
	mustRun(t, "load", "--db", "bolt", "--dbpath", db)
	before, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
	good := filepath.Join(dir, "people.nt")
	bad := filepath.Join(dir, "broken.nq")
	os.WriteFile(good, []byte("<https://example.org/a> <http://schema.org/name> \"Ä\" .\n"), 0o644)
	os.WriteFile(bad, []byte("<https://example.org/a> <http://schema.org/name> \"unterminated .\n"), 0o644)
	code, _, errs := confgraph(t, "load", "--db", "bolt", "--dbpath", db, "graph/", good, bad)
	if code != 1 || !strings.Contains(errs, "broken.nq:1:50: not valid N-Quads") || !strings.Contains(errs, "nothing was loaded") {
		t.Errorf("exit %d, %q", code, errs)
	}
	after, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
	if after != before {
		t.Error("a failed load changed the store")
	}
}

// TestLoadRDFRejectsBadIRIs: an IRI with a space, a relative IRI or a bad
// language tag fails the load with file:line:col and loads nothing.
func TestLoadRDFRejectsBadIRIs(t *testing.T) {
	for _, c := range []struct{ file, in, want string }{
		{"space.nt", "<http://x/s> <http://x/p> <http://x/has space> .\n", "space.nt:1:27: not valid N-Triples: object IRI <http://x/has space> contains a space (write it as %20)"},
		{"rel.nt", "<a> <b> \"c\" .\n", "rel.nt:1:1: not valid N-Triples: subject IRI <a> is relative (write an absolute IRI with a scheme, such as <https://example.org/a>)"},
		{"lang.nq", "<http://x/s> <http://x/p> \"c\"@x_y .\n", "lang.nq:1:31: not valid N-Quads: language tag @x_y is not well formed (write e.g. @de, @vi or @de-AT)"},
		{"rel.jsonld", `{"@id": "a", "http://x/p": "c"}`, "rel.jsonld: not valid JSON-LD: IRI <a> is relative (write an absolute IRI with a scheme, such as <https://example.org/a>)"},
	} {
		dir := t.TempDir()
		db := filepath.Join(dir, "cg.db")
		mustRun(t, "load", "--db", "bolt", "--dbpath", db)
		before, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
		f := filepath.Join(dir, c.file)
		os.WriteFile(f, []byte(c.in), 0o644)
		code, _, errs := confgraph(t, "load", "--db", "bolt", "--dbpath", db, f)
		want := dir + string(filepath.Separator) + c.want + "\nconfgraph: 1 problem(s) found; nothing was loaded\n"
		if code != 1 || errs != want {
			t.Errorf("%s: exit %d, %q; want exit 1 and %q", c.file, code, errs, want)
		}
		if after, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db); after != before {
			t.Errorf("%s: a failed load changed the store", c.file)
		}
	}
}

// TestLoadRDFDefaultGraph: default-graph triples go to the graph named
// after the file, or to --graph.
func TestLoadRDFDefaultGraph(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "People List.nt")
	os.WriteFile(good, []byte("<https://example.org/a> <http://schema.org/name> \"Ä\" .\n"), 0o644)
	for _, c := range []struct {
		args  []string
		graph string
	}{
		{nil, "<https://confgraph.example/id/graph/people-list>"},
		{[]string{"--graph", "imported"}, "<https://confgraph.example/id/graph/imported>"},
		{[]string{"--graph", "https://example.org/g"}, "<https://example.org/g>"},
	} {
		db := filepath.Join(t.TempDir(), "cg.db")
		mustRun(t, append([]string{"load", "--db", "bolt", "--dbpath", db, good}, c.args...)...)
		out, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
		want := `<https://example.org/a> <http://schema.org/name> "Ä" ` + c.graph + " .\n"
		if !strings.Contains(out, want) {
			t.Errorf("%v: export lacks %s", c.args, want)
		}
		if strings.Contains(out, reportID) {
			t.Errorf("%v: loading only an RDF file loaded the embedded report too", c.args)
		}
	}
}

// Without Graphviz on PATH, svg says what to install and what to do instead.
func TestExportSVGWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	code, out, errs := confgraph(t, "export", "--format", "svg")
	want := "confgraph: export svg: svg needs Graphviz's dot program: install Graphviz (apt-get install graphviz), or export --format dot and render it elsewhere\n"
	if code != 1 || out != "" || errs != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and stderr %q", code, out, errs, want)
	}
}

// export and load resolve --graph alike: a name that is neither a report ID
// nor an IRI is a usage mistake for both.
func TestGraphArgSameForExportAndLoad(t *testing.T) {
	want := "confgraph: --graph \"Bad Name\" is neither a report ID (lowercase letters and digits, joined by single hyphens, e.g. imported-people) nor an absolute IRI (e.g. https://example.org/graph/people)\nRun 'confgraph --help' for usage.\n"
	nt := filepath.Join(t.TempDir(), "x.nt")
	if err := os.WriteFile(nt, []byte("<http://a> <http://b> <http://c> .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"export", "--graph", "Bad Name"}, {"load", "--graph", "Bad Name", nt}} {
		code, _, errs := confgraph(t, args...)
		if code != 2 || errs != want {
			t.Errorf("%v: exit %d, stderr %q; want exit 2, %q", args, code, errs, want)
		}
	}
}
