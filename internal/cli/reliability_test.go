package cli_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/cli"
)

// dirEntries lists the names in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestExportToDevFull: a write error on a device fails the export and
// leaves the device alone (it used to be removed).
func TestExportToDevFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	code, _, errs := confgraph(t, "export", "--quiet", "-o", "/dev/full")
	if code != 1 || !strings.Contains(errs, "no space left on device") {
		t.Errorf("export -o /dev/full: exit %d, %q; want exit 1 and the write error", code, errs)
	}
	fi, err := os.Lstat("/dev/full")
	if err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/full after the export: %v %v, want the character device", fi, err)
	}
	// A link to it: the link stays too.
	link := filepath.Join(t.TempDir(), "out.nq")
	if err := os.Symlink("/dev/full", link); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := confgraph(t, "export", "--quiet", "-o", link); code != 1 {
		t.Errorf("export -o link to /dev/full: exit %d, want 1", code)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link after a failed export: %v %v, want it kept", fi, err)
	}
}

// TestExportOutputIsAtomic: -o writes a temporary file beside the target
// and renames it: the target is complete or as it was, its mode is kept, a
// symbolic link is followed and stays, and no temporary file is left.
func TestExportOutputIsAtomic(t *testing.T) {
	want, _ := mustRun(t, "export", "--quiet")
	dir := t.TempDir()
	out := filepath.Join(dir, "report.nq")
	if err := os.WriteFile(out, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "export", "--quiet", "-o", out)
	if got, _ := os.ReadFile(out); string(got) != want {
		t.Errorf("export -o over an existing file wrote %d bytes, want %d", len(got), len(want))
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v after the export, want the file's own 0640", fi.Mode().Perm())
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("directory after the export: %q, want only report.nq", names)
	}

	// Through a link: the link stays, its target gets the export.
	target := filepath.Join(dir, "real.nq")
	os.WriteFile(target, []byte("old\n"), 0o644)
	link := filepath.Join(dir, "link.nq")
	if err := os.Symlink("real.nq", link); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "export", "--quiet", "-o", link)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link after the export: %v %v, want it kept", fi, err)
	}
	if got, _ := os.ReadFile(target); string(got) != want {
		t.Errorf("the link's target holds %d bytes, want the export's %d", len(got), len(want))
	}

	// An interrupted export leaves the file (and the link) as they were.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	os.WriteFile(target, []byte("old\n"), 0o644)
	code := cli.Main(ctx, []string{"export", "--quiet", "-o", link}, strings.NewReader(""), &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "was not written") {
		t.Errorf("interrupted export: exit %d, %q", code, stderr.String())
	}
	if got, _ := os.ReadFile(target); string(got) != "old\n" {
		t.Errorf("an interrupted export changed the file: %q", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link after an interrupted export: %v %v", fi, err)
	}
	if names := dirEntries(t, dir); len(names) != 3 {
		t.Errorf("directory after the exports: %q, want link.nq, real.nq, report.nq", names)
	}
}

// TestInterruptedLoadChangesNothing: a load whose context ends (what
// SIGINT does) fails with exit 1 and leaves the store as it was.
func TestInterruptedLoadChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cg.db")
	mustRun(t, "init", "--db", "bolt", "--dbpath", db)
	before, _ := mustRun(t, "export", "--quiet", "--db", "bolt", "--dbpath", db)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := cli.Main(ctx, []string{"load", "--db", "bolt", "--dbpath", db}, strings.NewReader(""), &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "nothing was loaded, the store is as it was") {
		t.Errorf("interrupted load: exit %d, %q", code, stderr.String())
	}
	after, _ := mustRun(t, "export", "--quiet", "--db", "bolt", "--dbpath", db)
	if after != before {
		t.Errorf("an interrupted load changed the store: %d bytes of N-Quads, before %d", len(after), len(before))
	}
}

// buildConfgraph builds the binary for the process-level tests.
func buildConfgraph(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "confgraph")
	if runtime.GOOS == "windows" {
		t.Skip("signals")
	}
	cmd := exec.Command("go", "build", "-o", bin, "github.com/confgraph/confgraph/cmd/confgraph")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestSignalDuringExport runs the real binary: SIGINT or SIGTERM while the
// export's sort has runs on disk, or a reader that goes away (SIGPIPE),
// ends it with exit 1, leaves no -o file and removes the runs.
func TestSignalDuringExport(t *testing.T) {
	bin := buildConfgraph(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "cg.db")
	corpus := filepath.Join(dir, "corpus")
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("confgraph %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("gen", "--facts", "20000", "--seed", "1", "--out", corpus)
	run("load", "--quiet", "--db", "bolt", "--dbpath", db, corpus)

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGPIPE} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp := t.TempDir()
			outDir := t.TempDir()
			out := filepath.Join(outDir, "out.nq")
			args := []string{"export", "--quiet", "--db", "bolt", "--dbpath", db}
			if sig != syscall.SIGPIPE {
				args = append(args, "-o", out)
			}
			cmd := exec.Command(bin, args...)
			// A small sort budget: runs go to disk after a few hundred quads.
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp, cli.EnvSortMemory+"=100000")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			var pr *os.File
			if sig == syscall.SIGPIPE {
				r, w, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				cmd.Stdout = w
				pr = r
				defer w.Close()
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait for the sort's first runs, then signal.
			deadline := time.Now().Add(30 * time.Second)
			for len(dirEntries(t, tmp)) < 2 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("no sort run appeared in TMPDIR")
				}
				time.Sleep(5 * time.Millisecond)
			}
			start := time.Now()
			if sig == syscall.SIGPIPE {
				cmd.Stdout.(*os.File).Close()
				pr.Close() // the reader goes away: the next write gets EPIPE
			} else if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			t.Logf("%s: exit after %s: %v; %s", sig, time.Since(start).Round(time.Millisecond), err, strings.TrimSpace(stderr.String()))
			if code := cmd.ProcessState.ExitCode(); code != 1 {
				t.Errorf("exit status %d (%v), want 1", code, cmd.ProcessState)
			}
			if sig != syscall.SIGPIPE && !strings.Contains(stderr.String(), "interrupted by "+map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM"}[sig]) {
				t.Errorf("stderr %q does not say it was interrupted", stderr.String())
			}
			if names := dirEntries(t, tmp); len(names) > 0 {
				t.Errorf("left in TMPDIR: %q", names)
			}
			if names := dirEntries(t, outDir); len(names) > 0 {
				t.Errorf("left beside -o: %q", names)
			}
		})
	}
}
