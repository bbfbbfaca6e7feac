package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/store"
)

func init() { register((*app).initCmd) }

func (a *app) initCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Create an empty persistent store (bolt file, PostgreSQL or CockroachDB tables)",
		Long: `init creates the store that --db and --dbpath select, without loading
anything: the bolt file, or the tables nodes and quads in an existing
PostgreSQL or CockroachDB database. A store that exists is left as it is, so
init is safe to repeat. 'confgraph load' does the same on first use.

The database itself must exist (createdb confgraph, or CREATE DATABASE);
init says so, and whether the server answers at all, within a few seconds.`,
		Example: `  confgraph init --db bolt --dbpath ./cg.db
  confgraph init --db postgres --dbpath 'postgres://confgraph:secret@127.0.0.1:5432/confgraph?sslmode=disable'
  confgraph init --db cockroach --dbpath 'postgresql://root@127.0.0.1:26257/confgraph?sslmode=disable'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, ok := storeBackend(a.db)
			if ok && !b.Persistent {
				return &exitError{code: 2, msg: fmt.Sprintf("init: store %s keeps nothing, so there is nothing to create; choose a persistent one with --db (bolt, postgres, cockroach) and --dbpath", a.db)}
			}
			created, err := store.Init(cmd.Context(), a.db, a.dbpath)
			if err != nil {
				msg, _, _ := explain(err)
				return &exitError{code: 1, msg: "init: " + msg}
			}
			where := a.dbpath
			if ok && b.Check != nil {
				where = store.DescribeDSN(a.dbpath)
			}
			if !a.quiet {
				if created {
					fmt.Fprintf(a.stderr, "created an empty %s store at %s\n", a.db, where)
				} else {
					fmt.Fprintf(a.stderr, "the %s store at %s exists already; left as it is\n", a.db, where)
				}
			}
			return nil
		},
	}
}

// storeBackend returns the registered store backend called name.
func storeBackend(name string) (store.Backend, bool) {
	for _, b := range store.Backends() {
		if b.Name == name {
			return b, true
		}
	}
	return store.Backend{}, false
}
