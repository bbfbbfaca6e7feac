package cli

import (
	"context"
	"encoding/json"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/stats"
)

// statsOptions are stats' flags.
type statsOptions struct{ JSON bool }

func (o *statsOptions) bind(f *pflag.FlagSet) {
	f.BoolVar(&o.JSON, "json", false, "print JSON instead of a table")
}

func (a *app) statsCmd() *cobra.Command {
	o := &statsOptions{}
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   "Count quads per type, predicate and named graph",
		Example: "  confgraph stats\n  confgraph stats --json --db bolt --dbpath ./cg.db",
		Args:    args(noArgs),
		RunE:    func(cmd *cobra.Command, _ []string) error { return a.runStats(cmd.Context(), o) },
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runStats(ctx context.Context, o *statsOptions) error {
	s, err := a.ws().OpenReadOnly(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := stats.Of(ctx, s)
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	return st.WriteText(a.stdout)
}
