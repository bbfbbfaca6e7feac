package report

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The test binary doubles as the measured process: with envChild set it
// allocates and touches that many MiB, writes "out" and exits.
const envChild = "REPORT_TEST_CHILD_MIB"

func TestMain(m *testing.M) {
	if v, ok := os.LookupEnv(envChild); ok {
		child(v)
		return
	}
	os.Exit(m.Run())
}

func child(v string) {
	if v == "fail" {
		os.Stderr.WriteString("child: failing on purpose\n")
		os.Exit(3)
	}
	mib, _ := strconv.Atoi(v)
	buf := make([]byte, mib<<20)
	for i := 0; i < len(buf); i += 4096 {
		buf[i] = 1 // resident, not just reserved
	}
	os.Stdout.WriteString("out " + strconv.Itoa(int(buf[len(buf)/2])) + "\n")
	os.Exit(0)
}

func self(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

func TestTimePeakMemory(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "stdout")
	big, err := Time(ctx, Command{Args: []string{self(t)}, Env: []string{envChild + "=256"}, Stdout: out})
	if err != nil {
		t.Fatal(err)
	}
	small, err := Time(ctx, Command{Args: []string{self(t)}, Env: []string{envChild + "=1"}})
	if err != nil {
		t.Fatal(err)
	}
	if big.PeakKiB < 256*1024 {
		t.Errorf("peak of a process that touched 256 MiB: %d KiB", big.PeakKiB)
	}
	if small.PeakKiB <= 0 || small.PeakKiB >= 128*1024 {
		t.Errorf("peak of a process that touched 1 MiB: %d KiB", small.PeakKiB)
	}
	if big.Seconds <= 0 {
		t.Errorf("no time measured: %v", big.Seconds)
	}
	if data, err := os.ReadFile(out); err != nil || string(data) != "out 1\n" {
		t.Errorf("stdout file holds %q (%v), want the child's output", data, err)
	}
}

func TestMeasureRunsAndPrepares(t *testing.T) {
	prepared := 0
	m, err := Measure(context.Background(), 3, func() error { prepared++; return nil },
		Command{Args: []string{self(t)}, Env: []string{envChild + "=1"}})
	if err != nil {
		t.Fatal(err)
	}
	if prepared != 3 || m.Runs != 3 {
		t.Errorf("prepared %d times, %d runs; want 3 and 3", prepared, m.Runs)
	}
}

func TestTimeFailure(t *testing.T) {
	_, err := Time(context.Background(), Command{Args: []string{self(t)}, Env: []string{envChild + "=fail"}})
	var pe *ProcessError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want a ProcessError", err)
	}
	if !strings.Contains(pe.Stderr, "failing on purpose") || !strings.Contains(err.Error(), "exit status 3") {
		t.Errorf("error %q does not carry the child's exit status and stderr", err)
	}
}

func TestCompareFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a", "x\ny\nz\n")
	for _, c := range []struct{ other, want string }{
		{"x\ny\nz\n", ""},
		{"x\nY\nz\n", "line 2"},
		{"x\ny\n", "line 3: the export is longer"},
		{"x\ny\nz\nw\n", "line 4: the export ends first"},
		{"x\ny\nz", "line 3"}, // no final newline
	} {
		got, err := CompareFiles(a, write("b", c.other))
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("against %q: %q, want %q", c.other, got, c.want)
		}
	}
	if _, err := CompareFiles(a, filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file compared without error")
	}
}

func TestCountLines(t *testing.T) {
	p := filepath.Join(t.TempDir(), "q.nq")
	if err := os.WriteFile(p, []byte(strings.Repeat("<a> <b> <c> .\n", 70000)), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, err := countLines(p); err != nil || n != 70000 {
		t.Errorf("countLines = %d, %v; want 70000 (over more than one read buffer)", n, err)
	}
}

func TestDatabaseURL(t *testing.T) {
	got, err := databaseURL("postgres://u@127.0.0.1:5432/postgres?sslmode=disable", "cgreport_x")
	if err != nil || got != "postgres://u@127.0.0.1:5432/cgreport_x?sslmode=disable" {
		t.Errorf("databaseURL = %q, %v", got, err)
	}
}
