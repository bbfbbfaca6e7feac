package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadArgumentErrors: a bad --graph, --graph without RDF files and a
// file of a format load does not read are usage errors (exit 2) that load
// nothing.
func TestLoadArgumentErrors(t *testing.T) {
	dir := t.TempDir()
	nt := filepath.Join(dir, "people.nt")
	os.WriteFile(nt, []byte("<https://example.org/a> <http://schema.org/name> \"Ä\" .\n"), 0o644)
	for _, name := range []string{"x.ttl", "x.trig", "x.txt", "noext"} {
		os.WriteFile(filepath.Join(dir, name), []byte("key: value\n"), 0o644)
	}
	yaml := filepath.Join("testdata", "hostile.yaml")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--graph", "bad iri", nt}, `--graph "bad iri" is neither a report ID`},
		{[]string{"--graph", "Imported", nt}, `--graph "Imported" is neither a report ID`},
		{[]string{"--graph", "a--b", nt}, `--graph "a--b" is neither a report ID`},
		{[]string{"--graph", "http://x/bad iri", nt}, `--graph "http://x/bad iri": IRI <http://x/bad iri> contains a space`},
		{[]string{"--graph", "x:y{z}", nt}, `contains '{'`},
		{[]string{"--graph", "foo", "../../graph/"}, "--graph applies to RDF files with default-graph triples"},
		{[]string{"--graph", "foo", yaml}, "--graph applies to RDF files with default-graph triples"},
		{[]string{"--graph", "foo"}, "--graph applies to RDF files with default-graph triples"},
		{[]string{filepath.Join(dir, "x.ttl")}, "x.ttl: Turtle is not supported for loading; supported: .yaml, .yml, .nq, .nt, .jsonld, .json"},
		{[]string{yaml, filepath.Join(dir, "x.trig")}, "x.trig: TriG is not supported for loading"},
		{[]string{filepath.Join(dir, "x.txt")}, "x.txt: its extension .txt is not one load reads; supported: .yaml"},
		{[]string{filepath.Join(dir, "noext")}, "noext: it has no file extension"},
		{[]string{yaml, ""}, "argument 2 is empty, not a file or directory name"},
	} {
		db := filepath.Join(t.TempDir(), "cg.db")
		code, _, errs := confgraph(t, append([]string{"load", "--db", "bolt", "--dbpath", db}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("load %v: exit %d, %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
		if _, err := os.Stat(db); err == nil {
			if out, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db); strings.Contains(out, "example.org") {
				t.Errorf("load %v: a failed load loaded the RDF file", c.args)
			}
		}
	}
	// Valid --graph values still work; a .json file is read as JSON-LD.
	for _, g := range []string{"imported-2", "https://example.org/g", "<https://example.org/g>"} {
		mustRun(t, "load", "--db", "bolt", "--dbpath", filepath.Join(t.TempDir(), "cg.db"), "--graph", g, nt)
	}
	js := filepath.Join(dir, "people.json")
	mustRun(t, "export", "--format", "jsonld", "-o", js)
	db := filepath.Join(t.TempDir(), "cg.db")
	mustRun(t, "load", "--db", "bolt", "--dbpath", db, js)
	want, _ := mustRun(t, "export")
	if got, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db); got != want {
		t.Error("loading the JSON-LD export as .json and exporting again changes it")
	}
}
