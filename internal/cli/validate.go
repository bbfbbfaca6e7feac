package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/workspace"
)

// validateOptions are validate's flags and arguments.
type validateOptions struct {
	Sources []string // --sources: directories holding source texts
	Paths   []string // data files and directories; none: the embedded data
}

func (o *validateOptions) bind(f *pflag.FlagSet) {
	bindSources(f, &o.Sources)
}

func (a *app) validateCmd() *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [FILE|DIR ...]",
		Short: "Check data files and report every problem as file:line:col",
		Long: `validate reads data files and reports every problem at once, one per line
as file:line:col: what is wrong (how to fix). It exits with status 1 when
there is any. With no files it checks the curated data embedded in the binary.

When a report's source text is at hand (the file its source: field names,
relative to the data file, or a file of that name in a --sources
directory), each quote is checked against the paragraphs it cites, and the
sha256 and the paragraph count against the text. A source that is named
but not found is a warning: those checks are not made. The embedded data's
sources are looked for in --sources directories only.

TODO placeholders (as 'confgraph new' writes them) are warnings here;
'confgraph load' refuses them.

The files are checked against the reports in the store the global flags
select (with none, the embedded seed) as 'confgraph load' checks them:
references to the entities of stored reports resolve, and conflicts with
them are errors. Only a report ID the store holds from another source is
left to load (and its --replace).`,
		Example: `  confgraph validate graph/
  confgraph validate my-report.yaml
  confgraph validate --sources ../texts graph/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPathArgs(args); err != nil {
				return err
			}
			o.Paths = args
			return a.runValidate(cmd.Context(), o)
		},
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runValidate(ctx context.Context, o *validateOptions) error {
	ws := a.ws()
	s, err := ws.OpenReadOnly(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	ro := readOptions(o.Sources, true)
	if ro.Outside, err = ws.Resolver(ctx, s); err != nil {
		return err
	}
	files, warnings, err := workspace.ReadDataWith(o.Paths, ro)
	if err == nil {
		_, err = ws.CheckMerge(ctx, s, files, workspace.MergeOptions{Replace: true})
	}
	var pr *workspace.ProblemsError
	if errors.As(err, &pr) {
		// Checking loads nothing: the problems, and how many.
		fmt.Fprintln(a.stderr, strings.Join(pr.Problems, "\n"))
		return &exitError{code: 1, msg: pr.Error()}
	}
	if err != nil {
		return err
	}
	a.warn(warnings)
	fmt.Fprintf(a.stderr, "%d file(s) valid\n", len(files))
	return nil
}

// checkPathArgs refuses an empty file argument ("" from a variable that is
// not set), which would otherwise be reported as "read : no such file".
func checkPathArgs(args []string) error {
	for i, arg := range args {
		if arg == "" {
			return fail(2, "argument %d is empty, not a file or directory name (is a variable in the command unset?)", i+1)
		}
	}
	return nil
}
