// Package bench holds confgraph's benchmarks (load, N-Quads export, bundled
// queries, each beside a Cayley reference measured in the same run) and the
// helpers they and internal/bench/run.sh share: generated corpora cached on
// disk, and their N-Quads for the reference tools.
//
// Sizes and backends come from the environment, so that `go test ./...`
// stays fast:
//
//	CONFGRAPH_BENCH_FACTS     comma-separated corpus sizes (default 10000)
//	CONFGRAPH_BENCH_BACKENDS  comma-separated backends (default memstore,bolt)
//	CONFGRAPH_BENCH_POSTGRES  postgres:// address of a server on which the
//	                          benchmarks may create databases (enables postgres)
//	CONFGRAPH_BENCH_DIR       where corpora and stores are cached
//	                          (default $TMPDIR/confgraph-bench)
package bench

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/gen"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf/sortquads"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
)

// Environment variables read by the benchmarks.
const (
	EnvFacts    = "CONFGRAPH_BENCH_FACTS"
	EnvBackends = "CONFGRAPH_BENCH_BACKENDS"
	EnvPostgres = "CONFGRAPH_BENCH_POSTGRES"
	EnvDir      = "CONFGRAPH_BENCH_DIR"
)

// Seed is the seed of every benchmark corpus.
const Seed = 1

// Sizes returns the corpus sizes to benchmark.
func Sizes() ([]int, error) {
	v := os.Getenv(EnvFacts)
	if v == "" {
		return []int{10000}, nil
	}
	return ParseSizes(v)
}

// ParseSizes reads comma-separated corpus sizes: 10000, 100k, 1m (an
// underscore may group digits).
func ParseSizes(v string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(strings.ReplaceAll(f, "_", ""))
		mult := 1
		if n, ok := strings.CutSuffix(strings.ToLower(f), "k"); ok {
			f, mult = n, 1000
		} else if n, ok := strings.CutSuffix(strings.ToLower(f), "m"); ok {
			f, mult = n, 1000000
		}
		n, err := strconv.Atoi(f)
		if err != nil || n*mult < gen.MinFacts {
			return nil, fmt.Errorf("%s: %q is not a size of at least %d (e.g. 10000, 100k, 1m)", EnvFacts, f, gen.MinFacts)
		}
		out = append(out, n*mult)
	}
	return out, nil
}

// Backends returns the backends to benchmark.
func Backends() []string {
	v := os.Getenv(EnvBackends)
	if v == "" {
		v = "memstore,bolt"
		if os.Getenv(EnvPostgres) != "" {
			v += ",postgres"
		}
	}
	var out []string
	for _, b := range strings.Split(v, ",") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// Dir returns the cache directory.
func Dir() string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "confgraph-bench")
}

// Label names a size in benchmark names: 10k, 100k, 1m.
func Label(facts int) string {
	switch {
	case facts%1000000 == 0:
		return strconv.Itoa(facts/1000000) + "m"
	case facts%1000 == 0:
		return strconv.Itoa(facts/1000) + "k"
	}
	return strconv.Itoa(facts)
}

// Corpus returns the directory of the generated corpus of facts facts
// under dir, generating it first when it is missing. A file "complete"
// marks a finished corpus and holds the generator's fingerprint
// (gen.Fingerprint): a corpus an older generator wrote is made again.
func Corpus(dir string, facts int) (string, error) {
	d := filepath.Join(dir, fmt.Sprintf("corpus-%s-seed%d", Label(facts), Seed))
	if ok, err := Marked(filepath.Join(d, "complete")); err != nil || ok {
		return d, err
	}
	// What was made from an older corpus goes with it.
	if err := os.Remove(d + ".nq"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("clear stale N-Quads: %w", err)
	}
	if err := os.RemoveAll(d); err != nil {
		return "", fmt.Errorf("clear stale corpus: %w", err)
	}
	if _, err := gen.WriteDir(d, gen.Options{Facts: facts, Seed: Seed}); err != nil {
		return "", err
	}
	if err := Mark(filepath.Join(d, "complete")); err != nil {
		return "", fmt.Errorf("mark corpus complete: %w", err)
	}
	return d, nil
}

// Marked reports whether the marker file at path holds the generator's
// current fingerprint (gen.Fingerprint), i.e. whether what it marks was
// made from a corpus of this generator. A missing marker is not an error.
func Marked(path string) (bool, error) {
	fp, err := gen.Fingerprint()
	if err != nil {
		return false, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read cache marker: %w", err)
	}
	return string(b) == fp+"\n", nil
}

// Mark writes the generator's fingerprint into the marker file at path.
func Mark(path string) error {
	fp, err := gen.Fingerprint()
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(fp+"\n"), 0o644)
}

// Quads reads, validates and maps the corpus in dir, as `confgraph load`
// does: the vocabulary and every report, sorted, without duplicates.
func Quads(dir string) ([]quad.Quad, error) {
	files, err := dataset.ReadPaths([]string{dir})
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", dir, err)
	}
	return mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files), nil
}

// LoadQuads reads, validates and maps the corpus in dir as `confgraph
// load` does before its store's Replace: with repeats, not sorted
// (mapping.Quads).
func LoadQuads(dir string) ([]quad.Quad, error) {
	files, err := dataset.ReadPaths([]string{dir})
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", dir, err)
	}
	return mapping.Quads(mapping.IRIs{Base: mapping.DefaultBase}, files), nil
}

// ExportNQuads writes the quads that each yields (with their N-Quads
// lines, as Store.EachKeyed gives them) to w as sorted N-Quads without
// repeats, through the bounded-memory sort: the path of `confgraph export`
// (sortquads.Lines into nquads.WriteLines). It returns the number of quads
// written.
func ExportNQuads(w io.Writer, each func(fn func(key string, q quad.Quad) error) error, opt sortquads.Options) (n int, err error) {
	return n, nquads.WriteLines(w, func(yield func(string) error) error {
		return sortquads.Lines(each, opt)(func(l string) error { n++; return yield(l) })
	})
}

// NQuadsFile returns the path of the corpus's quads as sorted N-Quads (what
// `confgraph export` writes), writing it first when it is missing. The
// reference tools (cayley load, serdi) read this file.
func NQuadsFile(corpus string) (string, error) {
	p := corpus + ".nq"
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	qs, err := Quads(corpus)
	if err != nil {
		return "", err
	}
	tmp := p + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return "", fmt.Errorf("write N-Quads: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = nquads.Write(bw, qs)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("write N-Quads %s: %w", p, err)
	}
	return p, os.Rename(tmp, p)
}
