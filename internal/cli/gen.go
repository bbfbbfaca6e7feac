package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/gen"
)

// genOptions are gen's flags.
type genOptions struct {
	Facts, PerReport int
	Seed             uint64
	Out              string
}

func (o *genOptions) bind(f *pflag.FlagSet) {
	f.IntVar(&o.Facts, "facts", 0, "number of facts (quads in report graphs) to generate")
	f.Uint64Var(&o.Seed, "seed", 1, "seed; the same seed and sizes give the same files")
	f.StringVar(&o.Out, "out", "", "directory to write the data files to (created if missing)")
	f.IntVar(&o.PerReport, "per-report", gen.DefaultReportFacts, "mean number of facts per report")
}

func (a *app) genCmd() *cobra.Command {
	o := &genOptions{}
	cmd := &cobra.Command{
		Use:   "gen --facts N --out DIR",
		Short: "Generate a synthetic corpus of data files for benchmarks",
		Long: `gen writes a synthetic corpus in confgraph's YAML data-file format: reports
shaped like the curated one (a national conference in Hanoi with several
bridges, attendees holding posts in nested party bodies, documents,
directives, targets, Vietnamese names with diacritics, German body names).

One fact is one quad in a report's named graph: a corpus of N facts loads as
exactly N quads plus the project vocabulary. Reports hold about 5,000 facts
each (--per-report), so a corpus has many named graphs. The same --seed and
sizes give byte-identical files. The output directory must not yet hold
.yaml files. Every file passes 'confgraph validate'.`,
		Example: `  confgraph gen --facts 1000000 --seed 1 --out /tmp/corpus-1m
  confgraph load --db bolt --dbpath ./bench.db /tmp/corpus-1m`,
		Args: args(noArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runGen(cmd.Context(), o) },
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runGen(_ context.Context, o *genOptions) error {
	if o.Out == "" {
		return fail(2, "gen needs --out DIR, the directory to write the corpus to")
	}
	sum, err := gen.WriteDir(o.Out, gen.Options{Facts: o.Facts, Seed: o.Seed, ReportFacts: o.PerReport})
	if se := (*gen.SizeError)(nil); errors.As(err, &se) {
		return se // a usage mistake: explain words it with the flags
	}
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fmt.Fprintf(a.stderr, "wrote %d report(s) to %s: %d facts (quads), %d entries, %d bytes\n",
		sum.Reports, o.Out, sum.Facts, sum.Entries, sum.Bytes)
	return nil
}
