package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGen generates a small corpus, validates and loads it, and checks that
// the store holds exactly --facts quads besides the vocabulary, and that the
// same seed writes the same bytes.
func TestGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	_, errs := mustRun(t, "gen", "--facts", "6000", "--seed", "3", "--out", dir)
	if !strings.Contains(errs, "6000 facts") {
		t.Errorf("gen summary %q does not state the 6000 facts", errs)
	}
	mustRun(t, "validate", dir)
	db := filepath.Join(t.TempDir(), "cg.db")
	_, loadErr := mustRun(t, "load", "--db", "bolt", "--dbpath", db, dir)
	vocab, _ := mustRun(t, "export", "--graph", "https://confgraph.example/vocab")
	all, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
	if got, want := strings.Count(all, "\n"), 6000+strings.Count(vocab, "\n"); got != want {
		t.Errorf("the loaded corpus exports %d quads, want 6000 facts + vocabulary = %d (load said %q)", got, want, loadErr)
	}
	again := filepath.Join(t.TempDir(), "again")
	mustRun(t, "gen", "--facts", "6000", "--seed", "3", "--out", again)
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) == 0 {
		t.Fatalf("no files in %s: %v", dir, err)
	}
	for _, e := range ents {
		a, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		b, err := os.ReadFile(filepath.Join(again, e.Name()))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with seed 3 (%v)", e.Name(), err)
		}
	}
}

func TestGenBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"gen", "--facts", "5000"}, "gen needs --out DIR, the directory to write the corpus to"},
		{[]string{"gen", "--out", t.TempDir()}, "gen needs --facts N with N at least 2000 (got 0)"},
		{[]string{"gen", "--facts", "100", "--out", t.TempDir()}, "gen needs --facts N with N at least 2000 (got 100)"},
		{[]string{"gen", "--facts", "5000", "--per-report", "10", "--out", t.TempDir()}, "--per-report must be at least 2000 (got 10)"},
		{[]string{"gen", "--facts", "many", "--out", t.TempDir()}, `invalid argument "many" for "--facts" flag: strconv.ParseInt: parsing "many": invalid syntax`},
	} {
		want := "confgraph: " + tc.want + "\nRun 'confgraph --help' for usage.\n"
		code, _, errs := confgraph(t, tc.args...)
		if code != 2 || errs != want {
			t.Errorf("confgraph %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tc.args, " "), code, errs, want)
		}
	}
	// A directory that already holds data files is refused (exit 1).
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "old.yaml"), []byte("report: {}\n"), 0o644)
	code, _, errs := confgraph(t, "gen", "--facts", "2000", "--out", dir)
	if code != 1 || !strings.Contains(errs, "already holds data files") {
		t.Errorf("gen into a directory with data files: exit %d, %q", code, errs)
	}
}
