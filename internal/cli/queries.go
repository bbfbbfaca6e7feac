package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/query"
)

func init() { register((*app).queriesCmd) }

func (a *app) queriesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "queries",
		Short: "List the bundled queries with their parameters",
		Long: `queries lists the Gizmo queries bundled in the binary, with a description,
their parameters (with defaults) and the columns of their rows. Run one with
'confgraph query NAME'.`,
		Example: "  confgraph queries",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var b strings.Builder
			for i, q := range query.Bundled() {
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
			_, err := fmt.Fprint(a.stdout, b.String())
			return err
		},
	}
}
