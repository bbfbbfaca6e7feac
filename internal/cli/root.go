// Package cli implements the confgraph command line: the command list and
// the global flags in this file, one file per command (its options, their
// flags and its run function), and in errors.go the one place that words
// errors and picks exit statuses.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/workspace"
)

// EnvBase names the environment variable that sets the base IRI.
const EnvBase = "CONFGRAPH_BASE"

// globalOptions are the flags every command takes.
type globalOptions struct {
	DB, DBPath, Base string
	Quiet            bool // --quiet: no progress display or summary lines
}

func (o *globalOptions) bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.DB, "db", envOr(EnvDB, "memstore"),
		fmt.Sprintf("store backend: %s (env %s)", strings.Join(store.Names(), ", "), EnvDB))
	fs.StringVar(&o.DBPath, "dbpath", os.Getenv(EnvDBPath),
		fmt.Sprintf("path or address of a persistent store (env %s)", EnvDBPath))
	fs.StringVar(&o.Base, "base", envOr(EnvBase, mapping.DefaultBase),
		fmt.Sprintf("base IRI of minted instance IRIs (env %s)", EnvBase))
	fs.BoolVar(&o.Quiet, "quiet", false, "no progress display or summary lines on standard error")
}

// app holds the global options and the streams of one invocation.
type app struct {
	globalOptions
	stdout, stderr io.Writer
	stdin          io.Reader
}

// ws is the workspace the global options select.
func (a *app) ws() workspace.Config {
	return workspace.Config{Backend: a.DB, Path: a.DBPath, Base: a.Base}
}

// Main runs confgraph with args and returns the process exit status.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr, stdin: stdin}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	c, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	if c == root {
		// The root command runs nothing: its only errors are cobra's for
		// an unknown command (flag errors come through SetFlagErrorFunc).
		err = usage(err)
	}
	text, code := explain(err)
	fmt.Fprint(stderr, text)
	return code
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "confgraph",
		Short: "Turn reports on political meetings into a queryable knowledge graph",
		Long: `confgraph turns curated facts from reports on political meetings (who
attended which bridge of a hybrid conference in what role, who holds which
post, documents, directives, targets) into RDF quads in a Cayley graph
database, with every fact citing the paragraph of the report that states it.

With no store flags every command works on an in-memory store loaded from the
curated data embedded in the binary: nothing to set up.`,
		Example: `  confgraph export                          # N-Quads of the embedded report
  confgraph validate graph/*.yaml           # check data files
  confgraph load --db bolt --dbpath ./cg.db # persist the embedded data
  confgraph stats --db bolt --dbpath ./cg.db`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	a.globalOptions.bind(root.PersistentFlags())
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usage(err) })
	// The commands, in the order of 'confgraph --help' (cobra sorts them).
	root.AddCommand(
		a.backupCmd(),
		a.checkCmd(),
		a.exportCmd(),
		a.genCmd(),
		a.initCmd(),
		a.loadCmd(),
		a.newCmd(),
		a.queriesCmd(),
		a.queryCmd(),
		a.removeCmd(),
		a.serveCmd(),
		a.statsCmd(),
		a.validateCmd(),
	)
	return root
}

// noArgs is cobra.NoArgs saying what is wrong: the command takes no
// arguments (cobra's own check speaks of an unknown command).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	got := make([]string, len(args))
	for i, a := range args {
		got[i] = strconv.Quote(a)
	}
	return fmt.Errorf("%s takes no arguments, got %s", cmd.Name(), strings.Join(got, " "))
}

// args makes the errors of a cobra argument check usage errors.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usage(err)
		}
		return nil
	}
}
