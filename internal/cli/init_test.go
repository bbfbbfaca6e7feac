package cli_test

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestInit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cg.db")
	tests := []struct {
		name     string
		args     []string
		code     int
		wantErr  string
		wantNone bool // nothing on stderr
	}{
		{"creates", []string{"init", "--db", "bolt", "--dbpath", path}, 0, "created an empty bolt store at " + path, false},
		{"repeats", []string{"init", "--db", "bolt", "--dbpath", path}, 0, "exists already; left as it is", false},
		{"quiet", []string{"init", "--quiet", "--db", "bolt", "--dbpath", path}, 0, "", true},
		{"memstore", []string{"init"}, 2, "keeps nothing, so there is nothing to create", false},
		{"no path", []string{"init", "--db", "bolt"}, 1, "needs --dbpath", false},
		{"unknown store", []string{"init", "--db", "mysql", "--dbpath", "x"}, 1, `unknown store "mysql"`, false},
		{"bad postgres address", []string{"init", "--db", "postgres", "--dbpath", "./cg.db"}, 1, "not a PostgreSQL connection string", false},
		{"arguments", []string{"init", "extra"}, 2, "confgraph: init takes no arguments, got \"extra\"\nRun 'confgraph --help' for usage.\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := confgraph(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.code, errs)
			}
			if tc.wantNone && errs != "" {
				t.Errorf("stderr %q, want nothing", errs)
			}
			if !strings.Contains(errs, tc.wantErr) {
				t.Errorf("stderr %q lacks %q", errs, tc.wantErr)
			}
		})
	}
	// The store init created is empty and takes a load.
	out, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", path)
	if out != "" {
		t.Errorf("a new store exports %d bytes", len(out))
	}
	mustRun(t, "load", "--db", "bolt", "--dbpath", path)
}

func TestLoadSummaryAndQuiet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cg.db")
	_, errs := mustRun(t, "load", "--db", "bolt", "--dbpath", path)
	// A line per report, a summary line with the rate; no progress display,
	// since stderr is no terminal. One graph per embedded report, and the
	// vocabulary.
	n := len(embedded(t))
	re := regexp.MustCompile(`^(?:added [a-z0-9-]+ \(\d+ quads\)\n){` + strconv.Itoa(n) + `}loaded ` + strconv.Itoa(n) + ` report\(s\) and 0 RDF file\(s\) into bolt: ` + strconv.Itoa(n+1) + ` graph\(s\), (\d+) quads, (\d+) added, 0 removed; [\d,]+ quads in [\d.]+[mµ]?s, [\d,]+ quads/s\n$`)
	m := re.FindStringSubmatch(errs)
	if m == nil {
		t.Fatalf("load summary %q does not match %s", errs, re)
	}
	if m[1] != m[2] {
		t.Errorf("first load: %s quads but %s added", m[1], m[2])
	}
	_, errs = mustRun(t, "load", "--quiet", "--db", "bolt", "--dbpath", path)
	if errs != "" {
		t.Errorf("load --quiet wrote %q to stderr", errs)
	}
}
