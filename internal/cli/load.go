package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/mapping"
)

func init() { register((*app).loadCmd) }

func (a *app) loadCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "load [FILE|DIR ...]",
		Short: "Validate data files and write them into the store in one transaction",
		Long: `load validates every named data file (a directory stands for the .yaml files
in it), then replaces the named graph of each report in the store with the
report's quads in one transaction, together with the project vocabulary.

Loading the same files again changes nothing. A file with any error loads
nothing: the errors are listed and the store is left as it was. With no
files, the curated data embedded in the binary is loaded.`,
		Example: `  confgraph load --db bolt --dbpath ./cg.db
  confgraph load --db bolt --dbpath ./cg.db graph/
  CONFGRAPH_DB=bolt CONFGRAPH_DBPATH=./cg.db confgraph load my-report.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := a.iris()
			if err != nil {
				return err
			}
			files, err := a.readData(args)
			if err != nil {
				return err
			}
			s, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := s.Replace(cmd.Context(), mapping.All(m, files))
			if err != nil {
				return fmt.Errorf("load: %w", err)
			}
			fmt.Fprintf(a.stderr, "loaded %d report(s) into %s: %d graph(s), %d quads, %d added, %d removed\n",
				len(files), a.db, res.Graphs, res.Total, res.Added, res.Removed)
			return nil
		},
	}
}
