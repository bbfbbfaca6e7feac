package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/store"
)

// checkOptions are check's options: it has only the global ones.
type checkOptions struct{}

func (a *app) checkCmd() *cobra.Command {
	o := &checkOptions{}
	return &cobra.Command{
		Use:   "check",
		Short: "Check a bolt store for damage: its pages, Cayley's records and every report against its load",
		Long: `check reads the bolt store that --db bolt and --dbpath select, without
changing it, three ways:

  - the file's pages: a walk of its own, before the store is opened, then
    bbolt's consistency check (bbolt keeps no checksums of its own, so
    this finds broken structure, not changed bytes);
  - Cayley's records: every quad's nodes exist, every node's reference count
    covers the quads that use it, every node is found by its value;
  - every report's quads against the digest (SHA-256 of its canonical quads)
    that its load recorded: a changed byte in a literal shows here.

It prints one line per check and per report, and exits with status 1 when
it finds damage: restore the store from a backup ('confgraph backup'), or
load the damaged reports again with 'confgraph load --replace'. A report
loaded before confgraph recorded digests is listed as having none; loading
it again records one.

check works on bolt stores only. For PostgreSQL use the server's own tools
(amcheck, pg_dump for backups).`,
		Example: `  confgraph check --db bolt --dbpath ./cg.db`,
		Args:    args(noArgs),
		RunE:    func(cmd *cobra.Command, _ []string) error { return a.runCheck(cmd.Context(), o) },
	}
}

func (a *app) runCheck(ctx context.Context, _ *checkOptions) error {
	if b, ok := store.Lookup(a.DB); ok && b.Name != "bolt" {
		return fail(2, "check works on bolt stores only (--db bolt --dbpath DIR), not on %s%s", a.DB, sqlToolsHint(b))
	}
	// The pages first, before bbolt and Cayley read them: a page tree
	// that refers back into itself would make opening the store loop.
	if a.DBPath != "" {
		if damage, _ := store.CheckPages(a.DBPath); len(damage) > 0 {
			fmt.Fprintf(a.stdout, "bbolt pages: DAMAGED\n")
			for _, p := range damage {
				fmt.Fprintf(a.stdout, "  %s\n", p)
			}
			return fail(1, "damage found in the bolt store at %s: its pages are damaged; restore it from a backup; nothing was changed", a.DBPath)
		}
	}
	s, err := a.ws().OpenReadOnly(ctx)
	var de *store.DamagedError
	if errors.As(err, &de) {
		fmt.Fprintf(a.stdout, "bbolt pages: DAMAGED: %s\n", de.Detail)
		return fail(1, "damage found in the bolt store at %s (%s): restore it from a backup; nothing was changed", a.DBPath, de.File)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := s.Check(ctx)
	if err != nil {
		return err
	}
	section := func(name string, problems []string) {
		if len(problems) == 0 {
			fmt.Fprintf(a.stdout, "%s: ok\n", name)
			return
		}
		fmt.Fprintf(a.stdout, "%s: DAMAGED\n", name)
		for _, p := range problems {
			fmt.Fprintf(a.stdout, "  %s\n", p)
		}
	}
	section("bbolt pages", r.Bolt)
	if r.Unreadable != "" && len(r.Bolt) == 0 {
		section("Cayley records", append(r.Cayley, r.Unreadable))
	} else if len(r.Bolt) == 0 {
		section("Cayley records", r.Cayley)
	}
	ws := a.ws()
	var damaged, undigested []string
	for _, g := range r.Graphs {
		name := ws.ReportOf(quad.IRI(strings.TrimSuffix(strings.TrimPrefix(g.Graph, "<"), ">")))
		kind := "report"
		if strings.HasPrefix(name, "<") {
			kind = "graph" // not a report's (the vocabulary, an RDF file's)
		}
		switch g.Status {
		case store.GraphOK:
			fmt.Fprintf(a.stdout, "%s %s: ok (%d quads)\n", kind, name, g.Found.Quads)
		case store.GraphChanged:
			damaged = append(damaged, name)
			fmt.Fprintf(a.stdout, "%s %s: DAMAGED: its quads differ from those loaded (%d quads loaded, %d now; sha256 %.12s… at load, %.12s… now)\n",
				kind, name, g.Recorded.Quads, g.Found.Quads, g.Recorded.SHA256, g.Found.SHA256)
		case store.GraphMissing:
			damaged = append(damaged, name)
			fmt.Fprintf(a.stdout, "%s %s: DAMAGED: its %d quads are gone\n", kind, name, g.Recorded.Quads)
		case store.GraphNoDigest:
			undigested = append(undigested, name)
			fmt.Fprintf(a.stdout, "%s %s: no digest recorded (%d quads; loaded before confgraph recorded digests: load it again to record one)\n", kind, name, g.Found.Quads)
		}
	}
	if !r.Damaged() {
		if !a.Quiet {
			fmt.Fprintf(a.stderr, "no damage found in the bolt store at %s (%d graph(s), %d without a digest)\n", a.DBPath, len(r.Graphs), len(undigested))
		}
		return nil
	}
	what := "its pages or records are damaged"
	if len(damaged) > 0 {
		what = fmt.Sprintf("%d report(s) changed since their load: %s", len(damaged), strings.Join(damaged, " "))
	}
	return fail(1, "damage found in the bolt store at %s: %s; restore it from a backup, or load the damaged reports again with 'confgraph load --replace'", a.DBPath, what)
}

// sqlToolsHint points a SQL backend at the server's own tools.
func sqlToolsHint(b store.Backend) string {
	if b.Check == nil || !b.Persistent {
		return " (it keeps nothing on disk)"
	}
	return "; for PostgreSQL use the server's tools: pg_dump for a backup (pg_dump -Fc -t nodes -t quads DBNAME > confgraph.dump, pg_restore to restore), amcheck for damage"
}
