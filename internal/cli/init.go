package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/store"
)

// initOptions are init's options: it has only the global ones.
type initOptions struct{}

func (a *app) initCmd() *cobra.Command {
	o := &initOptions{}
	return &cobra.Command{
		Use:   "init",
		Short: "Create an empty persistent store (a bolt directory, PostgreSQL or CockroachDB tables)",
		Long: `init creates the store that --db and --dbpath select, without loading
anything: the bolt store (a directory), or the tables nodes and quads in an existing
PostgreSQL or CockroachDB database. A store that exists is left as it is, so
init is safe to repeat. 'confgraph load' does the same on first use.

The database itself must exist (createdb confgraph, or CREATE DATABASE);
init says so, and whether the server answers at all, within a few seconds.`,
		Example: `  confgraph init --db bolt --dbpath ./cg.db
  confgraph init --db postgres --dbpath 'postgres://confgraph:secret@127.0.0.1:5432/confgraph?sslmode=disable'
  confgraph init --db cockroach --dbpath 'postgresql://root@127.0.0.1:26257/confgraph?sslmode=disable'`,
		Args: args(noArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runInit(cmd.Context(), o) },
	}
}

func (a *app) runInit(ctx context.Context, _ *initOptions) error {
	b, ok := store.Lookup(a.DB)
	if ok && !b.Persistent {
		return fail(2, "init: store %s keeps nothing, so there is nothing to create; choose a persistent one with --db (bolt, postgres, cockroach) and --dbpath", a.DB)
	}
	created, err := store.Init(ctx, a.DB, a.DBPath)
	if err != nil {
		return &exitError{code: 1, msg: "init: " + message(err)}
	}
	where := a.DBPath
	if ok && b.Check != nil {
		where = store.DescribeDSN(a.DBPath)
	}
	if !a.Quiet {
		if created {
			fmt.Fprintf(a.stderr, "created an empty %s store at %s\n", a.DB, where)
		} else {
			fmt.Fprintf(a.stderr, "the %s store at %s exists already; left as it is\n", a.DB, where)
		}
	}
	return nil
}
