package cli

import (
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/stats"
)

func init() { register((*app).statsCmd) }

func (a *app) statsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   "Count quads per type, predicate and named graph",
		Example: "  confgraph stats\n  confgraph stats --json --db bolt --dbpath ./cg.db",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			st, err := stats.Of(cmd.Context(), s)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			return st.WriteText(a.stdout)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	return cmd
}
