package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/gen"
)

func init() { register((*app).genCmd) }

func (a *app) genCmd() *cobra.Command {
	var (
		facts, perReport int
		seed             uint64
		out              string
	)
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
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return &exitError{code: 2, msg: "gen needs --out DIR, the directory to write the corpus to"}
			}
			if facts < gen.MinFacts {
				return &exitError{code: 2, msg: fmt.Sprintf("gen needs --facts N with N at least %d (got %d)", gen.MinFacts, facts)}
			}
			if perReport != 0 && perReport < gen.MinFacts {
				return &exitError{code: 2, msg: fmt.Sprintf("--per-report must be at least %d (got %d)", gen.MinFacts, perReport)}
			}
			sum, err := gen.WriteDir(out, gen.Options{Facts: facts, Seed: seed, ReportFacts: perReport})
			if err != nil {
				return fmt.Errorf("gen: %w", err)
			}
			fmt.Fprintf(a.stderr, "wrote %d report(s) to %s: %d facts (quads), %d entries, %d bytes\n",
				sum.Reports, out, sum.Facts, sum.Entries, sum.Bytes)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&facts, "facts", 0, "number of facts (quads in report graphs) to generate")
	f.Uint64Var(&seed, "seed", 1, "seed; the same seed and sizes give the same files")
	f.StringVar(&out, "out", "", "directory to write the data files to (created if missing)")
	f.IntVar(&perReport, "per-report", gen.DefaultReportFacts, "mean number of facts per report")
	return cmd
}
