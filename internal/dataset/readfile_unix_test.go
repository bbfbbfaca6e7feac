//go:build unix

package dataset_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/confgraph/confgraph/internal/dataset"
)

// TestUnreadableFiles: a device (a link to /dev/zero in a directory), a
// named pipe and a file over the size cap are refused with a clear error
// before they are read; none blocks or fills memory.
func TestUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	for _, c := range UnreadableCases(t, dir) {
		t.Run(c.Name, func(t *testing.T) {
			_, err := dataset.ReadPaths([]string{c.Arg})
			if err == nil || err.Error() != c.Want {
				t.Errorf("ReadPaths(%s) = %v, want %s", c.Arg, err, c.Want)
			}
			if _, err := dataset.ReadFS(os.DirFS(filepath.Dir(c.Arg)), filepath.Base(c.Arg)); err == nil || !strings.Contains(err.Error(), "regular file") && !strings.Contains(err.Error(), "larger than") {
				t.Errorf("ReadFS(%s) = %v, want a refusal", c.Arg, err)
			}
		})
	}
}

// UnreadableCase is a path that must not be read, and the error reading it gives.
type UnreadableCase struct{ Name, Arg, Want string }

// UnreadableCases makes the unreadable inputs in dir.
func UnreadableCases(t *testing.T, dir string) []UnreadableCase {
	t.Helper()
	links := filepath.Join(dir, "links")
	os.Mkdir(links, 0o755)
	if err := os.Symlink("/dev/zero", filepath.Join(links, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, dataset.MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	return []UnreadableCase{
		{"device", links, "read " + filepath.Join(links, "zero.yaml") + ": a device, not a regular file (confgraph reads regular files only; copy the data into one)"},
		{"fifo", fifo, "read " + fifo + ": a named pipe (FIFO), not a regular file (confgraph reads regular files only; copy the data into one)"},
		{"huge", huge, "read " + huge + ": file is larger than 8 MiB, the most confgraph reads (split it into smaller files)"},
	}
}

// TestFileNamedTwice: a file named twice, or named and in a directory
// named, is read once; it is not its own duplicate report.
func TestFileNamedTwice(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "a.yaml")
	os.WriteFile(p, data, 0o644)
	os.Symlink("a.yaml", filepath.Join(dir, "link.yml"))
	for _, args := range [][]string{{p, p}, {dir, p}, {p, filepath.Join(dir, ".", "a.yaml")}} {
		files, err := dataset.ReadPaths(args)
		if err != nil || len(files) != 1 {
			t.Errorf("ReadPaths(%q) = %d file(s), %v; want the one file", args, len(files), err)
		}
	}
}
