package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/query"
)

// queriesOptions are queries' options: it has none.
type queriesOptions struct{}

func (a *app) queriesCmd() *cobra.Command {
	o := &queriesOptions{}
	return &cobra.Command{
		Use:   "queries",
		Short: "List the bundled queries with their parameters",
		Long: `queries lists the Gizmo queries bundled in the binary, with a description,
their parameters (with defaults) and the columns of their rows. Run one with
'confgraph query NAME'.`,
		Example: "  confgraph queries",
		Args:    args(noArgs),
		RunE:    func(cmd *cobra.Command, _ []string) error { return a.runQueries(cmd.Context(), o) },
	}
}

func (a *app) runQueries(_ context.Context, _ *queriesOptions) error {
	qs, err := query.Bundled()
	if err != nil {
		return err
	}
	var b strings.Builder
	for i, q := range qs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s\n  %s\n", q.Name, q.Description)
		for _, p := range q.Params {
			def := "required"
			if !p.Required {
				def = fmt.Sprintf("default %q", p.Default)
			}
			typ := p.Type
			if k := p.Kind(); k != "" {
				typ = p.Noun() + " name, ID or IRI"
			}
			fmt.Fprintf(&b, "  --param %s=VALUE  (%s; %s) %s\n", p.Name, typ, def, p.Doc)
		}
		fmt.Fprintf(&b, "  columns: %s\n", strings.Join(q.Columns, ", "))
	}
	_, err = fmt.Fprint(a.stdout, b.String())
	return err
}
