package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/confgraph/confgraph/internal/bench"
	"github.com/confgraph/confgraph/internal/bench/report"
)

// runReport is `benchtool report`: it measures, prints the markdown
// tables, writes the plot and, with -doc, rewrites the report's section of
// a markdown file.
func runReport(args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: benchtool report [flags] [SIZE ...]

Measures, at each corpus size (default 10k 100k 1m; 10m on request), whole
processes on the same quads in the same run: confgraph load vs cayley load
(bolt), confgraph export vs cayley dump vs serdi, with each one's peak
memory, the ratios, a byte comparison of the export and the bundled
queries' latency; with CONFGRAPH_BENCH_POSTGRES (an address on which
databases may be created) also the loads into PostgreSQL. Prints the
tables as markdown and writes the plot as PREFIX.svg and PREFIX.png.
Run it from confgraph's repository. Corpora and cayley's CLI are cached
in $CONFGRAPH_BENCH_DIR (default $TMPDIR/confgraph-bench).

flags:`)
		fs.PrintDefaults()
	}
	runs := fs.Int("runs", 3, "runs of each step below 1M facts (median; 1 run from 1M on)")
	prefix := fs.String("plot", "docs/performance-report", "write the plot to `PREFIX`.svg and PREFIX.png (\"\" for none)")
	doc := fs.String("doc", "", "rewrite the benchmark-report section of this markdown `file` (e.g. docs/performance.md)")
	queryBackends := fs.String("query-backends", "memstore,bolt", "stores the bundled queries run on (postgres is added with CONFGRAPH_BENCH_POSTGRES)")
	queryRuns := fs.Int("query-runs", 5, "runs of each bundled query (median, after a warm-up run)")
	pgMax := fs.String("pg-max", "100k", "largest corpus loaded into PostgreSQL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sizes := []int{10000, 100000, 1000000}
	if fs.NArg() > 0 {
		var err error
		if sizes, err = bench.ParseSizes(strings.Join(fs.Args(), ",")); err != nil {
			return err
		}
	}
	pgm, err := bench.ParseSizes(*pgMax)
	if err != nil || len(pgm) != 1 {
		return fmt.Errorf("-pg-max %q is not one size", *pgMax)
	}
	cfg := report.Config{
		Sizes:     sizes,
		Runs:      *runs,
		Cache:     bench.Dir(),
		Postgres:  os.Getenv(bench.EnvPostgres),
		PGMax:     pgm[0],
		QueryRuns: *queryRuns,
		Log:       os.Stderr,
	}
	for _, b := range strings.Split(*queryBackends, ",") {
		if b = strings.TrimSpace(b); b != "" {
			cfg.QueryBackends = append(cfg.QueryBackends, b)
		}
	}
	if cfg.Postgres != "" && !slices.Contains(cfg.QueryBackends, "postgres") {
		cfg.QueryBackends = append(cfg.QueryBackends, "postgres")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r, err := report.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if err := report.WriteMarkdown(os.Stdout, r); err != nil {
		return err
	}
	svg, png := "", ""
	if *prefix != "" {
		svg, png = *prefix+".svg", *prefix+".png"
		if err := report.WritePlot(r, svg, png); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "wrote %s and %s\n", svg, png)
	}
	if *doc != "" {
		if err := report.UpdateDoc(*doc, r, svg, png); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "rewrote the benchmark report in %s\n", *doc)
	}
	return nil
}
