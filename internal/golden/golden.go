// Package golden compares test output with reviewed files in testdata/.
// It is imported by tests only. Its one flag, -update, rewrites the files
// instead: run "go test ./... -update" (or for one package) after an
// intended change, then review the diff before committing it.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files with the current output instead of comparing")

// Updating reports whether -update was given, for tests that keep their
// expected output somewhere other than a golden file (the docs' examples).
func Updating() bool { return *update }

// Check fails t unless got equals the contents of the file at path, byte
// for byte. With -update it writes got to path first (creating its folder).
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (review, then go test -update): %s", path, firstDiff(got, want))
	}
}

// firstDiff describes where got and want first differ, by line.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		switch {
		case i >= len(g):
			return fmt.Sprintf("output ends before line %d, want %q", i+1, w[i])
		case i >= len(w):
			return fmt.Sprintf("line %d is extra: %q", i+1, g[i])
		case !bytes.Equal(g[i], w[i]):
			return fmt.Sprintf("line %d is\n\t%q\nwant\n\t%q", i+1, g[i], w[i])
		}
	}
	return "same lines, different bytes"
}
