package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// query -f on a link to /dev/zero read until memory ran out, and a FIFO
// blocked for ever: -f reads only regular files, of at most 4 MiB.
func TestQueryFileKinds(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero.js")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.js")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.js")
	if err := os.WriteFile(big, []byte(strings.Repeat(" ", 5<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, want string }{
		{zero, "confgraph: read query: " + zero + " is not a regular file (it is a character device); give -f a file that holds the query text\n"},
		{fifo, "confgraph: read query: " + fifo + " is not a regular file (it is a FIFO); give -f a file that holds the query text\n"},
		{dir, "confgraph: read query: " + dir + " is not a regular file (it is a directory); give -f a file that holds the query text\n"},
		{big, "confgraph: read query: " + big + " is 5 MiB, more than the 4 MiB a query file may be\n"},
	} {
		code, _, stderr := confgraph(t, "query", "-f", tc.file)
		if code != 1 || stderr != tc.want {
			t.Errorf("-f %s: exit %d, stderr %q\nwant exit 1, %q", tc.file, code, stderr, tc.want)
		}
	}
}

// A memory bomb is stopped by --max-memory with the flag in the message;
// a bad size is a usage mistake.
func TestQueryMaxMemory(t *testing.T) {
	code, _, stderr := confgraph(t, "query", "--max-memory", "64MiB", "--timeout", "60s", "-e", `var a = []; while (true) a.push(new Array(1e6));`)
	want := "confgraph: query stopped: it used more than its memory budget of 64 MiB (raise it with --max-memory, or have the query keep fewer or smaller values)\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q\nwant exit 1, %q", code, stderr, want)
	}
	code, _, stderr = confgraph(t, "query", "--max-memory", "lots", "-e", "1")
	want = "confgraph: --max-memory \"lots\": give a size such as 512MiB or 4GiB (0: no budget)\nRun 'confgraph --help' for usage.\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr %q\nwant exit 2, %q", code, stderr, want)
	}
	for _, size := range []string{"512MiB", "2G", "1048576", "0", "1.5GiB"} {
		if code, _, stderr := confgraph(t, "query", "--max-memory", size, "-e", "1"); code != 0 {
			t.Errorf("--max-memory %s: exit %d, %s", size, code, stderr)
		}
	}
}
