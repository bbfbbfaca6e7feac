package store_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// envKillHelper, when set to a bolt path, turns TestKillHelper into the
// child process of TestBoltKill9DuringLoad: it loads the big content there.
const envKillHelper = "CONFGRAPH_TEST_KILL_HELPER"

// envKillBackend and envKillN name another backend and load size for the
// child (default: bolt, newQuads).
const (
	envKillBackend = "CONFGRAPH_TEST_KILL_BACKEND"
	envKillN       = "CONFGRAPH_TEST_KILL_N"
)

// envKillReload makes the child's reload into a bolt store go one way:
// "writer" (Cayley's writer, one transaction) or "rebuild" (a new file
// renamed in); empty, the load chooses by its size (reload.go).
const envKillReload = "CONFGRAPH_TEST_KILL_RELOAD"

// envKillAt makes the child kill itself (SIGKILL) at that stage of a bulk
// build: "built" (before the rename) or "renamed" (after it).
const envKillAt = "CONFGRAPH_TEST_KILL_AT"

var crashGraph = quad.IRI("https://confgraph.example/id/graph/crash-test")

// crashContent is n generated quads of one graph; old and new content share
// no quad, so a load from one to the other removes and adds everything.
func crashContent(version string, n int) []quad.Quad {
	qs := make([]quad.Quad, n)
	for i := range qs {
		qs[i] = quad.Quad{
			Subject:   quad.IRI(fmt.Sprintf("https://confgraph.example/id/person/p%d", i/5)),
			Predicate: quad.IRI(fmt.Sprintf("https://confgraph.example/vocab#p%d", i%5)),
			Object:    quad.LangString{Value: quad.String(fmt.Sprintf("%s %d", version, i)), Lang: "de"},
			Label:     crashGraph,
		}
	}
	return qs
}

func TestKillHelper(t *testing.T) {
	path := os.Getenv(envKillHelper)
	if path == "" {
		t.Skip("only runs as the child process of the kill -9 tests")
	}
	backend, n := "bolt", newQuads
	if b := os.Getenv(envKillBackend); b != "" {
		backend = b
		fmt.Sscan(os.Getenv(envKillN), &n)
	}
	switch os.Getenv(envKillReload) {
	case "writer":
		store.SetRebuildFraction(math.Inf(1))
	case "rebuild":
		store.SetRebuildFraction(0)
	}
	if at := os.Getenv(envKillAt); at != "" {
		store.SetBuildHook(func(stage string) {
			if stage == at {
				if p, err := os.FindProcess(os.Getpid()); err == nil {
					p.Kill()
				}
			}
		})
	}
	s, err := store.Open(context.Background(), backend, path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(3)
	}
	fmt.Println("loading")
	if _, err := s.Replace(context.Background(), crashContent("new", n)); err != nil {
		fmt.Println("error:", err)
		os.Exit(3)
	}
	fmt.Println("done")
	os.Exit(0)
}

// child is one run of TestKillHelper.
type child struct {
	cmd    *exec.Cmd
	lines  chan string
	stderr bytes.Buffer
	began  time.Time // when the child said it starts loading
}

func startChild(t *testing.T, backend, path string, n int, reload string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1"), lines: make(chan string, 10)}
	c.cmd.Env = append(os.Environ(), envKillHelper+"="+path, envKillBackend+"="+backend, fmt.Sprintf("%s=%d", envKillN, n), envKillReload+"="+reload)
	c.cmd.Stderr = &c.stderr
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	select {
	case l := <-c.lines:
		if l != "loading" {
			c.cmd.Process.Kill()
			c.cmd.Wait()
			t.Fatalf("child: %q, stderr %s", l, c.stderr.String())
		}
	case <-time.After(60 * time.Second):
		c.cmd.Process.Kill()
		c.cmd.Wait()
		t.Fatal("child did not start loading within 60 s")
	}
	c.began = time.Now()
	return c
}

// kill sends SIGKILL and reports whether the load had finished before.
func (c *child) kill(t *testing.T) (finished bool) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v", err)
	}
	c.cmd.Wait()
	for l := range c.lines {
		finished = finished || l == "done"
	}
	return finished
}

// TestBoltKill9DuringLoad kills a process with SIGKILL while it loads into
// a bolt store, at several points of the load (up to just before it would
// have finished), and checks that the store then opens and holds either the
// old or the new content, completely.
func TestBoltKill9DuringLoad(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	if testing.Short() {
		t.Skip("kills child processes that load for seconds; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "cg.db")
	oldQuads := crashContent("old", 2000)
	// The store with the old content, and a copy of its file to go back to.
	s, err := store.Open(context.Background(), "bolt", path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if _, err := s.Replace(context.Background(), oldQuads); err != nil {
		t.Fatalf("load old content: %v", err)
	}
	s.Close()
	file := filepath.Join(path, "indexes.bolt") // where Cayley's bolt keeps its data
	pristine, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read the bolt file: %v", err)
	}
	killDuringLoadFrom(t, killCase{backend: "bolt", path: path, old: oldQuads, n: newQuads, first: 100 * time.Millisecond, reload: "writer",
		reset: func() {
			if err := os.WriteFile(file, pristine, 0o600); err != nil {
				t.Fatal(err)
			}
		}})
}

// TestBoltKill9AtRename kills a reload that rebuilds the store at the two
// moments around its commit, the rename: with the new file complete but
// not yet renamed, the store must hold the old content in its old file,
// byte for byte, and the build file must be there until the next writable
// open removes it; with the rename done, the store must hold the whole new
// content and no build file.
func TestBoltKill9AtRename(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	path := filepath.Join(t.TempDir(), "cg.db")
	oldQuads := crashContent("old", 300)
	kept := crashContent("kept", 100)
	for i := range kept {
		kept[i].Label = quad.IRI("https://confgraph.example/id/graph/kept")
	}
	s, err := store.Open(context.Background(), "bolt", path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	for _, qs := range [][]quad.Quad{kept, oldQuads} {
		if _, err := s.Replace(context.Background(), qs); err != nil {
			t.Fatalf("load: %v", err)
		}
	}
	s.Close()
	file := filepath.Join(path, store.BoltFile)
	pristine, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const n = 500
	wantOld := storetest.Expected(t, append(slices.Clip(kept), oldQuads...))
	wantNew := storetest.Expected(t, append(slices.Clip(kept), crashContent("new", n)...))
	for _, tc := range []struct {
		at        string
		want      []byte
		sameFile  bool
		buildLeft bool
	}{
		{"built", wantOld, true, true},
		{"renamed", wantNew, false, false},
	} {
		t.Run(tc.at, func(t *testing.T) {
			if err := os.WriteFile(file, pristine, 0o600); err != nil {
				t.Fatal(err)
			}
			c := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1")
			c.Env = append(os.Environ(), envKillHelper+"="+path, fmt.Sprintf("%s=%d", envKillN, n), envKillBackend+"=bolt",
				envKillReload+"=rebuild", envKillAt+"="+tc.at)
			out, err := c.CombinedOutput()
			ws, ok := c.ProcessState.Sys().(syscall.WaitStatus)
			if err == nil || !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("the child was not killed at %q: %v, output %s", tc.at, err, out)
			}
			now, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if same := bytes.Equal(now, pristine); same != tc.sameFile {
				t.Errorf("killed at %q: the store's file is byte-identical to the old one: %v, want %v", tc.at, same, tc.sameFile)
			}
			if left := len(buildFiles(t, path)) > 0; left != tc.buildLeft {
				t.Errorf("killed at %q: a build file is left: %v, want %v", tc.at, left, tc.buildLeft)
			}
			s, err := store.Open(context.Background(), "bolt", path)
			if err != nil {
				t.Fatalf("killed at %q: the store does not open: %v", tc.at, err)
			}
			got := storetest.Export(t, s, nil)
			checkClean(t, s, "the store killed at "+tc.at)
			s.Close()
			storetest.SameBytes(t, "export after the kill at "+tc.at, got, tc.want)
			if f := buildFiles(t, path); len(f) > 0 {
				t.Errorf("opening the store after the kill left %v", f)
			}
		})
	}
}

// TestBoltKill9DuringRebuild is TestBoltKill9DuringFirstLoad for a reload
// into a store that holds something, which builds a new file from the
// graphs it keeps and the new ones and renames it in (reload.go): a kill
// before the rename must leave the store's file byte-identical (and the
// next writable open removes the half-built file), a kill after it the
// whole new content, with the graph the load left alone in it.
func TestBoltKill9DuringRebuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	if testing.Short() {
		t.Skip("kills child processes that load for seconds; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "cg.db")
	oldQuads := crashContent("old", 2000)
	// A graph the reload keeps: its quads share the subjects and
	// predicates of the crash graph's.
	var kept []quad.Quad
	for _, q := range crashContent("kept", 500) {
		q.Label = quad.IRI("https://confgraph.example/id/graph/kept")
		kept = append(kept, q)
	}
	s, err := store.Open(context.Background(), "bolt", path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if _, err := s.Replace(context.Background(), kept); err != nil {
		t.Fatalf("load the kept graph: %v", err)
	}
	if _, err := s.Replace(context.Background(), oldQuads); err != nil {
		t.Fatalf("load old content: %v", err)
	}
	s.Close()
	rc := renameKillChecks(t, path)
	killDuringLoadFrom(t, killCase{backend: "bolt", path: path, old: oldQuads, kept: kept, n: 2 * newQuads, first: 20 * time.Millisecond, reload: "rebuild",
		reset: rc.reset, afterKill: rc.afterKill("rebuild")})
	rc.log(t)
}

// TestBoltKill9DuringFirstLoad is TestBoltKill9DuringLoad for a first
// load into an empty store, which builds a new file beside the store's
// and renames it in: a kill before the rename must leave the store's file
// byte-identical (and the next writable open removes the half-built
// file), a kill after it the whole new content.
func TestBoltKill9DuringFirstLoad(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	if testing.Short() {
		t.Skip("kills child processes that load for seconds; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "cg.db")
	s, err := store.Open(context.Background(), "bolt", path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.Close()
	rc := renameKillChecks(t, path)
	killDuringLoadFrom(t, killCase{backend: "bolt", path: path, n: 2 * newQuads, first: 20 * time.Millisecond,
		reset: rc.reset, afterKill: rc.afterKill("first load")})
	rc.log(t)
}

// TestPostgresKill9DuringFirstLoad is TestPostgresKill9DuringLoad for a
// first load into empty tables, whose rows go in with COPY (pgcopy.go).
func TestPostgresKill9DuringFirstLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes that load for seconds; skipped with -short")
	}
	dsn := freshDatabase(t, postgresAdmin(t))
	s, err := store.Open(context.Background(), "postgres", dsn) // creates the tables
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.Close()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A first load this size builds the quads table's indexes after its
	// rows (pgbulk.go): a kill at any point leaves Cayley's schema.
	if newQuads < store.BulkMinQuads {
		t.Fatalf("the load (%d quads) is smaller than a bulk load (%d)", newQuads, store.BulkMinQuads)
	}
	schema, _ := quadsSchema(t, db)
	killDuringLoadFrom(t, killCase{backend: "postgres", path: dsn, n: newQuads, first: 50 * time.Millisecond,
		afterKill: func() func(string) {
			return func(string) { // after the store opened: the killed transaction is gone
				if got, _ := quadsSchema(t, db); !slices.Equal(got, schema) {
					t.Fatalf("after a kill the schema of quads is\n%q\nnot\n%q", got, schema)
				}
			}
		},
		reset: func() {
			if _, err := db.Exec(`TRUNCATE quads, nodes`); err != nil {
				t.Fatalf("empty the tables: %v", err)
			}
		}})
}

// TestPostgresKill9DuringLoad is TestBoltKill9DuringLoad for PostgreSQL: the
// killed client's transaction must be rolled back by the server.
func TestPostgresKill9DuringLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes that load for seconds; skipped with -short")
	}
	dsn := freshDatabase(t, postgresAdmin(t))
	oldQuads := crashContent("old", 200)
	reset := func() {
		s, err := store.Open(context.Background(), "postgres", dsn)
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		defer s.Close()
		if _, err := s.Replace(context.Background(), oldQuads); err != nil {
			t.Fatalf("load old content: %v", err)
		}
	}
	reset()
	killDuringLoad(t, "postgres", dsn, oldQuads, newQuads/10, reset)
}

// killDuringLoad runs children that load n new quads over oldQuads and
// kills them after 100 ms, 200 ms, 400 ms, … until a load finishes before
// its kill, then bisects between the last two delays to kill closer to the
// end of the load (its commit). After every kill the store must open and
// hold the old or the new content; reset goes back to the old.
func killDuringLoad(t *testing.T, backend, path string, oldQuads []quad.Quad, n int, reset func()) {
	killDuringLoadFrom(t, killCase{backend: backend, path: path, old: oldQuads, n: n, reset: reset, first: 100 * time.Millisecond})
}

// killCase is one kill -9 test: a load of n new quads over old into the
// store at path, killed first after first (then twice as long, …).
// afterKill, when set, runs after each kill before the store is opened
// again, and is told what the store then held ("old" or "new").
type killCase struct {
	backend, path string
	old           []quad.Quad
	kept          []quad.Quad // in the store before, left alone by the load
	reload        string      // envKillReload for the child
	n             int
	reset         func()
	first         time.Duration
	afterKill     func() (check func(got string))
}

func killDuringLoadFrom(t *testing.T, kc killCase) {
	backend, path, oldQuads, n, reset := kc.backend, kc.path, kc.old, kc.n, kc.reset
	wantOld := storetest.Expected(t, append(slices.Clip(kc.kept), oldQuads...))
	wantNew := storetest.Expected(t, append(slices.Clip(kc.kept), crashContent("new", n)...))
	content := func(when string) string {
		t.Helper()
		s, err := store.Open(context.Background(), backend, path)
		if err != nil {
			t.Fatalf("%s: the store does not open: %v", when, err)
		}
		defer s.Close()
		got := storetest.Export(t, s, nil)
		switch {
		case bytes.Equal(got, wantOld):
			return "old"
		case bytes.Equal(got, wantNew):
			return "new"
		}
		t.Fatalf("%s: the store holds %d lines, neither the old (%d) nor the new content (%d)",
			when, strings.Count(string(got), "\n"), strings.Count(string(wantOld), "\n"), strings.Count(string(wantNew), "\n"))
		return ""
	}
	var midLoad int
	try := func(delay time.Duration) (finished bool) {
		c := startChild(t, backend, path, n, kc.reload)
		time.Sleep(delay)
		finished = c.kill(t)
		var check func(string)
		if kc.afterKill != nil {
			check = kc.afterKill()
		}
		got := content(fmt.Sprintf("after kill -9 %s into the load", delay))
		if check != nil {
			check(got)
		}
		t.Logf("kill -9 %s into the load (finished first: %v): %s content", delay, finished, got)
		if !finished {
			midLoad++
		}
		if got == "new" {
			reset()
		}
		return finished
	}
	lo, hi := time.Duration(0), time.Duration(0)
	for d := kc.first; d < 5*time.Minute; d *= 2 {
		if try(d) {
			hi = d
			break
		}
		lo = d
	}
	if hi == 0 {
		t.Fatal("a load did not finish within 5 minutes")
	}
	for i := 0; i < 3; i++ {
		mid := (lo + hi) / 2
		if try(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	t.Logf("latest kill during a load: %s; earliest after it: %s", lo, hi)
	if midLoad == 0 {
		t.Fatalf("no kill landed during a load: make newQuads larger")
	}
}

// renameChecks are the checks of a kill -9 test of a load that builds a
// new bolt file beside the store's and renames it in (a first load, a
// rebuilding reload): reset puts the store's file back as it was before
// the load; afterKill checks that a store found holding the old content
// has its file byte-identical, that a finished load left no half-built
// file, and that the next open removes one; log tells how many kills
// left one.
type renameChecks struct {
	t        *testing.T
	path     string
	file     string
	pristine []byte
	leftOver int
}

// renameKillChecks reads the store's bolt file under path as it is now.
func renameKillChecks(t *testing.T, path string) *renameChecks {
	t.Helper()
	file := filepath.Join(path, store.BoltFile)
	pristine, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read the bolt file: %v", err)
	}
	return &renameChecks{t: t, path: path, file: file, pristine: pristine}
}

func (c *renameChecks) reset() {
	if err := os.WriteFile(c.file, c.pristine, 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// afterKill returns the killCase check; load names the load in messages.
func (c *renameChecks) afterKill(load string) func() func(string) {
	t := c.t
	return func() func(string) {
		now, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatalf("read the bolt file after the kill: %v", err)
		}
		same := bytes.Equal(now, c.pristine)
		left := buildFiles(t, c.path)
		c.leftOver += len(left)
		return func(got string) {
			if got == "old" && !same {
				t.Errorf("the store holds the old content, but its file is no longer byte-identical to it")
			}
			if got == "new" && len(left) > 0 {
				t.Errorf("a finished %s left %v", load, left)
			}
			if f := buildFiles(t, c.path); len(f) > 0 {
				t.Errorf("opening the store after the kill left %v", f)
			}
		}
	}
}

func (c *renameChecks) log(t *testing.T) {
	t.Helper()
	t.Logf("kills that left a half-built file (removed by the next open): %d", c.leftOver)
}
