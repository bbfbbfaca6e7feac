package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func init() { register((*app).validateCmd) }

func (a *app) validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [FILE|DIR ...]",
		Short: "Check data files and report every problem as file:line:col",
		Long: `validate reads data files and reports every problem at once, one per line
as file:line:col: what is wrong (how to fix). It exits with status 1 when
there is any. With no files it checks the curated data embedded in the binary.`,
		Example: `  confgraph validate graph/
  confgraph validate my-report.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := a.readData(args)
			var ee *exitError
			if errors.As(err, &ee) {
				ee.msg = strings.TrimSuffix(ee.msg, "; nothing was loaded")
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "%d file(s) valid\n", len(files))
			return nil
		},
	}
}
