//go:build unix

package cli_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/confgraph/confgraph/internal/dataset"
)

// TestUnreadableLoadChangesNothing: load refuses a device (a link to
// /dev/zero, in a directory named or named itself as an RDF file), a
// named pipe (as a data file and as an RDF file) and a file over the size
// cap, at once and with a clear message, and the store stays as it was.
func TestUnreadableLoadChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cg.db")
	mustRun(t, "load", "--db", "bolt", "--dbpath", db)
	before, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db)
	links := filepath.Join(dir, "links")
	os.Mkdir(links, 0o755)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("/dev/zero", filepath.Join(links, "zero.yaml")))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.nq")))
	must(syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644))
	must(syscall.Mkfifo(filepath.Join(dir, "fifo.jsonld"), 0o644))
	huge := filepath.Join(dir, "huge.yaml")
	must(os.WriteFile(huge, nil, 0o644))
	must(os.Truncate(huge, dataset.MaxFileSize+1))
	notRegular := ", not a regular file (confgraph reads regular files only; copy the data into one)"
	cases := []struct{ arg, want string }{
		{links, "confgraph: read " + filepath.Join(links, "zero.yaml") + ": a device" + notRegular + "\n"},
		{filepath.Join(dir, "fifo.yaml"), "confgraph: read " + filepath.Join(dir, "fifo.yaml") + ": a named pipe (FIFO)" + notRegular + "\n"},
		{huge, "confgraph: read " + huge + ": file is larger than 8 MiB, the most confgraph reads (split it into smaller files)\n"},
		{filepath.Join(dir, "zero.nq"), "read " + filepath.Join(dir, "zero.nq") + ": a device" + notRegular + "\nconfgraph: 1 problem(s) found; nothing was loaded\n"},
		{filepath.Join(dir, "fifo.jsonld"), "read " + filepath.Join(dir, "fifo.jsonld") + ": a named pipe (FIFO)" + notRegular + "\nconfgraph: 1 problem(s) found; nothing was loaded\n"},
	}
	for _, c := range cases {
		code, _, errs := confgraph(t, "load", "--db", "bolt", "--dbpath", db, filepath.Join("testdata", "hostile.yaml"), c.arg)
		if code != 1 || errs != c.want {
			t.Errorf("load %s: exit %d, stderr\n%s\nwant exit 1 and\n%s", c.arg, code, errs, c.want)
		}
		if after, _ := mustRun(t, "export", "--db", "bolt", "--dbpath", db); after != before {
			t.Fatalf("%s: store changed by a failed load", c.arg)
		}
	}
}
