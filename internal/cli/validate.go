package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/workspace"
)

// validateOptions are validate's arguments.
type validateOptions struct {
	Paths []string // data files and directories; none: the embedded data
}

func (a *app) validateCmd() *cobra.Command {
	o := &validateOptions{}
	return &cobra.Command{
		Use:   "validate [FILE|DIR ...]",
		Short: "Check data files and report every problem as file:line:col",
		Long: `validate reads data files and reports every problem at once, one per line
as file:line:col: what is wrong (how to fix). It exits with status 1 when
there is any. With no files it checks the curated data embedded in the binary.`,
		Example: `  confgraph validate graph/
  confgraph validate my-report.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return a.runValidate(cmd.Context(), o)
		},
	}
}

func (a *app) runValidate(_ context.Context, o *validateOptions) error {
	files, err := workspace.ReadData(o.Paths)
	var pr *workspace.ProblemsError
	if errors.As(err, &pr) {
		// Checking loads nothing: the problems, and how many.
		fmt.Fprintln(a.stderr, strings.Join(pr.Problems, "\n"))
		return &exitError{code: 1, msg: pr.Error()}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "%d file(s) valid\n", len(files))
	return nil
}
