package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// removeOptions are remove's arguments.
type removeOptions struct {
	Reports []string // report IDs or graph IRIs
}

func (a *app) removeCmd() *cobra.Command {
	o := &removeOptions{}
	return &cobra.Command{
		Use:   "remove REPORT...",
		Short: "Remove reports (their named graphs) from the store in one transaction",
		Long: `remove takes the named reports out of the store: every quad of each
report's named graph, in one transaction. A report is named by its ID (or
a graph by its IRI, e.g. one loaded from an RDF file). If any of them is
not in the store, nothing is removed and the reports the store holds are
listed (exit status 1).

An entity lives in the graphs of the reports that state it: it goes with
the last of them, and stays, with what the other reports state, while any
does. A report that refers to an entity without defining it keeps the
reference when the defining report is removed; load that report again, or
define the entity in the referring file.

On the memstore backend the removal lasts until the command ends.`,
		Example: `  confgraph remove --db bolt --dbpath ./cg.db provincial-congresses-2020-en
  confgraph remove --db bolt --dbpath ./cg.db report-a report-b`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Reports = args
			return a.runRemove(cmd.Context(), o)
		},
	}
}

func (a *app) runRemove(ctx context.Context, o *removeOptions) error {
	ws := a.ws()
	s, err := ws.OpenExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := ws.Remove(ctx, s, o.Reports)
	if err != nil {
		return err
	}
	if a.Quiet {
		return nil
	}
	for _, g := range res.PerGraph {
		fmt.Fprintf(a.stderr, "removed %s (%d quads)\n", ws.ReportOf(g.Graph), g.Removed)
	}
	note := ""
	if !s.Backend().Persistent {
		note = " (which keeps nothing: the next command starts from the embedded data again)"
	}
	fmt.Fprintf(a.stderr, "removed %d report(s) from %s%s: %d quads\n", res.Graphs, a.DB, note, res.Removed)
	return nil
}
