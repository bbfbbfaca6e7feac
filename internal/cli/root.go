// Package cli implements the confgraph command line: one file per command,
// the shared store and data handling in this file.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store"
)

// EnvBase names the environment variable that sets the base IRI.
const EnvBase = "CONFGRAPH_BASE"

// app holds the global flags and the streams of one invocation.
type app struct {
	db, dbpath, base string
	quiet            bool // --quiet: no progress display or summary lines
	stdout, stderr   io.Writer
	stdin            io.Reader
}

// Main runs confgraph with args and returns the process exit status.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr, stdin: stdin}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if !errors.As(err, &ee) && isUsage(err) {
		err = &usageError{err}
	}
	msg, code, help := explain(err)
	if msg != "" {
		fmt.Fprintln(stderr, "confgraph:", msg)
	}
	if help {
		fmt.Fprintln(stderr, "Run 'confgraph --help' for usage.")
	}
	return code
}

func isUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires ", "invalid argument", "flag needs an argument"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
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
	pf := root.PersistentFlags()
	pf.StringVar(&a.db, "db", envOr(EnvDB, "memstore"),
		fmt.Sprintf("store backend: %s (env %s)", strings.Join(store.Names(), ", "), EnvDB))
	pf.StringVar(&a.dbpath, "dbpath", os.Getenv(EnvDBPath),
		fmt.Sprintf("path or address of a persistent store (env %s)", EnvDBPath))
	pf.StringVar(&a.base, "base", envOr(EnvBase, mapping.DefaultBase),
		fmt.Sprintf("base IRI of minted instance IRIs (env %s)", EnvBase))
	pf.BoolVar(&a.quiet, "quiet", false, "no progress display or summary lines on standard error")
	for _, c := range commands {
		root.AddCommand(c(a))
	}
	return root
}

// commands holds the constructor of every subcommand; each command's file
// registers its own in init, so adding a command touches one file.
var commands []func(*app) *cobra.Command

func register(c func(*app) *cobra.Command) { commands = append(commands, c) }

// iris returns the IRI minter for the --base flag.
func (a *app) iris() (mapping.IRIs, error) {
	if err := mapping.CheckBase(a.base); err != nil {
		return mapping.IRIs{}, &exitError{code: 2, msg: err.Error()}
	}
	return mapping.IRIs{Base: a.base}, nil
}

// readData reads and validates data files: the named paths, or the embedded
// curated data when there are none. Validation errors are printed one per
// line and returned as an exit status 1.
func (a *app) readData(paths []string) ([]*dataset.File, error) {
	var files []*dataset.File
	var err error
	if len(paths) == 0 {
		files, err = dataset.ReadFS(graph.Files, ".")
	} else {
		files, err = dataset.ReadPaths(paths)
	}
	var es dataset.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			fmt.Fprintln(a.stderr, e.Error())
		}
		return nil, &exitError{code: 1, msg: fmt.Sprintf("%d problem(s) found; nothing was loaded", len(es))}
	}
	return files, err
}

// openExisting is openStore for commands that only read: a file store that
// does not exist is an error (a mistyped --dbpath), not a new empty store.
func (a *app) openExisting(ctx context.Context) (*store.Store, error) {
	if b, ok := store.Lookup(a.db); ok && b.File && a.dbpath != "" {
		if _, err := os.Stat(a.dbpath); os.IsNotExist(err) {
			return nil, &exitError{code: 1, msg: fmt.Sprintf("no %s store at %s: check --dbpath (or %s), or create it with 'confgraph load' or 'confgraph init'", a.db, a.dbpath, EnvDBPath)}
		}
	}
	return a.openStore(ctx)
}

// openStore opens the store the flags select, creating a persistent store
// on first use. The in-memory default is filled with the embedded curated
// data so that every command has a graph.
func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	if b, ok := store.Lookup(a.db); !ok {
		return nil, &exitError{code: 2, msg: fmt.Sprintf("unknown store %q (valid: %s)", a.db, strings.Join(store.Names(), ", "))}
	} else if b.Persistent != (a.dbpath != "") {
		_, err := store.Open(ctx, a.db, a.dbpath) // says which flag is wrong
		return nil, err
	}
	s, err := store.Open(ctx, a.db, a.dbpath)
	if err != nil {
		return nil, err
	}
	if s.Backend().Persistent {
		return s, nil
	}
	m, err := a.iris()
	if err != nil {
		s.Close()
		return nil, err
	}
	files, err := a.readData(nil)
	if err != nil {
		s.Close()
		return nil, err
	}
	if _, err := s.Replace(ctx, mapping.All(m, files)); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// graphIRI resolves --graph: a report ID, or the full IRI of a graph.
func (a *app) graphIRI(ctx context.Context, s *store.Store, arg string) (quad.Value, error) {
	if arg == "" {
		return nil, nil
	}
	m, err := a.iris()
	if err != nil {
		return nil, err
	}
	want := quad.IRI(strings.Trim(arg, "<>"))
	if !strings.Contains(arg, ":") {
		want = m.Graph(arg)
	}
	graphs, err := s.Graphs(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, g := range graphs {
		if g == want {
			return want, nil
		}
		names = append(names, g.String())
	}
	return nil, &exitError{code: 1, msg: fmt.Sprintf("graph %s is not in the store; graphs: %s", want, strings.Join(names, " "))}
}
