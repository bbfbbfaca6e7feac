package integration_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/golden"
)

// The probe: the real confgraph binary against hundreds of hostile inputs
// and faults (bad data files, bad RDF, --base values, damaged stores,
// PostgreSQL faults, export faults, concurrent loads, hostile queries,
// signals). Each case is one or a few processes, bounded in time, and is
// classified by what the user would see:
//
//	worked  the documented behaviour (exit 0, output as the case requires)
//	clear   exit 1 or 2 with a message that names the thing at fault,
//	        no Go text (type names, panics, stacks)
//	unclear any other refusal, a refusal of valid input, or bad input
//	        accepted without a word
//	crash   a panic, a fatal runtime error, an exit by signal
//	hang    still running at the case's bound, killed there
//	loss    a refused or failed operation changed the store (a digest of
//	        its files, or of its export), or files were left behind
//
// The test fails on any crash, hang, loss or unclear case not listed in
// probeKnown with its reason. The messages of the corpus cases are golden
// files (testdata/probe/CATEGORY.golden, go test -update). docs/testing.md
// gives the figures and how to run it.

// outcome is a case's class.
type outcome int

const (
	worked outcome = iota
	clear
	unclear
	crash
	hang
	loss
	nOutcomes
)

var outcomeNames = [nOutcomes]string{"worked", "clear error", "unclear", "crash", "hang", "loss"}

func (o outcome) String() string { return outcomeNames[o] }

// want is what a case's documentation promises.
type want int

const (
	refuse want = iota // exit 1 or 2 with a clear message
	works              // exit 0 (and check passes)
	either             // a clear refusal or exit 0 with check passing
)

// probeCase is one hostile input or fault.
type probeCase struct {
	cat, name string
	// args are confgraph's arguments, run in the case's directory, which
	// holds files and, with store, a copy of the loaded seed store at cg.db.
	args  []string
	files map[string]string
	store bool
	// setup prepares the case directory further (links, FIFOs, damage).
	setup func(p *probe, dir string) error
	want  want
	// fault is a regular expression the message of a refusal must match:
	// the file:line:col, file, flag or store at fault.
	fault string
	// check judges the standard output of a run that exited 0; nil: any.
	check func(p *probe, dir, stdout string) error
	// after judges the case's directory after any run (what must be kept).
	after func(dir string) error
	// asNobody runs the command as an unprivileged user when the test runs
	// as root (permission cases: root reads and writes anything).
	asNobody bool
	env      []string
	stdin    string
	golden   bool
	// custom runs a case of several processes (concurrency, signals) and
	// returns its class and a description.
	custom func(ctx context.Context, p *probe, dir string) (outcome, string)
}

// probeKnown lists findings not fixed yet, by "category/name", with the
// reason. The case is reported, not failed.
var probeKnown = map[string]string{}

// probeBound bounds each process of a case: 20 s and more on a loaded
// machine (the slowest case, a load of the signal corpus, takes 2 s on an
// idle one).
const probeBound = 30 * time.Second

// probe holds what every case shares.
type probe struct {
	bin     string // the confgraph binary
	root    string // a directory every case's directory is in (0755)
	seed    string // the loaded seed store (a bolt directory)
	seedOut map[string]string
	repo    string // the repository root
	nobody  *syscall.Credential
	corpus  string // a gen corpus for the signal cases
	// corpusDB is the seed store with the corpus loaded too.
	corpusDB string
	cpu      struct {
		sync.Mutex
		byCat map[string]time.Duration
	}
}

func TestProbe(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the probe uses Linux devices, FIFOs and signals")
	}
	p := newProbe(t)
	cases := probeCases(t, p)
	if testing.Short() {
		// A subset: every fourth case of each category.
		var sub []probeCase
		n := map[string]int{}
		for _, c := range cases {
			if n[c.cat]%4 == 0 {
				sub = append(sub, c)
			}
			n[c.cat]++
		}
		t.Logf("-short: %d of %d cases", len(sub), len(cases))
		cases = sub
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.cat+"/"+c.name] {
			t.Fatalf("case %s/%s twice", c.cat, c.name)
		}
		seen[c.cat+"/"+c.name] = true
	}
	for k := range probeKnown {
		if !seen[k] && !testing.Short() {
			t.Errorf("probeKnown lists %s, which is no case", k)
		}
	}

	type result struct {
		o      outcome
		why    string
		golden string
		took   time.Duration
	}
	results := make([]result, len(cases))
	sem := make(chan struct{}, max(2, 2*runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			dir := filepath.Join(p.root, "c"+strconv.Itoa(i))
			if err := os.Mkdir(dir, 0o755); err != nil {
				results[i] = result{o: unclear, why: err.Error()}
				return
			}
			defer os.RemoveAll(dir)
			start := time.Now()
			o, why, g := p.run(c, dir)
			results[i] = result{o, why, g, time.Since(start)}
		}()
	}
	wg.Wait()

	// Figures by category, in the order the categories first appear.
	var cats []string
	figures := map[string]*[nOutcomes + 1]int{}
	goldens := map[string]*bytes.Buffer{}
	for i, c := range cases {
		r := results[i]
		f := figures[c.cat]
		if f == nil {
			f = new([nOutcomes + 1]int)
			figures[c.cat] = f
			cats = append(cats, c.cat)
		}
		f[r.o]++
		f[nOutcomes]++
		if c.golden {
			b := goldens[c.cat]
			if b == nil {
				b = new(bytes.Buffer)
				goldens[c.cat] = b
			}
			fmt.Fprintf(b, "## %s\n%s", c.name, r.golden)
		}
		key := c.cat + "/" + c.name
		if testing.Verbose() && r.o < unclear {
			t.Logf("case %s: %s %s", key, r.o, r.why)
		}
		if reason, ok := probeKnown[key]; ok {
			t.Logf("known: %s: %s: %s (%s)", key, r.o, r.why, reason)
			continue
		}
		if r.o >= unclear {
			t.Errorf("%s: %s: %s", key, r.o, r.why)
		}
	}
	slow := make([]int, len(cases))
	for i := range slow {
		slow[i] = i
	}
	sort.Slice(slow, func(a, b int) bool { return results[slow[a]].took > results[slow[b]].took })
	var total time.Duration
	for _, r := range results {
		total += r.took
	}
	var sb strings.Builder
	for _, i := range slow[:min(8, len(slow))] {
		fmt.Fprintf(&sb, "\n  %s/%s: %s", cases[i].cat, cases[i].name, results[i].took.Round(time.Millisecond))
	}
	var cpu strings.Builder
	var allCPU time.Duration
	for _, c := range cats {
		fmt.Fprintf(&cpu, " %s %s,", c, p.cpu.byCat[c].Round(100*time.Millisecond))
		allCPU += p.cpu.byCat[c]
	}
	t.Logf("%d cases, %s of wall time in all, the slowest:%s\nCPU time of the processes: %s by category:%s", len(cases), total.Round(time.Second), sb.String(), allCPU.Round(time.Second), strings.TrimSuffix(cpu.String(), ","))
	t.Log("probe figures (" + time.Now().UTC().Format("2006-01-02") + "):\n" + figureTable(cats, figures))
	if !testing.Short() {
		for cat, b := range goldens {
			golden.Check(t, filepath.Join("testdata", "probe", cat+".golden"), b.Bytes())
		}
	}
}

// figureTable formats the figures as the Markdown table of docs/testing.md.
func figureTable(cats []string, figures map[string]*[nOutcomes + 1]int) string {
	var b strings.Builder
	b.WriteString("| category | cases | worked | clear error | unclear | crash | hang | loss |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	var total [nOutcomes + 1]int
	row := func(name string, f *[nOutcomes + 1]int) {
		fmt.Fprintf(&b, "| %s | %d |", name, f[nOutcomes])
		for o := range nOutcomes {
			fmt.Fprintf(&b, " %d |", f[o])
		}
		b.WriteString("\n")
	}
	for _, c := range cats {
		row(c, figures[c])
		for i, n := range figures[c] {
			total[i] += n
		}
	}
	row("all", &total)
	return b.String()
}

// newProbe builds the binary, loads the seed store and records what the
// undamaged store answers.
func newProbe(t *testing.T) *probe {
	t.Helper()
	root, err := os.MkdirTemp("", "confgraph-probe-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(path, 0o755) // read-only cases
			}
			return nil
		})
		os.RemoveAll(root)
	})
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	p := &probe{bin: filepath.Join(root, "confgraph"), root: root, repo: repo, seed: filepath.Join(root, "seed.db")}
	build := exec.Command("go", "build", "-o", p.bin, "github.com/confgraph/confgraph/cmd/confgraph")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if os.Geteuid() == 0 {
		p.nobody = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	mustRun := func(args ...string) string {
		t.Helper()
		r := p.exec(context.Background(), root, args, nil, "", nil)
		if r.code != 0 {
			t.Fatalf("confgraph %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
		return r.stdout
	}
	mustRun("load", "--quiet", "--db", "bolt", "--dbpath", p.seed)
	p.seedOut = map[string]string{}
	for _, cmd := range [][]string{{"export"}, {"stats"}, {"query", "attendance"}} {
		p.seedOut[cmd[0]] = mustRun(append(cmd, "--db", "bolt", "--dbpath", p.seed)...)
	}
	p.corpus = filepath.Join(root, "corpus")
	mustRun("gen", "--facts", "15000", "--seed", "11", "--out", p.corpus)
	p.corpusDB = filepath.Join(root, "corpus.db")
	if err := copyDir(p.seed, p.corpusDB); err != nil {
		t.Fatal(err)
	}
	mustRun("load", "--quiet", "--db", "bolt", "--dbpath", p.corpusDB, p.corpus)
	p.cpu.byCat = map[string]time.Duration{}
	return p
}

// procResult is what one process did.
type procResult struct {
	code           int
	stdout, stderr string
	timedOut       bool
	signal         string // the signal that ended it, when one did
	cpu            time.Duration
}

// catKey is the context key of the category of the case a process runs
// for (the CPU time by category).
type catKey struct{}

// exec runs confgraph with args in dir, with TMPDIR=dir/tmp (when it
// exists) and none of the CONFGRAPH_ variables of the test's environment.
func (p *probe) exec(ctx context.Context, dir string, args, env []string, stdin string, cred *syscall.Credential) procResult {
	ctx, cancel := context.WithTimeout(ctx, probeBound)
	defer cancel()
	cmd := p.command(dir, args, env, cred)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return procResult{code: -1, stderr: err.Error()}
	}
	return p.wait(ctx, cmd, &stdout, &stderr)
}

// command prepares a confgraph process.
func (p *probe) command(dir string, args, env []string, cred *syscall.Credential) *exec.Cmd {
	cmd := exec.Command(p.bin, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONFGRAPH_") && !strings.HasPrefix(kv, "TMPDIR=") && !strings.HasPrefix(kv, "GO") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	tmp := filepath.Join(dir, "tmp")
	if _, err := os.Stat(tmp); err == nil {
		cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
	}
	cmd.Env = append(cmd.Env, env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: cred}
	return cmd
}

// wait waits for cmd, killing its process group at the end of ctx.
func (p *probe) wait(ctx context.Context, cmd *exec.Cmd, stdout, stderr *bytes.Buffer) procResult {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var r procResult
	select {
	case <-done:
	case <-ctx.Done():
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		r.timedOut = true
	}
	r.code = cmd.ProcessState.ExitCode()
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if cat, ok := ctx.Value(catKey{}).(string); ok {
		p.cpu.Lock()
		p.cpu.byCat[cat] += r.cpu
		p.cpu.Unlock()
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		r.signal = ws.Signal().String()
	}
	r.stdout, r.stderr = stdout.String(), stderr.String()
	return r
}

// run prepares and runs one case and classifies it; the third result is
// its golden text.
func (p *probe) run(c probeCase, dir string) (outcome, string, string) {
	for name, content := range c.files {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return unclear, "setup: " + err.Error(), ""
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "tmp"), 0o777); err != nil {
		return unclear, "setup: " + err.Error(), ""
	}
	os.Chmod(filepath.Join(dir, "tmp"), 0o777)
	db := filepath.Join(dir, "cg.db")
	if c.store {
		if err := copyDir(p.seed, db); err != nil {
			return unclear, "setup: " + err.Error(), ""
		}
	}
	if c.setup != nil {
		if err := c.setup(p, dir); err != nil {
			return unclear, "setup: " + err.Error(), ""
		}
	}
	ctx := context.WithValue(context.Background(), catKey{}, c.cat)
	if c.custom != nil {
		o, why := c.custom(ctx, p, dir)
		return o, why, ""
	}
	before, _ := digestDir(db)
	var cred *syscall.Credential
	if c.asNobody {
		cred = p.nobody
	}
	r := p.exec(ctx, dir, c.args, c.env, c.stdin, cred)
	after, _ := digestDir(db)
	o, why := classify(c.want, c.fault, r)
	if o == worked && c.check != nil {
		if err := c.check(p, dir, r.stdout); err != nil {
			o, why = unclear, "exit 0 but "+err.Error()
		}
	}
	if o == worked && c.want == refuse {
		o, why = unclear, "accepted without a word: "+firstLine(r.stderr)
	}
	if before != after && (r.code != 0 || c.want == refuse) && o != crash && o != hang {
		o, why = loss, "the store changed: "+why
	} else if before != after && (o == crash || o == hang) {
		why += "; and the store changed"
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(left) > 0 && o < loss {
		o, why = loss, fmt.Sprintf("left %d temporary file(s), e.g. %s", len(left), left[0].Name())
	}
	if c.after != nil && o < loss {
		if err := c.after(dir); err != nil {
			o, why = loss, err.Error()
		}
	}
	g := fmt.Sprintf("exit %d\n%s", r.code, normalise(r.stderr, dir, p.root))
	if c.cat == "query" && strings.HasPrefix(c.name, "memory: ") {
		// A bomb under both a memory budget and a timeout is stopped by
		// whichever it reaches first, which depends on the machine's load:
		// the golden holds either message as one.
		g = stoppedRE.ReplaceAllString(g, "confgraph: query stopped: its memory budget or its timeout")
	}
	if r.timedOut {
		g = "hang\n"
	}
	return o, why, g
}

var stoppedRE = regexp.MustCompile(`confgraph: query stopped: it (used more than its memory budget|ran longer than the) .*`)

// goText is what a message must never hold: Go's own words.
var goText = []string{
	"panic", "goroutine", "fatal error", "SIGSEGV", "runtime error", "runtime.", "[recovered",
	"map[string]interface", "interface {}", "[]interface", "*errors.", "&errors.", "&proto.", "&{",
	"%!", "<nil>", "quad.Value", "reflect.",
}

// goValue matches a Go pointer or struct dump in output.
var goValue = regexp.MustCompile(`&\{|\b0x[0-9a-f]{6,}\b|map\[[a-z]+\]|%!`)

// noGoText requires output without Go values in it.
func noGoText(_ *probe, _ string, out string) error {
	if m := goValue.FindString(out); m != "" {
		return fmt.Errorf("Go text %q in its output", m)
	}
	return nil
}

// crashText marks a run the Go runtime ended.
var crashText = regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine \d+ |\[signal |SIGSEGV|runtime: out of memory)`)

// classify judges one run against what the case wants.
func classify(w want, fault string, r procResult) (outcome, string) {
	switch {
	case r.timedOut:
		return hang, fmt.Sprintf("still running after %s", probeBound)
	case crashText.MatchString(r.stderr):
		return crash, firstLine(crashText.FindString(r.stderr) + " " + r.stderr)
	case r.signal != "":
		return crash, "ended by " + r.signal + ": " + firstLine(r.stderr)
	case r.code == 0:
		return worked, ""
	case r.code != 1 && r.code != 2:
		return crash, fmt.Sprintf("exit %d: %s", r.code, firstLine(r.stderr))
	}
	msg := r.stderr
	if w == works {
		return unclear, "refused what is documented to work: " + firstLine(msg)
	}
	if strings.TrimSpace(msg) == "" {
		return unclear, fmt.Sprintf("exit %d without a message", r.code)
	}
	for _, g := range goText {
		if strings.Contains(msg, g) {
			return unclear, fmt.Sprintf("Go text %q in %q", g, firstLine(msg))
		}
	}
	if m := goValue.FindString(msg); m != "" {
		return unclear, fmt.Sprintf("Go value %q in %q", m, firstLine(msg))
	}
	if r.code == 2 && !strings.HasSuffix(msg, "Run 'confgraph --help' for usage.\n") {
		return unclear, "a usage error without the usage hint: " + firstLine(msg)
	}
	if fault != "" && !regexp.MustCompile(fault).MatchString(msg) {
		return unclear, fmt.Sprintf("message does not name the thing at fault (/%s/): %q", fault, msg)
	}
	return clear, firstLine(msg)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	return firstLine(s[strings.LastIndexByte(s, '\n')+1:])
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

var slowExport = regexp.MustCompile(`(?m)^exported [0-9,]+ quads in T as [a-z]+\n`)

var timing = regexp.MustCompile(`in [0-9.]+(ns|µs|ms|s|m[0-9.]+s), [0-9,]+ quads/s`)

// normalise makes a message comparable between runs.
func normalise(s, dir, root string) string {
	s = strings.ReplaceAll(s, dir, "$DIR")
	s = strings.ReplaceAll(s, root, "$ROOT")
	s = timing.ReplaceAllString(s, "in T")
	// export says how long it took only when it took over a second.
	s = slowExport.ReplaceAllString(s, "")
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// digestDir digests the names, modes and contents of the files below dir;
// "" when dir does not exist.
func digestDir(dir string) (string, error) {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(h, "%s: %v\n", path, err)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "%s %v %d\n", path, info.Mode(), info.Size())
		if info.Mode().IsRegular() {
			f, err := os.Open(path)
			if err != nil {
				fmt.Fprintf(h, "%v\n", err)
				return nil
			}
			io.Copy(h, f)
			f.Close()
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// copyDir copies the regular files of src into a new directory dst.
func copyDir(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	es, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range es {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// probeCases lists every case, by category.
func probeCases(t *testing.T, p *probe) []probeCase {
	var cs []probeCase
	for _, f := range []func(*testing.T, *probe) []probeCase{
		dataCases, rdfCases, baseCases, storeCases, postgresCases, exportCases, concurrencyCases, queryCases, signalCases,
	} {
		cs = append(cs, f(t, p)...)
	}
	return cs
}
