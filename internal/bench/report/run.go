package report

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/lib/pq" // creates the PostgreSQL databases of the run

	"github.com/confgraph/confgraph/internal/bench"
)

// Config says what a run measures.
type Config struct {
	Sizes []int // corpus sizes in facts
	// Runs is how many times each step runs below 1M facts (the median is
	// reported); from 1M facts on each runs once. 0 means 3.
	Runs int
	// Cache holds the corpora and cayley's CLI (bench.Dir()).
	Cache string
	// Postgres is an address of a server on which databases may be
	// created ("" skips PostgreSQL); PGMax is the largest size loaded there.
	Postgres string
	PGMax    int
	// QueryBackends are the stores the bundled queries run on (memstore,
	// bolt, postgres); QueryRuns how often each (median).
	QueryBackends []string
	QueryRuns     int
	Log           io.Writer // progress; nil discards it
}

// Run measures cfg.Sizes and returns the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	log := cfg.Log
	if log == nil {
		log = io.Discard
	}
	if cfg.Runs <= 0 {
		cfg.Runs = 3
	}
	if cfg.QueryRuns <= 0 {
		cfg.QueryRuns = 5
	}
	r := &Report{Start: time.Now(), Machine: ThisMachine()}
	root, err := ModuleRoot(ctx)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "confgraph-report-")
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(cfg.Cache, 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	fmt.Fprintln(log, "building confgraph and cayley's CLI (cayley once per version) ...")
	t, err := BuildTools(ctx, root, tmp, cfg.Cache)
	if err != nil {
		return nil, err
	}
	r.Machine.Cayley, _ = CayleyVersion()
	r.Machine.Serdi = SerdiVersion(ctx, t.Serdi)
	for _, facts := range cfg.Sizes {
		s, err := runSize(ctx, cfg, t, tmp, facts, log)
		if err != nil {
			return nil, fmt.Errorf("%s facts: %w", bench.Label(facts), err)
		}
		r.Sizes = append(r.Sizes, s)
	}
	r.End = time.Now()
	r.Machine.LoadEnd = LoadAverage()
	r.FloorKiB = ownPeakKiB()
	return r, nil
}

// runSize measures one corpus size.
func runSize(ctx context.Context, cfg Config, t Tools, tmp string, facts int, log io.Writer) (Size, error) {
	s := Size{Facts: facts, Steps: map[string]Measurement{}}
	label := bench.Label(facts)
	fmt.Fprintf(log, "== %s: preparing the corpus (cached in %s) ...\n", label, cfg.Cache)
	corpus, nq, err := prepareCorpus(ctx, t.Self, cfg.Cache, facts)
	if err != nil {
		return s, err
	}
	if s.Quads, err = countLines(nq); err != nil {
		return s, err
	}
	runs := cfg.Runs
	if facts >= 1000000 {
		runs = 1
	}
	db := filepath.Join(tmp, "confgraph-"+label+".db")
	cdb := filepath.Join(tmp, "cayley-"+label+".db")
	out := filepath.Join(tmp, "export.nq")
	defer os.RemoveAll(db)
	defer os.RemoveAll(cdb)
	defer os.Remove(out)
	rm := func(p string) func() error { return func() error { return os.RemoveAll(p) } }
	steps := []struct {
		name    string
		prepare func() error
		cmd     Command
	}{
		{LoadConfgraph, rm(db), Command{Args: []string{t.Confgraph, "load", "--quiet", "--db", "bolt", "--dbpath", db, corpus}}},
		{LoadCayley, rm(cdb), Command{Args: []string{t.Cayley, "load", "--init", "--db", "bolt", "--dbpath", cdb, "-i", nq, "--logtostderr=false"}}},
		{ExportConfgraph, nil, Command{Args: []string{t.Confgraph, "export", "--db", "bolt", "--dbpath", db, "-o", out}}},
		{DumpCayley, nil, Command{Args: []string{t.Cayley, "dump", "--db", "bolt", "--dbpath", cdb, "-o", filepath.Join(tmp, "dump.nq"), "--logtostderr=false"}}},
		{Serdi, nil, Command{Args: []string{t.Serdi, "-i", "nquads", "-o", "nquads", nq}, Stdout: filepath.Join(tmp, "serdi.nq")}},
	}
	for _, st := range steps {
		fmt.Fprintf(log, "   %s (%d run(s)) ...\n", st.name, runs)
		m, err := Measure(ctx, runs, st.prepare, st.cmd)
		if err != nil {
			return s, err
		}
		s.Steps[st.name] = m
	}
	os.Remove(filepath.Join(tmp, "dump.nq"))
	os.Remove(filepath.Join(tmp, "serdi.nq"))
	if s.Diff, err = CompareFiles(out, nq); err != nil {
		return s, err
	}
	s.Identical = s.Diff == ""
	pgPath := ""
	if cfg.Postgres != "" && (cfg.PGMax <= 0 || facts <= cfg.PGMax) {
		if pgPath, err = runPostgres(ctx, cfg, t, &s, corpus, nq, out, log); err != nil {
			return s, err
		}
	}
	for _, backend := range cfg.QueryBackends {
		path := ""
		switch backend {
		case "bolt":
			path = db
		case "postgres":
			if pgPath == "" {
				continue
			}
			path = pgPath
		}
		fmt.Fprintf(log, "   bundled queries on %s ...\n", backend)
		qs, err := runQueries(ctx, t.Self, backend, path, corpus, cfg.QueryRuns)
		if err != nil {
			return s, err
		}
		s.Queries = append(s.Queries, qs...)
	}
	if pgPath != "" {
		if err := dropDatabases(ctx, cfg.Postgres, pgOurs, pgCayley); err != nil {
			return s, err
		}
	}
	return s, nil
}

// The databases a run creates on the PostgreSQL server.
const (
	pgOurs   = "cgreport_confgraph"
	pgCayley = "cgreport_cayley"
)

// runPostgres measures the loads into PostgreSQL and the export from it;
// it returns the address of confgraph's database, left loaded for the
// queries.
func runPostgres(ctx context.Context, cfg Config, t Tools, s *Size, corpus, nq, out string, log io.Writer) (string, error) {
	ours, err := databaseURL(cfg.Postgres, pgOurs)
	if err != nil {
		return "", err
	}
	theirs, err := databaseURL(cfg.Postgres, pgCayley)
	if err != nil {
		return "", err
	}
	fresh := func(name string) func() error {
		return func() error {
			if err := dropDatabases(ctx, cfg.Postgres, name); err != nil {
				return err
			}
			return createDatabase(ctx, cfg.Postgres, name)
		}
	}
	steps := []struct {
		name    string
		prepare func() error
		cmd     Command
	}{
		{PGLoadConfgraph, fresh(pgOurs), Command{Args: []string{t.Confgraph, "load", "--quiet", "--db", "postgres", "--dbpath", ours, corpus}}},
		{PGLoadCayley, fresh(pgCayley), Command{Args: []string{t.Cayley, "load", "--init", "--db", "postgres", "--dbpath", theirs, "-i", nq, "--logtostderr=false"}}},
		{PGExportConfgraph, nil, Command{Args: []string{t.Confgraph, "export", "--db", "postgres", "--dbpath", ours, "-o", out}}},
	}
	for _, st := range steps {
		fmt.Fprintf(log, "   %s (1 run) ...\n", st.name)
		m, err := Measure(ctx, 1, st.prepare, st.cmd)
		if err != nil {
			return "", err
		}
		s.Steps[st.name] = m
	}
	if err := dropDatabases(ctx, cfg.Postgres, pgCayley); err != nil {
		return "", err
	}
	return ours, nil
}

// databaseURL returns admin's address with the database name replaced.
func databaseURL(admin, name string) (string, error) {
	u, err := url.Parse(admin)
	if err != nil {
		return "", fmt.Errorf("%s: %w", bench.EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

func createDatabase(ctx context.Context, admin, name string) error {
	db, err := sql.Open("postgres", admin)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return fmt.Errorf("postgres: create %s: %w", name, err)
	}
	return nil
}

func dropDatabases(ctx context.Context, admin string, names ...string) error {
	db, err := sql.Open("postgres", admin)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	defer db.Close()
	for _, n := range names {
		if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+n+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("postgres: drop %s: %w", n, err)
		}
	}
	return nil
}

// prepareCorpus runs `benchtool corpus` in a process of its own (the
// corpus is mapped in memory to write its N-Quads; that memory is not the
// report's) and returns the corpus directory and its N-Quads file.
func prepareCorpus(ctx context.Context, self, cache string, facts int) (dir, nq string, err error) {
	cmd := exec.CommandContext(ctx, self, "corpus", strconv.Itoa(facts))
	cmd.Env = append(os.Environ(), bench.EnvDir+"="+cache)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", "", &ProcessError{Command: cmd.String(), Err: err, Stderr: tail(stderr.String(), 10)}
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return "", "", fmt.Errorf("benchtool corpus printed %q, not two paths", out)
	}
	return lines[0], lines[1], nil
}

// runQueries runs `benchtool queries` and reads its JSON.
func runQueries(ctx context.Context, self, backend, path, corpus string, runs int) ([]QueryTime, error) {
	cmd := exec.CommandContext(ctx, self, "queries", backend, path, corpus, strconv.Itoa(runs))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, &ProcessError{Command: cmd.String(), Err: err, Stderr: tail(stderr.String(), 10)}
	}
	var ts []QueryTime
	if err := json.Unmarshal(out, &ts); err != nil {
		return nil, fmt.Errorf("benchtool queries: %w", err)
	}
	return ts, nil
}

// countLines returns the number of lines of the file at path.
func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("count quads: %w", err)
	}
	defer f.Close()
	n := 0
	buf := make([]byte, 1<<16)
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, fmt.Errorf("count quads %s: %w", path, err)
		}
	}
}

// CompareFiles compares two files byte for byte, as cmp does: it returns
// "" when they are identical, else where they first differ ("line 12",
// or which one is shorter).
func CompareFiles(a, b string) (string, error) {
	fa, err := os.Open(a)
	if err != nil {
		return "", fmt.Errorf("compare: %w", err)
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return "", fmt.Errorf("compare: %w", err)
	}
	defer fb.Close()
	ra, rb := bufio.NewReaderSize(fa, 1<<16), bufio.NewReaderSize(fb, 1<<16)
	for line := 1; ; line++ {
		la, errA := ra.ReadBytes('\n')
		lb, errB := rb.ReadBytes('\n')
		if errA != nil && errA != io.EOF {
			return "", fmt.Errorf("compare %s: %w", a, errA)
		}
		if errB != nil && errB != io.EOF {
			return "", fmt.Errorf("compare %s: %w", b, errB)
		}
		if !bytes.Equal(la, lb) {
			switch {
			case len(la) == 0:
				return fmt.Sprintf("line %d: the export ends first", line), nil
			case len(lb) == 0:
				return fmt.Sprintf("line %d: the export is longer", line), nil
			}
			return fmt.Sprintf("line %d", line), nil
		}
		if errA == io.EOF {
			return "", nil
		}
	}
}

// ownPeakKiB returns this process's peak RSS (VmHWM of /proc/self/status),
// 0 where it cannot be read.
func ownPeakKiB() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	return 0
}
