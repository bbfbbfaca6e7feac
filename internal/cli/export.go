package cli

import (
	"bufio"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/export/nquads"
)

func init() { register((*app).exportCmd) }

func (a *app) exportCmd() *cobra.Command {
	var out, graphArg string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the store as sorted N-Quads",
		Long: `export writes every quad of the store (or of one report's graph) as N-Quads,
sorted, so the output is byte-identical on every run and from every store.`,
		Example: `  confgraph export > report.nq
  confgraph export -o report.nq --graph party-building-conference-2023-de
  confgraph export --db bolt --dbpath ./cg.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			g, err := a.graphIRI(ctx, s, graphArg)
			if err != nil {
				return err
			}
			qs, err := s.Quads(ctx, g)
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if len(qs) == 0 {
				fmt.Fprintln(a.stderr, "confgraph: the store is empty; run 'confgraph load' first")
			}
			w := a.stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			err = nquads.Write(bw, qs)
			if err == nil {
				err = bw.Flush()
			}
			if f != nil {
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	cmd.Flags().StringVar(&graphArg, "graph", "", "export only this report's graph (report ID or graph IRI)")
	return cmd
}
