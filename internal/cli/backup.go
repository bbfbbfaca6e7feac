package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/store"
)

// backupOptions are backup's flags.
type backupOptions struct {
	Out string // -o: the file to write
}

func (o *backupOptions) bind(f *pflag.FlagSet) {
	f.StringVarP(&o.Out, "output", "o", "", "file to write the copy to (a new file; required)")
}

func (a *app) backupCmd() *cobra.Command {
	o := &backupOptions{}
	cmd := &cobra.Command{
		Use:   "backup -o FILE",
		Short: "Write a consistent copy of a bolt store to a file",
		Long: `backup writes a copy of the bolt store that --db bolt and --dbpath select
to FILE: one consistent snapshot, taken in a single read transaction, so it
is safe while the store is being read. The copy is the store's
indexes.bolt; to restore it, put it in a directory of its own under that
name:

  mkdir restored.db && cp FILE restored.db/indexes.bolt

FILE must not exist; the copy is written beside it and renamed into place
when complete. backup works on bolt stores only; for PostgreSQL use
pg_dump (pg_dump -Fc -t nodes -t quads DBNAME > confgraph.dump, restore with
pg_restore).`,
		Example: `  confgraph backup --db bolt --dbpath ./cg.db -o cg-2024-07-01.bolt`,
		Args:    args(noArgs),
		RunE:    func(cmd *cobra.Command, _ []string) error { return a.runBackup(cmd.Context(), o) },
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runBackup(ctx context.Context, o *backupOptions) error {
	if o.Out == "" {
		return usage(errors.New("backup needs -o FILE, the file to write the copy to"))
	}
	if b, ok := store.Lookup(a.DB); ok && b.Name != "bolt" {
		return fail(2, "backup works on bolt stores only (--db bolt --dbpath DIR), not on %s%s", a.DB, sqlToolsHint(b))
	}
	if _, err := os.Lstat(o.Out); err == nil {
		return fail(1, "%s exists; backup writes a new file: remove it or choose another name", o.Out)
	}
	s, err := a.ws().OpenReadOnly(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	tmp, err := os.CreateTemp(filepath.Dir(o.Out), "."+filepath.Base(o.Out)+".*.tmp")
	if err != nil {
		return fail(1, "cannot write the backup beside %s: %v", o.Out, err)
	}
	n, err := s.Backup(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		// Link rather than rename: a file that appeared meanwhile is
		// not replaced.
		err = os.Link(tmp.Name(), o.Out)
	}
	os.Remove(tmp.Name())
	if err != nil {
		var de *store.DamagedError
		if errors.As(err, &de) {
			return err
		}
		return fail(1, "backup to %s failed: %v; nothing was written", o.Out, err)
	}
	if !a.Quiet {
		fmt.Fprintf(a.stderr, "wrote a backup of the bolt store at %s to %s (%d bytes); restore it with: mkdir DIR && cp %s DIR/%s\n",
			a.DBPath, o.Out, n, o.Out, store.BoltFile)
	}
	return nil
}
